#include "import/importer.hpp"

#include <algorithm>
#include <map>
#include <set>

#include <boost/json.hpp>

#include "app/audit_trail.hpp"
#include "app/clock.hpp"
#include "app/duplicate_search.hpp"
#include "domain/duplicates.hpp"
#include "domain/name_key.hpp"
#include "domain/search_terms.hpp"
#include "import/cases.hpp"
#include "import/file_members.hpp"
#include "storage/bulk.hpp"
#include "storage/households.hpp"
#include "storage/imports.hpp"
#include "storage/page_cache.hpp"
#include "storage/units.hpp"
#include "util/crypto.hpp"
#include "util/id_sequence.hpp"
#include "util/parallel.hpp"
#include "util/strings.hpp"
#include "util/time_zone.hpp"

namespace patronage::import {
namespace {

constexpr std::size_t k_progress_every = 500;
constexpr std::size_t k_max_matches = 3; // per row in the report
// Threads that fold the rows and compare them with each other; the registry check and the load stay on one.
constexpr unsigned k_max_check_threads = 4;
// Families a thread folds at a time before the load (fold_new_records).
constexpr std::size_t k_families_per_fold = 512;
// SQLite's page cache while a file is applied or undone: a register of 100,000 families writes about a gigabyte of
// pages in one transaction (its undo changes as many), and with the connection's usual 2 MB each page goes to the
// WAL many times (the machine has 24 GB; pages are taken only as the load needs them, and given back after it).
constexpr long long k_import_cache_kib = 1024LL * 1024;
// Rows per table written at once, each batch in key order (storage::bulk::Options::in_key_order): the larger the
// batch, the closer its rows' B-tree pages.
constexpr std::size_t k_import_batch_rows = 20000;

// Whether `actor` may import families into the unit at `unit_path` (a head, into their own subtree).
bool may_import_into(const app::Actor& actor, const std::string& unit_path) {
  return domain::can(actor.subject(), domain::Action::household_import, {unit_path, ""});
}

std::optional<std::string> text_or_null(const boost::json::value& v) {
  return v.is_string() ? std::optional<std::string>(std::string(v.as_string())) : std::nullopt;
}

std::string household_state(const storage::HouseholdRecord& h) {
  return boost::json::serialize(boost::json::object{{"address", h.address},
                                                    {"phone", h.phone},
                                                    {"categories", util::join(h.categories)},
                                                    {"notes", h.notes},
                                                    {"updated_at", h.updated_at},
                                                    {"version", h.version}});
}

storage::HouseholdRecord household_from_state(storage::HouseholdRecord h, const std::string& state) {
  const auto o = boost::json::parse(state).as_object();
  h.address = o.at("address").as_string();
  h.phone = o.at("phone").as_string();
  h.categories = util::split(std::string(o.at("categories").as_string()));
  h.notes = o.at("notes").as_string();
  h.updated_at = o.at("updated_at").to_number<long long>();
  h.version = o.at("version").to_number<int>();
  return h;
}

boost::json::value nullable_json(const std::optional<std::string>& v) {
  return v ? boost::json::value(*v) : boost::json::value(nullptr);
}

std::string person_state(const storage::PersonRecord& p) {
  return boost::json::serialize(boost::json::object{{"last_name", p.last_name},
                                                    {"first_name", p.first_name},
                                                    {"patronymic", p.patronymic},
                                                    {"birth_date", nullable_json(p.birth_date)},
                                                    {"sex", p.sex},
                                                    {"household_role", p.household_role},
                                                    {"phone", p.phone},
                                                    {"snils", nullable_json(p.snils)},
                                                    {"updated_at", p.updated_at},
                                                    {"version", p.version}});
}

storage::PersonRecord person_from_state(storage::PersonRecord p, const std::string& state) {
  const auto o = boost::json::parse(state).as_object();
  p.last_name = o.at("last_name").as_string();
  p.first_name = o.at("first_name").as_string();
  p.patronymic = o.at("patronymic").as_string();
  p.birth_date = text_or_null(o.at("birth_date"));
  p.sex = o.at("sex").as_string();
  p.household_role = o.at("household_role").as_string();
  p.phone = o.at("phone").as_string();
  p.snils = text_or_null(o.at("snils"));
  p.updated_at = o.at("updated_at").to_number<long long>();
  p.version = o.at("version").to_number<int>();
  return p;
}

// What an import record names, as stored now: the household it belongs to (a household's own id) and its version.
struct Stored {
  std::string household_id;
  int version = 0;
};

// Read once per record for the whole undo; nullopt when the record is gone.
std::optional<Stored> find_stored(storage::Tx& tx, const storage::ImportRecord& r) {
  if (r.entity == "case") {
    const auto opened = storage::find_case(tx, r.entity_id);
    return opened ? std::optional(Stored{opened->household_id, opened->version}) : std::nullopt;
  }
  if (r.entity == "person") {
    const auto person = storage::find_person(tx, r.entity_id);
    return person ? std::optional(Stored{person->household_id, person->version}) : std::nullopt;
  }
  const auto household = storage::find_household(tx, r.entity_id);
  return household ? std::optional(Stored{household->id, household->version}) : std::nullopt;
}

// Cells with a value replace the stored ones; empty cells never erase.
void set_if(std::string& target, const std::string& value) {
  if (!value.empty()) {
    target = value;
  }
}

bool merge_household(storage::HouseholdRecord& h, const HouseholdRows& rows) {
  const auto before = h;
  set_if(h.address, rows.address);
  set_if(h.phone, rows.phone);
  set_if(h.notes, rows.notes);
  for (const auto& code : rows.categories) {
    if (std::find(h.categories.begin(), h.categories.end(), code) == h.categories.end()) {
      h.categories.push_back(code);
    }
  }
  return h.address != before.address || h.phone != before.phone || h.notes != before.notes ||
         h.categories != before.categories;
}

// A name that differs only in its spelling (script, case, ё) keeps the stored one: a register in Latin letters must
// not rewrite a Cyrillic registry.
void set_name_if(std::string& target, const std::string& value) {
  if (!value.empty() && domain::name_skeleton(value) != domain::name_skeleton(target)) {
    target = value;
  }
}

bool merge_person(storage::PersonRecord& p, const PersonRow& row) {
  const auto before = p;
  set_name_if(p.last_name, row.last_name);
  set_name_if(p.first_name, row.first_name);
  set_name_if(p.patronymic, row.patronymic);
  if (row.birth_date) {
    p.birth_date = row.birth_date;
  }
  set_if(p.sex, row.sex);
  set_if(p.household_role, row.household_role);
  set_if(p.phone, row.phone);
  if (!row.snils.empty()) {
    p.snils = row.snils;
  }
  return p.last_name != before.last_name || p.first_name != before.first_name || p.patronymic != before.patronymic ||
         p.birth_date != before.birth_date || p.sex != before.sex || p.household_role != before.household_role ||
         p.phone != before.phone || p.snils != before.snils;
}

// What the check decided for one member row.
struct MemberPlan {
  const PersonRow* row = nullptr;
  std::optional<storage::PersonRecord> existing; // update this one
  bool held = false;
  std::vector<RowMatch> matches;
  std::vector<domain::SearchTerm> terms; // a new person's, folded before the load (fold_new_records)
  std::vector<std::string> keys;         // a new person's match keys
};

struct HouseholdPlan {
  const HouseholdRows* rows = nullptr;
  std::optional<storage::HouseholdRecord> existing;
  std::string unit_id;
  std::vector<MemberPlan> members;
  bool held = false;
  // A new household's search terms and match keys, folded before the load.
  std::vector<domain::SearchTerm> terms;
  std::vector<std::string> keys;
  std::optional<CasePlan> open_case{};
};

class Checker {
public:
  Checker(storage::Tx& tx, const app::Services& services, const app::Actor& actor, const Plan& plan,
          const ImportOptions& options, std::vector<Issue>& issues)
      : m_tx(tx), m_actor(actor), m_plan(plan), m_options(options), m_issues(issues), m_registry(tx) {
    m_earlier = storage::imported_rows(tx, options.file_sha256);
    m_cases.emplace(tx, services, actor, plan, m_earlier, issues);
    for (auto& unit : storage::list_units_under(tx, actor.unit_path)) {
      m_unit_paths[unit.id] = unit.path;
      const auto name = domain::fold_case(unit.name);
      if (!m_units.emplace(name, std::move(unit)).second) {
        m_ambiguous.insert(name);
      }
    }
  }

