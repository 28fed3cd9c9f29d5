#pragma once

#include <optional>
#include <string>

#include "storage/database.hpp"

namespace patronage::storage {

// One write request made with an Idempotency-Key (docs/offline.md). The row is inserted inside the write's own
// transaction (app::audit), so it commits or vanishes with the write; the answer (`status`, `content_type`,
// `body`) is stored after the handler by the HTTP layer. `status` 0: the write committed, its answer was not
// stored (yet).
struct IdempotencyRecord {
  std::string user_id;
  std::string key;
  std::string request_hash;
  std::string request_id; // the request that inserted the row
  std::string entity;     // the first audited entity of the write, for the "already applied" answer
  std::string entity_id;
  int status = 0;
  std::string content_type;
  std::string body;
  long long created_at = 0;
};

// Keys older than this are forgotten (deleted on the next keyed write, ignored when found).
inline constexpr long long k_idempotency_ttl_seconds = 30LL * 24 * 3600;

std::optional<IdempotencyRecord> find_idempotency(Tx& tx, const std::string& user_id, const std::string& key);
// Inserts `record` (without an answer); throws the driver's constraint error when the user already has the key.
void insert_idempotency(Tx& tx, const IdempotencyRecord& record);
// Stores the answer into the row of `request_id`; false when that request inserted no row.
bool store_idempotency_answer(Tx& tx, const std::string& user_id, const std::string& key,
                              const std::string& request_id, int status, const std::string& content_type,
                              const std::string& body);
// Deletes the row only when `request_id` inserted it (a refused write keeps no key).
void delete_idempotency(Tx& tx, const std::string& user_id, const std::string& key, const std::string& request_id);
// Forgets every stored answer (an erasure: an answer may hold the erased person's data). A key stays known, so a
// retry answers 409 request.already_applied and writes nothing; an answer of a write in flight is not stored.
void forget_idempotency_answers(Tx& tx);
// Deletes the rows created before `before` (Unix seconds).
void purge_idempotency(Tx& tx, long long before);

} // namespace patronage::storage
