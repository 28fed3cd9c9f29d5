#include "app/visits.hpp"

#include "app_fixture.hpp"
#include "support/visit_counts_oracle.hpp"

namespace patronage::testing {
namespace {

class AppVisits : public AppCaseTest {
protected:
  // A visit made on the clock's day (2026-11-23).
  static app::VisitInput done(const std::string& purpose = "плановое посещение") {
    app::VisitInput input;
    input.planned_on = "2026-11-23";
    input.actual_on = "2026-11-23";
    input.kind = "home";
    input.purpose = purpose;
    return input;
  }

  static app::VisitInput planned(const std::string& on = "2026-11-30") {
    app::VisitInput input;
    input.planned_on = on;
    input.kind = "office";
    input.purpose = "встреча";
    return input;
  }

  // The visits report's counters equal the scan of the visits (issue 16), over November 2026 and its last days.
  int counters_match(const std::string& what) {
    int compared = 0;
    auto done = db().transact([&](storage::Tx& tx) -> util::Status {
      compared = expect_visit_counts_match_scan(
          tx, what, {{"2026-11-01", "2026-11-30"}, {"2026-11-23", "2026-11-23"}, {"2026-11-24", "2026-11-30"}});
      return {};
    });
    EXPECT_TRUE(done);
    return compared;
  }

  std::vector<storage::VisitRecord> visits_of(const std::string& case_id) {
    return app::list_visits(services(), spec, meta(), case_id).value_or(std::vector<storage::VisitRecord>{});
  }
};

TEST_P(AppVisits, RecordsMadeAndMissedVisitsAndAuditsThem) {
  const auto c = open_active_case(spec);
  auto made = app::record_visit(services(), spec, meta(), c.id, done());
  ASSERT_TRUE(made) << made.error().key;
  EXPECT_EQ(made->status(), "done");
  EXPECT_EQ(made->participants, std::vector<std::string>{spec.id}) << "the author goes by default";
  EXPECT_EQ(made->version, 1);
  const auto recorded = audited("visit.record");
  ASSERT_EQ(recorded.size(), 1U);
  EXPECT_EQ(recorded.front().entity_id, made->id);
  EXPECT_NE(recorded.front().details.find(R"("status":"done")"), std::string::npos) << recorded.front().details;

  auto missed_input = planned("2026-11-20");
  missed_input.missed_reason = "семья не открыла дверь";
  auto missed = app::record_visit(services(), spec, meta(), c.id, missed_input);
  ASSERT_TRUE(missed) << missed.error().key;
  EXPECT_EQ(missed->status(), "missed");
  EXPECT_EQ(missed->missed_reason, "семья не открыла дверь");

  // A planned visit gets its outcome later: missed, with the reason.
  auto plan = app::record_visit(services(), spec, meta(), c.id, planned());
  ASSERT_TRUE(plan);
  EXPECT_EQ(plan->status(), "planned");
  app::VisitOutcome outcome;
  outcome.version = 1;
  outcome.missed_reason = "болезнь ребёнка";
  auto after = app::record_visit_outcome(services(), spec, meta(), plan->id, outcome);
  ASSERT_TRUE(after) << after.error().key;
  EXPECT_EQ(after->status(), "missed");
  EXPECT_EQ(after->version, 2);
  ASSERT_EQ(audited("visit.outcome").size(), 1U);
  EXPECT_EQ(audited("visit.outcome").front().entity_id, plan->id);
  outcome.version = 2;
  outcome.missed_reason.reset();
  outcome.actual_on = "2026-11-23";
  auto again = app::record_visit_outcome(services(), spec, meta(), plan->id, outcome);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().key, "visit.outcome_recorded");

