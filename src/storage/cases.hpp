#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/case_state.hpp"
#include "domain/policy.hpp"
#include "storage/database.hpp"

namespace patronage::storage {

// A case (SPEC §3). Dates are "YYYY-MM-DD"; a stored state or intensity the domain does not know fails the read
// (CorruptValue, storage/stored_enum.hpp).
struct CaseRecord {
  std::string id;
  std::string unit_id;
  std::string unit_path; // filled on read
  std::string household_id;
  std::string signal_id;
  domain::CaseState state = domain::CaseState::signal;
  std::string state_entered_on;
  std::string opened_on;
  std::optional<domain::PatronageIntensity> intensity;
  std::optional<std::string> planned_end;
  std::optional<std::string> lead_id;
  std::string previous_case_id;
  long long created_at = 0;
  long long updated_at = 0;
  int version = 1;
  std::string household_address; // filled on read, so that lists show it without a query per case
  std::string lead_name;         // filled on read: the lead's full name, "" without a lead
  std::string number;            // "2026-0042": given by insert_case, unique per unit and year, never changed
  std::string family_name;       // filled on read: last name of the first-added (then oldest) member, or ""
  std::vector<std::string> categories; // filled on read: the household's categories (SPEC §2 wire codes)
  // The level of the latest needs assessment ("low" … "critical"), or none; filled by app::list_cases only.
  std::optional<std::string> risk_level;
};

// The short number of a case: the year, a dash and the sequence number of at least four digits ("2026-0042").
std::string format_case_number(int year, long long sequence);

// Inserts the case and gives it the next number of its unit and the year of `opened_on` (record.number), in the
// caller's transaction: the counter row (case_numbers) is created or incremented there, so parallel creations
// queue on it (a row lock on PostgreSQL, the write lock on SQLite) and the unique index (unit_id, case_number)
// catches anything else.
void insert_case(Tx& tx, CaseRecord& record);
// Migration 12: numbers the cases that have none, in creation order per unit and year, and sets the counters.
void number_existing_cases(Tx& tx);
std::optional<CaseRecord> find_case(Tx& tx, const std::string& id);
// Stores state, dates, intensity, planned end, lead; bumps `version`.
void update_case(Tx& tx, const CaseRecord& record);
std::vector<CaseRecord> list_cases_of_household(Tx& tx, const std::string& household_id);

// Cases of a unit subtree, optionally only those `user_id` is a member of, newest first.
struct CaseFilter {
  std::string unit_path_prefix;
  std::optional<std::string> member_user_id;
  std::optional<std::string> state;
  std::optional<std::string> number_pattern; // a LIKE pattern on the case number (case_number_pattern)
  int limit = 200;
  bool open_only = false; // not closed or rejected
};
// The LIKE pattern that finds a case by what a person types of its number: "2026-0042" or "2026-42" the number
// itself, "42" or "0042" that number of any year. std::nullopt when `text` is not a number.
std::optional<std::string> case_number_pattern(std::string_view text);
std::vector<CaseRecord> list_cases(Tx& tx, const CaseFilter& filter);
// Cases of a unit subtree that may be before the council (domain::council_agenda decides): awaiting a decision,
// closing, in supervision, active with the planned end on or before `horizon` ('YYYY-MM-DD'), a withdrawn consent
// or a plan awaiting approval, or with an unsigned decision. Longest waiting first, at most `limit`.
std::vector<CaseRecord> list_council_candidates(Tx& tx, const std::string& unit_path_prefix,
                                                const std::string& horizon, int limit);

struct CaseMember {
  std::string case_id;
  std::string user_id;
  std::string member_role; // lead, expert, volunteer
  long long added_at = 0;
};

void upsert_case_member(Tx& tx, const CaseMember& member);
void remove_case_member(Tx& tx, const std::string& case_id, const std::string& user_id);
std::vector<CaseMember> list_case_members(Tx& tx, const std::string& case_id);

// The unit (id and path) a household belongs to.
struct UnitRef {
  std::string id;
  std::string path;
};
std::optional<UnitRef> household_unit(Tx& tx, const std::string& household_id);

// How `user_id` stands to the case (none when not a member).
domain::CaseRelation case_relation(Tx& tx, const std::string& case_id, const std::string& user_id);
// The closest relation of `user_id` to any case of the household;
// `unassigned` when the household has no case at all.
domain::CaseRelation household_relation(Tx& tx, const std::string& household_id, const std::string& user_id);

// Open (not closed/rejected) cases led by `lead_id`, by intensity, excluding `except_case_id`.
struct LeadCounts {
  int intensive = 0;
  int standard = 0;
};
LeadCounts count_led_cases(Tx& tx, const std::string& lead_id, const std::string& except_case_id);

// SPEC §3: the children placed with foster educator `user_id`: persons born after `born_after` (YYYY-MM-DD) in
// the households of the open cases (not closed or rejected) whose foster educator they are, `except_case_id`
// left out.
int count_foster_children(Tx& tx, const std::string& user_id, const std::string& except_case_id,
                          const std::string& born_after);

// The persons of `household_id` born after `born_after` (YYYY-MM-DD).
int count_minors(Tx& tx, const std::string& household_id, const std::string& born_after);

struct TransitionRecord {
  std::string id;
  std::string case_id;
  std::string from_state;
  std::string to_state;
  long long at = 0;
  std::string on_date;
  std::string user_id;
  std::string reason;
  std::string override_reason;
};

void insert_transition(Tx& tx, const TransitionRecord& record);
std::vector<TransitionRecord> list_transitions(Tx& tx, const std::string& case_id);

} // namespace patronage::storage
