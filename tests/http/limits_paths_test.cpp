// SPEC §3: the limits hold on every path that makes someone responsible, references name real staff, terms are
// checked when set, and records made in the same second keep their order. Each test runs on both backends.
#include <gtest/gtest.h>

#include <soci/soci.h>

#include "http/lifecycle_fixture.hpp"
#include "storage/assessments.hpp"
#include "storage/audit.hpp"
#include "storage/case_records.hpp"
#include "storage/cases.hpp"
#include "storage/history.hpp"
#include "storage/users.hpp"
#include "storage/volunteers.hpp"
#include "support/problems.hpp"

namespace patronage::testing {
namespace {

class LimitsOnEveryPath : public ::testing::TestWithParam<storage::Backend> {};

std::string first_field(const HttpResult& r) {
  const auto& json = r.json();
  return json.is_object() && json.as_object().contains("errors") ? std::string(json.at("errors").at(0).at("field").as_string())
                                                                  : r.body;
}

const std::string k_caseload = "urn:patronage:problem:case.caseload_exceeded";

std::string simple_decision(const std::string& kind, const std::string& extra = "") {
  return R"({"body":"council","meeting_date":"2026-11-23","protocol_number":"18","members_present":["Соколова"],)"
         R"("kind":")" +
         kind + R"(","grounds":"итоговый анализ")" + extra + "}";
}

std::string override_body(const std::string& reason) {
  return boost::json::serialize(boost::json::object{{"override_reason", reason}});
}

struct Story {
  explicit Story(storage::Backend backend)
      : w(backend), spec(w.client("spec")), spec2(w.client("spec2")), secretary(w.client("secretary")),
        head(w.client("head")) {}

  // A new family's case opened by `opener` (its lead when a specialist), with consent, awaiting the decision.
  std::string awaiting(TestClient& opener) {
    w.add_family("Семья" + std::to_string(++families));
    auto opened = opener.post_json("/api/v1/cases", R"({"household_id":")" + w.household + R"("})");
    EXPECT_EQ(opened.status, 201) << opened.body;
    const std::string path = "/api/v1/cases/" + text(opened.json(), "id");
    EXPECT_EQ(head.post_json(path + "/consents", R"({"signed_by":")" + w.mother + R"(","covers":[")" + w.child +
                                                     R"("],"scope":"patronage","signed_on":"2026-11-23"})")
                  .status,
              201);
    EXPECT_EQ(head.post_json(path + "/transitions", transition("assessment")).status, 200);
    EXPECT_EQ(head.post_json(path + "/transitions", transition("awaiting_decision")).status, 200);
    return path;
  }

  std::string record(const std::string& path, const std::string& body) {
    auto recorded = secretary.post_json(path + "/decisions", body);
    EXPECT_EQ(recorded.status, 201) << recorded.body;
    return "/api/v1/decisions/" + text(recorded.json(), "id") + "/sign";
  }

  // An active intensive case led by `lead`.
  std::string active_for(const std::string& lead) {
    const std::string path = awaiting(spec2);
    EXPECT_EQ(secretary.post_json(record(path, register_decision(w.ids[lead])), "").status, 200);
    auto active = head.post_json(path + "/transitions", transition("active"));
    EXPECT_EQ(active.status, 200) << active.body;
    return path;
  }

  std::string lead_of(const std::string& path) {
    const auto view = head.get(path).json();
    const auto& lead = view.at("lead_id");
    return lead.is_string() ? std::string(lead.as_string()) : "";
  }

  LifecycleWorld w;
  TestClient spec, spec2, secretary, head;
  int families = 0;
};

TEST_P(LimitsOnEveryPath, ASignedDecisionNamingALeadAtTheLimitIsRefusedUnlessAHeadOverrides) {
  Story s(GetParam());
  s.active_for("spec");
  s.active_for("spec");
  const std::string path = s.awaiting(s.spec2);
  const std::string sign = s.record(path, register_decision(s.w.ids["spec"]));
  auto refused = s.secretary.post_json(sign, "");
  EXPECT_EQ(refused.status, 409) << refused.body;
  EXPECT_EQ(type_of(refused), k_caseload);
  EXPECT_EQ(s.lead_of(path), s.w.ids["spec2"]) << "a refused decision changes nothing";
  EXPECT_EQ(s.secretary.post_json(sign, override_body("нет другого специалиста")).status, 403);
  auto overridden = s.head.post_json(sign, override_body("нет другого специалиста"));
  EXPECT_EQ(overridden.status, 200) << overridden.body;
  EXPECT_EQ(s.lead_of(path), s.w.ids["spec"]) << "the decision's lead becomes the case's lead when signed";
}

