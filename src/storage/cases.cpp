#include "storage/cases.hpp"

#include <algorithm>

#include <soci/soci.h>

#include "storage/nullable.hpp"
#include "storage/stored_enum.hpp"
#include "util/strings.hpp"

namespace patronage::storage {
namespace {

constexpr auto k_select_cases =
    "SELECT c.id, c.unit_id, n.path, c.household_id, c.signal_id, c.state, c.state_entered_on, "
    "c.opened_on, c.intensity, c.planned_end, c.lead_id, c.previous_case_id, c.created_at, "
    "c.updated_at, c.version, h.address, COALESCE(u.full_name, ''), COALESCE(c.case_number, ''), "
    "COALESCE((SELECT p.last_name FROM persons p WHERE p.household_id = c.household_id "
    "ORDER BY p.created_at, COALESCE(p.birth_date, '9999-12-31'), p.id LIMIT 1), ''), h.categories FROM cases c "
    "JOIN units n ON n.id = c.unit_id JOIN households h ON h.id = c.household_id "
    "LEFT JOIN users u ON u.id = c.lead_id ";

struct CaseRow {
  CaseRecord r;
  std::string state;
  std::string intensity;
  std::string planned_end;
  std::string lead_id;
  std::string categories;
  soci::indicator intensity_ind = soci::i_ok;
  soci::indicator planned_end_ind = soci::i_ok;
  soci::indicator lead_ind = soci::i_ok;

  template <typename Target> void bind(Target& target) {
    target, soci::into(r.id), soci::into(r.unit_id), soci::into(r.unit_path), soci::into(r.household_id),
        soci::into(r.signal_id), soci::into(state), soci::into(r.state_entered_on), soci::into(r.opened_on),
        soci::into(intensity, intensity_ind), soci::into(planned_end, planned_end_ind), soci::into(lead_id, lead_ind),
        soci::into(r.previous_case_id), soci::into(r.created_at), soci::into(r.updated_at), soci::into(r.version),
        soci::into(r.household_address), soci::into(r.lead_name), soci::into(r.number), soci::into(r.family_name),
        soci::into(categories);
  }