  std::vector<HouseholdPlan> run() {
    m_members.emplace(m_plan, util::worker_threads(k_max_check_threads));
    std::vector<HouseholdPlan> out;
    std::size_t done = 0;
    for (const auto& rows : m_plan.households) {
      out.push_back(check_household(rows));
      done += std::max<std::size_t>(1, rows.members.size());
      if (m_options.progress && done / k_progress_every != (done - rows.members.size()) / k_progress_every) {
        m_options.progress(done, m_plan.rows);
      }
    }
    if (m_options.progress) {
      m_options.progress(m_plan.rows, m_plan.rows);
    }
    return out;
  }

private:
  // Whether the actor may import into the household's unit: a record outside the subtree is neither shown nor
  // touched, whatever the file or a decision names.
  bool in_reach(const storage::HouseholdRecord& household) const {
    return may_import_into(m_actor, household.unit_path);
  }

  // The stored household of `person`, when the actor may import into it.
  bool in_reach(const storage::PersonRecord& person) {
    const auto household = storage::find_household(m_tx, person.household_id);
    return household && in_reach(*household);
  }

  // `found` when it is within the actor's reach: a record outside it is as good as unknown.
  template <class Record> std::optional<Record> within_reach(std::optional<Record> found) {
    if (found && !in_reach(*found)) {
      return std::nullopt;
    }
    return found;
  }

