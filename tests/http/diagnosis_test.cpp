// Social diagnosis and planning through the API (SPEC §5, §7): the
// instruments, the risk level and early warnings on the case page, the map of
// changes, agreements and plans, who may see them, and that reads are audited.
#include <gtest/gtest.h>

#include <map>

#include "http/lifecycle_fixture.hpp"
#include "storage/audit.hpp"
#include "support/problems.hpp"

namespace patronage::testing {
namespace {

using Scores = std::map<std::string, int>;

std::string assessment(const std::string& kind, const boost::json::object& data,
                       const std::string& date = "2026-11-20") {
  return boost::json::serialize(boost::json::object{{"kind", kind}, {"date", date}, {"data", data}});
}

bool names(const HttpResult& r, const std::string& field) {
  const auto fields = fields_of(r);
  return r.status == 422 && std::find(fields.begin(), fields.end(), field) != fields.end();
}

class Diagnosis : public ::testing::TestWithParam<storage::Backend> {
protected:
  Diagnosis() : w(GetParam()) {
    w.add_family();
    auto spec = w.client("spec");
    case_id = text(
        spec.post_json("/api/v1/cases", R"({"household_id":")" + w.household + R"("})").json(), "id");
    path = "/api/v1/cases/" + case_id;
    auto head = w.client("head");
    auto team = head.request("PUT", path + "/team",
                             R"({"lead_id":")" + w.ids["spec"] + R"(","experts":[")" + w.ids["expert"] + R"("]})",
                             {{"Content-Type", "application/json"}});
    EXPECT_EQ(team.status, 200) << team.body;
  }

  long long audit_rows(const std::string& action, const std::string& entity_id, const std::string& user) {
    return w.server.db()
        .transact([&](storage::Tx& tx) -> util::Result<long long> {
          storage::AuditFilter filter;
          filter.entity_id = entity_id;
          filter.limit = 1000;
          long long n = 0;
          for (const auto& e : storage::list_audit(tx, filter)) {
            n += e.action == action && e.user_id == w.ids[user] ? 1 : 0;
          }
          return n;
        })
        .value_or(-1);
  }

  std::string plan_body(const std::string& extra_measure = "") {
    return R"({"period_from":"2026-12-01","period_to":"2026-12-31","term":"short",)"
           R"("goals":[{"id":"g1","text":"Безопасность ребёнка","domain":"child_safety"},)"
           R"({"id":"g2","text":"Трудоустройство матери","domain":"employment"}],)"
           R"("measures":[{"goal_id":"g1","patronage_type":"psychological","what":"Консультации психолога",)"
           R"("responsible_kind":"specialist","responsible_ref":")" + w.ids["spec"] + R"(","due_on":"2026-12-15"},)"
           R"({"goal_id":"g2","patronage_type":"labour","what":"Постановка на учёт в центре занятости",)"
           R"("responsible_kind":"partner","responsible_ref":"","due_on":"2026-12-20","status":"in_progress"})" +
           extra_measure + "]}";
  }

