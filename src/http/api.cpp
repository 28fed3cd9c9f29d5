#include "http/api.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/json.hpp>
#include <boost/url/parse.hpp>

#include "app/auth.hpp"
#include "http/access_log.hpp"
#include "http/client_address.hpp"
#include "http/idempotency.hpp"
#include "http/problem.hpp"
#include "util/crypto.hpp"
#include "util/log.hpp"

// GCC 12 at -O2 takes Asio's recycling allocator of coroutine frames for a
// mismatched new/delete once a frame awaits two operations (false positive).
#if defined(__GNUC__) && !defined(__clang__) && __GNUC__ < 13
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
#endif

namespace patronage::http {
namespace {

namespace bhttp = boost::beast::http;

bool is_write(Verb method) { return method != Verb::get && method != Verb::head && method != Verb::options; }

// A cross-site request carries an Origin other than our own host.
bool same_origin(const Request& request) {
  const auto origin = request[bhttp::field::origin];
  if (origin.empty()) {
    return true;
  }
  const std::string host(request[bhttp::field::host]);
  return origin == "http://" + host || origin == "https://" + host;
}

void add_security_headers(Response& res) {
  res.set("X-Content-Type-Options", "nosniff");
  res.set("Referrer-Policy", "no-referrer");
  res.set("X-Frame-Options", "DENY");
  res.set("Content-Security-Policy", "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: "
                                     "blob:; frame-ancestors 'none'; base-uri 'self'; form-action 'self'");
}

} // namespace

std::string cookie_value(const Request& request, std::string_view name) {
  const std::string_view header = request[bhttp::field::cookie];
  size_t pos = 0;
  while (pos < header.size()) {
    while (pos < header.size() && (header[pos] == ' ' || header[pos] == ';')) {
      ++pos;
    }
    const size_t end = std::min(header.find(';', pos), header.size());
    const auto pair = header.substr(pos, end - pos);
    const size_t eq = pair.find('=');
    if (eq != std::string_view::npos && pair.substr(0, eq) == name) {
      return std::string(pair.substr(eq + 1));
    }
    pos = end;
  }
  return {};
}

Api::Api(app::Services services, ApiOptions options)
    : m_services(services), m_options(std::move(options)), m_static(m_options.web_root),
      m_password_pool(std::max(1U, m_options.password_threads)),
      m_write_pool(std::max(1U, m_options.write_threads)) {
  for (const auto& proxy : m_options.trusted_proxies) {
    if (auto ip = parse_ip(proxy)) {
      m_trusted_proxies.push_back(*ip);
    } else { // the configuration is checked on loading; an embedder's mistake is only logged
      util::log(util::LogLevel::warn, "trusted proxy ignored: not an IP address", {{"proxy", proxy}});
    }
  }
  add_meta_routes(m_router, *this);
  add_auth_routes(m_router, *this);
  add_user_routes(m_router, *this);
  add_unit_routes(m_router, *this);
  add_audit_routes(m_router, *this);
  add_case_routes(m_router, *this);
  add_household_routes(m_router, *this);
  add_signal_routes(m_router, *this);
  add_assessment_routes(m_router, *this);
  add_plan_routes(m_router, *this);
  add_visit_routes(m_router, *this);
  add_worklist_routes(m_router, *this);
  add_aid_routes(m_router, *this);
  add_partner_routes(m_router, *this);
  add_volunteer_routes(m_router, *this);
  add_export_routes(m_router, *this);
  add_search_routes(m_router, *this);
  add_council_routes(m_router, *this);
  add_report_routes(m_router, *this);
  add_import_routes(m_router, *this);
  // Routes whose bodies differ from the JSON default (ServerOptions::body_limit).
  m_router.set_body_limit(Verb::post, "/api/v1/auth/login", k_small_body_limit);
  m_router.set_body_limit(Verb::post, "/api/v1/cases/{id}/agreements", k_large_body_limit);
  m_router.set_body_limit(Verb::post, "/api/v1/cases/{id}/plans", k_large_body_limit);
  // A scanned consent: the document in base64 and the consent's own fields.
  const size_t scan_base64 = (m_services.settings.documents.max_bytes + 2) / 3 * 4;
  m_router.set_body_limit(Verb::post, "/api/v1/cases/{id}/consents", scan_base64 + (size_t{64} << 10));
  // A register file in base64 (about 15 MiB of XLSX or CSV) and its decisions.
  m_router.set_body_limit(Verb::post, "/api/v1/imports/households", k_import_body_limit);
  m_router.set_body_limit(Verb::post, "/api/v1/imports/households/report", k_import_body_limit);
}

Api::~Api() {
  m_write_pool.join();
  m_password_pool.join();
}

boost::asio::awaitable<Response> Api::handle(const Request& request, std::string address) {
  // Behind a trusted reverse proxy the client is named by X-Forwarded-For
  // (every such header, in order); from anyone else the header is ignored.
  std::string forwarded_for;
  if (!m_trusted_proxies.empty()) {
    auto [first, last] = request.equal_range("X-Forwarded-For");
    for (auto it = first; it != last; ++it) {
      forwarded_for += forwarded_for.empty() ? "" : ",";
      forwarded_for += it->value();
    }
  }
  address = client_address(address, forwarded_for, m_trusted_proxies);
  Call call(request, util::random_token(9), std::move(address), language_of(request[bhttp::field::accept_language]));
  Response res;
  bool failed = false;
  try {
    res = co_await dispatch(call);
  } catch (const std::exception& e) {
    util::log(util::LogLevel::error, "unhandled error",
              {{"request_id", call.request_id}, {"route", call.route}, {"error", e.what()}});
    failed = true;
  }
  if (failed) {
    res = internal_error(call);
  } else if (!call.audit_wait.empty()) {
    // The answer leaves only once the audit entries of its reads are durable.
    const bool durable = co_await audit_durable(&call.audit_wait);
    if (!durable) {
      res = problem(call, util::Error::unavailable("storage.unavailable"));
    }
  }
  add_security_headers(res);
  log_request(call, res);
  co_return res;
}

Response Api::refuse(const Request& header, const util::Error& error) {
  Call call(header, util::random_token(9), "", language_of(header[bhttp::field::accept_language]));
  Response res = problem(call, error);
  add_security_headers(res);
  log_request(call, res);
  return res;
}

size_t Api::body_limit(const Request& header) const {
  if (header.method() == Verb::get || header.method() == Verb::head) {
    return k_small_body_limit;
  }
  auto target = boost::urls::parse_origin_form(header.target());
  if (!target) {
    return k_small_body_limit;
  }
  const auto match = m_router.match(header.method(), target->path());
  if (match.route == nullptr) {
    return k_small_body_limit;
  }
  return match.route->body_limit;
}

boost::asio::awaitable<Response> Api::dispatch(Call& call) {
  const Request& request = call.request;
  auto target = boost::urls::parse_origin_form(request.target());
  if (!target) {
    co_return problem(call, util::Error::invalid("request.bad_query").with("name", "target"));
  }
  const std::string path = target->path();
  for (const auto& param : target->params()) {
    call.query[param.key] = param.value;
  }
  if (!path.starts_with("/api/") && path != "/healthz") {
    if (request.method() == Verb::get || request.method() == Verb::head) {
      if (auto res = m_static.serve(call, path)) {
        co_return std::move(*res);
      }
    }
    co_return problem(call, util::Error::not_found("request.route_not_found"));
  }
  auto match = m_router.match(request.method(), path);
  if (match.route == nullptr) {
    co_return problem(call, util::Error::not_found(match.path_known ? "request.method_not_allowed"
                                                                     : "request.route_not_found"));
  }
  call.route = match.route->pattern;
  call.path_params = std::move(match.params);
  if (is_write(request.method()) && !same_origin(request)) {
    co_return problem(call, util::Error::forbidden("request.origin"));
  }
  if (match.route->access == Access::session) {
    call.session_token = cookie_value(request, k_session_cookie);
    auto session = app::authenticate(m_services, call.session_token);
    if (!session) {
      co_return problem(call, session.error());
    }
    call.actor = std::move(session->actor);
    call.csrf_token = session->csrf_token;
    if (is_write(request.method()) &&
        !util::equal_constant_time(request["X-CSRF-Token"], session->csrf_token)) {
      co_return problem(call, util::Error::forbidden("request.csrf"));
    }
  }
  if (is_write(request.method())) {
    // A write waits for the write lock and its group commit (storage::Database):
    // on the write pool, many of them can share one commit while the request
    // threads go on serving reads. Named values only (GCC 12, see off_thread).
    auto work = write(call, *match.route);
    auto on_pool = boost::asio::co_spawn(m_write_pool, std::move(work), boost::asio::use_awaitable);
    co_return co_await std::move(on_pool);
  }
  co_return co_await match.route->handler(call);
}

boost::asio::awaitable<Response> Api::write(Call& call, const Route& route) {
  if (route.access == Access::session) {
    if (auto key = read_idempotency_key(call); !key) {
      co_return problem(call, key.error());
    }
    if (auto earlier = idempotent_answer(m_services, call)) {
      co_return std::move(*earlier);
    }
  }
  auto work = route.handler(call);
  Response res = co_await std::move(work);
  co_return settle_idempotent(m_services, call, std::move(res));
}

} // namespace patronage::http
