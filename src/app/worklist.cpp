#include "app/worklist.hpp"

#include <algorithm>
#include <tuple>

#include <boost/json.hpp>

#include "app/audit_trail.hpp"
#include "app/case_access.hpp"
#include "app/case_due.hpp"
#include "app/clock.hpp"
#include "app/partners.hpp"
#include "domain/visit_schedule.hpp"
#include "storage/cases.hpp"
#include "storage/signals.hpp"
#include "storage/worklist.hpp"

namespace patronage::app {
namespace {

constexpr int k_overdue = 0;
constexpr int k_emergency_signal = 1;
constexpr int k_critical_case = 2;
constexpr int k_ordinary = 3;
constexpr int k_max_cases = 1000;
constexpr int k_max_signals = 200;

util::Timestamp start_of(util::Date day) { return util::Timestamp{day.time_since_epoch()}; }

util::Timestamp due_time(const WorkItem& item) { return item.due_at.value_or(start_of(item.due_on)); }

struct CaseContext {
  const storage::CaseRecord& record;
  std::string family;
  bool critical = false;
};

WorkItem case_item(const CaseContext& c, std::string kind, std::string title_key, util::Date due_on, util::Date day) {
  WorkItem item;
  item.kind = std::move(kind);
  item.case_id = c.record.id;
  item.case_number = c.record.number;
  item.title_key = std::move(title_key);
  item.title_params = {{"family", c.family}};
  item.due_on = due_on;
  item.overdue = domain::is_overdue(due_on, day);
  item.urgency = item.overdue ? k_overdue : c.critical ? k_critical_case : k_ordinary;
  return item;
}

std::vector<std::pair<std::string, std::string>> params_of(const std::string& json) {
  std::vector<std::pair<std::string, std::string>> out;
  boost::system::error_code ec;
  const auto parsed = boost::json::parse(json, ec);
  if (ec || !parsed.is_array()) {
    return out;
  }
  for (const auto& pair : parsed.as_array()) {
    if (pair.is_array() && pair.as_array().size() == 2 && pair.as_array()[0].is_string() &&
        pair.as_array()[1].is_string()) {
      out.emplace_back(pair.as_array()[0].as_string(), pair.as_array()[1].as_string());
    }
  }
  return out;
}

// The items of one case from its due values (app/case_due.hpp): what depends on the day is decided here.
void add_case_items(const Services& services, const storage::CaseRecord& record, const storage::CaseDue& due,
                    util::Date day, const WorkListHorizon& horizon, std::vector<WorkItem>& items) {
  const auto level = domain::parse_risk_level(due.risk_level).value_or(domain::RiskLevel::medium);
  const auto critical_since = util::parse_optional_date(due.critical_since);
  const auto last_visit_on = util::parse_optional_date(due.last_visit_on);
  const CaseContext c{record, due.family, level == domain::RiskLevel::critical};
  const auto now = services.clock.now();

  // SPEC §10: a critical case not visited within 24 hours.
  bool critical_flagged = false;
  if (critical_since) {
    const auto since = start_of(*critical_since);
    const std::optional<util::Timestamp> last =
        last_visit_on ? std::optional<util::Timestamp>(start_of(*last_visit_on)) : std::nullopt;
    if (domain::critical_without_recent_visit(level, since, last, now, services.settings.schedule)) {
      WorkItem item = case_item(c, "critical_not_visited", "worklist.critical_not_visited", day, day);
      item.due_at = since + services.settings.schedule.critical_visit_within;
      item.due_on = day_of(services, *item.due_at);
      item.overdue = true;
      item.urgency = k_overdue;
      items.push_back(std::move(item));
      critical_flagged = true;
    }
  }

  const auto items_of = [&](std::string_view kind, auto&& each) {
    for (const auto& stored : due.items) {
      if (stored.kind == kind) {
        if (const auto on = util::parse_date(stored.due_on)) {
          each(stored, *on);
        }
      }
    }
  };
  items_of("visit", [&](const storage::CaseDueItem& visit, util::Date on) {
    if (on <= day + horizon.visits && !(critical_flagged && visit.label == "visit.critical_response")) {
      const int overdue_days = domain::days_overdue(on, day);
      WorkItem item =
          case_item(c, "visit_due", overdue_days > 0 ? "worklist.visit_overdue" : "worklist.visit_due", on, day);
      item.title_params.emplace_back("days", std::to_string(overdue_days));
      item.detail_key = visit.label;
      items.push_back(std::move(item));
    }
  });

  if (due.warning_key) {
    WorkItem item = case_item(c, "early_warning", "worklist.early_warning", day, day);
    item.detail_key = *due.warning_key;
    item.detail_params = params_of(due.warning_params);
    items.push_back(std::move(item));
  }

  items_of("measure", [&](const storage::CaseDueItem& measure, util::Date on) {
    if (on <= day + horizon.measures) {
      WorkItem item = case_item(c, "measure_due", "worklist.measure_due", on, day);
      item.title_params.emplace_back("what", measure.label);
      items.push_back(std::move(item));
    }
  });
  items_of("plan_review", [&](const storage::CaseDueItem&, util::Date on) {
    if (on <= day + horizon.plan_reviews) {
      items.push_back(case_item(c, "plan_review", "worklist.plan_review", on, day));
    }
  });
  // SPEC §3: a month before the planned end of patronage and the end of supervision.
  items_of("patronage_end", [&](const storage::CaseDueItem&, util::Date on) {
    if (on <= day + horizon.terms) {
      items.push_back(case_item(c, "patronage_end", "worklist.patronage_end", on, day));
    }
  });
  items_of("supervision_end", [&](const storage::CaseDueItem&, util::Date on) {
    if (on <= day + horizon.terms) {
      items.push_back(case_item(c, "supervision_end", "worklist.supervision_end", on, day));
    }
  });
  items_of("consent", [&](const storage::CaseDueItem&, util::Date on) {
    if (on <= day + horizon.consents) {
      items.push_back(
          case_item(c, "consent_expiring", on < day ? "worklist.consent_expired" : "worklist.consent_expiring", on, day));
    }
  });
}

std::string signal_title(const std::string& urgency) {
  if (urgency == "emergency") {
    return "worklist.signal_emergency";
  }
  if (urgency == "urgent") {
    return "worklist.signal_urgent";
  }
  return "worklist.signal_routine";
}

void add_signal_items(storage::Tx& tx, const Services& services, const Actor& actor, std::vector<WorkItem>& items) {
  if (!domain::can(actor.subject(), domain::Action::signal_triage, {actor.unit_path, ""})) {
    return;
  }
  const auto now = services.clock.now();
  for (const auto& signal : storage::list_open_signals(tx, actor.unit_path, k_max_signals)) {
    if (!domain::can(actor.subject(), domain::Action::signal_triage, {signal.unit_path, ""})) {
      continue;
    }
    WorkItem item;
    item.kind = "signal_triage";
    item.signal_id = signal.id;
    item.title_key = signal_title(signal.urgency);
    item.title_params = {{"address", signal.address}};
    item.due_at = util::Timestamp{std::chrono::seconds{signal.deadline_at}};
    item.due_on = day_of(services, *item.due_at);
    item.overdue = now > *item.due_at;
    item.urgency = item.overdue ? k_overdue : signal.urgency == "emergency" ? k_emergency_signal : k_ordinary;
    items.push_back(std::move(item));
  }
}

} // namespace

util::Result<std::vector<WorkItem>> work_list(const Services& services, const Actor& actor, const RequestMeta& meta) {
  const WorkListHorizon& horizon = services.settings.worklist;
  return read_audited(services, meta, [&](storage::Tx& tx) -> util::Result<std::vector<WorkItem>> {
    const auto day = today(services);
    std::vector<WorkItem> items;
    const auto settings_key = case_due_settings_key(services.settings);
    // Heads act on every case of their subtree; the others on the cases they lead or are experts on.
    const bool whole_unit =
        domain::can(actor.subject(), domain::Action::case_write, {actor.unit_path, "", domain::CaseRelation::none});
    storage::CaseFilter filter;
    filter.unit_path_prefix = actor.unit_path;
    filter.limit = k_max_cases;
    filter.open_only = true; // closed cases owe nothing, and must not crowd open ones out of the limit
    if (!whole_unit) {
      filter.member_user_id = actor.id;
    }
    for (const auto& record : storage::list_cases(tx, filter)) {
      const auto relation = whole_unit ? domain::CaseRelation::none : storage::case_relation(tx, record.id, actor.id);
      if (!domain::can(actor.subject(), domain::Action::case_write, {record.unit_path, "", relation})) {
        continue;
      }
      // The stored values when they hold on this day, else computed here as the writes would have.
      auto due = storage::find_case_due(tx, record.id);
      if (!due || !case_due_holds(*due, day, settings_key)) {
        due = derive_case_due(tx, services, record, day);
      }
      add_case_items(services, record, *due, day, horizon, items);
    }
    // SPEC §10 "referrals waiting": the overdue referrals of the cases the actor leads.
    for (const auto& overdue : overdue_referrals_for_lead(tx, actor.id, day)) {
      WorkItem item;
      item.kind = "referral_overdue";
      item.case_id = overdue.referral.case_id;
      if (auto referred = storage::find_case(tx, item.case_id)) {
        item.case_number = referred->number;
      }
      item.title_key = "worklist.referral_overdue";
      item.title_params = {{"family", storage::family_label(tx, overdue.household_id)},
                           {"partner", overdue.referral.partner_name}};
      item.due_on = util::parse_date(overdue.referral.due_on).value_or(day);
      item.overdue = true;
      item.urgency = k_overdue;
      items.push_back(std::move(item));
    }
    add_signal_items(tx, services, actor, items);
    // SPEC §10: overdue first, then emergency signals, then critical cases, then by due time.
    std::stable_sort(items.begin(), items.end(), [](const WorkItem& a, const WorkItem& b) {
      return std::tuple(a.urgency, due_time(a), a.kind, a.case_id, a.signal_id) <
             std::tuple(b.urgency, due_time(b), b.kind, b.case_id, b.signal_id);
    });
    audit(tx, services, actor.id, meta, "worklist.read", "user", actor.id, {{"count", items.size()}});
    return items;
  });
}

} // namespace patronage::app
