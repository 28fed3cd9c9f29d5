#pragma once

#include <vector>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "app/case_risk.hpp"
#include "domain/map_of_changes.hpp"
#include "http/call.hpp"

namespace patronage::http {

// {level, reasons[{key, message}]}: the reasons translated, domain codes and levels by name.
boost::json::object risk_json(const domain::RiskAssessment& risk, Lang lang);
// [{kind, reasons[{key, message}]}]
boost::json::array early_warnings_json(const std::vector<domain::EarlyWarning>& warnings, Lang lang);
// The case page's `risk` (null without a needs assessment) and `early_warnings`.
void add_case_risk(boost::json::object& out, const app::CaseRisk& risk, Lang lang);
// {domains[{domain, before, after, trend}], total_before, total_after, level_before, level_after, outcome}
boost::json::object map_of_changes_json(const domain::MapOfChanges& map);

} // namespace patronage::http
