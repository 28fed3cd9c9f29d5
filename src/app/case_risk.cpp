#include "app/case_risk.hpp"

#include <algorithm>

#include <boost/json/parse.hpp>

#include "app/assessment_forms.hpp"
#include "storage/assessments.hpp"
#include "storage/visits.hpp"

namespace patronage::app {

CaseRisk case_risk(storage::Tx& tx, const std::string& case_id, util::Date today, const AssessmentSettings& settings) {
  CaseRisk out;
  // Newest first from storage; the domain wants them oldest first.
  auto rows = storage::list_assessments(tx, case_id, std::string("needs"));
  std::reverse(rows.begin(), rows.end());
  std::vector<domain::DatedAssessment> dated;
  for (const auto& row : rows) {
    const auto on = util::parse_date(row.on_date);
    if (!on || *on > today) {
      continue;
    }
    boost::system::error_code ec;
    auto data = boost::json::parse(row.data, ec);
    if (ec || !data.is_object()) {
      continue;
    }
    dated.push_back({*on, stored_scores(data.as_object())});
    out.assessed_on = row.on_date;
  }
  if (!dated.empty()) {
    out.risk = domain::assess_risk(dated.back().scores, settings.risk);
  }
  // SPEC §10: a child-safety concern at a visit made on or after the latest assessment warns too.
  std::vector<domain::VisitSafetyCheck> checks;
  for (const auto& check : storage::list_safety_checks(tx, case_id)) {
    if (const auto on = util::parse_date(check.on); on && *on <= today) {
      checks.push_back({*on, check.concern});
    }
  }
  out.warnings = domain::early_warnings(dated, checks, settings.warnings, settings.risk);
  return out;
}

} // namespace patronage::app
