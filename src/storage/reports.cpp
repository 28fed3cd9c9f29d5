#include "storage/reports.hpp"

#include <algorithm>
#include <map>
#include <ranges>
#include <set>
#include <stdexcept>
#include <string_view>

#include <soci/soci.h>

namespace patronage::storage {
namespace {

// The cases of the subtree open at some time in the period; binds :p (path pattern), :to, :from in this order.
constexpr auto k_open_cases = " FROM cases c JOIN units n ON n.id = c.unit_id WHERE n.path LIKE :p "
                              "AND c.opened_on <= :to AND (c.state NOT IN ('closed', 'rejected') "
                              "OR c.state_entered_on >= :from)";

// Cases of the subtree closed in the period; binds :p, :from, :to.
constexpr auto k_closed_cases = " FROM case_transitions t JOIN cases c ON c.id = t.case_id "
                                "JOIN units n ON n.id = c.unit_id WHERE n.path LIKE :p AND t.to_state = 'closed' "
                                "AND t.on_date >= :from AND t.on_date <= :to";

std::string pattern_of(const ReportScope& scope) { return scope.unit_path + "%"; }

std::vector<CodeCount> code_counts(Tx& tx, const std::string& query, const ReportScope& scope) {
  const std::string pattern = pattern_of(scope);
  CodeCount row;
  soci::statement st = (tx.sql().prepare << query, soci::use(pattern), soci::use(scope.to), soci::use(scope.from),
                        soci::into(row.code), soci::into(row.count));
  st.execute();
  std::vector<CodeCount> out;
  while (st.fetch()) {
    out.push_back(row);
  }
  return out;
}

} // namespace

std::vector<CodeCount> households_by_state(Tx& tx, const ReportScope& scope) {
  return code_counts(tx,
                     std::string("SELECT c.state, COUNT(DISTINCT c.household_id)") + k_open_cases +
                         " GROUP BY c.state ORDER BY c.state",
                     scope);
}

std::vector<CodeCount> households_by_category(Tx& tx, const ReportScope& scope,
                                              const std::vector<std::string>& categories) {
  if (categories.empty()) {
    return {};
  }
  return household_counts(tx, scope, categories).by_category;
}

std::vector<CodeCount> households_by_category_by_scan(Tx& tx, const ReportScope& scope,
                                                      const std::vector<std::string>& categories) {
  if (categories.empty()) {
    return {};
  }
  // The codes become a one-column table; each is checked to be a plain code, as it is part of the SQL text.
  std::string codes;
  for (const auto& code : categories) {
    for (const char ch : code) {
      if (!((ch >= 'a' && ch <= 'z') || ch == '_' || (ch >= '0' && ch <= '9'))) {
        throw std::invalid_argument("households_by_category: not a category code");
      }
    }
    codes += (codes.empty() ? "SELECT '" : " UNION ALL SELECT '") + code + "' AS code";
  }
  return code_counts(tx,
                     "SELECT k.code, COUNT(*) FROM households h JOIN (" + codes +
                         ") k ON (',' || h.categories || ',') LIKE ('%,' || k.code || ',%') "
                         "WHERE h.id IN (SELECT c.household_id" +
                         k_open_cases + ") GROUP BY k.code ORDER BY k.code",
                     scope);
}

std::vector<CodeCount> households_by_patronage_type(Tx& tx, const ReportScope& scope) {
  return household_counts(tx, scope, {}).by_patronage_type;
}

HouseholdCounts household_counts(Tx& tx, const ReportScope& scope, const std::vector<std::string>& categories) {
  // One row per case with its facts (the scan read each household row, and every measure of the current plans);
  // a household with several cases is counted once per code, from the union of its cases' codes.
  struct Row {
    std::string household_id;
    std::string state;
    std::string categories;
    std::string patronage_types;
  };
  const std::string pattern = pattern_of(scope);
  Row row;
  soci::indicator categories_ind = soci::i_null;
  soci::indicator types_ind = soci::i_null;
  soci::statement st =
      (tx.sql().prepare << std::string("SELECT c.household_id, c.state, f.categories, f.patronage_types FROM cases c "
                                       "JOIN units n ON n.id = c.unit_id "
                                       "LEFT JOIN case_report_facts f ON f.case_id = c.id WHERE n.path LIKE :p "
                                       "AND c.opened_on <= :to AND (c.state NOT IN ('closed', 'rejected') "
                                       "OR c.state_entered_on >= :from)"),
       soci::use(pattern), soci::use(scope.to), soci::use(scope.from), soci::into(row.household_id),
       soci::into(row.state), soci::into(row.categories, categories_ind), soci::into(row.patronage_types, types_ind));
  st.execute();
  std::vector<Row> rows;
  while (st.fetch()) {
    rows.push_back(row);
    if (categories_ind != soci::i_ok) {
      rows.back().categories.clear();
    }
    if (types_ind != soci::i_ok) {
      rows.back().patronage_types.clear();
    }
  }
  std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) { return a.household_id < b.household_id; });

  const std::set<std::string_view> wanted(categories.begin(), categories.end());
  std::map<std::string, long long, std::less<>> by_state;
  std::map<std::string, long long, std::less<>> by_category;
  std::map<std::string, long long, std::less<>> by_type;
  std::set<std::string_view> states;
  std::set<std::string_view> carried;
  std::set<std::string_view> types;
  const auto count = [](std::map<std::string, long long, std::less<>>& counts, std::set<std::string_view>& codes) {
    for (const auto code : codes) {
      const auto it = counts.find(code);
      if (it == counts.end()) {
        counts.emplace(std::string(code), 1);
      } else {
        ++it->second;
      }
    }
    codes.clear();
  };
  for (size_t i = 0; i < rows.size(); ++i) {
    states.insert(rows[i].state);
    for (const auto part : std::views::split(std::string_view(rows[i].categories), ',')) {
      const std::string_view code(part.begin(), part.end());
      if (wanted.contains(code)) {
        carried.insert(code);
      }
    }
    for (const auto part : std::views::split(std::string_view(rows[i].patronage_types), ',')) {
      if (!part.empty()) {
        types.emplace(part.begin(), part.end());
      }
    }
    if (i + 1 == rows.size() || rows[i + 1].household_id != rows[i].household_id) {
      count(by_state, states);
      count(by_category, carried);
      count(by_type, types);
    }
  }
  const auto listed = [](const std::map<std::string, long long, std::less<>>& counts) {
    std::vector<CodeCount> out;
    for (const auto& [code, n] : counts) {
      out.push_back({code, n});
    }
    return out;
  };
  return {listed(by_state), listed(by_category), listed(by_type)};
}