  void issue(int row, std::string column, std::string value, std::string key,
             std::vector<std::pair<std::string, std::string>> params = {}) {
    m_issues.push_back({row, std::move(column), std::move(value), std::move(key), std::move(params)});
  }

  std::string unit_of(const HouseholdRows& rows) {
    if (!rows.unit.empty()) {
      const auto name = domain::fold_case(rows.unit);
      if (m_ambiguous.contains(name)) {
        issue(rows.row, "unit", rows.unit, "import.unit_ambiguous");
        return {};
      }
      auto found = m_units.find(name);
      if (found == m_units.end()) {
        issue(rows.row, "unit", rows.unit, "import.unit_unknown");
        return {};
      }
      return found->second.id;
    }
    if (!m_options.unit_id) {
      issue(rows.row, "unit", "", "import.unit_required");
      return {};
    }
    return *m_options.unit_id;
  }

  HouseholdPlan check_household(const HouseholdRows& rows) {
    HouseholdPlan plan{&rows, std::nullopt, unit_of(rows), {}, false, {}, {}};
    // A stored household id in the household column (an export read back), or this row of the same file loaded
    // by an earlier batch.
    if (util::looks_like_random_id(rows.key)) {
      const auto found = storage::find_household(m_tx, rows.key);
      plan.existing = within_reach(found);
      if (found && !plan.existing) {
        // Answered as an unknown id would be, were it not taken: ids cannot be probed.
        issue(rows.row, "household", rows.key, "import.household_not_found");
      }
    }
    if (auto earlier = m_earlier.find({"household", rows.row}); !plan.existing && earlier != m_earlier.end()) {
      // Another subtree's load of the same file is not this one's.
      plan.existing = within_reach(storage::find_household(m_tx, earlier->second));
    }
    for (const auto& member : rows.members) {
      plan.members.push_back(check_member(member, m_next_member++));
      plan.held = plan.held || plan.members.back().held;
      if (!plan.existing && plan.members.back().existing) {
        // The family of a person taken as stored is that person's household.
        plan.existing = storage::find_household(m_tx, plan.members.back().existing->household_id);
      }
    }
    if (rows.open_case && (plan.existing || !plan.unit_id.empty())) {
      const auto unit_path = plan.existing ? plan.existing->unit_path : unit_path_of(plan.unit_id);
      plan.open_case = m_cases->check(*rows.open_case, plan.existing ? &*plan.existing : nullptr, unit_path);
    }
    return plan;
  }

  std::string unit_path_of(const std::string& unit_id) {
    if (auto found = m_unit_paths.find(unit_id); found != m_unit_paths.end()) {
      return found->second;
    }
    const auto unit = storage::find_unit(m_tx, unit_id);
    return m_unit_paths[unit_id] = unit ? unit->path : "";
  }

  // `member`: the row's place in m_members.
  MemberPlan check_member(const PersonRow& row, std::size_t member) {
    // Its match keys, as the in-file check made them (they do not depend on the address).
    MemberPlan plan{&row, std::nullopt, false, {}, {}, m_members->keys(member)};
    if (auto decided = m_options.decisions.find(row.row); decided != m_options.decisions.end()) {
      if (decided->second.same) {
        // A person outside the subtree is "unknown": never updated, never probed.
        plan.existing = within_reach(storage::find_person(m_tx, decided->second.person_id));
        if (!plan.existing) {
          issue(row.row, "decision", "same:" + decided->second.person_id, "import.decision_person_unknown");
        }
      }
      return plan;
    }
    if (auto earlier = m_earlier.find({"person", row.row}); earlier != m_earlier.end()) {
      plan.existing = within_reach(storage::find_person(m_tx, earlier->second));
      if (plan.existing) {
        return plan;
      }
    }
    if (!row.snils.empty()) {
      if (auto same = storage::find_person_by_snils(m_tx, row.snils)) {
        if (!in_reach(*same)) {
          // СНИЛС is unique among persons, so the row can be neither created nor matched; its holder's name and
          // birth date stay unsaid.
          issue(row.row, "snils", row.snils, "import.snils_elsewhere");
          return plan;
        }
        plan.matches.push_back({same->id, 0, 1.0, {"same_snils"}, same->last_name + " " + same->first_name,
                                same->birth_date});
        plan.existing = std::move(same);
        return plan;
      }
    }
    for (auto& match : app::person_duplicates_in_tx(m_registry, m_actor, m_members->identity(member),
                                                    m_members->keys(member))) {
      if (plan.matches.size() < k_max_matches) {
        plan.matches.push_back({match.person_id, 0, match.score, std::move(match.reasons), std::move(match.name),
                                std::move(match.birth_date)});
      }
    }
    for (auto& match : m_members->matches(member)) {
      if (plan.matches.size() < k_max_matches + 1) {
        plan.matches.push_back(std::move(match));
      }
    }
    plan.held = !plan.matches.empty();
    return plan;
  }

