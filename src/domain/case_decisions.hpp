#pragma once

#include "domain/case_facts.hpp"
#include "util/time.hpp"

#include <initializer_list>

namespace patronage::domain {

// True when `decision` counts on `today`: signed, dated on or before `today`, and not replaced by a signed
// correction in `all` dated on or before `today` (SPEC §6: a correction is a new decision).
bool is_decision_in_force(const DecisionRecord& decision, const std::vector<DecisionRecord>& all, util::Date today);

// The latest decision of `facts` in force on `today`, of one of `kinds`, dated on or after `not_before`;
// nullptr when there is none. The pointer is into `facts.decisions`.
const DecisionRecord* latest_decision(const CaseFacts& facts, std::initializer_list<DecisionKind> kinds,
                                      util::Date not_before, util::Date today);

} // namespace patronage::domain