TEST_P(LimitsOnEveryPath, TheDecisionsLeadAndTeamBecomeTheCasesWhenSigned) {
  Story s(GetParam());
  const std::string path = s.awaiting(s.head); // a head opens it: no lead yet
  EXPECT_EQ(s.lead_of(path), "");
  const std::string sign =
      s.record(path, register_decision(s.w.ids["spec2"], months_later(6), R"(,"team":[")" + s.w.ids["expert"] + "\"]"));
  ASSERT_EQ(s.secretary.post_json(sign, "").status, 200);
  const auto page = s.head.get(path).json();
  EXPECT_EQ(page.at("lead_id").as_string(), s.w.ids["spec2"]);
  std::map<std::string, std::string> roles;
  for (const auto& member : page.at("team").as_array()) {
    roles[std::string(member.at("user_id").as_string())] = std::string(member.at("role").as_string());
  }
  EXPECT_EQ(roles[s.w.ids["spec2"]], "lead");
  EXPECT_EQ(roles[s.w.ids["expert"]], "expert");
  EXPECT_EQ(s.head.post_json(path + "/transitions", transition("active")).status, 200);
}

TEST_P(LimitsOnEveryPath, AHeadsTeamChangeRespectsTheCaseload) {
  Story s(GetParam());
  s.active_for("spec");
  s.active_for("spec");
  const std::string path = s.active_for("spec2");
  const std::string team = R"({"lead_id":")" + s.w.ids["spec"] + R"("})";
  auto refused = s.head.request("PUT", path + "/team", team, {{"Content-Type", "application/json"}});
  EXPECT_EQ(refused.status, 409) << refused.body;
  EXPECT_EQ(type_of(refused), k_caseload);
  EXPECT_EQ(s.lead_of(path), s.w.ids["spec2"]);
  const std::string with_reason =
      R"({"lead_id":")" + s.w.ids["spec"] + R"(","override_reason":"специалист уходит в отпуск"})";
  auto overridden = s.head.request("PUT", path + "/team", with_reason, {{"Content-Type", "application/json"}});
  EXPECT_EQ(overridden.status, 200) << overridden.body;
  EXPECT_EQ(s.lead_of(path), s.w.ids["spec"]);
}

TEST_P(LimitsOnEveryPath, ARelapseFromSupervisionRespectsTheCaseload) {
  Story s(GetParam());
  const std::string path = s.active_for("spec");
  ASSERT_EQ(s.secretary.post_json(s.record(path, simple_decision("remove_from_register")), "").status, 200);
  ASSERT_EQ(s.head.post_json(path + "/transitions", transition("closing")).status, 200);
  ASSERT_EQ(s.head.post_json(path + "/transitions", transition("supervision")).status, 200);
  s.active_for("spec");
  s.active_for("spec");
  s.w.server.clock().advance(std::chrono::hours{24 * 2});
  s.secretary = s.w.client("secretary");
  s.head = s.w.client("head");
  std::string relapse = register_decision(s.w.ids["spec"], months_later(6));
  relapse.replace(relapse.find("2026-11-23"), 10, "2026-11-25");
  const std::string sign = s.record(path, relapse);
  auto refused = s.secretary.post_json(sign, "");
  EXPECT_EQ(refused.status, 409) << refused.body;
  EXPECT_EQ(type_of(refused), k_caseload);
  ASSERT_EQ(s.head.post_json(sign, override_body("семья знает специалиста")).status, 200);
  auto back = s.head.post_json(path + "/transitions", transition("active", "рецидив"));
  EXPECT_EQ(back.status, 409) << back.body;
  EXPECT_EQ(type_of(back), k_caseload);
  const std::string with_reason = R"({"to":"active","reason":"рецидив","override_reason":"семья знает специалиста"})";
  EXPECT_EQ(s.head.post_json(path + "/transitions", with_reason).status, 200);
}