  storage::Tx& m_tx;
  const app::Actor& m_actor;
  const Plan& m_plan;
  const ImportOptions& m_options;
  std::vector<Issue>& m_issues;
  storage::ImportedRows m_earlier; // what earlier batches of this very file made
  std::map<std::string, storage::UnitRecord> m_units; // by folded name
  std::set<std::string> m_ambiguous;                  // names two units of the subtree share
  std::map<std::string, std::string> m_unit_paths;    // unit id → path
  std::optional<CaseChecker> m_cases;
  storage::PersonCandidateFinder m_registry;
  std::optional<FileMembers> m_members; // every member row folded, keyed and matched within the file
  std::size_t m_next_member = 0;         // the next row's place in m_members
};

// A person made from a file row: what storage::insert_person stores, without its id, household and times.
storage::PersonRecord new_person(const PersonRow& row) {
  storage::PersonRecord person;
  person.last_name = row.last_name;
  person.first_name = row.first_name;
  person.patronymic = row.patronymic;
  person.birth_date = row.birth_date;
  person.sex = row.sex;
  person.household_role = row.household_role.empty() ? "other" : row.household_role;
  person.phone = row.phone;
  if (!row.snils.empty()) {
    person.snils = row.snils;
  }
  return person;
}

// The search terms of the new households and their members, and each new household's match keys (its address's and
// its members', which the in-file check made), folded on every core before the load writes them in order (folding
// was a fifth of a load's work, and does not depend on what is written).
void fold_new_records(std::vector<HouseholdPlan>& plans) {
  util::parallel_for(plans.size(), util::worker_threads(k_max_check_threads), k_families_per_fold,
                     [&](std::size_t begin, std::size_t end) {
                       for (auto i = begin; i < end; ++i) {
                         auto& plan = plans[i];
                         if (plan.held || plan.existing) {
                           continue;
                         }
                         plan.terms = domain::household_search_terms(plan.rows->address);
                         // A new family's members are all new: one taken as stored makes the family theirs.
                         std::vector<std::vector<std::string>> member_keys;
                         for (auto& member : plan.members) {
                           const auto& row = *member.row;
                           member.terms = domain::person_search_terms(row.last_name, row.first_name, row.patronymic,
                                                                      row.birth_date);
                           member_keys.push_back(member.keys);
                         }
                         plan.keys = domain::household_blocking_keys(plan.rows->address, member_keys);
                       }
                     });
}

// Writes what the check planned. Created records go through the bulk path into the import's own transaction (a
// register is hundreds of thousands of rows: one prepared statement per table, bound a batch at a time); updates of
// stored records go row by row, as everywhere else.
class Loader {
public:
  Loader(storage::Tx& tx, const app::Services& services, const app::Actor& actor, ImportReport& report,
         storage::ImportBatchRecord& batch)
      : m_tx(tx), m_services(services), m_actor(actor), m_report(report), m_batch(batch), m_now(app::now_of(services)),
        m_zone(services.settings.time_zone), m_bulk(storage::bulk::Loader::within(
            tx, {.batch_rows = k_import_batch_rows, .cache_kib = k_import_cache_kib, .in_key_order = true})) {
    // Asked for parents first: a full batch writes every table in this order.
    m_households = &m_bulk->table("households");
    m_persons = &m_bulk->table("persons");
    m_person_keys = &m_bulk->table("person_keys");
    m_household_keys = &m_bulk->table("household_keys");
    m_search_terms = &m_bulk->table("search_terms");
    m_records = &m_bulk->table("import_records");
  }

