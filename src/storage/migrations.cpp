#include "storage/migrations.hpp"

namespace patronage::storage {

const std::vector<Migration>& migrations() {
  static const std::vector<Migration> k_all{
      {1,
       "platform: units, users, sessions, login throttle, audit log, settings",
       {
           "CREATE TABLE units (id TEXT PRIMARY KEY, parent_id TEXT REFERENCES units(id), name TEXT NOT NULL, "
           "kind TEXT NOT NULL, path TEXT NOT NULL UNIQUE, created_at BIGINT NOT NULL)",
           "CREATE INDEX units_parent ON units(parent_id)",
           "CREATE TABLE users (id TEXT PRIMARY KEY, login TEXT NOT NULL UNIQUE, full_name TEXT NOT NULL, "
           "role TEXT NOT NULL, unit_id TEXT NOT NULL REFERENCES units(id), password_hash TEXT NOT NULL, "
           "disabled INTEGER NOT NULL DEFAULT 0, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL)",
           "CREATE INDEX users_unit ON users(unit_id)",
           "CREATE TABLE sessions (token_hash TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users(id), "
           "csrf_token TEXT NOT NULL, address TEXT NOT NULL, created_at BIGINT NOT NULL, "
           "last_seen_at BIGINT NOT NULL, expires_at BIGINT NOT NULL, revoked_at BIGINT)",
           "CREATE INDEX sessions_user ON sessions(user_id)",
           "CREATE TABLE login_throttle (throttle_key TEXT PRIMARY KEY, failures INTEGER NOT NULL, "
           "window_start BIGINT NOT NULL, locked_until BIGINT NOT NULL)",
           "CREATE TABLE audit_log (seq BIGINT PRIMARY KEY, at BIGINT NOT NULL, user_id TEXT NOT NULL, "
           "action TEXT NOT NULL, entity TEXT NOT NULL, entity_id TEXT NOT NULL, address TEXT NOT NULL, "
           "request_id TEXT NOT NULL, details TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL)",
           "CREATE INDEX audit_log_user ON audit_log(user_id, at)",
           "CREATE INDEX audit_log_entity ON audit_log(entity, entity_id)",
           "CREATE INDEX audit_log_at ON audit_log(at)",
           "CREATE TABLE audit_head (id INTEGER PRIMARY KEY, seq BIGINT NOT NULL, hash TEXT NOT NULL)",
           "INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, 'genesis')",
           "CREATE TABLE settings (setting_key TEXT PRIMARY KEY, value TEXT NOT NULL)",
       }},
  };
  return k_all;
}

} // namespace patronage::storage
