#include <boost/asio/as_tuple.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/json.hpp>

#include "app/auth.hpp"
#include "http/api.hpp"
#include "http/json_input.hpp"
#include "http/json_views.hpp"
#include "http/problem.hpp"
#include "http/responses.hpp"

namespace patronage::http {
namespace {

std::string session_cookie(const Api& api, const std::string& token, long long max_age) {
  std::string cookie = std::string(k_session_cookie) + "=" + token +
                       "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(max_age);
  if (api.options().cookie_secure) {
    cookie += "; Secure";
  }
  return cookie;
}

boost::json::object session_json(const app::Actor& actor, const std::string& csrf) {
  return {{"user", actor_json(actor)}, {"csrf_token", csrf}};
}

} // namespace

void add_auth_routes(Router& router, Api& api) {
  router.add(Verb::post, "/api/v1/auth/login", Access::open, [&api](Call& call) -> boost::asio::awaitable<Response> {
    auto input = JsonInput::parse(call.request);
    if (!input) {
      co_return problem(call, input.error());
    }
    const std::string login = input->required_string("login", 100);
    const std::string password = input->required_string("password", 1024);
    if (auto done = input->finish(); !done) {
      co_return problem(call, done.error());
    }
    auto attempt = app::prepare_login(api.services(), login, password, call.meta());
    if (!attempt) {
      co_return problem(call, attempt.error());
    }
    if (attempt->delay.count() > 0) {
      // An address with many failures waits, on a timer: no thread is held.
      boost::asio::steady_timer timer(co_await boost::asio::this_coro::executor);
      timer.expires_after(attempt->delay);
      auto [waited] = co_await timer.async_wait(boost::asio::as_tuple(boost::asio::use_awaitable));
      (void)waited; // cancelled only when the server stops; the sign-in goes on either way
    }
    // The closure holds only pointers into this frame: GCC 12 may destroy
    // temporaries of a co_await expression twice, harmless for pointers.
    const app::AuthSettings* settings = &api.services().settings.auth;
    const app::LoginAttempt* checked = &*attempt;
    const std::string* typed = &password;
    const app::PasswordCheck check =
        co_await api.off_thread([settings, checked, typed] { return app::check_password(*settings, *checked, *typed); });
    auto signed_in = app::complete_login(api.services(), *attempt, check, call.meta());
    if (!signed_in) {
      co_return problem(call, signed_in.error());
    }
    Response res = json_response(call, Status::ok, session_json(signed_in->actor, signed_in->csrf_token));
    res.set(boost::beast::http::field::set_cookie,
            session_cookie(api, signed_in->session_token,
                           api.services().settings.auth.absolute_timeout.count()));
    co_return res;
  });

  router.add_sync(Verb::post, "/api/v1/auth/logout", Access::session, [&api](Call& call) {
    if (auto done = app::logout(api.services(), call.user(), call.session_token, call.meta()); !done) {
      return problem(call, done.error());
    }
    Response res = empty_response(call, Status::no_content);
    res.set(boost::beast::http::field::set_cookie, session_cookie(api, "", 0));
    return res;
  });

  router.add_sync(Verb::get, "/api/v1/me", Access::session, [](Call& call) {
    return json_response(call, Status::ok, session_json(call.user(), call.csrf_token));
  });
}

} // namespace patronage::http
