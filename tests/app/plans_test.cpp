#include "app/plans.hpp"

#include "app_fixture.hpp"

namespace patronage::testing {
namespace {

class AppPlans : public AppCaseTest {
protected:
  static app::PlanInput plan_input(const std::string& what = "консультация психолога") {
    app::PlanInput input;
    input.period_from = "2026-11-23";
    input.period_to = "2027-05-23";
    input.term = "short";
    input.goals = {{"g1", "снизить конфликтность в семье", "parenting"}};
    app::MeasureInput measure;
    measure.goal_id = "g1";
    measure.patronage_type = "psychological";
    measure.what = what;
    measure.responsible_kind = "specialist";
    measure.due_on = "2026-12-15";
    input.measures = {measure};
    return input;
  }

  app::PlanView new_plan(const std::string& case_id, const std::string& what = "консультация психолога") {
    auto plan = app::create_plan(services(), spec, meta(), case_id, plan_input(what));
    if (!plan) {
      throw std::runtime_error("create_plan failed: " + plan.error().key);
    }
    return *plan;
  }

  util::Result<app::PlanView> update(const app::Actor& who, const app::PlanView& plan, int version,
                                     const std::string& status, const std::string& result = "") {
    app::MeasureUpdate change;
    change.version = version;
    change.status = status;
    change.result = result;
    return app::update_measure(services(), who, meta(), plan.record.id, plan.measures.front().id, change);
  }
};

TEST_P(AppPlans, ANewVersionSupersedesTheOldAndTheReviewDateFollowsTheSettings) {
  const auto c = open_active_case(spec);
  auto bad = plan_input();
  bad.period_to = "2026-11-01";
  bad.goals.push_back({"g1", "", "weather"});
  bad.measures.front().goal_id = "g9";
  auto refused = app::create_plan(services(), spec, meta(), c.id, bad);
  ASSERT_FALSE(refused);
  EXPECT_TRUE(has_field(refused.error(), "period_to", "plan.period_invalid"));
  EXPECT_TRUE(has_field(refused.error(), "goals[1].id", "validation.duplicate"));
  EXPECT_TRUE(has_field(refused.error(), "goals[1].text", "validation.required"));
  EXPECT_TRUE(has_field(refused.error(), "goals[1].domain", "assessment.domain_invalid"));
  EXPECT_TRUE(has_field(refused.error(), "measures[0].goal_id", "plan.goal_unknown"));
  EXPECT_TRUE(audited("plan.add").empty());

  const auto first = new_plan(c.id);
  EXPECT_EQ(first.record.number, 1);
  EXPECT_EQ(first.record.review_on, "2027-02-23") << "three months after the period starts";
  const auto second = new_plan(c.id, "занятия с педагогом");
  EXPECT_EQ(second.record.number, 2);
  EXPECT_EQ(second.record.supersedes_id, first.record.id);
  EXPECT_EQ(audited("plan.add").size(), 2U);
  auto old = update(spec, first, first.record.version, "done");
  ASSERT_FALSE(old);
  EXPECT_EQ(old.error().key, "plan.superseded");
}

// Issue 15: the use case itself checks whom a measure names, every measure at once, and keeps nothing refused.
TEST_P(AppPlans, AMeasuresResponsibleRefNamesStaffOfTheLineByItsKind) {
  const auto c = open_active_case(spec);
  auto input = plan_input();
  const auto measure = [&](const std::string& kind, const std::string& ref) {
    auto m = input.measures.front();
    m.responsible_kind = kind;
    m.responsible_ref = ref;
    return m;
  };
  const auto base = input.measures.front();
  input.measures = {measure("specialist", c.family.household), measure("specialist", other_spec.id),
                    measure("specialist", volunteer.id),       measure("volunteer", spec2.id),
                    measure("partner", "ЦЗН"),                 measure("family", "мать"),
                    measure("specialist", expert.id),          measure("volunteer", volunteer.id)};
  auto refused = app::create_plan(services(), spec, meta(), c.id, input);
  ASSERT_FALSE(refused);
  EXPECT_TRUE(has_field(refused.error(), "measures[0].responsible_ref", "plan.responsible_staff_invalid"));
  EXPECT_TRUE(has_field(refused.error(), "measures[1].responsible_ref", "plan.responsible_staff_invalid"));
  EXPECT_TRUE(has_field(refused.error(), "measures[2].responsible_ref", "plan.responsible_staff_invalid"));
  EXPECT_TRUE(has_field(refused.error(), "measures[3].responsible_ref", "plan.responsible_volunteer_invalid"));
  EXPECT_TRUE(has_field(refused.error(), "measures[4].responsible_ref", "plan.responsible_partner_invalid"));
  EXPECT_EQ(refused.error().fields.size(), 5U) << "the family's words, the expert and the volunteer are fine";
  EXPECT_TRUE(audited("plan.add").empty());

  input.measures.erase(input.measures.begin(), input.measures.begin() + 5);
  input.measures.push_back(measure("specialist", spec.id));
  input.measures.push_back(base);
  auto accepted = app::create_plan(services(), spec, meta(), c.id, input);
  ASSERT_TRUE(accepted) << accepted.error().key;
  EXPECT_EQ(accepted->measures.size(), 5U);
  EXPECT_EQ(accepted->measures.front().responsible_ref, "мать");
}

TEST_P(AppPlans, AMeasureChangedOnAStaleVersionIsRefusedNamingTheCurrentOne) {
  const auto c = open_active_case(spec);
  const auto plan = new_plan(c.id);
  ASSERT_EQ(plan.record.version, 1);
  auto started = update(spec, plan, 1, "in_progress");
  ASSERT_TRUE(started) << started.error().key;
  EXPECT_EQ(started->measures.front().status, "in_progress");
  EXPECT_EQ(started->measures.front().updated_by, spec.id);
  EXPECT_EQ(started->record.version, 2);
  const auto entries = audited("plan.measure_update");
  ASSERT_EQ(entries.size(), 1U);
  EXPECT_EQ(entries.front().entity_id, plan.record.id);
  EXPECT_NE(entries.front().details.find(R"("from":"planned")"), std::string::npos) << entries.front().details;
  EXPECT_NE(entries.front().details.find(R"("to":"in_progress")"), std::string::npos) << entries.front().details;

  // Someone else still on version 1.
  auto stale = update(head, plan, 1, "done", "проведено 4 консультации");
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, util::ErrorCode::conflict);
  EXPECT_EQ(stale.error().key, "plan.version_stale");
  ASSERT_EQ(stale.error().params.size(), 1U);
  EXPECT_EQ(stale.error().params.front(), (std::pair<std::string, std::string>{"version", "2"}));
  auto listed = app::list_plans(services(), spec, meta(), c.id);
  ASSERT_TRUE(listed);
  EXPECT_EQ(listed->front().measures.front().status, "in_progress");
  EXPECT_EQ(listed->front().measures.front().result, "");
  EXPECT_EQ(audited("plan.measure_update").size(), 1U);

