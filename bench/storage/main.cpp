// patronage_storage_bench: the storage layer against raw sqlite3 C-API queries on a generated region (issue 7).
//
//   patronage_storage_bench --db region.db [--seconds 5] [--bulk-rows 200000] [--check]
//
// For each operation it runs the storage layer's functions (SOCI, storage::Database::transact) and then the same
// SQL through sqlite3 prepared statements (prepared once, every column of every row copied out), on the same
// file in the same run, and prints throughput, p50/p99 latency and the ratio raw/storage time. --check verifies
// the generated database instead (audit chain, foreign keys, row counts) and exits 1 on a problem.

#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <map>
#include <random>
#include <fstream>
#include <iterator>
#include <string>
#include <variant>
#include <vector>

#include "domain/search_terms.hpp"
#include "storage/assessments.hpp"
#include "storage/audit.hpp"
#include "storage/bulk.hpp"
#include "storage/case_records.hpp"
#include "storage/cases.hpp"
#include "storage/database.hpp"
#include "storage/households.hpp"
#include "storage/partners.hpp"
#include "storage/search.hpp"
#include "storage/signals.hpp"
#include "storage/visits.hpp"
#include "storage/worklist.hpp"
#include "util/time.hpp"

namespace {

using namespace patronage;
using Clock = std::chrono::steady_clock;
using Arg = std::variant<long long, std::string>;

[[noreturn]] void die(const std::string& what) {
  std::fprintf(stderr, "storage bench: %s\n", what.c_str());
  std::exit(1);
}

// Prepared statements by SQL text, each prepared once and reset after use; every column of every row is copied
// into a string, as the storage layer copies into its records.
class Raw {
public:
  explicit Raw(const std::string& path) {
    if (sqlite3_open_v2(path.c_str(), &m_db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
      die("cannot open " + path);
    }
    exec("PRAGMA journal_mode = WAL");
    exec("PRAGMA synchronous = FULL");
    exec("PRAGMA foreign_keys = ON");
    exec("PRAGMA busy_timeout = 10000");
  }
  ~Raw() {
    for (auto& [sql, st] : m_cache) {
      sqlite3_finalize(st);
    }
    sqlite3_close(m_db);
  }
  void exec(const std::string& sql) {
    char* error = nullptr;
    if (sqlite3_exec(m_db, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
      const std::string text = error != nullptr ? error : "?";
      sqlite3_free(error);
      die(sql + ": " + text);
    }
  }
  // Runs `sql`; returns the rows when `keep`, else only counts them.
  std::vector<std::vector<std::string>> query(const std::string& sql, const std::vector<Arg>& args, bool keep = false,
                                              long long* count = nullptr) {
    sqlite3_stmt* st = prepared(sql);
    int i = 1;
    for (const auto& arg : args) {
      if (const auto* n = std::get_if<long long>(&arg)) {
        sqlite3_bind_int64(st, i++, *n);
      } else {
        const auto& text = std::get<std::string>(arg);
        sqlite3_bind_text(st, i++, text.data(), static_cast<int>(text.size()), SQLITE_STATIC);
      }
    }
    std::vector<std::vector<std::string>> out;
    int rc = 0;
    long long rows = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
      const int columns = sqlite3_column_count(st);
      m_row.resize(static_cast<size_t>(columns));
      for (int c = 0; c < columns; ++c) {
        const auto* text = sqlite3_column_text(st, c);
        m_row[c].assign(text != nullptr ? reinterpret_cast<const char*>(text) : "",
                        static_cast<size_t>(sqlite3_column_bytes(st, c)));
      }
      if (keep) {
        out.push_back(m_row);
      }
      ++rows;
    }
    if (rc != SQLITE_DONE) {
      die(sql + ": " + sqlite3_errmsg(m_db));
    }
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    if (count != nullptr) {
      *count += rows;
    }
    return out;
  }
  sqlite3* db() { return m_db; }

private:
  sqlite3_stmt* prepared(const std::string& sql) {
    auto& st = m_cache[sql];
    if (st == nullptr && sqlite3_prepare_v3(m_db, sql.c_str(), -1, SQLITE_PREPARE_PERSISTENT, &st, nullptr) != SQLITE_OK) {
      die(sql + ": " + sqlite3_errmsg(m_db));
    }
    return st;
  }
  sqlite3* m_db = nullptr;
  std::map<std::string, sqlite3_stmt*> m_cache;
  std::vector<std::string> m_row;
};

struct Result {
  std::vector<double> micros;
  double seconds = 0;
  long long rows = 0; // rows read or written, for context
};

// Runs `op` for `seconds` (at least 5 times, at most `max_ops`) and times each call.
Result measure(double seconds, long long max_ops, const std::function<long long(long long)>& op) {
  Result r;
  const auto start = Clock::now();
  for (long long i = 0; i < max_ops; ++i) {
    const auto t0 = Clock::now();
    r.rows += op(i);
    r.micros.push_back(std::chrono::duration<double, std::micro>(Clock::now() - t0).count());
    if (i >= 4 && std::chrono::duration<double>(Clock::now() - start).count() > seconds) {
      break;
    }
  }
  r.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return r;
}

double percentile(std::vector<double> v, double p) {
  if (v.empty()) {
    return 0;
  }
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<size_t>(p * static_cast<double>(v.size())))];
}

