#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>

#include <boost/beast/http.hpp>

#include "app/context.hpp"
#include "storage/audit.hpp"

namespace patronage::http {

using Request = boost::beast::http::request<boost::beast::http::string_body>;
using Response = boost::beast::http::response<boost::beast::http::string_body>;
using Status = boost::beast::http::status;
using Verb = boost::beast::http::verb;

enum class Lang { ru, en };

// One request on its way through the router: what the handler needs to
// know besides the request itself.
struct Call {
  Call(const Request& r, std::string id, std::string from, Lang language)
      : request(r), request_id(std::move(id)), address(std::move(from)), lang(language),
        started(std::chrono::steady_clock::now()) {}

  const Request& request;
  std::string request_id;
  std::string address;
  Lang lang = Lang::ru;
  std::map<std::string, std::string> path_params;
  std::map<std::string, std::string> query;
  std::optional<app::Actor> actor; // set for routes that need a session
  std::string session_token;
  std::string csrf_token;
  std::string route;               // the matched pattern, for the log
  std::chrono::steady_clock::time_point started;
  // Audit entries of the reads this request made; Api answers only once the
  // AuditCommitter reports them durable.
  mutable std::vector<storage::AuditEntry> audit_wait;
  // A session write's Idempotency-Key and the SHA-256 of its method, target and body (http/idempotency.hpp).
  std::string idempotency_key;
  std::string request_hash;

  app::RequestMeta meta() const {
    return {address, request_id, &audit_wait, idempotency_key, actor ? actor->id : std::string(), request_hash};
  }
  const app::Actor& user() const { return *actor; }
  std::string param(const std::string& name) const;
  // A query parameter's value; std::nullopt when it is absent or empty ("?unit=" filters nothing, as in a form).
  std::optional<std::string> query_value(const std::string& name) const;
};

// "ru" unless the Accept-Language header prefers English.
Lang language_of(std::string_view accept_language);

} // namespace patronage::http
