#include "storage/visits.hpp"

#include <map>

#include <soci/soci.h>

#include "storage/nullable.hpp"
#include "storage/visit_day_counts.hpp"

#include "util/strings.hpp"

namespace patronage::storage {
namespace {

constexpr auto k_select_visits =
    "SELECT id, case_id, planned_on, actual_on, kind, participants, purpose, home, relations, "
    "child_safety_checked, child_safety_concern, child_safety_note, actions, next_step, closing, "
    "missed_reason, created_by, created_at, updated_at, version FROM visits ";

struct VisitFetch {
  VisitRecord v;
  Nullable actual{std::nullopt};
  Nullable missed{std::nullopt};
  std::string participants;
  int checked = 0;
  int concern = 0;
  int closing = 0;

  template <typename Target> void bind(Target& t) {
    t, soci::into(v.id), soci::into(v.case_id), soci::into(v.planned_on), soci::into(actual.text, actual.ind),
        soci::into(v.kind), soci::into(participants), soci::into(v.purpose), soci::into(v.home),
        soci::into(v.relations), soci::into(checked), soci::into(concern), soci::into(v.child_safety_note),
        soci::into(v.actions), soci::into(v.next_step), soci::into(closing), soci::into(missed.text, missed.ind),
        soci::into(v.created_by), soci::into(v.created_at), soci::into(v.updated_at), soci::into(v.version);
  }