TEST_P(LimitsOnEveryPath, AReopenedCaseRespectsTheCaseload) {
  Story s(GetParam());
  const std::string old_path = s.active_for("spec2");
  ASSERT_EQ(s.secretary.post_json(s.record(old_path, simple_decision("remove_from_register")), "").status, 200);
  ASSERT_EQ(s.head.post_json(old_path + "/transitions", transition("closing")).status, 200);
  ASSERT_EQ(s.head.post_json(old_path + "/transitions", transition("closed")).status, 200);
  const std::string household = s.w.household;
  const std::string mother = s.w.mother;
  const std::string child = s.w.child;
  s.active_for("spec");
  s.active_for("spec");
  auto reopened = s.spec2.post_json("/api/v1/cases", R"({"household_id":")" + household + R"("})");
  ASSERT_EQ(reopened.status, 201) << reopened.body;
  EXPECT_FALSE(reopened.json().at("previous_case_id").is_null());
  const std::string path = "/api/v1/cases/" + text(reopened.json(), "id");
  auto refused = s.secretary.post_json(s.record(path, register_decision(s.w.ids["spec"])), "");
  EXPECT_EQ(refused.status, 409) << refused.body;
  EXPECT_EQ(type_of(refused), k_caseload);
  const std::string team = R"({"lead_id":")" + s.w.ids["spec"] + R"("})";
  EXPECT_EQ(s.head.request("PUT", path + "/team", team, {{"Content-Type", "application/json"}}).status, 200)
      << "the reopened case is not active yet: it does not count";
  auto consent = s.head.post_json(path + "/consents", R"({"signed_by":")" + mother + R"(","covers":[")" + child +
                                                          R"("],"scope":"patronage","signed_on":"2026-11-23"})");
  ASSERT_EQ(consent.status, 201);
  ASSERT_EQ(s.head.post_json(path + "/transitions", transition("assessment")).status, 200);
  ASSERT_EQ(s.head.post_json(path + "/transitions", transition("awaiting_decision")).status, 200);
  ASSERT_EQ(s.head.post_json(s.record(path, register_decision(s.w.ids["spec"])), override_body("та же семья")).status,
            200);
  auto activation = s.head.post_json(path + "/transitions", transition("active"));
  EXPECT_EQ(type_of(activation), k_caseload);
}

TEST_P(LimitsOnEveryPath, AVolunteersLoadHoldsOnTheTeamAndTheAssignment) {
  Story s(GetParam());
  const std::string volunteer_id = util::random_id();
  ASSERT_TRUE(s.w.server.db().transact([&](storage::Tx& tx) -> util::Status {
    storage::VolunteerRecord v;
    v.id = volunteer_id;
    v.unit_id = s.w.department;
    v.user_id = s.w.ids["volunteer"];
    v.last_name = "Петрова";
    v.first_name = "Ольга";
    v.birth_date = "1980-01-01";
    v.sex = "female";
    v.status = domain::VolunteerStatus::active;
    v.status_since = "2026-11-01";
    v.created_by = s.w.ids["head"];
    storage::insert_volunteer(tx, v);
    return {};
  }));
  const std::string team = R"({"volunteers":[")" + s.w.ids["volunteer"] + R"("]})";
  for (int i = 0; i < 3; ++i) {
    const std::string path = s.awaiting(s.spec2);
    ASSERT_EQ(s.head.request("PUT", path + "/team", team, {{"Content-Type", "application/json"}}).status, 200) << i;
  }
  const std::string fourth = s.awaiting(s.spec2);
  auto by_team = s.head.request("PUT", fourth + "/team", team, {{"Content-Type", "application/json"}});
  EXPECT_EQ(by_team.status, 409) << by_team.body;
  EXPECT_EQ(type_of(by_team), "urn:patronage:problem:volunteer.load_limit");
  const std::string assign = R"({"volunteer_id":")" + volunteer_id + "\"";
  auto by_assignment = s.head.post_json(fourth + "/volunteer", assign + "}");
  EXPECT_EQ(by_assignment.status, 409) << by_assignment.body;
  EXPECT_EQ(type_of(by_assignment), "urn:patronage:problem:volunteer.load_limit");
  auto coordinator = s.w.client("coordinator");
  EXPECT_EQ(coordinator.post_json(fourth + "/volunteer", assign + R"(,"override_reason":"просьба семьи"})").status, 403);
  auto overridden = s.head.post_json(fourth + "/volunteer", assign + R"(,"override_reason":"просьба семьи"})");
  EXPECT_EQ(overridden.status, 200) << overridden.body;
}

