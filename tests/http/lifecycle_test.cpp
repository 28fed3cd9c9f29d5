#include <gtest/gtest.h>

#include "http/lifecycle_fixture.hpp"
#include "support/problems.hpp"

namespace patronage::testing {
namespace {

class Lifecycle : public ::testing::TestWithParam<storage::Backend> {};

std::string decision(const std::string& kind, const std::string& lead, const std::string& extra = "") {
  std::string body = R"({"body":"council","meeting_date":"2026-11-23","protocol_number":"17",)"
                     R"("members_present":["Соколова М. П.","Кузнецова Е. В."],"kind":")" +
                     kind + R"(","grounds":"заключение консилиума")";
  if (kind == "register_case") {
    body += R"(,"patronage_types":["psychological","economic"],"lead_specialist_id":")" + lead +
            R"(","intensity":"intensive","planned_end":")" + months_later(6) + R"(")";
  }
  return body + extra + "}";
}

std::string record_and_sign(LifecycleWorld& w, TestClient& secretary, const std::string& case_id,
                            const std::string& body) {
  auto recorded = secretary.post_json("/api/v1/cases/" + case_id + "/decisions", body);
  EXPECT_EQ(recorded.status, 201) << recorded.body;
  const std::string id = text(recorded.json(), "id");
  auto signed_result = secretary.post_json("/api/v1/decisions/" + id + "/sign", "");
  EXPECT_EQ(signed_result.status, 200) << signed_result.body;
  (void)w;
  return id;
}

TEST_P(Lifecycle, WalksOneFamilyFromSignalToClosedAndEveryRuleRefusesItsStep) {
  LifecycleWorld w(GetParam());
  w.add_family();
  auto spec = w.client("spec");
  auto secretary = w.client("secretary");

  auto opened = spec.post_json("/api/v1/cases", R"({"household_id":")" + w.household + R"("})");
  ASSERT_EQ(opened.status, 201) << opened.body;
  const std::string id = text(opened.json(), "id");
  const std::string path = "/api/v1/cases/" + id;
  EXPECT_EQ(text(opened.json(), "state"), "signal");
  EXPECT_EQ(text(opened.json(), "lead_id"), w.ids["spec"]);

  auto skip = spec.post_json(path + "/transitions", transition("active"));
  EXPECT_EQ(skip.status, 409);
  EXPECT_EQ(type_of(skip), "urn:patronage:problem:case.transition_not_allowed");

  auto no_reason = spec.post_json(path + "/transitions", R"({"to":"assessment"})");
  EXPECT_EQ(no_reason.status, 422) << no_reason.body;
  EXPECT_EQ(no_reason.json().at("errors").at(0).at("field").as_string(), "reason");

  ASSERT_EQ(spec.post_json(path + "/transitions", transition("assessment", "первичный визит")).status, 200);
  ASSERT_EQ(spec.post_json(path + "/transitions", transition("awaiting_decision", "диагностика завершена")).status,
            200);

  auto no_consent = spec.post_json(path + "/transitions", transition("active"));
  EXPECT_EQ(no_consent.status, 409);
  EXPECT_EQ(type_of(no_consent), "urn:patronage:problem:case.consent_required");
  auto page = spec.get(path).json();
  bool active_blocked = false;
  for (const auto& next : page.at("next_states").as_array()) {
    if (next.at("to") == "active") {
      active_blocked = !next.at("allowed").as_bool() &&
                       next.at("blocked_by").at("rule").as_string() == "case.consent_required";
    }
  }
  EXPECT_TRUE(active_blocked) << boost::json::serialize(page.at("next_states"));

  auto consent = spec.post_json(path + "/consents", R"({"signed_by":")" + w.mother + R"(","covers":[")" + w.child +
                                                        R"("],"scope":"patronage","signed_on":"2026-11-23"})");
  ASSERT_EQ(consent.status, 201) << consent.body;

  auto no_decision = spec.post_json(path + "/transitions", transition("active"));
  EXPECT_EQ(no_decision.status, 409);
  EXPECT_EQ(type_of(no_decision), "urn:patronage:problem:case.decision_required");

  EXPECT_EQ(spec.post_json(path + "/decisions", decision("register_case", w.ids["spec"])).status, 403);
  auto draft = secretary.post_json(path + "/decisions", decision("register_case", w.ids["spec"]));
  ASSERT_EQ(draft.status, 201) << draft.body;
  const std::string draft_id = text(draft.json(), "id");
  auto unsigned_try = spec.post_json(path + "/transitions", transition("active"));
  EXPECT_EQ(type_of(unsigned_try), "urn:patronage:problem:case.decision_required");
  ASSERT_EQ(secretary.post_json("/api/v1/decisions/" + draft_id + "/sign", "").status, 200);
  auto resign = secretary.post_json("/api/v1/decisions/" + draft_id + "/sign", "");
  EXPECT_EQ(resign.status, 409);
  EXPECT_EQ(type_of(resign), "urn:patronage:problem:decision.already_signed");

  auto active = spec.post_json(path + "/transitions", transition("active", "решение консилиума № 17"));
  ASSERT_EQ(active.status, 200) << active.body;
  EXPECT_EQ(text(active.json(), "intensity"), "intensive");
  EXPECT_EQ(text(active.json(), "planned_end"), months_later(6));

  auto no_removal = spec.post_json(path + "/transitions", transition("closing"));
  EXPECT_EQ(type_of(no_removal), "urn:patronage:problem:case.removal_decision_required");
  record_and_sign(w, secretary, id, decision("remove_from_register", ""));
  ASSERT_EQ(spec.post_json(path + "/transitions", transition("closing", "итоговый анализ")).status, 200);
  ASSERT_EQ(spec.post_json(path + "/transitions", transition("supervision", "постпатронатное наблюдение")).status,
            200);
  ASSERT_EQ(spec.post_json(path + "/transitions", transition("closed", "наблюдение завершено")).status, 200);

  auto after_end = spec.post_json(path + "/transitions", transition("active"));
  EXPECT_EQ(type_of(after_end), "urn:patronage:problem:case.transition_not_allowed");

  auto final_page = spec.get(path);
  ASSERT_EQ(final_page.status, 200);
  const auto final_json = final_page.json();
  const auto& history = final_json.at("history").as_array();
  std::vector<std::string> states;
  for (const auto& step : history) {
    states.emplace_back(step.at("to").as_string());
    EXPECT_EQ(step.at("user_id").as_string(), w.ids["spec"]);
    EXPECT_FALSE(step.at("reason").as_string().empty());
  }
  EXPECT_EQ(states, (std::vector<std::string>{"signal", "assessment", "awaiting_decision", "active", "closing",
                                              "supervision", "closed"}));
}

