#pragma once

#include <memory>
#include <string>
#include <type_traits>
#include <vector>

#include <boost/asio/async_result.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "app/context.hpp"
#include "http/router.hpp"
#include "http/server.hpp"
#include "http/static_files.hpp"
#include "storage/audit_committer.hpp"

namespace patronage::http {

struct ApiOptions {
  std::string web_root;         // built web app; empty: no static files
  bool cookie_secure = false;   // add "Secure" to the cookie (behind HTTPS)
  unsigned password_threads = 2; // argon2id runs here, never on request threads
  // Requests that change data run here: they wait for the write lock and the
  // group commit without holding a request thread.
  unsigned write_threads = 16;
  // Reverse proxies whose X-Forwarded-For is believed (IP addresses, see
  // client_address.hpp); empty: the header is ignored and the TCP peer is the client.
  std::vector<std::string> trusted_proxies;
};

inline constexpr std::string_view k_session_cookie = "patronage_session";

// The HTTP face of the application: routes, sessions, CSRF, errors, logs.
class Api final : public RequestHandler {
public:
  Api(app::Services services, ApiOptions options);
  ~Api() override;

  boost::asio::awaitable<Response> handle(const Request& request, std::string address) override;
  Response refuse(const Request& header, const util::Error& error) override;
  // The matched route's own limit; k_small_body_limit for GET/HEAD and paths
  // that are no route (nothing there reads a body); else the server's default.
  size_t body_limit(const Request& header) const override;

  const Router& router() const { return m_router; }
  const app::Services& services() const { return m_services; }
  const ApiOptions& options() const { return m_options; }

  // Runs `work` (a slow, CPU-bound call such as a password hash) on the
  // password pool and resumes the request on its own executor when done.
  // Not a coroutine itself (GCC 12 mishandles by-value parameters of
  // coroutines); pass closures that capture only pointers or trivially
  // destructible values.
  template <typename Work> auto off_thread(Work work) {
    using R = std::invoke_result_t<Work>;
    return boost::asio::async_initiate<const boost::asio::use_awaitable_t<>&, void(R)>(
        [pool = &m_password_pool](auto handler, Work w) {
          boost::asio::post(*pool, [handler = std::move(handler), w = std::move(w)]() mutable {
            R result = w();
            auto home = boost::asio::get_associated_executor(handler);
            boost::asio::dispatch(home, [handler = std::move(handler), result = std::move(result)]() mutable {
              std::move(handler)(std::move(result));
            });
          });
        },
        boost::asio::use_awaitable, std::move(work));
  }

  // Hands `entries` to the audit committer and resumes the request on its
  // own executor once they are durable (true) or their batch failed (false).
  // Never blocks a request thread.
  auto audit_durable(std::vector<storage::AuditEntry>* entries) {
    return boost::asio::async_initiate<const boost::asio::use_awaitable_t<>&, void(bool)>(
        [committer = &m_services.db.audit_committer()](auto handler, std::vector<storage::AuditEntry>* pending) {
          auto shared = std::make_shared<decltype(handler)>(std::move(handler));
          committer->submit(std::move(*pending), [shared](util::Status status) {
            auto home = boost::asio::get_associated_executor(*shared);
            boost::asio::dispatch(home, [shared, ok = status.has_value()]() mutable { std::move(*shared)(ok); });
          });
        },
        boost::asio::use_awaitable, entries);
  }

private:
  boost::asio::awaitable<Response> dispatch(Call& call);
  // Runs a write route on the write pool, with the Idempotency-Key protocol around a session write's handler.
  boost::asio::awaitable<Response> write(Call& call, const Route& route);

  app::Services m_services;
  ApiOptions m_options;
  Router m_router;
  StaticFiles m_static;
  std::vector<boost::asio::ip::address> m_trusted_proxies;
  boost::asio::thread_pool m_password_pool;
  boost::asio::thread_pool m_write_pool;
};

// Route groups, one file each.
void add_meta_routes(Router& router, Api& api);
void add_auth_routes(Router& router, Api& api);
void add_user_routes(Router& router, Api& api);
void add_unit_routes(Router& router, Api& api);
void add_audit_routes(Router& router, Api& api);
void add_case_routes(Router& router, Api& api);
void add_household_routes(Router& router, Api& api);
void add_signal_routes(Router& router, Api& api);
void add_assessment_routes(Router& router, Api& api); // social diagnosis, map of changes
void add_plan_routes(Router& router, Api& api);       // agreements and plans of measures
void add_visit_routes(Router& router, Api& api); // visits
void add_worklist_routes(Router& router, Api& api); // the work list of the signed-in user
void add_aid_routes(Router& router, Api& api);   // services and material aid, their catalogue
void add_partner_routes(Router& router, Api& api);
void add_volunteer_routes(Router& router, Api& api);
void add_export_routes(Router& router, Api& api); // list exports, personal-data requests (export, erase)
void add_search_routes(Router& router, Api& api);  // quick search across households and persons
void add_council_routes(Router& router, Api& api); // council agenda and meetings, staff names
void add_report_routes(Router& router, Api& api);  // SPEC §10 reports: JSON, CSV, XLSX
void add_import_routes(Router& router, Api& api);  // issue 18: a register from XLSX/CSV, its template, undo

// The value of cookie `name` in the request, or "".
std::string cookie_value(const Request& request, std::string_view name);

} // namespace patronage::http
