// The work list of a demo specialist on the demo data (SPEC §10, issue 4): exactly the expected items, most urgent
// first, and overdue items rising to the top as time passes. Both backends.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include <boost/json/serialize.hpp>
#include <soci/soci.h>

#include "app/auth.hpp"
#include "demo/demo.hpp"
#include "storage/users.hpp"
#include "support/test_server.hpp"
#include "support/worklist_oracle.hpp"
#include "util/password.hpp"

namespace patronage::testing {
namespace {

class DemoWorkList : public ::testing::TestWithParam<storage::Backend> {};

// Labels that do not depend on random ids: "kind:family address" for case items, "signal:source" for signals,
// with ":overdue" when the item is overdue.
class Labeller {
public:
  explicit Labeller(TestServer& server) {
    auto loaded = server.db().transact([&](storage::Tx& tx) -> util::Status {
      soci::rowset<soci::row> cases =
          (tx.sql().prepare << "SELECT c.id, h.address FROM cases c JOIN households h ON h.id = c.household_id");
      for (const auto& row : cases) {
        m_names[row.get<std::string>(0)] = row.get<std::string>(1);
      }
      soci::rowset<soci::row> signals = (tx.sql().prepare << "SELECT id, source FROM signals");
      for (const auto& row : signals) {
        m_names[row.get<std::string>(0)] = row.get<std::string>(1);
      }
      return {};
    });
    EXPECT_TRUE(loaded);
  }

  std::vector<std::string> labels(TestClient& client) {
    auto res = client.get("/api/v1/worklist");
    EXPECT_EQ(res.status, 200) << res.body;
    std::vector<std::string> out;
    const auto json = res.json();
    for (const auto& item : json.at("items").as_array()) {
      const auto& o = item.as_object();
      const std::string kind(o.at("kind").as_string());
      const bool is_signal = kind == "signal_triage";
      const std::string id(o.at(is_signal ? "signal_id" : "case_id").as_string());
      out.push_back((is_signal ? std::string("signal") : kind) + ":" + m_names[id] +
                    (o.at("overdue").as_bool() ? ":overdue" : ""));
    }
    return out;
  }

