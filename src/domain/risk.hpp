#pragma once

#include "util/error.hpp"

#include <array>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace patronage::domain {

// SPEC §5: the domains of the needs and risk assessment.
enum class RiskDomain {
  child_safety,
  health,
  housing,
  income,
  employment,
  parenting,
  addiction,
  violence,
  social_ties,
  education,
};

// Every domain once, in the order of the assessment form.
inline constexpr std::array<RiskDomain, 10> k_risk_domains{
    RiskDomain::child_safety, RiskDomain::health,    RiskDomain::housing,   RiskDomain::income,
    RiskDomain::employment,   RiskDomain::parenting, RiskDomain::addiction, RiskDomain::violence,
    RiskDomain::social_ties,  RiskDomain::education,
};

std::string_view to_string(RiskDomain domain);
std::optional<RiskDomain> parse_risk_domain(std::string_view text);

// SPEC §5: the derived risk level. Declared in increasing order, so `a < b` means "b is more severe".
enum class RiskLevel { low, medium, high, critical };

std::string_view to_string(RiskLevel level);
std::optional<RiskLevel> parse_risk_level(std::string_view text);

// SPEC §5: each domain is scored 0 (no problem) to 3 (severe).
constexpr int k_min_domain_score = 0;
constexpr int k_max_domain_score = 3;

struct DomainScore {
  RiskDomain domain = RiskDomain::child_safety;
  int score = 0;
  std::string note;
};

// Checks one assessment: every domain of `k_risk_domains` present exactly once, each score within
// 0..3. On failure returns Error::invalid("validation.failed") listing every bad field as
// "scores[<domain>]" with reason "validation.out_of_range", "validation.duplicate" or
// "validation.required" (a missing domain), in the order of `k_risk_domains`.
util::Status validate_scores(std::span<const DomainScore> scores);

// The sum of the scores, each clamped to 0..3.
int total_score(std::span<const DomainScore> scores);

// The score of `domain`, or std::nullopt if the assessment does not score it (the first one if repeated).
std::optional<int> score_of(std::span<const DomainScore> scores, RiskDomain domain);

// How scores become a level. A case takes the most severe level whose rule holds.
struct RiskSettings {
  // SPEC §5: any of these domains at 3 makes the case critical at once.
  std::vector<RiskDomain> immediate_critical_domains{RiskDomain::child_safety, RiskDomain::violence};
  // critical: this many domains at 3 at the same time (a family failing on several fronts).
  int critical_severe_domains = 3;
  // critical: total of all ten scores (out of 30) at least this.
  int critical_total = 18;
  // high: any domain at 3, or the total at least this.
  int high_total = 12;
  // medium: any domain at 2, or the total at least this.
  int medium_total = 5;
};

// Why a level was given: a message key and the values of its `{name}` placeholders.
struct RiskReason {
  std::string key;
  std::vector<std::pair<std::string, std::string>> params;

  friend bool operator==(const RiskReason&, const RiskReason&) = default;
};

struct RiskAssessment {
  RiskLevel level = RiskLevel::low;
  std::vector<RiskReason> reasons;
};

// Derives the risk level of one assessment (expected to have passed `validate_scores`; scores out of
// range are clamped to 0..3). `reasons` lists every rule that holds at the resulting level, domains in
// the order of `k_risk_domains`, then the count of severe domains, then the total:
//   "risk.critical_domain" {domain}          an immediate-critical domain at 3
//   "risk.severe_domains"  {count, threshold} many domains at 3
//   "risk.domain_severe"   {domain}          a domain at 3 (high)
//   "risk.domain_moderate" {domain}          a domain at 2 (medium)
//   "risk.total_score"     {total, threshold} the total reached the level's threshold
//   "risk.no_significant_problems" {total}   low: no rule above holds
// A `domain` param is the domain code (to_string), for the caller to translate.
RiskAssessment assess_risk(std::span<const DomainScore> scores, const RiskSettings& settings = {});

} // namespace patronage::domain