  const auto stored = visits_of(c.id);
  ASSERT_EQ(stored.size(), 3U);
  EXPECT_EQ(stored.front().planned_on, "2026-11-30") << "latest first";
}

TEST_P(AppVisits, EveryVisitUseCaseKeepsTheReportCountersEqualToTheScan) {
  const auto c = open_active_case(spec);
  counters_match("no visit");
  ASSERT_TRUE(app::record_visit(services(), spec, meta(), c.id, done()));
  counters_match("made");
  auto missed_input = planned("2026-11-20");
  missed_input.missed_reason = "семья не открыла дверь";
  auto missed = app::record_visit(services(), spec, meta(), c.id, missed_input);
  ASSERT_TRUE(missed);
  counters_match("missed");
  auto first = app::record_visit(services(), spec, meta(), c.id, planned());
  auto second = app::record_visit(services(), spec, meta(), c.id, planned("2026-11-23"));
  ASSERT_TRUE(first && second);
  EXPECT_GT(counters_match("planned"), 5);

  app::VisitOutcome outcome;
  outcome.version = 1;
  outcome.missed_reason = "болезнь ребёнка";
  ASSERT_TRUE(app::record_visit_outcome(services(), spec, meta(), first->id, outcome));
  counters_match("outcome missed");
  outcome.missed_reason.reset();
  outcome.actual_on = "2026-11-23";
  ASSERT_TRUE(app::record_visit_outcome(services(), spec, meta(), second->id, outcome));
  counters_match("outcome made");

  app::VisitEdit edit;
  edit.version = 1;
  edit.values = {{"missed.reason", "болезнь матери"}};
  auto edited = app::edit_visit(services(), spec, meta(), missed->id, edit);
  ASSERT_TRUE(edited) << edited.error().key;
  EXPECT_GT(counters_match("missed reason edited"), 5);
}

TEST_P(AppVisits, BadInputNamesTheFieldsAndWritesNothing) {
  const auto c = open_active_case(spec);
  const auto before = audited("visit.record").size();
  auto both = done();
  both.missed_reason = "не застали";
  auto refused = app::record_visit(services(), spec, meta(), c.id, both);
  ASSERT_FALSE(refused);
  EXPECT_TRUE(has_field(refused.error(), "missed", "visit.done_and_missed"));
  auto future = done();
  future.actual_on = "2026-11-24";
  future.kind = "teleport";
  refused = app::record_visit(services(), spec, meta(), c.id, future);
  ASSERT_FALSE(refused);
  EXPECT_TRUE(has_field(refused.error(), "actual_on", "validation.date_in_future"));
  EXPECT_TRUE(has_field(refused.error(), "kind", "visit.kind_invalid"));
  auto stranger = done();
  stranger.participants = {other_spec.id};
  stranger.observations.children = {{"nobody", "note"}};
  refused = app::record_visit(services(), spec, meta(), c.id, stranger);
  ASSERT_FALSE(refused);
  EXPECT_TRUE(has_field(refused.error(), "participants[0]", "visit.participant_invalid"));
  EXPECT_TRUE(has_field(refused.error(), "observations.children[0].person_id", "visit.person_invalid"));

  auto plan = app::record_visit(services(), spec, meta(), c.id, planned());
  ASSERT_TRUE(plan);
  app::VisitOutcome neither;
  neither.version = 1;
  auto no_outcome = app::record_visit_outcome(services(), spec, meta(), plan->id, neither);
  ASSERT_FALSE(no_outcome);
  EXPECT_TRUE(has_field(no_outcome.error(), "actual_on", "visit.outcome_required"));
  EXPECT_EQ(audited("visit.record").size(), before + 1) << "only the planned visit";
  EXPECT_EQ(visits_of(c.id).size(), 1U);
}

TEST_P(AppVisits, AConcernImpliesTheCheckAndItsNoteCannotBeCleared) {
  const auto c = open_active_case(spec);
  auto input = done();
  input.child_safety = {false, true, "синяки на руках"};
  auto made = app::record_visit(services(), spec, meta(), c.id, input);
  ASSERT_TRUE(made) << made.error().key;
  EXPECT_TRUE(made->child_safety_checked) << "a concern implies the check";
  EXPECT_TRUE(made->child_safety_concern);

  app::VisitEdit edit;
  edit.version = 1;
  edit.values = {{"child_safety.note", "  "}};
  auto cleared = app::edit_visit(services(), spec, meta(), made->id, edit);
  ASSERT_FALSE(cleared);
  EXPECT_TRUE(has_field(cleared.error(), "child_safety.note", "validation.required"));
  EXPECT_EQ(visits_of(c.id).front().child_safety_note, "синяки на руках");
  EXPECT_TRUE(audited("visit.edit").empty());
}

// The rule "a concern for a child's safety says what it is" holds for every caller of the use cases, not only the
// HTTP reader (it lived there alone until session 8).
TEST_P(AppVisits, AConcernWithoutANoteIsRefusedByTheUseCase) {
  const auto c = open_active_case(spec);
  auto input = done();
  input.child_safety = {true, true, " "};
  auto made = app::record_visit(services(), spec, meta(), c.id, input);
  ASSERT_FALSE(made);
  EXPECT_TRUE(has_field(made.error(), "child_safety.note", "validation.required"));
  auto plan = app::record_visit(services(), spec, meta(), c.id, planned("2026-11-23"));
  ASSERT_TRUE(plan);
  app::VisitOutcome outcome;
  outcome.version = 1;
  outcome.actual_on = "2026-11-23";
  outcome.child_safety = app::ChildSafetyCheck{true, true, ""};
  auto after = app::record_visit_outcome(services(), spec, meta(), plan->id, outcome);
  ASSERT_FALSE(after);
  EXPECT_TRUE(has_field(after.error(), "child_safety.note", "validation.required"));
}

TEST_P(AppVisits, AfterConsentIsWithdrawnOnlyTheClosingVisitIsAllowed) {
  const auto c = open_active_case(spec);
  ASSERT_TRUE(app::withdraw_consent(services(), spec, meta(), c.id, c.consent_id, "2026-11-23"));

  auto refused = app::record_visit(services(), spec, meta(), c.id, done());
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, util::ErrorCode::conflict);
  EXPECT_EQ(refused.error().key, "case.consent_withdrawn_visits_blocked");
  auto plan = app::record_visit(services(), spec, meta(), c.id, planned("2026-11-25"));
  ASSERT_FALSE(plan) << "planning an ordinary visit is refused too";
  EXPECT_EQ(plan.error().key, "case.consent_withdrawn_visits_blocked");
  EXPECT_TRUE(audited("visit.record").empty());
  EXPECT_TRUE(visits_of(c.id).empty());

