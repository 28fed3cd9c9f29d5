#include "storage/case_report_facts.hpp"

#include <soci/soci.h>

namespace patronage::storage {
namespace {

// Every case's row, of the cases that satisfy `where` (a condition on `c`, or empty).
std::string facts_of_cases(const Dialect& dialect, const std::string& where) {
  // The measures as households_by_patronage_type_by_scan counts them: those of the case's plans that no version
  // supersedes. A case whose household row is missing (a bulk load without checks) has no category, as in the scan.
  return "INSERT INTO case_report_facts (case_id, categories, patronage_types) "
         "SELECT c.id, COALESCE(h.categories, ''), COALESCE((SELECT " +
         dialect.distinct_list("m.patronage_type") +
         " FROM plans pl JOIN plan_measures m ON m.plan_id = pl.id WHERE pl.case_id = c.id "
         "AND pl.superseded_by IS NULL), '') FROM cases c LEFT JOIN households h ON h.id = c.household_id" +
         where;
}

} // namespace

std::span<const CaseReportInput> case_report_inputs() {
  static constexpr CaseReportInput k_inputs[] = {
      {"cases", "id", "case", "household_id"},
      {"households", "id", "household", "categories"},
      {"plans", "case_id", "case", "case_id, superseded_by"},
      {"plan_measures", "plan_id", "plan", "plan_id, patronage_type"},
  };
  return k_inputs;
}

std::string case_report_facts_refresh(const Dialect& dialect, const std::string& match) {
  return "DELETE FROM case_report_facts WHERE case_id " + match + "; " +
         facts_of_cases(dialect, " WHERE c.id " + match) + "; ";
}

std::vector<std::string> case_report_facts_rebuild(const Dialect& dialect) {
  return {"DELETE FROM case_report_facts", facts_of_cases(dialect, "")};
}

void rebuild_case_report_facts(Tx& tx) {
  for (const auto& statement : case_report_facts_rebuild(tx.dialect())) {
    tx.sql() << statement;
  }
}

} // namespace patronage::storage
