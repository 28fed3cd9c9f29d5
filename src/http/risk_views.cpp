#include "http/risk_views.hpp"

#include "http/messages.hpp"

namespace patronage::http {
namespace {

// Domain codes and level names inside a reason are shown in the reader's language.
boost::json::object risk_reason_json(const domain::RiskReason& reason, Lang lang) {
  auto params = reason.params;
  for (auto& [name, value] : params) {
    if (name == "domain") {
      value = translate(lang, "risk.domain." + value);
    } else if (reason.key == "warning.risk_level_rose" && (name == "before" || name == "after")) {
      value = translate(lang, "risk.level." + value);
    }
  }
  return {{"key", reason.key}, {"message", translate(lang, reason.key, params)}};
}

} // namespace

boost::json::object risk_json(const domain::RiskAssessment& risk, Lang lang) {
  boost::json::array reasons;
  for (const auto& reason : risk.reasons) {
    reasons.push_back(risk_reason_json(reason, lang));
  }
  return {{"level", domain::to_string(risk.level)}, {"reasons", std::move(reasons)}};
}

boost::json::array early_warnings_json(const std::vector<domain::EarlyWarning>& warnings, Lang lang) {
  boost::json::array out;
  for (const auto& warning : warnings) {
    boost::json::array reasons;
    for (const auto& reason : warning.reasons) {
      reasons.push_back(risk_reason_json(reason, lang));
    }
    out.push_back({{"kind", domain::to_string(warning.kind)}, {"reasons", std::move(reasons)}});
  }
  return out;
}

void add_case_risk(boost::json::object& out, const app::CaseRisk& risk, Lang lang) {
  if (risk.risk) {
    auto json = risk_json(*risk.risk, lang);
    json["assessed_on"] = *risk.assessed_on;
    out["risk"] = std::move(json);
  } else {
    out["risk"] = nullptr;
  }
  out["early_warnings"] = early_warnings_json(risk.warnings, lang);
}

boost::json::object map_of_changes_json(const domain::MapOfChanges& map) {
  boost::json::array domains;
  for (const auto& change : map.domains) {
    domains.push_back({{"domain", domain::to_string(change.domain)},
                       {"before", change.before},
                       {"after", change.after},
                       {"trend", domain::to_string(change.trend)}});
  }
  return {{"domains", std::move(domains)},
          {"total_before", map.total_before},
          {"total_after", map.total_after},
          {"level_before", domain::to_string(map.level_before)},
          {"level_after", domain::to_string(map.level_after)},
          {"outcome", domain::to_string(map.outcome)}};
}

} // namespace patronage::http
