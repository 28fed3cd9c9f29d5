#include "domain/map_of_changes.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace patronage::domain {
namespace {

constexpr std::array<std::pair<Outcome, std::string_view>, 3> k_outcome_names{{
    {Outcome::improved, "improved"},
    {Outcome::unchanged, "unchanged"},
    {Outcome::worse, "worse"},
}};

int clamped_score(int score) {
  return std::clamp(score, k_min_domain_score, k_max_domain_score);
}

Trend trend_of(int before, int after) {
  if (after < before) {
    return Trend::better;
  }
  if (after > before) {
    return Trend::worse;
  }
  return Trend::same;
}

Outcome outcome_of(const MapOfChanges& map) {
  if (map.total_after > map.total_before || map.level_after > map.level_before) {
    return Outcome::worse;
  }
  const bool any_worse =
      std::ranges::any_of(map.domains, [](const DomainChange& c) { return c.trend == Trend::worse; });
  if (map.total_after < map.total_before && !any_worse) {
    return Outcome::improved;
  }
  return Outcome::unchanged;
}

} // namespace

std::string_view to_string(Trend trend) {
  switch (trend) {
  case Trend::better:
    return "better";
  case Trend::same:
    return "same";
  case Trend::worse:
    return "worse";
  }
  return "unknown";
}

std::string_view to_string(Outcome outcome) {
  for (const auto& [o, name] : k_outcome_names) {
    if (o == outcome) {
      return name;
    }
  }
  return "unknown";
}

std::optional<Outcome> parse_outcome(std::string_view text) {
  for (const auto& [o, name] : k_outcome_names) {
    if (name == text) {
      return o;
    }
  }
  return std::nullopt;
}

MapOfChanges compare_assessments(std::span<const DomainScore> before, std::span<const DomainScore> after,
                                 const RiskSettings& settings) {
  MapOfChanges map;
  for (auto domain : k_risk_domains) {
    auto was = score_of(before, domain);
    auto now = score_of(after, domain);
    if (!was || !now) {
      continue;
    }
    DomainChange change{domain, clamped_score(*was), clamped_score(*now),
                        trend_of(clamped_score(*was), clamped_score(*now))};
    map.total_before += change.before;
    map.total_after += change.after;
    map.domains.push_back(change);
  }
  map.level_before = assess_risk(before, settings).level;
  map.level_after = assess_risk(after, settings).level;
  map.outcome = outcome_of(map);
  return map;
}

} // namespace patronage::domain
