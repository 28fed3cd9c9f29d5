// One full casework cycle through the API (SPEC §5, §7, §8, issue 4): a needs assessment finds high risk, a plan
// is made and approved by the head, the family is visited (one visit missed), a service is delivered, and a second
// needs assessment shows the improvement on the map of changes and the case page. Both backends.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "http/lifecycle_fixture.hpp"

namespace patronage::testing {
namespace {

class CaseworkCycle : public ::testing::TestWithParam<storage::Backend> {};

using Json = boost::json::value;
using Scores = std::map<std::string, int>;

// Opens a case for the fixture's family and registers it under patronage on 2026-11-23, led by "spec".
std::string activate(LifecycleWorld& w) {
  w.add_family("Смирнова");
  auto spec = w.client("spec");
  auto secretary = w.client("secretary");
  auto opened = spec.post_json("/api/v1/cases", R"({"household_id":")" + w.household + R"("})");
  EXPECT_EQ(opened.status, 201) << opened.body;
  const std::string path = "/api/v1/cases/" + text(opened.json(), "id");
  auto consent = spec.post_json(path + "/consents", R"({"signed_by":")" + w.mother + R"(","covers":[")" + w.child +
                                                        R"("],"scope":"patronage","signed_on":"2026-11-23"})");
  EXPECT_EQ(consent.status, 201) << consent.body;
  const std::string decision =
      R"({"body":"council","meeting_date":"2026-11-23","protocol_number":"21","members_present":["Соколова М. П."],)"
      R"("kind":"register_case","grounds":"заключение консилиума","patronage_types":["psychological"],)"
      R"("lead_specialist_id":")" +
      w.ids["spec"] + R"(","intensity":"intensive","planned_end":")" + months_later(6) + R"("})";
  auto recorded = secretary.post_json(path + "/decisions", decision);
  EXPECT_EQ(recorded.status, 201) << recorded.body;
  EXPECT_EQ(secretary.post_json("/api/v1/decisions/" + text(recorded.json(), "id") + "/sign", "").status, 200);
  for (const char* to : {"assessment", "awaiting_decision", "active"}) {
    auto moved = spec.post_json(path + "/transitions", transition(to));
    EXPECT_EQ(moved.status, 200) << to << ": " << moved.body;
  }
  return path;
}