  CaseRecord take() const {
    CaseRecord out = r;
    out.state = stored_enum(domain::parse_case_state, "cases", "state", state);
    out.intensity = intensity_ind == soci::i_ok
                        ? std::optional(stored_enum(domain::parse_patronage_intensity, "cases", "intensity", intensity))
                        : std::nullopt;
    out.planned_end = planned_end_ind == soci::i_ok ? std::optional<std::string>(planned_end) : std::nullopt;
    out.lead_id = lead_ind == soci::i_ok ? std::optional<std::string>(lead_id) : std::nullopt;
    out.categories = util::split(categories);
    return out;
  }
};

std::vector<CaseRecord> fetch_cases(soci::statement& st, CaseRow& row) {
  st.execute();
  std::vector<CaseRecord> out;
  while (st.fetch()) {
    out.push_back(row.take());
  }
  return out;
}

domain::CaseRelation relation_of(const std::string& member_role) {
  if (member_role == "lead") {
    return domain::CaseRelation::lead;
  }
  if (member_role == "expert" || member_role == "foster_educator") {
    return domain::CaseRelation::expert;
  }
  if (member_role == "volunteer") {
    return domain::CaseRelation::volunteer;
  }
  return domain::CaseRelation::none;
}

// lead > expert > volunteer > none
int rank(domain::CaseRelation relation) {
  switch (relation) {
  case domain::CaseRelation::lead:
    return 3;
  case domain::CaseRelation::expert:
    return 2;
  case domain::CaseRelation::volunteer:
    return 1;
  case domain::CaseRelation::none:
  case domain::CaseRelation::unassigned:
    return 0;
  }
  return 0;
}

} // namespace

namespace {

std::string four_digits(long long sequence) {
  std::string digits = std::to_string(sequence);
  if (digits.size() < 4) {
    digits.insert(0, 4 - digits.size(), '0');
  }
  return digits;
}

} // namespace

std::string format_case_number(int year, long long sequence) {
  return std::to_string(year) + "-" + four_digits(sequence);
}

std::optional<std::string> case_number_pattern(std::string_view text) {
  while (!text.empty() && text.front() == ' ') {
    text.remove_prefix(1);
  }
  while (!text.empty() && text.back() == ' ') {
    text.remove_suffix(1);
  }
  const auto digits = [](std::string_view part) {
    return !part.empty() && part.size() <= 9 &&
           std::all_of(part.begin(), part.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  const auto dash = text.find('-');
  if (dash == std::string_view::npos) {
    return digits(text) ? std::optional<std::string>("%-" + four_digits(std::stoll(std::string(text)))) : std::nullopt;
  }
  const auto year = text.substr(0, dash);
  const auto sequence = text.substr(dash + 1);
  if (year.size() != 4 || !digits(year) || !digits(sequence)) {
    return std::nullopt;
  }
  return format_case_number(std::stoi(std::string(year)), std::stoll(std::string(sequence)));
}

namespace {

int year_of(const std::string& date) {
  return date.size() >= 4 && std::all_of(date.begin(), date.begin() + 4, [](char c) { return c >= '0' && c <= '9'; })
             ? std::stoi(date.substr(0, 4))
             : 0;
}

long long next_case_number(Tx& tx, const std::string& unit_id, int year) {
  tx.sql() << "INSERT INTO case_numbers (unit_id, number_year, last_number) VALUES (:u, :y, 0) "
              "ON CONFLICT (unit_id, number_year) DO NOTHING",
      soci::use(unit_id), soci::use(year);
  tx.sql() << "UPDATE case_numbers SET last_number = last_number + 1 WHERE unit_id = :u AND number_year = :y",
      soci::use(unit_id), soci::use(year);
  long long last = 0;
  tx.sql() << "SELECT last_number FROM case_numbers WHERE unit_id = :u AND number_year = :y", soci::use(unit_id),
      soci::use(year), soci::into(last);
  return last;
}

} // namespace

void number_existing_cases(Tx& tx) {
  struct Unnumbered {
    std::string id;
    std::string unit_id;
    std::string opened_on;
  };
  std::vector<Unnumbered> cases;
  {
    Unnumbered row;
    soci::statement st = (tx.sql().prepare << "SELECT id, unit_id, opened_on FROM cases WHERE case_number IS NULL "
                                              "ORDER BY created_at, id",
                          soci::into(row.id), soci::into(row.unit_id), soci::into(row.opened_on));
    st.execute();
    while (st.fetch()) {
      cases.push_back(row);
    }
  }
  for (const auto& c : cases) {
    const int year = year_of(c.opened_on);
    const std::string number = format_case_number(year, next_case_number(tx, c.unit_id, year));
    tx.sql() << "UPDATE cases SET case_number = :n WHERE id = :id", soci::use(number), soci::use(c.id);
  }
}

void insert_case(Tx& tx, CaseRecord& r) {
  const int year = year_of(r.opened_on);
  r.number = format_case_number(year, next_case_number(tx, r.unit_id, year));
  const std::string state(domain::to_string(r.state));
  Nullable intensity(stored_name(r.intensity));
  Nullable planned_end(r.planned_end);
  Nullable lead(r.lead_id);
  tx.sql() << "INSERT INTO cases (id, unit_id, household_id, signal_id, state, state_entered_on, opened_on, intensity, "
              "planned_end, lead_id, previous_case_id, created_at, updated_at, version, case_number) VALUES (:id, :unit, "
              ":hh, :sig, :state, :entered, :opened, :intensity, :planned, :lead, :prev, :created, :updated, :version, "
              ":number)",
      soci::use(r.id), soci::use(r.unit_id), soci::use(r.household_id), soci::use(r.signal_id), soci::use(state),
      soci::use(r.state_entered_on), soci::use(r.opened_on), soci::use(intensity.text, intensity.ind),
      soci::use(planned_end.text, planned_end.ind), soci::use(lead.text, lead.ind), soci::use(r.previous_case_id),
      soci::use(r.created_at), soci::use(r.updated_at), soci::use(r.version), soci::use(r.number);
}

std::optional<CaseRecord> find_case(Tx& tx, const std::string& id) {
  CaseRow row;
  auto prepared = (tx.sql().prepare << std::string(k_select_cases) + "WHERE c.id = :id", soci::use(id));
  row.bind(prepared);
  soci::statement st(prepared);
  auto found = fetch_cases(st, row);
  if (found.empty()) {
    return std::nullopt;
  }
  return found.front();
}

void update_case(Tx& tx, const CaseRecord& r) {
  const std::string state(domain::to_string(r.state));
  Nullable intensity(stored_name(r.intensity));
  Nullable planned_end(r.planned_end);
  Nullable lead(r.lead_id);
  tx.sql() << "UPDATE cases SET state = :state, state_entered_on = :entered, intensity = :intensity, "
              "planned_end = :planned, lead_id = :lead, updated_at = :updated, version = version + 1 WHERE id = :id",
      soci::use(state), soci::use(r.state_entered_on), soci::use(intensity.text, intensity.ind),
      soci::use(planned_end.text, planned_end.ind), soci::use(lead.text, lead.ind), soci::use(r.updated_at),
      soci::use(r.id);
}

std::vector<CaseRecord> list_cases_of_household(Tx& tx, const std::string& household_id) {
  CaseRow row;
  auto prepared = (tx.sql().prepare << std::string(k_select_cases) + "WHERE c.household_id = :h ORDER BY c.created_at",
                   soci::use(household_id));
  row.bind(prepared);
  soci::statement st(prepared);
  return fetch_cases(st, row);
}

std::vector<CaseRecord> list_cases(Tx& tx, const CaseFilter& f) {
  const std::string pattern = f.unit_path_prefix + "%";
  const std::string member = f.member_user_id.value_or("");
  const std::string state = f.state.value_or("");
  const std::string number = f.number_pattern.value_or("");
  const int limit = std::clamp(f.limit, 1, 1000);
  std::string where = "WHERE n.path LIKE :p";
  where += f.member_user_id ? " AND c.id IN (SELECT m.case_id FROM case_members m WHERE m.user_id = :u)"
                            : " AND :u = ''";
  where += f.state ? " AND c.state = :s" : " AND :s = ''";
  where += f.number_pattern ? " AND c.case_number LIKE :n" : " AND :n = ''";
  if (f.open_only) {
    where += " AND c.state NOT IN ('closed', 'rejected')";
  }
  CaseRow row;
  auto prepared = (tx.sql().prepare << std::string(k_select_cases) + where + " ORDER BY c.created_at DESC LIMIT :lim",
                   soci::use(pattern), soci::use(member), soci::use(state), soci::use(number), soci::use(limit));
  row.bind(prepared);
  soci::statement st(prepared);
  return fetch_cases(st, row);
}

std::vector<CaseRecord> list_council_candidates(Tx& tx, const std::string& unit_path_prefix,
                                                const std::string& horizon, int limit) {
  const std::string pattern = unit_path_prefix + "%";
  CaseRow row;
  auto prepared =
      (tx.sql().prepare << std::string(k_select_cases) +
                               "WHERE n.path LIKE :p AND (c.state IN ('awaiting_decision', 'closing', 'supervision') "
                               "OR (c.state = 'active' AND (c.planned_end <= :horizon "
                               "OR EXISTS (SELECT 1 FROM consents k WHERE k.case_id = c.id AND k.withdrawn_on IS NOT NULL) "
                               "OR EXISTS (SELECT 1 FROM plans l WHERE l.case_id = c.id AND l.approved_at IS NULL "
                               "AND l.superseded_by IS NULL))) "
                               "OR EXISTS (SELECT 1 FROM decisions d WHERE d.case_id = c.id AND d.signed = 0)) "
                               "ORDER BY c.state_entered_on, c.id LIMIT :lim",
       soci::use(pattern), soci::use(horizon), soci::use(limit));
  row.bind(prepared);
  soci::statement st(prepared);
  return fetch_cases(st, row);
}

void upsert_case_member(Tx& tx, const CaseMember& m) {
  remove_case_member(tx, m.case_id, m.user_id);
  tx.sql() << "INSERT INTO case_members (case_id, user_id, member_role, added_at) VALUES (:c, :u, :r, :a)",
      soci::use(m.case_id), soci::use(m.user_id), soci::use(m.member_role), soci::use(m.added_at);
}

void remove_case_member(Tx& tx, const std::string& case_id, const std::string& user_id) {
  tx.sql() << "DELETE FROM case_members WHERE case_id = :c AND user_id = :u", soci::use(case_id), soci::use(user_id);
}

std::vector<CaseMember> list_case_members(Tx& tx, const std::string& case_id) {
  CaseMember m;
  soci::statement st = (tx.sql().prepare << "SELECT case_id, user_id, member_role, added_at FROM case_members "
                                            "WHERE case_id = :c ORDER BY added_at, user_id",
                        soci::use(case_id), soci::into(m.case_id), soci::into(m.user_id), soci::into(m.member_role),
                        soci::into(m.added_at));
  st.execute();
  std::vector<CaseMember> out;
  while (st.fetch()) {
    out.push_back(m);
  }
  return out;
}

std::optional<UnitRef> household_unit(Tx& tx, const std::string& household_id) {
  UnitRef unit;
  tx.sql() << "SELECT h.unit_id, n.path FROM households h JOIN units n ON n.id = h.unit_id WHERE h.id = :id",
      soci::use(household_id), soci::into(unit.id), soci::into(unit.path);
  if (!tx.sql().got_data()) {
    return std::nullopt;
  }
  return unit;
}

domain::CaseRelation case_relation(Tx& tx, const std::string& case_id, const std::string& user_id) {
  std::string role;
  tx.sql() << "SELECT member_role FROM case_members WHERE case_id = :c AND user_id = :u", soci::use(case_id),
      soci::use(user_id), soci::into(role);
  return tx.sql().got_data() ? relation_of(role) : domain::CaseRelation::none;
}

domain::CaseRelation household_relation(Tx& tx, const std::string& household_id, const std::string& user_id) {
  int cases = 0;
  tx.sql() << "SELECT COUNT(*) FROM cases WHERE household_id = :h", soci::use(household_id), soci::into(cases);
  if (cases == 0) {
    return domain::CaseRelation::unassigned;
  }
  std::string role;
  soci::statement st = (tx.sql().prepare << "SELECT m.member_role FROM case_members m JOIN cases c ON c.id = m.case_id "
                                            "WHERE c.household_id = :h AND m.user_id = :u",
                        soci::use(household_id), soci::use(user_id), soci::into(role));
  st.execute();
  domain::CaseRelation best = domain::CaseRelation::none;
  while (st.fetch()) {
    const auto relation = relation_of(role);
    if (rank(relation) > rank(best)) {
      best = relation;
    }
  }
  return best;
}

LeadCounts count_led_cases(Tx& tx, const std::string& lead_id, const std::string& except_case_id) {
  LeadCounts counts;
  std::string intensity;
  int count = 0;
  soci::statement st =
      (tx.sql().prepare << "SELECT COALESCE(intensity, 'standard'), COUNT(*) FROM cases WHERE lead_id = :l AND id <> :x "
                           "AND state IN ('active', 'closing') GROUP BY COALESCE(intensity, 'standard')",
       soci::use(lead_id), soci::use(except_case_id), soci::into(intensity), soci::into(count));
  st.execute();
  while (st.fetch()) {
    (intensity == "intensive" ? counts.intensive : counts.standard) += count;
  }
  return counts;
}

int count_foster_children(Tx& tx, const std::string& user_id, const std::string& except_case_id,
                          const std::string& born_after) {
  int count = 0;
  tx.sql() << "SELECT COUNT(*) FROM case_members m JOIN cases c ON c.id = m.case_id JOIN persons p "
              "ON p.household_id = c.household_id WHERE m.user_id = :u AND m.member_role = 'foster_educator' "
              "AND c.id <> :x AND c.state NOT IN ('closed', 'rejected') AND p.birth_date > :b",
      soci::use(user_id), soci::use(except_case_id), soci::use(born_after), soci::into(count);
  return count;
}

int count_minors(Tx& tx, const std::string& household_id, const std::string& born_after) {
  int count = 0;
  tx.sql() << "SELECT COUNT(*) FROM persons WHERE household_id = :h AND birth_date > :b", soci::use(household_id),
      soci::use(born_after), soci::into(count);
  return count;
}

void insert_transition(Tx& tx, const TransitionRecord& t) {
  int ordinal = 0;
  tx.sql() << "SELECT COUNT(*) FROM case_transitions WHERE case_id = :c", soci::use(t.case_id), soci::into(ordinal);
  ++ordinal;
  tx.sql() << "INSERT INTO case_transitions (id, case_id, ordinal, from_state, to_state, at, on_date, user_id, reason, "
              "override_reason) VALUES (:id, :c, :n, :f, :t, :at, :d, :u, :r, :o)",
      soci::use(t.id), soci::use(t.case_id), soci::use(ordinal), soci::use(t.from_state), soci::use(t.to_state), soci::use(t.at),
      soci::use(t.on_date), soci::use(t.user_id), soci::use(t.reason), soci::use(t.override_reason);
}

std::vector<TransitionRecord> list_transitions(Tx& tx, const std::string& case_id) {
  TransitionRecord t;
  soci::statement st = (tx.sql().prepare << "SELECT id, case_id, from_state, to_state, at, on_date, user_id, reason, "
                                            "override_reason FROM case_transitions WHERE case_id = :c ORDER BY ordinal",
                        soci::use(case_id), soci::into(t.id), soci::into(t.case_id), soci::into(t.from_state),
                        soci::into(t.to_state), soci::into(t.at), soci::into(t.on_date), soci::into(t.user_id),
                        soci::into(t.reason), soci::into(t.override_reason));
  st.execute();
  std::vector<TransitionRecord> out;
  while (st.fetch()) {
    out.push_back(t);
  }
  return out;
}

} // namespace patronage::storage
