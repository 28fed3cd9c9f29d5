#include "app/reports.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <map>

#include <boost/json/parse.hpp>

#include "app/assessment_forms.hpp"
#include "app/audit_trail.hpp"
#include "app/case_access.hpp"
#include "app/clock.hpp"
#include "domain/map_of_changes.hpp"
#include "domain/risk.hpp"
#include "storage/units.hpp"

namespace patronage::app {
namespace {

using util::Cell;

constexpr std::array<std::string_view, 8> k_states{"signal",      "assessment", "awaiting_decision", "active",
                                                   "closing",     "supervision", "closed",           "rejected"};
// SPEC §2, in the order of app/households.cpp.
constexpr std::array<std::string_view, 11> k_household_categories{
    "low_income",       "large_family",   "single_parent", "child_with_disability",        "guardian_family",
    "adult_with_disability", "elderly_alone", "addiction", "juvenile_police_registration", "pregnant_in_difficulty",
    "refugee_or_migrant"};
constexpr std::array<std::string_view, 7> k_patronage_types{"medical_social", "psychological", "pedagogical",
                                                            "economic",       "legal",         "household",
                                                            "labour"};
constexpr std::array<std::string_view, 5> k_risk_levels{"low", "medium", "high", "critical", "not_assessed"};
constexpr std::array<std::string_view, 4> k_outcomes{"improved", "unchanged", "worse", "not_assessed"};
constexpr std::array<std::string_view, 5> k_volunteer_statuses{"candidate", "trained", "active", "paused", "left"};
constexpr auto k_total = "total";
constexpr int k_year_days = 364;

// A table under construction; `label` columns hold codes translated with their prefix.
class Builder {
public:
  explicit Builder(std::string name) {
    m_out.table.title = "report.table." + name;
    m_out.table.name = std::move(name);
  }
  Builder& label(std::string key, std::string prefix, double width = 24) {
    return column(std::move(key), std::move(prefix), width);
  }
  Builder& text(std::string key, double width = 28) { return column(std::move(key), "", width); }
  Builder& figure(std::string key) { return column(std::move(key), "", 14); }
  // The table is drawn as a chart of `kind` over the columns `values`.
  Builder& chart(std::string kind, std::vector<std::string> values) {
    m_out.chart = ReportChart{std::move(kind), std::move(values)};
    return *this;
  }
  void row(std::vector<Cell> cells, std::optional<Drill> drill = std::nullopt) {
    m_out.table.rows.push_back(std::move(cells));
    m_drill.push_back(std::move(drill));
  }
  // The last row, which totals the others.
  void total_row(std::vector<Cell> cells) {
    m_out.total_row = m_out.table.rows.size();
    row(std::move(cells));
  }
  ReportTable take(bool with_drill) {
    if (with_drill && std::any_of(m_drill.begin(), m_drill.end(), [](const auto& d) { return d.has_value(); })) {
      m_out.drill = std::move(m_drill);
    }
    return std::move(m_out);
  }

private:
  Builder& column(std::string key, std::string prefix, double width) {
    m_out.table.columns.push_back({key, "report.column." + key, width});
    m_out.label_prefixes.push_back(std::move(prefix));
    return *this;
  }
  ReportTable m_out;
  std::vector<std::optional<Drill>> m_drill;
};

Cell code(std::string_view text) { return std::string(text); }
Cell number(long long value) { return value; }

// `part` of `whole` in percent with one decimal; empty when `whole` is 0.
Cell percent(long long part, long long whole) {
  if (whole <= 0) {
    return std::monostate{};
  }
  return std::round(1000.0 * static_cast<double>(part) / static_cast<double>(whole)) / 10.0;
}

// `total` / `count` with one decimal; empty when `count` is 0.
Cell average(double total, long long count) {
  if (count <= 0) {
    return std::monostate{};
  }
  return std::round(10.0 * total / static_cast<double>(count)) / 10.0;
}

template <size_t N>
void count_rows(Builder& b, const std::array<std::string_view, N>& codes, const std::map<std::string, long long>& counts,
                const std::function<std::optional<Drill>(std::string_view)>& drill = {}) {
  for (const auto c : codes) {
    const auto it = counts.find(std::string(c));
    b.row({code(c), number(it == counts.end() ? 0 : it->second)}, drill ? drill(c) : std::nullopt);
  }
}

std::map<std::string, long long> as_map(const std::vector<storage::CodeCount>& rows) {
  std::map<std::string, long long> out;
  for (const auto& r : rows) {
    out[r.code] += r.count;
  }
  return out;
}

std::vector<domain::DomainScore> scores_of(const std::string& data) {
  boost::system::error_code ec;
  auto parsed = boost::json::parse(data, ec);
  if (ec || !parsed.is_object()) {
    return {};
  }
  return stored_scores(parsed.as_object());
}

std::vector<ReportTable> households(storage::Tx& tx, const Services& services, const storage::ReportScope& scope,
                                    bool with_drill) {
  std::vector<ReportTable> out;
  const std::vector<std::string> codes(k_household_categories.begin(), k_household_categories.end());
  const auto counts = storage::household_counts(tx, scope, codes);
  {
    Builder b("households_by_state");
    b.label("state", "report.state.").figure("households").chart("pie", {"households"});
    // The cases list shows the reader's whole reach, so a drill is exact only for the reader's own unit.
    count_rows(b, k_states, as_map(counts.by_state), [](std::string_view state) {
      return Drill{"cases", {{"state", std::string(state)}}};
    });
    out.push_back(b.take(with_drill));
  }
  {
    Builder b("households_by_category");
    // A household has several categories: bars, not slices of a whole.
    b.label("category", "report.category.").figure("households").chart("bar", {"households"});
    count_rows(b, k_household_categories, as_map(counts.by_category));
    out.push_back(b.take(with_drill));
  }
  {
    Builder b("households_by_patronage_type");
    b.label("patronage_type", "report.patronage_type.").figure("households").chart("bar", {"households"});
    count_rows(b, k_patronage_types, as_map(counts.by_patronage_type));
    out.push_back(b.take(with_drill));
  }
  {
    // A household with several cases counts once, under the highest level of its cases.
    std::map<std::string, int> level_of; // household → index into k_risk_levels, not_assessed last
    for (const auto& needs : storage::latest_needs(tx, scope)) {
      int level = static_cast<int>(k_risk_levels.size()) - 1;
      if (const auto scores = scores_of(needs.data); !needs.data.empty() && !scores.empty()) {
        level = static_cast<int>(domain::assess_risk(scores, services.settings.assessment.risk).level);
      }
      auto [it, added] = level_of.emplace(needs.household_id, level);
      const int not_assessed = static_cast<int>(k_risk_levels.size()) - 1;
      if (!added && (it->second == not_assessed || (level != not_assessed && level > it->second))) {
        it->second = level;
      }
    }
    std::map<std::string, long long> counts;
    for (const auto& [household, level] : level_of) {
      ++counts[std::string(k_risk_levels[static_cast<size_t>(level)])];
    }
    Builder b("households_by_risk");
    b.label("risk_level", "report.risk_level.").figure("households").chart("pie", {"households"});
    count_rows(b, k_risk_levels, counts);
    out.push_back(b.take(with_drill));
  }
  return out;
}

std::vector<ReportTable> caseload(storage::Tx& tx, const Services& services, const storage::ReportScope& scope,
                                  bool with_drill) {
  const auto& limits = services.settings.lifecycle;
  Builder b("caseload");
  b.text("specialist").text("unit").figure("intensive").figure("intensive_limit").figure("standard");
  b.figure("standard_limit").label("over_limit", "report.flag.", 14);
  b.chart("bar", {"intensive", "intensive_limit", "standard", "standard_limit"});
  for (const auto& load : storage::specialist_loads(tx, scope.unit_path)) {
    const bool over = load.intensive > limits.intensive_limit || load.standard > limits.standard_limit;
    b.row({load.full_name, load.unit_name, number(load.intensive), number(limits.intensive_limit),
           number(load.standard), number(limits.standard_limit), code(over ? "yes" : "no")});
  }
  return {b.take(with_drill)};
}

std::vector<ReportTable> visits(storage::Tx& tx, const storage::ReportScope& scope, bool with_drill) {
  Builder b("visits_by_kind");
  b.label("kind", "report.visit_kind.").figure("planned").figure("made").figure("missed").figure("made_on_time");
  b.figure("on_time_rate").chart("bar", {"planned", "made", "missed", "made_on_time"});
  storage::VisitCounts total;
  for (const auto& v : storage::visit_counts(tx, scope)) {
    b.row({code(v.kind), number(v.planned), number(v.made), number(v.missed), number(v.on_time),
           percent(v.on_time, v.planned)});
    total.planned += v.planned;
    total.made += v.made;
    total.missed += v.missed;
    total.on_time += v.on_time;
  }
  b.total_row({code(k_total), number(total.planned), number(total.made), number(total.missed), number(total.on_time),
               percent(total.on_time, total.planned)});
  return {b.take(with_drill)};
}

std::vector<ReportTable> measures(storage::Tx& tx, const storage::ReportScope& scope, bool with_drill) {
  Builder b("measures_by_type");
  b.label("patronage_type", "report.patronage_type.").figure("due").figure("done").figure("done_on_time");
  b.figure("not_done").figure("cancelled").figure("on_time_rate");
  b.chart("bar", {"due", "done", "done_on_time", "not_done", "cancelled"});
  storage::MeasureCounts total;
  auto cells = [&](std::string_view type, const storage::MeasureCounts& m) -> std::vector<Cell> {
    return {code(type),
            number(m.due),
            number(m.done),
            number(m.done_on_time),
            number(m.not_done),
            number(m.cancelled),
            percent(m.done_on_time, m.due - m.cancelled)};
  };
  for (const auto& m : storage::measure_counts(tx, scope)) {
    b.row(cells(m.patronage_type, m));
    total.due += m.due;
    total.done += m.done;
    total.done_on_time += m.done_on_time;
    total.not_done += m.not_done;
    total.cancelled += m.cancelled;
  }
  b.total_row(cells(k_total, total));
  return {b.take(with_drill)};
}

std::vector<ReportTable> services_delivered(storage::Tx& tx, const storage::ReportScope& scope, bool with_drill) {
  constexpr double k_kopecks = 100.0;
  Builder b("services_by_type");
  b.label("service", "service.", 30).label("unit", "report.quantity_unit.", 14).figure("deliveries");
  b.figure("households").figure("quantity").figure("cost").chart("bar", {"deliveries", "households"});
  long long deliveries = 0;
  long long cost = 0;
  for (const auto& d : storage::delivery_totals(tx, scope)) {
    b.row({code(d.service_code), code(d.unit), number(d.deliveries), number(d.households), number(d.quantity),
           d.costed > 0 ? Cell(static_cast<double>(d.cost) / k_kopecks) : Cell(std::monostate{})});
    deliveries += d.deliveries;
    cost += d.cost;
  }
  b.total_row({code(k_total), std::monostate{}, number(deliveries), std::monostate{}, std::monostate{},
               static_cast<double>(cost) / k_kopecks});
  return {b.take(with_drill)};
}

std::vector<ReportTable> referrals(storage::Tx& tx, const storage::ReportScope& scope, bool with_drill) {
  std::vector<ReportTable> out;
  {
    Builder b("referrals_by_partner_status");
    b.text("partner", 36).label("status", "report.referral_status.").figure("referrals");
    b.chart("stacked", {"referrals"});
    for (const auto& r : storage::referral_counts(tx, scope)) {
      b.row({r.partner_name, code(r.status), number(r.count)});
    }
    out.push_back(b.take(with_drill));
  }
  {
    Builder b("referral_responses");
    b.text("partner", 36).figure("sent").figure("answered").figure("answered_by_due");
    b.figure("average_response_days").chart("bar", {"sent", "answered", "answered_by_due"});
    for (const auto& r : storage::referral_responses(tx, scope)) {
      b.row({r.partner_name, number(r.sent), number(r.answered), number(r.answered_by_due),
             average(static_cast<double>(r.response_days), r.answered)});
    }
    out.push_back(b.take(with_drill));
  }
  return out;
}

std::vector<ReportTable> signals(storage::Tx& tx, const storage::ReportScope& scope, bool with_drill) {
  Builder b("signals_by_source");
  b.label("source", "report.source.").label("urgency", "report.urgency.", 14).figure("received");
  b.figure("answered").figure("answered_in_time").figure("in_time_rate");
  b.chart("bar", {"received", "answered", "answered_in_time"});
  storage::SignalCounts total;
  for (const auto& s : storage::signal_counts(tx, scope)) {
    b.row({code(s.source), code(s.urgency), number(s.received), number(s.answered), number(s.in_time),
           percent(s.in_time, s.received)});
    total.received += s.received;
    total.answered += s.answered;
    total.in_time += s.in_time;
  }
  b.total_row({code(k_total), std::monostate{}, number(total.received), number(total.answered), number(total.in_time),
               percent(total.in_time, total.received)});
  return {b.take(with_drill)};
}

std::vector<ReportTable> outcomes(storage::Tx& tx, const Services& services, const storage::ReportScope& scope,
                                  bool with_drill) {
  // The first and the last needs assessment of each closed case make its map of changes.
  std::map<std::string, std::pair<std::string, std::string>> ends;
  std::map<std::string, int> assessments;
  for (auto& needs : storage::closed_cases_needs(tx, scope)) {
    auto [it, added] = ends.try_emplace(needs.case_id, needs.data, needs.data);
    if (!added) {
      it->second.second = std::move(needs.data);
    }
    ++assessments[needs.case_id];
  }
  std::map<std::string, std::pair<long long, long long>> by_outcome; // cases, days
  long long cases = 0;
  long long days = 0;
  for (const auto& closed : storage::closed_cases(tx, scope)) {
    std::string outcome = "not_assessed";
    if (assessments[closed.case_id] >= 2) {
      const auto& [first, last] = ends[closed.case_id];
      const auto before = scores_of(first);
      const auto after = scores_of(last);
      if (!before.empty() && !after.empty()) {
        outcome = std::string(
            domain::to_string(domain::compare_assessments(before, after, services.settings.assessment.risk).outcome));
      }
    }
    auto& entry = by_outcome[outcome];
    ++entry.first;
    entry.second += closed.days;
    ++cases;
    days += closed.days;
  }
  Builder b("outcomes");
  b.label("outcome", "report.outcome.").figure("cases").figure("average_days").chart("pie", {"cases"});
  for (const auto o : k_outcomes) {
    const auto it = by_outcome.find(std::string(o));
    const auto [count, total_days] = it == by_outcome.end() ? std::pair<long long, long long>{0, 0} : it->second;
    b.row({code(o), number(count), average(static_cast<double>(total_days), count)});
  }
  b.total_row({code(k_total), number(cases), average(static_cast<double>(days), cases)});
  return {b.take(with_drill)};
}

std::vector<ReportTable> volunteers(storage::Tx& tx, const storage::ReportScope& scope, bool with_drill) {
  constexpr double k_minutes_per_hour = 60.0;
  const auto figures = storage::volunteer_figures(tx, scope);
  std::vector<ReportTable> out;
  {
    Builder b("volunteers_by_status");
    b.label("status", "report.volunteer_status.").figure("volunteers").chart("pie", {"volunteers"});
    count_rows(b, k_volunteer_statuses, as_map(figures.by_status));
    out.push_back(b.take(with_drill));
  }
  {
    Builder b("volunteer_activity");
    // Unlike figures (hours beside people): a table, not a chart.
    b.label("measure", "report.volunteer_measure.", 36).figure("value");
    b.row({code("active_in_period"), number(figures.contact_volunteers)});
    b.row({code("hours"), std::round(10.0 * static_cast<double>(figures.contact_minutes) / k_minutes_per_hour) / 10.0});
    b.row({code("wards_in_period"), number(figures.contact_wards)});
    b.row({code("volunteers_with_wards"), number(figures.volunteers_with_wards)});
    b.row({code("open_wards"), number(figures.open_wards)});
    b.row({code("wards_per_volunteer"), average(static_cast<double>(figures.open_wards), figures.volunteers_with_wards)});
    out.push_back(b.take(with_drill));
  }
  return out;
}

util::Date date_field(const std::optional<std::string>& text, util::Date fallback, const char* field,
                                    std::vector<util::FieldError>& errors) {
  if (!text) {
    return fallback;
  }
  if (auto parsed = util::parse_date(*text)) {
    return *parsed;
  }
  errors.push_back({field, "validation.date_invalid"});
  return fallback;
}

} // namespace

const std::vector<std::string>& report_names() {
  static const std::vector<std::string> k_names{"households", "caseload", "visits",   "measures",  "services",
                                                "referrals",  "signals",  "outcomes", "volunteers"};
  return k_names;
}

util::Result<std::vector<std::string>> report_catalogue(const Actor& actor) {
  if (!domain::can(actor.subject(), domain::Action::report_read, {actor.unit_path, ""})) {
    return util::fail(util::Error::forbidden());
  }
  return report_names();
}

storage::ReportScope report_scope(const std::string& unit_path, util::Date from, util::Date to) {
  constexpr long long k_day = 86400;
  storage::ReportScope scope;
  scope.unit_path = unit_path;
  scope.from = util::format_date(from);
  scope.to = util::format_date(to);
  scope.from_at = static_cast<long long>(from.time_since_epoch().count()) * k_day;
  scope.to_before = (static_cast<long long>(to.time_since_epoch().count()) + 1) * k_day;
  return scope;
}

std::vector<ReportTable> compute_report(storage::Tx& tx, const Services& services, const std::string& name,
                                        const storage::ReportScope& scope, bool with_drill) {
  if (name == "households") {
    return households(tx, services, scope, with_drill);
  }
  if (name == "caseload") {
    return caseload(tx, services, scope, with_drill);
  }
  if (name == "visits") {
    return visits(tx, scope, with_drill);
  }
  if (name == "measures") {
    return measures(tx, scope, with_drill);
  }
  if (name == "services") {
    return services_delivered(tx, scope, with_drill);
  }
  if (name == "referrals") {
    return referrals(tx, scope, with_drill);
  }
  if (name == "signals") {
    return signals(tx, scope, with_drill);
  }
  if (name == "outcomes") {
    return outcomes(tx, services, scope, with_drill);
  }
  if (name == "volunteers") {
    return volunteers(tx, scope, with_drill);
  }
  return {};
}

util::Result<Report> read_report(const Services& services, const Actor& actor, const RequestMeta& meta,
                                 const ReportRequest& request) {
  if (!domain::can(actor.subject(), domain::Action::report_read, {actor.unit_path, ""})) {
    return util::fail(util::Error::forbidden());
  }
  std::vector<util::FieldError> errors;
  const auto& names = report_names();
  if (std::find(names.begin(), names.end(), request.name) == names.end()) {
    errors.push_back({"report", "report.unknown"});
  }
  const auto to = date_field(request.to, today(services), "to", errors);
  const auto from = date_field(request.from, to - std::chrono::days{k_year_days}, "from", errors);
  if (errors.empty() && from > to) {
    errors.push_back({"to", "report.period_reversed"});
  }
  return read_audited(services, meta, [&](storage::Tx& tx) -> util::Result<Report> {
    const auto unit = storage::find_unit(tx, request.unit_id.value_or(actor.unit_id));
    if (!unit || !domain::can(actor.subject(), domain::Action::report_read, {unit->path, ""})) {
      errors.push_back({"unit", "report.unit_out_of_reach"});
    }
    if (!errors.empty()) {
      return util::fail(util::Error::invalid("validation.failed", errors));
    }
    Report report;
    report.name = request.name;
    report.unit_id = unit->id;
    report.unit_name = unit->name;
    report.from = util::format_date(from);
    report.to = util::format_date(to);
    // Drill-downs lead to lists of families: only for those who may read the cases of the unit.
    const bool with_drill = domain::can(actor.subject(), domain::Action::case_read, {unit->path, ""}) &&
                            unit->id == actor.unit_id;
    report.tables = compute_report(tx, services, request.name, report_scope(unit->path, from, to), with_drill);
    audit(tx, services, actor.id, meta, "report.read", "unit", unit->id,
          {{"report", report.name}, {"from", report.from}, {"to", report.to}});
    return report;
  });
}

} // namespace patronage::app
