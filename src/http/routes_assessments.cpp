#include <boost/json.hpp>

#include "app/assessments.hpp"
#include "http/api.hpp"
#include "http/json_time.hpp"
#include "http/json_input.hpp"
#include "http/problem.hpp"
#include "http/responses.hpp"
#include "http/risk_views.hpp"
#include "util/time.hpp"

namespace patronage::http {
namespace {

boost::json::object assessment_json(const app::AssessmentView& view, Lang lang) {
  const auto& r = view.record;
  boost::json::object out{{"id", r.id},
                          {"case_id", r.case_id},
                          {"kind", r.kind},
                          {"date", r.on_date},
                          {"author_id", r.author_id},
                          {"created_at", iso(r.created_at)},
                          {"data", view.data},
                          {"sensitive", view.sensitive ? boost::json::value(*view.sensitive) : boost::json::value()}};
  if (view.risk) {
    out["risk"] = risk_json(*view.risk, lang);
  }
  return out;
}

} // namespace

void add_assessment_routes(Router& router, Api& api) {
  router.add_sync(Verb::post, "/api/v1/cases/{id}/assessments", Access::session, [&api](Call& call) {
    auto input = JsonInput::parse(call.request);
    if (!input) {
      return problem(call, input.error());
    }
    app::AssessmentInput assessment;
    assessment.kind = input->required_string("kind", 32);
    assessment.date = input->required_string("date", 10);
    assessment.data = input->raw("data");
    if (!assessment.data) {
      input->add_error("data", "validation.required");
    }
    if (auto done = input->finish(); !done) {
      return problem(call, done.error());
    }
    return answer(call, app::add_assessment(api.services(), call.user(), call.meta(), call.param("id"), assessment),
                  Status::created, [&call](const auto& added) { return assessment_json(added, call.lang); });
  });

  router.add_sync(Verb::get, "/api/v1/cases/{id}/assessments", Access::session, [&api](Call& call) {
    return answer(call, app::list_assessments(api.services(), call.user(), call.meta(), call.param("id")), Status::ok,
                  [&call](const auto& list) {
                    return items_json(list, [&call](const auto& view) { return assessment_json(view, call.lang); });
                  });
  });

  router.add_sync(Verb::get, "/api/v1/assessments/{id}", Access::session, [&api](Call& call) {
    return answer(call, app::get_assessment(api.services(), call.user(), call.meta(), call.param("id")), Status::ok,
                  [&call](const auto& view) { return assessment_json(view, call.lang); });
  });

  router.add_sync(Verb::get, "/api/v1/cases/{id}/map-of-changes", Access::session, [&api](Call& call) {
    auto view = app::map_of_changes(api.services(), call.user(), call.meta(), call.param("id"),
                                    call.query_value("from"), call.query_value("to"));
    if (!view) {
      return problem(call, view.error());
    }
    boost::json::object out = map_of_changes_json(view->map);
    out["case_id"] = view->case_id;
    out["from"] = {{"id", view->from.id}, {"date", view->from.on_date}};
    out["to"] = {{"id", view->to.id}, {"date", view->to.on_date}};
    return json_response(call, Status::ok, out);
  });
}

} // namespace patronage::http