std::vector<CodeCount> households_by_patronage_type_by_scan(Tx& tx, const ReportScope& scope) {
  return code_counts(tx,
                     std::string("SELECT m.patronage_type, COUNT(DISTINCT c.household_id) FROM plan_measures m "
                                 "JOIN plans pl ON pl.id = m.plan_id AND pl.superseded_by IS NULL "
                                 "JOIN cases c ON c.id = m.case_id JOIN units n ON n.id = c.unit_id "
                                 "WHERE n.path LIKE :p AND c.opened_on <= :to AND (c.state NOT IN ('closed', "
                                 "'rejected') OR c.state_entered_on >= :from) "
                                 "GROUP BY m.patronage_type ORDER BY m.patronage_type"),
                     scope);
}

std::vector<LatestNeeds> latest_needs(Tx& tx, const ReportScope& scope) {
  const std::string pattern = pattern_of(scope);
  LatestNeeds row;
  soci::statement st =
      (tx.sql().prepare << std::string("SELECT c.household_id, COALESCE((SELECT a.data FROM assessments a "
                                       "WHERE a.case_id = c.id AND a.kind = 'needs' AND a.on_date <= :on "
                                       "ORDER BY a.on_date DESC, a.created_at DESC, COALESCE(a.seq, 0) DESC, a.id DESC LIMIT 1), '')") +
                               k_open_cases,
       soci::use(scope.to), soci::use(pattern), soci::use(scope.to), soci::use(scope.from),
       soci::into(row.household_id), soci::into(row.data));
  st.execute();
  std::vector<LatestNeeds> out;
  while (st.fetch()) {
    out.push_back(row);
  }
  return out;
}

