#pragma once

#include "domain/case_facts.hpp"
#include "util/error.hpp"
#include "util/time.hpp"

namespace patronage::domain {

// True when `consent` is a written patronage consent in force on `day`: signed on or before it, not expired
// and not withdrawn on or before it.
bool is_consent_in_force(const Consent& consent, util::Date day);

// SPEC §3: success when, on `day`, every adult client and every minor among `facts.persons` is covered by a
// patronage consent in force, signed by the adult themselves or by a legal representative of the person.
// Failure: Error::conflict("case.consent_required") with param `person` = id of the first uncovered person.
util::Status check_consent_cover(const CaseFacts& facts, util::Date day, const LifecycleSettings& settings);

// SPEC §3: true when a patronage consent covering a person of the case was withdrawn on or before `day` and
// that person has not given a new valid consent (in force on `day`, signed on or after the withdrawal) since.
// Such a case goes before the council.
bool consent_withdrawn(const CaseFacts& facts, util::Date day, const LifecycleSettings& settings = {});

// SPEC §3: a withdrawn consent blocks every visit but the closing one. Success when a visit on `day` is
// allowed; failure: Error::conflict("case.consent_withdrawn_visits_blocked").
util::Status check_visit_allowed(const CaseFacts& facts, bool closing_visit, util::Date day,
                                 const LifecycleSettings& settings = {});

} // namespace patronage::domain
