#include "app/case_due.hpp"

#include <algorithm>
#include <sstream>

#include <boost/json.hpp>

#include "app/case_access.hpp"
#include "app/case_risk.hpp"
#include "app/case_schedule.hpp"
#include "app/clock.hpp"
#include "domain/case_timeline.hpp"
#include "storage/assessments.hpp"
#include "storage/case_records.hpp"
#include "storage/visits.hpp"
#include "storage/worklist.hpp"
#include "storage/write_hook.hpp"

namespace patronage::app {
namespace {

// Far enough to list every open measure and plan review: the work list applies its horizons when it reads.
constexpr auto k_every_day = "9999-12-31";
constexpr size_t k_refresh_batch = 200;

// A consent renewed by the same signer (a later one, not withdrawn, lasting longer) needs no renewal.
bool renewed(size_t index, const std::vector<domain::Consent>& all) {
  const auto& consent = all[index];
  for (size_t other = 0; other < all.size(); ++other) {
    const auto& o = all[other];
    if (other != index && o.signed_by == consent.signed_by && o.scope == consent.scope && !o.withdrawn_on &&
        o.signed_on >= consent.signed_on && (!o.valid_until || *o.valid_until > *consent.valid_until)) {
      return true;
    }
  }
  return false;
}

std::string params_json(const std::vector<std::pair<std::string, std::string>>& params) {
  boost::json::array out;
  for (const auto& [name, value] : params) {
    out.push_back(boost::json::array{boost::json::string(name), boost::json::string(value)});
  }
  return boost::json::serialize(out);
}

// The earliest of the dates after `today` in `dates` on which the derivation changes.
void recheck_at(std::optional<util::Date>& recheck, const std::optional<util::Date>& on, util::Date today) {
  if (on && *on > today && (!recheck || *on < *recheck)) {
    recheck = on;
  }
}

// The needs assessments and child-safety concerns of the case, read once for app::case_risk and recheck_on.
struct RiskRows {
  std::vector<storage::AssessmentRecord> needs;
  std::vector<std::string> concerns;
};

std::optional<util::Date> recheck_on(const RiskRows& rows, const CaseSchedule& schedule,
                                     const domain::CaseFacts& facts, util::Date today) {
  std::optional<util::Date> recheck;
  // app::case_risk counts the needs assessments and the child-safety concerns dated up to the day.
  for (const auto& row : rows.needs) {
    recheck_at(recheck, util::parse_date(row.on_date), today);
  }
  for (const auto& day : rows.concerns) {
    recheck_at(recheck, util::parse_date(day), today);
  }
  // app::case_schedule: a pregnancy's due date that has passed stands for the discharge.
  for (const auto due : schedule.pregnancy_due_dates) {
    recheck_at(recheck, due, today);
  }
  // domain::consent_withdrawn weighs ages and terms on the day itself.
  if (std::any_of(facts.consents.begin(), facts.consents.end(),
                  [](const domain::Consent& c) { return c.withdrawn_on.has_value(); })) {
    recheck_at(recheck, today + std::chrono::days{1}, today);
  }
  return recheck;
}

// Computes at most `limit` of the marked cases again; returns how many.
size_t refresh_marked(storage::Tx& tx, const Services& services, size_t limit);

} // namespace

std::string case_due_settings_key(const Settings& settings) {
  const auto& s = settings.schedule;
  const auto& l = settings.lifecycle;
  const auto& r = settings.assessment.risk;
  std::ostringstream key;
  key << "s" << s.critical_interval.count() << "," << s.high_interval.count() << "," << s.medium_interval.count()
      << "," << s.low_interval.count() << "," << s.supervision_interval.count() << ","
      << s.pregnancy_first_visit_within.count() << "," << s.after_maternity_discharge_within.count() << ","
      << s.critical_visit_within.count() << "," << s.closing_visit_within.count();
  key << ";l" << l.require_consent << l.require_register_decision << l.require_removal_decision
      << l.require_supervision_decision << l.block_visits_on_withdrawal << "," << l.adult_age << ","
      << l.supervision_max_months;
  key << ";r";
  for (const auto critical : r.immediate_critical_domains) {
    key << domain::to_string(critical) << ",";
  }
  key << r.critical_severe_domains << "," << r.critical_total << "," << r.high_total << "," << r.medium_total;
  key << ";w" << settings.assessment.warnings.min_domain_rise;
  return key.str();
}

storage::CaseDue derive_case_due(storage::Tx& tx, const Services& services, const storage::CaseRecord& record,
                                 util::Date today) {
  storage::CaseDue due;
  due.case_id = record.id;
  due.computed_on = util::format_date(today);
  due.settings_key = case_due_settings_key(services.settings);
  const auto facts = load_case_facts(tx, record, Caseload::skip);
  const RiskRows rows{storage::list_assessments(tx, record.id, std::string("needs")),
                      storage::list_safety_concerns(tx, record.id)};
  const auto schedule =
      case_schedule(tx, services, record, facts, today, case_risk(rows.needs, rows.concerns, today,
                                                                   services.settings.assessment));
  due.family = storage::family_label(tx, record.household_id);
  due.risk_level = std::string(domain::to_string(schedule.risk.level));
  due.critical_since = util::format_optional_date(schedule.risk.critical_since);
  due.last_visit_on = util::format_optional_date(schedule.last_visit_on);
  due.warning_params = "[]";
  if (!schedule.warnings.empty() && !schedule.warnings.front().reasons.empty()) {
    due.warning_key = schedule.warnings.front().reasons.front().key;
    due.warning_params = params_json(schedule.warnings.front().reasons.front().params);
  }

  // In the order the work list adds them (app::work_list).
  const auto add = [&](std::string kind, util::Date on, std::string label) {
    due.items.push_back({static_cast<int>(due.items.size()), std::move(kind), util::format_date(on), std::move(label)});
  };
  if (schedule.next_visit) {
    add("visit", schedule.next_visit->due_on, schedule.next_visit->reason);
  }
  for (const auto& measure : storage::open_measures_due(tx, record.id, k_every_day)) {
    if (const auto on = util::parse_date(measure.due_on)) {
      add("measure", *on, measure.what);
    }
  }
  for (const auto& plan : storage::plans_to_review(tx, record.id, k_every_day)) {
    if (const auto on = util::parse_date(plan.review_on)) {
      add("plan_review", *on, "");
    }
  }
  // SPEC §3: a month before the planned end of patronage and the end of supervision.
  if (facts.state == domain::CaseState::active && facts.planned_end) {
    add("patronage_end", *facts.planned_end, "");
  }
  if (const auto end = domain::supervision_deadline(facts, services.settings.lifecycle)) {
    add("supervision_end", *end, "");
  }
  for (size_t i = 0; i < facts.consents.size(); ++i) {
    const auto& consent = facts.consents[i];
    if (!consent.withdrawn_on && consent.valid_until && !renewed(i, facts.consents)) {
      add("consent", *consent.valid_until, "");
    }
  }
  due.recheck_on = util::format_optional_date(recheck_on(rows, schedule, facts, today));
  return due;
}

namespace {

size_t refresh_marked(storage::Tx& tx, const Services& services, size_t limit) {
  const auto marked = storage::marked_case_due(tx, static_cast<int>(limit));
  const auto day = today(services);
  for (const auto& one : marked) {
    if (const auto due = derive_if_open(tx, services, one.case_id, day)) {
      storage::store_case_due(tx, *due);
    } else {
      storage::delete_case_due(tx, one.case_id);
    }
  }
  return marked.size();
}

} // namespace

std::optional<storage::CaseDue> derive_if_open(storage::Tx& tx, const Services& services, const std::string& case_id,
                                               util::Date today) {
  const auto record = storage::find_case(tx, case_id);
  if (!record || domain::is_terminal(record->state)) {
    return std::nullopt;
  }
  return derive_case_due(tx, services, *record, today);
}

bool case_due_holds(const storage::CaseDue& due, util::Date day, const std::string& settings_key) {
  const auto computed = util::parse_date(due.computed_on);
  if (!computed || *computed > day || due.settings_key != settings_key) {
    return false;
  }
  if (due.recheck_on) {
    const auto recheck = util::parse_date(*due.recheck_on);
    return recheck && day < *recheck;
  }
  return true;
}

void refresh_case_due(storage::Tx& tx, const Services& services) {
  while (refresh_marked(tx, services, k_refresh_batch) == k_refresh_batch) {
  }
}

util::Result<long long> keep_case_due(const Services& services) {
  // Set again at the end: meanwhile the batches below do the work, in transactions of their own size.
  storage::set_write_hook(services.db, {});
  const auto key = case_due_settings_key(services.settings);
  auto marked = services.db.transact([&](storage::Tx& tx) -> util::Result<long long> {
    return storage::mark_other_settings_dirty(tx, key);
  });
  if (!marked) {
    return util::fail(marked.error());
  }
  long long computed = 0;
  for (;;) {
    // A batch per transaction, so that a large region does not hold the write lock for minutes.
    auto batch = services.db.transact(
        [&](storage::Tx& tx) -> util::Result<size_t> { return refresh_marked(tx, services, k_refresh_batch); });
    if (!batch) {
      return util::fail(batch.error());
    }
    computed += static_cast<long long>(*batch);
    if (*batch < k_refresh_batch) {
      break;
    }
  }
  refresh_in_each_write(services);
  return computed;
}

void refresh_in_each_write(const Services& services) {
  storage::set_write_hook(services.db, [&services](storage::Tx& tx) { refresh_case_due(tx, services); });
}

} // namespace patronage::app