TEST_P(CaseworkCycle, FromAHighRiskAssessmentThroughPlanVisitsAndServicesToAnImprovedMapOfChanges) {
  LifecycleWorld w(GetParam());
  const std::string path = activate(w);
  auto spec = w.client("spec");
  auto head = w.client("head");
  ASSERT_EQ(text(spec.get(path).json(), "state"), "active");

  // 1. The first needs assessment: housing and income problems, every other domain at 1 (total 13: high).
  auto first = spec.post_json(path + "/assessments", needs_assessment("2026-11-23", {{"housing", 3}, {"income", 2}}, 1));
  ASSERT_EQ(first.status, 201) << first.body;
  const auto first_json = first.json();
  EXPECT_EQ(first_json.at("risk").at("level"), "high") << first.body;
  auto page = spec.get(path).json();
  EXPECT_EQ(page.at("risk").at("level"), "high");
  EXPECT_EQ(page.at("risk").at("assessed_on"), "2026-11-23");

  // 2. The plan: made by the lead specialist, approved by the head only.
  auto created = spec.post_json(
      path + "/plans",
      R"({"period_from":"2026-11-23","period_to":"2027-02-23","term":"short",)"
      R"("goals":[{"id":"g1","text":"Ремонт отопления в квартире","domain":"housing"},)"
      R"({"id":"g2","text":"Оформление пособий","domain":"income"}],)"
      R"("measures":[{"goal_id":"g1","patronage_type":"economic","what":"Заявка в управляющую компанию",)"
      R"("responsible_kind":"specialist","responsible_ref":")" + w.ids["spec"] + R"(","due_on":"2026-12-01"},)"
      R"({"goal_id":"g2","patronage_type":"economic","what":"Пособие на детей через МФЦ",)"
      R"("responsible_kind":"family","responsible_ref":"мать","due_on":"2026-12-10"}]})");
  ASSERT_EQ(created.status, 201) << created.body;
  const auto plan = created.json();
  const std::string plan_id = text(plan, "id");
  EXPECT_EQ(plan.at("approved"), false);
  auto by_specialist = spec.post_json("/api/v1/plans/" + plan_id + "/approve", "");
  EXPECT_EQ(by_specialist.status, 403) << by_specialist.body;
  auto approved = head.post_json("/api/v1/plans/" + plan_id + "/approve", "");
  ASSERT_EQ(approved.status, 200) << approved.body;
  const auto approved_json = approved.json();
  EXPECT_EQ(approved_json.at("approved"), true);
  EXPECT_EQ(text(approved_json, "approved_by"), w.ids["head"]);

  // 3. A week later: one visit made, one missed with its reason, and a service delivered.
  w.server.clock().set(*util::parse_timestamp("2026-11-30T09:00:00Z"));
  spec = w.client("spec");
  auto made = spec.post_json(path + "/visits", R"({"planned_on":"2026-11-25","actual_on":"2026-11-25","kind":"home",)"
                                               R"("purpose":"обследование условий",)"
                                               R"("child_safety":{"checked":true,"concern":false},)"
                                               R"("next_step":"посещение через неделю"})");
  ASSERT_EQ(made.status, 201) << made.body;
  EXPECT_EQ(text(made.json(), "status"), "done");
  auto planned = spec.post_json(path + "/visits", R"({"planned_on":"2026-11-29","kind":"home","purpose":"контроль"})");
  ASSERT_EQ(planned.status, 201) << planned.body;
  auto missed = spec.request("PATCH", "/api/v1/visits/" + text(planned.json(), "id"),
                             R"({"version":1,"missed":{"reason":"семья уехала к родственникам"}})",
                             {{"Content-Type", "application/json"}});
  ASSERT_EQ(missed.status, 200) << missed.body;
  EXPECT_EQ(text(missed.json(), "status"), "missed");
  auto delivered = spec.post_json(path + "/services", R"({"service_code":"food_sets","delivered_on":"2026-11-30",)"
                                                      R"("quantity":2,"provider":"ЦСО «Надежда»"})");
  ASSERT_EQ(delivered.status, 201) << delivered.body;

  auto visits = spec.get(path + "/visits");
  ASSERT_EQ(visits.status, 200);
  const auto visit_items = visits.json().at("items").as_array();
  ASSERT_EQ(visit_items.size(), 2U);
  EXPECT_EQ(text(visit_items[0], "status"), "missed");
  EXPECT_EQ(text(visit_items[0].at("missed"), "reason"), "семья уехала к родственникам");
  EXPECT_EQ(text(visit_items[1], "status"), "done");
  auto services = spec.get(path + "/services");
  ASSERT_EQ(services.status, 200);
  const auto service_items = services.json().at("items").as_array();
  ASSERT_EQ(service_items.size(), 1U);
  EXPECT_EQ(text(service_items[0], "service_code"), "food_sets");

  // 4. The second needs assessment: housing is better, income solved, the rest at 0 (total 1: low).
  w.server.clock().set(*util::parse_timestamp("2027-01-15T09:00:00Z"));
  spec = w.client("spec");
  auto second = spec.post_json(path + "/assessments", needs_assessment("2027-01-15", {{"housing", 1}}, 0));
  ASSERT_EQ(second.status, 201) << second.body;
  const auto second_json = second.json();

  auto map = spec.get(path + "/map-of-changes");
  ASSERT_EQ(map.status, 200) << map.body;
  const auto json = map.json();
  EXPECT_EQ(json.at("from").at("id"), first_json.at("id"));
  EXPECT_EQ(json.at("to").at("id"), second_json.at("id"));
  EXPECT_EQ(json.at("total_before"), 13); // 3 + 2 + 8 × 1
  EXPECT_EQ(json.at("total_after"), 1);
  EXPECT_EQ(json.at("level_before"), "high");
  EXPECT_EQ(json.at("level_after"), "low");
  EXPECT_EQ(json.at("outcome"), "improved");
  const auto& domains = json.at("domains").as_array();
  ASSERT_EQ(domains.size(), 10U);
  std::map<std::string, std::tuple<int, int, std::string>> by_domain;
  for (const auto& d : domains) {
    by_domain[text(d, "domain")] = {static_cast<int>(d.at("before").as_int64()),
                                    static_cast<int>(d.at("after").as_int64()), text(d, "trend")};
  }
  EXPECT_EQ(by_domain["housing"], std::make_tuple(3, 1, std::string("better")));
  EXPECT_EQ(by_domain["income"], std::make_tuple(2, 0, std::string("better")));
  for (const char* domain : k_needs_domains) {
    if (std::string(domain) != "housing" && std::string(domain) != "income") {
      EXPECT_EQ(by_domain[domain], std::make_tuple(1, 0, std::string("better"))) << domain;
    }
  }

  // The case page shows the risk level of the latest assessment.
  page = spec.get(path).json();
  EXPECT_EQ(page.at("risk").at("level"), "low");
  EXPECT_EQ(page.at("risk").at("assessed_on"), "2027-01-15");
}