TEST_P(LimitsOnEveryPath, AFosterEducatorHasAtMostFiveChildren) {
  Story s(GetParam());
  const std::string team = R"({"foster_educator_id":")" + s.w.ids["expert"] + R"("})";
  for (int i = 0; i < 5; ++i) {
    const std::string path = s.awaiting(s.spec2);
    auto placed = s.head.request("PUT", path + "/team", team, {{"Content-Type", "application/json"}});
    ASSERT_EQ(placed.status, 200) << placed.body;
  }
  const std::string sixth = s.awaiting(s.spec2);
  auto refused = s.head.request("PUT", sixth + "/team", team, {{"Content-Type", "application/json"}});
  EXPECT_EQ(refused.status, 409) << refused.body;
  EXPECT_EQ(type_of(refused), "urn:patronage:problem:case.foster_load_exceeded");
  const std::string with_reason =
      R"({"foster_educator_id":")" + s.w.ids["expert"] + R"(","override_reason":"брат уже у неё"})";
  EXPECT_EQ(s.head.request("PUT", sixth + "/team", with_reason, {{"Content-Type", "application/json"}}).status, 200);
}

TEST_P(LimitsOnEveryPath, StaffReferencesNameRealEnabledStaffOfTheRightRole) {
  Story s(GetParam());
  const std::string path = s.awaiting(s.spec2);
  ASSERT_TRUE(s.w.server.db().transact([&](storage::Tx& tx) -> util::Status {
    storage::set_user_disabled(tx, s.w.ids["spec"], true, 0);
    return {};
  }));
  for (const auto& lead : {s.w.household, s.w.ids["spec"], s.w.ids["auditor"], s.w.ids["other_spec"]}) {
    auto refused = s.secretary.post_json(path + "/decisions", register_decision(lead));
    EXPECT_EQ(refused.status, 422) << refused.body;
    EXPECT_EQ(first_field(refused), "lead_specialist_id");
    auto team = s.head.request("PUT", path + "/team", R"({"lead_id":")" + lead + R"("})",
                               {{"Content-Type", "application/json"}});
    EXPECT_EQ(team.status, 422) << team.body;
    EXPECT_EQ(first_field(team), "lead_id");
  }
  auto bad_team = s.secretary.post_json(
      path + "/decisions", register_decision(s.w.ids["spec2"], months_later(6), R"(,"team":[")" + s.w.household + "\"]"));
  EXPECT_EQ(bad_team.status, 422);
  EXPECT_EQ(first_field(bad_team), "team[0]");
  EXPECT_EQ(s.lead_of(path), s.w.ids["spec2"]);
}

TEST_P(LimitsOnEveryPath, TermsAreCheckedWhenTheDecisionIsRecordedAndSigned) {
  Story s(GetParam());
  const std::string path = s.awaiting(s.spec2);
  for (int months : {3, 10}) {
    auto refused = s.secretary.post_json(path + "/decisions", register_decision(s.w.ids["spec2"], months_later(months)));
    EXPECT_EQ(refused.status, 409) << months;
    EXPECT_EQ(type_of(refused), "urn:patronage:problem:case.planned_end_out_of_range");
  }
  const std::string reason = R"(,"override_reason":"суд назначен на сентябрь")";
  EXPECT_EQ(s.secretary.post_json(path + "/decisions", register_decision(s.w.ids["spec2"], months_later(10), reason))
                .status,
            403);
  auto recorded = s.head.post_json(path + "/decisions", register_decision(s.w.ids["spec2"], months_later(10), reason));
  ASSERT_EQ(recorded.status, 201) << recorded.body;
  const std::string sign = "/api/v1/decisions/" + text(recorded.json(), "id") + "/sign";
  auto unsigned_refused = s.secretary.post_json(sign, "");
  EXPECT_EQ(type_of(unsigned_refused), "urn:patronage:problem:case.planned_end_out_of_range");
  EXPECT_EQ(s.head.post_json(sign, override_body("суд назначен на сентябрь")).status, 200);

  auto too_long = s.secretary.post_json(
      path + "/decisions", simple_decision("move_to_supervision", R"(,"planned_end":")" + months_later(13) + "\""));
  EXPECT_EQ(too_long.status, 409);
  EXPECT_EQ(type_of(too_long), "urn:patronage:problem:case.supervision_term_too_long");
}

