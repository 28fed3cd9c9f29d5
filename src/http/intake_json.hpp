#pragma once

#include <boost/json/object.hpp>

#include "app/households.hpp"
#include "app/signals.hpp"
#include "storage/history.hpp"

namespace patronage::http {

// JSON shapes of households, persons, duplicates and signals (documented in openapi.json).
// A member's "sensitive" object is present only when the use case filled it in.
boost::json::object member_json(const app::MemberView& member);
boost::json::object household_json(const app::HouseholdView& view);
boost::json::object sensitive_json(const storage::SensitiveRecord& record);
boost::json::object history_json(const storage::HistoryRecord& record);
// `{"items": [...]}` of a record's history, oldest first (the history routes' answer).
boost::json::object history_list_json(const std::vector<storage::HistoryRecord>& records);
boost::json::array person_duplicates_json(const std::vector<app::PersonDuplicate>& matches);
boost::json::array household_duplicates_json(const std::vector<app::HouseholdDuplicate>& matches);
boost::json::object signal_json(const storage::SignalRecord& signal);
boost::json::object signal_view_json(const app::SignalView& view);

} // namespace patronage::http
