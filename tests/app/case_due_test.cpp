#include "app/case_due.hpp"

#include "app/case_due_refresher.hpp"

#include "app/assessments.hpp"
#include "app/plans.hpp"
#include "app/visits.hpp"
#include "app/worklist.hpp"
#include "app_fixture.hpp"
#include "storage/write_hook.hpp"
#include "support/worklist_oracle.hpp"

namespace patronage::testing {
namespace {

// Issue 16: the work list reads each open case's due values as stored by the writes (migration 21). After every
// kind of write, every stored row equals a fresh derivation, and the work list equals the one computed the old way
// from every record of every case (tests/support/worklist_oracle.hpp).
class AppCaseDue : public AppCaseTest {
protected:
  // The value of a use case that must succeed; throws with the error's key and fields otherwise.
  template <typename T> static T done(util::Result<T> result, const std::string& what) {
    if (!result) {
      std::string fields;
      for (const auto& f : result.error().fields) {
        fields += " " + f.field + ":" + f.reason;
      }
      throw std::runtime_error(what + " failed: " + result.error().key + fields);
    }
    return std::move(*result);
  }

  void check(const std::string& what) {
    if (refresher) {
      refresher->flush();
    }
    int compared = 0;
    auto done = db().read([&](storage::Tx& tx) -> util::Status {
      compared = expect_case_due_fresh(tx, services(), what);
      return {};
    });
    ASSERT_TRUE(done);
    EXPECT_GT(compared, 0) << what;
    for (const auto* who : {&spec, &spec2, &head}) {
      expect_work_list_as_before(services(), *who, meta(), what + " (" + who->login + ")");
    }
  }

  // How many items of `kind` the work list of `who` has for `case_id`.
  size_t items_of(const app::Actor& who, const std::string& kind, const std::string& case_id) {
    auto list = app::work_list(services(), who, meta());
    EXPECT_TRUE(list);
    return static_cast<size_t>(std::count_if(list->begin(), list->end(), [&](const app::WorkItem& item) {
      return item.kind == kind && item.case_id == case_id;
    }));
  }

  std::optional<storage::CaseDue> stored(const std::string& case_id) {
    if (refresher) {
      refresher->flush();
    }
    return db()
        .read([&](storage::Tx& tx) -> util::Result<std::optional<storage::CaseDue>> {
          return storage::find_case_due(tx, case_id);
        })
        .value_or(std::nullopt);
  }

  // A needs assessment scoring child safety `child_safety` and every other domain 1.
  app::AssessmentView needs(const app::Actor& who, const std::string& case_id, const std::string& on,
                            int child_safety) {
    boost::json::array scores;
    for (const auto d : domain::k_risk_domains) {
      scores.push_back(boost::json::object{{"domain", domain::to_string(d)},
                                           {"score", d == domain::RiskDomain::child_safety ? child_safety : 1}});
    }
    app::AssessmentInput input;
    input.kind = "needs";
    input.date = on;
    input.data = boost::json::value(boost::json::object{{"scores", scores}});
    return done(app::add_assessment(services(), who, meta(), case_id, input), "add_assessment");
  }

  app::VisitInput visit(const std::string& planned_on, const std::optional<std::string>& actual_on,
                        bool concern = false) {
    app::VisitInput input;
    input.planned_on = planned_on;
    input.actual_on = actual_on;
    input.kind = "home";
    input.purpose = "плановый визит";
    input.child_safety = {actual_on.has_value(), concern, concern ? "синяки" : ""};
    return input;
  }

  app::PlanView plan(const std::string& case_id, const std::string& review_on) {
    app::PlanInput input;
    input.period_from = "2026-11-23";
    input.period_to = "2027-05-23";
    input.review_on = review_on;
    input.term = "short";
    input.goals = {{"g1", "ребёнок посещает школу", "education"}};
    const auto measure = [](const std::string& what, const std::string& due_on) {
      app::MeasureInput m;
      m.goal_id = "g1";
      m.patronage_type = "pedagogical";
      m.what = what;
      m.responsible_kind = "specialist";
      m.due_on = due_on;
      m.status = "planned";
      return m;
    };
    input.measures = {measure("встреча с классным руководителем", "2026-11-27"),
                      measure("второе дело того же дня", "2026-11-27"), measure("летний лагерь", "2027-05-01")};
    return done(app::create_plan(services(), spec, meta(), case_id, input), "create_plan");
  }

  void every_kind_of_write();

