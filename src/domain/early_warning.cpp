#include "domain/early_warning.hpp"

#include "domain/map_of_changes.hpp"

#include <optional>
#include <string>
#include <utility>

namespace patronage::domain {
namespace {

// The latest and the one before it, by date; a later position wins a tie.
struct LatestTwo {
  const DatedAssessment* latest = nullptr;
  const DatedAssessment* previous = nullptr;
};

LatestTwo latest_two(std::span<const DatedAssessment> assessments) {
  LatestTwo found;
  for (const auto& a : assessments) {
    if (found.latest == nullptr || a.on >= found.latest->on) {
      found.previous = found.latest;
      found.latest = &a;
    } else if (found.previous == nullptr || a.on >= found.previous->on) {
      found.previous = &a;
    }
  }
  return found;
}

std::optional<EarlyWarning> score_warning(const MapOfChanges& map, const EarlyWarningSettings& settings) {
  EarlyWarning warning{WarningKind::score_worsened, {}};
  for (const auto& change : map.domains) {
    const int rise = change.after - change.before;
    if (rise >= settings.min_domain_rise && rise > 0) {
      warning.reasons.push_back({"warning.domain_worsened",
                                 {{"domain", std::string(to_string(change.domain))},
                                  {"before", std::to_string(change.before)},
                                  {"after", std::to_string(change.after)},
                                  {"rise", std::to_string(rise)}}});
    }
  }
  if (map.total_after > map.total_before) {
    warning.reasons.push_back(
        {"warning.total_worsened",
         {{"before", std::to_string(map.total_before)}, {"after", std::to_string(map.total_after)}}});
  }
  if (warning.reasons.empty()) {
    return std::nullopt;
  }
  return warning;
}

std::optional<EarlyWarning> concern_warning(const DatedAssessment* latest, std::span<const VisitSafetyCheck> checks) {
  EarlyWarning warning{WarningKind::child_safety_concern, {}};
  for (const auto& check : checks) {
    if (check.concern && (latest == nullptr || check.on >= latest->on)) {
      warning.reasons.push_back({"warning.child_safety_concern", {{"date", util::format_date(check.on)}}});
    }
  }
  if (warning.reasons.empty()) {
    return std::nullopt;
  }
  return warning;
}

} // namespace

std::string_view to_string(WarningKind kind) {
  switch (kind) {
  case WarningKind::score_worsened:
    return "score_worsened";
  case WarningKind::risk_level_rose:
    return "risk_level_rose";
  case WarningKind::child_safety_concern:
    return "child_safety_concern";
  }
  return "unknown";
}

std::vector<EarlyWarning> early_warnings(std::span<const DatedAssessment> assessments,
                                         std::span<const VisitSafetyCheck> checks, const EarlyWarningSettings& settings,
                                         const RiskSettings& risk) {
  std::vector<EarlyWarning> warnings;
  const auto [latest, previous] = latest_two(assessments);
  if (latest != nullptr && previous != nullptr) {
    const auto map = compare_assessments(previous->scores, latest->scores, risk);
    if (auto warning = score_warning(map, settings)) {
      warnings.push_back(std::move(*warning));
    }
    if (map.level_after > map.level_before) {
      warnings.push_back({WarningKind::risk_level_rose,
                          {{"warning.risk_level_rose",
                            {{"before", std::string(to_string(map.level_before))},
                             {"after", std::string(to_string(map.level_after))}}}}});
    }
  }
  if (auto warning = concern_warning(latest, checks)) {
    warnings.push_back(std::move(*warning));
  }
  return warnings;
}

} // namespace patronage::domain
