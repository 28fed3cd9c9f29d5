#include "storage/bulk_tables.hpp"

#include <array>
#include <stdexcept>
#include <utility>

namespace patronage::storage::bulk {

const std::vector<TableColumns>& tables() {
  // Parents before children: a Loader writes its tables in the order they were first asked for.
  static const std::vector<TableColumns> k_tables{
      {"units", {"id", "parent_id", "name", "kind", "path", "created_at:int"}},
      {"users",
       {"id", "login", "full_name", "role", "unit_id", "password_hash", "disabled:int", "created_at:int",
        "updated_at:int"}},
      {"partners",
       {"id", "unit_id", "name", "partner_type", "phone", "email", "address", "contact_person", "created_by",
        "created_at:int", "updated_at:int"}},
      {"volunteers", {"id",         "unit_id",      "user_id",    "last_name",      "first_name",
                      "patronymic", "birth_date",   "sex",        "phone",          "skills",
                      "interests",  "languages",    "district",   "availability",   "coordinator_id",
                      "status",     "status_since", "created_by", "created_at:int", "updated_at:int",
                      "version:int"}},
      {"volunteer_courses",
       {"id", "volunteer_id", "code", "name", "hours:int", "taken_on", "certificate", "created_by", "created_at:int"}},
      {"volunteer_status_history",
       {"id", "volunteer_id", "ordinal:int", "from_status", "to_status", "on_date", "user_id", "at:int"}},
      {"households",
       {"id", "unit_id", "address", "phone", "categories", "notes", "created_by", "created_at:int", "updated_at:int",
        "version:int"}},
      {"persons",
       {"id", "household_id", "last_name", "first_name", "patronymic", "birth_date", "sex", "household_role",
        "represents", "disability:int", "pregnant:int", "pregnancy_due", "school", "employment", "phone",
        "created_at:int", "updated_at:int", "version:int", "snils"}},
      {"person_keys", {"person_id", "match_key"}},
      {"household_keys", {"household_id", "match_key"}},
      {"search_terms", {"unit_id", "term", "household_id", "person_id", "field"}},
      {"signals",
       {"id", "unit_id", "received_at:int", "source", "source_details", "reported", "address", "persons", "urgency",
        "deadline_at:int", "household_id", "triage_outcome", "triage_reason", "triaged_at:int", "triaged_by", "case_id",
        "created_by", "created_at:int"}},
      {"cases",
       {"id", "unit_id", "household_id", "signal_id", "state", "state_entered_on", "opened_on", "intensity",
        "planned_end", "lead_id", "previous_case_id", "created_at:int", "updated_at:int", "version:int"}},
      {"case_members", {"case_id", "user_id", "member_role", "added_at:int"}},
      {"case_transitions",
       {"id", "case_id", "ordinal:int", "from_state", "to_state", "at:int", "on_date", "user_id", "reason",
        "override_reason"}},
      {"consents",
       {"id", "case_id", "signed_by", "covers", "scope", "signed_on", "valid_until", "withdrawn_on", "document_id",
        "created_by", "created_at:int"}},
      {"decisions",
       {"id", "case_id", "body", "meeting_date", "protocol_number", "members_present", "kind", "patronage_types",
        "lead_id", "team", "grounds", "intensity", "planned_end", "corrects_id", "signed:int", "signed_at:int",
        "signed_by", "created_by", "created_at:int"}},
      {"assessments", {"id", "case_id", "kind", "on_date", "author_id", "data", "sensitive", "created_at:int"}},
      {"agreements",
       {"id", "case_id", "signed_on", "valid_from", "valid_until", "content", "created_by", "created_at:int"}},
      {"plans",
       {"id", "case_id", "plan_number:int", "supersedes_id", "superseded_by", "period_from", "period_to", "review_on",
        "term", "goals", "approved_at:int", "approved_by", "created_by", "created_at:int", "updated_at:int",
        "version:int"}},
      {"plan_measures",
       {"id", "plan_id", "case_id", "ordinal:int", "goal_id", "patronage_type", "what", "responsible_kind",
        "responsible_ref", "due_on", "status", "result", "updated_at:int", "updated_by"}},
      {"visits",
       {"id",
        "case_id",
        "planned_on",
        "actual_on",
        "kind",
        "participants",
        "purpose",
        "home",
        "relations",
        "child_safety_checked:int",
        "child_safety_concern:int",
        "child_safety_note",
        "actions",
        "next_step",
        "closing:int",
        "missed_reason",
        "created_by",
        "created_at:int",
        "updated_at:int",
        "version:int"}},
      {"service_deliveries",
       {"id", "case_id", "service_code", "delivered_on", "quantity:int", "unit", "provider", "cost:int", "created_by",
        "created_at:int"}},
      {"referrals",
       {"id", "case_id", "partner_id", "reason", "sent_on", "due_on", "status", "response", "created_by",
        "created_at:int", "updated_at:int"}},
      {"referral_history",
       {"id", "referral_id", "ordinal:int", "from_status", "to_status", "on_date", "response", "user_id", "at:int"}},
      {"volunteer_contacts",
       {"id", "volunteer_id", "case_id", "on_date", "minutes:int", "what", "created_by", "created_at:int"}},
      {"import_records",
       {"batch_id", "entity", "entity_id", "source_row:int", "action", "before_state", "after_version:int"}},
      {"audit_log",
       {"seq:int", "at:int", "user_id", "action", "entity", "entity_id", "address", "request_id", "details",
        "prev_hash", "hash"}},
  };
  return k_tables;
}

const std::vector<std::string>& columns_of(std::string_view table) {
  for (const auto& entry : tables()) {
    if (entry.name == table) {
      return entry.columns;
    }
  }
  throw std::out_of_range("storage::bulk: no column list for table " + std::string(table));
}

std::size_t key_columns_of(std::string_view table) {
  // The primary keys of migrations 17 and 26, which lead each table's column list above.
  static constexpr std::array<std::pair<std::string_view, std::size_t>, 4> k_keys{{
      {"person_keys", 2},    // person_id, match_key
      {"household_keys", 2}, // household_id, match_key
      {"search_terms", 5},   // unit_id, term, household_id, person_id, field (migration 26)
      {"import_records", 3}, // batch_id, entity, entity_id
  }};
  for (const auto& [name, columns] : k_keys) {
    if (name == table) {
      return columns;
    }
  }
  return 0;
}

} // namespace patronage::storage::bulk
