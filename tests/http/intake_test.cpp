#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "storage/audit.hpp"
#include "storage/cases.hpp"
#include "support/problems.hpp"
#include "support/test_server.hpp"
#include "util/crypto.hpp"

namespace patronage::testing {
namespace {

class HttpIntake : public ::testing::TestWithParam<storage::Backend> {
protected:
  HttpIntake() : server(GetParam()) {
    region = server.add_unit("Region", "region");
    dept = server.add_unit("Department", "department", region);
    server.add_user("head", "head", dept);
    specialist_id = server.add_user("spec", "specialist", dept);
    server.add_user("secretary", "secretary", dept);
    server.add_user("volunteer", "volunteer", dept);
  }

  TestClient signed_in(const std::string& login) {
    TestClient client(server.port());
    EXPECT_EQ(client.login(login).status, 200);
    return client;
  }

  static HttpResult send(TestClient& client, const std::string& method, const std::string& target,
                         const boost::json::value& body) {
    return client.request(method, target, boost::json::serialize(body), {{"Content-Type", "application/json"}});
  }

  std::string create_household(TestClient& client, const std::string& address) {
    auto res = send(client, "POST", "/api/v1/households",
                    {{"address", address}, {"phone", "+7 900 1"}, {"categories", {"low_income"}}, {"notes", ""}});
    EXPECT_EQ(res.status, 201) << res.body;
    return std::string(res.json().at("id").as_string());
  }

  long long audit_rows(const std::string& action, const std::string& entity_id) {
    return server.db()
        .transact([&](storage::Tx& tx) -> util::Result<long long> {
          storage::AuditFilter filter;
          filter.entity_id = entity_id;
          filter.limit = 1000;
          long long n = 0;
          for (const auto& e : storage::list_audit(tx, filter)) {
            n += e.action == action ? 1 : 0;
          }
          return n;
        })
        .value_or(-1);
  }

  static bool names_field(const HttpResult& res, const std::string& field) {
    const auto json = res.json();
    if (!json.is_object() || !json.as_object().contains("errors")) {
      return false;
    }
    for (const auto& e : json.at("errors").as_array()) {
      if (e.at("field").as_string() == field) {
        return true;
      }
    }
    return false;
  }

