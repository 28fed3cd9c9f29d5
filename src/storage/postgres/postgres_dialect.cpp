#include "storage/postgres/postgres_dialect.hpp"

#include <stdexcept>

#include <libpq-fe.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>

#include "storage/case_due.hpp"
#include "storage/case_report_facts.hpp"
#include "storage/postgres/statement_cache.hpp"
#include "util/log.hpp"

namespace patronage::storage::postgres {

namespace {

// SOCI 4.0 re-splits the connection string on '=' and spaces and mangles a
// URI, so the URI is turned into libpq "key='value'" pairs first.
std::string keyword_form(const std::string& uri) {
  char* error = nullptr;
  PQconninfoOption* options = PQconninfoParse(uri.c_str(), &error);
  if (options == nullptr) {
    std::string reason = error != nullptr ? error : "invalid PostgreSQL URL";
    PQfreemem(error);
    throw std::runtime_error(reason);
  }
  std::string out;
  for (PQconninfoOption* o = options; o->keyword != nullptr; ++o) {
    if (o->val == nullptr || *o->val == '\0') {
      continue;
    }
    std::string value = o->val;
    std::string quoted;
    for (char c : value) {
      if (c == '\'' || c == '\\') {
        quoted += '\\';
      }
      quoted += c;
    }
    out += std::string(o->keyword) + "='" + quoted + "' ";
  }
  PQconninfoFree(options);
  return out;
}

// The trigger function of the stored due items (migrations 21, 24 and 28), after "CREATE [OR REPLACE] FUNCTION ": it
// collects the case ids the changed row names (a household's: its cases), runs `before_marking` on them, then removes
// their rows and marks them (case_due.hpp). The trigger's arguments: the column naming the case or household, and
// "household" for the latter. With `first_generation` (28:
// Dialect::random_generation) a new mark starts at a random generation and one already there counts up.
std::string case_due_mark_body(const std::string& before_marking, std::string_view first_generation = "") {
  const std::string mark =
      !first_generation.empty()
          ? "INSERT INTO case_due_dirty (case_id, generation) SELECT x, " + std::string(first_generation) +
                " FROM (SELECT DISTINCT x FROM unnest(ids) AS x WHERE x IS NOT NULL) AS marked "
                "ON CONFLICT (case_id) DO UPDATE SET generation = case_due_dirty.generation + 1; "
          : "INSERT INTO case_due_dirty (case_id) SELECT DISTINCT x FROM unnest(ids) AS x WHERE x IS NOT NULL "
            "ON CONFLICT (case_id) DO NOTHING; ";
  return "case_due_mark() RETURNS trigger LANGUAGE plpgsql AS $$ "
         "DECLARE ids text[] := '{}'; "
         "BEGIN "
         "IF TG_OP <> 'DELETE' THEN ids := ids || (to_jsonb(NEW) ->> TG_ARGV[0]); END IF; "
         "IF TG_OP <> 'INSERT' THEN ids := ids || (to_jsonb(OLD) ->> TG_ARGV[0]); END IF; "
         "IF TG_ARGV[1] = 'household' THEN ids := ARRAY(SELECT id FROM cases WHERE household_id = ANY(ids)); END IF; " +
         before_marking +
         "DELETE FROM case_due WHERE case_id = ANY(ids); " +
         mark + "RETURN NULL; END $$";
}

} // namespace

void open_connection(soci::session& sql, const std::string& uri) {
  install_statement_cache();
  std::string keywords = keyword_form(uri);
  // Without it libpq waits for an unreachable server as long as TCP does.
  if (keywords.find("connect_timeout=") == std::string::npos) {
    keywords += "connect_timeout='5' ";
  }
  sql.open(soci::postgresql, keywords);
}

bool PostgresDialect::connection_lost(soci::session& sql) const {
  // Every session of this dialect is a PostgreSQL one (the library exports no typeinfo for a dynamic_cast).
  auto* backend = static_cast<soci::postgresql_session_backend*>(sql.get_backend());
  return backend == nullptr || backend->conn_ == nullptr || PQstatus(backend->conn_) != CONNECTION_OK;
}

void PostgresDialect::prepare_connection(soci::session& sql) const {
  sql << "SET client_min_messages = warning";
  if (!m_schema.empty()) {
    sql << "CREATE SCHEMA IF NOT EXISTS \"" + m_schema + "\"";
    sql << "SET search_path TO \"" + m_schema + "\"";
  }
}

std::vector<std::string> PostgresDialect::migration_extras(int version) const {
  if (version == 1) {
    return {
        "CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
        "BEGIN RAISE EXCEPTION 'audit log is append-only' USING ERRCODE = 'restrict_violation'; END $$",
        "CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log "
        "FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()",
    };
  }
  if (version == 21) {
    // A change to an input of a case's stored due items removes its row and marks it (case_due.hpp).
    std::vector<std::string> out{"CREATE FUNCTION " + case_due_mark_body("")};
    for (const auto& input : case_due_inputs()) {
      out.push_back(std::string("CREATE TRIGGER case_due_") + input.table + " AFTER INSERT OR UPDATE OR DELETE ON " +
                    input.table + " FOR EACH ROW EXECUTE FUNCTION case_due_mark('" + input.key + "', '" +
                    (input.household ? "household" : "case") + "')");
    }
    return out;
  }
  if (version == 27) {
    // A change to an input of the households report's facts computes the rows of the cases it names again
    // (case_report_facts.hpp), under each case's transaction-long lock, taken in the order of the ids as in
    // case_due_mark (which fires first, by name, on the same rows): two writers of one case's plans queue there
    // instead of each computing the row without the other's change.
    const std::string refresh = case_report_facts_refresh(*this, "= ANY(ids)");
    std::vector<std::string> out{
        "CREATE FUNCTION case_report_facts_keep() RETURNS trigger LANGUAGE plpgsql AS $$ "
        "DECLARE keys text[] := '{}'; ids text[]; "
        "BEGIN "
        "IF TG_OP <> 'DELETE' THEN keys := keys || (to_jsonb(NEW) ->> TG_ARGV[0]); END IF; "
        "IF TG_OP <> 'INSERT' THEN keys := keys || (to_jsonb(OLD) ->> TG_ARGV[0]); END IF; "
        "IF TG_ARGV[1] = 'household' THEN ids := ARRAY(SELECT id FROM cases WHERE household_id = ANY(keys)); "
        "ELSIF TG_ARGV[1] = 'plan' THEN ids := ARRAY(SELECT case_id FROM plans WHERE id = ANY(keys)); "
        "ELSE ids := keys; END IF; "
        "PERFORM pg_advisory_xact_lock(hashtextextended(x, 16)) FROM (SELECT DISTINCT x FROM unnest(ids) AS x "
        "WHERE x IS NOT NULL ORDER BY x) AS locked; " +
            refresh + "RETURN NULL; END $$"};
    for (const auto& input : case_report_inputs()) {
      out.push_back(std::string("CREATE TRIGGER case_report_facts_") + input.table +
                    " AFTER INSERT OR DELETE OR UPDATE OF " + input.columns + " ON " + input.table +
                    " FOR EACH ROW EXECUTE FUNCTION case_report_facts_keep('" + input.key + "', '" + input.kind +
                    "')");
    }
    return out;
  }
  // From 24: each marked case's transaction-long advisory lock is taken first, in the order of the ids: two writers
  // of one case queue there instead of deadlocking on its due-items row and its dirty mark.
  const std::string lock_cases = "PERFORM pg_advisory_xact_lock(hashtextextended(x, 16)) FROM (SELECT DISTINCT x "
                                 "FROM unnest(ids) AS x WHERE x IS NOT NULL ORDER BY x) AS marked; ";
  if (version == 24) {
    return {"CREATE OR REPLACE FUNCTION " + case_due_mark_body(lock_cases)};
  }
  if (version == 28) {
    return {"CREATE OR REPLACE FUNCTION " + case_due_mark_body(lock_cases, random_generation())};
  }
  return {};
}

bool PostgresDialect::audit_guard_intact(soci::session& sql) const {
  // tgtype bits: 1 row, 2 before, 8 delete, 16 update. tgenabled 'D' is disabled.
  int intact = 0;
  sql << "SELECT COUNT(*) FROM pg_trigger t JOIN pg_proc p ON p.oid = t.tgfoid "
         "WHERE t.tgrelid = to_regclass('audit_log') AND t.tgname = 'audit_log_no_change' "
         "AND t.tgenabled IN ('O', 'A') AND (t.tgtype & 27) = 27 AND p.proname = 'audit_log_append_only' "
         "AND p.prosrc LIKE '%RAISE EXCEPTION ''audit log is append-only''%'",
      soci::into(intact);
  return intact == 1;
}

bool PostgresDialect::run_again(const std::exception& e) const {
  const auto* error = dynamic_cast<const soci::postgresql_soci_error*>(&e);
  return error != nullptr && (error->sqlstate() == "40P01" || error->sqlstate() == "40001");
}

util::Error PostgresDialect::classify(const std::exception& e) const {
  if (const auto* error = dynamic_cast<const soci::postgresql_soci_error*>(&e)) {
    // Class 23: integrity constraint violation.
    if (error->sqlstate().starts_with("23")) {
      return util::Error::conflict("storage.constraint").with("reason", e.what());
    }
  }
  util::log(util::LogLevel::error, "database error", {{"backend", "postgresql"}, {"error", e.what()}});
  return util::Error::unavailable("storage.unavailable");
}

} // namespace patronage::storage::postgres
