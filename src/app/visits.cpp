#include "app/visits.hpp"

#include <algorithm>
#include <array>

#include "app/audit_trail.hpp"
#include "app/case_access.hpp"
#include "app/clock.hpp"
#include "app/diagnosis_access.hpp"
#include "domain/case_consent.hpp"
#include "domain/text_rules.hpp"
#include "storage/case_records.hpp"
#include "storage/history.hpp"
#include "storage/households.hpp"
#include "storage/users.hpp"
#include "util/crypto.hpp"
#include "util/strings.hpp"

namespace patronage::app {
namespace {

constexpr std::array<std::string_view, 4> k_kinds{"home", "office", "phone", "joint_event"};

void check_visit_date(std::vector<util::FieldError>& fields, const std::string& field, const std::string& text,
                      std::optional<util::Date> not_after) {
  const auto date = util::parse_date(text);
  if (!date) {
    fields.push_back({field, "validation.date_invalid"});
  } else if (not_after && *date > *not_after) {
    fields.push_back({field, "validation.date_in_future"});
  }
}

// SPEC §8 and issue 13: a concern for a child's safety says what it is.
void check_safety(std::vector<util::FieldError>& fields, const ChildSafetyCheck& check) {
  if (check.concern && domain::is_blank(check.note)) {
    fields.push_back({"child_safety.note", "validation.required"});
  }
}

// Checks what can be checked without the database.
void check_form(std::vector<util::FieldError>& fields, const VisitInput& input, util::Date today) {
  if (!input.planned_on.empty()) {
    check_visit_date(fields, "planned_on", input.planned_on, std::nullopt);
  }
  if (input.actual_on) {
    check_visit_date(fields, "actual_on", *input.actual_on, today);
  }
  if (!input.kind.empty() && std::find(k_kinds.begin(), k_kinds.end(), input.kind) == k_kinds.end()) {
    fields.push_back({"kind", "visit.kind_invalid"});
  }
  if (input.actual_on && input.missed_reason) {
    fields.push_back({"missed", "visit.done_and_missed"});
  }
  check_safety(fields, input.child_safety);
}

// Participants are staff of the case's unit line; children notes name persons of the household.
void check_references(storage::Tx& tx, std::vector<util::FieldError>& fields, const storage::CaseRecord& record,
                      const std::vector<std::string>& participants, const VisitObservations& observations,
                      const std::string& prefix) {
  for (size_t i = 0; i < participants.size(); ++i) {
    check_staff(tx, fields, prefix + "participants[" + std::to_string(i) + "]", participants[i],
                domain::StaffPlace::visit_participant, record.unit_path, "visit.participant_invalid");
  }
  for (size_t i = 0; i < observations.children.size(); ++i) {
    const auto person = storage::find_person(tx, observations.children[i].person_id);
    if (!person || person->household_id != record.household_id) {
      fields.push_back(
          {prefix + "observations.children[" + std::to_string(i) + "].person_id", "visit.person_invalid"});
    }
  }
}

util::Status check_case_open(const storage::CaseRecord& record) {
  if (domain::is_terminal(record.state)) {
    return util::fail(util::Error::conflict("case.not_open"));
  }
  return {};
}

// SPEC §3: after a withdrawal only the closing visit may be made or planned. A missed visit is only a record.
// The rule weighs the consents and, for a withdrawn one, the household's members; it reads them only then (the
// check runs holding SQLite's one writer).
util::Status check_rule(storage::Tx& tx, const Services& services, const storage::CaseRecord& record,
                        const storage::VisitRecord& visit) {
  if (visit.missed_reason) {
    return {};
  }
  const auto consents = storage::list_consents(tx, record.id);
  if (std::none_of(consents.begin(), consents.end(), [](const auto& c) { return c.withdrawn_on.has_value(); })) {
    return {};
  }
  const auto day = util::parse_date(visit.actual_on.value_or(visit.planned_on)).value_or(today(services));
  return domain::check_visit_allowed(load_case_facts(tx, record, consents, {}, Caseload::skip), visit.closing, day,
                                     services.settings.lifecycle);
}

void apply_safety(storage::VisitRecord& visit, const ChildSafetyCheck& check) {
  visit.child_safety_checked = check.checked || check.concern;
  visit.child_safety_concern = check.concern;
  visit.child_safety_note = check.note;
}

void apply_observations(storage::VisitRecord& visit, const VisitObservations& observations) {
  visit.home = observations.home;
  visit.children = observations.children;
  visit.relations = observations.relations;
}

boost::json::object visit_details(const storage::VisitRecord& visit) {
  return {{"case_id", visit.case_id},
          {"status", visit.status()},
          {"closing", visit.closing},
          {"child_safety_concern", visit.child_safety_concern}};
}

// The field of `visit` named by its JSON path; nullptr for a reason of a visit not missed.
std::string* text_field(storage::VisitRecord& visit, const std::string& field) {
  if (field == "purpose") {
    return &visit.purpose;
  }
  if (field == "observations.home") {
    return &visit.home;
  }
  if (field == "observations.relations") {
    return &visit.relations;
  }
  if (field == "actions") {
    return &visit.actions;
  }
  if (field == "next_step") {
    return &visit.next_step;
  }
  if (field == "child_safety.note") {
    return &visit.child_safety_note;
  }
  if (field == "missed.reason" && visit.missed_reason) {
    return &*visit.missed_reason;
  }
  return nullptr;
}

std::optional<std::string> value_of_field(const storage::VisitRecord& visit, const std::string& field) {
  auto copy = visit;
  const auto* value = text_field(copy, field);
  return value != nullptr ? std::optional<std::string>(*value) : std::nullopt;
}

// The free-text fields that differ, old to new.
std::vector<storage::FieldChange> text_changes(const storage::VisitRecord& before, const storage::VisitRecord& after) {
  std::vector<storage::FieldChange> out;
  for (const auto& field : visit_text_fields()) {
    auto old_value = value_of_field(before, field);
    auto new_value = value_of_field(after, field);
    if (old_value != new_value) {
      out.push_back({field, std::move(old_value), std::move(new_value)});
    }
  }
  return out;
}

boost::json::array field_names(const std::vector<storage::FieldChange>& changes, bool rejected) {
  boost::json::array out;
  for (const auto& change : changes) {
    if (change.rejected.has_value() == rejected) {
      out.emplace_back(change.field);
    }
  }
  return out;
}

// Who last changed `field` of the visit and when: its latest history entry, else the visit's author.
void last_change(storage::Tx& tx, const std::vector<storage::HistoryRecord>& history,
                 const storage::VisitRecord& visit, VisitConflict& conflict) {
  conflict.changed_by = visit.created_by;
  conflict.changed_at = visit.created_at;
  for (const auto& row : history) {
    for (const auto& change : row.changes) {
      if (change.field == conflict.field && !change.rejected) {
        conflict.changed_by = row.user_id;
        conflict.changed_at = row.at;
      }
    }
  }
  if (auto user = storage::find_user(tx, conflict.changed_by)) {
    conflict.changed_by_name = user->full_name;
  }
}

// Who may see the visits of a case may see their history; 404 "visit.not_found" for anyone else.
util::Result<storage::VisitRecord> load_visit(storage::Tx& tx, const Actor& actor, const std::string& visit_id,
                                              domain::Action action, storage::CaseRecord* case_record = nullptr) {
  auto visit = storage::find_visit(tx, visit_id);
  if (!visit) {
    return util::fail(util::Error::not_found("visit.not_found"));
  }
  auto loaded = load_case_records(tx, actor, visit->case_id, action);
  if (!loaded) {
    return util::fail(loaded.error().code == util::ErrorCode::not_found ? util::Error::not_found("visit.not_found")
                                                                        : loaded.error());
  }
  if (case_record != nullptr) {
    *case_record = loaded->record;
  }
  return *visit;
}

} // namespace

const std::vector<std::string>& visit_text_fields() {
  static const std::vector<std::string> k_fields{"purpose",           "observations.home", "observations.relations",
                                                 "actions",           "next_step",         "child_safety.note",
                                                 "missed.reason"};
  return k_fields;
}

util::Result<VisitEditResult> edit_visit(const Services& services, const Actor& actor, const RequestMeta& meta,
                                         const std::string& visit_id, const VisitEdit& edit) {
  return services.db.transact([&](storage::Tx& tx) -> util::Result<VisitEditResult> {
    storage::CaseRecord case_record;
    auto before = load_visit(tx, actor, visit_id, domain::Action::case_write, &case_record);
    if (!before) {
      return util::fail(before.error());
    }
    if (before->status() == "planned") {
      return util::fail(util::Error::field("actual_on", "visit.outcome_required"));
    }
    if (auto open = check_case_open(case_record); !open) {
      return util::fail(open.error());
    }
    std::vector<util::FieldError> fields;
    storage::VisitRecord after = *before;
    for (const auto* texts : {&edit.values, &edit.rejected}) {
      for (const auto& [field, value] : *texts) {
        if (text_field(after, field) == nullptr) {
          fields.push_back({std::string(texts == &edit.rejected ? "rejected." : "") + field, "visit.not_missed"});
        }
      }
    }
    if (!fields.empty()) {
      return util::fail(util::Error::invalid("validation.failed", std::move(fields)));
    }
    const bool stale = edit.version != before->version;
    std::vector<VisitConflict> conflicts;
    for (const auto& [field, mine] : edit.values) {
      const std::string theirs = value_of_field(*before, field).value_or("");
      if (theirs == mine) {
        continue;
      }
      const auto base = edit.base.find(field);
      if (stale && (base == edit.base.end() || base->second != theirs)) {
        VisitConflict conflict;
        conflict.field = field;
        conflict.base = base == edit.base.end() ? std::nullopt : std::optional<std::string>(base->second);
        conflict.theirs = theirs;
        conflict.mine = mine;
        conflicts.push_back(std::move(conflict));
        continue;
      }
      *text_field(after, field) = mine;
    }
    if (!conflicts.empty()) {
      const auto history = storage::list_history(tx, "visit", visit_id);
      boost::json::array names;
      for (auto& conflict : conflicts) {
        last_change(tx, history, *before, conflict);
        names.emplace_back(conflict.field);
      }
      // Nothing is written; the entry records that the current record was shown to the author.
      audit(tx, services, actor.id, meta, "visit.edit_conflict", "visit", visit_id,
            {{"case_id", before->case_id}, {"fields", std::move(names)}});
      return VisitEditResult{*before, std::move(conflicts)};
    }
    if (after.child_safety_concern && domain::is_blank(after.child_safety_note)) {
      return util::fail(util::Error::field("child_safety.note", "validation.required"));
    }
    auto changes = text_changes(*before, after);
    const bool changed = !changes.empty();
    for (const auto& [field, value] : edit.rejected) {
      storage::FieldChange kept;
      kept.field = field;
      kept.rejected = value;
      changes.push_back(std::move(kept));
    }
    if (changed) {
      after.updated_at = now_of(services);
      if (!storage::update_visit(tx, after, before->version)) {
        return util::fail(util::Error::conflict("record.stale_version"));
      }
      ++after.version;
    }
    boost::json::object details{{"case_id", after.case_id},
                                {"fields", field_names(changes, false)},
                                {"rejected", field_names(changes, true)},
                                {"merged", stale}};
    if (!changes.empty()) {
      storage::insert_history(tx, {util::random_id(), "visit", visit_id, now_of(services), actor.id, std::move(changes)});
    }
    audit(tx, services, actor.id, meta, "visit.edit", "visit", visit_id, details);
    return VisitEditResult{after, {}};
  });
}

util::Result<std::vector<storage::HistoryRecord>> visit_history(const Services& services, const Actor& actor,
                                                                const RequestMeta& meta, const std::string& visit_id) {
  return read_audited(services, meta, [&](storage::Tx& tx) -> util::Result<std::vector<storage::HistoryRecord>> {
    auto visit = load_visit(tx, actor, visit_id, domain::Action::case_read);
    if (!visit) {
      return util::fail(visit.error());
    }
    auto rows = storage::list_history(tx, "visit", visit_id);
    audit(tx, services, actor.id, meta, "visit.history_read", "visit", visit_id,
          {{"case_id", visit->case_id}, {"count", rows.size()}});
    return rows;
  });
}

util::Result<storage::VisitRecord> record_visit(const Services& services, const Actor& actor, const RequestMeta& meta,
                                                const std::string& case_id, const VisitInput& input) {
  std::vector<util::FieldError> fields;
  check_form(fields, input, today(services));
  if (!fields.empty()) {
    return util::fail(util::Error::invalid("validation.failed", std::move(fields)));
  }
  return services.db.transact([&](storage::Tx& tx) -> util::Result<storage::VisitRecord> {
    auto loaded = load_case_records(tx, actor, case_id, domain::Action::case_write);
    if (!loaded) {
      return util::fail(loaded.error());
    }
    if (auto open = check_case_open(loaded->record); !open) {
      return util::fail(open.error());
    }
    storage::VisitRecord visit;
    visit.id = util::ordered_id();
    visit.case_id = case_id;
    visit.planned_on = input.planned_on;
    visit.actual_on = input.actual_on;
    visit.kind = input.kind;
    visit.participants = input.participants.empty() ? std::vector<std::string>{actor.id} : input.participants;
    visit.purpose = input.purpose;
    apply_observations(visit, input.observations);
    apply_safety(visit, input.child_safety);
    visit.actions = input.actions;
    visit.next_step = input.next_step;
    visit.closing = input.closing;
    visit.missed_reason = input.missed_reason;
    visit.created_by = actor.id;
    visit.created_at = now_of(services);
    visit.updated_at = visit.created_at;
    check_references(tx, fields, loaded->record, input.participants, input.observations, "");
    if (!fields.empty()) {
      return util::fail(util::Error::invalid("validation.failed", std::move(fields)));
    }
    if (auto allowed = check_rule(tx, services, loaded->record, visit); !allowed) {
      return util::fail(allowed.error());
    }
    storage::insert_visit(tx, visit);
    audit(tx, services, actor.id, meta, "visit.record", "visit", visit.id, visit_details(visit));
    return visit;
  });
}

util::Result<storage::VisitRecord> record_visit_outcome(const Services& services, const Actor& actor,
                                                        const RequestMeta& meta, const std::string& visit_id,
                                                        const VisitOutcome& outcome) {
  std::vector<util::FieldError> fields;
  if (outcome.actual_on && outcome.missed_reason) {
    fields.push_back({"missed", "visit.done_and_missed"});
  } else if (!outcome.actual_on && !outcome.missed_reason) {
    fields.push_back({"actual_on", "visit.outcome_required"});
  }
  if (outcome.actual_on) {
    check_visit_date(fields, "actual_on", *outcome.actual_on, today(services));
  }
  if (outcome.child_safety) {
    check_safety(fields, *outcome.child_safety);
  }
  if (!fields.empty()) {
    return util::fail(util::Error::invalid("validation.failed", std::move(fields)));
  }
  return services.db.transact([&](storage::Tx& tx) -> util::Result<storage::VisitRecord> {
    auto before = storage::find_visit(tx, visit_id);
    if (!before) {
      return util::fail(util::Error::not_found("visit.not_found"));
    }
    auto loaded = load_case_records(tx, actor, before->case_id, domain::Action::case_write);
    if (!loaded) {
      return util::fail(loaded.error().code == util::ErrorCode::not_found ? util::Error::not_found("visit.not_found")
                                                                          : loaded.error());
    }
    if (before->version != outcome.version) {
      return util::fail(util::Error::conflict("record.stale_version"));
    }
    if (before->status() != "planned") {
      return util::fail(util::Error::conflict("visit.outcome_recorded"));
    }
    if (auto open = check_case_open(loaded->record); !open) {
      return util::fail(open.error());
    }
    storage::VisitRecord visit = *before;
    visit.actual_on = outcome.actual_on;
    visit.missed_reason = outcome.missed_reason;
    if (outcome.participants) {
      visit.participants = outcome.participants->empty() ? std::vector<std::string>{actor.id} : *outcome.participants;
    }
    if (outcome.observations) {
      apply_observations(visit, *outcome.observations);
    }
    if (outcome.child_safety) {
      apply_safety(visit, *outcome.child_safety);
    }
    visit.actions = outcome.actions.value_or(visit.actions);
    visit.next_step = outcome.next_step.value_or(visit.next_step);
    visit.closing = outcome.closing.value_or(visit.closing);
    visit.updated_at = now_of(services);
    check_references(tx, fields, loaded->record, outcome.participants.value_or(std::vector<std::string>{}),
                     outcome.observations.value_or(VisitObservations{}), "");
    if (!fields.empty()) {
      return util::fail(util::Error::invalid("validation.failed", std::move(fields)));
    }
    if (auto allowed = check_rule(tx, services, loaded->record, visit); !allowed) {
      return util::fail(allowed.error());
    }
    if (!storage::update_visit(tx, visit, outcome.version)) {
      return util::fail(util::Error::conflict("record.stale_version"));
    }
    ++visit.version;
    // Who wrote which text, for the conflicts of later edits (edit_visit).
    if (auto changes = text_changes(*before, visit); !changes.empty()) {
      storage::insert_history(tx, {util::random_id(), "visit", visit.id, visit.updated_at, actor.id, std::move(changes)});
    }
    audit(tx, services, actor.id, meta, "visit.outcome", "visit", visit.id, visit_details(visit));
    return visit;
  });
}

util::Result<std::vector<storage::VisitRecord>> list_visits(const Services& services, const Actor& actor,
                                                            const RequestMeta& meta, const std::string& case_id) {
  return read_audited(services, meta, [&](storage::Tx& tx) -> util::Result<std::vector<storage::VisitRecord>> {
    auto loaded = load_case_records(tx, actor, case_id, domain::Action::case_read);
    if (!loaded) {
      return util::fail(loaded.error());
    }
    auto visits = storage::list_visits(tx, case_id);
    audit(tx, services, actor.id, meta, "visit.list", "case", case_id, {{"count", visits.size()}});
    return visits;
  });
}

} // namespace patronage::app