// SPEC §11, issue 15: a head's override reason is free text, so it is kept with the case (its change history),
// never in the append-only audit log, whose entries say only that a head overrode; every entry's details stay
// one JSON object though the reason holds a quote and a backslash.
TEST_P(LimitsOnEveryPath, AnOverridesReasonIsKeptWithTheCaseAndNotInTheAuditLog) {
  Story s(GetParam());
  s.active_for("spec");
  s.active_for("spec");
  const std::string reason = R"(Иванова "на больничном" \ до декабря)";
  // The team path and the decision path, each over the limit with the same reason.
  const std::string by_team = s.active_for("spec2");
  const std::string team =
      boost::json::serialize(boost::json::object{{"lead_id", s.w.ids["spec"]}, {"override_reason", reason}});
  ASSERT_EQ(s.head.request("PUT", by_team + "/team", team, {{"Content-Type", "application/json"}}).status, 200);
  const std::string by_decision = s.awaiting(s.spec2);
  ASSERT_EQ(s.head.post_json(s.record(by_decision, register_decision(s.w.ids["spec"])), override_body(reason)).status,
            200);

  std::vector<storage::AuditEntry> entries;
  std::vector<std::string> kept;
  ASSERT_TRUE(s.w.server.db().transact([&](storage::Tx& tx) -> util::Status {
    storage::AuditFilter all;
    all.limit = 10000;
    entries = storage::list_audit(tx, all);
    std::string changes;
    soci::statement st =
        (tx.sql().prepare << "SELECT changes FROM change_history WHERE entity = 'case'", soci::into(changes));
    st.execute();
    while (st.fetch()) {
      kept.push_back(changes);
    }
    return {};
  }));
  int overrides = 0;
  for (const auto& entry : entries) {
    boost::system::error_code ec;
    const auto details = boost::json::parse(entry.details, ec);
    ASSERT_FALSE(ec) << entry.action << ": " << entry.details;
    ASSERT_TRUE(details.is_object()) << entry.action << ": " << entry.details;
    for (const std::string part : {"Иванова", "больничном", "декабря", "override_reason"}) {
      EXPECT_EQ(entry.details.find(part), std::string::npos) << entry.action << ": " << entry.details;
    }
    if (details.as_object().contains("head_override")) {
      EXPECT_TRUE(details.at("head_override").as_bool());
      EXPECT_EQ(entry.entity, "case");
      ++overrides;
    }
  }
  EXPECT_EQ(overrides, 2) << "the team change and the signature";
  ASSERT_EQ(kept.size(), 2U);
  for (const auto& changes : kept) {
    const auto change = boost::json::parse(changes).as_array().at(0);
    EXPECT_EQ(change.at("field"), "override_reason");
    EXPECT_EQ(change.at("new").as_string(), reason);
  }
}

std::vector<std::string> kinds_of_work(TestClient& client) {
  std::vector<std::string> kinds;
  const auto list = client.get("/api/v1/worklist").json();
  for (const auto& item : list.at("items").as_array()) {
    kinds.emplace_back(item.at("kind").as_string());
  }
  return kinds;
}

TEST_P(LimitsOnEveryPath, TheCaseShowsTheEndOfSupervisionAndTheWorkListWarnsAMonthBefore) {
  Story s(GetParam());
  const std::string other = s.active_for("spec"); // planned end in 6 months
  const std::string path = s.active_for("spec");
  EXPECT_TRUE(s.head.get(path).json().at("supervision_end").is_null());
  EXPECT_FALSE(has(kinds_of_work(s.head), "patronage_end"));
  ASSERT_EQ(s.secretary.post_json(s.record(path, simple_decision("remove_from_register")), "").status, 200);
  ASSERT_EQ(s.secretary
                .post_json(s.record(path, simple_decision("move_to_supervision",
                                                          R"(,"planned_end":")" + months_later(3) + "\"")),
                           "")
                .status,
            200);
  ASSERT_EQ(s.head.post_json(path + "/transitions", transition("closing")).status, 200);
  ASSERT_EQ(s.head.post_json(path + "/transitions", transition("supervision")).status, 200);
  EXPECT_EQ(s.head.get(path).json().at("supervision_end").as_string(), months_later(3));
  EXPECT_FALSE(has(kinds_of_work(s.head), "supervision_end"));
  s.w.server.clock().advance(std::chrono::hours{24 * 65});
  s.head = s.w.client("head");
  EXPECT_TRUE(has(kinds_of_work(s.head), "supervision_end"));
  EXPECT_FALSE(has(kinds_of_work(s.head), "patronage_end"));
  s.w.server.clock().advance(std::chrono::hours{24 * 100});
  s.head = s.w.client("head");
  EXPECT_TRUE(has(kinds_of_work(s.head), "patronage_end")) << other;
}