TEST_P(Lifecycle, RelapseFromSupervisionNeedsANewRegisterDecision) {
  LifecycleWorld w(GetParam());
  w.add_family();
  auto spec = w.client("spec");
  auto secretary = w.client("secretary");
  const std::string id =
      text(spec.post_json("/api/v1/cases", R"({"household_id":")" + w.household + R"("})").json(), "id");
  const std::string path = "/api/v1/cases/" + id;
  spec.post_json(path + "/consents", R"({"signed_by":")" + w.mother + R"(","covers":[")" + w.child +
                                         R"("],"scope":"patronage","signed_on":"2026-11-23"})");
  record_and_sign(w, secretary, id, decision("register_case", w.ids["spec"]));
  record_and_sign(w, secretary, id, decision("remove_from_register", ""));
  for (const char* to : {"assessment", "awaiting_decision", "active", "closing", "supervision"}) {
    ASSERT_EQ(spec.post_json(path + "/transitions", transition(to)).status, 200) << to;
  }
  w.server.clock().advance(std::chrono::hours{24 * 30});
  spec = w.client("spec"); // a month later: new sessions
  secretary = w.client("secretary");
  auto relapse = spec.post_json(path + "/transitions", transition("active", "рецидив"));
  EXPECT_EQ(type_of(relapse), "urn:patronage:problem:case.decision_required");
  const std::string later = R"({"body":"council","meeting_date":")" + months_later(1) +
                            R"(","protocol_number":"31","members_present":["Соколова М. П."],"kind":"register_case",)"
                            R"("grounds":"повторное неблагополучие","patronage_types":["psychological"],)"
                            R"("lead_specialist_id":")" + w.ids["spec"] +
                            R"(","intensity":"standard"})";
  record_and_sign(w, secretary, id, later);
  EXPECT_EQ(spec.post_json(path + "/transitions", transition("active", "рецидив")).status, 200);
}

