#include "http/idempotency.hpp"

#include <boost/beast/http.hpp>

#include "app/clock.hpp"
#include "http/problem.hpp"
#include "storage/idempotency.hpp"
#include "util/crypto.hpp"
#include "util/log.hpp"

namespace patronage::http {
namespace {

constexpr std::string_view k_header = "Idempotency-Key";
constexpr size_t k_max_key = 100;

bool valid_key(std::string_view key) {
  if (key.empty() || key.size() > k_max_key) {
    return false;
  }
  for (const char c : key) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    if (!ok) {
      return false;
    }
  }
  return true;
}

std::optional<storage::IdempotencyRecord> find(const app::Services& services, const Call& call) {
  auto found = services.db.read([&](storage::Tx& tx) -> util::Result<std::optional<storage::IdempotencyRecord>> {
    return storage::find_idempotency(tx, call.user().id, call.idempotency_key);
  });
  if (!found) {
    throw std::runtime_error("idempotency key lookup failed: " + found.error().key);
  }
  return *found;
}

// The answer to a repeat of the request that recorded `row`.
Response repeat_of(const Call& call, const storage::IdempotencyRecord& row) {
  if (row.request_hash != call.request_hash) {
    return problem(call, util::Error::invalid("request.idempotency_key_reused",
                                              {{std::string(k_header), "request.idempotency_key_reused"}}));
  }
  if (row.status == 0) {
    // Committed, but its answer was never stored (a crash, or it is being sent right now): the client treats the
    // request as sent.
    return problem(call, util::Error::conflict("request.already_applied")
                             .with("entity", row.entity)
                             .with("entity_id", row.entity_id));
  }
  Response res{static_cast<Status>(row.status), call.request.version()};
  if (!row.content_type.empty()) {
    res.set(boost::beast::http::field::content_type, row.content_type);
  }
  res.set(boost::beast::http::field::cache_control, "no-store");
  res.set("X-Request-Id", call.request_id);
  res.set("Idempotent-Replayed", "true");
  res.body() = row.body;
  return res;
}

} // namespace

util::Status read_idempotency_key(Call& call) {
  const auto [first, last] = call.request.equal_range(k_header);
  if (first == last) {
    return {};
  }
  const std::string_view value = first->value();
  if (std::next(first) != last || !valid_key(value)) {
    return util::fail(
        util::Error::invalid("validation.failed", {{std::string(k_header), "request.idempotency_key_invalid"}}));
  }
  call.idempotency_key = std::string(value);
  std::string text;
  text.reserve(call.request.body().size() + 128);
  text.append(call.request.method_string()).append("\n").append(call.request.target()).append("\n");
  text.append(call.request.body());
  call.request_hash = util::sha256_hex(text);
  return {};
}

std::optional<Response> idempotent_answer(const app::Services& services, const Call& call) {
  if (call.idempotency_key.empty()) {
    return std::nullopt;
  }
  auto row = find(services, call);
  if (!row || row->created_at < app::now_of(services) - storage::k_idempotency_ttl_seconds) {
    return std::nullopt;
  }
  return repeat_of(call, *row);
}

Response settle_idempotent(const app::Services& services, const Call& call, Response response) {
  if (call.idempotency_key.empty()) {
    return response;
  }
  const unsigned code = static_cast<unsigned>(response.result());
  const std::string& user = call.user().id;
  if (code >= 200 && code < 300) {
    const std::string content_type(response[boost::beast::http::field::content_type]);
    auto stored = services.db.transact([&](storage::Tx& tx) -> util::Status {
      if (!storage::store_idempotency_answer(tx, user, call.idempotency_key, call.request_id, static_cast<int>(code),
                                             content_type, response.body())) {
        // The route wrote without audit(), so no row was recorded in its transaction: record the answer now.
        storage::IdempotencyRecord row;
        row.user_id = user;
        row.key = call.idempotency_key;
        row.request_hash = call.request_hash;
        row.request_id = call.request_id;
        row.created_at = app::now_of(services);
        storage::insert_idempotency(tx, row);
        storage::store_idempotency_answer(tx, user, call.idempotency_key, call.request_id, static_cast<int>(code),
                                          content_type, response.body());
      }
      return {};
    });
    if (!stored) {
      // The write stands; a retry then answers 409 request.already_applied (or runs, for a write without audit).
      util::log(util::LogLevel::warn, "idempotent answer not stored",
                {{"request_id", call.request_id}, {"error", stored.error().key}});
    }
    return response;
  }
  if (code < 400 || code >= 500) {
    return response;
  }
  auto row = find(services, call);
  if (!row) {
    return response;
  }
  if (row->request_id == call.request_id) {
    // This request recorded the key in a transaction that committed although it was refused: drop it.
    auto dropped = services.db.transact([&](storage::Tx& tx) -> util::Status {
      storage::delete_idempotency(tx, user, call.idempotency_key, call.request_id);
      return {};
    });
    if (!dropped) {
      throw std::runtime_error("idempotency key not dropped: " + dropped.error().key);
    }
    return response;
  }
  // Another request with this key committed first (the two ran at the same time): answer as its repeat.
  return repeat_of(call, *row);
}

} // namespace patronage::http