void report(const std::string& name, const Result& storage, const Result& raw) {
  auto line = [](const char* side, const Result& r) {
    std::printf("  %-8s %8zu ops %10.1f ops/s  p50 %10.1f us  p99 %10.1f us  rows/op %8.1f\n", side, r.micros.size(),
                static_cast<double>(r.micros.size()) / r.seconds, percentile(r.micros, 0.5),
                percentile(r.micros, 0.99), r.micros.empty() ? 0.0 : static_cast<double>(r.rows) / r.micros.size());
  };
  std::printf("%s\n", name.c_str());
  line("storage", storage);
  line("raw", raw);
  const double s_rate = static_cast<double>(storage.micros.size()) / storage.seconds;
  const double r_rate = static_cast<double>(raw.micros.size()) / raw.seconds;
  std::printf("  storage/raw throughput %.2f  (p50 storage/raw %.2f)\n", s_rate / r_rate,
              percentile(storage.micros, 0.5) / std::max(0.001, percentile(raw.micros, 0.5)));
  std::fflush(stdout);
}

template <typename T> T must(util::Result<T> r, const char* what) {
  if (!r) {
    die(std::string(what) + ": " + r.error().key);
  }
  return std::move(*r);
}

struct Sample {
  std::vector<storage::CaseRecord> cases; // open cases with visits
  std::vector<std::pair<std::string, std::string>> specialists; // id, unit path
  std::vector<std::string> surnames;
  std::string region_path;
};

Sample sample(Raw& raw, size_t count, std::mt19937_64& rng) {
  Sample s;
  auto region = raw.query("SELECT path FROM units WHERE parent_id IS NULL", {}, true);
  s.region_path = region.empty() ? "/" : region.front()[0];
  auto rows = raw.query("SELECT c.id, c.household_id, c.lead_id, c.state FROM cases c WHERE c.state IN ('active', "
                        "'closing', 'supervision') ORDER BY c.id",
                        {}, true);
  std::shuffle(rows.begin(), rows.end(), rng);
  for (size_t i = 0; i < std::min(count, rows.size()); ++i) {
    storage::CaseRecord c;
    c.id = rows[i][0];
    c.household_id = rows[i][1];
    c.lead_id = rows[i][2];
    c.state = domain::parse_case_state(rows[i][3]).value(); // the query keeps to known states
    s.cases.push_back(c);
  }
  auto users = raw.query("SELECT u.id, n.path FROM users u JOIN units n ON n.id = u.unit_id WHERE u.role = "
                         "'specialist' ORDER BY u.id",
                         {}, true);
  std::shuffle(users.begin(), users.end(), rng);
  for (size_t i = 0; i < std::min(count, users.size()); ++i) {
    s.specialists.emplace_back(users[i][0], users[i][1]);
  }
  auto names = raw.query("SELECT DISTINCT last_name, first_name FROM persons LIMIT 400", {}, true);
  for (const auto& n : names) {
    s.surnames.push_back(n[0] + " " + n[1]);
  }
  std::shuffle(s.surnames.begin(), s.surnames.end(), rng);
  if (s.cases.empty() || s.specialists.empty() || s.surnames.empty()) {
    die("the database has no open cases, specialists or persons: generate it first");
  }
  return s;
}

// The queries of GET /cases/{id} (app::get_case: members, transitions, consents, decisions, case facts, schedule,
// risk) and of the household block of the case page.
long long case_read_storage(storage::Tx& tx, const storage::CaseRecord& c) {
  long long rows = 0;
  auto record = storage::find_case(tx, c.id);
  rows += record ? 1 : 0;
  rows += static_cast<long long>(storage::list_case_members(tx, c.id).size());
  rows += static_cast<long long>(storage::list_transitions(tx, c.id).size());
  rows += static_cast<long long>(storage::list_consents(tx, c.id).size());
  rows += static_cast<long long>(storage::list_decisions(tx, c.id).size());
  rows += static_cast<long long>(storage::list_consent_persons(tx, c.household_id).size());
  storage::count_led_cases(tx, *c.lead_id, c.id);
  rows += storage::last_visit_on(tx, c.id) ? 1 : 0;
  storage::household_pregnancy(tx, c.household_id);
  rows += static_cast<long long>(storage::list_assessments(tx, c.id, std::string("needs")).size());
  rows += static_cast<long long>(storage::list_safety_concerns(tx, c.id).size());
  rows += storage::find_household(tx, c.household_id) ? 1 : 0;
  rows += static_cast<long long>(storage::list_persons(tx, c.household_id).size());
  return rows;
}

