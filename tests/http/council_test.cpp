// Council (SPEC §6): the agenda of cases awaiting a decision, past meetings; names of staff instead of ids.
#include <gtest/gtest.h>

#include "http/lifecycle_fixture.hpp"

namespace patronage::testing {
namespace {

class Council : public ::testing::TestWithParam<storage::Backend> {};

std::string council_registration(const std::string& lead) {
  return R"({"body":"council","meeting_date":"2026-11-23","protocol_number":"17",)"
         R"("members_present":["Соколова М. П.","Кузнецова Е. В."],"kind":"register_case",)"
         R"("grounds":"заключение консилиума","patronage_types":["psychological"],"lead_specialist_id":")" +
         lead + R"(","intensity":"intensive","planned_end":")" + months_later(6) + R"("})";
}

// The reasons the agenda gives for `case_id`; empty when it is not on it.
std::vector<std::string> reasons(TestClient& client, const std::string& case_id) {
  auto agenda = client.get("/api/v1/council/agenda");
  EXPECT_EQ(agenda.status, 200) << agenda.body;
  std::vector<std::string> out;
  if (agenda.status != 200) {
    return {agenda.body};
  }
  for (const auto& item : agenda.json().at("items").as_array()) {
    if (item.at("case_id").as_string() == case_id) {
      for (const auto& reason : item.at("reasons").as_array()) {
        out.emplace_back(reason.at("reason").as_string());
      }
    }
  }
  return out;
}

TEST_P(Council, TheAgendaListsCasesAwaitingADecisionUntilTheDecisionIsSigned) {
  LifecycleWorld w(GetParam());
  w.add_family();
  auto spec = w.client("spec");
  const std::string id =
      text(spec.post_json("/api/v1/cases", R"({"household_id":")" + w.household + R"("})").json(), "id");
  const std::string path = "/api/v1/cases/" + id;
  ASSERT_EQ(spec.post_json(path + "/transitions", transition("assessment")).status, 200);
  auto secretary = w.client("secretary");
  EXPECT_TRUE(reasons(secretary, id).empty()) << "assessment is not the council's business yet";
  ASSERT_EQ(spec.post_json(path + "/transitions", transition("awaiting_decision")).status, 200);

  EXPECT_EQ(reasons(secretary, id), std::vector<std::string>{"registration"});
  auto head = w.client("head");
  EXPECT_EQ(reasons(head, id), std::vector<std::string>{"registration"});
  auto agenda = secretary.get("/api/v1/council/agenda").json().at("items").at(0);
  EXPECT_EQ(agenda.at("address"), "г. Энск, ул. Ленина, д. 1");
  EXPECT_EQ(agenda.at("lead_name"), "spec specialist");
  EXPECT_EQ(agenda.at("reasons").at(0).at("proposed_kind"), "register_case");
  auto other_head = w.client("other_head");
  EXPECT_TRUE(reasons(other_head, id).empty()) << "another centre's case";
  EXPECT_EQ(spec.get("/api/v1/council/agenda").status, 403);
  EXPECT_EQ(secretary.get("/api/v1/council/agenda?unit=" + w.department).status, 200);
  EXPECT_EQ(secretary.get("/api/v1/council/agenda?unit=" + w.other_centre).status, 404);

  auto recorded = secretary.post_json(path + "/decisions", council_registration(w.ids["spec"]));
  ASSERT_EQ(recorded.status, 201) << recorded.body;
  EXPECT_EQ(reasons(secretary, id), std::vector<std::string>({"registration", "draft_unsigned"}));
  const std::string decision_id = text(recorded.json(), "id");
  ASSERT_EQ(secretary.post_json("/api/v1/decisions/" + decision_id + "/sign", "").status, 200);
  EXPECT_TRUE(reasons(secretary, id).empty());

  auto meetings = secretary.get("/api/v1/council/meetings?from=2026-11-01&to=2026-11-30");
  ASSERT_EQ(meetings.status, 200) << meetings.body;
  const auto meetings_json = meetings.json();
  const auto& items = meetings_json.at("items").as_array();
  ASSERT_EQ(items.size(), 1U);
  EXPECT_EQ(items[0].at("body"), "council");
  EXPECT_EQ(items[0].at("protocol_number"), "17");
  EXPECT_EQ(items[0].at("members_present").as_array().size(), 2U);
  EXPECT_EQ(items[0].at("decisions").at(0).at("id").as_string(), decision_id);
  EXPECT_EQ(items[0].at("decisions").at(0).at("signed"), true);
  EXPECT_TRUE(secretary.get("/api/v1/council/meetings?from=2026-10-01&to=2026-10-31")
                  .json()
                  .at("items")
                  .as_array()
                  .empty());
  EXPECT_EQ(other_head.get("/api/v1/council/meetings").json().at("items").as_array().size(), 0U);
  auto bad = secretary.get("/api/v1/council/meetings?from=2026-13-01&to=2026-11-01");
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(bad.json().at("errors").at(0).at("field"), "from");
  EXPECT_EQ(secretary.get("/api/v1/council/meetings?from=2026-11-30&to=2026-11-01").status, 422);
  EXPECT_EQ(spec.get("/api/v1/council/meetings").status, 403);
}

