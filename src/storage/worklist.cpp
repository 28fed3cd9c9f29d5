#include "storage/worklist.hpp"

#include <soci/soci.h>

namespace patronage::storage {

std::vector<OpenMeasure> open_measures_due(Tx& tx, const std::string& case_id, const std::string& until) {
  OpenMeasure m;
  soci::statement st =
      (tx.sql().prepare << "SELECT m.id, m.what, m.due_on FROM plan_measures m JOIN plans p ON p.id = m.plan_id "
                           "WHERE m.case_id = :c AND p.superseded_by IS NULL "
                           "AND m.status NOT IN ('done', 'not_done', 'cancelled') AND m.due_on <= :u "
                           "ORDER BY m.due_on, m.ordinal",
       soci::use(case_id), soci::use(until), soci::into(m.id), soci::into(m.what), soci::into(m.due_on));
  st.execute();
  std::vector<OpenMeasure> out;
  while (st.fetch()) {
    out.push_back(m);
  }
  return out;
}

std::vector<PlanReview> plans_to_review(Tx& tx, const std::string& case_id, const std::string& until) {
  PlanReview p;
  soci::statement st = (tx.sql().prepare << "SELECT id, review_on FROM plans WHERE case_id = :c "
                                            "AND superseded_by IS NULL AND review_on <= :u ORDER BY review_on",
                        soci::use(case_id), soci::use(until), soci::into(p.plan_id), soci::into(p.review_on));
  st.execute();
  std::vector<PlanReview> out;
  while (st.fetch()) {
    out.push_back(p);
  }
  return out;
}

PregnancyFacts household_pregnancy(Tx& tx, const std::string& household_id) {
  PregnancyFacts facts;
  int pregnant = 0;
  std::string due;
  soci::indicator due_ind = soci::i_null;
  soci::statement st = (tx.sql().prepare << "SELECT pregnant, pregnancy_due FROM persons WHERE household_id = :h "
                                            "AND (pregnant = 1 OR pregnancy_due IS NOT NULL)",
                        soci::use(household_id), soci::into(pregnant), soci::into(due, due_ind));
  st.execute();
  while (st.fetch()) {
    facts.pregnant = facts.pregnant || pregnant != 0;
    if (due_ind == soci::i_ok) {
      facts.due_dates.push_back(due);
    }
  }
  return facts;
}

std::string family_label(Tx& tx, const std::string& household_id) {
  std::string last_name;
  tx.sql() << "SELECT last_name FROM persons WHERE household_id = :h ORDER BY created_at, id LIMIT 1",
      soci::use(household_id), soci::into(last_name);
  if (tx.sql().got_data() && !last_name.empty()) {
    return last_name;
  }
  std::string address;
  tx.sql() << "SELECT address FROM households WHERE id = :h", soci::use(household_id), soci::into(address);
  return address;
}

} // namespace patronage::storage