std::vector<SpecialistLoad> specialist_loads(Tx& tx, const std::string& unit_path) {
  const std::string pattern = unit_path + "%";
  SpecialistLoad row;
  soci::statement st =
      (tx.sql().prepare << "SELECT u.id, u.full_name, n.name, "
                           "CAST(COALESCE(SUM(CASE WHEN c.intensity = 'intensive' THEN 1 ELSE 0 END), 0) AS BIGINT), "
                           "CAST(COALESCE(SUM(CASE WHEN c.id IS NOT NULL AND COALESCE(c.intensity, 'standard') "
                           "<> 'intensive' THEN 1 ELSE 0 END), 0) AS BIGINT) "
                           "FROM users u JOIN units n ON n.id = u.unit_id "
                           "LEFT JOIN cases c ON c.lead_id = u.id AND c.state IN ('active', 'closing') "
                           "WHERE u.role = 'specialist' AND u.disabled = 0 AND n.path LIKE :p "
                           "GROUP BY u.id, u.full_name, n.name ORDER BY u.full_name, u.id",
       soci::use(pattern), soci::into(row.user_id), soci::into(row.full_name), soci::into(row.unit_name),
       soci::into(row.intensive), soci::into(row.standard));
  st.execute();
  std::vector<SpecialistLoad> out;
  while (st.fetch()) {
    out.push_back(row);
  }
  return out;
}

namespace {

// Runs a visits query binding (:p, :from, :to) and selecting (kind, planned, made, missed, on time).
std::vector<VisitCounts> visit_counts_of(Tx& tx, const ReportScope& scope, const char* query) {
  const std::string pattern = pattern_of(scope);
  VisitCounts row;
  soci::statement st = (tx.sql().prepare << query, soci::use(pattern), soci::use(scope.from), soci::use(scope.to),
                        soci::into(row.kind), soci::into(row.planned), soci::into(row.made), soci::into(row.missed),
                        soci::into(row.on_time));
  st.execute();
  std::vector<VisitCounts> out;
  while (st.fetch()) {
    out.push_back(row);
  }
  return out;
}

} // namespace

std::vector<VisitCounts> visit_counts(Tx& tx, const ReportScope& scope) {
  // Each unit of the subtree is one range of the primary key (unit_id, planned_on, kind). A bucket left with no
  // visit is deleted by the writes; HAVING keeps a kind out, as the scan does, should one remain.
  return visit_counts_of(tx, scope,
                         "SELECT d.kind, CAST(SUM(d.planned) AS BIGINT), CAST(SUM(d.made) AS BIGINT), "
                         "CAST(SUM(d.missed) AS BIGINT), CAST(SUM(d.on_time) AS BIGINT) "
                         "FROM units n JOIN visit_day_counts d ON d.unit_id = n.id WHERE n.path LIKE :p "
                         "AND d.planned_on >= :from AND d.planned_on <= :to GROUP BY d.kind "
                         "HAVING SUM(d.planned) > 0 ORDER BY d.kind");
}

std::vector<VisitCounts> visit_counts_by_scan(Tx& tx, const ReportScope& scope) {
  return visit_counts_of(tx, scope,
                         "SELECT v.kind, COUNT(*), "
                         "CAST(SUM(CASE WHEN v.actual_on IS NOT NULL THEN 1 ELSE 0 END) AS BIGINT), "
                         "CAST(SUM(CASE WHEN v.actual_on IS NULL AND v.missed_reason IS NOT NULL THEN 1 ELSE 0 END) "
                         "AS BIGINT), "
                         "CAST(SUM(CASE WHEN v.actual_on IS NOT NULL AND v.actual_on <= v.planned_on THEN 1 ELSE 0 "
                         "END) AS BIGINT) "
                         "FROM visits v WHERE v.case_id IN (SELECT c.id FROM cases c "
                         "JOIN units n ON n.id = c.unit_id WHERE n.path LIKE :p) "
                         "AND v.planned_on >= :from AND v.planned_on <= :to GROUP BY v.kind ORDER BY v.kind");
}

