#include "storage/personal_data.hpp"

#include <soci/soci.h>

namespace patronage::storage {
namespace {

constexpr auto k_of_household = "household_id = :h";
constexpr auto k_of_cases = "case_id IN (SELECT id FROM cases WHERE household_id = :h)";

struct FreeText {
  const char* table;
  const char* column;
  const char* scope; // a condition with the one placeholder :h
};

// Every free-text column that can speak about a member of the household.
constexpr FreeText k_free_text[] = {
    {"households", "notes", "id = :h"},
    {"signals", "reported", k_of_household},
    {"signals", "persons", k_of_household},
    {"signals", "source_details", k_of_household},
    {"signals", "triage_reason", k_of_household},
    {"case_transitions", "reason", k_of_cases},
    {"case_transitions", "override_reason", k_of_cases},
    {"decisions", "grounds", k_of_cases},
    {"assessments", "data", k_of_cases},
    {"assessments", "sensitive", k_of_cases},
    {"agreements", "content", k_of_cases},
    {"plans", "goals", k_of_cases},
    {"plan_measures", "what", k_of_cases},
    {"plan_measures", "result", k_of_cases},
    {"visits", "purpose", k_of_cases},
    {"visits", "home", k_of_cases},
    {"visits", "relations", k_of_cases},
    {"visits", "child_safety_note", k_of_cases},
    {"visits", "actions", k_of_cases},
    {"visits", "next_step", k_of_cases},
    {"visits", "missed_reason", k_of_cases},
    {"referrals", "reason", k_of_cases},
    {"referrals", "response", k_of_cases},
    {"referral_history", "response",
     "referral_id IN (SELECT r.id FROM referrals r JOIN cases c ON c.id = r.case_id WHERE c.household_id = :h)"},
    {"volunteer_contacts", "what", k_of_cases},
    {"volunteer_wishes", "needs", k_of_cases},
    {"change_history", "changes", "entity = 'household' AND entity_id = :h"},
    {"change_history", "changes",
     "entity = 'visit' AND entity_id IN (SELECT v.id FROM visits v JOIN cases c ON c.id = v.case_id "
     "WHERE c.household_id = :h)"}, // edits of a visit's text, rejected values of a conflict included
};

} // namespace

std::vector<HistoryRecord> list_person_history(Tx& tx, const std::string& person_id) {
  auto person = std::string();
  tx.sql() << "SELECT household_id FROM persons WHERE id = :p", soci::use(person_id), soci::into(person);
  std::vector<HistoryRecord> out;
  for (auto& record : list_household_history(tx, person)) {
    if (record.entity == "person" && record.entity_id == person_id) {
      out.push_back(std::move(record));
    }
  }
  return out;
}

void strip_person_history(Tx& tx, const std::string& person_id) {
  for (auto record : list_person_history(tx, person_id)) {
    tx.sql() << "DELETE FROM change_history WHERE id = :id", soci::use(record.id);
    for (auto& change : record.changes) {
      change.sensitive = true; // insert_history keeps only the field name of a sensitive change
    }
    insert_history(tx, record);
  }
}

void scrub_free_text(Tx& tx, const std::string& household_id, const std::string& person_id,
                     const std::vector<std::string>& names, const std::string& marker) {
  for (const auto& name : names) {
    if (name.empty()) {
      continue;
    }
    for (const auto& text : k_free_text) {
      tx.sql() << std::string("UPDATE ") + text.table + " SET " + text.column + " = REPLACE(" + text.column +
                      ", :n, :m) WHERE " + text.scope,
          soci::use(name), soci::use(marker), soci::use(household_id);
    }
  }
  const std::string empty;
  tx.sql() << "UPDATE visit_children SET note = :e WHERE person_id = :p", soci::use(empty), soci::use(person_id);
}

std::vector<std::string> assessments_mentioning(Tx& tx, const std::string& household_id,
                                                const std::string& person_id) {
  const std::string pattern = "%" + person_id + "%";
  std::string id;
  soci::statement st = (tx.sql().prepare << "SELECT a.id FROM assessments a JOIN cases c ON c.id = a.case_id "
                                            "WHERE c.household_id = :h AND (a.data LIKE :p OR a.sensitive LIKE :p2) "
                                            "ORDER BY a.on_date, a.id",
                        soci::use(household_id), soci::use(pattern), soci::use(pattern), soci::into(id));
  st.execute();
  std::vector<std::string> out;
  while (st.fetch()) {
    out.push_back(id);
  }
  return out;
}

} // namespace patronage::storage
