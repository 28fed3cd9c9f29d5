#include "http/intake_json.hpp"
#include "http/json_time.hpp"
#include "http/json_views.hpp"

#include <cmath>

#include "util/time.hpp"

namespace patronage::http {
namespace {

// Scores to two decimals: enough to rank, no false precision.
double rounded(double score) { return std::round(score * 100.0) / 100.0; }

} // namespace

boost::json::object sensitive_json(const storage::SensitiveRecord& r) {
  return {{"health", r.health},
          {"addiction", r.addiction},
          {"violence", r.violence},
          {"police_registration", r.police_registration}};
}

boost::json::object member_json(const app::MemberView& member) {
  const auto& p = member.person;
  boost::json::object out{{"id", p.id},
                          {"household_id", p.household_id},
                          {"last_name", p.last_name},
                          {"first_name", p.first_name},
                          {"patronymic", p.patronymic},
                          {"birth_date", nullable(p.birth_date)},
                          {"sex", p.sex},
                          {"household_role", p.household_role},
                          {"represents", strings(p.represents)},
                          {"disability", p.disability},
                          {"pregnant", p.pregnant},
                          {"pregnancy_due", nullable(p.pregnancy_due)},
                          {"school", p.school},
                          {"employment", p.employment},
                          {"phone", p.phone},
                          {"version", p.version}};
  if (member.sensitive) {
    out["sensitive"] = sensitive_json(*member.sensitive);
    out["snils"] = nullable(p.snils); // shown with the sensitive fields, to the same roles
  }
  return out;
}

boost::json::object household_json(const app::HouseholdView& view) {
  const auto& h = view.household;
  boost::json::array members;
  for (const auto& member : view.members) {
    members.push_back(member_json(member));
  }
  return {{"id", h.id},
          {"unit_id", h.unit_id},
          {"address", h.address},
          {"phone", h.phone},
          {"categories", strings(h.categories)},
          {"notes", h.notes},
          {"created_at", iso(h.created_at)},
          {"updated_at", iso(h.updated_at)},
          {"version", h.version},
          {"members", std::move(members)}};
}

boost::json::object history_json(const storage::HistoryRecord& r) {
  boost::json::array changes;
  for (const auto& change : r.changes) {
    boost::json::object item{{"field", change.field}};
    if (change.sensitive) {
      item["sensitive"] = true;
    } else if (change.rejected) {
      item["rejected"] = *change.rejected;
    } else {
      item["old"] = nullable(change.old_value);
      item["new"] = nullable(change.new_value);
    }
    changes.push_back(std::move(item));
  }
  return {{"id", r.id},
          {"entity", r.entity},
          {"entity_id", r.entity_id},
          {"at", iso(r.at)},
          {"user_id", r.user_id},
          {"changes", std::move(changes)}};
}

boost::json::object history_list_json(const std::vector<storage::HistoryRecord>& records) {
  boost::json::array items;
  for (const auto& record : records) {
    items.push_back(history_json(record));
  }
  return {{"items", std::move(items)}};
}

boost::json::array person_duplicates_json(const std::vector<app::PersonDuplicate>& matches) {
  boost::json::array out;
  for (const auto& m : matches) {
    out.push_back({{"person_id", m.person_id},
                   {"household_id", m.household_id},
                   {"score", rounded(m.score)},
                   {"reasons", strings(m.reasons)},
                   {"name", m.name},
                   {"birth_date", nullable(m.birth_date)}});
  }
  return out;
}

boost::json::array household_duplicates_json(const std::vector<app::HouseholdDuplicate>& matches) {
  boost::json::array out;
  for (const auto& m : matches) {
    out.push_back({{"household_id", m.household_id},
                   {"score", rounded(m.score)},
                   {"reasons", strings(m.reasons)},
                   {"address", m.address}});
  }
  return out;
}

boost::json::object signal_json(const storage::SignalRecord& s) {
  boost::json::array persons;
  for (const auto& p : s.persons) {
    persons.push_back({{"last_name", p.last_name},
                       {"first_name", p.first_name},
                       {"patronymic", p.patronymic},
                       {"birth_date", nullable(p.birth_date)}});
  }
  boost::json::value triage = nullptr;
  if (s.triaged_at) {
    triage = boost::json::object{{"outcome", nullable(s.triage_outcome)},
                                 {"reason", s.triage_reason},
                                 {"triaged_at", iso(*s.triaged_at)},
                                 {"triaged_by", nullable(s.triaged_by)},
                                 {"case_id", nullable(s.case_id)},
                                 {"parallel_reason", s.parallel_reason}};
  }
  return {{"id", s.id},
          {"unit_id", s.unit_id},
          {"received_at", iso(s.received_at)},
          {"source", s.source},
          {"source_details", s.source_details},
          {"reported", s.reported},
          {"address", s.address},
          {"persons", std::move(persons)},
          {"urgency", s.urgency},
          {"deadline_at", iso(s.deadline_at)},
          {"household_id", nullable(s.household_id)},
          {"triage", std::move(triage)},
          {"created_by", s.created_by},
          {"created_at", iso(s.created_at)}};
}

boost::json::object signal_view_json(const app::SignalView& view) {
  auto out = signal_json(view.signal);
  boost::json::array persons;
  for (const auto& matches : view.duplicates.persons) {
    persons.push_back(person_duplicates_json(matches));
  }
  out["duplicates"] = boost::json::object{{"persons", std::move(persons)},
                                          {"households", household_duplicates_json(view.duplicates.households)}};
  boost::json::array open_cases;
  for (const auto& c : view.open_cases) {
    open_cases.push_back({{"case_id", c.case_id},
                          {"number", c.number},
                          {"state", c.state},
                          {"household_id", c.household_id},
                          {"family_name", c.family_name}});
  }
  out["open_cases"] = std::move(open_cases);
  return out;
}

} // namespace patronage::http