TEST_P(LimitsOnEveryPath, RecordsMadeInTheSameSecondKeepTheirOrder) {
  Story s(GetParam());
  const std::string path = s.awaiting(s.spec2);
  const std::string case_id = path.substr(path.rfind('/') + 1);
  // Ids sort against the order of making, all in the same second.
  const std::vector<std::string> ids = {"zzzz-first", "mmmm-second", "aaaa-third"};
  ASSERT_TRUE(s.w.server.db().transact([&](storage::Tx& tx) -> util::Status {
    for (const auto& id : ids) {
      storage::AssessmentRecord a;
      a.id = id;
      a.case_id = case_id;
      a.kind = "needs";
      a.on_date = "2026-11-23";
      a.author_id = s.w.ids["spec2"];
      a.data = "{}";
      a.created_at = 1'800'000'000;
      storage::insert_assessment(tx, a);
      storage::HistoryRecord h;
      h.id = id;
      h.entity = "household";
      h.entity_id = s.w.household;
      h.at = 1'800'000'000;
      h.user_id = s.w.ids["spec2"];
      storage::insert_history(tx, h);
      storage::insert_transition(tx, {id, case_id, "awaiting_decision", "awaiting_decision", 1'800'000'000,
                                      "2027-01-15", s.w.ids["spec2"], "step " + id, ""});
    }
    return {};
  }));
  auto listed = s.w.server.db().transact([&](storage::Tx& tx) -> util::Result<std::pair<std::string, std::string>> {
    std::string assessments;
    for (const auto& a : storage::list_assessments(tx, case_id, std::nullopt)) {
      assessments += a.id + " ";
    }
    std::string history;
    for (const auto& h : storage::list_household_history(tx, s.w.household)) {
      if (h.at == 1'800'000'000) {
        history += h.id + " ";
      }
    }
    return std::pair{assessments, history};
  });
  ASSERT_TRUE(listed);
  EXPECT_EQ(listed->first, "aaaa-third mmmm-second zzzz-first ") << "the latest first";
  EXPECT_EQ(listed->second, "zzzz-first mmmm-second aaaa-third ") << "oldest first";

  // The case's transitions: the three made in the same second after the ones before, in the order made.
  std::string transitions;
  const auto page = s.head.get(path).json();
  for (const auto& step : page.at("history").as_array()) {
    if (step.at("reason").as_string().starts_with("step ")) {
      transitions += std::string(step.at("reason").as_string()) + " ";
    }
  }
  EXPECT_EQ(transitions, "step zzzz-first step mmmm-second step aaaa-third ");
}