  void load(HouseholdPlan& plan) {
    auto household = plan.existing ? as_loaded(*plan.existing) : new_household(plan);
    if (plan.existing) {
      const auto before = household_state(household);
      if (merge_household(household, *plan.rows)) {
        household.updated_at = m_now;
        storage::update_household(m_tx, household, household.version);
        household.version += 1;
        record("household", household.id, plan.rows->row, "updated", before, household.version);
        ++m_report.households_updated;
      }
      m_stored_households.insert_or_assign(household.id, household);
    } else {
      add_household(household, plan.terms);
      record("household", household.id, plan.rows->row, "created", "", household.version);
      ++m_report.households_created;
    }
    if (plan.members.empty()) {
      m_written[plan.rows->row] = {household.id, ""};
    }
    auto new_ids = ids_in_order(plan.members.size());
    for (auto& member : plan.members) {
      load_member(member, household, new_ids);
    }
    for (const auto& key : plan.keys) { // a stored household's follow in finish()
      m_household_keys->add({household.id, key});
    }
    if (plan.open_case && plan.open_case->open) {
      m_cases.emplace_back(&*plan.open_case, household.id);
    }
  }

  // Writes every pending row, then the match keys of the stored households the file touched (their members are
  // read back, new ones included).
  util::Status finish() {
    if (auto written = m_bulk->finish(); !written) {
      return written;
    }
    for (const auto& [id, household] : m_stored_households) {
      app::refresh_duplicate_keys(m_tx, household, nullptr);
    }
    // Cases after their families: a case refers to its stored household. A register has few of them beside its
    // families, so they go row by row through the same storage functions as a case opened in the app.
    for (const auto& [plan, household_id] : m_cases) {
      const auto household = storage::find_household(m_tx, household_id);
      const auto opened = open_imported_case(m_tx, m_services, m_actor, *plan, *household);
      storage::insert_import_record(m_tx, {m_batch.id, "case", opened.id, plan->row->row, "created", "", opened.version});
      m_case_numbers[plan->row->row] = {household_id, opened.number};
      ++m_report.cases_opened;
    }
    return {};
  }

  // The stored household and person of each loaded file row (created or matched).
  const std::map<int, std::pair<std::string, std::string>>& written() const { return m_written; }
  // The household and number of each case opened, by its file row.
  const std::map<int, std::pair<std::string, std::string>>& case_numbers() const { return m_case_numbers; }

private:
  storage::HouseholdRecord new_household(const HouseholdPlan& plan) {
    storage::HouseholdRecord h;
    // An id from another Patronage (an export's id column) is kept, so that export → import → export is equal.
    h.id = util::looks_like_random_id(plan.rows->key) ? plan.rows->key : m_ids.next();
    h.unit_id = plan.unit_id;
    h.address = plan.rows->address;
    h.phone = plan.rows->phone;
    h.categories = plan.rows->categories;
    h.notes = plan.rows->notes;
    h.created_by = m_actor.id;
    // A register's own registration day is the family's (an export read back keeps it); otherwise today.
    h.created_at = plan.rows->registered_on
                       ? m_zone.start_of(*util::parse_date(*plan.rows->registered_on)).time_since_epoch().count()
                       : m_now;
    h.updated_at = m_now;
    return h;
  }

  // A stored household as this batch left it: two families of a file may be one stored household, and the second
  // must update what the first wrote (its version, its cells), not the state the check read.
  storage::HouseholdRecord as_loaded(const storage::HouseholdRecord& checked) const {
    const auto loaded = m_stored_households.find(checked.id);
    return loaded == m_stored_households.end() ? checked : loaded->second;
  }

  // `count` fresh ids, the smallest last: members created in one second are listed by id (storage::list_persons),
  // so a family's new members keep the file's order.
  std::vector<std::string> ids_in_order(std::size_t count) {
    std::vector<std::string> ids(count);
    std::generate(ids.begin(), ids.end(), [this] { return m_ids.next(); });
    std::sort(ids.begin(), ids.end(), std::greater<>());
    return ids;
  }

  // storage::insert_household's row and search terms, through the bulk path.
  void add_household(const storage::HouseholdRecord& h, const std::vector<domain::SearchTerm>& terms) {
    const auto categories = util::join(h.categories);
    m_households->add({h.id, h.unit_id, h.address, h.phone, categories, h.notes, h.created_by, h.created_at,
                       h.updated_at, static_cast<long long>(h.version)});
    add_terms(h, "", terms);
  }

  // storage::insert_person's row and search terms, and the person's match keys, through the bulk path.
  void add_person(const storage::PersonRecord& p, const storage::HouseholdRecord& household, MemberPlan& member) {
    using storage::bulk::Null;
    using storage::bulk::Value;
    auto nullable = [](const std::optional<std::string>& v) { return v ? Value{*v} : Value{Null{}}; };
    const auto represents = util::join(p.represents);
    m_persons->add({p.id, p.household_id, p.last_name, p.first_name, p.patronymic, nullable(p.birth_date), p.sex,
                    p.household_role, represents, p.disability ? 1LL : 0LL, p.pregnant ? 1LL : 0LL,
                    nullable(p.pregnancy_due), p.school, p.employment, p.phone, p.created_at, p.updated_at,
                    static_cast<long long>(p.version), nullable(p.snils)});
    if (member.terms.empty()) { // a new member of a stored household
      member.terms = domain::person_search_terms(p.last_name, p.first_name, p.patronymic, p.birth_date);
    }
    add_terms(household, p.id, member.terms);
    for (const auto& key : member.keys) {
      m_person_keys->add({p.id, key});
    }
  }