  auto missed = planned("2026-11-20");
  missed.missed_reason = "не застали";
  EXPECT_TRUE(app::record_visit(services(), spec, meta(), c.id, missed)) << "a missed visit is only a record";
  auto closing_input = done("закрывающее посещение");
  closing_input.closing = true;
  auto closing = app::record_visit(services(), spec, meta(), c.id, closing_input);
  ASSERT_TRUE(closing) << closing.error().key;
  EXPECT_TRUE(closing->closing);
  EXPECT_EQ(audited("visit.record").size(), 2U);
}

TEST_P(AppVisits, AnIdempotencyKeySentTwiceRecordsOneVisit) {
  const auto c = open_active_case(spec);
  auto first = meta();
  first.request_id = "req-first";
  first.idempotency_key = "key-visit-1";
  first.idempotency_user = spec.id;
  first.request_hash = "hash";
  auto made = app::record_visit(services(), spec, first, c.id, done());
  ASSERT_TRUE(made) << made.error().key;
  // The same key in another request (a resend while the first was in flight): the key's row is there, the
  // write rolls back and the HTTP layer answers as for a repeat.
  auto repeat = first;
  repeat.request_id = "req-repeat";
  auto again = app::record_visit(services(), spec, repeat, c.id, done());
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, util::ErrorCode::conflict);
  EXPECT_EQ(again.error().key, "storage.constraint") << "the key's primary key, on both backends";
  EXPECT_EQ(visits_of(c.id).size(), 1U);
  EXPECT_EQ(audited("visit.record").size(), 1U);
  // Another key is another visit.
  auto other = first;
  other.request_id = "req-other";
  other.idempotency_key = "key-visit-2";
  EXPECT_TRUE(app::record_visit(services(), spec, other, c.id, done()));
  EXPECT_EQ(visits_of(c.id).size(), 2U);
}

