#include "storage/exports.hpp"

#include <algorithm>
#include <chrono>

#include <soci/soci.h>

#include "util/time.hpp"

namespace patronage::storage {
namespace {

// What one list reads. Every column is selected as text so that both backends
// bind it alike; the first column is the row's id, the paging key.
struct ListQuery {
  std::vector<std::string> columns;
  std::string select;       // "SELECT ... FROM ... JOIN units n ... WHERE n.path LIKE :p"
  std::string id_column;    // "h.id"
  std::string period;       // the date column of the period
  bool period_is_timestamp; // unix seconds rather than 'YYYY-MM-DD'
  // A list of several rows per record (the members of a household): `select` pages the records, and the rows are
  // `rows_before` + that page as a subquery + `rows_after`. Empty: one row per record.
  std::string rows_before{};
  std::string rows_after{};
};

const ListQuery& query_of(ExportList list) {
  // A row per member (a family without members has one row with empty person columns), in the columns
  // `patronage import households` reads back (issue 18: export → import → export is equal). Members in the order
  // the household page lists them.
  static const ListQuery k_households{
      {"id", "unit", "address", "phone", "categories", "notes", "registered_on", "last_name", "first_name",
       "patronymic", "birth_date", "sex", "household_role", "person_phone", "snils"},
      "SELECT h.id, n.name AS unit, h.address, h.phone, h.categories, h.notes, h.created_at FROM households h "
      "JOIN units n ON n.id = h.unit_id WHERE n.path LIKE :p",
      "h.id",
      "h.created_at",
      true,
      "SELECT h.id, h.unit, h.address, h.phone, h.categories, h.notes, CAST(h.created_at AS TEXT), p.last_name, "
      "p.first_name, p.patronymic, p.birth_date, p.sex, p.household_role, p.phone, p.snils FROM (",
      ") h LEFT JOIN persons p ON p.household_id = h.id ORDER BY h.id, p.created_at, p.id"};
  static const ListQuery k_cases{
      {"id", "number", "unit", "address", "state", "state_since", "opened_on", "intensity", "planned_end", "lead"},
      "SELECT c.id, c.case_number, n.name, h.address, c.state, c.state_entered_on, c.opened_on, c.intensity, c.planned_end, "
      "u.full_name FROM cases c JOIN units n ON n.id = c.unit_id JOIN households h ON h.id = c.household_id "
      "LEFT JOIN users u ON u.id = c.lead_id WHERE n.path LIKE :p",
      "c.id",
      "c.opened_on",
      false};
  static const ListQuery k_visits{
      {"id", "case_id", "case_number", "unit", "address", "planned_on", "actual_on", "status", "kind",
       "child_safety_checked", "child_safety_concern", "author"},
      "SELECT v.id, v.case_id, c.case_number, n.name, h.address, v.planned_on, v.actual_on, "
      "CASE WHEN v.actual_on IS NOT NULL THEN 'done' WHEN v.missed_reason IS NOT NULL THEN 'missed' "
      "ELSE 'planned' END, v.kind, CAST(v.child_safety_checked AS TEXT), CAST(v.child_safety_concern AS TEXT), "
      "u.full_name FROM visits v JOIN cases c ON c.id = v.case_id JOIN units n ON n.id = c.unit_id "
      "JOIN households h ON h.id = c.household_id LEFT JOIN users u ON u.id = v.created_by WHERE n.path LIKE :p",
      "v.id",
      "v.planned_on",
      false};
  static const ListQuery k_services{
      {"id", "case_id", "case_number", "unit", "address", "service", "delivered_on", "quantity", "measure", "provider",
       "cost"},
      "SELECT d.id, d.case_id, c.case_number, n.name, h.address, d.service_code, d.delivered_on, CAST(d.quantity AS TEXT), "
      "d.unit, d.provider, CAST(d.cost AS TEXT) FROM service_deliveries d JOIN cases c ON c.id = d.case_id "
      "JOIN units n ON n.id = c.unit_id JOIN households h ON h.id = c.household_id WHERE n.path LIKE :p",
      "d.id",
      "d.delivered_on",
      false};
  switch (list) {
  case ExportList::households:
    return k_households;
  case ExportList::cases:
    return k_cases;
  case ExportList::visits:
    return k_visits;
  case ExportList::services:
    return k_services;
  }
  return k_households;
}

long long seconds_of(const std::string& date, int extra_days) {
  auto day = util::parse_date(date).value_or(util::Date{});
  return std::chrono::sys_seconds(day + std::chrono::days{extra_days}).time_since_epoch().count();
}

} // namespace

const std::vector<std::string>& export_columns(ExportList list) { return query_of(list).columns; }

long long export_rows(Tx& tx, ExportList list, const ExportScope& scope,
                      const std::function<void(const ExportRow&)>& row, int page_size) {
  const ListQuery& q = query_of(list);
  const std::string pattern = scope.unit_path_prefix + "%";
  // Unused bounds stay bound but compare to their own dummy, so the placeholders never change.
  const std::string from_text = scope.from && !q.period_is_timestamp ? *scope.from : "";
  const std::string to_text = scope.to && !q.period_is_timestamp ? *scope.to : "";
  const long long from_at = scope.from && q.period_is_timestamp ? seconds_of(*scope.from, 0) : 0;
  const long long to_at = scope.to && q.period_is_timestamp ? seconds_of(*scope.to, 1) : 0;
  std::string sql = q.select;
  sql += from_text.empty() ? " AND :f = ''" : " AND " + q.period + " >= :f";
  sql += to_text.empty() ? " AND :t = ''" : " AND " + q.period + " <= :t";
  sql += from_at == 0 ? " AND :fs = 0" : " AND " + q.period + " >= :fs";
  sql += to_at == 0 ? " AND :ts = 0" : " AND " + q.period + " < :ts";
  sql += " AND " + q.id_column + " > :after ORDER BY " + q.id_column + " LIMIT :lim";
  sql = q.rows_before + sql + q.rows_after;

  const int limit = std::clamp(page_size, 1, 10000);
  std::string after;
  long long count = 0;
  std::vector<std::string> values(q.columns.size());
  std::vector<soci::indicator> nulls(q.columns.size(), soci::i_ok);
  ExportRow out(q.columns.size());
  for (;;) {
    soci::statement st(tx.sql());
    for (size_t i = 0; i < values.size(); ++i) {
      st.exchange(soci::into(values[i], nulls[i]));
    }
    st.exchange(soci::use(pattern));
    st.exchange(soci::use(from_text));
    st.exchange(soci::use(to_text));
    st.exchange(soci::use(from_at));
    st.exchange(soci::use(to_at));
    st.exchange(soci::use(after));
    st.exchange(soci::use(limit));
    st.alloc();
    st.prepare(sql);
    st.define_and_bind();
    st.execute(false);
    int records = 0; // of this page: a record may have several rows
    while (st.fetch()) {
      for (size_t i = 0; i < values.size(); ++i) {
        out[i] = nulls[i] == soci::i_null ? std::nullopt : std::optional<std::string>(values[i]);
      }
      if (records == 0 || after != values[0]) {
        ++records;
        after = values[0];
      }
      ++count;
      row(out);
    }
    if (records < limit) {
      return count;
    }
  }
}

} // namespace patronage::storage