  // Set: the rows are kept after each commit (as `patronage serve` does on SQLite) instead of inside each write.
  std::unique_ptr<app::CaseDueRefresher> refresher;
};

TEST_P(AppCaseDue, EveryKindOfWriteKeepsTheStoredValuesEqualToAFreshDerivation) {
  every_kind_of_write();
}

TEST_P(AppCaseDue, EveryKindOfWriteKeepsThemEqualWhenComputedAfterTheCommit) {
  refresher = std::make_unique<app::CaseDueRefresher>(services());
  every_kind_of_write();
  refresher.reset();
  const auto c = open_active_case(spec, "Орлова");
  EXPECT_TRUE(stored(c.id)) << "a stopped refresher hands the rows back to the writes";
  check("after the refresher stopped");
}

// A row derived from what was committed before another write marked the case again is not stored: the case stays
// marked, the work list derives it meanwhile, and the next round stores the row of both writes.
TEST_P(AppCaseDue, ARowDerivedBeforeTheNextWriteIsNotStored) {
  const auto c = open_active_case(spec, "Смирнова");
  storage::set_write_hook(db(), {});
  done(app::record_visit(services(), spec, meta(), c.id, visit("2026-11-23", "2026-11-23")), "first visit");
  auto before = db().read([&](storage::Tx& tx) -> util::Result<std::pair<storage::MarkedCase, storage::CaseDue>> {
    const auto marked = storage::marked_case_due(tx, 10);
    EXPECT_EQ(marked.size(), 1U);
    return std::pair{marked.at(0), app::derive_case_due(tx, services(), *storage::find_case(tx, c.id),
                                                        app::today(services()))};
  });
  ASSERT_TRUE(before) << before.error().key;
  done(app::record_visit(services(), spec, meta(), c.id, visit("2026-11-23", "2026-11-23", true)),
       "a visit with a concern, meanwhile");
  auto kept = db().transact([&](storage::Tx& tx) -> util::Result<bool> {
    return storage::store_case_due_if_unchanged(tx, before->first, before->second);
  });
  ASSERT_TRUE(kept);
  EXPECT_FALSE(*kept);
  EXPECT_FALSE(stored(c.id));
  expect_work_list_as_before(services(), spec, meta(), "the case still marked");
  auto round = app::refresh_marked_after_commit(services(), 10);
  ASSERT_TRUE(round) << round.error().key;
  EXPECT_EQ(*round, 1U);
  ASSERT_TRUE(stored(c.id));
  EXPECT_NE(stored(c.id)->warning_key, before->second.warning_key) << "the second visit's concern counts";
  auto handed_back = app::keep_case_due(services());
  ASSERT_TRUE(handed_back) << handed_back.error().key;
  check("after the next round");
}

void AppCaseDue::every_kind_of_write() {
  const auto ours = open_active_case(spec, "Смирнова");
  const auto theirs = open_active_case(spec2, "Кузьмина");
  check("intake, consent, decision, transitions");
  ASSERT_TRUE(stored(ours.id));

  auto made = done(app::record_visit(services(), spec, meta(), ours.id, visit("2026-11-23", "2026-11-23", true)),
                 "record_visit");
  check("a visit made with a child-safety concern");
  auto planned = done(app::record_visit(services(), spec, meta(), ours.id, visit("2026-11-26", std::nullopt)),
                    "plan a visit");
  check("a visit planned");

  needs(spec, ours.id, "2026-11-23", 3);
  needs(spec2, theirs.id, "2026-11-23", 3);
  check("needs assessments finding both cases critical");
  EXPECT_EQ(stored(ours.id)->risk_level, "critical");

  clock().advance(std::chrono::hours{30});
  check("a day and a half later, no write: the critical case not visited");
  EXPECT_EQ(items_of(spec, "critical_not_visited", ours.id), 0U) << "visited on the assessment's day";
  EXPECT_EQ(items_of(spec2, "critical_not_visited", theirs.id), 1U);

  done(app::record_visit(services(), spec2, meta(), theirs.id, visit("2026-11-24", "2026-11-24")), "visit theirs");
  check("the critical case visited");
  EXPECT_EQ(items_of(spec2, "critical_not_visited", theirs.id), 0U);

  app::VisitOutcome outcome;
  outcome.version = planned.version;
  outcome.actual_on = "2026-11-24";
  outcome.child_safety = app::ChildSafetyCheck{true, false, ""};
  done(app::record_visit_outcome(services(), spec, meta(), planned.id, outcome), "record_visit_outcome");
  check("a planned visit's outcome");

  const auto first = plan(ours.id, "2026-12-10");
  check("a plan with measures and a review");
  EXPECT_EQ(items_of(spec, "measure_due", ours.id), 2U);
  done(app::update_measure(services(), spec, meta(), first.record.id, first.measures.front().id,
                         {first.record.version, "done", "сделано"}),
     "update_measure");
  check("a measure done");
  EXPECT_EQ(items_of(spec, "measure_due", ours.id), 1U);
  plan(ours.id, "2026-12-20");
  check("a new version of the plan");

  app::ConsentInput expiring{ours.family.mother, {ours.family.child}, "patronage", "2026-11-24", "2026-12-05",
                             std::nullopt};
  done(app::add_consent(services(), spec, meta(), ours.id, expiring), "add_consent");
  check("a consent that expires");

  app::PersonPatch rename;
  rename.version = 1;
  rename.last_name = "Петрова";
  done(app::update_person(services(), spec, meta(), ours.family.child, rename), "update_person");
  check("a member renamed");
  app::PersonPatch pregnant;
  pregnant.version = 1;
  pregnant.last_name = "Петрова"; // both members of the same second: either may name the family
  pregnant.pregnant = true;
  pregnant.pregnancy_due = "2026-12-01";
  done(app::update_person(services(), spec, meta(), ours.family.mother, pregnant), "update_person");
  check("the mother pregnant, due in a week");
  EXPECT_EQ(stored(ours.id)->family, "Петрова");
  EXPECT_EQ(stored(ours.id)->recheck_on, "2026-12-01");

  done(app::update_household(services(), head, meta(), ours.family.household, {1, "ул. Новая, 5", {}, {}, {}}),
     "update_household");
  check("the household's address");

  app::VisitEdit edit;
  edit.version = made.version;
  edit.values = {{"actions", "поговорили с матерью"}};
  done(app::edit_visit(services(), spec, meta(), made.id, edit), "edit_visit");
  check("a visit edited");

  ASSERT_TRUE(app::withdraw_consent(services(), spec2, meta(), theirs.id, theirs.consent_id, "2026-11-24"));
  check("a consent withdrawn");
  ASSERT_TRUE(stored(theirs.id)->recheck_on) << "a withdrawal is weighed day by day";

  clock().advance(std::chrono::days{9});
  // The rows no longer hold (a due date and a withdrawal weighed by the day): the work list derives them afresh.
  for (const auto* who : {&spec, &spec2, &head}) {
    expect_work_list_as_before(services(), *who, meta(), "nine days later, no write (" + who->login + ")");
  }
  done(app::record_visit(services(), spec, meta(), ours.id, visit("2026-12-02", "2026-12-02")), "record_visit");
  check("nine days later, a visit made");
}

TEST_P(AppCaseDue, ARejectedCaseKeepsNoRow) {
  const auto family = add_family("Смирнова");
  const auto opened = done(app::open_case(services(), spec, meta(), family.household), "open_case");
  EXPECT_TRUE(stored(opened.id)) << "a case owes its items from its first state";
  const auto other = open_active_case(spec, "Кузьмина");
  check("a case opened from a signal, another active");
  done(app::transition_case(services(), spec, meta(), opened.id, {"rejected", "семья переехала", ""}), "rejected");
  EXPECT_FALSE(stored(opened.id)) << "a rejected case owes nothing";
  check("a case rejected");
  EXPECT_TRUE(stored(other.id));
}

TEST_P(AppCaseDue, AnAssessmentDatedAheadCountsFromItsDayAndRowsOfOtherSettingsAreNotUsed) {
  const auto c = open_active_case(spec, "Смирнова");
  // Written as an import or a bulk load would: straight into the table. The trigger marks the case and the
  // transaction's end computes it.
  ASSERT_TRUE(db().transact([&](storage::Tx& tx) -> util::Status {
    tx.sql() << "INSERT INTO assessments (id, case_id, kind, on_date, author_id, data, sensitive, created_at) "
                "VALUES ('future-needs', '" + c.id + "', 'needs', '2026-11-25', 'x', "
                "'{\"scores\":[{\"domain\":\"violence\",\"score\":3}]}', '{}', 0)";
    return {};
  }));
  check("an assessment dated two days ahead");
  EXPECT_EQ(stored(c.id)->recheck_on, "2026-11-25");
  EXPECT_EQ(stored(c.id)->risk_level, "medium");
  clock().advance(std::chrono::days{2});
  // The stored row no longer holds: the work list derives the case afresh, and so does the oracle.
  expect_work_list_as_before(services(), spec, meta(), "on the assessment's day");
  EXPECT_EQ(items_of(spec, "critical_not_visited", c.id) + items_of(spec, "visit_due", c.id), 1U);

  settings().schedule.medium_interval = std::chrono::days{3};
  expect_work_list_as_before(services(), spec, meta(), "after a change of the schedule's settings");
  auto kept = app::keep_case_due(services());
  ASSERT_TRUE(kept) << kept.error().key;
  EXPECT_EQ(*kept, 1) << "the row stored under the old settings is computed again";
  EXPECT_EQ(stored(c.id)->settings_key, app::case_due_settings_key(settings()));
  check("after keep_case_due under the new settings");
}

TEST_P(AppCaseDue, RowsMarkedOutsideAnyUseCaseAreComputedByKeepCaseDue) {
  const auto c = open_active_case(spec, "Смирнова");
  // As the bulk loader or the migration leaves them: marked, without a row.
  ASSERT_TRUE(db().transact([&](storage::Tx& tx) -> util::Status {
    storage::delete_case_due(tx, c.id);
    tx.sql() << "INSERT INTO case_due_dirty (case_id) VALUES ('" + c.id + "')";
    return {};
  }));
  EXPECT_TRUE(stored(c.id)) << "the hook computed it at the end of that very transaction";
  auto kept = app::keep_case_due(services());
  ASSERT_TRUE(kept) << kept.error().key;
  check("after keep_case_due");
}

INSTANTIATE_TEST_SUITE_P(Backends, AppCaseDue, ::testing::ValuesIn(test_backends()),
                         [](const auto& info) { return backend_name(info.param); });

} // namespace
} // namespace patronage::testing