  EXPECT_TRUE(has_field(update(spec, plan, 2, "forgotten").error(), "status", "validation.choice_invalid"));
  auto outsider = update(other_spec, plan, 2, "done");
  ASSERT_FALSE(outsider);
  EXPECT_EQ(outsider.error().key, "plan.not_found");
  auto done = update(head, plan, 2, "done", "проведено 4 консультации");
  ASSERT_TRUE(done) << done.error().key;
  EXPECT_EQ(done->measures.front().result, "проведено 4 консультации");
}

TEST_P(AppPlans, OnlyAHeadApprovesAPlanOnce) {
  const auto c = open_active_case(spec);
  const auto plan = new_plan(c.id);
  for (const auto* who : {&spec, &expert, &secretary}) {
    auto refused = app::approve_plan(services(), *who, meta(), plan.record.id);
    ASSERT_FALSE(refused) << who->login;
    EXPECT_NE(refused.error().code, util::ErrorCode::conflict) << who->login;
  }
  EXPECT_EQ(app::approve_plan(services(), spec, meta(), plan.record.id).error().code, util::ErrorCode::forbidden);
  EXPECT_TRUE(audited("plan.approve").empty());

  auto approved = app::approve_plan(services(), head, meta(), plan.record.id);
  ASSERT_TRUE(approved) << approved.error().key;
  EXPECT_EQ(approved->record.approved_by, head.id);
  EXPECT_EQ(approved->record.approved_at, now());
  ASSERT_EQ(audited("plan.approve").size(), 1U);
  EXPECT_EQ(audited("plan.approve").front().entity_id, plan.record.id);
  auto twice = app::approve_plan(services(), head, meta(), plan.record.id);
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().key, "plan.already_approved");

  const auto next = new_plan(c.id, "занятия с педагогом");
  auto superseded = app::approve_plan(services(), head, meta(), plan.record.id);
  ASSERT_FALSE(superseded);
  EXPECT_EQ(superseded.error().key, "plan.superseded");
  EXPECT_TRUE(app::approve_plan(services(), head, meta(), next.record.id));
}

INSTANTIATE_TEST_SUITE_P(Backends, AppPlans, ::testing::ValuesIn(test_backends()),
                         [](const auto& info) { return backend_name(info.param); });

} // namespace
} // namespace patronage::testing
