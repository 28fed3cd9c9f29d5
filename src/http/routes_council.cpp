#include <boost/json.hpp>

#include "app/council.hpp"
#include "http/api.hpp"
#include "http/json_views.hpp"
#include "http/problem.hpp"
#include "http/responses.hpp"

namespace patronage::http {
namespace {

boost::json::object agenda_json(const app::AgendaEntry& entry) {
  const auto& r = entry.record;
  boost::json::array reasons;
  for (const auto& item : entry.items) {
    reasons.push_back(
        {{"reason", domain::to_string(item.reason)}, {"proposed_kind", domain::to_string(item.proposed_kind)}});
  }
  return {{"case_id", r.id},
          {"household_id", r.household_id},
          {"address", r.household_address},
          {"state", domain::to_string(r.state)},
          {"state_entered_on", r.state_entered_on},
          {"intensity", nullable_name(r.intensity)},
          {"planned_end", nullable(r.planned_end)},
          {"lead_id", nullable(r.lead_id)},
          {"lead_name", r.lead_name.empty() ? boost::json::value(nullptr) : boost::json::value(r.lead_name)},
          {"reasons", std::move(reasons)}};
}

boost::json::object meeting_json(const app::Meeting& m) {
  boost::json::array decisions;
  for (const auto& d : m.decisions) {
    decisions.push_back({{"id", d.id},
                         {"case_id", d.case_id},
                         {"case_state", d.case_state},
                         {"address", d.address},
                         {"kind", d.kind},
                         {"lead_id", nullable(d.lead_id)},
                         {"grounds", d.grounds},
                         {"signed", d.is_signed}});
  }
  return {{"body", m.body},
          {"meeting_date", m.meeting_date},
          {"protocol_number", m.protocol_number},
          {"members_present", strings(m.members_present)},
          {"decisions", std::move(decisions)}};
}

} // namespace

void add_council_routes(Router& router, Api& api) {
  router.add_sync(Verb::get, "/api/v1/council/agenda", Access::session, [&api](Call& call) {
    return answer(call, app::council_agenda(api.services(), call.user(), call.meta(), call.query_value("unit")),
                  Status::ok, [](const auto& list) { return items_json(list, agenda_json); });
  });

  router.add_sync(Verb::get, "/api/v1/council/meetings", Access::session, [&api](Call& call) {
    return answer(call,
                  app::council_meetings(api.services(), call.user(), call.meta(), call.query_value("from"),
                                        call.query_value("to")),
                  Status::ok, [](const auto& list) { return items_json(list, meeting_json); });
  });

  router.add_sync(Verb::get, "/api/v1/staff", Access::session, [&api](Call& call) {
    return answer(call, app::list_staff(api.services(), call.user(), call.meta(), call.query_value("unit")), Status::ok,
                  [](const auto& staff) {
                    return items_json(staff, [](const auto& s) {
                      return boost::json::object{{"id", s.id},
                                                 {"full_name", s.full_name},
                                                 {"role", s.role},
                                                 {"unit_id", s.unit_id},
                                                 {"disabled", s.disabled}};
                    });
                  });
  });
}

} // namespace patronage::http
