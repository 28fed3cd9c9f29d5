#include "app/worklist.hpp"

#include <algorithm>

#include "app/partners.hpp"
#include "app/plans.hpp"
#include "app/signals.hpp"
#include "app_fixture.hpp"

namespace patronage::testing {
namespace {

class AppWorklist : public AppCaseTest {
protected:
  // "kind:case or signal id[:overdue]" of each item, in the list's order.
  std::vector<std::string> entries(const app::Actor& who) {
    auto items = app::work_list(services(), who, meta());
    EXPECT_TRUE(items) << items.error().key;
    std::vector<std::string> out;
    for (const auto& item : items.value_or(std::vector<app::WorkItem>{})) {
      out.push_back(item.kind + ":" + (item.case_id.empty() ? item.signal_id : item.case_id) +
                    (item.overdue ? ":overdue" : ""));
    }
    return out;
  }

  void add_plan(const std::string& case_id) {
    app::PlanInput input;
    input.period_from = "2026-11-23";
    input.period_to = "2027-05-23";
    input.term = "short";
    input.goals = {{"g1", "ребёнок посещает школу", "education"}};
    const auto measure = [](const std::string& what, const std::string& due_on, const std::string& status) {
      app::MeasureInput m;
      m.goal_id = "g1";
      m.patronage_type = "pedagogical";
      m.what = what;
      m.responsible_kind = "specialist";
      m.due_on = due_on;
      m.status = status;
      return m;
    };
    input.measures = {measure("встреча с классным руководителем", "2026-11-27", "planned"),
                      measure("уже сделано", "2026-11-25", "done"),
                      measure("летний лагерь", "2027-05-01", "planned")};
    auto plan = app::create_plan(services(), spec, meta(), case_id, input);
    ASSERT_TRUE(plan) << plan.error().key;
  }

  std::string emergency_signal() {
    app::SignalInput input;
    input.received_at = "2026-11-23T08:00:00Z";
    input.source = "school";
    input.reported = "Ребёнок один дома третий день";
    input.address = "ул. Мира, 2";
    input.persons = {{"Лебедев", "Артём", "", std::nullopt}};
    input.urgency = "emergency";
    auto created = app::create_signal(services(), spec, meta(), input);
    EXPECT_TRUE(created) << created.error().key;
    return created ? created->signal.id : "";
  }
};

TEST_P(AppWorklist, ASpecialistSeesTheirCasesMeasuresReferralsAndSignalsMostUrgentFirst) {
  const auto ours = open_active_case(spec, "Смирнова");
  const auto theirs = open_active_case(spec2, "Кузьмина");
  EXPECT_TRUE(entries(spec).empty()) << "nothing due within a week on the day of registration";
  ASSERT_EQ(audited("worklist.read").size(), 1U);
  EXPECT_EQ(audited("worklist.read").front().entity_id, spec.id);

  add_plan(ours.id);
  app::PartnerInput school;
  school.name = "Школа № 5";
  school.type = "school";
  auto partner = app::create_partner(services(), head, meta(), school);
  ASSERT_TRUE(partner) << partner.error().key;
  ASSERT_TRUE(app::create_referral(services(), spec, meta(), ours.id,
                                   {partner->id, "консультация логопеда", "2026-11-10", "2026-11-20"}));
  const auto signal = emergency_signal();

  EXPECT_EQ(entries(spec), (std::vector<std::string>{"referral_overdue:" + ours.id + ":overdue",
                                                     "signal_triage:" + signal, "measure_due:" + ours.id}))
      << "the measure done and the one months away are not listed";
  EXPECT_EQ(entries(spec2), (std::vector<std::string>{"signal_triage:" + signal})) << "none of another lead's cases";
  EXPECT_TRUE(entries(other_spec).empty()) << "a specialist of another centre sees none of ours";
  EXPECT_TRUE(entries(volunteer).empty());
  (void)theirs;

  // An expert of the team acts on the case's measures, but neither triages signals nor waits for referrals.
  app::TeamInput team;
  team.experts = {expert.id};
  ASSERT_TRUE(app::assign_team(services(), head, meta(), ours.id, team));
  EXPECT_EQ(entries(expert), (std::vector<std::string>{"measure_due:" + ours.id}));

  const auto items = app::work_list(services(), spec, meta());
  ASSERT_TRUE(items);
  const auto measure = std::find_if(items->begin(), items->end(), [](const auto& i) { return i.kind == "measure_due"; });
  ASSERT_NE(measure, items->end());
  EXPECT_EQ(measure->due_on, *util::parse_date("2026-11-27"));
  EXPECT_EQ(measure->urgency, 3);
  EXPECT_NE(std::find(measure->title_params.begin(), measure->title_params.end(),
                      std::pair<std::string, std::string>{"what", "встреча с классным руководителем"}),
            measure->title_params.end());
  EXPECT_EQ(items->at(1).urgency, 1) << "an emergency signal";
}

TEST_P(AppWorklist, TheEndOfPatronageIsListedAMonthAhead) {
  const auto ours = open_active_case(spec);
  const auto has_end = [&] {
    const auto listed = entries(spec);
    return std::find(listed.begin(), listed.end(), "patronage_end:" + ours.id) != listed.end();
  };
  clock().set(*util::parse_timestamp("2027-04-21T09:00:00Z"));
  EXPECT_FALSE(has_end()) << "the planned end (2027-05-23) is 32 days away";
  clock().set(*util::parse_timestamp("2027-04-22T09:00:00Z"));
  EXPECT_TRUE(has_end());
  ASSERT_TRUE(app::withdraw_consent(services(), spec, meta(), ours.id, ours.consent_id, "2027-04-22"));
  EXPECT_TRUE(has_end()) << "still active";
}

// SPEC §3: the work list warns a month before any term ends — a plan's review and a consent's expiry too.
TEST_P(AppWorklist, APlanReviewAndAConsentsExpiryAreListedAMonthAhead) {
  const auto ours = open_active_case(spec);
  add_plan(ours.id); // reviewed on 2027-02-23, three months after the period starts
  app::ConsentInput data{ours.family.mother, {ours.family.child}, "personal_data", "2026-11-23", "2027-03-10",
                         std::nullopt};
  ASSERT_TRUE(app::add_consent(services(), spec, meta(), ours.id, data));
  const auto has = [&](const std::string& kind) {
    const auto listed = entries(spec);
    return std::any_of(listed.begin(), listed.end(),
                       [&](const std::string& item) { return item.rfind(kind + ":" + ours.id, 0) == 0; });
  };
  clock().set(*util::parse_timestamp("2027-01-22T09:00:00Z"));
  EXPECT_FALSE(has("plan_review")) << "the review is 32 days away";
  clock().set(*util::parse_timestamp("2027-01-23T09:00:00Z"));
  EXPECT_TRUE(has("plan_review"));
  EXPECT_FALSE(has("consent_expiring")) << "the consent ends in 46 days";
  clock().set(*util::parse_timestamp("2027-02-06T09:00:00Z"));
  EXPECT_FALSE(has("consent_expiring")) << "32 days";
  clock().set(*util::parse_timestamp("2027-02-07T09:00:00Z"));
  EXPECT_TRUE(has("consent_expiring"));
}

INSTANTIATE_TEST_SUITE_P(Backends, AppWorklist, ::testing::ValuesIn(test_backends()),
                         [](const auto& info) { return backend_name(info.param); });

} // namespace
} // namespace patronage::testing
