#include "storage/migrations.hpp"

#include <soci/soci.h>

#include "storage/case_report_facts.hpp"
#include "storage/cases.hpp"
#include "storage/database.hpp"
#include "storage/delivery_day_counts.hpp"
#include "storage/search.hpp"
#include "storage/visit_day_counts.hpp"

namespace patronage::storage {

namespace {

// SQLite keeps a table with a primary key as two B-trees (its rows by rowid, and the key) unless it is declared
// WITHOUT ROWID. The tables below are written a few rows per person (an import of 100,000 families writes millions)
// and read only by their keys, so one B-tree less is a third of their writes. PostgreSQL has no rowid.
struct KeyedTable {
  const char* name;
  const char* columns;
  const char* definition;
  std::vector<const char*> indexes;
};

// Builds `table` again WITHOUT ROWID from the rows of `source` (a SELECT of its columns, in order), then its indexes.
void rebuild_by_key(Tx& tx, const KeyedTable& table, const std::string& source) {
  const std::string name = table.name;
  tx.sql() << "CREATE TABLE " + name + "_by_key (" + table.definition + ") WITHOUT ROWID";
  tx.sql() << "INSERT INTO " + name + "_by_key (" + table.columns + ") " + source;
  tx.sql() << "DROP TABLE " + name;
  tx.sql() << "ALTER TABLE " + name + "_by_key RENAME TO " + name;
  for (const auto* index : table.indexes) {
    tx.sql() << index;
  }
}

void keep_keyed_tables_by_key(Tx& tx) {
  if (tx.dialect().name() != "sqlite") {
    return;
  }
  const std::vector<KeyedTable> tables{
      {"person_keys", "person_id, match_key",
       "person_id TEXT NOT NULL REFERENCES persons(id), match_key TEXT NOT NULL, PRIMARY KEY (person_id, match_key)",
       {"CREATE INDEX person_keys_key ON person_keys(match_key, person_id)"}},
      {"household_keys", "household_id, match_key",
       "household_id TEXT NOT NULL REFERENCES households(id), match_key TEXT NOT NULL, "
       "PRIMARY KEY (household_id, match_key)",
       {"CREATE INDEX household_keys_key ON household_keys(match_key, household_id)"}},
      {"search_terms", "term, household_id, person_id, field",
       "term TEXT NOT NULL, household_id TEXT NOT NULL REFERENCES households(id), person_id TEXT NOT NULL, "
       "field TEXT NOT NULL, PRIMARY KEY (term, household_id, person_id, field)",
       {"CREATE INDEX search_terms_owner ON search_terms(household_id, person_id)"}},
      {"import_records", "batch_id, entity, entity_id, source_row, action, before_state, after_version",
       "batch_id TEXT NOT NULL REFERENCES import_batches(id), entity TEXT NOT NULL, entity_id TEXT NOT NULL, "
       "source_row INTEGER NOT NULL, action TEXT NOT NULL, before_state TEXT NOT NULL, after_version INTEGER NOT NULL, "
       "PRIMARY KEY (batch_id, entity, entity_id)",
       {"CREATE INDEX import_records_entity ON import_records(entity, entity_id)"}},
  };
  for (const auto& table : tables) {
    rebuild_by_key(tx, table, std::string("SELECT ") + table.columns + " FROM " + table.name);
  }
}

// Migration 8's terms, written with the columns search_terms had then (rebuild_search_terms writes today's).
void index_search_terms(Tx& tx) {
  std::string term;
  std::string household_id;
  std::string person_id;
  std::string field;
  soci::statement insert = (tx.sql().prepare << "INSERT INTO search_terms (term, household_id, person_id, field) "
                                                "VALUES (:t, :h, :p, :f)",
                            soci::use(term), soci::use(household_id), soci::use(person_id), soci::use(field));
  for_each_search_term_owner(tx, [&](const SearchTermOwner& owner, const std::vector<domain::SearchTerm>& terms) {
    household_id = owner.household_id;
    person_id = owner.person_id;
    for (const auto& t : terms) {
      term = t.term;
      field = std::string(domain::to_string(t.field));
      insert.execute(true);
    }
  });
}

// Issue 16: every term carries its household's unit, copied from households (whose unit_id is never updated), and
// search_terms_unit orders each unit's terms as the search reads them. SQLite: the table is built again, by key as
// migration 17 left it, since a column added by ALTER TABLE cannot be NOT NULL without a default.
void scope_search_terms_by_unit(Tx& tx) {
  if (tx.dialect().name() == "sqlite") {
    rebuild_by_key(tx,
                   {"search_terms", "term, household_id, person_id, field, unit_id",
                    "term TEXT NOT NULL, household_id TEXT NOT NULL REFERENCES households(id), "
                    "person_id TEXT NOT NULL, field TEXT NOT NULL, unit_id TEXT NOT NULL REFERENCES units(id), "
                    "PRIMARY KEY (term, household_id, person_id, field)",
                    {"CREATE INDEX search_terms_owner ON search_terms(household_id, person_id)"}},
                   "SELECT t.term, t.household_id, t.person_id, t.field, h.unit_id FROM search_terms t "
                   "JOIN households h ON h.id = t.household_id");
  } else {
    // The foreign key last: checked once over the table, not once per updated row.
    tx.sql() << "ALTER TABLE search_terms ADD COLUMN unit_id TEXT";
    tx.sql() << "UPDATE search_terms SET unit_id = h.unit_id FROM households h WHERE h.id = search_terms.household_id";
    tx.sql() << "ALTER TABLE search_terms ALTER COLUMN unit_id SET NOT NULL";
    tx.sql() << "ALTER TABLE search_terms ADD FOREIGN KEY (unit_id) REFERENCES units(id)";
  }
  tx.sql() << "CREATE INDEX search_terms_unit ON search_terms(unit_id, term, household_id, person_id, field)";
}

// Issue 18: the terms keyed in the order every search reads them, each unit's terms by term (migration 20's
// search_terms_unit), and that index gone. A search of a whole region merges its units' ranges as a centre's search
// does. The terms were kept three times (the term-ordered key, the unit index, the owner index): an import of
// 100,000 families wrote 2.5 million terms into each, 60 % of its pages.
void key_search_terms_by_unit(Tx& tx) {
  if (tx.dialect().name() == "sqlite") {
    rebuild_by_key(tx,
                   {"search_terms", "unit_id, term, household_id, person_id, field",
                    "unit_id TEXT NOT NULL REFERENCES units(id), term TEXT NOT NULL, "
                    "household_id TEXT NOT NULL REFERENCES households(id), person_id TEXT NOT NULL, "
                    "field TEXT NOT NULL, PRIMARY KEY (unit_id, term, household_id, person_id, field)",
                    {"CREATE INDEX search_terms_owner ON search_terms(household_id, person_id)"}},
                   // In the new key's order, read from search_terms_unit: the copy appends instead of inserting
                   // millions of rows at random places of the new tree.
                   "SELECT unit_id, term, household_id, person_id, field FROM search_terms "
                   "ORDER BY unit_id, term, household_id, person_id, field");
    return;
  }
  tx.sql() << "ALTER TABLE search_terms DROP CONSTRAINT search_terms_pkey";
  tx.sql() << "DROP INDEX IF EXISTS search_terms_unit";
  tx.sql() << "ALTER TABLE search_terms ADD CONSTRAINT search_terms_pkey "
              "PRIMARY KEY (unit_id, term, household_id, person_id, field)";
}

} // namespace

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
      {3,
       "social diagnosis and planning: assessments, agreements, plans and their measures",
       {
           "CREATE TABLE assessments (id TEXT PRIMARY KEY, case_id TEXT NOT NULL REFERENCES cases(id), "
           "kind TEXT NOT NULL, on_date TEXT NOT NULL, author_id TEXT NOT NULL, data TEXT NOT NULL, "
           "sensitive TEXT NOT NULL, created_at BIGINT NOT NULL)",
           "CREATE INDEX assessments_case ON assessments(case_id, kind, on_date)",
           "CREATE TABLE agreements (id TEXT PRIMARY KEY, case_id TEXT NOT NULL REFERENCES cases(id), "
           "signed_on TEXT NOT NULL, valid_from TEXT NOT NULL, valid_until TEXT NOT NULL, content TEXT NOT NULL, "
           "created_by TEXT NOT NULL, created_at BIGINT NOT NULL)",
           "CREATE INDEX agreements_case ON agreements(case_id, signed_on)",
           "CREATE TABLE plans (id TEXT PRIMARY KEY, case_id TEXT NOT NULL REFERENCES cases(id), "
           "plan_number INTEGER NOT NULL, supersedes_id TEXT, superseded_by TEXT, period_from TEXT NOT NULL, "
           "period_to TEXT NOT NULL, review_on TEXT NOT NULL, term TEXT NOT NULL, goals TEXT NOT NULL, "
           "approved_at BIGINT, approved_by TEXT, created_by TEXT NOT NULL, created_at BIGINT NOT NULL, "
           "updated_at BIGINT NOT NULL, version INTEGER NOT NULL)",
           "CREATE UNIQUE INDEX plans_case_number ON plans(case_id, plan_number)",
           "CREATE TABLE plan_measures (id TEXT PRIMARY KEY, plan_id TEXT NOT NULL REFERENCES plans(id), "
           "case_id TEXT NOT NULL REFERENCES cases(id), ordinal INTEGER NOT NULL, goal_id TEXT NOT NULL, "
           "patronage_type TEXT NOT NULL, what TEXT NOT NULL, responsible_kind TEXT NOT NULL, "
           "responsible_ref TEXT NOT NULL, due_on TEXT NOT NULL, status TEXT NOT NULL, result TEXT NOT NULL, "
           "updated_at BIGINT NOT NULL, updated_by TEXT NOT NULL)",
           "CREATE INDEX plan_measures_plan ON plan_measures(plan_id, ordinal)",
           "CREATE INDEX plan_measures_due ON plan_measures(status, due_on)",
       }},
      {4,
       "visits, services and material aid: visits with their child-safety check, service catalogue, deliveries",
       {
           "CREATE TABLE visits (id TEXT PRIMARY KEY, case_id TEXT NOT NULL REFERENCES cases(id), "
           "planned_on TEXT NOT NULL, actual_on TEXT, kind TEXT NOT NULL, participants TEXT NOT NULL, "
           "purpose TEXT NOT NULL, home TEXT NOT NULL, relations TEXT NOT NULL, child_safety_checked INTEGER NOT NULL, "
           "child_safety_concern INTEGER NOT NULL, child_safety_note TEXT NOT NULL, actions TEXT NOT NULL, "
           "next_step TEXT NOT NULL, closing INTEGER NOT NULL, missed_reason TEXT, created_by TEXT NOT NULL, "
           "created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL, version INTEGER NOT NULL)",
           "CREATE INDEX visits_case ON visits(case_id, actual_on)",
           "CREATE TABLE visit_children (visit_id TEXT NOT NULL REFERENCES visits(id), ordinal INTEGER NOT NULL, "
           "person_id TEXT NOT NULL REFERENCES persons(id), note TEXT NOT NULL, PRIMARY KEY (visit_id, ordinal))",
           // SPEC §8: the catalogue; seeded names are empty, so the texts "service.<code>" of the locales apply.
           "CREATE TABLE service_catalogue (code TEXT PRIMARY KEY, category TEXT NOT NULL, default_unit TEXT NOT NULL, "
           "name_ru TEXT NOT NULL, name_en TEXT NOT NULL, active INTEGER NOT NULL, sort_order INTEGER NOT NULL, "
           "updated_at BIGINT NOT NULL, version INTEGER NOT NULL)",
           "INSERT INTO service_catalogue (code, category, default_unit, name_ru, name_en, active, sort_order, "
           "updated_at, version) VALUES "
           "('consultation', 'ordinary', 'session', '', '', 1, 1, 0, 1),"
           "('mediation', 'ordinary', 'session', '', '', 1, 2, 0, 1),"
           "('parent_training', 'ordinary', 'session', '', '', 1, 3, 0, 1),"
           "('psychological_session', 'ordinary', 'session', '', '', 1, 4, 0, 1),"
           "('escort_to_doctor', 'ordinary', 'occasion', '', '', 1, 5, 0, 1),"
           "('medicine_delivery', 'ordinary', 'occasion', '', '', 1, 6, 0, 1),"
           "('food_delivery', 'ordinary', 'occasion', '', '', 1, 7, 0, 1),"
           "('cleaning', 'ordinary', 'occasion', '', '', 1, 8, 0, 1),"
           "('documents_help', 'ordinary', 'occasion', '', '', 1, 9, 0, 1),"
           "('job_search_help', 'ordinary', 'occasion', '', '', 1, 10, 0, 1),"
           "('legal_aid', 'ordinary', 'session', '', '', 1, 11, 0, 1),"
           "('hot_meals', 'urgent', 'portion', '', '', 1, 12, 0, 1),"
           "('clothing_footwear', 'urgent', 'item', '', '', 1, 13, 0, 1),"
           "('temporary_housing', 'urgent', 'day', '', '', 1, 14, 0, 1),"
           "('food_sets', 'urgent', 'set', '', '', 1, 15, 0, 1),"
           "('coupons', 'urgent', 'coupon', '', '', 1, 16, 0, 1),"
           "('benefits', 'urgent', 'payment', '', '', 1, 17, 0, 1)",
           "CREATE TABLE service_deliveries (id TEXT PRIMARY KEY, case_id TEXT NOT NULL REFERENCES cases(id), "
           "service_code TEXT NOT NULL REFERENCES service_catalogue(code), delivered_on TEXT NOT NULL, "
           "quantity BIGINT NOT NULL, unit TEXT NOT NULL, provider TEXT NOT NULL, cost BIGINT, "
           "created_by TEXT NOT NULL, created_at BIGINT NOT NULL)",
           "CREATE INDEX service_deliveries_case ON service_deliveries(case_id, delivered_on)",
       }},
      {5,
       "network: partner organisations, referrals, volunteers, training, contacts, wards' wishes",
       {
           "CREATE TABLE partners (id TEXT PRIMARY KEY, unit_id TEXT NOT NULL REFERENCES units(id), name TEXT NOT NULL, "
           "partner_type TEXT NOT NULL, phone TEXT NOT NULL, email TEXT NOT NULL, address TEXT NOT NULL, "
           "contact_person TEXT NOT NULL, created_by TEXT NOT NULL, created_at BIGINT NOT NULL, "
           "updated_at BIGINT NOT NULL)",
           "CREATE INDEX partners_unit ON partners(unit_id)",
           "CREATE TABLE referrals (id TEXT PRIMARY KEY, case_id TEXT NOT NULL REFERENCES cases(id), "
           "partner_id TEXT NOT NULL REFERENCES partners(id), reason TEXT NOT NULL, sent_on TEXT NOT NULL, "
           "due_on TEXT NOT NULL, status TEXT NOT NULL, response TEXT NOT NULL, created_by TEXT NOT NULL, "
           "created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL)",
           "CREATE INDEX referrals_case ON referrals(case_id)",
           "CREATE INDEX referrals_open ON referrals(status, due_on)",
           "CREATE TABLE referral_history (id TEXT PRIMARY KEY, referral_id TEXT NOT NULL REFERENCES referrals(id), "
           "ordinal INTEGER NOT NULL, from_status TEXT NOT NULL, to_status TEXT NOT NULL, on_date TEXT NOT NULL, "
           "response TEXT NOT NULL, user_id TEXT NOT NULL, at BIGINT NOT NULL)",
           "CREATE UNIQUE INDEX referral_history_referral ON referral_history(referral_id, ordinal)",
           "CREATE TABLE volunteers (id TEXT PRIMARY KEY, unit_id TEXT NOT NULL REFERENCES units(id), "
           "user_id TEXT REFERENCES users(id), last_name TEXT NOT NULL, first_name TEXT NOT NULL, "
           "patronymic TEXT NOT NULL, birth_date TEXT NOT NULL, sex TEXT NOT NULL, phone TEXT NOT NULL, "
           "skills TEXT NOT NULL, interests TEXT NOT NULL, languages TEXT NOT NULL, district TEXT NOT NULL, "
           "availability TEXT NOT NULL, coordinator_id TEXT REFERENCES users(id), status TEXT NOT NULL, "
           "status_since TEXT NOT NULL, created_by TEXT NOT NULL, created_at BIGINT NOT NULL, "
           "updated_at BIGINT NOT NULL, version INTEGER NOT NULL)",
           "CREATE INDEX volunteers_unit ON volunteers(unit_id)",
           "CREATE UNIQUE INDEX volunteers_user ON volunteers(user_id)",
           "CREATE TABLE volunteer_status_history (id TEXT PRIMARY KEY, volunteer_id TEXT NOT NULL "
           "REFERENCES volunteers(id), ordinal INTEGER NOT NULL, from_status TEXT NOT NULL, to_status TEXT NOT NULL, "
           "on_date TEXT NOT NULL, user_id TEXT NOT NULL, at BIGINT NOT NULL)",
           "CREATE UNIQUE INDEX volunteer_status_history_volunteer ON volunteer_status_history(volunteer_id, ordinal)",
           "CREATE TABLE volunteer_courses (id TEXT PRIMARY KEY, volunteer_id TEXT NOT NULL REFERENCES volunteers(id), "
           "code TEXT NOT NULL, name TEXT NOT NULL, hours INTEGER NOT NULL, taken_on TEXT NOT NULL, "
           "certificate TEXT NOT NULL, created_by TEXT NOT NULL, created_at BIGINT NOT NULL)",
           "CREATE INDEX volunteer_courses_volunteer ON volunteer_courses(volunteer_id)",
           "CREATE TABLE volunteer_contacts (id TEXT PRIMARY KEY, volunteer_id TEXT NOT NULL "
           "REFERENCES volunteers(id), case_id TEXT NOT NULL REFERENCES cases(id), on_date TEXT NOT NULL, "
           "minutes INTEGER NOT NULL, what TEXT NOT NULL, created_by TEXT NOT NULL, created_at BIGINT NOT NULL)",
           "CREATE INDEX volunteer_contacts_volunteer ON volunteer_contacts(volunteer_id, on_date)",
           "CREATE INDEX volunteer_contacts_case ON volunteer_contacts(case_id, on_date)",
           "CREATE TABLE volunteer_wishes (case_id TEXT PRIMARY KEY REFERENCES cases(id), gender TEXT, "
           "language TEXT, interests TEXT NOT NULL, district TEXT, needs TEXT NOT NULL, availability TEXT NOT NULL, "
           "updated_by TEXT NOT NULL, updated_at BIGINT NOT NULL)",
       }},
      {6,
       "reports: indexes for the period and state aggregates of SPEC §10",
       {
           // Covering: the visits report reads a case's visits of a period from the index alone.
           "CREATE INDEX visits_case_planned ON visits(case_id, planned_on, kind, actual_on, missed_reason)",
           "CREATE INDEX plan_measures_due_on ON plan_measures(due_on)",
           "CREATE INDEX service_deliveries_on ON service_deliveries(delivered_on)",
           "CREATE INDEX referrals_sent ON referrals(sent_on)",
           "CREATE INDEX signals_received ON signals(received_at)",
           "CREATE INDEX case_transitions_to ON case_transitions(to_state, on_date)",
           "CREATE INDEX volunteer_contacts_on ON volunteer_contacts(on_date)",
           "CREATE INDEX cases_state ON cases(state, opened_on)",
       }},
      {8,
       "quick search: the search terms of every person and household (name in any spelling, birth date, address)",
       {
           // Terms are lowercase ASCII; the primary key is the (term, owner) order a prefix range scan walks.
           "CREATE TABLE search_terms (term TEXT NOT NULL, household_id TEXT NOT NULL REFERENCES households(id), "
           "person_id TEXT NOT NULL, field TEXT NOT NULL, PRIMARY KEY (term, household_id, person_id, field))",
           "CREATE INDEX search_terms_owner ON search_terms(household_id, person_id)",
       },
       index_search_terms},
      {9,
       "work list: indexes found missing on the generated region (bench/storage)",
       {
           // open_measures_due filtered a case's measures through the due-date index of every case.
           "CREATE INDEX plan_measures_case ON plan_measures(case_id, due_on)",
           // list_open_signals scanned every signal's unit index for the few not triaged.
           "CREATE INDEX signals_open ON signals(triaged_at, deadline_at)",
       }},
      {10,
       "audit MAC: entries from here on carry an HMAC-SHA256 under a key kept outside the database",
       {
           // '' for entries written before (they keep their unkeyed hash only).
           "ALTER TABLE audit_log ADD COLUMN mac TEXT NOT NULL DEFAULT ''",
           // The seq of the first entry with a MAC; 0 until a keyed append (audit.cpp).
           "ALTER TABLE audit_head ADD COLUMN mac_from BIGINT NOT NULL DEFAULT 0",
       }},
      {11,
       "stable order: records made in the same second keep the order in which they were made",
       {
           // A sequence per case (assessments, decisions) or per table (change history), set at insert; rows
           // stored before this migration have none and sort by their old keys, before the new ones.
           "ALTER TABLE assessments ADD COLUMN seq BIGINT",
           "CREATE INDEX assessments_case_seq ON assessments(case_id, seq)",
           "ALTER TABLE decisions ADD COLUMN seq BIGINT",
           "CREATE INDEX decisions_case_seq ON decisions(case_id, seq)",
           "ALTER TABLE change_history ADD COLUMN seq BIGINT",
           "CREATE INDEX change_history_seq ON change_history(seq)",
       }},
      {12,
       "case numbers: a short number per unit and year (2026-0042); the reason for a parallel case at triage",
       {
           // The last number given per unit and year; a new case takes the next in its own transaction.
           "CREATE TABLE case_numbers (unit_id TEXT NOT NULL REFERENCES units(id), number_year INTEGER NOT NULL, "
           "last_number INTEGER NOT NULL, PRIMARY KEY (unit_id, number_year))",
           // NULL only until the backfill below numbers the existing cases; NULLs never collide in the index.
           "ALTER TABLE cases ADD COLUMN case_number TEXT",
           "CREATE UNIQUE INDEX cases_unit_number ON cases(unit_id, case_number)",
           // Why triage opened a new family's case although an open case matched the signal exactly ('' if none).
           "ALTER TABLE signals ADD COLUMN parallel_reason TEXT NOT NULL DEFAULT ''",
       },
       number_existing_cases},
      {13,
       "idempotency keys: a write sent again with the same Idempotency-Key answers as the first and writes nothing",
       {
           // Inserted inside the write's own transaction (app::audit); status 0 until the HTTP layer stores the
           // answer. Rows older than 30 days are deleted on a keyed write (docs/offline.md).
           "CREATE TABLE idempotency_keys (user_id TEXT NOT NULL, idempotency_key TEXT NOT NULL, "
           "request_hash TEXT NOT NULL, request_id TEXT NOT NULL, entity TEXT NOT NULL, entity_id TEXT NOT NULL, "
           "status INTEGER NOT NULL, content_type TEXT NOT NULL, body TEXT NOT NULL, created_at BIGINT NOT NULL, "
           "PRIMARY KEY (user_id, idempotency_key))",
           "CREATE INDEX idempotency_keys_created ON idempotency_keys(created_at)",
       }},
      {14,
       "СНИЛС: the optional insurance number of a person, unique when present (issue 18)",
       {
           // 11 digits or NULL; NULLs never collide in a unique index on either backend.
           "ALTER TABLE persons ADD COLUMN snils TEXT",
           "CREATE UNIQUE INDEX persons_snils ON persons(snils)",
       }},
      {15,
       "import batches: each applied import file, and the households and persons it created or updated (issue 18)",
       {
           "CREATE TABLE import_batches (id TEXT PRIMARY KEY, file_sha256 TEXT NOT NULL, file_name TEXT NOT NULL, "
           "user_id TEXT NOT NULL, operator_name TEXT NOT NULL, created_at BIGINT NOT NULL, "
           "households_created INTEGER NOT NULL, households_updated INTEGER NOT NULL, "
           "persons_created INTEGER NOT NULL, persons_updated INTEGER NOT NULL)",
           "CREATE INDEX import_batches_file ON import_batches(file_sha256, created_at)",
           // The record's state before an update (JSON) is kept so that an undo can put it back.
           "CREATE TABLE import_records (batch_id TEXT NOT NULL REFERENCES import_batches(id), entity TEXT NOT NULL, "
           "entity_id TEXT NOT NULL, source_row INTEGER NOT NULL, action TEXT NOT NULL, before_state TEXT NOT NULL, "
           "after_version INTEGER NOT NULL, PRIMARY KEY (batch_id, entity, entity_id))",
           "CREATE INDEX import_records_entity ON import_records(entity, entity_id)",
       }},
      {16,
       "match keys: the candidates of a key read in the order of their index (the duplicate check of every intake "
       "and import row sorted them in a temporary tree)",
       {
           "DROP INDEX person_keys_key",
           "CREATE INDEX person_keys_key ON person_keys(match_key, person_id)",
           "DROP INDEX household_keys_key",
           "CREATE INDEX household_keys_key ON household_keys(match_key, household_id)",
       }},
      {17,
       "match keys, search terms and import records kept by their key alone (SQLite: WITHOUT ROWID)",
       {},
       keep_keyed_tables_by_key},
      {18,
       "the case page and the work list read by index: a case's signals, its child-safety concerns and its first "
       "visit still planned (issue 16: each was a scan of every signal or of every visit of the case)",
       {
           "CREATE INDEX signals_case ON signals(case_id, triaged_at, id)",
           "CREATE INDEX visits_concerns ON visits(case_id, actual_on, created_at) "
           "WHERE child_safety_checked = 1 AND child_safety_concern = 1 AND actual_on IS NOT NULL",
           // Covering, so that SQLite's planner prefers it to visits_case_planned for the earliest one.
           "CREATE INDEX visits_still_planned ON visits(case_id, planned_on, actual_on, missed_reason) "
           "WHERE actual_on IS NULL AND missed_reason IS NULL",
       }},
      {19,
       "report counters: visits planned, made, missed and on time per unit, day and kind, kept by the writes "
       "(issue 16: the visits report scanned every visit of the period)",
       {},
       create_visit_day_counts},
      {20,
       "quick search scoped in the index: each term with its household's unit, read per unit of the searcher's "
       "subtree (issue 16)",
       {},
       scope_search_terms_by_unit},
      {21,
       "the work list's due items stored per open case and kept by the writes (issue 16): the inputs' triggers "
       "mark a case, the write's own transaction computes it again (app/case_due.hpp)",
       {
           "CREATE TABLE case_due (case_id TEXT PRIMARY KEY, computed_on TEXT NOT NULL, recheck_on TEXT, "
           "settings_key TEXT NOT NULL, family TEXT NOT NULL, risk_level TEXT NOT NULL, critical_since TEXT, "
           "last_visit_on TEXT, warning_key TEXT, warning_params TEXT NOT NULL)",
           "CREATE TABLE case_due_items (case_id TEXT NOT NULL, ordinal INTEGER NOT NULL, kind TEXT NOT NULL, "
           "due_on TEXT NOT NULL, label TEXT NOT NULL, PRIMARY KEY (case_id, ordinal))",
           // The cases whose row a write removed; emptied by the same transaction (app::keep_case_due) or, for
           // writes outside the app (the bulk loader) and for the open cases of an existing database, by the next
           // command that opens it.
           "CREATE TABLE case_due_dirty (case_id TEXT PRIMARY KEY)",
           "INSERT INTO case_due_dirty (case_id) SELECT id FROM cases WHERE state NOT IN ('closed', 'rejected')",
       }},
      {23,
       "reports read by index and from counters: deliveries per unit, day, service and household kept by the writes; "
       "covering indexes for the measures, referrals and households reports (issue 16: each read every row of the "
       "period with its case, or every measure of the region)",
       {
           // The measures report: the measures due in the period with every column it counts, then each one's plan
           // (is it current?) and case (unit) from an index alone. Its prefix serves what the due-day index did.
           "CREATE INDEX plan_measures_due_report ON plan_measures(due_on, plan_id, case_id, patronage_type, "
           "status, updated_at)",
           "DROP INDEX plan_measures_due_on",
           "CREATE INDEX plans_current ON plans(id, superseded_by)",
           "CREATE INDEX cases_report ON cases(id, unit_id, household_id)",
           // The households report: each open case's current plan, and that plan's patronage types.
           "CREATE INDEX plans_case_current ON plans(case_id, superseded_by, id)",
           "CREATE INDEX plan_measures_plan_type ON plan_measures(plan_id, patronage_type)",
           // The referrals report: the referrals sent in the period with every column it counts, and each one's
           // first answer (the first change of status after "sent").
           "CREATE INDEX referrals_sent_report ON referrals(sent_on, case_id, partner_id, status, due_on, id)",
           "DROP INDEX referrals_sent",
           "CREATE INDEX referral_history_answer ON referral_history(referral_id, from_status, on_date)",
       },
       create_delivery_day_counts},
      {24,
       "PostgreSQL: a write takes the lock of each case it marks before the case's stored due items (two visits "
       "recorded at once on one case deadlocked)",
       {}},
      {25,
       "import undo by index: the columns naming a person, household or case that had none — a consent's signer, a "
       "visit's child, a signal's household, a document's case, the case a reopened one follows. Removing a row "
       "makes both backends check each foreign key that refers to it, and the undo asks whether anything refers to "
       "what it removes: each was a scan per removed record (an undo of 30,000 families did not finish in 5 minutes)",
       {
           "CREATE INDEX consents_signed_by ON consents(signed_by)",
           "CREATE INDEX visit_children_person ON visit_children(person_id)",
           "CREATE INDEX signals_household ON signals(household_id)",
           "CREATE INDEX documents_case ON documents(case_id)",
           "CREATE INDEX cases_previous ON cases(previous_case_id)",
       }},
      {26,
       "search terms keyed by unit and term, the order every search reads them, without a second copy in term order "
       "(issue 18: an import wrote each term into three B-trees)",
       {},
       key_search_terms_by_unit},
      {27,
       "the households report's facts of each case, kept by triggers: its household's categories and its current "
       "plans' patronage types (issue 16: the report read each open case's household row, plans and measures)",
       {
           "CREATE TABLE case_report_facts (case_id TEXT PRIMARY KEY, categories TEXT NOT NULL, "
           "patronage_types TEXT NOT NULL)",
       },
       rebuild_case_report_facts},
      {28,
       "the work list's due items computed again after the write's commit, outside SQLite's one writer: each mark "
       "of a case counts a generation, so that a row derived meanwhile is stored only if no write marked the case "
       "again (issue 16: the computation was a third of a visit's time holding the write lock)",
       {
           "ALTER TABLE case_due_dirty ADD COLUMN generation BIGINT NOT NULL DEFAULT 0",
       }},
  };
  return k_all;
}

} // namespace patronage::storage
