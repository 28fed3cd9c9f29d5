#pragma once

#include "domain/risk.hpp"

#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace patronage::domain {

// How one domain moved between two assessments: a lower score is better.
enum class Trend { better, same, worse };

// SPEC §10: the outcome of a case by its map of changes.
enum class Outcome { improved, unchanged, worse };

std::string_view to_string(Trend trend);
std::string_view to_string(Outcome outcome);
std::optional<Outcome> parse_outcome(std::string_view text);

struct DomainChange {
  RiskDomain domain = RiskDomain::child_safety;
  int before = 0;
  int after = 0;
  Trend trend = Trend::same;
};

struct MapOfChanges {
  std::vector<DomainChange> domains; // in the order of k_risk_domains
  int total_before = 0;              // over the compared domains only
  int total_after = 0;
  RiskLevel level_before = RiskLevel::low; // each from its whole assessment
  RiskLevel level_after = RiskLevel::low;
  Outcome outcome = Outcome::unchanged;
};

// SPEC §5: compares two assessments of one case domain by domain (`before` the earlier one).
// Only domains scored in both are compared and summed, so a missing domain never reads as a change;
// scores are clamped to 0..3. The outcome:
//   worse     — the total rose, or the risk level (by `settings`) rose;
//   improved  — the total fell and no domain got worse;
//   unchanged — anything else (same total, or a lower total with some domain worse).
MapOfChanges compare_assessments(std::span<const DomainScore> before, std::span<const DomainScore> after,
                                 const RiskSettings& settings = {});

} // namespace patronage::domain
