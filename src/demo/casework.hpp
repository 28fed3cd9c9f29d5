#pragma once

#include "domain/case_state.hpp"
#include "storage/cases.hpp"
#include "storage/database.hpp"
#include "util/time.hpp"

#include <string>
#include <vector>

namespace patronage::demo {

// SPEC §5, §7, §8 demo casework of the demo family at `index` (add_families' order), whose case is in `state`:
// `needs` assessments (two for some active and closing cases, the first worse than the second), an inspection
// report and an ecomap for the first family, an approved plan with measures (one overdue, one due within a week,
// one done; the specialist ones name the lead and the psychologist `expert`) for the active cases (approved by
// `head`), and services delivered. `persons` are the family's member ids, adults first. Runs inside the caller's
// transaction; dates are counted back from `today`.
void add_casework(storage::Tx& tx, const storage::CaseRecord& record, domain::CaseState state, int index,
                  const std::vector<std::string>& persons, const std::string& head, const std::string& expert,
                  util::Date today, long long now);

} // namespace patronage::demo
