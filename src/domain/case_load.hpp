#pragma once

#include "domain/case_facts.hpp"
#include "util/error.hpp"
#include "util/time.hpp"

namespace patronage::domain {

// SPEC §3: success when a lead with `current` families may take one more of `intensity` — fewer than the
// limit now, or a head's override with a reason. Failure: Error::conflict("case.caseload_exceeded") with
// params `intensity`, `count`, `limit`; an override without a reason is
// Error::field("override_reason", "case.override_reason_required").
util::Status check_caseload(const LeadCaseload& current, PatronageIntensity intensity,
                            const HeadOverride& head_override, const LifecycleSettings& settings);

// SPEC §3: success when a foster educator with `current_children` may take `adding` more children (the total
// stays within `settings.foster_children_limit`), or a head overrides with a reason. Failure:
// Error::conflict("case.foster_load_exceeded") with params `count`, `limit`; an override without a reason as
// in check_caseload.
util::Status check_foster_load(int current_children, const LifecycleSettings& settings,
                               const HeadOverride& head_override = {}, int adding = 1);

// SPEC §9: success when a volunteer with `current_wards` may take one more (fewer than `limit`), or a head
// overrides with a reason. Failure: Error::conflict("volunteer.load_limit") with params `count`, `limit`; an
// override without a reason as in check_caseload.
util::Status check_volunteer_load(int current_wards, int limit, const HeadOverride& head_override = {});

// SPEC §3: a case in `state` counts toward its lead's caseload (intensive work not yet ended).
bool counts_toward_caseload(CaseState state);

// SPEC §3: the terms a decision sets, checked when it is recorded and when it is signed (a term is measured
// from the meeting, `decided_on`):
// - a register decision for intensive patronage: the planned end lies 4–9 months after the meeting, else
//   Error::conflict("case.planned_end_out_of_range") (params `earliest`, `latest`) — a head may override it
//   with a reason (an override without a reason as in check_caseload);
// - a decision to move to supervision: its planned end (the end of supervision) at most
//   `settings.supervision_max_months` after the meeting, else Error::conflict("case.supervision_term_too_long")
//   (param `latest`); no override.
util::Status check_decision_terms(DecisionKind kind, std::optional<PatronageIntensity> intensity,
                                  std::optional<util::Date> planned_end, util::Date decided_on,
                                  const LifecycleSettings& settings, const HeadOverride& head_override = {});

// SPEC §3: intensive patronage runs 4–9 months, so its planned end lies between `today` + min and `today` + max
// months, both inclusive. Failure: Error::conflict("case.planned_end_out_of_range") with params `earliest`,
// `latest` (YYYY-MM-DD).
util::Status check_intensive_planned_end(util::Date planned_end, util::Date today, const LifecycleSettings& settings);

} // namespace patronage::domain
