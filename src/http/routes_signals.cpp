#include <charconv>

#include <boost/json.hpp>

#include "app/signals.hpp"
#include "http/api.hpp"
#include "http/intake_json.hpp"
#include "http/json_input.hpp"
#include "http/problem.hpp"
#include "http/responses.hpp"

namespace patronage::http {
namespace {

constexpr size_t k_signal_name = 100;
constexpr size_t k_signal_text = 4000;
constexpr int k_default_limit = 200;

} // namespace

void add_signal_routes(Router& router, Api& api) {
  router.add_sync(Verb::post, "/api/v1/signals", Access::session, [&api](Call& call) {
    auto input = JsonInput::parse(call.request);
    if (!input) {
      return problem(call, input.error());
    }
    app::SignalInput signal;
    signal.received_at = input->required_string("received_at", 40);
    signal.source = input->required_string("source", 64);
    signal.source_details = input->optional_string("source_details", k_signal_text).value_or("");
    signal.reported = input->required_string("reported", k_signal_text);
    signal.address = input->optional_string("address", 500).value_or("");
    for (auto& item : input->object_list("persons", 20)) {
      storage::SignalPerson person;
      person.last_name = item.optional_string("last_name", k_signal_name).value_or("");
      person.first_name = item.optional_string("first_name", k_signal_name).value_or("");
      person.patronymic = item.optional_string("patronymic", k_signal_name).value_or("");
      person.birth_date = item.optional_string("birth_date", 10);
      input->merge(item);
      signal.persons.push_back(std::move(person));
    }
    signal.urgency = input->required_string("urgency", 32);
    signal.household_id = input->optional_string("household_id", 64);
    if (auto done = input->finish(); !done) {
      return problem(call, done.error());
    }
    return answer(call, app::create_signal(api.services(), call.user(), call.meta(), signal), Status::created,
                  signal_view_json);
  });

  router.add_sync(Verb::get, "/api/v1/signals", Access::session, [&api](Call& call) {
    if (auto open = call.query.find("open"); open != call.query.end() && open->second != "true") {
      return problem(call, util::Error::invalid("request.bad_query").with("name", "open"));
    }
    int limit = k_default_limit;
    if (auto it = call.query.find("limit"); it != call.query.end()) {
      const auto& text = it->second;
      auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), limit);
      if (ec != std::errc{} || ptr != text.data() + text.size() || limit < 1) {
        return problem(call, util::Error::invalid("request.bad_query").with("name", "limit"));
      }
    }
    return answer(call, app::list_open_signals(api.services(), call.user(), call.meta(), limit), Status::ok,
                  [](const auto& list) { return items_json(list, signal_json); });
  });

  router.add_sync(Verb::get, "/api/v1/signals/{id}", Access::session, [&api](Call& call) {
    return answer(call, app::get_signal(api.services(), call.user(), call.meta(), call.param("id")), Status::ok,
                  signal_view_json);
  });

  router.add_sync(Verb::post, "/api/v1/signals/{id}/triage", Access::session, [&api](Call& call) {
    auto input = JsonInput::parse(call.request);
    if (!input) {
      return problem(call, input.error());
    }
    app::TriageInput triage;
    triage.outcome = input->required_string("outcome", 32);
    triage.reason = input->required_string("reason", k_signal_text);
    triage.household_id = input->optional_string("household_id", 64);
    triage.case_id = input->optional_string("case_id", 64);
    triage.parallel_reason = input->optional_string("parallel_reason", k_signal_text).value_or("");
    if (auto done = input->finish(); !done) {
      return problem(call, done.error());
    }
    return answer(call, app::triage_signal(api.services(), call.user(), call.meta(), call.param("id"), triage),
                  Status::ok, signal_json);
  });
}

} // namespace patronage::http
