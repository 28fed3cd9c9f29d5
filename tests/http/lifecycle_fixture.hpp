#pragma once

#include <algorithm>
#include <cctype>
#include <map>
#include <string>
#include <vector>

#include <boost/json.hpp>
#include <sodium.h>

#include "storage/households.hpp"
#include "support/test_server.hpp"
#include "util/crypto.hpp"

namespace patronage::testing {

// The string member `key` of `v`.
inline std::string text(const boost::json::value& v, const char* key) {
  return std::string(v.at(key).as_string());
}

// A centre with staff of every role, a second centre, and a family (mother
// and a minor son) that a case can be opened for.
struct LifecycleWorld {
  explicit LifecycleWorld(storage::Backend backend) : server(backend) {
    region = server.add_unit("Region", "region");
    centre = server.add_unit("Centre", "institution", region);
    department = server.add_unit("Department", "department", centre);
    other_centre = server.add_unit("Other centre", "institution", region);
    ids["admin"] = server.add_user("admin", "admin", region);
    ids["auditor"] = server.add_user("auditor", "auditor", region);
    ids["head"] = server.add_user("head", "head", centre);
    ids["spec"] = server.add_user("spec", "specialist", department);
    ids["spec2"] = server.add_user("spec2", "specialist", department);
    ids["expert"] = server.add_user("expert", "expert", department);
    ids["expert2"] = server.add_user("expert2", "expert", department);
    ids["secretary"] = server.add_user("secretary", "secretary", centre);
    ids["volunteer"] = server.add_user("volunteer", "volunteer", department);
    ids["volunteer2"] = server.add_user("volunteer2", "volunteer", department);
    ids["coordinator"] = server.add_user("coordinator", "coordinator", department);
    ids["other_head"] = server.add_user("other_head", "head", other_centre);
    ids["other_spec"] = server.add_user("other_spec", "specialist", other_centre);
  }

  // A household of the department with a mother (adult) and her minor son.
  std::string add_family(const std::string& last_name = "Иванова") {
    household = util::random_id();
    mother = util::random_id();
    child = util::random_id();
    auto done = server.db().transact([&](storage::Tx& tx) -> util::Status {
      storage::HouseholdRecord h;
      h.id = household;
      h.unit_id = department;
      h.address = "г. Энск, ул. Ленина, д. 1";
      h.created_by = ids["head"];
      storage::insert_household(tx, h);
      storage::PersonRecord son;
      son.id = child;
      son.household_id = household;
      son.last_name = last_name;
      son.first_name = "Пётр";
      son.birth_date = "2015-05-05";
      son.sex = "male";
      son.household_role = "child";
      storage::insert_person(tx, son);
      storage::PersonRecord mum;
      mum.id = mother;
      mum.household_id = household;
      mum.last_name = last_name;
      mum.first_name = "Анна";
      mum.birth_date = "1990-01-01";
      mum.sex = "female";
      mum.household_role = "mother";
      mum.represents = {child};
      storage::insert_person(tx, mum);
      return {};
    });
    if (!done) {
      throw std::runtime_error("add_family failed");
    }
    return household;
  }

  TestClient client(const std::string& login) {
    TestClient c(server.port());
    if (c.login(login).status != 200) {
      throw std::runtime_error("login failed for " + login);
    }
    return c;
  }

  TestServer server;
  std::string region, centre, department, other_centre;
  std::map<std::string, std::string> ids;
  std::string household, mother, child;
};

inline std::string transition(const std::string& to, const std::string& reason = "по плану работы") {
  return boost::json::serialize(boost::json::object{{"to", to}, {"reason", reason}});
}

// "YYYY-MM-DD" `months` after the test server's start day (2026-11-23).
inline std::string months_later(int months) {
  const std::chrono::year_month_day start{std::chrono::year{2026}, std::chrono::month{11}, std::chrono::day{23}};
  return util::format_date(util::Date{start + std::chrono::months{months}});
}

// Whether `items` holds `item`.
inline bool has(const std::vector<std::string>& items, const std::string& item) {
  return std::find(items.begin(), items.end(), item) != items.end();
}

// `text` percent-encoded for a query string (RFC 3986: letters, digits and -._~ kept).
inline std::string encoded(const std::string& text) {
  static constexpr char k_hex[] = "0123456789ABCDEF";
  std::string out;
  for (const unsigned char c : text) {
    if (std::isalnum(c) != 0 || c == '-' || c == '.' || c == '_' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out += '%';
      out += k_hex[c >> 4];
      out += k_hex[c & 15];
    }
  }
  return out;
}

// The body of a council decision registering a case led by `lead` (plus `extra` members, each after a comma).
inline std::string register_decision(const std::string& lead, const std::string& planned_end = months_later(6),
                                     const std::string& extra = "") {
  return R"({"body":"council","meeting_date":"2026-11-23","protocol_number":"17","members_present":["Соколова"],)"
         R"("kind":"register_case","grounds":"заключение консилиума","patronage_types":["psychological"],)"
         R"("lead_specialist_id":")" +
         lead + R"(","intensity":"intensive","planned_end":")" + planned_end + "\"" + extra + "}";
}

// The domains of a needs assessment (SPEC §5).
inline constexpr const char* k_needs_domains[] = {"child_safety", "health",    "housing",  "income",      "employment",
                                                  "parenting",    "addiction", "violence", "social_ties", "education"};

// The body of a needs assessment on `date` scoring each domain: as in `scores`, `others` where not named.
inline std::string needs_assessment(const std::string& date, const std::map<std::string, int>& scores, int others = 0) {
  boost::json::array items;
  for (const char* domain : k_needs_domains) {
    auto it = scores.find(domain);
    items.push_back({{"domain", domain}, {"score", it == scores.end() ? others : it->second}, {"note", "оценка"}});
  }
  return boost::json::serialize(
      boost::json::object{{"kind", "needs"}, {"date", date}, {"data", {{"scores", std::move(items)}}}});
}

// Standard base64 (RFC 4648, padded) of `bytes`, as a file is uploaded in JSON.
inline std::string base64(const std::string& bytes) {
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                    sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.size() - 1); // the terminating NUL
  return out;
}

} // namespace patronage::testing
