#pragma once

#include <optional>
#include <string>
#include <vector>

#include "storage/database.hpp"

namespace patronage::storage {

// A person named in a signal, as reported (no record of ours yet).
struct SignalPerson {
  std::string last_name;
  std::string first_name;
  std::string patronymic;
  std::optional<std::string> birth_date; // "YYYY-MM-DD"
};

// A report about a family (SPEC §4). Times are Unix seconds; enums are their wire names.
struct SignalRecord {
  std::string id;
  std::string unit_id;
  std::string unit_path; // filled on read
  long long received_at = 0;
  std::string source;
  std::string source_details;
  std::string reported;
  std::string address;
  std::vector<SignalPerson> persons;
  std::string urgency;
  long long deadline_at = 0;
  std::optional<std::string> household_id;
  std::optional<std::string> triage_outcome;
  std::string triage_reason;
  std::optional<long long> triaged_at;
  std::optional<std::string> triaged_by;
  std::optional<std::string> case_id;  // the case opened for it, or the open case it was attached to
  std::string parallel_reason;         // why a new family's case was opened despite an exact match with an open case
  std::string created_by;
  long long created_at = 0;
};

void insert_signal(Tx& tx, const SignalRecord& record);
std::optional<SignalRecord> find_signal(Tx& tx, const std::string& id);

// Untriaged signals of the unit subtree `unit_path_prefix`, nearest deadline first.
std::vector<SignalRecord> list_open_signals(Tx& tx, const std::string& unit_path_prefix, int limit);

// Records the triage of `record` (outcome, reason, triaged_at/by, household and case ids) only when the stored
// signal is still untriaged. False when someone triaged it first: nothing is written then.
bool record_triage(Tx& tx, const SignalRecord& record);

// The signals triaged into `case_id` (the one that opened it and those attached to it), oldest triage first.
std::vector<SignalRecord> list_signals_of_case(Tx& tx, const std::string& case_id);

} // namespace patronage::storage