const std::string k_case_select =
    "SELECT c.id, c.unit_id, n.path, c.household_id, c.signal_id, c.state, c.state_entered_on, c.opened_on, "
    "c.intensity, c.planned_end, c.lead_id, c.previous_case_id, c.created_at, c.updated_at, c.version, h.address, "
    "COALESCE(u.full_name, '') FROM cases c JOIN units n ON n.id = c.unit_id JOIN households h ON h.id = "
    "c.household_id LEFT JOIN users u ON u.id = c.lead_id ";
const std::string k_person_columns =
    "p.id, p.household_id, p.last_name, p.first_name, p.patronymic, p.birth_date, p.sex, p.household_role, "
    "p.represents, p.disability, p.pregnant, p.pregnancy_due, p.school, p.employment, p.phone, p.created_at, "
    "p.updated_at, p.version";

long long case_facts_raw(Raw& raw, const std::string& case_id, const std::string& household_id,
                         const std::string& lead_id) {
  long long n = 0;
  raw.query("SELECT id, birth_date, represents, last_name, first_name FROM persons WHERE household_id = ? ORDER BY "
            "created_at, id",
            {household_id}, false, &n);
  raw.query("SELECT id, case_id, signed_by, covers, scope, signed_on, valid_until, withdrawn_on, document_id, "
            "created_by, created_at FROM consents WHERE case_id = ? ORDER BY created_at, id",
            {case_id}, false, &n);
  raw.query("SELECT id, case_id, body, meeting_date, protocol_number, members_present, kind, patronage_types, "
            "lead_id, team, grounds, intensity, planned_end, corrects_id, signed, signed_at, signed_by, created_by, "
            "created_at FROM decisions WHERE case_id = ? ORDER BY meeting_date, created_at, id",
            {case_id}, false, &n);
  raw.query("SELECT COALESCE(intensity, 'standard'), COUNT(*) FROM cases WHERE lead_id = ? AND id <> ? AND state IN "
            "('active', 'closing') GROUP BY COALESCE(intensity, 'standard')",
            {lead_id, case_id});
  return n;
}

long long schedule_raw(Raw& raw, const std::string& case_id, const std::string& household_id) {
  long long n = 0;
  raw.query("SELECT id, case_id, from_state, to_state, at, on_date, user_id, reason, override_reason FROM "
            "case_transitions WHERE case_id = ? ORDER BY ordinal",
            {case_id}, false, &n);
  raw.query("SELECT MAX(actual_on) FROM visits WHERE case_id = ? AND actual_on IS NOT NULL", {case_id}, false, &n);
  raw.query("SELECT pregnant, pregnancy_due FROM persons WHERE household_id = ? AND (pregnant = 1 OR pregnancy_due "
            "IS NOT NULL)",
            {household_id});
  raw.query("SELECT id, case_id, kind, on_date, author_id, data, sensitive, created_at FROM assessments WHERE "
            "case_id = ? AND kind = ? ORDER BY on_date DESC, created_at DESC, id DESC",
            {case_id, std::string("needs")}, false, &n);
  raw.query("SELECT actual_on FROM visits WHERE case_id = ? AND actual_on IS NOT NULL AND child_safety_checked = 1 "
            "AND child_safety_concern = 1 ORDER BY actual_on, created_at",
            {case_id}, false, &n);
  return n;
}

long long case_read_raw(Raw& raw, const storage::CaseRecord& c) {
  long long n = 0;
  raw.exec("BEGIN IMMEDIATE");
  raw.query(k_case_select + "WHERE c.id = ?", {c.id}, false, &n);
  raw.query("SELECT case_id, user_id, member_role, added_at FROM case_members WHERE case_id = ? ORDER BY added_at, "
            "user_id",
            {c.id}, false, &n);
  n += case_facts_raw(raw, c.id, c.household_id, *c.lead_id);
  n += schedule_raw(raw, c.id, c.household_id);
  raw.query("SELECT h.id, h.unit_id, n.path, h.address, h.phone, h.categories, h.notes, h.created_by, h.created_at, "
            "h.updated_at, h.version FROM households h JOIN units n ON n.id = h.unit_id WHERE h.id = ?",
            {c.household_id}, false, &n);
  raw.query("SELECT " + k_person_columns + " FROM persons p WHERE p.household_id = ? ORDER BY p.created_at, p.id",
            {c.household_id}, false, &n);
  raw.exec("COMMIT");
  return n;
}

const std::string k_visit_select = "SELECT id, case_id, planned_on, actual_on, kind, participants, purpose, home, "
                                   "relations, child_safety_checked, child_safety_concern, child_safety_note, actions, "
                                   "next_step, closing, missed_reason, created_by, created_at, updated_at, version "
                                   "FROM visits ";

// The visits tab: every visit of the case with its children's notes.
long long visits_raw(Raw& raw, const std::string& case_id) {
  long long n = 0;
  raw.exec("BEGIN IMMEDIATE");
  raw.query(k_visit_select + "WHERE case_id = ? ORDER BY COALESCE(actual_on, planned_on) DESC, created_at DESC, id",
            {case_id}, false, &n);
  raw.query("SELECT c.visit_id, c.person_id, c.note FROM visit_children c JOIN visits v ON v.id = c.visit_id WHERE "
            "v.case_id = ? ORDER BY c.visit_id, c.ordinal",
            {case_id}, false, &n);
  raw.exec("COMMIT");
  return n;
}

