#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/context.hpp"
#include "storage/history.hpp"
#include "storage/visits.hpp"
#include "util/error.hpp"

namespace patronage::app {

// What a visit saw (SPEC §8): the home, each child, the relations in the family.
struct VisitObservations {
  std::string home;
  std::vector<storage::VisitChildNote> children;
  std::string relations;
};

// SPEC §8: the child-safety check of a visit. A concern implies the check was made.
struct ChildSafetyCheck {
  bool checked = false;
  bool concern = false;
  std::string note;
};

// A new visit: made (`actual_on`), missed (`missed_reason`) or planned (neither).
struct VisitInput {
  std::string planned_on;
  std::optional<std::string> actual_on;
  std::string kind; // home, office, phone, joint_event
  std::vector<std::string> participants; // user ids; empty: the actor
  std::string purpose;
  VisitObservations observations;
  ChildSafetyCheck child_safety;
  std::string actions;
  std::string next_step;
  bool closing = false;
  std::optional<std::string> missed_reason;
};

// The outcome of a planned visit: exactly one of `actual_on` and `missed_reason`, and what else changed.
struct VisitOutcome {
  int version = 0;
  std::optional<std::string> actual_on;
  std::optional<std::string> missed_reason;
  std::optional<std::vector<std::string>> participants;
  std::optional<VisitObservations> observations;
  std::optional<ChildSafetyCheck> child_safety;
  std::optional<std::string> actions;
  std::optional<std::string> next_step;
  std::optional<bool> closing;
};

// SPEC §8. Records a visit of the case (case_write). Field errors for bad dates (an actual date in the
// future too), kind, participants (staff of the case's unit line) or children (persons of the household);
// 409 "case.not_open" for a closed or rejected case, and 409 "case.consent_withdrawn_visits_blocked"
// (domain::check_visit_allowed) for a visit made or planned after a withdrawal that is not the closing one;
// a missed visit is only a record and is always accepted. Audited as "visit.record".
util::Result<storage::VisitRecord> record_visit(const Services& services, const Actor& actor, const RequestMeta& meta,
                                                const std::string& case_id, const VisitInput& input);

// Records the outcome of a planned visit: 404 "visit.not_found" outside what the actor may read, 409
// "record.stale_version" when `version` is not the stored one, 409 "visit.outcome_recorded" when the visit is
// no longer planned, and the rules of record_visit. Audited as "visit.outcome".
util::Result<storage::VisitRecord> record_visit_outcome(const Services& services, const Actor& actor,
                                                        const RequestMeta& meta, const std::string& visit_id,
                                                        const VisitOutcome& outcome);

// The free-text fields of a visit that an edit may change, by their JSON paths in the visit record:
// "purpose", "observations.home", "observations.relations", "actions", "next_step", "child_safety.note",
// "missed.reason" (a missed visit only).
const std::vector<std::string>& visit_text_fields();
using VisitTexts = std::map<std::string, std::string>;

// An edit of a recorded visit's free text, made on `version` (perhaps offline, while others edited it too).
struct VisitEdit {
  int version = 0;
  VisitTexts values;   // the edited fields, their new values
  VisitTexts base;     // the same fields as the author last saw them (used when `version` is stale)
  VisitTexts rejected; // values the author chose against when resolving a conflict: kept in the history
};

// A field both sides changed: its value at the author's base, on the server ("theirs", last changed by
// `changed_by` at `changed_at`) and the author's.
struct VisitConflict {
  std::string field;
  std::optional<std::string> base;
  std::string theirs;
  std::string mine;
  std::string changed_by;
  std::string changed_by_name;
  long long changed_at = 0;
};

// The edited record; or, when `conflicts` is not empty, the current record and nothing written.
struct VisitEditResult {
  storage::VisitRecord record;
  std::vector<VisitConflict> conflicts;
};

// Edits the free text of a visit made or missed (case_write): 404 "visit.not_found" outside what the actor may
// write, a field error on "actual_on" (visit.outcome_required) for a planned visit, 409 "case.not_open". On the
// current `version` the values are applied. On a stale one each edited field merges when the stored value is
// still the author's `base` (or already equals the author's value); otherwise it is a conflict, and with any
// conflict nothing is written (audited as "visit.edit_conflict"). Every edit writes a change-history entry
// (entity "visit": old and new values, and the `rejected` values) and is audited as "visit.edit" (field names).
util::Result<VisitEditResult> edit_visit(const Services& services, const Actor& actor, const RequestMeta& meta,
                                         const std::string& visit_id, const VisitEdit& edit);

// The change history of a visit, oldest first (case_read, as its visits). Audited as "visit.history_read".
util::Result<std::vector<storage::HistoryRecord>> visit_history(const Services& services, const Actor& actor,
                                                                const RequestMeta& meta, const std::string& visit_id);

// The visits of a case (case_read), latest first. Audited as "visit.list".
util::Result<std::vector<storage::VisitRecord>> list_visits(const Services& services, const Actor& actor,
                                                            const RequestMeta& meta, const std::string& case_id);

} // namespace patronage::app
