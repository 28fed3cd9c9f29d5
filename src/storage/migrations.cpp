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
      {2,
       "lifecycle: households, persons, signals, cases, team, transitions, consents, documents, decisions, history",
       {
           "CREATE TABLE households (id TEXT PRIMARY KEY, unit_id TEXT NOT NULL REFERENCES units(id), "
           "address TEXT NOT NULL, phone TEXT NOT NULL, categories TEXT NOT NULL, notes TEXT NOT NULL, "
           "created_by TEXT NOT NULL, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL, "
           "version INTEGER NOT NULL)",
           "CREATE INDEX households_unit ON households(unit_id)",
           "CREATE TABLE persons (id TEXT PRIMARY KEY, household_id TEXT NOT NULL REFERENCES households(id), "
           "last_name TEXT NOT NULL, first_name TEXT NOT NULL, patronymic TEXT NOT NULL, birth_date TEXT, "
           "sex TEXT NOT NULL, household_role TEXT NOT NULL, represents TEXT NOT NULL, disability INTEGER NOT NULL, "
           "pregnant INTEGER NOT NULL, pregnancy_due TEXT, school TEXT NOT NULL, employment TEXT NOT NULL, "
           "phone TEXT NOT NULL, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL, version INTEGER NOT NULL)",
           "CREATE INDEX persons_household ON persons(household_id)",
           "CREATE TABLE person_sensitive (person_id TEXT PRIMARY KEY REFERENCES persons(id), health TEXT NOT NULL, "
           "addiction TEXT NOT NULL, violence TEXT NOT NULL, police_registration TEXT NOT NULL, "
           "updated_at BIGINT NOT NULL)",
           "CREATE TABLE person_keys (person_id TEXT NOT NULL REFERENCES persons(id), match_key TEXT NOT NULL, "
           "PRIMARY KEY (person_id, match_key))",
           "CREATE INDEX person_keys_key ON person_keys(match_key)",
           "CREATE TABLE household_keys (household_id TEXT NOT NULL REFERENCES households(id), "
           "match_key TEXT NOT NULL, PRIMARY KEY (household_id, match_key))",
           "CREATE INDEX household_keys_key ON household_keys(match_key)",
           "CREATE TABLE change_history (id TEXT PRIMARY KEY, entity TEXT NOT NULL, entity_id TEXT NOT NULL, "
           "at BIGINT NOT NULL, user_id TEXT NOT NULL, changes TEXT NOT NULL)",
           "CREATE INDEX change_history_entity ON change_history(entity, entity_id, at)",
           "CREATE TABLE signals (id TEXT PRIMARY KEY, unit_id TEXT NOT NULL REFERENCES units(id), "
           "received_at BIGINT NOT NULL, source TEXT NOT NULL, source_details TEXT NOT NULL, reported TEXT NOT NULL, "
           "address TEXT NOT NULL, persons TEXT NOT NULL, urgency TEXT NOT NULL, deadline_at BIGINT NOT NULL, "
           "household_id TEXT REFERENCES households(id), triage_outcome TEXT, triage_reason TEXT NOT NULL, "
           "triaged_at BIGINT, triaged_by TEXT, case_id TEXT, created_by TEXT NOT NULL, created_at BIGINT NOT NULL)",
           "CREATE INDEX signals_unit_open ON signals(unit_id, triaged_at, deadline_at)",
           "CREATE TABLE cases (id TEXT PRIMARY KEY, unit_id TEXT NOT NULL REFERENCES units(id), "
           "household_id TEXT NOT NULL REFERENCES households(id), signal_id TEXT, state TEXT NOT NULL, "
           "state_entered_on TEXT NOT NULL, opened_on TEXT NOT NULL, intensity TEXT, planned_end TEXT, "
           "lead_id TEXT REFERENCES users(id), previous_case_id TEXT, created_at BIGINT NOT NULL, "
           "updated_at BIGINT NOT NULL, version INTEGER NOT NULL)",
           "CREATE INDEX cases_unit_state ON cases(unit_id, state)",
           "CREATE INDEX cases_lead_state ON cases(lead_id, state)",
           "CREATE INDEX cases_household ON cases(household_id)",
           "CREATE TABLE case_members (case_id TEXT NOT NULL REFERENCES cases(id), user_id TEXT NOT NULL "
           "REFERENCES users(id), member_role TEXT NOT NULL, added_at BIGINT NOT NULL, PRIMARY KEY (case_id, user_id))",
           "CREATE INDEX case_members_user ON case_members(user_id)",
           "CREATE TABLE case_transitions (id TEXT PRIMARY KEY, case_id TEXT NOT NULL REFERENCES cases(id), "
           "ordinal INTEGER NOT NULL, from_state TEXT NOT NULL, to_state TEXT NOT NULL, at BIGINT NOT NULL, "
           "on_date TEXT NOT NULL, "
           "user_id TEXT NOT NULL, reason TEXT NOT NULL, override_reason TEXT NOT NULL)",
           "CREATE UNIQUE INDEX case_transitions_case ON case_transitions(case_id, ordinal)",
           "CREATE TABLE documents (id TEXT PRIMARY KEY, case_id TEXT NOT NULL REFERENCES cases(id), "
           "file_name TEXT NOT NULL, content_type TEXT NOT NULL, size_bytes BIGINT NOT NULL, sha256 TEXT NOT NULL, "
           "content_base64 TEXT NOT NULL, created_by TEXT NOT NULL, created_at BIGINT NOT NULL)",
           "CREATE TABLE consents (id TEXT PRIMARY KEY, case_id TEXT NOT NULL REFERENCES cases(id), "
           "signed_by TEXT NOT NULL REFERENCES persons(id), covers TEXT NOT NULL, scope TEXT NOT NULL, "
           "signed_on TEXT NOT NULL, valid_until TEXT, withdrawn_on TEXT, document_id TEXT REFERENCES documents(id), "
           "created_by TEXT NOT NULL, created_at BIGINT NOT NULL)",
           "CREATE INDEX consents_case ON consents(case_id)",
           "CREATE TABLE decisions (id TEXT PRIMARY KEY, case_id TEXT NOT NULL REFERENCES cases(id), "
           "body TEXT NOT NULL, meeting_date TEXT NOT NULL, protocol_number TEXT NOT NULL, members_present TEXT NOT NULL, "
           "kind TEXT NOT NULL, patronage_types TEXT NOT NULL, lead_id TEXT, team TEXT NOT NULL, grounds TEXT NOT NULL, "
           "intensity TEXT, planned_end TEXT, corrects_id TEXT REFERENCES decisions(id), signed INTEGER NOT NULL, "
           "signed_at BIGINT, signed_by TEXT, created_by TEXT NOT NULL, created_at BIGINT NOT NULL)",
           "CREATE INDEX decisions_case ON decisions(case_id, meeting_date)",
       }},
  };
  return k_all;
}

} // namespace patronage::storage
