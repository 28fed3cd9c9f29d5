#include <boost/json.hpp>

#include "app/auth.hpp"
#include "app/users.hpp"
#include "http/api.hpp"
#include "http/json_input.hpp"
#include "http/json_views.hpp"
#include "http/problem.hpp"
#include "http/responses.hpp"
#include "util/password.hpp"

namespace patronage::http {
namespace {

using Params = std::vector<std::pair<std::string, std::string>>;

constexpr size_t k_max_password = 1024;

// Adds the password policy's field errors to `input` and returns the policy's
// message parameters (e.g. {min}), which field errors cannot carry. An empty
// or too long value is already reported by the reader, so it is not checked twice.
Params add_policy_errors(JsonInput& input, const app::AuthSettings& settings, const std::string& password) {
  if (password.empty() || password.size() > k_max_password) {
    return {};
  }
  auto policy = app::check_password_policy(settings, password);
  if (policy) {
    return {};
  }
  for (const auto& f : policy.error().fields) {
    input.add_error(f.field, f.reason);
  }
  return policy.error().params;
}

util::Error with_params(util::Error error, const Params& params) {
  error.params.insert(error.params.end(), params.begin(), params.end());
  return error;
}

} // namespace

void add_user_routes(Router& router, Api& api) {
  router.add_sync(Verb::get, "/api/v1/users", Access::session, [&api](Call& call) {
    return answer(call, app::list_users(api.services(), call.user(), call.meta()), Status::ok,
                  [](const auto& list) { return items_json(list, user_json); });
  });

  router.add(Verb::post, "/api/v1/users", Access::session, [&api](Call& call) -> boost::asio::awaitable<Response> {
    if (auto may = app::check_may_create_users(call.user()); !may) {
      co_return problem(call, may.error()); // before the body and the hash: a refused request costs nothing
    }
    auto input = JsonInput::parse(call.request);
    if (!input) {
      co_return problem(call, input.error());
    }
    app::NewUser user;
    user.login = input->required_string("login", 64);
    user.full_name = input->required_string("full_name", 200);
    user.role = input->required_string("role", 32);
    user.unit_id = input->required_string("unit_id", 64);
    const std::string password = input->required_string("password", k_max_password);
    const auto policy_params = add_policy_errors(*input, api.services().settings.auth, password);
    if (auto done = input->finish(); !done) {
      co_return problem(call, with_params(done.error(), policy_params));
    }
    const std::string* typed = &password; // pointer capture: see routes_auth.cpp
    const util::PasswordCost* cost = &api.services().settings.auth.password_cost;
    user.password_hash = co_await api.off_thread([typed, cost] { return util::hash_password(*typed, *cost); });
    auto created = app::create_user(api.services(), call.user(), call.meta(), user);
    if (!created) {
      co_return problem(call, created.error());
    }
    co_return json_response(call, Status::created, user_json(*created));
  });

  router.add_sync(Verb::get, "/api/v1/users/{id}", Access::session, [&api](Call& call) {
    return answer(call, app::get_user(api.services(), call.user(), call.meta(), call.param("id")), Status::ok,
                  user_json);
  });

  router.add(Verb::post, "/api/v1/users/{id}/password", Access::session,
             [&api](Call& call) -> boost::asio::awaitable<Response> {
               if (auto may = app::check_may_manage_user(api.services(), call.user(), call.param("id")); !may) {
                 co_return problem(call, may.error()); // before the hash: a refused request costs no hash
               }
               auto input = JsonInput::parse(call.request);
               if (!input) {
                 co_return problem(call, input.error());
               }
               const std::string password = input->required_string("password", k_max_password);
               const auto policy_params = add_policy_errors(*input, api.services().settings.auth, password);
               if (auto done = input->finish(); !done) {
                 co_return problem(call, with_params(done.error(), policy_params));
               }
               const std::string* typed = &password; // pointer capture: see routes_auth.cpp
               const util::PasswordCost* cost = &api.services().settings.auth.password_cost;
               const std::string hash =
                   co_await api.off_thread([typed, cost] { return util::hash_password(*typed, *cost); });
               auto done = app::set_password(api.services(), call.user(), call.meta(), call.param("id"), hash);
               co_return done ? empty_response(call, Status::no_content) : problem(call, done.error());
             });

  for (const bool disabled : {true, false}) {
    router.add_sync(Verb::post, disabled ? "/api/v1/users/{id}/disable" : "/api/v1/users/{id}/enable", Access::session,
                    [&api, disabled](Call& call) {
                      auto done =
                          app::set_disabled(api.services(), call.user(), call.meta(), call.param("id"), disabled);
                      return done ? empty_response(call, Status::no_content) : problem(call, done.error());
                    });
  }

  router.add_sync(Verb::post, "/api/v1/users/{id}/revoke-sessions", Access::session, [&api](Call& call) {
    return answer(call, app::revoke_sessions(api.services(), call.user(), call.meta(), call.param("id")), Status::ok,
                  [](const auto& revoked) {
                    return boost::json::object{{"revoked", revoked}};
                  });
  });
}

} // namespace patronage::http