std::vector<MeasureCounts> measure_counts(Tx& tx, const ReportScope& scope) {
  const std::string pattern = pattern_of(scope);
  const std::string done_on = tx.dialect().date_of("m.updated_at");
  MeasureCounts row;
  soci::statement st =
      (tx.sql().prepare << "SELECT m.patronage_type, COUNT(*), "
                           "CAST(SUM(CASE WHEN m.status = 'done' THEN 1 ELSE 0 END) AS BIGINT), "
                           "CAST(SUM(CASE WHEN m.status = 'done' AND " +
                               done_on +
                               " <= m.due_on THEN 1 ELSE 0 END) AS BIGINT), "
                               "CAST(SUM(CASE WHEN m.status = 'not_done' THEN 1 ELSE 0 END) AS BIGINT), "
                               "CAST(SUM(CASE WHEN m.status = 'cancelled' THEN 1 ELSE 0 END) AS BIGINT) "
                               "FROM plan_measures m JOIN plans pl ON pl.id = m.plan_id AND pl.superseded_by IS NULL "
                               "JOIN cases c ON c.id = m.case_id JOIN units n ON n.id = c.unit_id "
                               "WHERE m.due_on >= :from AND m.due_on <= :to AND n.path LIKE :p "
                               "GROUP BY m.patronage_type ORDER BY m.patronage_type",
       soci::use(scope.from), soci::use(scope.to), soci::use(pattern), soci::into(row.patronage_type),
       soci::into(row.due), soci::into(row.done), soci::into(row.done_on_time), soci::into(row.not_done),
       soci::into(row.cancelled));
  st.execute();
  std::vector<MeasureCounts> out;
  while (st.fetch()) {
    out.push_back(row);
  }
  return out;
}

namespace {

// Runs a deliveries query binding (:p, :from, :to) and selecting (service, unit, deliveries, households, quantity,
// cost, costed).
std::vector<DeliveryTotals> delivery_totals_of(Tx& tx, const ReportScope& scope, const char* query) {
  const std::string pattern = pattern_of(scope);
  DeliveryTotals row;
  soci::statement st = (tx.sql().prepare << query, soci::use(pattern), soci::use(scope.from), soci::use(scope.to),
                        soci::into(row.service_code), soci::into(row.unit), soci::into(row.deliveries),
                        soci::into(row.households), soci::into(row.quantity), soci::into(row.cost),
                        soci::into(row.costed));
  st.execute();
  std::vector<DeliveryTotals> out;
  while (st.fetch()) {
    out.push_back(row);
  }
  return out;
}

} // namespace

std::vector<DeliveryTotals> delivery_totals(Tx& tx, const ReportScope& scope) {
  // Each unit of the subtree is one range of the primary key (unit_id, delivered_on, ...): the CROSS JOIN keeps
  // SQLite's planner from scanning every bucket and looking up each one's unit (PostgreSQL plans it as a join).
  // A household is in the key, so the buckets of the period count it as the scan does, once per service and unit.
  return delivery_totals_of(tx, scope,
                            "SELECT d.service_code, d.unit, CAST(SUM(d.deliveries) AS BIGINT), "
                            "COUNT(DISTINCT d.household_id), CAST(SUM(d.quantity) AS BIGINT), "
                            "CAST(SUM(d.cost) AS BIGINT), CAST(SUM(d.costed) AS BIGINT) "
                            "FROM units n CROSS JOIN delivery_day_counts d WHERE d.unit_id = n.id "
                            "AND n.path LIKE :p AND d.delivered_on >= :from AND d.delivered_on <= :to "
                            "GROUP BY d.service_code, d.unit ORDER BY d.service_code, d.unit");
}

