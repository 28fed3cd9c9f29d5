#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/settings.hpp"
#include "domain/early_warning.hpp"
#include "domain/risk.hpp"
#include "storage/assessments.hpp"
#include "storage/database.hpp"
#include "util/time.hpp"

namespace patronage::app {

// The risk standing of a case (SPEC §5, §10).
struct CaseRisk {
  // domain::assess_risk of the latest `needs` assessment; none without one.
  std::optional<domain::RiskAssessment> risk;
  std::optional<std::string> assessed_on; // the date of that assessment
  // domain::early_warnings over the case's `needs` assessments dated up to `today` and its visits' child-safety
  // checks.
  std::vector<domain::EarlyWarning> warnings;
};

// Reads the case's `needs` assessments and the child-safety checks of its visits (made up to `today`) inside
// the caller's transaction. Does not check permissions or audit: the caller has loaded the case for its actor.
CaseRisk case_risk(storage::Tx& tx, const std::string& case_id, util::Date today,
                   const AssessmentSettings& settings = {});
// The same from rows already read: `needs` as storage::list_assessments gives the `needs` kind (newest first),
// `concerns` as storage::list_safety_concerns gives them.
CaseRisk case_risk(const std::vector<storage::AssessmentRecord>& needs, const std::vector<std::string>& concerns,
                   util::Date today, const AssessmentSettings& settings);

// The level of case_risk's `risk` alone (no warnings, so no visits read): for lists.
std::optional<domain::RiskLevel> current_risk_level(storage::Tx& tx, const std::string& case_id, util::Date today,
                                                    const AssessmentSettings& settings = {});

} // namespace patronage::app
