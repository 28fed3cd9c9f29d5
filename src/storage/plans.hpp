#pragma once

#include <optional>
#include <string>
#include <vector>

#include "storage/database.hpp"

namespace patronage::storage {

// An agreement with the family (SPEC §7). `content` is a JSON object text with
// the duties and rights of both sides and the signatories.
struct AgreementRecord {
  std::string id;
  std::string case_id;
  std::string signed_on;
  std::string valid_from;
  std::string valid_until;
  std::string content;
  std::string created_by;
  long long created_at = 0;
};

void insert_agreement(Tx& tx, const AgreementRecord& record);
// Newest first.
std::vector<AgreementRecord> list_agreements(Tx& tx, const std::string& case_id);

// One version of a case's plan of measures (SPEC §7). `number` counts the
// versions of the case from 1; a new version supersedes the previous one
// (`superseded_by` is then set). `version` is the optimistic-concurrency
// counter of this row, bumped by every change. `goals` is a JSON array text.
struct PlanRecord {
  std::string id;
  std::string case_id;
  int number = 1;
  std::optional<std::string> supersedes_id;
  std::optional<std::string> superseded_by;
  std::string period_from;
  std::string period_to;
  std::string review_on;
  std::string term;
  std::string goals;
  std::optional<long long> approved_at;
  std::optional<std::string> approved_by;
  std::string created_by;
  long long created_at = 0;
  long long updated_at = 0;
  int version = 1;
};

// A measure of a plan version; its due date and status are columns so the
// work list can find measures due.
struct MeasureRecord {
  std::string id;
  std::string plan_id;
  std::string case_id;
  int ordinal = 0;
  std::string goal_id;
  std::string patronage_type;
  std::string what;
  std::string responsible_kind;
  std::string responsible_ref;
  std::string due_on;
  std::string status;
  std::string result;
  long long updated_at = 0;
  std::string updated_by;
};

void insert_plan(Tx& tx, const PlanRecord& record);
std::optional<PlanRecord> find_plan(Tx& tx, const std::string& id);
// Every version of the case's plan, newest first.
std::vector<PlanRecord> list_plans(Tx& tx, const std::string& case_id);
void set_plan_superseded(Tx& tx, const std::string& id, const std::string& superseded_by, long long at);
// Bumps `version` when it still equals `expected`; false when someone changed the plan first.
bool bump_plan_version(Tx& tx, const std::string& id, int expected, long long at);
void approve_plan(Tx& tx, const std::string& id, const std::string& user_id, long long at);

void insert_measure(Tx& tx, const MeasureRecord& record);
std::vector<MeasureRecord> list_measures(Tx& tx, const std::string& plan_id);
// Stores status, result and who changed them.
void update_measure(Tx& tx, const MeasureRecord& record);

} // namespace patronage::storage
