#include "domain/case_timeline.hpp"

#include "domain/case_consent.hpp"
#include "domain/case_decisions.hpp"
#include "domain/case_state.hpp"
#include "domain/month_arithmetic.hpp"

#include <algorithm>

namespace patronage::domain {
namespace {

bool is_active_intensive(const CaseFacts& facts) {
  return facts.state == CaseState::active && facts.intensity == PatronageIntensity::intensive;
}

// SPEC §3: a warning at 9 months of intensive patronage, silenced by a decision to extend.
std::optional<CaseWarning> intensive_duration_warning(const CaseFacts& facts, util::Date today,
                                                      const LifecycleSettings& settings) {
  if (!is_active_intensive(facts) || today < add_months(facts.state_entered_on, settings.intensive_warning_months)) {
    return std::nullopt;
  }
  if (latest_decision(facts, {DecisionKind::extend}, facts.state_entered_on, today) != nullptr) {
    return std::nullopt;
  }
  return CaseWarning{"case.intensive_duration_reached",
                     {{"since", util::format_date(facts.state_entered_on)},
                      {"months", std::to_string(settings.intensive_warning_months)}}};
}

} // namespace

std::optional<util::Date> supervision_deadline(const CaseFacts& facts, const LifecycleSettings& settings) {
  if (facts.state != CaseState::supervision) {
    return std::nullopt;
  }
  const util::Date longest = add_months(facts.state_entered_on, settings.supervision_max_months);
  // SPEC §3: the decision that moved the case to supervision may set a shorter term.
  const DecisionRecord* decision =
      latest_decision(facts, {DecisionKind::move_to_supervision}, facts.opened_on, facts.state_entered_on);
  if (decision != nullptr && decision->planned_end && *decision->planned_end < longest) {
    return *decision->planned_end;
  }
  return longest;
}

bool is_supervision_overdue(const CaseFacts& facts, util::Date today, const LifecycleSettings& settings) {
  const auto deadline = supervision_deadline(facts, settings);
  return deadline && today > *deadline;
}

std::vector<CaseWarning> case_warnings(const CaseFacts& facts, util::Date today, const LifecycleSettings& settings) {
  std::vector<CaseWarning> warnings;
  if (auto intensive = intensive_duration_warning(facts, today, settings)) {
    warnings.push_back(std::move(*intensive));
  }
  if (facts.state == CaseState::active && facts.planned_end && *facts.planned_end < today) {
    warnings.push_back({"case.planned_end_passed", {{"planned_end", util::format_date(*facts.planned_end)}}});
  }
  if (const auto deadline = supervision_deadline(facts, settings); deadline && today >= *deadline) {
    warnings.push_back(
        {"case.supervision_duration_reached",
         {{"deadline", util::format_date(*deadline)}, {"months", std::to_string(settings.supervision_max_months)}}});
  }
  if (!is_terminal(facts.state) && consent_withdrawn(facts, today, settings)) {
    warnings.push_back({"case.consent_withdrawn", {}});
  }
  return warnings;
}

util::Result<util::Date> apply_extension(const CaseFacts& facts, const DecisionRecord& extension, util::Date today,
                                         const LifecycleSettings& settings) {
  if (facts.state != CaseState::active) {
    return util::fail(util::Error::conflict("case.extension_not_active"));
  }
  if (extension.kind != DecisionKind::extend || !extension.is_signed || extension.date > today) {
    return util::fail(util::Error::conflict("case.extension_decision_required"));
  }
  if (!extension.planned_end) {
    return util::fail(util::Error::conflict("case.planned_end_required"));
  }
  const util::Date current = facts.planned_end ? std::max(*facts.planned_end, today) : today;
  if (*extension.planned_end <= current) {
    return util::fail(
        util::Error::conflict("case.extension_must_be_later").with("current", util::format_date(current)));
  }
  const util::Date latest = add_months(extension.date, settings.extension_max_months);
  if (*extension.planned_end > latest) {
    return util::fail(util::Error::conflict("case.planned_end_out_of_range")
                          .with("earliest", util::format_date(current + std::chrono::days{1}))
                          .with("latest", util::format_date(latest)));
  }
  return *extension.planned_end;
}

} // namespace patronage::domain