TEST_P(Lifecycle, CaseloadLimitIsRefusedUnlessAHeadOverridesWithAReason) {
  LifecycleWorld w(GetParam());
  auto spec = w.client("spec");
  auto secretary = w.client("secretary");
  auto head = w.client("head");
  std::vector<std::string> cases;
  for (int i = 0; i < 3; ++i) {
    w.add_family("Семья" + std::to_string(i));
    const std::string id = text(
        spec.post_json("/api/v1/cases", R"({"household_id":")" + w.household + R"("})").json(), "id");
    const std::string path = "/api/v1/cases/" + id;
    spec.post_json(path + "/consents", R"({"signed_by":")" + w.mother + R"(","covers":[")" + w.child +
                                           R"("],"scope":"patronage","signed_on":"2026-11-23"})");
    record_and_sign(w, secretary, id, decision("register_case", w.ids["spec"]));
    spec.post_json(path + "/transitions", transition("assessment"));
    spec.post_json(path + "/transitions", transition("awaiting_decision"));
    cases.push_back(path);
  }
  ASSERT_EQ(spec.post_json(cases[0] + "/transitions", transition("active")).status, 200);
  ASSERT_EQ(spec.post_json(cases[1] + "/transitions", transition("active")).status, 200);
  auto third = spec.post_json(cases[2] + "/transitions", transition("active"));
  EXPECT_EQ(third.status, 409);
  EXPECT_EQ(type_of(third), "urn:patronage:problem:case.caseload_exceeded");
  const std::string with_override =
      R"({"to":"active","reason":"решение консилиума","override_reason":"нет свободных специалистов"})";
  EXPECT_EQ(spec.post_json(cases[2] + "/transitions", with_override).status, 403);
  auto overridden = head.post_json(cases[2] + "/transitions", with_override);
  EXPECT_EQ(overridden.status, 200) << overridden.body;
  auto history = head.get(cases[2]).json().at("history").as_array();
  EXPECT_EQ(history.back().at("override_reason").as_string(), "нет свободных специалистов");
}

TEST_P(Lifecycle, WithdrawnConsentPutsTheCaseBeforeTheCouncil) {
  LifecycleWorld w(GetParam());
  w.add_family();
  auto spec = w.client("spec");
  const std::string id =
      text(spec.post_json("/api/v1/cases", R"({"household_id":")" + w.household + R"("})").json(), "id");
  const std::string path = "/api/v1/cases/" + id;
  auto consent = spec.post_json(path + "/consents", R"({"signed_by":")" + w.mother + R"(","covers":[")" + w.child +
                                                        R"("],"scope":"patronage","signed_on":"2026-11-23"})");
  const std::string consent_id = text(consent.json(), "id");
  EXPECT_EQ(spec.post_json(path + "/consents/" + consent_id + "/withdraw", R"({"withdrawn_on":"2026-11-23"})").status,
            204);
  EXPECT_EQ(spec.post_json(path + "/consents/" + consent_id + "/withdraw", R"({"withdrawn_on":"2026-11-23"})").status,
            409);
  bool warned = false;
  const auto page = spec.get(path).json();
  for (const auto& warning : page.at("warnings").as_array()) {
    warned = warned || warning.at("key") == "case.consent_withdrawn";
  }
  EXPECT_TRUE(warned);
}

TEST_P(Lifecycle, ConsentScanIsTypeAndSizeChecked) {
  LifecycleWorld w(GetParam());
  w.add_family();
  auto spec = w.client("spec");
  const std::string id =
      text(spec.post_json("/api/v1/cases", R"({"household_id":")" + w.household + R"("})").json(), "id");
  const std::string path = "/api/v1/cases/" + id + "/consents";
  auto body = [&](const std::string& type, const std::string& base64) {
    return R"({"signed_by":")" + w.mother + R"(","covers":[")" + w.child +
           R"("],"scope":"patronage","signed_on":"2026-11-23","document":{"file_name":"scan.pdf","content_type":")" +
           type + R"(","content_base64":")" + base64 + R"("}})";
  };
  auto wrong_type = spec.post_json(path, body("application/x-msdownload", "TVqQAAMAAAAEAAAA"));
  EXPECT_EQ(wrong_type.status, 422);
  EXPECT_EQ(wrong_type.json().at("errors").at(0).at("field").as_string(), "document.content_type");
  auto mismatch = spec.post_json(path, body("application/pdf", "iVBORw0KGgoAAAANSUhEUg=="));
  EXPECT_EQ(mismatch.status, 422);
  auto pdf = spec.post_json(path, body("application/pdf", "JVBERi0xLjQKJcOkw7zDtsOfCg=="));
  ASSERT_EQ(pdf.status, 201) << pdf.body;
  const std::string document_id = text(pdf.json(), "document_id");
  EXPECT_EQ(spec.get("/api/v1/documents/" + document_id).status, 200);
  EXPECT_EQ(w.client("other_spec").get("/api/v1/documents/" + document_id).status, 404);
}

