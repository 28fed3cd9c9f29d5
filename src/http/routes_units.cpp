#include <boost/json.hpp>

#include "app/units.hpp"
#include "http/api.hpp"
#include "http/json_input.hpp"
#include "http/json_views.hpp"
#include "http/problem.hpp"
#include "http/responses.hpp"

namespace patronage::http {

void add_unit_routes(Router& router, Api& api) {
  router.add_sync(Verb::get, "/api/v1/units", Access::session, [&api](Call& call) {
    return answer(call, app::list_units(api.services(), call.user()), Status::ok,
                  [](const auto& list) { return items_json(list, unit_json); });
  });

  router.add_sync(Verb::post, "/api/v1/units", Access::session, [&api](Call& call) {
    auto input = JsonInput::parse(call.request);
    if (!input) {
      return problem(call, input.error());
    }
    app::NewUnit unit;
    unit.name = input->required_string("name", 200);
    unit.kind = input->required_string("kind", 32);
    unit.parent_id = input->optional_string("parent_id", 64);
    if (auto done = input->finish(); !done) {
      return problem(call, done.error());
    }
    return answer(call, app::create_unit(api.services(), call.user(), call.meta(), unit), Status::created, unit_json);
  });
}

} // namespace patronage::http
