#include "storage/signals.hpp"

#include <algorithm>

#include <boost/json.hpp>
#include <soci/soci.h>

#include "storage/nullable.hpp"

namespace patronage::storage {
namespace {

constexpr auto k_select_signals =
    "SELECT s.id, s.unit_id, n.path, s.received_at, s.source, s.source_details, s.reported, "
    "s.address, s.persons, s.urgency, s.deadline_at, s.household_id, s.triage_outcome, "
    "s.triage_reason, s.triaged_at, s.triaged_by, s.case_id, s.parallel_reason, s.created_by, s.created_at "
    "FROM signals s JOIN units n ON n.id = s.unit_id ";

std::string encode_persons(const std::vector<SignalPerson>& persons) {
  boost::json::array out;
  for (const auto& p : persons) {
    out.push_back({{"last_name", p.last_name},
                   {"first_name", p.first_name},
                   {"patronymic", p.patronymic},
                   {"birth_date", p.birth_date ? boost::json::value(*p.birth_date) : boost::json::value(nullptr)}});
  }
  return boost::json::serialize(out);
}

std::string text_or_empty(const boost::json::object& item, const char* key) {
  const auto* value = item.if_contains(key);
  return value != nullptr && value->is_string() ? std::string(value->as_string()) : std::string{};
}

std::vector<SignalPerson> decode_persons(const std::string& text) {
  std::vector<SignalPerson> out;
  boost::system::error_code ec;
  auto value = boost::json::parse(text, ec);
  if (ec || !value.is_array()) {
    return out;
  }
  for (const auto& entry : value.as_array()) {
    if (!entry.is_object()) {
      continue;
    }
    const auto& item = entry.as_object();
    SignalPerson person{text_or_empty(item, "last_name"), text_or_empty(item, "first_name"),
                        text_or_empty(item, "patronymic"), {}};
    const auto birth = text_or_empty(item, "birth_date");
    if (!birth.empty()) {
      person.birth_date = birth;
    }
    out.push_back(std::move(person));
  }
  return out;
}

struct SignalRow {
  SignalRecord r;
  std::string persons;
  std::string household_id;
  std::string outcome;
  long long triaged_at = 0;
  std::string triaged_by;
  std::string case_id;
  soci::indicator household_ind = soci::i_ok;
  soci::indicator outcome_ind = soci::i_ok;
  soci::indicator triaged_at_ind = soci::i_ok;
  soci::indicator triaged_by_ind = soci::i_ok;
  soci::indicator case_ind = soci::i_ok;

  template <typename Target> void bind(Target& target) {
    target, soci::into(r.id), soci::into(r.unit_id), soci::into(r.unit_path), soci::into(r.received_at),
        soci::into(r.source), soci::into(r.source_details), soci::into(r.reported), soci::into(r.address),
        soci::into(persons), soci::into(r.urgency), soci::into(r.deadline_at), soci::into(household_id, household_ind),
        soci::into(outcome, outcome_ind), soci::into(r.triage_reason), soci::into(triaged_at, triaged_at_ind),
        soci::into(triaged_by, triaged_by_ind), soci::into(case_id, case_ind), soci::into(r.parallel_reason), soci::into(r.created_by),
        soci::into(r.created_at);
  }

  SignalRecord take() const {
    SignalRecord out = r;
    out.persons = decode_persons(persons);
    out.household_id = household_ind == soci::i_ok ? std::optional<std::string>(household_id) : std::nullopt;
    out.triage_outcome = outcome_ind == soci::i_ok ? std::optional<std::string>(outcome) : std::nullopt;
    out.triaged_at = triaged_at_ind == soci::i_ok ? std::optional<long long>(triaged_at) : std::nullopt;
    out.triaged_by = triaged_by_ind == soci::i_ok ? std::optional<std::string>(triaged_by) : std::nullopt;
    out.case_id = case_ind == soci::i_ok ? std::optional<std::string>(case_id) : std::nullopt;
    return out;
  }
};

std::vector<SignalRecord> fetch_signals(soci::statement& st, SignalRow& row) {
  st.execute();
  std::vector<SignalRecord> out;
  while (st.fetch()) {
    out.push_back(row.take());
  }
  return out;
}

} // namespace

void insert_signal(Tx& tx, const SignalRecord& r) {
  const std::string persons = encode_persons(r.persons);
  Nullable household(r.household_id);
  tx.sql() << "INSERT INTO signals (id, unit_id, received_at, source, source_details, reported, address, persons, "
              "urgency, deadline_at, household_id, triage_outcome, triage_reason, triaged_at, triaged_by, case_id, "
              "created_by, created_at) VALUES (:id, :unit, :received, :source, :details, :reported, :address, "
              ":persons, :urgency, :deadline, :hh, NULL, '', NULL, NULL, NULL, :by, :created)",
      soci::use(r.id), soci::use(r.unit_id), soci::use(r.received_at), soci::use(r.source),
      soci::use(r.source_details), soci::use(r.reported), soci::use(r.address), soci::use(persons),
      soci::use(r.urgency), soci::use(r.deadline_at), soci::use(household.text, household.ind),
      soci::use(r.created_by), soci::use(r.created_at);
}

std::optional<SignalRecord> find_signal(Tx& tx, const std::string& id) {
  SignalRow row;
  auto prepared = (tx.sql().prepare << std::string(k_select_signals) + "WHERE s.id = :id", soci::use(id));
  row.bind(prepared);
  soci::statement st(prepared);
  auto found = fetch_signals(st, row);
  if (found.empty()) {
    return std::nullopt;
  }
  return found.front();
}

std::vector<SignalRecord> list_open_signals(Tx& tx, const std::string& unit_path_prefix, int limit) {
  const std::string pattern = unit_path_prefix + "%";
  const int cap = std::clamp(limit, 1, 1000);
  SignalRow row;
  auto prepared = (tx.sql().prepare << std::string(k_select_signals) +
                                           "WHERE n.path LIKE :p AND s.triaged_at IS NULL ORDER BY s.deadline_at, "
                                           "s.received_at, s.id LIMIT :lim",
                   soci::use(pattern), soci::use(cap));
  row.bind(prepared);
  soci::statement st(prepared);
  return fetch_signals(st, row);
}

bool record_triage(Tx& tx, const SignalRecord& r) {
  Nullable outcome(r.triage_outcome);
  Nullable household(r.household_id);
  Nullable by(r.triaged_by);
  Nullable case_id(r.case_id);
  const long long at = r.triaged_at.value_or(0);
  soci::statement st = (tx.sql().prepare << "UPDATE signals SET triage_outcome = :o, triage_reason = :r, "
                                            "triaged_at = :at, triaged_by = :by, household_id = :hh, case_id = :c, "
                                            "parallel_reason = :pr WHERE id = :id AND triaged_at IS NULL",
                        soci::use(outcome.text, outcome.ind), soci::use(r.triage_reason), soci::use(at),
                        soci::use(by.text, by.ind), soci::use(household.text, household.ind),
                        soci::use(case_id.text, case_id.ind), soci::use(r.parallel_reason), soci::use(r.id));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

std::vector<SignalRecord> list_signals_of_case(Tx& tx, const std::string& case_id) {
  SignalRow row;
  auto prepared =
      (tx.sql().prepare << std::string(k_select_signals) + "WHERE s.case_id = :c ORDER BY s.triaged_at, s.id",
       soci::use(case_id));
  row.bind(prepared);
  soci::statement st(prepared);
  return fetch_signals(st, row);
}

} // namespace patronage::storage