TEST_P(Council, AWithdrawnConsentAndAClosingCaseComeBeforeTheCouncil) {
  LifecycleWorld w(GetParam());
  w.add_family();
  auto spec = w.client("spec");
  auto secretary = w.client("secretary");
  const std::string id =
      text(spec.post_json("/api/v1/cases", R"({"household_id":")" + w.household + R"("})").json(), "id");
  const std::string path = "/api/v1/cases/" + id;
  ASSERT_EQ(spec.post_json(path + "/transitions", transition("assessment")).status, 200);
  ASSERT_EQ(spec.post_json(path + "/transitions", transition("awaiting_decision")).status, 200);
  auto consent = spec.post_json(path + "/consents", R"({"signed_by":")" + w.mother + R"(","covers":[")" + w.child +
                                                        R"("],"scope":"patronage","signed_on":"2026-11-23"})");
  ASSERT_EQ(consent.status, 201) << consent.body;
  auto recorded = secretary.post_json(path + "/decisions", council_registration(w.ids["spec"]));
  ASSERT_EQ(secretary.post_json("/api/v1/decisions/" + text(recorded.json(), "id") + "/sign", "").status,
            200);
  ASSERT_EQ(spec.post_json(path + "/transitions", transition("active")).status, 200);
  EXPECT_TRUE(reasons(secretary, id).empty());

  auto withdrawn = spec.post_json(path + "/consents/" + text(consent.json(), "id") + "/withdraw",
                                  R"({"withdrawn_on":"2026-11-23"})");
  ASSERT_EQ(withdrawn.status / 100, 2) << withdrawn.body;
  EXPECT_EQ(reasons(secretary, id), std::vector<std::string>{"consent_withdrawn"});
  ASSERT_EQ(spec.post_json(path + "/transitions", transition("closing")).status / 100, 4)
      << "leaving active needs the removal decision first";
}

TEST_P(Council, StaffNamesForColleaguesOfTheSubtreeAndAbove) {
  LifecycleWorld w(GetParam());
  auto spec = w.client("spec");
  auto staff = spec.get("/api/v1/staff");
  ASSERT_EQ(staff.status, 200) << staff.body;
  std::set<std::string> ids;
  for (const auto& s : staff.json().at("items").as_array()) {
    ids.insert(std::string(s.at("id").as_string()));
    EXPECT_TRUE(s.as_object().contains("full_name"));
    EXPECT_TRUE(s.as_object().contains("role"));
  }
  for (const char* login : {"spec", "spec2", "expert", "head", "secretary", "admin"}) {
    EXPECT_TRUE(ids.contains(w.ids[login])) << login << " (own unit or above)";
  }
  for (const char* login : {"other_head", "other_spec"}) {
    EXPECT_FALSE(ids.contains(w.ids[login])) << login << " (another centre)";
  }
  EXPECT_EQ(w.client("volunteer").get("/api/v1/staff").status, 403);
  EXPECT_EQ(spec.get("/api/v1/staff?unit=" + w.other_centre).status, 404);

  w.add_family();
  auto opened = spec.post_json("/api/v1/cases", R"({"household_id":")" + w.household + R"("})");
  ASSERT_EQ(opened.status, 201);
  auto list = spec.get("/api/v1/cases");
  ASSERT_EQ(list.status, 200);
  EXPECT_EQ(list.json().at("items").at(0).at("address"), "г. Энск, ул. Ленина, д. 1");
  EXPECT_EQ(list.json().at("items").at(0).at("lead_name"), "spec specialist");
}

INSTANTIATE_TEST_SUITE_P(Backends, Council, ::testing::ValuesIn(test_backends()),
                         [](const auto& info) { return backend_name(info.param); });

} // namespace
} // namespace patronage::testing