TEST_P(AppVisits, AStaleEditMergesWhatDidNotChangeAndReportsEachConflictingField) {
  const auto c = open_active_case(spec);
  auto input = done("обследование");
  input.actions = "консультация";
  input.next_step = "через месяц";
  auto made = app::record_visit(services(), spec, meta(), c.id, input);
  ASSERT_TRUE(made);

  app::VisitEdit first;
  first.version = 1;
  first.values = {{"purpose", "обследование условий"}};
  auto edited = app::edit_visit(services(), spec, meta(), made->id, first);
  ASSERT_TRUE(edited) << edited.error().key;
  EXPECT_TRUE(edited->conflicts.empty());
  EXPECT_EQ(edited->record.version, 2);

  clock().set(*util::parse_timestamp("2026-11-23T10:00:00Z"));
  // The head edited version 1 offline: the purpose changed under them, the actions did not.
  app::VisitEdit stale;
  stale.version = 1;
  stale.values = {{"purpose", "контроль"}, {"actions", "консультация матери"}};
  stale.base = {{"purpose", "обследование"}, {"actions", "консультация"}};
  auto conflict = app::edit_visit(services(), head, meta(), made->id, stale);
  ASSERT_TRUE(conflict) << conflict.error().key;
  ASSERT_EQ(conflict->conflicts.size(), 1U);
  const auto& field = conflict->conflicts.front();
  EXPECT_EQ(field.field, "purpose");
  EXPECT_EQ(field.base, "обследование");
  EXPECT_EQ(field.theirs, "обследование условий");
  EXPECT_EQ(field.mine, "контроль");
  EXPECT_EQ(field.changed_by, spec.id);
  EXPECT_EQ(field.changed_by_name, "Name of spec");
  EXPECT_EQ(conflict->record.version, 2) << "the current record, nothing written";
  EXPECT_EQ(visits_of(c.id).front().actions, "консультация");
  ASSERT_EQ(audited("visit.edit_conflict").size(), 1U);
  EXPECT_NE(audited("visit.edit_conflict").front().details.find("purpose"), std::string::npos);

  // Resolved: only the unchanged field is sent on the stale version; it merges.
  stale.values = {{"actions", "консультация матери"}};
  auto merged = app::edit_visit(services(), head, meta(), made->id, stale);
  ASSERT_TRUE(merged) << merged.error().key;
  EXPECT_TRUE(merged->conflicts.empty());
  EXPECT_EQ(merged->record.version, 3);
  EXPECT_EQ(merged->record.purpose, "обследование условий");
  EXPECT_EQ(merged->record.actions, "консультация матери");
  EXPECT_NE(audited("visit.edit").front().details.find(R"("merged":true)"), std::string::npos);

  // The outcome of a planned visit on a stale version is refused as such.
  auto plan = app::record_visit(services(), spec, meta(), c.id, planned());
  ASSERT_TRUE(plan);
  app::VisitOutcome outcome;
  outcome.version = 1;
  outcome.missed_reason = "болезнь";
  ASSERT_TRUE(app::record_visit_outcome(services(), spec, meta(), plan->id, outcome));
  auto late = app::record_visit_outcome(services(), head, meta(), plan->id, outcome);
  ASSERT_FALSE(late);
  EXPECT_EQ(late.error().key, "record.stale_version");
}

TEST_P(AppVisits, ASpecialistOfAnotherUnitFindsNothing) {
  const auto c = open_active_case(spec);
  auto made = app::record_visit(services(), spec, meta(), c.id, done());
  auto plan = app::record_visit(services(), spec, meta(), c.id, planned());
  ASSERT_TRUE(made && plan);

  auto record = app::record_visit(services(), other_spec, meta(), c.id, done());
  ASSERT_FALSE(record);
  EXPECT_EQ(record.error().code, util::ErrorCode::not_found);
  EXPECT_EQ(record.error().key, "case.not_found");
  auto list = app::list_visits(services(), other_spec, meta(), c.id);
  ASSERT_FALSE(list);
  EXPECT_EQ(list.error().code, util::ErrorCode::not_found);
  app::VisitOutcome outcome;
  outcome.version = 1;
  outcome.actual_on = "2026-11-23";
  auto outcome_result = app::record_visit_outcome(services(), other_spec, meta(), plan->id, outcome);
  ASSERT_FALSE(outcome_result);
  EXPECT_EQ(outcome_result.error().key, "visit.not_found");
  app::VisitEdit edit;
  edit.version = 1;
  edit.values = {{"purpose", "чужое"}};
  auto edited = app::edit_visit(services(), other_spec, meta(), made->id, edit);
  ASSERT_FALSE(edited);
  EXPECT_EQ(edited.error().key, "visit.not_found");
  auto history = app::visit_history(services(), other_spec, meta(), made->id);
  ASSERT_FALSE(history);
  EXPECT_EQ(history.error().key, "visit.not_found");
  EXPECT_EQ(visits_of(c.id).size(), 2U);
  EXPECT_EQ(visits_of(c.id).back().purpose, "плановое посещение");
}

INSTANTIATE_TEST_SUITE_P(Backends, AppVisits, ::testing::ValuesIn(test_backends()),
                         [](const auto& info) { return backend_name(info.param); });

} // namespace
} // namespace patronage::testing
