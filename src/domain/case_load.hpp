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

// SPEC §3: success when a foster educator with `current_children` may take one more child (fewer than
// `settings.foster_children_limit`), or a head overrides with a reason. Failure:
// Error::conflict("case.foster_load_exceeded") with params `count`, `limit`; an override without a reason as
// in check_caseload.
util::Status check_foster_load(int current_children, const LifecycleSettings& settings,
                               const HeadOverride& head_override = {});

// SPEC §3: intensive patronage runs 4–9 months, so its planned end lies between `today` + min and `today` + max
// months, both inclusive. Failure: Error::conflict("case.planned_end_out_of_range") with params `earliest`,
// `latest` (YYYY-MM-DD).
util::Status check_intensive_planned_end(util::Date planned_end, util::Date today, const LifecycleSettings& settings);

} // namespace patronage::domain