std::vector<DeliveryTotals> delivery_totals_by_scan(Tx& tx, const ReportScope& scope) {
  return delivery_totals_of(tx, scope,
                            "SELECT d.service_code, d.unit, COUNT(*), COUNT(DISTINCT c.household_id), "
                            "CAST(SUM(d.quantity) AS BIGINT), CAST(COALESCE(SUM(d.cost), 0) AS BIGINT), "
                            "CAST(SUM(CASE WHEN d.cost IS NULL THEN 0 ELSE 1 END) AS BIGINT) "
                            "FROM service_deliveries d JOIN cases c ON c.id = d.case_id "
                            "JOIN units n ON n.id = c.unit_id "
                            "WHERE n.path LIKE :p AND d.delivered_on >= :from AND d.delivered_on <= :to "
                            "GROUP BY d.service_code, d.unit ORDER BY d.service_code, d.unit");
}

std::vector<ReferralCount> referral_counts(Tx& tx, const ReportScope& scope) {
  const std::string pattern = pattern_of(scope);
  ReferralCount row;
  soci::statement st = (tx.sql().prepare << "SELECT p.id, p.name, r.status, COUNT(*) FROM referrals r "
                                            "JOIN partners p ON p.id = r.partner_id JOIN cases c ON c.id = r.case_id "
                                            "JOIN units n ON n.id = c.unit_id "
                                            "WHERE r.sent_on >= :from AND r.sent_on <= :to AND n.path LIKE :p "
                                            "GROUP BY p.id, p.name, r.status ORDER BY p.name, p.id, r.status",
                        soci::use(scope.from), soci::use(scope.to), soci::use(pattern), soci::into(row.partner_id),
                        soci::into(row.partner_name), soci::into(row.status), soci::into(row.count));
  st.execute();
  std::vector<ReferralCount> out;
  while (st.fetch()) {
    out.push_back(row);
  }
  return out;
}

std::vector<ReferralResponse> referral_responses(Tx& tx, const ReportScope& scope) {
  const std::string pattern = pattern_of(scope);
  const std::string days = tx.dialect().days_between("x.sent_on", "x.answered_on");
  ReferralResponse row;
  soci::statement st =
      (tx.sql().prepare << "SELECT x.partner_id, x.partner_name, COUNT(*), COUNT(x.answered_on), "
                           "CAST(SUM(CASE WHEN x.answered_on <= x.due_on THEN 1 ELSE 0 END) AS BIGINT), "
                           "CAST(COALESCE(SUM(" +
                               days +
                               "), 0) AS BIGINT) FROM (SELECT p.id AS partner_id, p.name AS partner_name, "
                               "r.sent_on AS sent_on, r.due_on AS due_on, (SELECT MIN(h.on_date) FROM "
                               "referral_history h WHERE h.referral_id = r.id AND h.from_status <> '') AS answered_on "
                               "FROM referrals r JOIN partners p ON p.id = r.partner_id "
                               "JOIN cases c ON c.id = r.case_id JOIN units n ON n.id = c.unit_id "
                               "WHERE r.sent_on >= :from AND r.sent_on <= :to AND n.path LIKE :p) x "
                               "GROUP BY x.partner_id, x.partner_name ORDER BY x.partner_name, x.partner_id",
       soci::use(scope.from), soci::use(scope.to), soci::use(pattern), soci::into(row.partner_id),
       soci::into(row.partner_name), soci::into(row.sent), soci::into(row.answered), soci::into(row.answered_by_due),
       soci::into(row.response_days));
  st.execute();
  std::vector<ReferralResponse> out;
  while (st.fetch()) {
    out.push_back(row);
  }
  return out;
}

std::vector<SignalCounts> signal_counts(Tx& tx, const ReportScope& scope) {
  const std::string pattern = pattern_of(scope);
  SignalCounts row;
  soci::statement st =
      (tx.sql().prepare << "SELECT s.source, s.urgency, COUNT(*), "
                           "CAST(SUM(CASE WHEN s.triaged_at IS NOT NULL THEN 1 ELSE 0 END) AS BIGINT), "
                           "CAST(SUM(CASE WHEN s.triaged_at IS NOT NULL AND s.triaged_at <= s.deadline_at THEN 1 "
                           "ELSE 0 END) AS BIGINT) "
                           "FROM signals s JOIN units n ON n.id = s.unit_id "
                           "WHERE s.received_at >= :from AND s.received_at < :to AND n.path LIKE :p "
                           "GROUP BY s.source, s.urgency ORDER BY s.source, s.urgency",
       soci::use(scope.from_at), soci::use(scope.to_before), soci::use(pattern), soci::into(row.source),
       soci::into(row.urgency), soci::into(row.received), soci::into(row.answered), soci::into(row.in_time));
  st.execute();
  std::vector<SignalCounts> out;
  while (st.fetch()) {
    out.push_back(row);
  }
  return out;
}

