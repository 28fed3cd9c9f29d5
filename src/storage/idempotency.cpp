#include "storage/idempotency.hpp"

#include <soci/soci.h>

namespace patronage::storage {

std::optional<IdempotencyRecord> find_idempotency(Tx& tx, const std::string& user_id, const std::string& key) {
  IdempotencyRecord r;
  soci::indicator found = soci::i_null;
  tx.sql() << "SELECT user_id, idempotency_key, request_hash, request_id, entity, entity_id, status, content_type, "
              "body, created_at FROM idempotency_keys WHERE user_id = :u AND idempotency_key = :k",
      soci::use(user_id), soci::use(key), soci::into(r.user_id, found), soci::into(r.key), soci::into(r.request_hash),
      soci::into(r.request_id), soci::into(r.entity), soci::into(r.entity_id), soci::into(r.status),
      soci::into(r.content_type), soci::into(r.body), soci::into(r.created_at);
  if (!tx.sql().got_data()) {
    return std::nullopt;
  }
  return r;
}

void insert_idempotency(Tx& tx, const IdempotencyRecord& r) {
  tx.sql() << "INSERT INTO idempotency_keys (user_id, idempotency_key, request_hash, request_id, entity, entity_id, "
              "status, content_type, body, created_at) VALUES (:u, :k, :h, :r, :e, :eid, 0, '', '', :at)",
      soci::use(r.user_id), soci::use(r.key), soci::use(r.request_hash), soci::use(r.request_id), soci::use(r.entity),
      soci::use(r.entity_id), soci::use(r.created_at);
}

bool store_idempotency_answer(Tx& tx, const std::string& user_id, const std::string& key,
                              const std::string& request_id, int status, const std::string& content_type,
                              const std::string& body) {
  soci::statement st = (tx.sql().prepare << "UPDATE idempotency_keys SET status = :s, content_type = :t, body = :b "
                                            "WHERE user_id = :u AND idempotency_key = :k AND request_id = :r",
                        soci::use(status), soci::use(content_type), soci::use(body), soci::use(user_id),
                        soci::use(key), soci::use(request_id));
  st.execute(true);
  return st.get_affected_rows() > 0;
}

void delete_idempotency(Tx& tx, const std::string& user_id, const std::string& key, const std::string& request_id) {
  tx.sql() << "DELETE FROM idempotency_keys WHERE user_id = :u AND idempotency_key = :k AND request_id = :r",
      soci::use(user_id), soci::use(key), soci::use(request_id);
}

void forget_idempotency_answers(Tx& tx) {
  tx.sql() << "UPDATE idempotency_keys SET status = 0, content_type = '', body = '', request_id = '' "
              "WHERE status <> 0 OR request_id <> ''";
}

void purge_idempotency(Tx& tx, long long before) {
  tx.sql() << "DELETE FROM idempotency_keys WHERE created_at < :t", soci::use(before);
}

} // namespace patronage::storage