  void add_terms(const storage::HouseholdRecord& household, const std::string& person_id,
                 const std::vector<domain::SearchTerm>& terms) {
    for (const auto& term : terms) {
      m_search_terms->add({household.unit_id, term.term, household.id, person_id, domain::to_string(term.field)});
    }
  }

  void load_member(MemberPlan& member, const storage::HouseholdRecord& household, std::vector<std::string>& new_ids) {
    const auto& row = *member.row;
    if (member.existing) {
      auto person = *member.existing;
      m_written[row.row] = {household.id, person.id};
      const auto before = person_state(person);
      if (merge_person(person, row)) {
        person.updated_at = m_now;
        storage::update_person(m_tx, person, person.version);
        person.version += 1;
        storage::replace_person_keys(m_tx, person.id,
                                     domain::blocking_keys(app::person_identity(person, household.address)));
        record("person", person.id, row.row, "updated", before, person.version);
        ++m_report.persons_updated;
      }
      return;
    }
    auto person = new_person(row);
    person.id = new_ids.back();
    new_ids.pop_back();
    person.household_id = household.id;
    person.created_at = m_now;
    person.updated_at = m_now;
    add_person(person, household, member);
    m_written[row.row] = {household.id, person.id};
    record("person", person.id, row.row, "created", "", person.version);
    ++m_report.persons_created;
  }

  // A record of what the batch did; an update goes through storage::insert_import_record, which keeps a household's
  // first state when the batch meets it twice.
  void record(const std::string& entity, const std::string& id, int row, const std::string& action,
              const std::string& before, int version) {
    if (action != "created") {
      storage::insert_import_record(m_tx, {m_batch.id, entity, id, row, action, before, version});
      return;
    }
    m_records->add({m_batch.id, entity, id, static_cast<long long>(row), action, before,
                    static_cast<long long>(version)});
  }

