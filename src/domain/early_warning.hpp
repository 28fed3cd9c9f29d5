#pragma once

#include "domain/risk.hpp"
#include "util/time.hpp"

#include <span>
#include <string_view>
#include <vector>

namespace patronage::domain {

// One needs and risk assessment of a case, as of its date.
struct DatedAssessment {
  util::Date on;
  std::vector<DomainScore> scores;
};

// The child-safety check of one actual visit.
struct VisitSafetyCheck {
  util::Date on;
  bool concern = false;
};

enum class WarningKind { score_worsened, risk_level_rose, child_safety_concern };

std::string_view to_string(WarningKind kind);

struct EarlyWarning {
  WarningKind kind = WarningKind::score_worsened;
  std::vector<RiskReason> reasons;
};

struct EarlyWarningSettings {
  // A domain whose score rose by at least this much between the two latest assessments is flagged.
  int min_domain_rise = 1;
};

// SPEC §10: the early warnings of one case, in the order of WarningKind; empty when all is well.
// Compares the two latest `assessments` by date (of two on one date, the later in the span is the later):
//   score_worsened       — "warning.domain_worsened" {domain, before, after, rise} per domain that rose by
//                          at least `min_domain_rise`, then "warning.total_worsened" {before, after} if the
//                          total rose;
//   risk_level_rose      — "warning.risk_level_rose" {before, after} (levels by `risk`);
//   child_safety_concern — "warning.child_safety_concern" {date} per check with a concern made on or after
//                          the latest assessment's date (any such check when there is no assessment).
// Fewer than two assessments give no score or level warning. `checks` may come in any order.
std::vector<EarlyWarning> early_warnings(std::span<const DatedAssessment> assessments,
                                         std::span<const VisitSafetyCheck> checks,
                                         const EarlyWarningSettings& settings = {}, const RiskSettings& risk = {});

} // namespace patronage::domain
