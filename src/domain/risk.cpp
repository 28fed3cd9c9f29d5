#include "domain/risk.hpp"

#include <algorithm>

namespace patronage::domain {
namespace {

constexpr std::array<std::pair<RiskDomain, std::string_view>, 10> k_domain_names{{
    {RiskDomain::child_safety, "child_safety"},
    {RiskDomain::health, "health"},
    {RiskDomain::housing, "housing"},
    {RiskDomain::income, "income"},
    {RiskDomain::employment, "employment"},
    {RiskDomain::parenting, "parenting"},
    {RiskDomain::addiction, "addiction"},
    {RiskDomain::violence, "violence"},
    {RiskDomain::social_ties, "social_ties"},
    {RiskDomain::education, "education"},
}};

constexpr std::array<std::pair<RiskLevel, std::string_view>, 4> k_level_names{{
    {RiskLevel::low, "low"},
    {RiskLevel::medium, "medium"},
    {RiskLevel::high, "high"},
    {RiskLevel::critical, "critical"},
}};

constexpr int k_moderate_score = 2;

int clamped(int score) {
  return std::clamp(score, k_min_domain_score, k_max_domain_score);
}

std::string field_of(RiskDomain domain) {
  return "scores[" + std::string(to_string(domain)) + "]";
}

RiskReason domain_reason(std::string key, RiskDomain domain) {
  return {std::move(key), {{"domain", std::string(to_string(domain))}}};
}

RiskReason threshold_reason(std::string key, std::string name, int value, int threshold) {
  return {std::move(key), {{std::move(name), std::to_string(value)}, {"threshold", std::to_string(threshold)}}};
}

bool is_immediate_critical(RiskDomain domain, const RiskSettings& settings) {
  return std::ranges::find(settings.immediate_critical_domains, domain) != settings.immediate_critical_domains.end();
}

// The reasons for one level, each rule checked in the documented order.
std::vector<RiskReason> critical_reasons(std::span<const DomainScore> scores, int total, const RiskSettings& settings) {
  std::vector<RiskReason> reasons;
  int severe = 0;
  for (auto domain : k_risk_domains) {
    auto score = score_of(scores, domain);
    if (score && clamped(*score) == k_max_domain_score) {
      ++severe;
      if (is_immediate_critical(domain, settings)) {
        reasons.push_back(domain_reason("risk.critical_domain", domain));
      }
    }
  }
  if (severe >= settings.critical_severe_domains) {
    reasons.push_back(threshold_reason("risk.severe_domains", "count", severe, settings.critical_severe_domains));
  }
  if (total >= settings.critical_total) {
    reasons.push_back(threshold_reason("risk.total_score", "total", total, settings.critical_total));
  }
  return reasons;
}

std::vector<RiskReason> reasons_at(std::span<const DomainScore> scores, int total, int domain_score,
                                   std::string domain_key, int total_threshold) {
  std::vector<RiskReason> reasons;
  for (auto domain : k_risk_domains) {
    auto score = score_of(scores, domain);
    if (score && clamped(*score) == domain_score) {
      reasons.push_back(domain_reason(domain_key, domain));
    }
  }
  if (total >= total_threshold) {
    reasons.push_back(threshold_reason("risk.total_score", "total", total, total_threshold));
  }
  return reasons;
}

} // namespace

std::string_view to_string(RiskDomain domain) {
  for (const auto& [d, name] : k_domain_names) {
    if (d == domain) {
      return name;
    }
  }
  return "unknown";
}

std::optional<RiskDomain> parse_risk_domain(std::string_view text) {
  for (const auto& [d, name] : k_domain_names) {
    if (name == text) {
      return d;
    }
  }
  return std::nullopt;
}

std::string_view to_string(RiskLevel level) {
  for (const auto& [l, name] : k_level_names) {
    if (l == level) {
      return name;
    }
  }
  return "unknown";
}

std::optional<RiskLevel> parse_risk_level(std::string_view text) {
  for (const auto& [l, name] : k_level_names) {
    if (name == text) {
      return l;
    }
  }
  return std::nullopt;
}

util::Status validate_scores(std::span<const DomainScore> scores) {
  std::vector<util::FieldError> fields;
  for (auto domain : k_risk_domains) {
    auto count = std::ranges::count_if(scores, [domain](const DomainScore& s) { return s.domain == domain; });
    if (count == 0) {
      fields.push_back({field_of(domain), "validation.required"});
      continue;
    }
    if (count > 1) {
      fields.push_back({field_of(domain), "validation.duplicate"});
    }
    const bool out_of_range = std::ranges::any_of(scores, [domain](const DomainScore& s) {
      return s.domain == domain && (s.score < k_min_domain_score || s.score > k_max_domain_score);
    });
    if (out_of_range) {
      fields.push_back({field_of(domain), "validation.out_of_range"});
    }
  }
  if (!fields.empty()) {
    return util::fail(util::Error::invalid("validation.failed", std::move(fields)));
  }
  return {};
}

int total_score(std::span<const DomainScore> scores) {
  int total = 0;
  for (const auto& s : scores) {
    total += clamped(s.score);
  }
  return total;
}

std::optional<int> score_of(std::span<const DomainScore> scores, RiskDomain domain) {
  auto it = std::ranges::find(scores, domain, &DomainScore::domain);
  if (it == scores.end()) {
    return std::nullopt;
  }
  return it->score;
}

RiskAssessment assess_risk(std::span<const DomainScore> scores, const RiskSettings& settings) {
  const int total = total_score(scores);
  if (auto reasons = critical_reasons(scores, total, settings); !reasons.empty()) {
    return {RiskLevel::critical, std::move(reasons)};
  }
  if (auto reasons = reasons_at(scores, total, k_max_domain_score, "risk.domain_severe", settings.high_total);
      !reasons.empty()) {
    return {RiskLevel::high, std::move(reasons)};
  }
  if (auto reasons = reasons_at(scores, total, k_moderate_score, "risk.domain_moderate", settings.medium_total);
      !reasons.empty()) {
    return {RiskLevel::medium, std::move(reasons)};
  }
  return {RiskLevel::low, {{"risk.no_significant_problems", {{"total", std::to_string(total)}}}}};
}

} // namespace patronage::domain
