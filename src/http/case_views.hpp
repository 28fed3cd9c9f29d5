#pragma once

#include <boost/json/object.hpp>

#include "app/cases.hpp"
#include "http/call.hpp"

namespace patronage::http {

// JSON shapes of cases and their records (documented in openapi.json).
boost::json::object case_json(const storage::CaseRecord& record);
boost::json::object case_view_json(const app::CaseView& view, Lang lang);
boost::json::object member_json(const storage::CaseMember& member);
boost::json::object consent_json(const storage::ConsentRecord& consent);
boost::json::object decision_json(const storage::DecisionRow& decision);

} // namespace patronage::http