  storage::Tx& m_tx;
  const app::Services& m_services;
  const app::Actor& m_actor;
  ImportReport& m_report;
  storage::ImportBatchRecord& m_batch;
  long long m_now;
  util::TimeZone m_zone;
  util::IdSequence m_ids;
  std::unique_ptr<storage::bulk::Loader> m_bulk;
  storage::bulk::Table* m_households = nullptr;
  storage::bulk::Table* m_persons = nullptr;
  storage::bulk::Table* m_person_keys = nullptr;
  storage::bulk::Table* m_household_keys = nullptr;
  storage::bulk::Table* m_search_terms = nullptr;
  storage::bulk::Table* m_records = nullptr;
  // Matched ones by id, as this batch left them; their match keys follow after finish().
  std::map<std::string, storage::HouseholdRecord> m_stored_households;
  std::map<int, std::pair<std::string, std::string>> m_written;
  std::vector<std::pair<const CasePlan*, std::string>> m_cases; // to open, with their household's id
  std::map<int, std::pair<std::string, std::string>> m_case_numbers;
};

void add_outcomes(const std::vector<HouseholdPlan>& plans, const std::vector<Issue>& issues, ImportReport& report) {
  std::set<int> bad_rows;
  for (const auto& issue : issues) {
    bad_rows.insert(issue.row);
  }
  for (const auto& plan : plans) {
    auto status = [&](int row, bool existing) {
      if (bad_rows.contains(row)) {
        return RowStatus::error;
      }
      if (plan.held) {
        return RowStatus::held;
      }
      return existing ? RowStatus::update : RowStatus::create;
    };
    if (plan.members.empty()) {
      report.rows.push_back({plan.rows->row, status(plan.rows->row, plan.existing.has_value()),
                             plan.existing ? plan.existing->id : "", "", {}});
    }
    for (const auto& member : plan.members) {
      report.rows.push_back({member.row->row, status(member.row->row, member.existing.has_value()),
                             plan.existing ? plan.existing->id : "", member.existing ? member.existing->id : "",
                             member.matches});
      report.held += report.rows.back().status == RowStatus::held ? 1 : 0;
    }
    if (plan.open_case && !plan.held) {
      const auto& c = *plan.open_case;
      report.cases.push_back({c.row->row, c.open, plan.existing ? plan.existing->id : "",
                              std::string(domain::to_string(c.row->state)), c.row->lead_login,
                              util::format_date(c.opened_on), c.existing_number});
    }
  }
  std::sort(report.cases.begin(), report.cases.end(),
            [](const CaseOutcome& a, const CaseOutcome& b) { return a.row < b.row; });
  std::sort(report.rows.begin(), report.rows.end(),
            [](const RowOutcome& a, const RowOutcome& b) { return a.row < b.row; });
}

// What an apply would do, for the dry run's summary (an update that changes nothing is counted too).
void count_planned(const std::vector<HouseholdPlan>& plans, ImportReport& report) {
  for (const auto& plan : plans) {
    if (plan.held) {
      continue;
    }
    ++(plan.existing ? report.households_updated : report.households_created);
    for (const auto& member : plan.members) {
      ++(member.existing ? report.persons_updated : report.persons_created);
    }
    report.cases_opened += plan.open_case && plan.open_case->open ? 1 : 0;
  }
}

// New families need an address and new persons a sex (the forms require them); only the check against the
// registry knows which are new.
void check_new_records(const Plan& source, const std::vector<HouseholdPlan>& plans, std::vector<Issue>& issues) {
  for (const auto& plan : plans) {
    if (!plan.existing && plan.rows->address.empty()) {
      issues.push_back({plan.rows->row, source.address_column, "", "validation.required"});
    }
    for (const auto& member : plan.members) {
      if (!member.existing && member.row->sex.empty()) {
        issues.push_back({member.row->row, "sex", "", "import.sex_required"});
      }
    }
  }
}

boost::json::object counts_json(const ImportReport& r, const ImportOptions& options, std::size_t issues) {
  // The file's name stays in its batch (removed by an undo), not in the append-only log: an operator may name a
  // file after a family.
  return {{"file_sha256", options.file_sha256},
          {"operator", options.operator_name},
          {"households_created", r.households_created},
          {"households_updated", r.households_updated},
          {"persons_created", r.persons_created},
          {"persons_updated", r.persons_updated},
          {"cases_opened", r.cases_opened},
          {"held", r.held},
          {"errors", issues}};
}

} // namespace

bool may_import(const app::Actor& actor) {
  return may_import_into(actor, actor.unit_path);
}

std::optional<Decision> parse_decision(std::string_view text) {
  const auto trimmed = util::trim(text);
  if (trimmed == "new") {
    return Decision{false, ""};
  }
  if (trimmed.starts_with("same:") && trimmed.size() > 5) {
    return Decision{true, util::trim(trimmed.substr(5))};
  }
  return std::nullopt;
}

std::string_view to_string(RowStatus status) {
  switch (status) {
  case RowStatus::create:
    return "create";
  case RowStatus::update:
    return "update";
  case RowStatus::held:
    return "held";
  case RowStatus::error:
    return "error";
  }
  return "error";
}

util::Result<ImportReport> import_households(const app::Services& services, const app::Actor& actor,
                                             const app::RequestMeta& meta, const Plan& plan,
                                             const ImportOptions& options) {
  return services.db.transact([&](storage::Tx& tx) -> util::Result<ImportReport> {
    // Families go into the actor's own subtree (the CLI acts as the head of the tree).
    if (!may_import(actor)) {
      return util::fail(util::Error::forbidden());
    }
    if (options.unit_id) {
      auto unit = storage::find_unit(tx, *options.unit_id);
      if (!unit || !may_import_into(actor, unit->path)) {
        return util::fail(util::Error::field("unit", "import.unit_not_found"));
      }
    }
    ImportReport report;
    report.issues = plan.issues;
    Checker checker(tx, services, actor, plan, options, report.issues);
    auto plans = checker.run();
    check_new_records(plan, plans, report.issues);
    std::stable_sort(report.issues.begin(), report.issues.end(),
                     [](const Issue& a, const Issue& b) { return a.row < b.row; });
    add_outcomes(plans, report.issues, report);
    if (!options.apply || !report.issues.empty()) {
      count_planned(plans, report);
      app::audit(tx, services, actor.id, meta, "import.check", "import_batch", "",
                 counts_json(report, options, report.issues.size()));
      return report;
    }
    storage::ImportBatchRecord batch{util::random_id(), options.file_sha256, options.file_name, actor.id,
                                     options.operator_name, app::now_of(services)};
    storage::insert_import_batch(tx, batch);
    fold_new_records(plans);
    Loader loader(tx, services, actor, report, batch);
    std::size_t done = 0;
    for (auto& household : plans) {
      if (household.held) {
        continue;
      }
      loader.load(household);
      const auto before = done;
      done += std::max<std::size_t>(1, household.members.size());
      if (options.progress && done / k_progress_every != before / k_progress_every) {
        options.progress(done, plan.rows);
      }
    }
    if (auto written = loader.finish(); !written) {
      return util::fail(written.error());
    }
    if (options.progress) {
      options.progress(plan.rows, plan.rows);
    }
    for (auto& outcome : report.rows) {
      if (auto written = loader.written().find(outcome.row); written != loader.written().end()) {
        outcome.household_id = written->second.first;
        outcome.person_id = written->second.second;
      }
    }
    for (auto& outcome : report.cases) {
      if (auto opened = loader.case_numbers().find(outcome.row); opened != loader.case_numbers().end()) {
        outcome.household_id = opened->second.first;
        outcome.number = opened->second.second;
      }
    }
    batch.households_created = static_cast<int>(report.households_created);
    batch.households_updated = static_cast<int>(report.households_updated);
    batch.persons_created = static_cast<int>(report.persons_created);
    batch.persons_updated = static_cast<int>(report.persons_updated);
    storage::update_import_batch_counts(tx, batch);
    report.applied = true;
    report.batch_id = batch.id;
    app::audit(tx, services, actor.id, meta, "import.apply", "import_batch", batch.id, counts_json(report, options, 0));
    return report;
  });
}

util::Result<UndoResult> undo_import(const app::Services& services, const app::Actor& actor,
                                     const app::RequestMeta& meta, const std::string& batch_id) {
  return services.db.transact([&](storage::Tx& tx) -> util::Result<UndoResult> {
    if (!may_import(actor)) {
      return util::fail(util::Error::forbidden());
    }
    auto batch = storage::find_import_batch(tx, batch_id);
    if (!batch) {
      return util::fail(util::Error::not_found("import.batch_not_found"));
    }
    const storage::WidePageCache cache(tx, k_import_cache_kib);
    const auto records = storage::list_import_records(tx, batch_id);
    // A batch that reached outside the actor's subtree is not theirs to see or undo.
    std::vector<std::optional<Stored>> stored;
    stored.reserve(records.size());
    for (const auto& r : records) {
      stored.push_back(find_stored(tx, r));
      const auto household = stored.back() ? storage::find_household(tx, stored.back()->household_id) : std::nullopt;
      if (household && !may_import_into(actor, household->unit_path)) {
        return util::fail(util::Error::not_found("import.batch_not_found"));
      }
    }
    // Nothing changed since (a case moved or reassigned), nothing made later refers to what the batch made (a
    // case worked on: a visit, a consent, a decision…).
    const auto referenced = storage::referenced_batch_records(tx, batch_id);
    for (std::size_t i = 0; i < records.size(); ++i) {
      const auto& r = records[i];
      if (!stored[i] || stored[i]->version != r.after_version || referenced.contains({r.entity, r.entity_id})) {
        return util::fail(
            util::Error::conflict("import.undo_refused").with("entity", r.entity).with("id", r.entity_id));
      }
    }
    UndoResult result;
    for (const auto& r : records) {
      if (r.entity == "case") {
        storage::delete_case(tx, r.entity_id);
        ++result.removed;
      }
    }
    std::set<std::string> touched; // households whose match keys must follow
    for (std::size_t i = 0; i < records.size(); ++i) {
      const auto& r = records[i];
      if (r.entity != "person") {
        continue;
      }
      touched.insert(stored[i]->household_id);
      if (r.action == "created") {
        storage::delete_person(tx, stored[i]->household_id, r.entity_id);
        ++result.removed;
      } else {
        storage::restore_person(tx, person_from_state(*storage::find_person(tx, r.entity_id), r.before));
        ++result.restored;
      }
    }
    for (const auto& r : records) {
      if (r.entity != "household") {
        continue;
      }
      if (r.action == "created") {
        storage::delete_household(tx, r.entity_id);
        touched.erase(r.entity_id);
        ++result.removed;
      } else {
        storage::restore_household(tx, household_from_state(*storage::find_household(tx, r.entity_id), r.before));
        touched.insert(r.entity_id);
        ++result.restored;
      }
    }
    for (const auto& id : touched) {
      const auto household = storage::find_household(tx, id);
      if (!household) {
        continue;
      }
      for (const auto& person : storage::list_persons(tx, id)) {
        app::refresh_duplicate_keys(tx, *household, &person);
      }
      app::refresh_duplicate_keys(tx, *household, nullptr);
    }
    storage::delete_import_batch(tx, batch_id);
    app::audit(tx, services, actor.id, meta, "import.undo", "import_batch", batch_id,
               {{"file_sha256", batch->file_sha256}, {"removed", result.removed}, {"restored", result.restored}});
    return result;
  });
}

} // namespace patronage::import
