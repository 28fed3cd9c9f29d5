#include <charconv>

#include <boost/json.hpp>

#include "app/search.hpp"
#include "http/api.hpp"
#include "http/json_views.hpp"
#include "http/problem.hpp"
#include "http/responses.hpp"

namespace patronage::http {
namespace {

boost::json::object result_json(const app::SearchResult& r) {
  return {{"kind", r.kind},
          {"household_id", r.household_id},
          {"person_id", r.person_id.empty() ? boost::json::value(nullptr) : boost::json::value(r.person_id)},
          {"case_id", nullable(r.case_id)},
          {"case_state", nullable(r.case_state)},
          {"case_number", nullable(r.case_number)},
          {"display_name", r.display_name},
          {"birth_date", nullable(r.birth_date)},
          {"address", r.address},
          {"matched_field", r.matched_field}};
}

// A whole decimal number, or nullopt.
std::optional<int> whole_number(const std::string& text) {
  int value = 0;
  const auto* end = text.data() + text.size();
  const auto [at, error] = std::from_chars(text.data(), end, value);
  if (text.empty() || error != std::errc{} || at != end) {
    return std::nullopt;
  }
  return value;
}

} // namespace

void add_search_routes(Router& router, Api& api) {
  router.add_sync(Verb::get, "/api/v1/search", Access::session, [&api](Call& call) {
    const auto q = call.query.find("q");
    int limit = app::k_search_default_limit;
    if (auto it = call.query.find("limit"); it != call.query.end()) {
      const auto parsed = whole_number(it->second);
      if (!parsed) {
        return problem(call, util::Error::field("limit", "validation.out_of_range"));
      }
      limit = *parsed;
    }
    return answer(call,
                  app::search(api.services(), call.user(), call.meta(), q == call.query.end() ? "" : q->second, limit),
                  Status::ok, [](const auto& results) { return items_json(results, result_json); });
  });
}

} // namespace patronage::http
