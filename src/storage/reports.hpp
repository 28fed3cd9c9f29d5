#pragma once

#include <string>
#include <vector>

#include "storage/database.hpp"

namespace patronage::storage {

// What every report aggregates over: the records of the unit subtree `unit_path` ("/a/b/", every unit whose path
// starts with it) in the period [`from`, `to`] ('YYYY-MM-DD', both days included). `from_at` and `to_before` are
// the same period in Unix seconds (UTC), `to_before` being the start of the day after `to`.
struct ReportScope {
  std::string unit_path;
  std::string from;
  std::string to;
  long long from_at = 0;
  long long to_before = 0;
};

// Each function below runs a fixed number of aggregate queries (GROUP BY in SQL, no query per row) and returns
// codes, never names or addresses of families; they read only, audit nothing and check no permission.

struct CodeCount {
  std::string code;
  long long count = 0;
  bool operator==(const CodeCount&) const = default;
};

// SPEC §10 "households by state": the cases of the subtree open at some time in the period — opened on or
// before `to` and not closed or rejected before `from` — counted as distinct households per current case state.
std::vector<CodeCount> households_by_state(Tx& tx, const ReportScope& scope);

// The households of those cases that carry each of `categories` (a household may count under several), by code;
// a code no household carries is left out. Read with the cases from the stored facts (household_counts).
std::vector<CodeCount> households_by_category(Tx& tx, const ReportScope& scope,
                                              const std::vector<std::string>& categories);
// The same figures from the SQL that matched every household against every code (a LIKE per pair), kept as the
// tests' oracle (issue 16). Its LIKE also took '_' for any character and, on SQLite, ignored case; stored categories
// are checked against the list of codes when written (app/households.cpp), on which the two agree.
std::vector<CodeCount> households_by_category_by_scan(Tx& tx, const ReportScope& scope,
                                                      const std::vector<std::string>& categories);

// The households of those cases whose current plan has a measure of each patronage type. Read with the cases from
// the stored facts (household_counts).
std::vector<CodeCount> households_by_patronage_type(Tx& tx, const ReportScope& scope);
// The same figures from the SQL that read every measure of every plan, kept as the tests' oracle (issue 16).
std::vector<CodeCount> households_by_patronage_type_by_scan(Tx& tx, const ReportScope& scope);

// The three counts above from one read of those cases and their stored facts (case_report_facts.hpp), each household
// counted once per code: `by_state` as households_by_state, `by_category` (of `categories`) and `by_patronage_type`
// as the functions above. The codes in byte order.
struct HouseholdCounts {
  std::vector<CodeCount> by_state;
  std::vector<CodeCount> by_category;
  std::vector<CodeCount> by_patronage_type;
};
HouseholdCounts household_counts(Tx& tx, const ReportScope& scope, const std::vector<std::string>& categories);

// The latest `needs` assessment dated on or before `to` of each of those cases; `data` is empty for a case
// without one.
struct LatestNeeds {
  std::string household_id;
  std::string data;
};
std::vector<LatestNeeds> latest_needs(Tx& tx, const ReportScope& scope);

// SPEC §3, §10: the families each enabled specialist of the subtree leads now (cases active or closing), by
// intensity; a case without intensity counts as standard. Ordered by name.
struct SpecialistLoad {
  std::string user_id;
  std::string full_name;
  std::string unit_name;
  long long intensive = 0;
  long long standard = 0;
};
std::vector<SpecialistLoad> specialist_loads(Tx& tx, const std::string& unit_path);

// SPEC §8, §10: visits planned in the period, by kind. `made`: with an actual date; `missed`: with a missed
// reason and no actual date; `on_time`: made on or before the planned day. Summed from the counters the visit
// writes keep (visit_day_counts.hpp): a few rows per unit and day, not every visit.
struct VisitCounts {
  std::string kind;
  long long planned = 0;
  long long made = 0;
  long long missed = 0;
  long long on_time = 0;
  bool operator==(const VisitCounts&) const = default;
};
std::vector<VisitCounts> visit_counts(Tx& tx, const ReportScope& scope);
// The same figures counted from the visits themselves (every visit of the period of every case of the subtree):
// what visit_counts computed before the counters, kept as the tests' oracle for them.
std::vector<VisitCounts> visit_counts_by_scan(Tx& tx, const ReportScope& scope);

// SPEC §7, §10: measures of current plan versions due in the period, by patronage type. `done_on_time`: done,
// and last changed (the day it was marked done, unless edited since) on or before its due day.
struct MeasureCounts {
  std::string patronage_type;
  long long due = 0;
  long long done = 0;
  long long done_on_time = 0;
  long long not_done = 0;
  long long cancelled = 0;
};
std::vector<MeasureCounts> measure_counts(Tx& tx, const ReportScope& scope);

// SPEC §8, §10: services and aid delivered in the period, by service and unit of quantity. `cost` in kopecks
// over the `costed` deliveries that have one. Summed from the counters insert_delivery keeps
// (delivery_day_counts.hpp): one key range per unit of the subtree, without reading the deliveries or their cases.
struct DeliveryTotals {
  std::string service_code;
  std::string unit;
  long long deliveries = 0;
  long long households = 0;
  long long quantity = 0;
  long long cost = 0;
  long long costed = 0;
  bool operator==(const DeliveryTotals&) const = default;
};
std::vector<DeliveryTotals> delivery_totals(Tx& tx, const ReportScope& scope);
// The same figures counted from the deliveries of the period and their cases: what delivery_totals computed before
// the counters, kept as the tests' oracle for them.
std::vector<DeliveryTotals> delivery_totals_by_scan(Tx& tx, const ReportScope& scope);

// SPEC §9, §10: referrals sent in the period from cases of the subtree, per partner and current status.
struct ReferralCount {
  std::string partner_id;
  std::string partner_name;
  std::string status;
  long long count = 0;
};
std::vector<ReferralCount> referral_counts(Tx& tx, const ReportScope& scope);

// The same referrals per partner: how many the partner answered (the first status change after "sent"), how
// many by their due day, and the sum of days from sending to that answer.
struct ReferralResponse {
  std::string partner_id;
  std::string partner_name;
  long long sent = 0;
  long long answered = 0;
  long long answered_by_due = 0;
  long long response_days = 0;
};
std::vector<ReferralResponse> referral_responses(Tx& tx, const ReportScope& scope);

// SPEC §4, §10: signals received in the period by units of the subtree, by source and urgency. `answered`:
// triaged; `in_time`: triaged by the response deadline.
struct SignalCounts {
  std::string source;
  std::string urgency;
  long long received = 0;
  long long answered = 0;
  long long in_time = 0;
};
std::vector<SignalCounts> signal_counts(Tx& tx, const ReportScope& scope);

// SPEC §10: cases of the subtree closed in the period, with the days from opening to closing.
struct ClosedCase {
  std::string case_id;
  long long days = 0;
};
std::vector<ClosedCase> closed_cases(Tx& tx, const ReportScope& scope);

// The `needs` assessments of those cases, by case, oldest first.
struct CaseNeeds {
  std::string case_id;
  std::string data;
};
std::vector<CaseNeeds> closed_cases_needs(Tx& tx, const ReportScope& scope);

// SPEC §9, §10: volunteers of the subtree now by status; their contacts in the period (volunteers who logged
// any, minutes, distinct wards); and their wards now (open cases with a volunteer).
struct VolunteerFigures {
  std::vector<CodeCount> by_status;
  long long contact_volunteers = 0;
  long long contact_minutes = 0;
  long long contact_wards = 0;
  long long volunteers_with_wards = 0;
  long long open_wards = 0;
};
VolunteerFigures volunteer_figures(Tx& tx, const ReportScope& scope);

} // namespace patronage::storage
