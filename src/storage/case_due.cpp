#include "storage/case_due.hpp"

#include <soci/soci.h>

#include "storage/nullable.hpp"

namespace patronage::storage {

std::span<const CaseDueInput> case_due_inputs() {
  // app::derive_case_due reads these: the case, its transitions, consents, decisions, needs assessments, visits,
  // plans and measures, and its household's members (pregnancy, the family's name) and address.
  static constexpr CaseDueInput k_inputs[] = {
      {"cases", "id", false},          {"case_transitions", "case_id", false}, {"consents", "case_id", false},
      {"decisions", "case_id", false}, {"assessments", "case_id", false},      {"visits", "case_id", false},
      {"plans", "case_id", false},     {"plan_measures", "case_id", false},    {"persons", "household_id", true},
      {"households", "id", true},
  };
  return k_inputs;
}

std::optional<CaseDue> find_case_due(Tx& tx, const std::string& case_id) {
  // One statement per case: the row and its items (none: one row of NULL items).
  CaseDue due;
  soci::indicator recheck_ind = soci::i_null;
  soci::indicator critical_ind = soci::i_null;
  soci::indicator last_ind = soci::i_null;
  soci::indicator warning_ind = soci::i_null;
  soci::indicator item_ind = soci::i_null;
  std::string recheck;
  std::string critical;
  std::string last;
  std::string warning;
  CaseDueItem item;
  soci::indicator kind_ind = soci::i_null;
  soci::indicator due_ind = soci::i_null;
  soci::indicator label_ind = soci::i_null;
  soci::statement st =
      (tx.sql().prepare << "SELECT d.case_id, d.computed_on, d.recheck_on, d.settings_key, d.family, d.risk_level, "
                           "d.critical_since, d.last_visit_on, d.warning_key, d.warning_params, i.ordinal, i.kind, "
                           "i.due_on, i.label FROM case_due d LEFT JOIN case_due_items i ON i.case_id = d.case_id "
                           "WHERE d.case_id = :c ORDER BY i.ordinal",
       soci::use(case_id), soci::into(due.case_id), soci::into(due.computed_on), soci::into(recheck, recheck_ind),
       soci::into(due.settings_key), soci::into(due.family), soci::into(due.risk_level),
       soci::into(critical, critical_ind), soci::into(last, last_ind), soci::into(warning, warning_ind),
       soci::into(due.warning_params), soci::into(item.ordinal, item_ind), soci::into(item.kind, kind_ind),
       soci::into(item.due_on, due_ind), soci::into(item.label, label_ind));
  st.execute();
  bool found = false;
  while (st.fetch()) {
    found = true;
    if (item_ind == soci::i_ok) {
      due.items.push_back(item);
    }
  }
  if (!found) {
    return std::nullopt;
  }
  const auto optional = [](const std::string& text, soci::indicator ind) {
    return ind == soci::i_ok ? std::optional<std::string>(text) : std::nullopt;
  };
  due.recheck_on = optional(recheck, recheck_ind);
  due.critical_since = optional(critical, critical_ind);
  due.last_visit_on = optional(last, last_ind);
  due.warning_key = optional(warning, warning_ind);
  return due;
}

namespace {

void unmark(Tx& tx, const std::string& case_id) {
  tx.sql() << "DELETE FROM case_due_dirty WHERE case_id = :c", soci::use(case_id);
}

void delete_rows(Tx& tx, const std::string& case_id) {
  tx.sql() << "DELETE FROM case_due_items WHERE case_id = :c", soci::use(case_id);
  tx.sql() << "DELETE FROM case_due WHERE case_id = :c", soci::use(case_id);
}

// The row and items of `due` in place of those stored; its mark is the caller's.
void replace_rows(Tx& tx, const CaseDue& due) {
  delete_rows(tx, due.case_id);
  Nullable recheck(due.recheck_on);
  Nullable critical(due.critical_since);
  Nullable last(due.last_visit_on);
  Nullable warning(due.warning_key);
  tx.sql() << "INSERT INTO case_due (case_id, computed_on, recheck_on, settings_key, family, risk_level, "
              "critical_since, last_visit_on, warning_key, warning_params) "
              "VALUES (:c, :on, :r, :k, :f, :l, :cs, :lv, :w, :wp)",
      soci::use(due.case_id), soci::use(due.computed_on), soci::use(recheck.text, recheck.ind),
      soci::use(due.settings_key), soci::use(due.family), soci::use(due.risk_level),
      soci::use(critical.text, critical.ind), soci::use(last.text, last.ind), soci::use(warning.text, warning.ind),
      soci::use(due.warning_params);
  for (const auto& item : due.items) {
    tx.sql() << "INSERT INTO case_due_items (case_id, ordinal, kind, due_on, label) VALUES (:c, :o, :k, :d, :l)",
        soci::use(due.case_id), soci::use(item.ordinal), soci::use(item.kind), soci::use(item.due_on),
        soci::use(item.label);
  }
}

} // namespace

void delete_case_due(Tx& tx, const std::string& case_id) {
  delete_rows(tx, case_id);
  unmark(tx, case_id);
}

void store_case_due(Tx& tx, const CaseDue& due) {
  replace_rows(tx, due);
  unmark(tx, due.case_id);
}

std::vector<MarkedCase> marked_case_due(Tx& tx, int limit) {
  MarkedCase row;
  soci::statement st = (tx.sql().prepare << "SELECT case_id, generation FROM case_due_dirty ORDER BY case_id "
                                            "LIMIT :lim",
                        soci::use(limit), soci::into(row.case_id), soci::into(row.generation));
  st.execute();
  std::vector<MarkedCase> out;
  while (st.fetch()) {
    out.push_back(row);
  }
  return out;
}

bool store_case_due_if_unchanged(Tx& tx, const MarkedCase& marked, const std::optional<CaseDue>& due) {
  soci::statement st = (tx.sql().prepare << "DELETE FROM case_due_dirty WHERE case_id = :c AND generation = :g",
                        soci::use(marked.case_id), soci::use(marked.generation));
  st.execute(true);
  if (st.get_affected_rows() != 1) {
    return false;
  }
  if (due) {
    replace_rows(tx, *due);
  } else {
    delete_rows(tx, marked.case_id);
  }
  return true;
}

std::vector<std::string> case_due_mark_all(const Dialect& dialect) {
  return {"INSERT INTO case_due_dirty (case_id, generation) SELECT id, " + std::string(dialect.random_generation()) +
              " FROM (SELECT id FROM cases WHERE state NOT IN ('closed', 'rejected') UNION SELECT case_id FROM "
              "case_due) AS marked WHERE true ON CONFLICT (case_id) DO UPDATE SET generation = "
              "case_due_dirty.generation + 1",
          "DELETE FROM case_due"};
}

long long mark_other_settings_dirty(Tx& tx, const std::string& settings_key) {
  soci::statement st = (tx.sql().prepare << "INSERT INTO case_due_dirty (case_id, generation) SELECT case_id, " +
                                                std::string(tx.dialect().random_generation()) +
                                                " FROM case_due WHERE settings_key <> :k AND case_id NOT IN "
                                                "(SELECT case_id FROM case_due_dirty)",
                        soci::use(settings_key));
  st.execute(true);
  return st.get_affected_rows();
}

} // namespace patronage::storage