  LifecycleWorld w;
  std::string case_id;
  std::string path;
};

TEST_P(Diagnosis, EveryInstrumentIsRecordedAndItsDataCheckedByPath) {
  auto spec = w.client("spec");
  const std::string url = path + "/assessments";

  auto inspection = spec.post_json(
      url, assessment("inspection",
                      {{"dwelling_type", "квартира"},
                       {"ownership", "муниципальная"},
                       {"rooms", 2},
                       {"area_m2", 48.5},
                       {"residents", 2},
                       {"utilities", {{"water", true}, {"heating", true}, {"sewage", true}, {"electricity", false}}},
                       {"sanitary_state", "удовлетворительное"},
                       {"sleeping_places", "у ребёнка своя кровать"},
                       {"conclusion", "условия удовлетворительные"}}));
  ASSERT_EQ(inspection.status, 201) << inspection.body;
  EXPECT_EQ(inspection.json().at("data").at("utilities").at("electricity"), false);
  EXPECT_EQ(inspection.json().at("data").at("area_m2").as_double(), 48.5);
  auto bad_inspection = spec.post_json(
      url, assessment("inspection", {{"dwelling_type", "дом"}, {"utilities", {{"water", "да"}}}, {"rooms", -1}}));
  EXPECT_TRUE(names(bad_inspection, "data.utilities.water")) << bad_inspection.body;
  EXPECT_TRUE(names(bad_inspection, "data.rooms")) << bad_inspection.body;
  EXPECT_TRUE(names(bad_inspection, "data.conclusion")) << bad_inspection.body;

  auto family = spec.post_json(url, assessment("family_card", {{"composition", "мать и сын"},
                                                               {"members",
                                                                {{{"person_id", w.mother},
                                                                  {"employment", "не работает"},
                                                                  {"income", 0},
                                                                  {"health", "диабет"},
                                                                  {"relations", "тёплые"}}}},
                                                               {"norms", "режим дня"},
                                                               {"strengths", "любовь к сыну"}}));
  ASSERT_EQ(family.status, 201) << family.body;
  const auto family_json = family.json();
  EXPECT_FALSE(family_json.at("data").at("members").at(0).as_object().contains("health"));
  EXPECT_EQ(family_json.at("sensitive").at("members").at(0).at("health"), "диабет");
  auto bad_family = spec.post_json(url, assessment("family_card", {{"members", {{{"person_id", "nobody"}}}}}));
  EXPECT_TRUE(names(bad_family, "data.members[0].person_id")) << bad_family.body;

  auto child = spec.post_json(url, assessment("child_card", {{"person_id", w.child},
                                                             {"school", "школа № 5"},
                                                             {"police_registration", "состоит на учёте ПДН"}}));
  ASSERT_EQ(child.status, 201) << child.body;
  EXPECT_EQ(child.json().at("sensitive").at("police_registration"), "состоит на учёте ПДН");
  auto adult_as_child = spec.post_json(url, assessment("child_card", {{"person_id", w.mother}}));
  EXPECT_TRUE(names(adult_as_child, "data.person_id")) << adult_as_child.body;

  const boost::json::array nodes{{{"id", "mum"}, {"label", "Мать"}, {"kind", "member"}, {"person_id", w.mother}},
                                 {{"id", "school"}, {"label", "Школа"}, {"kind", "organisation"}},
                                 {{"id", "gran"}, {"label", "Бабушка"}, {"kind", "person"}}};
  auto ecomap = spec.post_json(
      url, assessment("ecomap", {{"nodes", nodes},
                                 {"ties",
                                  {{{"from", "mum"}, {"to", "school"}, {"strength", "weak"}, {"support", "to"}},
                                   {{"from", "gran"}, {"to", "mum"}, {"strength", "strong"}, {"support", "both"}}}}}));
  ASSERT_EQ(ecomap.status, 201) << ecomap.body;
  auto bad_ecomap = spec.post_json(
      url,
      assessment("ecomap", {{"nodes", nodes},
                            {"ties",
                             {{{"from", "mum"}, {"to", "school"}, {"strength", "weak"}, {"support", "to"}},
                              {{"from", "gran"}, {"to", "mum"}, {"strength", "strong"}, {"support", "both"}},
                              {{"from", "mum"}, {"to", "police"}, {"strength", "stressful"}, {"support", "none"}}}}}));
  EXPECT_TRUE(names(bad_ecomap, "data.ties[2].to")) << bad_ecomap.body;
  auto bad_strength = spec.post_json(
      url,
      assessment("ecomap", {{"nodes", nodes},
                            {"ties", {{{"from", "mum"}, {"to", "gran"}, {"strength", "medium"}, {"support", "to"}}}}}));
  EXPECT_TRUE(names(bad_strength, "data.ties[0].strength")) << bad_strength.body;

  auto conflict = spec.post_json(
      url, assessment("conflict_map", {{"parties", {"мать", "школа"}},
                                       {"subject", "пропуски уроков"},
                                       {"positions", {{{"party", "мать"}, {"position", "ребёнок болеет"}}}},
                                       {"intensity", 2}}));
  ASSERT_EQ(conflict.status, 201) << conflict.body;
  auto bad_conflict =
      spec.post_json(url, assessment("conflict_map", {{"parties", {"мать"}},
                                                      {"subject", "s"},
                                                      {"intensity", 5},
                                                      {"positions", {{{"party", "отец"}, {"position", "p"}}}}}));
  EXPECT_TRUE(names(bad_conflict, "data.intensity")) << bad_conflict.body;
  EXPECT_TRUE(names(bad_conflict, "data.positions[0].party")) << bad_conflict.body;

  auto needs_ok = spec.post_json(url, needs_assessment("2026-11-20", {{"parenting", 2}}, 1));
  ASSERT_EQ(needs_ok.status, 201) << needs_ok.body;
  EXPECT_EQ(needs_ok.json().at("risk").at("level"), "medium"); // a domain at 2, total 11 below the high threshold
  auto out_of_range = spec.post_json(url, needs_assessment("2026-11-20", {{"child_safety", 4}}));
  EXPECT_TRUE(names(out_of_range, "data.scores[child_safety]")) << out_of_range.body;

  auto unknown = spec.post_json(
      url, assessment("conflict_map", {{"parties", {"мать"}}, {"subject", "s"}, {"intensity", 1}, {"colour", "red"}}));
  EXPECT_TRUE(names(unknown, "data.colour")) << unknown.body;
  auto future = spec.post_json(url, needs_assessment("2026-11-24", {}));
  EXPECT_TRUE(names(future, "date")) << future.body;
  auto bad_kind = spec.post_json(url, assessment("horoscope", {}));
  EXPECT_TRUE(names(bad_kind, "kind")) << bad_kind.body;

  auto list = spec.get(url);
  ASSERT_EQ(list.status, 200);
  const auto items = list.json().at("items").as_array();
  ASSERT_EQ(items.size(), 6U);
  EXPECT_EQ(items.at(0).at("date"), "2026-11-20");
  const std::string family_id = text(family_json, "id");
  auto one = spec.get("/api/v1/assessments/" + family_id);
  ASSERT_EQ(one.status, 200) << one.body;
  EXPECT_EQ(one.json().at("kind"), "family_card");
  EXPECT_EQ(one.json().at("author_id").as_string(), w.ids["spec"]);
}

TEST_P(Diagnosis, RiskLevelAppearsOnTheCaseAndAWorseAssessmentWarns) {
  auto spec = w.client("spec");
  auto page = spec.get(path).json();
  EXPECT_TRUE(page.at("risk").is_null());
  EXPECT_TRUE(page.at("early_warnings").as_array().empty());

  ASSERT_EQ(spec.post_json(path + "/assessments", needs_assessment("2026-10-01", {{"parenting", 1}})).status, 201);
  page = spec.get(path).json();
  EXPECT_EQ(page.at("risk").at("level"), "low");
  EXPECT_EQ(page.at("risk").at("assessed_on"), "2026-10-01");
  EXPECT_TRUE(page.at("early_warnings").as_array().empty());

  ASSERT_EQ(spec.post_json(path + "/assessments", needs_assessment("2026-11-01", {{"child_safety", 3}, {"parenting", 1}})).status,
            201);
  spec.language() = "en";
  page = spec.get(path).json();
  EXPECT_EQ(page.at("risk").at("level"), "critical");
  EXPECT_EQ(page.at("risk").at("assessed_on"), "2026-11-01");
  const auto& reason = page.at("risk").at("reasons").at(0);
  EXPECT_EQ(reason.at("key"), "risk.critical_domain");
  EXPECT_NE(std::string(reason.at("message").as_string()).find("Child safety"), std::string::npos) << reason;
  std::vector<std::string> kinds;
  for (const auto& warning : page.at("early_warnings").as_array()) {
    kinds.emplace_back(warning.at("kind").as_string());
  }
  EXPECT_EQ(kinds, (std::vector<std::string>{"score_worsened", "risk_level_rose"}));
}

TEST_P(Diagnosis, MapOfChangesComparesTheFirstAndLatestNeedsAssessments) {
  auto spec = w.client("spec");
  EXPECT_EQ(spec.get(path + "/map-of-changes").status, 409);
  auto first = spec.post_json(path + "/assessments", needs_assessment("2026-06-01", {{"housing", 3}, {"income", 2}}, 1));
  ASSERT_EQ(first.status, 201);
  auto middle = spec.post_json(path + "/assessments", needs_assessment("2026-08-01", {{"housing", 3}}, 1));
  ASSERT_EQ(middle.status, 201);
  auto last = spec.post_json(path + "/assessments", needs_assessment("2026-11-01", {{"housing", 1}, {"education", 2}}, 0));
  ASSERT_EQ(last.status, 201);

  auto map = spec.get(path + "/map-of-changes");
  ASSERT_EQ(map.status, 200) << map.body;
  const auto json = map.json();
  EXPECT_EQ(json.at("from").at("id"), first.json().at("id"));
  EXPECT_EQ(json.at("to").at("id"), last.json().at("id"));
  EXPECT_EQ(json.at("total_before"), 13); // 3 + 2 + 8 × 1
  EXPECT_EQ(json.at("total_after"), 3);   // 1 + 2
  EXPECT_EQ(json.at("level_before"), "high");
  EXPECT_EQ(json.at("level_after"), "medium");
  EXPECT_EQ(json.at("outcome"), "unchanged"); // education got worse
  const auto& domains = json.at("domains").as_array();
  ASSERT_EQ(domains.size(), 10U);
  EXPECT_EQ(domains.at(2).at("domain"), "housing");
  EXPECT_EQ(domains.at(2).at("before"), 3);
  EXPECT_EQ(domains.at(2).at("after"), 1);
  EXPECT_EQ(domains.at(2).at("trend"), "better");
  EXPECT_EQ(domains.at(9).at("trend"), "worse");

  const std::string middle_id = text(middle.json(), "id");
  const std::string first_id = text(first.json(), "id");
  auto chosen = spec.get(path + "/map-of-changes?from=" + middle_id + "&to=" + middle_id);
  ASSERT_EQ(chosen.status, 200);
  EXPECT_EQ(chosen.json().at("outcome"), "unchanged");
  auto improved = spec.get(path + "/map-of-changes?from=" + first_id + "&to=" + middle_id);
  EXPECT_EQ(improved.json().at("outcome"), "improved") << improved.body;

  auto inspection = spec.post_json(path + "/assessments",
                                   assessment("inspection", {{"dwelling_type", "дом"}, {"conclusion", "норма"}}));
  auto not_needs = spec.get(path + "/map-of-changes?from=" + text(inspection.json(), "id"));
  EXPECT_TRUE(names(not_needs, "from")) << not_needs.body;
}

TEST_P(Diagnosis, AgreementIsRecordedWithDutiesRightsAndSignatories) {
  auto spec = w.client("spec");
  auto added = spec.post_json(
      path + "/agreements",
      R"({"signed_on":"2026-11-23","valid_from":"2026-11-23","valid_until":"2027-05-23",)"
      R"("family_duties":["водить сына в школу"],"service_duties":["консультировать еженедельно"],)"
      R"("family_rights":["отказаться от услуги"],"service_rights":["посещать семью"],)"
      R"("signatories":[{"name":"Иванова А.","role":"мать"},{"name":"Петрова С.","role":"специалист"}]})");
  ASSERT_EQ(added.status, 201) << added.body;
  EXPECT_EQ(added.json().at("signatories").at(1).at("role"), "специалист");
  auto backwards = spec.post_json(path + "/agreements",
                                  R"({"signed_on":"2026-11-24","valid_from":"2026-11-23","valid_until":"2026-01-01",)"
                                  R"("signatories":[{"name":"Иванова А.","role":"мать"}]})");
  EXPECT_TRUE(names(backwards, "valid_until")) << backwards.body;
  EXPECT_TRUE(names(backwards, "signed_on")) << "signed in the future: " << backwards.body;
  auto unnamed = spec.post_json(path + "/agreements",
                                R"({"signed_on":"2026-11-23","valid_from":"2026-11-23","valid_until":"2027-01-01",)"
                                R"("signatories":[{"name":"","role":"мать"}]})");
  EXPECT_TRUE(names(unnamed, "signatories[0].name")) << unnamed.body;
  auto list = spec.get(path + "/agreements");
  ASSERT_EQ(list.status, 200);
  EXPECT_EQ(list.json().at("items").as_array().size(), 1U);
}

TEST_P(Diagnosis, PlanVersionsApprovalByHeadAndOptimisticMeasureUpdates) {
  auto spec = w.client("spec");
  auto head = w.client("head");
  auto created = spec.post_json(path + "/plans", plan_body());
  ASSERT_EQ(created.status, 201) << created.body;
  const auto plan = created.json();
  const std::string plan_id = text(plan, "id");
  EXPECT_EQ(plan.at("number"), 1);
  EXPECT_EQ(plan.at("review_on"), "2027-03-01"); // period_from + 3 months by default
  EXPECT_EQ(plan.at("approved"), false);
  ASSERT_EQ(plan.at("measures").as_array().size(), 2U);
  const std::string measure_id = text(plan.at("measures").at(0), "id");
  const auto version = plan.at("version").as_int64();

  auto bad = spec.post_json(path + "/plans", plan_body(R"(,{"goal_id":"g9","patronage_type":"magic","what":"x",)"
                                                       R"("responsible_kind":"family","due_on":"2026-12-01"})"));
  EXPECT_TRUE(names(bad, "measures[2].goal_id")) << bad.body;
  EXPECT_TRUE(names(bad, "measures[2].patronage_type")) << bad.body;

  auto by_specialist = spec.post_json("/api/v1/plans/" + plan_id + "/approve", "");
  EXPECT_EQ(by_specialist.status, 403) << by_specialist.body;
  auto approved = head.post_json("/api/v1/plans/" + plan_id + "/approve", "");
  ASSERT_EQ(approved.status, 200) << approved.body;
  EXPECT_EQ(approved.json().at("approved"), true);
  EXPECT_EQ(approved.json().at("approved_by").as_string(), w.ids["head"]);
  EXPECT_EQ(type_of(head.post_json("/api/v1/plans/" + plan_id + "/approve", "")),
            "urn:patronage:problem:plan.already_approved");

  const std::string measure_url = "/api/v1/plans/" + plan_id + "/measures/" + measure_id;
  auto stale = spec.request("PATCH", measure_url,
                            R"({"version":)" + std::to_string(version) + R"(,"status":"done","result":"проведено"})",
                            {{"Content-Type", "application/json"}});
  EXPECT_EQ(stale.status, 409) << "approval changed the plan: the old version is stale";
  EXPECT_EQ(type_of(stale), "urn:patronage:problem:plan.version_stale");
  const auto current_version = approved.json().at("version").as_int64();
  auto done = spec.request("PATCH", measure_url,
                           R"({"version":)" + std::to_string(current_version) +
                               R"(,"status":"done","result":"проведено 4 консультации"})",
                           {{"Content-Type", "application/json"}});
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_EQ(done.json().at("measures").at(0).at("status"), "done");
  EXPECT_EQ(done.json().at("measures").at(0).at("result"), "проведено 4 консультации");
  EXPECT_EQ(done.json().at("approved"), true) << "statuses change without a new version";
  auto bad_status = spec.request("PATCH", measure_url, R"({"version":1,"status":"finished"})",
                                 {{"Content-Type", "application/json"}});
  EXPECT_TRUE(names(bad_status, "status")) << bad_status.body;
  for (const char* version : {"0", "-3", "null", "\"2\""}) {
    auto bad_version = spec.request("PATCH", measure_url, std::string(R"({"status":"done","version":)") + version + "}",
                                    {{"Content-Type", "application/json"}});
    EXPECT_EQ(bad_version.status, 422) << version;
    EXPECT_TRUE(names(bad_version, "version")) << version << ": " << bad_version.body;
  }

  auto second = spec.post_json(path + "/plans", plan_body());
  ASSERT_EQ(second.status, 201) << second.body;
  EXPECT_EQ(second.json().at("number"), 2);
  EXPECT_EQ(second.json().at("supersedes_id").as_string(), plan_id);
  EXPECT_EQ(second.json().at("approved"), false);
  auto versions = spec.get(path + "/plans");
  ASSERT_EQ(versions.status, 200);
  const auto items = versions.json().at("items").as_array();
  ASSERT_EQ(items.size(), 2U);
  EXPECT_EQ(items.at(0).at("number"), 2);
  EXPECT_EQ(items.at(0).at("current"), true);
  EXPECT_EQ(items.at(1).at("superseded_by"), second.json().at("id"));
  EXPECT_EQ(items.at(1).at("measures").at(0).at("status"), "done");
  auto old =
      spec.request("PATCH", measure_url, R"({"version":)" + std::to_string(items.at(1).at("version").as_int64()) + "}",
                   {{"Content-Type", "application/json"}});
  EXPECT_EQ(type_of(old), "urn:patronage:problem:plan.superseded");
  EXPECT_EQ(type_of(head.post_json("/api/v1/plans/" + plan_id + "/approve", "")),
            "urn:patronage:problem:plan.superseded");
}

TEST_P(Diagnosis, OnlyTheCaseTeamAndHeadsSeeTheDiagnosis) {
  auto spec = w.client("spec");
  auto child =
      spec.post_json(path + "/assessments", assessment("child_card", {{"person_id", w.child}, {"health", "астма"}}));
  ASSERT_EQ(child.status, 201) << child.body;
  ASSERT_EQ(spec.post_json(path + "/assessments", needs_assessment("2026-11-01", {})).status, 201);
  ASSERT_EQ(spec.post_json(path + "/plans", plan_body()).status, 201);
  const std::string child_id = text(child.json(), "id");

  for (const char* login : {"expert", "head"}) {
    auto client = w.client(login);
    auto one = client.get("/api/v1/assessments/" + child_id);
    ASSERT_EQ(one.status, 200) << login;
    EXPECT_EQ(one.json().at("sensitive").at("health"), "астма") << login;
    EXPECT_EQ(client.get(path + "/plans").status, 200) << login;
    EXPECT_TRUE(client.get(path).json().at("risk").is_object()) << login;
  }
  auto expert = w.client("expert");
  EXPECT_EQ(expert.post_json(path + "/assessments", needs_assessment("2026-11-02", {})).status, 201);

  for (const char* login : {"spec2", "expert2", "secretary", "volunteer", "auditor", "other_head", "coordinator"}) {
    auto client = w.client(login);
    EXPECT_EQ(client.get(path + "/assessments").status, 404) << login;
    EXPECT_EQ(client.get("/api/v1/assessments/" + child_id).status, 404) << login;
    EXPECT_EQ(client.get(path + "/map-of-changes").status, 404) << login;
    EXPECT_EQ(client.get(path + "/plans").status, 404) << login;
    EXPECT_EQ(client.get(path + "/agreements").status, 404) << login;
    EXPECT_EQ(client.post_json(path + "/assessments", needs_assessment("2026-11-02", {})).status, 404) << login;
  }
  auto secretary = w.client("secretary");
  auto page = secretary.get(path);
  ASSERT_EQ(page.status, 200);
  EXPECT_FALSE(page.json().as_object().contains("risk")) << "a secretary sees the case, not its diagnosis";
}

TEST_P(Diagnosis, EveryReadIsAudited) {
  auto spec = w.client("spec");
  auto needs_one = spec.post_json(path + "/assessments", needs_assessment("2026-11-01", {}));
  const std::string id = text(needs_one.json(), "id");
  ASSERT_EQ(spec.get(path + "/assessments").status, 200);
  ASSERT_EQ(spec.get("/api/v1/assessments/" + id).status, 200);
  ASSERT_EQ(spec.get(path + "/map-of-changes").status, 200);
  ASSERT_EQ(spec.get(path + "/plans").status, 200);
  ASSERT_EQ(spec.get(path + "/agreements").status, 200);
  EXPECT_EQ(audit_rows("assessment.add", id, "spec"), 1);
  EXPECT_EQ(audit_rows("assessment.list", case_id, "spec"), 1);
  EXPECT_EQ(audit_rows("assessment.read", id, "spec"), 1);
  EXPECT_EQ(audit_rows("assessment.map_of_changes", case_id, "spec"), 1);
  EXPECT_EQ(audit_rows("plan.list", case_id, "spec"), 1);
  EXPECT_EQ(audit_rows("agreement.list", case_id, "spec"), 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, Diagnosis, ::testing::ValuesIn(test_backends()),
                         [](const auto& info) { return backend_name(info.param); });

} // namespace
} // namespace patronage::testing