std::vector<ClosedCase> closed_cases(Tx& tx, const ReportScope& scope) {
  const std::string pattern = pattern_of(scope);
  const std::string days = tx.dialect().days_between("c.opened_on", "t.on_date");
  ClosedCase row;
  soci::statement st = (tx.sql().prepare << "SELECT c.id, CAST(" + days + " AS BIGINT)" + k_closed_cases +
                                                " ORDER BY c.id",
                        soci::use(pattern), soci::use(scope.from), soci::use(scope.to), soci::into(row.case_id),
                        soci::into(row.days));
  st.execute();
  std::vector<ClosedCase> out;
  while (st.fetch()) {
    out.push_back(row);
  }
  return out;
}

std::vector<CaseNeeds> closed_cases_needs(Tx& tx, const ReportScope& scope) {
  const std::string pattern = pattern_of(scope);
  CaseNeeds row;
  soci::statement st =
      (tx.sql().prepare << "SELECT a.case_id, a.data FROM case_transitions t JOIN cases c ON c.id = t.case_id "
                           "JOIN units n ON n.id = c.unit_id JOIN assessments a ON a.case_id = c.id "
                           "AND a.kind = 'needs' WHERE n.path LIKE :p AND t.to_state = 'closed' "
                           "AND t.on_date >= :from AND t.on_date <= :to "
                           "ORDER BY a.case_id, a.on_date, a.created_at, COALESCE(a.seq, 0), a.id",
       soci::use(pattern), soci::use(scope.from), soci::use(scope.to), soci::into(row.case_id), soci::into(row.data));
  st.execute();
  std::vector<CaseNeeds> out;
  while (st.fetch()) {
    out.push_back(row);
  }
  return out;
}

VolunteerFigures volunteer_figures(Tx& tx, const ReportScope& scope) {
  const std::string pattern = pattern_of(scope);
  VolunteerFigures out;
  {
    CodeCount row;
    soci::statement st = (tx.sql().prepare << "SELECT v.status, COUNT(*) FROM volunteers v "
                                              "JOIN units n ON n.id = v.unit_id WHERE n.path LIKE :p "
                                              "GROUP BY v.status ORDER BY v.status",
                          soci::use(pattern), soci::into(row.code), soci::into(row.count));
    st.execute();
    while (st.fetch()) {
      out.by_status.push_back(row);
    }
  }
  tx.sql() << "SELECT COUNT(DISTINCT ct.volunteer_id), CAST(COALESCE(SUM(ct.minutes), 0) AS BIGINT), "
              "COUNT(DISTINCT ct.case_id) FROM volunteer_contacts ct JOIN volunteers v ON v.id = ct.volunteer_id "
              "JOIN units n ON n.id = v.unit_id WHERE ct.on_date >= :from AND ct.on_date <= :to AND n.path LIKE :p",
      soci::use(scope.from), soci::use(scope.to), soci::use(pattern), soci::into(out.contact_volunteers),
      soci::into(out.contact_minutes), soci::into(out.contact_wards);
  tx.sql() << "SELECT COUNT(DISTINCT m.user_id), COUNT(*) FROM case_members m JOIN cases c ON c.id = m.case_id "
              "JOIN volunteers v ON v.user_id = m.user_id JOIN units n ON n.id = v.unit_id "
              "WHERE m.member_role = 'volunteer' AND c.state NOT IN ('closed', 'rejected') AND n.path LIKE :p",
      soci::use(pattern), soci::into(out.volunteers_with_wards), soci::into(out.open_wards);
  return out;
}

} // namespace patronage::storage
