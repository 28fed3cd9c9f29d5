#include "app/case_risk.hpp"

#include <algorithm>

#include <boost/json/parse.hpp>

#include "app/assessment_forms.hpp"
#include "storage/assessments.hpp"
#include "storage/visits.hpp"

namespace patronage::app {

namespace {

std::optional<domain::DatedAssessment> dated_needs(const storage::AssessmentRecord& row, util::Date today) {
  const auto on = util::parse_date(row.on_date);
  if (!on || *on > today) {
    return std::nullopt;
  }
  boost::system::error_code ec;
  auto data = boost::json::parse(row.data, ec);
  if (ec || !data.is_object()) {
    return std::nullopt;
  }
  return domain::DatedAssessment{*on, stored_scores(data.as_object())};
}

} // namespace

std::optional<domain::RiskLevel> current_risk_level(storage::Tx& tx, const std::string& case_id, util::Date today,
                                                    const AssessmentSettings& settings) {
  // Newest first from storage: the first one that counts is the latest.
  for (const auto& row : storage::list_assessments(tx, case_id, std::string("needs"))) {
    if (auto dated = dated_needs(row, today)) {
      return domain::assess_risk(dated->scores, settings.risk).level;
    }
  }
  return std::nullopt;
}

CaseRisk case_risk(storage::Tx& tx, const std::string& case_id, util::Date today, const AssessmentSettings& settings) {
  return case_risk(storage::list_assessments(tx, case_id, std::string("needs")),
                   storage::list_safety_concerns(tx, case_id), today, settings);
}

CaseRisk case_risk(const std::vector<storage::AssessmentRecord>& needs, const std::vector<std::string>& concerns,
                   util::Date today, const AssessmentSettings& settings) {
  CaseRisk out;
  // Newest first from storage. domain::early_warnings compares the latest two, so older ones are not parsed.
  std::vector<domain::DatedAssessment> dated;
  for (const auto& row : needs) {
    if (auto one = dated_needs(row, today)) {
      if (dated.empty()) {
        out.assessed_on = row.on_date;
      }
      dated.push_back(std::move(*one));
      if (dated.size() == 2) {
        break;
      }
    }
  }
  std::reverse(dated.begin(), dated.end()); // the domain wants them oldest first
  if (!dated.empty()) {
    out.risk = domain::assess_risk(dated.back().scores, settings.risk);
  }
  // SPEC §10: a child-safety concern at a visit made on or after the latest assessment warns too.
  std::vector<domain::VisitSafetyCheck> checks;
  for (const auto& day : concerns) {
    if (const auto on = util::parse_date(day); on && *on <= today) {
      checks.push_back({*on, true});
    }
  }
  out.warnings = domain::early_warnings(dated, checks, settings.warnings, settings.risk);
  return out;
}

} // namespace patronage::app