TEST_P(Lifecycle, FromASignalThroughIntakeAndTriageToClosed) {
  LifecycleWorld w(GetParam());
  auto spec = w.client("spec");
  auto secretary = w.client("secretary");
  auto signal = spec.post_json(
      "/api/v1/signals",
      R"({"received_at":"2026-11-23T08:30:00Z","source":"school","source_details":"Школа № 7","reported":)"
      R"("ребёнок не посещает занятия","address":"г. Энск, ул. Ленина, д. 1","urgency":"urgent",)"
      R"("persons":[{"last_name":"Кравцова","first_name":"Анна","patronymic":"","birth_date":"1990-01-01"}]})");
  ASSERT_EQ(signal.status, 201) << signal.body;
  const std::string signal_id = text(signal.json(), "id");

  auto household = spec.post_json("/api/v1/households", R"({"address":"г. Энск, ул. Ленина, д. 1","phone":"",)"
                                                        R"("categories":["single_parent"],"notes":""})");
  ASSERT_EQ(household.status, 201) << household.body;
  const std::string household_id = text(household.json(), "id");
  auto son = spec.post_json("/api/v1/households/" + household_id + "/persons",
                            R"({"last_name":"Кравцов","first_name":"Илья","patronymic":"","birth_date":"2016-02-02",)"
                            R"("sex":"male","household_role":"child"})");
  ASSERT_EQ(son.status, 201) << son.body;
  const std::string son_id = text(son.json(), "id");
  auto mother = spec.post_json("/api/v1/households/" + household_id + "/persons",
                               R"({"last_name":"Кравцова","first_name":"Анна","patronymic":"","birth_date":)"
                               R"("1990-01-01","sex":"female","household_role":"mother","represents":[")" +
                                   son_id + R"("]})");
  ASSERT_EQ(mother.status, 201) << mother.body;
  const std::string mother_id = text(mother.json(), "id");

  auto duplicate = spec.post_json(
      "/api/v1/signals",
      R"({"received_at":"2026-11-23T08:40:00Z","source":"neighbour","source_details":"","reported":"шум",)"
      R"("address":"г. Энск, ул. Ленина, д. 1","urgency":"routine",)"
      R"("persons":[{"last_name":"Kravtsova","first_name":"Anna","patronymic":"","birth_date":"1990-01-01"}]})");
  ASSERT_EQ(duplicate.status, 201);
  EXPECT_NE(duplicate.body.find(mother_id), std::string::npos) << "the second signal must point at the known person";

  auto triaged = spec.post_json("/api/v1/signals/" + signal_id + "/triage",
                                R"({"outcome":"open_case","reason":"угроза благополучию ребёнка","household_id":")" +
                                    household_id + R"("})");
  ASSERT_EQ(triaged.status, 200) << triaged.body;
  const std::string id = text(triaged.json().at("triage"), "case_id");
  const std::string path = "/api/v1/cases/" + id;
  auto opened = spec.get(path);
  ASSERT_EQ(opened.status, 200) << opened.body;
  EXPECT_EQ(text(opened.json(), "state"), "signal");
  EXPECT_EQ(text(opened.json(), "signal_id"), signal_id);

  ASSERT_EQ(spec.post_json(path + "/transitions", transition("assessment")).status, 200);
  ASSERT_EQ(spec.post_json(path + "/transitions", transition("awaiting_decision")).status, 200);
  ASSERT_EQ(spec.post_json(path + "/consents", R"({"signed_by":")" + mother_id + R"(","covers":[")" + son_id +
                                                   R"("],"scope":"patronage","signed_on":"2026-11-23"})")
                .status,
            201);
  record_and_sign(w, secretary, id, decision("register_case", w.ids["spec"]));
  ASSERT_EQ(spec.post_json(path + "/transitions", transition("active")).status, 200);
  record_and_sign(w, secretary, id, decision("remove_from_register", ""));
  for (const char* to : {"closing", "supervision", "closed"}) {
    ASSERT_EQ(spec.post_json(path + "/transitions", transition(to)).status, 200) << to;
  }
  EXPECT_EQ(text(spec.get(path).json(), "state"), "closed");
}

INSTANTIATE_TEST_SUITE_P(Backends, Lifecycle, ::testing::ValuesIn(test_backends()),
                         [](const auto& info) { return backend_name(info.param); });

} // namespace
} // namespace patronage::testing