std::vector<std::string> warning_kinds(TestClient& client, const std::string& path) {
  std::vector<std::string> out;
  const auto page = client.get(path).json();
  for (const auto& warning : page.at("early_warnings").as_array()) {
    out.emplace_back(warning.at("kind").as_string());
  }
  return out;
}

TEST_P(CaseworkCycle, AChildSafetyConcernAtAVisitWarnsOnceOnTheCasePageAndTheWorkListUntilANewerAssessment) {
  LifecycleWorld w(GetParam());
  const std::string path = activate(w);
  const std::string case_id = path.substr(path.rfind('/') + 1);
  auto spec = w.client("spec");
  ASSERT_EQ(spec.post_json(path + "/assessments", needs_assessment("2026-11-23", {{"parenting", 2}}, 0)).status, 201);
  EXPECT_TRUE(warning_kinds(spec, path).empty());

  w.server.clock().set(*util::parse_timestamp("2026-11-25T09:00:00Z"));
  spec = w.client("spec");
  auto concern = spec.post_json(path + "/visits", R"({"planned_on":"2026-11-25","actual_on":"2026-11-25",)"
                                                  R"("kind":"home","purpose":"контроль",)"
                                                  R"("child_safety":{"checked":true,"concern":true,"note":"синяки"}})");
  ASSERT_EQ(concern.status, 201) << concern.body;
  EXPECT_EQ(warning_kinds(spec, path), (std::vector<std::string>{"child_safety_concern"}));
  const auto listed = spec.get("/api/v1/worklist");
  ASSERT_EQ(listed.status, 200);
  const auto items = listed.json().at("items").as_array();
  const auto warnings = std::count_if(items.begin(), items.end(), [&](const Json& item) {
    return text(item, "kind") == "early_warning" && text(item, "case_id") == case_id;
  });
  EXPECT_EQ(warnings, 1);

  // An assessment dated after the visit takes the concern into account: the warning ends.
  w.server.clock().set(*util::parse_timestamp("2026-11-26T09:00:00Z"));
  spec = w.client("spec");
  ASSERT_EQ(spec.post_json(path + "/assessments", needs_assessment("2026-11-26", {{"parenting", 2}}, 0)).status, 201);
  EXPECT_TRUE(warning_kinds(spec, path).empty());
}

INSTANTIATE_TEST_SUITE_P(Backends, CaseworkCycle, ::testing::ValuesIn(test_backends()),
                         [](const auto& info) { return backend_name(info.param); });

} // namespace
} // namespace patronage::testing