  VisitRecord take() const {
    VisitRecord out = v;
    out.actual_on = actual.get();
    out.missed_reason = missed.get();
    out.participants = util::split(participants);
    out.child_safety_checked = checked != 0;
    out.child_safety_concern = concern != 0;
    out.closing = closing != 0;
    return out;
  }
};

std::vector<VisitChildNote> load_children(Tx& tx, const std::string& visit_id) {
  VisitChildNote note;
  soci::statement st = (tx.sql().prepare << "SELECT person_id, note FROM visit_children WHERE visit_id = :v "
                                            "ORDER BY ordinal",
                        soci::use(visit_id), soci::into(note.person_id), soci::into(note.note));
  st.execute();
  std::vector<VisitChildNote> out;
  while (st.fetch()) {
    out.push_back(note);
  }
  return out;
}

void store_children(Tx& tx, const VisitRecord& v) {
  tx.sql() << "DELETE FROM visit_children WHERE visit_id = :v", soci::use(v.id);
  for (size_t i = 0; i < v.children.size(); ++i) {
    const int ordinal = static_cast<int>(i);
    tx.sql() << "INSERT INTO visit_children (visit_id, ordinal, person_id, note) VALUES (:v, :o, :p, :n)",
        soci::use(v.id), soci::use(ordinal), soci::use(v.children[i].person_id), soci::use(v.children[i].note);
  }
}

std::vector<VisitRecord> fetch_visits(Tx& tx, const std::string& where, const std::string& value) {
  VisitFetch row;
  auto prepared = (tx.sql().prepare << std::string(k_select_visits) + where, soci::use(value));
  row.bind(prepared);
  soci::statement st(prepared);
  st.execute();
  std::vector<VisitRecord> out;
  while (st.fetch()) {
    out.push_back(row.take());
  }
  return out;
}

// The children's notes of every visit of a case in one query (one query per visit cost 400 queries for a case
// of the generated region, bench/storage).
void load_case_children(Tx& tx, const std::string& case_id, std::vector<VisitRecord>& visits) {
  std::map<std::string, std::vector<VisitChildNote>> by_visit;
  std::string visit_id;
  VisitChildNote note;
  soci::statement st = (tx.sql().prepare << "SELECT c.visit_id, c.person_id, c.note FROM visit_children c "
                                            "JOIN visits v ON v.id = c.visit_id WHERE v.case_id = :c "
                                            "ORDER BY c.visit_id, c.ordinal",
                        soci::use(case_id), soci::into(visit_id), soci::into(note.person_id), soci::into(note.note));
  st.execute();
  while (st.fetch()) {
    by_visit[visit_id].push_back(note);
  }
  for (auto& visit : visits) {
    if (auto found = by_visit.find(visit.id); found != by_visit.end()) {
      visit.children = std::move(found->second);
    }
  }
}

// The unit of the visit's case; std::nullopt when the case is not found (the report, which joins the case, does
// not count such a visit either).
std::optional<std::string> unit_of_case(Tx& tx, const std::string& case_id) {
  std::string unit_id;
  tx.sql() << "SELECT unit_id FROM cases WHERE id = :c", soci::use(case_id), soci::into(unit_id);
  if (!tx.sql().got_data()) {
    return std::nullopt;
  }
  return unit_id;
}

// The visit `id` as stored at `version`, for the counters: not found when it is not stored at that version;
// found without a share when its case is not found (the report does not count it).
struct StoredShare {
  bool found = false;
  std::optional<VisitDayShare> share;
};

StoredShare stored_day_share(Tx& tx, const std::string& id, int version) {
  Nullable unit_id(std::nullopt);
  std::string planned_on;
  std::string kind;
  Nullable actual(std::nullopt);
  Nullable missed(std::nullopt);
  tx.sql() << "SELECT c.unit_id, v.planned_on, v.actual_on, v.kind, v.missed_reason FROM visits v "
              "LEFT JOIN cases c ON c.id = v.case_id WHERE v.id = :id AND v.version = :version",
      soci::use(id), soci::use(version), soci::into(unit_id.text, unit_id.ind), soci::into(planned_on),
      soci::into(actual.text, actual.ind), soci::into(kind), soci::into(missed.text, missed.ind);
  if (!tx.sql().got_data()) {
    return {};
  }
  if (!unit_id.get()) {
    return {true, std::nullopt};
  }
  return {true, visit_day_share(unit_id.text, planned_on, actual.get(), kind, missed.get())};
}

} // namespace

void insert_visit(Tx& tx, const VisitRecord& v) {
  Nullable actual(v.actual_on);
  Nullable missed(v.missed_reason);
  const std::string participants = util::join(v.participants);
  const int checked = v.child_safety_checked ? 1 : 0;
  const int concern = v.child_safety_concern ? 1 : 0;
  const int closing = v.closing ? 1 : 0;
  tx.sql() << "INSERT INTO visits (id, case_id, planned_on, actual_on, kind, participants, purpose, home, relations, "
              "child_safety_checked, child_safety_concern, child_safety_note, actions, next_step, closing, "
              "missed_reason, created_by, created_at, updated_at, version) VALUES (:id, :c, :p, :a, :k, :part, :pur, "
              ":home, :rel, :chk, :con, :note, :act, :next, :clo, :miss, :by, :cat, :uat, :ver)",
      soci::use(v.id), soci::use(v.case_id), soci::use(v.planned_on), soci::use(actual.text, actual.ind),
      soci::use(v.kind), soci::use(participants), soci::use(v.purpose), soci::use(v.home), soci::use(v.relations),
      soci::use(checked), soci::use(concern), soci::use(v.child_safety_note), soci::use(v.actions),
      soci::use(v.next_step), soci::use(closing), soci::use(missed.text, missed.ind), soci::use(v.created_by),
      soci::use(v.created_at), soci::use(v.updated_at), soci::use(v.version);
  store_children(tx, v);
  if (const auto unit_id = unit_of_case(tx, v.case_id)) {
    move_visit_day_share(tx, std::nullopt,
                         visit_day_share(*unit_id, v.planned_on, v.actual_on, v.kind, v.missed_reason));
  }
}

std::optional<VisitRecord> find_visit(Tx& tx, const std::string& id) {
  auto rows = fetch_visits(tx, "WHERE id = :v", id);
  if (rows.empty()) {
    return std::nullopt;
  }
  rows.front().children = load_children(tx, id);
  return rows.front();
}

bool update_visit(Tx& tx, const VisitRecord& v, int expected_version) {
  Nullable actual(v.actual_on);
  Nullable missed(v.missed_reason);
  const std::string participants = util::join(v.participants);
  const int checked = v.child_safety_checked ? 1 : 0;
  const int concern = v.child_safety_concern ? 1 : 0;
  const int closing = v.closing ? 1 : 0;
  // Read before the write, at the expected version: the update below succeeds only on that version, and every
  // change of a visit bumps it, so these are the figures it replaces. The case (and so the unit) never changes.
  const auto before = stored_day_share(tx, v.id, expected_version);
  if (!before.found) {
    return false;
  }
  soci::statement st =
      (tx.sql().prepare << "UPDATE visits SET planned_on = :p, actual_on = :a, kind = :k, participants = :part, "
                           "purpose = :pur, home = :home, relations = :rel, child_safety_checked = :chk, "
                           "child_safety_concern = :con, child_safety_note = :note, actions = :act, next_step = :next, "
                           "closing = :clo, missed_reason = :miss, updated_at = :uat, version = version + 1 "
                           "WHERE id = :id AND version = :expected",
       soci::use(v.planned_on), soci::use(actual.text, actual.ind), soci::use(v.kind), soci::use(participants),
       soci::use(v.purpose), soci::use(v.home), soci::use(v.relations), soci::use(checked), soci::use(concern),
       soci::use(v.child_safety_note), soci::use(v.actions), soci::use(v.next_step), soci::use(closing),
       soci::use(missed.text, missed.ind), soci::use(v.updated_at), soci::use(v.id), soci::use(expected_version));
  st.execute(true);
  if (st.get_affected_rows() != 1) {
    return false;
  }
  store_children(tx, v);
  if (before.share) {
    move_visit_day_share(tx, before.share,
                         visit_day_share(before.share->unit_id, v.planned_on, v.actual_on, v.kind, v.missed_reason));
  }
  return true;
}

std::vector<VisitRecord> list_visits(Tx& tx, const std::string& case_id) {
  auto visits = fetch_visits(tx, "WHERE case_id = :v ORDER BY COALESCE(actual_on, planned_on) DESC, created_at DESC, id DESC",
                             case_id);
  load_case_children(tx, case_id, visits);
  return visits;
}

std::optional<std::string> last_visit_on(Tx& tx, const std::string& case_id) {
  Nullable last(std::nullopt);
  tx.sql() << "SELECT MAX(actual_on) FROM visits WHERE case_id = :c AND actual_on IS NOT NULL", soci::use(case_id),
      soci::into(last.text, last.ind);
  return tx.sql().got_data() ? last.get() : std::nullopt;
}

std::optional<std::string> first_planned_visit_on(Tx& tx, const std::string& case_id) {
  Nullable first(std::nullopt);
  tx.sql() << "SELECT MIN(planned_on) FROM visits WHERE case_id = :c AND actual_on IS NULL AND missed_reason IS NULL",
      soci::use(case_id), soci::into(first.text, first.ind);
  return tx.sql().got_data() ? first.get() : std::nullopt;
}

bool closing_visit_made_since(Tx& tx, const std::string& case_id, const std::string& since) {
  int count = 0;
  tx.sql() << "SELECT COUNT(*) FROM visits WHERE case_id = :c AND closing = 1 AND actual_on IS NOT NULL "
              "AND actual_on >= :s",
      soci::use(case_id), soci::use(since), soci::into(count);
  return count > 0;
}

std::vector<std::string> list_safety_concerns(Tx& tx, const std::string& case_id) {
  std::string on;
  soci::statement st = (tx.sql().prepare << "SELECT actual_on FROM visits WHERE case_id = :c AND actual_on IS NOT NULL "
                                            "AND child_safety_checked = 1 AND child_safety_concern = 1 "
                                            "ORDER BY actual_on, created_at",
                        soci::use(case_id), soci::into(on));
  st.execute();
  std::vector<std::string> out;
  while (st.fetch()) {
    out.push_back(on);
  }
  return out;
}

} // namespace patronage::storage