  // The id of a labelled case or signal.
  std::string id_of(const std::string& name) const {
    for (const auto& [id, label] : m_names) {
      if (label == name) {
        return id;
      }
    }
    return "";
  }

private:
  std::map<std::string, std::string> m_names;
};

// Two signals received at the same time of day on Saturday and Sunday share their routine deadline (the 10th
// working day): their order follows their random ids, so the pair is compared sorted.
std::vector<std::string> sorted_ties(std::vector<std::string> labels) {
  const std::string a = "signal:police_juvenile_unit";
  const std::string b = "signal:self_referral";
  for (size_t i = 0; i + 1 < labels.size(); ++i) {
    if ((labels[i] == b && labels[i + 1] == a)) {
      std::swap(labels[i], labels[i + 1]);
    }
  }
  return labels;
}

const std::string k_lenina = "г. Энск, ул. Ленина, д. 12, кв. 34"; // ivanova's active intensive case (demo family 0)

TEST_P(DemoWorkList, TheDemoSpecialistSeesHerItemsMostUrgentFirstAndOverdueOnesRiseToTheTop) {
  TestServer server(GetParam()); // 2026-11-23T09:00:00Z, a Monday
  const auto loaded = demo::load(server.services(), [](const std::string& password) {
    return util::hash_password(password, util::PasswordCost{1, size_t{1} << 16});
  });
  ASSERT_TRUE(loaded && *loaded);
  Labeller labeller(server);
  TestClient ivanova(server.port());
  ASSERT_EQ(ivanova.login("ivanova", "demo-spec-2026").status, 200);

  // ivanova leads demo families 0, 2, 4, 6, 8 and 10; only family 0 (active) has anything due: the overdue clinic
  // referral (due 5 days ago), the overdue plan measure (4 days ago), the early warning of the child-safety
  // concern at the visit 10 days ago (after the latest needs assessment, 14 days ago), the measure due in 3
  // days and the home visit planned in 5 days (a planned visit before the rate's deadline is the next one, issue 13
  // point 5; by the medium rate alone the next visit, 30 days after the last, would be beyond the week). Family
  // 4 (closing) was assessed low: no visit within the week. Every demo signal waits for triage: emergency ones
  // (24 hours) after the overdue items, urgent ones (3 days) and routine ones (10 working days) by deadline.
  const std::vector<std::string> expected_today{
      "referral_overdue:" + k_lenina + ":overdue", // due 2026-11-18
      "measure_due:" + k_lenina + ":overdue",      // due 2026-11-19
      "signal:neighbour",                          // emergency, 2026-11-24 07:00
      "signal:hotline",                            // emergency, 2026-11-24 08:00
      "early_warning:" + k_lenina,                 // today
      "signal:anonymous",                          // urgent, 2026-11-24 17:00
      "signal:kindergarten",                       // urgent, 2026-11-25 03:00
      "signal:school",                             // urgent, 2026-11-25 13:00
      "signal:relative",                           // urgent, 2026-11-25 23:00
      "measure_due:" + k_lenina,                   // 2026-11-26
      "visit_due:" + k_lenina,                     // planned for 2026-11-28
      "signal:commission_for_minors",              // routine, received Thu → 2026-12-03 15:00
      "signal:police_juvenile_unit",               // routine, received Sat 07:00 → 2026-12-04 07:00
      "signal:self_referral",                      // routine, received Sun 07:00 → 2026-12-04 07:00
      "signal:clinic",                             // routine, received Fri 11:00 → 2026-12-04 11:00
      "signal:guardianship_authority",             // routine, received Mon → 2026-12-07 04:00
  };
  EXPECT_EQ(sorted_ties(labeller.labels(ivanova)), expected_today);

  // Three days later every emergency and urgent signal is past its deadline: they join the overdue items at the
  // top, by due time; the measure due today is not overdue yet.
  server.clock().set(*util::parse_timestamp("2026-11-26T09:00:00Z"));
  TestClient later(server.port());
  ASSERT_EQ(later.login("ivanova", "demo-spec-2026").status, 200);
  const std::vector<std::string> expected_later{
      "referral_overdue:" + k_lenina + ":overdue",
      "measure_due:" + k_lenina + ":overdue",
      "signal:neighbour:overdue",
      "signal:hotline:overdue",
      "signal:anonymous:overdue",
      "signal:kindergarten:overdue",
      "signal:school:overdue",
      "signal:relative:overdue",
      "early_warning:" + k_lenina, // today, like the measure: by kind
      "measure_due:" + k_lenina,
      "visit_due:" + k_lenina,
      "signal:commission_for_minors",
      "signal:police_juvenile_unit",
      "signal:self_referral",
      "signal:clinic",
      "signal:guardianship_authority",
  };
  EXPECT_EQ(sorted_ties(labeller.labels(later)), expected_later);
}

// Issue 16: the whole demo region, loaded through the use cases, has a stored due row for every open case equal to
// a fresh derivation, and every demo account's work list equals the one computed the old way
// (tests/support/worklist_oracle.hpp), today and a month on.
TEST_P(DemoWorkList, TheDemoRegionsStoredDueItemsEqualAFreshDerivationForEveryCase) {
  TestServer server(GetParam());
  const auto loaded = demo::load(server.services(), [](const std::string& password) {
    return util::hash_password(password, util::PasswordCost{1, size_t{1} << 16});
  });
  ASSERT_TRUE(loaded && *loaded);
  int compared = 0;
  ASSERT_TRUE(server.db().read([&](storage::Tx& tx) -> util::Status {
    compared = expect_case_due_fresh(tx, server.services(), "the demo region");
    return {};
  }));
  EXPECT_GE(compared, 5);
  const app::RequestMeta meta{"10.0.0.1", "req-1"};
  for (int month = 0; month < 2; ++month) {
    for (const auto& account : demo::accounts()) {
      auto user = server.db().read([&](storage::Tx& tx) -> util::Result<std::optional<storage::UserRecord>> {
        return storage::find_user_by_login(tx, account.login);
      });
      ASSERT_TRUE(user && *user) << account.login;
      expect_work_list_as_before(server.services(), app::actor_of(**user), meta,
                                 account.login + (month == 0 ? " today" : " a month on"));
    }
    server.clock().advance(std::chrono::days{31});
  }
}

TEST_P(DemoWorkList, TheFirstDemoFamilyHasAFullCaseOnTheApi) {
  TestServer server(GetParam());
  const auto loaded = demo::load(server.services(), [](const std::string& password) {
    return util::hash_password(password, util::PasswordCost{1, size_t{1} << 16});
  });
  ASSERT_TRUE(loaded && *loaded);
  const Labeller labeller(server);
  const std::string path = "/api/v1/cases/" + labeller.id_of(k_lenina);
  TestClient ivanova(server.port());
  ASSERT_EQ(ivanova.login("ivanova", "demo-spec-2026").status, 200);

  auto assessments = ivanova.get(path + "/assessments");
  ASSERT_EQ(assessments.status, 200) << assessments.body;
  std::vector<std::string> kinds;
  const auto listed = assessments.json();
  for (const auto& item : listed.at("items").as_array()) {
    kinds.emplace_back(item.at("kind").as_string());
  }
  EXPECT_EQ(kinds, (std::vector<std::string>{"needs", "ecomap", "needs", "inspection"})) << "newest first";

  auto map = ivanova.get(path + "/map-of-changes");
  ASSERT_EQ(map.status, 200) << map.body;
  const auto changes = map.json();
  EXPECT_EQ(changes.at("level_before"), "high");
  EXPECT_EQ(changes.at("level_after"), "medium");
  EXPECT_EQ(changes.at("outcome"), "improved");

  auto plans = ivanova.get(path + "/plans");
  ASSERT_EQ(plans.status, 200) << plans.body;
  const auto plan_items = plans.json().at("items").as_array();
  ASSERT_EQ(plan_items.size(), 1U);
  EXPECT_EQ(plan_items.at(0).at("approved"), true);
  EXPECT_EQ(plan_items.at(0).at("measures").as_array().size(), 3U);

  auto services = ivanova.get(path + "/services");
  ASSERT_EQ(services.status, 200) << services.body;
  EXPECT_EQ(services.json().at("items").as_array().size(), 2U);

  const auto page = ivanova.get(path).json();
  EXPECT_EQ(page.at("risk").at("level"), "medium");
  EXPECT_EQ(page.at("early_warnings").at(0).at("kind"), "child_safety_concern");

  // Issue 15: the demo's specialist measures name the lead and the psychologist by id (the printed plan shows
  // their names), the family's its words; the same measures pass the rule when the lead makes a new version.
  const auto& measures = plan_items.at(0).at("measures").as_array();
  EXPECT_EQ(measures.at(0).at("responsible_ref"), "мать");
  EXPECT_EQ(measures.at(1).at("responsible_ref"), page.at("lead_id"));
  EXPECT_NE(measures.at(2).at("responsible_ref"), page.at("lead_id"));
  const auto& current = plan_items.at(0);
  boost::json::array copied;
  for (const auto& m : measures) {
    boost::json::object measure;
    for (const char* key : {"goal_id", "patronage_type", "what", "responsible_kind", "responsible_ref", "due_on"}) {
      measure[key] = m.at(key);
    }
    copied.push_back(std::move(measure));
  }
  const auto version = ivanova.post_json(
      path + "/plans", boost::json::serialize(boost::json::object{{"period_from", current.at("period_from")},
                                                                  {"period_to", current.at("period_to")},
                                                                  {"term", current.at("term")},
                                                                  {"goals", current.at("goals")},
                                                                  {"measures", std::move(copied)}}));
  EXPECT_EQ(version.status, 201) << version.body;
}

INSTANTIATE_TEST_SUITE_P(Backends, DemoWorkList, ::testing::ValuesIn(test_backends()),
                         [](const auto& info) { return backend_name(info.param); });

} // namespace
} // namespace patronage::testing