// The storage queries of app::work_list for a specialist: their cases, per open case its facts, schedule, risk,
// family label, measures, plan reviews and consents; their overdue referrals; the open signals of their unit.
long long work_list_storage(storage::Tx& tx, const std::string& user, const std::string& unit_path,
                            const std::string& until, const std::string& today) {
  long long rows = 0;
  storage::CaseFilter filter;
  filter.unit_path_prefix = unit_path;
  filter.member_user_id = user;
  filter.limit = 1000;
  filter.open_only = true;
  for (const auto& c : storage::list_cases(tx, filter)) {
    ++rows;
    rows += static_cast<long long>(storage::list_consent_persons(tx, c.household_id).size());
    rows += static_cast<long long>(storage::list_consents(tx, c.id).size());
    rows += static_cast<long long>(storage::list_decisions(tx, c.id).size());
    if (c.lead_id) {
      storage::count_led_cases(tx, *c.lead_id, c.id);
    }
    rows += static_cast<long long>(storage::list_transitions(tx, c.id).size());
    rows += storage::last_visit_on(tx, c.id) ? 1 : 0;
    storage::household_pregnancy(tx, c.household_id);
    rows += static_cast<long long>(storage::list_assessments(tx, c.id, std::string("needs")).size());
    rows += static_cast<long long>(storage::list_safety_concerns(tx, c.id).size());
    storage::family_label(tx, c.household_id);
    rows += static_cast<long long>(storage::open_measures_due(tx, c.id, until).size());
    rows += static_cast<long long>(storage::plans_to_review(tx, c.id, until).size());
    rows += static_cast<long long>(storage::list_consents(tx, c.id).size());
  }
  rows += static_cast<long long>(storage::list_overdue_referrals_for_lead(tx, user, today).size());
  rows += static_cast<long long>(storage::list_open_signals(tx, unit_path, 200).size());
  return rows;
}

long long work_list_raw(Raw& raw, const std::string& user, const std::string& unit_path, const std::string& until,
                        const std::string& today) {
  long long n = 0;
  raw.exec("BEGIN IMMEDIATE");
  const auto cases = raw.query(k_case_select + "WHERE n.path LIKE ? AND EXISTS (SELECT 1 FROM case_members m WHERE "
                                               "m.case_id = c.id AND m.user_id = ?) AND ? = '' AND c.state NOT IN "
                                               "('closed', 'rejected') ORDER BY c.created_at DESC LIMIT ?",
                               {unit_path + "%", user, std::string(), 1000LL}, true);
  for (const auto& c : cases) {
    ++n;
    const std::string& id = c[0];
    const std::string& household = c[3];
    n += case_facts_raw(raw, id, household, c[10]);
    n += schedule_raw(raw, id, household);
    raw.query("SELECT last_name FROM persons WHERE household_id = ? ORDER BY created_at, id LIMIT 1", {household});
    raw.query("SELECT m.id, m.what, m.due_on FROM plan_measures m JOIN plans p ON p.id = m.plan_id WHERE m.case_id = "
              "? AND p.superseded_by IS NULL AND m.status NOT IN ('done', 'not_done', 'cancelled') AND m.due_on <= ? "
              "ORDER BY m.due_on, m.ordinal",
              {id, until}, false, &n);
    raw.query("SELECT id, review_on FROM plans WHERE case_id = ? AND superseded_by IS NULL AND review_on <= ? ORDER BY "
              "review_on",
              {id, until}, false, &n);
    raw.query("SELECT id, case_id, signed_by, covers, scope, signed_on, valid_until, withdrawn_on, document_id, "
              "created_by, created_at FROM consents WHERE case_id = ? ORDER BY created_at, id",
              {id}, false, &n);
  }
  raw.query("SELECT r.id, r.case_id, r.partner_id, p.name, r.reason, r.sent_on, r.due_on, r.status, r.response, "
            "r.created_by, r.created_at, r.updated_at, c.household_id FROM referrals r JOIN partners p ON p.id = "
            "r.partner_id JOIN cases c ON c.id = r.case_id WHERE c.lead_id = ? AND r.due_on < ? AND r.status NOT IN "
            "('done', 'declined') AND c.state NOT IN ('closed', 'rejected') ORDER BY r.due_on, r.id",
            {user, today}, false, &n);
  raw.query("SELECT s.id, s.unit_id, n.path, s.received_at, s.source, s.source_details, s.reported, s.address, "
            "s.persons, s.urgency, s.deadline_at, s.household_id, s.triage_outcome, s.triage_reason, s.triaged_at, "
            "s.triaged_by, s.case_id, s.created_by, s.created_at FROM signals s JOIN units n ON n.id = s.unit_id "
            "WHERE n.path LIKE ? AND s.triaged_at IS NULL ORDER BY s.deadline_at, s.received_at, s.id LIMIT ?",
            {unit_path + "%", 200LL}, false, &n);
  raw.exec("COMMIT");
  return n;
}

