#include "domain/case_load.hpp"

#include "domain/month_arithmetic.hpp"
#include "domain/text_rules.hpp"

#include <algorithm>
#include <string>

namespace patronage::domain {
namespace {

util::Status check_limit(int count, int limit, const HeadOverride& head_override, util::Error exceeded) {
  if (count < limit) {
    return {};
  }
  if (!head_override.granted) {
    return util::fail(std::move(exceeded));
  }
  if (is_blank(head_override.reason)) {
    return util::fail(util::Error::field("override_reason", "case.override_reason_required"));
  }
  return {};
}

} // namespace

util::Status check_caseload(const LeadCaseload& current, PatronageIntensity intensity,
                            const HeadOverride& head_override, const LifecycleSettings& settings) {
  // SPEC §3: at most 2 intensive families per specialist; standard patronage has its own limit (15).
  const bool intensive = intensity == PatronageIntensity::intensive;
  const int count = intensive ? current.intensive : current.standard;
  const int limit = intensive ? settings.intensive_limit : settings.standard_limit;
  return check_limit(count, limit, head_override,
                     util::Error::conflict("case.caseload_exceeded")
                         .with("intensity", std::string(to_string(intensity)))
                         .with("count", std::to_string(count))
                         .with("limit", std::to_string(limit)));
}

util::Status check_foster_load(int current_children, const LifecycleSettings& settings,
                               const HeadOverride& head_override, int adding) {
  // SPEC §3: a foster educator has at most 5 children.
  return check_limit(current_children + std::max(adding, 1) - 1, settings.foster_children_limit, head_override,
                     util::Error::conflict("case.foster_load_exceeded")
                         .with("count", std::to_string(current_children))
                         .with("limit", std::to_string(settings.foster_children_limit)));
}

util::Status check_volunteer_load(int current_wards, int limit, const HeadOverride& head_override) {
  // SPEC §9: the system respects each volunteer's load.
  return check_limit(current_wards, limit, head_override,
                     util::Error::conflict("volunteer.load_limit")
                         .with("count", std::to_string(current_wards))
                         .with("limit", std::to_string(limit)));
}

bool counts_toward_caseload(CaseState state) { return state == CaseState::active || state == CaseState::closing; }

util::Status check_decision_terms(DecisionKind kind, std::optional<PatronageIntensity> intensity,
                                  std::optional<util::Date> planned_end, util::Date decided_on,
                                  const LifecycleSettings& settings, const HeadOverride& head_override) {
  if (!planned_end) {
    return {};
  }
  if (kind == DecisionKind::register_case && intensity == PatronageIntensity::intensive) {
    // SPEC §3: intensive patronage runs 4–9 months; exceeding a rule is allowed by a head with a reason.
    auto range = check_intensive_planned_end(*planned_end, decided_on, settings);
    if (range || !head_override.granted) {
      return range;
    }
    if (is_blank(head_override.reason)) {
      return util::fail(util::Error::field("override_reason", "case.override_reason_required"));
    }
    return {};
  }
  if (kind == DecisionKind::move_to_supervision) {
    // SPEC §3: supervision after patronage lasts up to 12 months.
    const util::Date latest = add_months(decided_on, settings.supervision_max_months);
    if (*planned_end > latest) {
      return util::fail(util::Error::conflict("case.supervision_term_too_long")
                            .with("latest", util::format_date(latest))
                            .with("months", std::to_string(settings.supervision_max_months)));
    }
  }
  return {};
}

util::Status check_intensive_planned_end(util::Date planned_end, util::Date today, const LifecycleSettings& settings) {
  const util::Date earliest = add_months(today, settings.intensive_min_months);
  const util::Date latest = add_months(today, settings.intensive_max_months);
  if (planned_end < earliest || planned_end > latest) {
    return util::fail(util::Error::conflict("case.planned_end_out_of_range")
                          .with("earliest", util::format_date(earliest))
                          .with("latest", util::format_date(latest)));
  }
  return {};
}

} // namespace patronage::domain