  TestServer server;
  std::string region, dept, specialist_id;
};

TEST_P(HttpIntake, HouseholdLifecycleWithAccessRulesAndHistory) {
  auto head = signed_in("head");
  const auto id = create_household(head, "г. Самара, ул. Победы, д. 86, кв. 3");
  auto person = send(head, "POST", "/api/v1/households/" + id + "/persons",
                     {{"last_name", "Петрова"},
                      {"first_name", "Мария"},
                      {"birth_date", "1988-01-01"},
                      {"sex", "female"},
                      {"household_role", "mother"},
                      {"sensitive", {{"health", "diabetes"}, {"addiction", ""}}}});
  ASSERT_EQ(person.status, 201) << person.body;
  const std::string person_id(person.json().at("id").as_string());
  EXPECT_TRUE(person.json().at("duplicates").as_array().empty());

  auto read = head.get("/api/v1/households/" + id);
  ASSERT_EQ(read.status, 200);
  const auto read_json = read.json();
  const auto& member = read_json.at("members").at(0);
  EXPECT_EQ(member.at("last_name").as_string(), "Петрова");
  EXPECT_EQ(member.at("sensitive").at("health").as_string(), "diabetes");
  EXPECT_EQ(audit_rows("household.read", id), 1);
  EXPECT_EQ(audit_rows("person.sensitive_read", person_id), 1);

  // No case holds the family yet: the unit's specialists may register it (intake).
  EXPECT_EQ(signed_in("spec").get("/api/v1/households/" + id).status, 200);
  // Roles with no access to family data: 404.
  for (const auto* login : {"secretary", "volunteer"}) {
    SCOPED_TRACE(login);
    auto other = signed_in(login);
    auto denied = other.get("/api/v1/households/" + id);
    EXPECT_EQ(denied.status, 404);
    EXPECT_EQ(denied.body.find("diabetes"), std::string::npos);
    EXPECT_EQ(other.get("/api/v1/households/" + id + "/history").status, 404);
  }

  // Once the specialist is on a case of the household, they see it.
  ASSERT_TRUE(server.db().transact([&](storage::Tx& tx) -> util::Status {
    storage::CaseRecord c;
    c.id = util::random_id();
    c.unit_id = dept;
    c.household_id = id;
    c.state = domain::CaseState::assessment;
    c.state_entered_on = "2026-11-23";
    c.opened_on = "2026-11-23";
    storage::insert_case(tx, c);
    storage::upsert_case_member(tx, {c.id, specialist_id, "lead", 0});
    return {};
  }));
  auto spec = signed_in("spec");
  EXPECT_EQ(spec.get("/api/v1/households/" + id).status, 200);

  // Optimistic concurrency: the second writer with the old version gets 409 and changes nothing.
  server.clock().advance(std::chrono::minutes{1});
  auto first = send(head, "PATCH", "/api/v1/households/" + id, {{"version", 1}, {"address", "ул. Новая, 5"}});
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(first.json().at("version").as_int64(), 2);
  auto stale = send(spec, "PATCH", "/api/v1/households/" + id, {{"version", 1}, {"notes", "late"}});
  EXPECT_EQ(stale.status, 409);
  EXPECT_EQ(stale.json().at("type").as_string(), "urn:patronage:problem:record.stale_version");
  auto after = head.get("/api/v1/households/" + id);
  EXPECT_EQ(after.json().at("address").as_string(), "ул. Новая, 5");
  EXPECT_EQ(after.json().at("notes").as_string(), "");

  auto history = head.get("/api/v1/households/" + id + "/history");
  ASSERT_EQ(history.status, 200);
  const auto history_json = history.json();
  const auto& items = history_json.at("items").as_array();
  const auto& update = items.back().at("changes").at(0);
  EXPECT_EQ(update.at("field").as_string(), "address");
  EXPECT_EQ(update.at("new").as_string(), "ул. Новая, 5");
  EXPECT_EQ(history.body.find("diabetes"), std::string::npos) << "sensitive values never enter the history";
  EXPECT_EQ(audit_rows("household.history_read", id), 1);

  // PUT sensitive, then PATCH the person with a stale version.
  auto put = send(spec, "PUT", "/api/v1/persons/" + person_id + "/sensitive", {{"health", "asthma"}});
  ASSERT_EQ(put.status, 200) << put.body;
  EXPECT_EQ(put.json().at("health").as_string(), "asthma");
  EXPECT_EQ(send(spec, "PATCH", "/api/v1/persons/" + person_id, {{"version", 1}, {"school", "No. 5"}}).status, 200);
  EXPECT_EQ(send(spec, "PATCH", "/api/v1/persons/" + person_id, {{"version", 1}, {"school", "No. 6"}}).status, 409);
}

TEST_P(HttpIntake, SnilsIsCheckedAsAFieldAndShownWithTheSensitiveFields) {
  auto head = signed_in("head");
  const auto id = create_household(head, "ул. Ленина, 2");
  auto bad = send(head, "POST", "/api/v1/households/" + id + "/persons",
                  {{"last_name", "Иванова"},
                   {"first_name", "Анна"},
                   {"sex", "female"},
                   {"household_role", "mother"},
                   {"snils", "112-233-445 96"}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(type_of(bad), problem_uri("validation.failed"));
  EXPECT_TRUE(names_field(bad, "snils")) << bad.body;
  auto good = send(head, "POST", "/api/v1/households/" + id + "/persons",
                   {{"last_name", "Иванова"},
                    {"first_name", "Анна"},
                    {"sex", "female"},
                    {"household_role", "mother"},
                    {"snils", "112-233-445 95"}});
  ASSERT_EQ(good.status, 201) << good.body;
  EXPECT_EQ(good.json().at("snils").as_string(), "11223344595");
  const std::string person_id(good.json().at("id").as_string());
  auto patched = send(head, "PATCH", "/api/v1/persons/" + person_id, {{"version", 1}, {"snils", "11223344596"}});
  EXPECT_EQ(patched.status, 422);
  EXPECT_TRUE(names_field(patched, "snils")) << patched.body;
  const auto member = head.get("/api/v1/households/" + id).json().at("members").at(0);
  EXPECT_EQ(member.at("snils").as_string(), "11223344595");
}

TEST_P(HttpIntake, BadInputIs422NamingTheFieldAndWritesNothing) {
  auto head = signed_in("head");
  const auto id = create_household(head, "ул. Ленина, 1");
  auto bad = send(head, "POST", "/api/v1/households/" + id + "/persons",
                  {{"last_name", "Иванова"},
                   {"first_name", "Анна"},
                   {"birth_date", "2030-01-01"},
                   {"sex", "female"},
                   {"household_role", "mother"},
                   {"sensitive", {{"hair", "red"}}},
                   {"shoe_size", 38}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_TRUE(names_field(bad, "sensitive.hair")) << bad.body;
  EXPECT_TRUE(names_field(bad, "shoe_size"));
  bad = send(head, "POST", "/api/v1/households/" + id + "/persons",
             {{"last_name", "Иванова"}, {"first_name", "Анна"}, {"birth_date", "2030-01-01"}, {"sex", "female"},
              {"household_role", "mother"}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_TRUE(names_field(bad, "birth_date")) << bad.body;
  EXPECT_EQ(send(head, "PATCH", "/api/v1/households/" + id, {{"address", "x"}}).status, 422) << "version is required";
  EXPECT_TRUE(head.get("/api/v1/households/" + id).json().at("members").as_array().empty());

  auto bad_signal = send(head, "POST", "/api/v1/signals",
                         {{"received_at", "2026-11-23T08:00:00Z"},
                          {"source", "school"},
                          {"reported", "x"},
                          {"urgency", "urgent"},
                          {"persons", {{{"last_name", "A"}, {"age", 5}}}}});
  EXPECT_EQ(bad_signal.status, 422);
  EXPECT_TRUE(names_field(bad_signal, "persons[0].age")) << bad_signal.body;
  EXPECT_TRUE(head.get("/api/v1/signals?open=true").json().at("items").as_array().empty());
}

TEST_P(HttpIntake, DuplicateCheckAcrossScripts) {
  auto head = signed_in("head");
  const auto id = create_household(head, "Самара, ул. Победы, 86-3");
  auto olga = send(head, "POST", "/api/v1/households/" + id + "/persons",
                   {{"last_name", "Shcherbakova"},
                    {"first_name", "Olga"},
                    {"birth_date", "1985-03-14"},
                    {"sex", "female"},
                    {"household_role", "mother"}});
  ASSERT_EQ(olga.status, 201);
  auto spec = signed_in("spec");
  auto found = send(spec, "POST", "/api/v1/duplicates/persons",
                    {{"last_name", "Щербакова"},
                     {"first_name", "Ольга"},
                     {"patronymic", "Ивановна"},
                     {"birth_date", "1985-03-14"},
                     {"address", ""}});
  ASSERT_EQ(found.status, 200) << found.body;
  const auto found_json = found.json();
  const auto& items = found_json.at("items").as_array();
  ASSERT_EQ(items.size(), 1U);
  EXPECT_EQ(items[0].at("person_id"), olga.json().at("id"));
  EXPECT_EQ(items[0].at("household_id").as_string(), id);
  EXPECT_EQ(items[0].at("name").as_string(), "Shcherbakova Olga");
  EXPECT_EQ(items[0].at("birth_date").as_string(), "1985-03-14");
  EXPECT_GE(items[0].at("score").as_double(), 0.6);
  auto volunteer = signed_in("volunteer");
  EXPECT_EQ(send(volunteer, "POST", "/api/v1/duplicates/persons", {{"last_name", "Щербакова"}}).status, 403);
}

TEST_P(HttpIntake, SignalIntakeAndTriage) {
  auto head = signed_in("head");
  const auto household_id = create_household(head, "г. Самара, ул. Победы, д. 86, кв. 3");
  auto spec = signed_in("spec");
  auto created = send(spec, "POST", "/api/v1/signals",
                      {{"received_at", "2026-11-23T08:00:00Z"},
                       {"source", "police_juvenile_unit"},
                       {"source_details", "Inspector Ivanov"},
                       {"reported", "Children left alone"},
                       {"address", "Самара, улица Победы, дом 86, квартира 3"},
                       {"persons", {{{"last_name", "Щербакова"}, {"first_name", "Ольга"}}}},
                       {"urgency", "emergency"}});
  ASSERT_EQ(created.status, 201) << created.body;
  const auto signal = created.json();
  const std::string id(signal.at("id").as_string());
  EXPECT_EQ(signal.at("deadline_at").as_string(), "2026-11-24T08:00:00Z");
  EXPECT_TRUE(signal.at("triage").is_null());
  EXPECT_EQ(signal.at("duplicates").at("persons").as_array().size(), 1U);
  EXPECT_EQ(signal.at("duplicates").at("households").at(0).at("household_id").as_string(), household_id);

  auto open = spec.get("/api/v1/signals?open=true");
  ASSERT_EQ(open.status, 200);
  ASSERT_EQ(open.json().at("items").as_array().size(), 1U);
  EXPECT_EQ(spec.get("/api/v1/signals?open=false").status, 400);
  EXPECT_EQ(spec.get("/api/v1/signals/" + id).status, 200);
  EXPECT_EQ(audit_rows("signal.read", id), 1);
  EXPECT_EQ(signed_in("secretary").get("/api/v1/signals/" + id).status, 404);

  auto no_reason = send(spec, "POST", "/api/v1/signals/" + id + "/triage", {{"outcome", "no_grounds"}, {"reason", ""}});
  EXPECT_EQ(no_reason.status, 422);
  EXPECT_TRUE(names_field(no_reason, "reason"));
  auto triaged = send(spec, "POST", "/api/v1/signals/" + id + "/triage",
                      {{"outcome", "open_case"}, {"reason", "Visit needed"}, {"household_id", household_id}});
  ASSERT_EQ(triaged.status, 200) << triaged.body;
  EXPECT_EQ(triaged.json().at("triage").at("outcome").as_string(), "open_case");
  EXPECT_TRUE(triaged.json().at("triage").at("case_id").is_string());
  auto twice = send(head, "POST", "/api/v1/signals/" + id + "/triage", {{"outcome", "no_grounds"}, {"reason", "x"}});
  EXPECT_EQ(twice.status, 409);
  EXPECT_TRUE(spec.get("/api/v1/signals?open=true").json().at("items").as_array().empty());
  EXPECT_EQ(spec.get("/api/v1/households/" + household_id).status, 200) << "the triaging specialist leads the case";
}

INSTANTIATE_TEST_SUITE_P(Backends, HttpIntake, ::testing::ValuesIn(test_backends()),
                         [](const auto& info) { return backend_name(info.param); });

} // namespace
} // namespace patronage::testing
