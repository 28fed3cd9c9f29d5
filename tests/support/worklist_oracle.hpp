#pragma once

// The oracle of the work list's stored due items (issue 16, migration 21): the work list's items of a case as
// app::work_list computed them before the values were stored — every visit, assessment, measure, plan, consent
// and decision of the case read again on each request — and the check that every stored row equals a fresh
// derivation.

#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include <soci/soci.h>

#include "app/case_access.hpp"
#include "app/case_due.hpp"
#include "app/case_schedule.hpp"
#include "app/clock.hpp"
#include "app/worklist.hpp"
#include "domain/case_timeline.hpp"
#include "domain/visit_schedule.hpp"
#include "storage/case_records.hpp"
#include "storage/cases.hpp"
#include "storage/worklist.hpp"

namespace patronage::testing {

// One line per item with every field, for comparing lists.
inline std::string describe(const app::WorkItem& item) {
  std::ostringstream out;
  out << item.kind << "|" << item.case_id << "|" << item.case_number << "|" << item.signal_id << "|" << item.title_key;
  for (const auto& [k, v] : item.title_params) {
    out << "|" << k << "=" << v;
  }
  out << "|" << item.detail_key;
  for (const auto& [k, v] : item.detail_params) {
    out << "|" << k << "=" << v;
  }
  out << "|" << util::format_date(item.due_on) << "|"
      << (item.due_at ? std::to_string(item.due_at->time_since_epoch().count()) : "-") << "|" << item.overdue << "|"
      << item.urgency;
  return out.str();
}

inline std::vector<std::string> describe(const std::vector<app::WorkItem>& items) {
  std::vector<std::string> out;
  for (const auto& item : items) {
    out.push_back(describe(item));
  }
  return out;
}

namespace oracle {

inline util::Timestamp start_of(util::Date day) { return util::Timestamp{day.time_since_epoch()}; }

inline bool renewed(const storage::ConsentRecord& consent, const std::vector<storage::ConsentRecord>& all) {
  return std::any_of(all.begin(), all.end(), [&](const storage::ConsentRecord& other) {
    return other.id != consent.id && other.signed_by == consent.signed_by && other.scope == consent.scope &&
           !other.withdrawn_on && other.signed_on >= consent.signed_on &&
           (!other.valid_until || *other.valid_until > *consent.valid_until);
  });
}

struct CaseContext {
  const storage::CaseRecord& record;
  std::string family;
  bool critical = false;
};

inline app::WorkItem case_item(const CaseContext& c, std::string kind, std::string title_key, util::Date due_on,
                               util::Date day) {
  app::WorkItem item;
  item.kind = std::move(kind);
  item.case_id = c.record.id;
  item.case_number = c.record.number;
  item.title_key = std::move(title_key);
  item.title_params = {{"family", c.family}};
  item.due_on = due_on;
  item.overdue = domain::is_overdue(due_on, day);
  item.urgency = item.overdue ? 0 : c.critical ? 2 : 3;
  return item;
}

} // namespace oracle

// The items of one case exactly as app::work_list's add_case_items made them before migration 21.
inline void oracle_case_items(storage::Tx& tx, const app::Services& services, const storage::CaseRecord& record,
                              util::Date day, std::vector<app::WorkItem>& items) {
  using namespace oracle;
  const app::WorkListHorizon& horizon = services.settings.worklist;
  const auto facts = app::load_case_facts(tx, record);
  const auto schedule = app::case_schedule(tx, services, record, facts, day);
  const CaseContext c{record, storage::family_label(tx, record.household_id),
                      schedule.risk.level == domain::RiskLevel::critical};
  const auto now = services.clock.now();

  bool critical_flagged = false;
  if (schedule.risk.critical_since) {
    const auto since = start_of(*schedule.risk.critical_since);
    const std::optional<util::Timestamp> last =
        schedule.last_visit_on ? std::optional<util::Timestamp>(start_of(*schedule.last_visit_on)) : std::nullopt;
    if (domain::critical_without_recent_visit(schedule.risk.level, since, last, now, services.settings.schedule)) {
      app::WorkItem item = case_item(c, "critical_not_visited", "worklist.critical_not_visited", day, day);
      item.due_at = since + services.settings.schedule.critical_visit_within;
      item.due_on = app::day_of(services, *item.due_at);
      item.overdue = true;
      item.urgency = 0;
      items.push_back(std::move(item));
      critical_flagged = true;
    }
  }
  if (const auto& next = schedule.next_visit; next && next->due_on <= day + horizon.visits &&
                                               !(critical_flagged && next->reason == "visit.critical_response")) {
    app::WorkItem item = case_item(
        c, "visit_due", next->overdue_days > 0 ? "worklist.visit_overdue" : "worklist.visit_due", next->due_on, day);
    item.title_params.emplace_back("days", std::to_string(next->overdue_days));
    item.detail_key = next->reason;
    items.push_back(std::move(item));
  }
  if (!schedule.warnings.empty() && !schedule.warnings.front().reasons.empty()) {
    app::WorkItem item = case_item(c, "early_warning", "worklist.early_warning", day, day);
    item.detail_key = schedule.warnings.front().reasons.front().key;
    item.detail_params = schedule.warnings.front().reasons.front().params;
    items.push_back(std::move(item));
  }
  for (const auto& measure : storage::open_measures_due(tx, record.id, util::format_date(day + horizon.measures))) {
    if (const auto due = util::parse_date(measure.due_on)) {
      app::WorkItem item = case_item(c, "measure_due", "worklist.measure_due", *due, day);
      item.title_params.emplace_back("what", measure.what);
      items.push_back(std::move(item));
    }
  }
  for (const auto& plan : storage::plans_to_review(tx, record.id, util::format_date(day + horizon.plan_reviews))) {
    if (const auto due = util::parse_date(plan.review_on)) {
      items.push_back(case_item(c, "plan_review", "worklist.plan_review", *due, day));
    }
  }
  if (facts.state == domain::CaseState::active && facts.planned_end && *facts.planned_end <= day + horizon.terms) {
    items.push_back(case_item(c, "patronage_end", "worklist.patronage_end", *facts.planned_end, day));
  }
  if (const auto end = domain::supervision_deadline(facts, services.settings.lifecycle);
      end && *end <= day + horizon.terms) {
    items.push_back(case_item(c, "supervision_end", "worklist.supervision_end", *end, day));
  }
  const auto consents = storage::list_consents(tx, record.id);
  for (const auto& consent : consents) {
    if (consent.withdrawn_on || !consent.valid_until || renewed(consent, consents)) {
      continue;
    }
    const auto until = util::parse_date(*consent.valid_until);
    if (until && *until <= day + horizon.consents) {
      items.push_back(case_item(c, "consent_expiring",
                                *until < day ? "worklist.consent_expired" : "worklist.consent_expiring", *until, day));
    }
  }
}

// The case items of `list` (what app::work_list adds per case), and those of the oracle for the same cases, sorted
// as the work list sorts.
inline bool is_case_item(const app::WorkItem& item) {
  return item.kind != "signal_triage" && item.kind != "referral_overdue";
}

inline std::vector<app::WorkItem> sorted(std::vector<app::WorkItem> items) {
  const auto due_time = [](const app::WorkItem& i) { return i.due_at.value_or(oracle::start_of(i.due_on)); };
  std::stable_sort(items.begin(), items.end(), [&](const app::WorkItem& a, const app::WorkItem& b) {
    return std::tuple(a.urgency, due_time(a), a.kind, a.case_id, a.signal_id) <
           std::tuple(b.urgency, due_time(b), b.kind, b.case_id, b.signal_id);
  });
  return items;
}

// The ids of every case of the database whose state is not terminal.
inline std::vector<std::string> open_case_ids(storage::Tx& tx) {
  std::vector<std::string> out;
  std::string id;
  soci::statement st = (tx.sql().prepare << "SELECT id FROM cases WHERE state NOT IN ('closed', 'rejected') "
                                            "ORDER BY id",
                        soci::into(id));
  st.execute();
  while (st.fetch()) {
    out.push_back(id);
  }
  return out;
}

// Every open case has its stored row, equal to a fresh derivation on the clock's day unless its `recheck_on` has
// come (then the work list derives it afresh); no case is left marked; no closed case keeps a row. Returns how many
// rows were compared.
inline int expect_case_due_fresh(storage::Tx& tx, const app::Services& services, const std::string& what) {
  const auto day = app::today(services);
  int compared = 0;
  for (const auto& id : open_case_ids(tx)) {
    const auto record = storage::find_case(tx, id);
    const auto stored = storage::find_case_due(tx, id);
    if (!stored) {
      ADD_FAILURE() << what << ": case " << id << " has no stored row";
      continue;
    }
    const auto fresh = app::derive_case_due(tx, services, *record, day);
    if (const auto recheck = stored->recheck_on ? util::parse_date(*stored->recheck_on) : std::nullopt;
        recheck && day >= *recheck) {
      continue; // a dated input started to count since: the work list derives this case afresh until a write
    }
    // A row computed on an earlier day stands for today's derivation while it holds.
    EXPECT_TRUE(app::case_due_holds(*stored, day, app::case_due_settings_key(services.settings)))
        << what << ": case " << id << " computed on " << stored->computed_on << ", recheck "
        << stored->recheck_on.value_or("-");
    auto same_day = *stored;
    same_day.computed_on = fresh.computed_on;
    EXPECT_EQ(stored->items, fresh.items) << what << ": case " << id;
    EXPECT_TRUE(same_day == fresh) << what << ": case " << id << " stored risk " << stored->risk_level << " fresh "
                                  << fresh.risk_level << ", stored warning " << stored->warning_key.value_or("-")
                                  << " fresh " << fresh.warning_key.value_or("-") << ", recheck "
                                  << stored->recheck_on.value_or("-") << " / " << fresh.recheck_on.value_or("-");
    ++compared;
  }
  int marked = -1;
  int orphans = -1;
  tx.sql() << "SELECT COUNT(*) FROM case_due_dirty", soci::into(marked);
  tx.sql() << "SELECT COUNT(*) FROM case_due d JOIN cases c ON c.id = d.case_id "
              "WHERE c.state IN ('closed', 'rejected')",
      soci::into(orphans);
  EXPECT_EQ(marked, 0) << what << ": cases left marked";
  EXPECT_EQ(orphans, 0) << what << ": rows of closed cases";
  return compared;
}

// The case items of app::work_list for `actor` equal those the oracle computes for the same open cases.
inline void expect_work_list_as_before(const app::Services& services, const app::Actor& actor,
                                       const app::RequestMeta& meta, const std::string& what) {
  auto list = app::work_list(services, actor, meta);
  ASSERT_TRUE(list) << list.error().key;
  std::vector<app::WorkItem> got;
  for (const auto& item : *list) {
    if (is_case_item(item)) {
      got.push_back(item);
    }
  }
  std::vector<app::WorkItem> expected;
  auto done = services.db.read([&](storage::Tx& tx) -> util::Status {
    const auto day = app::today(services);
    storage::CaseFilter filter;
    filter.unit_path_prefix = actor.unit_path;
    filter.limit = 1000;
    filter.open_only = true;
    const bool whole_unit =
        domain::can(actor.subject(), domain::Action::case_write, {actor.unit_path, "", domain::CaseRelation::none});
    if (!whole_unit) {
      filter.member_user_id = actor.id;
    }
    for (const auto& record : storage::list_cases(tx, filter)) {
      const auto relation = whole_unit ? domain::CaseRelation::none : storage::case_relation(tx, record.id, actor.id);
      if (domain::can(actor.subject(), domain::Action::case_write, {record.unit_path, "", relation})) {
        oracle_case_items(tx, services, record, day, expected);
      }
    }
    return {};
  });
  ASSERT_TRUE(done);
  EXPECT_EQ(describe(got), describe(sorted(expected))) << what;
}

} // namespace patronage::testing