// SPEC §1, §11: every other place that names staff — a visit's participants, a team's experts and foster
// educator, a volunteer's coordinator, the volunteer assigned — takes only an existing, enabled user of a fitting
// role in the record's unit line, and names the field.
TEST_P(LimitsOnEveryPath, EveryOtherStaffReferenceIsCheckedAndNamesItsField) {
  Story s(GetParam());
  const std::string path = s.active_for("spec2");
  const std::string other_volunteer = s.w.server.add_user("other_volunteer", "volunteer", s.w.other_centre);
  const std::string disabled_coordinator = s.w.server.add_user("coordinator2", "coordinator", s.w.department);
  const std::string foreign_volunteer = util::random_id();
  ASSERT_TRUE(s.w.server.db().transact([&](storage::Tx& tx) -> util::Status {
    storage::set_user_disabled(tx, s.w.ids["spec"], true, 0);
    storage::set_user_disabled(tx, disabled_coordinator, true, 0);
    storage::VolunteerRecord v;
    v.id = foreign_volunteer;
    v.unit_id = s.w.other_centre;
    v.user_id = other_volunteer;
    v.last_name = "Сидорова";
    v.first_name = "Анна";
    v.birth_date = "1980-01-01";
    v.sex = "female";
    v.status = domain::VolunteerStatus::active;
    v.status_since = "2026-11-01";
    v.created_by = s.w.ids["other_head"];
    storage::insert_volunteer(tx, v);
    return {};
  }));
  const auto put_team = [&](const boost::json::object& body) {
    return s.head.request("PUT", path + "/team", boost::json::serialize(body), {{"Content-Type", "application/json"}});
  };
  // A household's id, a disabled specialist, an auditor, a specialist of another centre.
  for (const auto& who : {s.w.household, s.w.ids["spec"], s.w.ids["auditor"], s.w.ids["other_spec"]}) {
    auto visit = s.spec2.post_json(path + "/visits", boost::json::serialize(boost::json::object{
                                                         {"planned_on", "2026-11-23"},
                                                         {"kind", "home"},
                                                         {"purpose", "контроль"},
                                                         {"participants", boost::json::array{who}}}));
    EXPECT_EQ(visit.status, 422) << visit.body;
    EXPECT_EQ(first_field(visit), "participants[0]");
    auto expert = put_team({{"experts", boost::json::array{who}}});
    EXPECT_EQ(expert.status, 422) << expert.body;
    EXPECT_EQ(first_field(expert), "experts[0]");
    auto foster = put_team({{"foster_educator_id", who}});
    EXPECT_EQ(foster.status, 422) << foster.body;
    EXPECT_EQ(first_field(foster), "foster_educator_id");
  }
  for (const auto& who : {s.w.ids["spec2"], other_volunteer}) { // not a volunteer; a volunteer of another centre
    auto volunteer = put_team({{"volunteers", boost::json::array{who}}});
    EXPECT_EQ(volunteer.status, 422) << volunteer.body;
    EXPECT_EQ(first_field(volunteer), "volunteers[0]");
  }
  auto assigned = s.head.post_json(path + "/volunteer", R"({"volunteer_id":")" + foreign_volunteer + R"("})");
  EXPECT_EQ(assigned.status, 422) << assigned.body;
  EXPECT_EQ(first_field(assigned), "volunteer_id");
  EXPECT_EQ(s.head.get(path).json().at("team").as_array().size(), 1U) << "the lead alone, nothing was changed";

  auto coordinator = s.w.client("coordinator");
  for (const auto& who : {s.w.household, disabled_coordinator, s.w.ids["auditor"], s.w.ids["spec2"],
                          s.w.ids["other_head"]}) {
    auto created = coordinator.post_json(
        "/api/v1/volunteers", boost::json::serialize(boost::json::object{{"last_name", "Лебедева"},
                                                                          {"first_name", "Мария"},
                                                                          {"birth_date", "1990-01-01"},
                                                                          {"sex", "female"},
                                                                          {"coordinator_id", who}}));
    EXPECT_EQ(created.status, 422) << created.body;
    EXPECT_EQ(first_field(created), "coordinator_id");
  }
}

// Tried as an attacker: an override needs a head of the case's line and a reason that is more than blanks; a
// head of another centre cannot even see the case.
TEST_P(LimitsOnEveryPath, OnlyAHeadOfTheCasesLineOverridesAndOnlyWithARealReason) {
  Story s(GetParam());
  s.active_for("spec");
  s.active_for("spec");
  const std::string path = s.active_for("spec2");
  const auto put_team = [&](TestClient& who, const std::string& reason) {
    return who.request("PUT", path + "/team",
                       boost::json::serialize(boost::json::object{{"lead_id", s.w.ids["spec"]},
                                                                  {"override_reason", reason}}),
                       {{"Content-Type", "application/json"}});
  };
  auto blank = put_team(s.head, " \t\n  ");
  EXPECT_EQ(blank.status, 409) << blank.body;
  EXPECT_EQ(type_of(blank), k_caseload) << "a reason of blanks is no reason";
  auto other_head = s.w.client("other_head");
  EXPECT_EQ(put_team(other_head, "чужой случай").status, 404);
  EXPECT_EQ(put_team(s.spec2, "я сама решила").status, 403);
  EXPECT_EQ(s.lead_of(path), s.w.ids["spec2"]);

  // The decision path: the lead specialist may record a transition, but not override its limit.
  const std::string waiting = s.awaiting(s.spec2);
  const std::string sign = s.record(waiting, register_decision(s.w.ids["spec"]));
  EXPECT_EQ(type_of(s.head.post_json(sign, override_body("   "))), k_caseload);
  EXPECT_EQ(other_head.post_json(sign, override_body("чужое решение")).status, 404);
  ASSERT_EQ(s.head.post_json(sign, override_body("семья знает специалиста")).status, 200);
  auto spec = s.w.client("spec");
  const std::string activate = R"({"to":"active","reason":"решение совета","override_reason":"сама решила"})";
  auto by_lead = spec.post_json(waiting + "/transitions", activate);
  EXPECT_EQ(by_lead.status, 403) << by_lead.body;
  const std::string blank_reason = R"({"to":"active","reason":"решение совета","override_reason":"  "})";
  EXPECT_EQ(type_of(s.head.post_json(waiting + "/transitions", blank_reason)), k_caseload);
  EXPECT_EQ(s.head.get(waiting).json().at("state").as_string(), "awaiting_decision");
  EXPECT_EQ(s.head.post_json(waiting + "/transitions", activate).status, 200);
}

