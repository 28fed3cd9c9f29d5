#include "http/visit_views.hpp"

#include "http/json_time.hpp"
#include "http/json_views.hpp"

namespace patronage::http {

boost::json::object visit_json(const storage::VisitRecord& v) {
  boost::json::array participants;
  for (const auto& id : v.participants) {
    participants.emplace_back(id);
  }
  boost::json::array children;
  for (const auto& child : v.children) {
    children.push_back({{"person_id", child.person_id}, {"note", child.note}});
  }
  return {{"id", v.id},
          {"case_id", v.case_id},
          {"status", v.status()},
          {"planned_on", v.planned_on},
          {"actual_on", nullable(v.actual_on)},
          {"kind", v.kind},
          {"participants", std::move(participants)},
          {"purpose", v.purpose},
          {"observations", {{"home", v.home}, {"children", std::move(children)}, {"relations", v.relations}}},
          {"child_safety",
           {{"checked", v.child_safety_checked}, {"concern", v.child_safety_concern}, {"note", v.child_safety_note}}},
          {"actions", v.actions},
          {"next_step", v.next_step},
          {"closing", v.closing},
          {"missed", v.missed_reason ? boost::json::value(boost::json::object{{"reason", *v.missed_reason}})
                                     : boost::json::value(nullptr)},
          {"created_by", v.created_by},
          {"created_at", iso(v.created_at)},
          {"updated_at", iso(v.updated_at)},
          {"version", v.version}};
}

} // namespace patronage::http