std::string scan_prefix(const std::string& name) {
  const auto query = domain::parse_search_query(name);
  if (!query) {
    return "ivan";
  }
  const auto variants = query->scan_variants();
  return variants.empty() ? std::string("ivan") : variants.front();
}

// storage::scan_search_terms's SQL: the units under `root`, then one key range per unit merged (a region has fewer
// than the 128 units read one by one).
long long search_raw(Raw& raw, const std::string& prefix, const std::string& root) {
  long long n = 0;
  const std::string end = domain::prefix_end(prefix);
  const std::string upper = end.empty() ? std::string(1, '\x7f') : end;
  raw.exec("BEGIN IMMEDIATE");
  const auto units = raw.query("SELECT id FROM units WHERE substr(path, 1, ?) = ? ORDER BY id",
                               {static_cast<long long>(root.size()), root}, true);
  const std::string columns = "SELECT term, field, household_id, person_id, unit_id FROM search_terms ";
  const std::string order = " ORDER BY term, household_id, person_id, field";
  std::string chosen;
  std::vector<Arg> params;
  for (size_t i = 0; i < units.size(); ++i) {
    chosen += (i == 0 ? "" : " UNION ALL ") + std::string("SELECT * FROM (") + columns +
              "WHERE unit_id = ? AND term >= ? AND term < ?" + order + " LIMIT ?) u" + std::to_string(i);
    params.insert(params.end(), {units[i][0], prefix, upper, 50LL});
  }
  params.insert(params.end(), {50LL, 0LL});
  raw.query("SELECT t.term, t.field, t.household_id, t.person_id, n.path, h.address FROM (" + chosen + order +
                " LIMIT ? OFFSET ?) t JOIN households h ON h.id = t.household_id JOIN units n ON n.id = t.unit_id "
                "ORDER BY t.term, t.household_id, t.person_id, t.field",
            params, false, &n);
  raw.exec("COMMIT");
  return n;
}

storage::VisitRecord bench_visit(const storage::CaseRecord& c, const std::string& today, long long now) {
  storage::VisitRecord v;
  v.id = "bench" + std::to_string(now) + std::to_string(std::rand());
  v.case_id = c.id;
  v.planned_on = today;
  v.actual_on = today;
  v.kind = "home";
  v.participants = {*c.lead_id};
  v.purpose = "Плановое посещение";
  v.home = "Порядок удовлетворительный";
  v.relations = "Ровные";
  v.child_safety_checked = true;
  v.actions = "Беседа";
  v.next_step = "По графику";
  v.created_by = "storage-bench";
  v.created_at = now;
  v.updated_at = now;
  return v;
}

