#pragma once

#include "domain/case_facts.hpp"
#include "util/error.hpp"
#include "util/time.hpp"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace patronage::domain {

// Something about a case that needs attention but blocks nothing. `key` is a message key; `params` fill its
// `{name}` placeholders.
struct CaseWarning {
  std::string key;
  std::vector<std::pair<std::string, std::string>> params;
};

// SPEC §3: supervision lasts up to 12 months. The last day of supervision for a case in `supervision`: the
// planned end of the decision that moved it there when that is sooner, else 12 months after it began;
// std::nullopt in any other state.
std::optional<util::Date> supervision_deadline(const CaseFacts& facts, const LifecycleSettings& settings);

// True when the case is in supervision after its deadline.
bool is_supervision_overdue(const CaseFacts& facts, util::Date today, const LifecycleSettings& settings);

// The warnings of the case on `today`, in this order:
// - "case.intensive_duration_reached" (params `since`, `months`): active intensive patronage has run
//   `settings.intensive_warning_months` since activation and no extension was decided since;
// - "case.planned_end_passed" (param `planned_end`): active, and the planned end is before `today`;
// - "case.supervision_duration_reached" (params `deadline`, `months`): in supervision, deadline reached;
// - "case.consent_withdrawn" : not terminal, and consent_withdrawn() holds — the case goes before the council.
std::vector<CaseWarning> case_warnings(const CaseFacts& facts, util::Date today, const LifecycleSettings& settings);

// SPEC §3: an extension of patronage needs a new decision. Returns the new planned end carried by `extension`.
// Failures (Error::conflict): "case.extension_not_active" (the case is not active),
// "case.extension_decision_required" (not a signed extend decision dated on or before `today`),
// "case.planned_end_required" (the decision has no planned end), "case.extension_must_be_later" (param
// `current`: the new end is not after both `today` and the current planned end),
// "case.planned_end_out_of_range" (params `earliest`, `latest`: more than `settings.extension_max_months`
// after the decision).
util::Result<util::Date> apply_extension(const CaseFacts& facts, const DecisionRecord& extension, util::Date today,
                                         const LifecycleSettings& settings);

} // namespace patronage::domain