// Issue 15: a measure's responsible_ref names no one, or — by its kind — a specialist who may lead or work on a
// case of the line, a volunteer of the line (account or volunteer record), a partner the case may be referred to;
// a family's is free text. Plans are never edited, so creating a version is the only path that writes a ref.
TEST_P(LimitsOnEveryPath, AMeasuresResponsibleIsRealStaffOfTheLineOrAPartnerOrFreeTextForTheFamily) {
  Story s(GetParam());
  const std::string path = s.active_for("spec2");
  const std::string other_volunteer = s.w.server.add_user("other_volunteer", "volunteer", s.w.other_centre);
  ASSERT_TRUE(s.w.server.db().transact([&](storage::Tx& tx) -> util::Status {
    storage::set_user_disabled(tx, s.w.ids["spec"], true, 0);
    return {};
  }));
  const auto plan = [&](const std::string& kind, const std::string& ref) {
    boost::json::object measure{{"goal_id", "g1"},       {"patronage_type", "psychological"},
                                {"what", "Консультации"}, {"responsible_kind", kind},
                                {"responsible_ref", ref}, {"due_on", "2026-12-15"}};
    return s.spec2.post_json(path + "/plans",
                             boost::json::serialize(boost::json::object{
                                 {"period_from", "2026-12-01"},
                                 {"period_to", "2026-12-31"},
                                 {"term", "short"},
                                 {"goals", boost::json::array{{{"id", "g1"}, {"text", "Безопасность"},
                                                               {"domain", "child_safety"}}}},
                                 {"measures", boost::json::array{measure}}}));
  };
  const auto refused = [&](const std::string& kind, const std::string& ref, const std::string& key) {
    auto answer = plan(kind, ref);
    EXPECT_EQ(answer.status, 422) << kind << " " << ref << ": " << answer.body;
    EXPECT_EQ(first_field(answer), "measures[0].responsible_ref") << kind << " " << ref;
    if (answer.status == 422) {
      EXPECT_EQ(answer.json().at("errors").at(0).at("reason").as_string(), key) << answer.body;
    }
  };
  // A household's id, a disabled specialist, an auditor, a specialist of another centre, a volunteer.
  for (const auto& who : {s.w.household, s.w.ids["spec"], s.w.ids["auditor"], s.w.ids["other_spec"],
                          s.w.ids["volunteer"], std::string("психолог")}) {
    refused("specialist", who, "plan.responsible_staff_invalid");
  }
  for (const auto& who : {s.w.ids["spec2"], other_volunteer, s.w.household}) {
    refused("volunteer", who, "plan.responsible_volunteer_invalid");
  }
  refused("partner", "ЦЗН", "plan.responsible_partner_invalid");
  auto other_partner =
      s.w.client("other_head").post_json("/api/v1/partners", R"({"name":"Чужой центр","type":"employment_centre"})");
  ASSERT_EQ(other_partner.status, 201) << other_partner.body;
  refused("partner", text(other_partner.json(), "id"), "plan.responsible_partner_invalid");
  EXPECT_EQ(s.head.get(path + "/plans").json().at("items").as_array().size(), 0U) << "no refused version was kept";

  auto partner =
      s.head.post_json("/api/v1/partners", R"({"name":"Центр занятости","type":"employment_centre"})");
  ASSERT_EQ(partner.status, 201) << partner.body;
  for (const auto& [kind, ref] : std::vector<std::pair<std::string, std::string>>{
           {"specialist", s.w.ids["spec2"]},
           {"specialist", s.w.ids["expert"]},
           {"specialist", s.w.ids["head"]},
           {"specialist", ""},
           {"volunteer", s.w.ids["volunteer"]},
           {"partner", text(partner.json(), "id")},
           {"family", "мать"},
           {"family", ""}}) {
    auto accepted = plan(kind, ref);
    EXPECT_EQ(accepted.status, 201) << kind << " " << ref << ": " << accepted.body;
    if (accepted.status == 201) {
      EXPECT_EQ(accepted.json().at("measures").at(0).at("responsible_ref").as_string(), ref);
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, LimitsOnEveryPath, ::testing::ValuesIn(test_backends()),
                         [](const auto& info) { return backend_name(info.param); });

} // namespace
} // namespace patronage::testing