// The MAC key the server keeps beside the file (`patronage serve` creates it), so that a region the HTTP bench has
// written to verifies too; none: the generator's entries, hash only.
std::string audit_key_beside(const std::string& path) {
  std::ifstream in(std::filesystem::path(path).replace_extension(".audit-key"), std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

int check(const std::string& path) {
  storage::DatabaseOptions options;
  options.audit.key = audit_key_beside(path);
  auto db = must(storage::Database::open("sqlite:" + path, options), "open");
  auto verification = must(db->transact([](storage::Tx& tx) -> util::Result<storage::AuditVerification> {
    return storage::verify_audit(tx);
  }),
                           "verify");
  Raw raw(path);
  long long problems = 0;
  raw.query("PRAGMA foreign_key_check", {}, false, &problems);
  std::printf("audit chain: %s, %lld entries; foreign key problems: %lld\n", verification.ok ? "ok" : "BROKEN",
              verification.checked, problems);
  bool ok = verification.ok && problems == 0;
  for (const char* table : {"households", "persons", "cases", "visits", "users", "search_terms", "person_keys"}) {
    auto rows = raw.query(std::string("SELECT COUNT(*) FROM ") + table, {}, true);
    std::printf("%s: %s\n", table, rows.front()[0].c_str());
    ok = ok && rows.front()[0] != "0";
  }
  auto states = raw.query("SELECT COUNT(DISTINCT state) FROM cases", {}, true);
  std::printf("case states: %s\n", states.front()[0].c_str());
  return ok ? 0 : 1;
}

// storage::bulk (durable mode: synchronous=FULL per commit, foreign keys checked, indexes kept) against raw
// sqlite3 prepared inserts with the same settings and commit size, into new migrated databases.
void bulk_import(const std::string& dir, long long rows) {
  auto fresh = [&](const std::string& name) {
    const std::string path = dir + "/" + name;
    for (const char* suffix : {"", "-wal", "-shm"}) {
      std::filesystem::remove(path + suffix);
    }
    auto db = must(storage::Database::open("sqlite:" + path), "open");
    must(db->migrate(), "migrate");
    return path;
  };
  const long long households = rows / 4; // one household row and three person rows per household
  auto household_id = [](long long i) { return "h" + std::to_string(1000000000 + i) + "xxxxxxxxx"; };
  auto person_id = [](long long i, int k) { return "p" + std::to_string(1000000000 + i) + "x" + std::to_string(k) + "xxxxxxx"; };
  const std::string unit = "unit0000000000000000";
  const std::string path = "/" + unit + "/";

  Result bulk_result;
  {
    const std::string file = fresh("bulk-storage.db");
    auto loader = must(storage::bulk::Loader::open("sqlite:" + file, {}), "bulk open");
    // The columns of storage/bulk_tables.hpp, in their order.
    auto& units = loader->table("units");
    auto& hh = loader->table("households");
    auto& persons = loader->table("persons");
    const auto start = Clock::now();
    units.add({unit, storage::bulk::Null{}, "Область", "region", path, 0LL});
    for (long long i = 0; i < households; ++i) {
      const std::string h = household_id(i);
      hh.add({h, unit, "г. Энск, ул. Ленина, д. 12, кв. 34", "+7 912 345-67-01", "low_income", "", "bench", 1LL, 1LL,
              1LL});
      for (int k = 0; k < 3; ++k) {
        persons.add({person_id(i, k), h, "Смирнова", "Татьяна", "Викторовна", "1988-04-17", "female", "mother", "",
                     0LL, 0LL, storage::bulk::Null{}, "", "", "", 1LL, 1LL, 1LL,
                     storage::bulk::Null{}});
      }
    }
    if (auto done = loader->finish(); !done) {
      die("bulk: " + done.error().key);
    }
    bulk_result.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    bulk_result.rows = loader->rows();
  }
  Result raw_result;
  {
    const std::string file = fresh("bulk-raw.db");
    Raw raw(file);
    raw.exec("PRAGMA cache_size = -262144");
    const auto start = Clock::now();
    long long since_commit = 0;
    raw.exec("BEGIN IMMEDIATE");
    auto row = [&] {
      if (++since_commit >= 50000) {
        raw.exec("COMMIT");
        raw.exec("BEGIN IMMEDIATE");
        since_commit = 0;
      }
    };
    raw.query("INSERT INTO units (id, parent_id, name, kind, path, created_at) VALUES (?, NULL, ?, ?, ?, 0)",
              {unit, std::string("Область"), std::string("region"), path});
    const std::string insert_household = "INSERT INTO households (id, unit_id, address, phone, categories, notes, "
                                         "created_by, created_at, updated_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
                                         "?, ?)";
    const std::string insert_person =
        "INSERT INTO persons (id, household_id, last_name, first_name, patronymic, birth_date, sex, household_role, "
        "represents, disability, pregnant, pregnancy_due, school, employment, phone, created_at, updated_at, "
        "version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?)";
    const std::vector<Arg> person_tail{std::string("Смирнова"), std::string("Татьяна"), std::string("Викторовна"),
                                       std::string("1988-04-17"), std::string("female"), std::string("mother"),
                                       std::string(), 0LL, 0LL, std::string(), std::string(), std::string(), 1LL, 1LL,
                                       1LL};
    for (long long i = 0; i < households; ++i) {
      const std::string h = household_id(i);
      raw.query(insert_household, {h, unit, std::string("г. Энск, ул. Ленина, д. 12, кв. 34"),
                                   std::string("+7 912 345-67-01"), std::string("low_income"), std::string(),
                                   std::string("bench"), 1LL, 1LL, 1LL});
      row();
      for (int k = 0; k < 3; ++k) {
        std::vector<Arg> args{person_id(i, k), h};
        args.insert(args.end(), person_tail.begin(), person_tail.end());
        raw.query(insert_person, args);
        row();
      }
    }
    raw.exec("COMMIT");
    raw_result.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    raw_result.rows = households * 4 + 1;
  }
  const double bulk_rate = static_cast<double>(bulk_result.rows) / bulk_result.seconds;
  const double raw_rate = static_cast<double>(raw_result.rows) / raw_result.seconds;
  std::printf("bulk import (households + 3 persons each, 50k rows per durable commit, FKs and indexes on)\n");
  std::printf("  storage::bulk %10lld rows %8.2f s %10.0f rows/s\n", bulk_result.rows, bulk_result.seconds, bulk_rate);
  std::printf("  raw sqlite3   %10lld rows %8.2f s %10.0f rows/s\n", raw_result.rows, raw_result.seconds, raw_rate);
  std::printf("  storage/raw rate %.2f\n", bulk_rate / raw_rate);
  for (const char* name : {"bulk-storage.db", "bulk-raw.db"}) {
    for (const char* suffix : {"", "-wal", "-shm"}) {
      std::filesystem::remove(dir + "/" + name + suffix);
    }
  }
}

} // namespace

int main(int argc, char** argv) {
  std::string path;
  double seconds = 5;
  long long bulk_rows = 400000;
  bool only_check = false;
  std::string only;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
    if (arg == "--db") {
      path = value();
    } else if (arg == "--seconds") {
      seconds = std::atof(value().c_str());
    } else if (arg == "--bulk-rows") {
      bulk_rows = std::atoll(value().c_str());
    } else if (arg == "--check") {
      only_check = true;
    } else if (arg == "--only") {
      only = value();
    } else {
      std::fprintf(stderr, "usage: patronage_storage_bench --db FILE [--seconds S] [--bulk-rows N] [--check] "
                           "[--only case|visits|worklist|search|visit_write|bulk]\n");
      return 2;
    }
  }
  if (path.empty()) {
    std::fprintf(stderr, "--db is required\n");
    return 2;
  }
  if (only_check) {
    return check(path);
  }
  auto wants = [&](const char* name) { return only.empty() || only == name; };
  std::mt19937_64 rng(7);
  storage::DatabaseOptions options;
  options.pool_size = 1;
  // Both sides seal their audit entries with the region's key, as the server does: an entry without its MAC after
  // the chain became keyed breaks `audit verify` (and this tool's --check) for every later run.
  options.audit.key = audit_key_beside(path);
  auto db = must(storage::Database::open("sqlite:" + path, options), "open");
  Raw raw(path);
  const auto s = sample(raw, 2000, rng);
  const auto today_date = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  const std::string today = util::format_date(today_date);
  const std::string until = util::format_date(today_date + std::chrono::days{7});
  std::printf("database %s (%.0f MB); %.1f s per side per operation\n", path.c_str(),
              static_cast<double>(std::filesystem::file_size(path)) / 1e6, seconds);
  auto run = [&](const std::function<long long(storage::Tx&, long long)>& op) {
    return [&db, op](long long i) {
      return must(db->transact([&](storage::Tx& tx) -> util::Result<long long> { return op(tx, i); }), "transact");
    };
  };
  const long long k_max = 1000000;
  if (wants("case")) {
    auto storage_r = measure(seconds, k_max, run([&](storage::Tx& tx, long long i) {
                               return case_read_storage(tx, s.cases[i % s.cases.size()]);
                             }));
    auto raw_r = measure(seconds, k_max, [&](long long i) { return case_read_raw(raw, s.cases[i % s.cases.size()]); });
    report("case read (queries of GET /cases/{id} + household and members)", storage_r, raw_r);
  }
  if (wants("visits")) {
    auto storage_r = measure(seconds, k_max, run([&](storage::Tx& tx, long long i) {
                               return static_cast<long long>(storage::list_visits(tx, s.cases[i % s.cases.size()].id).size());
                             }));
    auto raw_r = measure(seconds, k_max, [&](long long i) { return visits_raw(raw, s.cases[i % s.cases.size()].id); });
    report("visits tab of a case (every visit with its children's notes)", storage_r, raw_r);
  }
  if (wants("worklist")) {
    auto storage_r = measure(seconds, k_max, run([&](storage::Tx& tx, long long i) {
                               const auto& [user, unit] = s.specialists[i % s.specialists.size()];
                               return work_list_storage(tx, user, unit, until, today);
                             }));
    auto raw_r = measure(seconds, k_max, [&](long long i) {
      const auto& [user, unit] = s.specialists[i % s.specialists.size()];
      return work_list_raw(raw, user, unit, until, today);
    });
    report("specialist's work list (storage queries of app::work_list)", storage_r, raw_r);
  }
  if (wants("search")) {
    std::vector<std::string> prefixes;
    for (const auto& name : s.surnames) {
      prefixes.push_back(scan_prefix(name));
    }
    auto storage_r = measure(seconds, k_max, run([&](storage::Tx& tx, long long i) {
                               return static_cast<long long>(
                                   storage::scan_search_terms(tx, prefixes[i % prefixes.size()], s.region_path, 0, 50)
                                       .size());
                             }));
    auto raw_r = measure(seconds, k_max, [&](long long i) {
      return search_raw(raw, prefixes[i % prefixes.size()], s.region_path);
    });
    report("name search (quick-search index scan, first 50 hits in the region)", storage_r, raw_r);
    // A specialist's search: the centre's own terms only (issue 16), however many other centres share the name.
    auto centre = [&](long long i) -> const std::string& { return s.specialists[i % s.specialists.size()].second; };
    auto centre_storage_r = measure(seconds, k_max, run([&](storage::Tx& tx, long long i) {
                                      return static_cast<long long>(
                                          storage::scan_search_terms(tx, prefixes[i % prefixes.size()], centre(i), 0,
                                                                     50)
                                              .size());
                                    }));
    auto centre_raw_r = measure(seconds, k_max, [&](long long i) {
      return search_raw(raw, prefixes[i % prefixes.size()], centre(i));
    });
    report("name search in a centre (quick-search index scan, first 50 hits in a specialist's unit)",
           centre_storage_r, centre_raw_r);
  }
  if (wants("visit_write")) {
    const long long now = std::chrono::duration_cast<std::chrono::seconds>(
                              std::chrono::system_clock::now().time_since_epoch())
                              .count();
    const long long writes = 300;
    auto storage_r = measure(seconds, writes, run([&](storage::Tx& tx, long long i) {
                               const auto visit = bench_visit(s.cases[i % s.cases.size()], today, now);
                               storage::insert_visit(tx, visit);
                               storage::AuditEntry entry;
                               entry.at = now;
                               entry.user_id = "storage-bench";
                               entry.action = "visit.create";
                               entry.entity = "visit";
                               entry.entity_id = visit.id;
                               storage::append_audit(tx, entry);
                               return 1LL;
                             }));
    auto raw_r = measure(seconds, writes, [&](long long i) {
      const auto visit = bench_visit(s.cases[i % s.cases.size()], today, now);
      raw.exec("BEGIN IMMEDIATE");
      raw.query("INSERT INTO visits (id, case_id, planned_on, actual_on, kind, participants, purpose, home, relations, "
                "child_safety_checked, child_safety_concern, child_safety_note, actions, next_step, closing, "
                "missed_reason, created_by, created_at, updated_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                "?, ?, ?, ?, NULL, ?, ?, ?, ?)",
                {visit.id, visit.case_id, visit.planned_on, *visit.actual_on, visit.kind, visit.participants.front(),
                 visit.purpose, visit.home, visit.relations, 1LL, 0LL, std::string(), visit.actions, visit.next_step,
                 0LL, visit.created_by, now, now, 1LL});
      raw.query("DELETE FROM visit_children WHERE visit_id = ?", {visit.id});
      // The report counters, as storage::insert_visit keeps them (a visit made on its planned day).
      raw.query("INSERT INTO visit_day_counts (unit_id, planned_on, kind, planned, made, missed, on_time) "
                "SELECT unit_id, ?, ?, 1, 1, 0, 1 FROM cases WHERE id = ? ON CONFLICT (unit_id, planned_on, kind) "
                "DO UPDATE SET planned = visit_day_counts.planned + 1, made = visit_day_counts.made + 1, "
                "on_time = visit_day_counts.on_time + 1",
                {visit.planned_on, visit.kind, visit.case_id});
      auto head = raw.query("SELECT seq, hash FROM audit_head WHERE id = 1", {}, true);
      storage::AuditEntry entry;
      entry.seq = std::atoll(head.front()[0].c_str()) + 1;
      entry.at = now;
      entry.user_id = "storage-bench";
      entry.action = "visit.create";
      entry.entity = "visit";
      entry.entity_id = visit.id;
      entry.prev_hash = head.front()[1];
      entry.hash = storage::audit_hash(entry, entry.prev_hash);
      if (!options.audit.key.empty()) {
        entry.mac = storage::audit_mac(options.audit.key, entry, entry.prev_hash);
      }
      raw.query("INSERT INTO audit_log (seq, at, user_id, action, entity, entity_id, address, request_id, details, "
                "prev_hash, hash, mac) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                {entry.seq, entry.at, entry.user_id, entry.action, entry.entity, entry.entity_id, entry.address,
                 entry.request_id, entry.details, entry.prev_hash, entry.hash, entry.mac});
      raw.query("UPDATE audit_head SET seq = ?, hash = ?, "
                "mac_from = CASE WHEN mac_from = 0 AND ? <> '' THEN ? ELSE mac_from END WHERE id = 1",
                {entry.seq, entry.link(), entry.mac, entry.seq});
      raw.exec("COMMIT");
      return 1LL;
    });
    report("record a visit (insert + audit entry, one durable commit, synchronous=FULL)", storage_r, raw_r);
    // The visits written here are removed again, and taken off the report counters; their audit entries stay (the
    // log is append-only) and keep the chain valid.
    raw.exec("BEGIN IMMEDIATE");
    raw.exec("INSERT INTO visit_day_counts (unit_id, planned_on, kind, planned, made, missed, on_time) "
             "SELECT c.unit_id, v.planned_on, v.kind, -COUNT(*), "
             "-SUM(CASE WHEN v.actual_on IS NOT NULL THEN 1 ELSE 0 END), "
             "-SUM(CASE WHEN v.actual_on IS NULL AND v.missed_reason IS NOT NULL THEN 1 ELSE 0 END), "
             "-SUM(CASE WHEN v.actual_on IS NOT NULL AND v.actual_on <= v.planned_on THEN 1 ELSE 0 END) "
             "FROM visits v JOIN cases c ON c.id = v.case_id WHERE v.created_by = 'storage-bench' "
             "GROUP BY c.unit_id, v.planned_on, v.kind ON CONFLICT (unit_id, planned_on, kind) DO UPDATE SET "
             "planned = visit_day_counts.planned + excluded.planned, made = visit_day_counts.made + excluded.made, "
             "missed = visit_day_counts.missed + excluded.missed, "
             "on_time = visit_day_counts.on_time + excluded.on_time");
    raw.exec("DELETE FROM visit_day_counts WHERE planned = 0");
    raw.exec("DELETE FROM visits WHERE created_by = 'storage-bench'");
    raw.exec("COMMIT");
  }
  if (wants("bulk")) {
    bulk_import(std::filesystem::path(path).parent_path().string(), bulk_rows);
  }
  return 0;
}
