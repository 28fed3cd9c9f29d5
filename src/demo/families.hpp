#pragma once

#include "app/context.hpp"
#include "demo/staff.hpp"
#include "storage/cases.hpp"
#include "storage/database.hpp"

#include <vector>

namespace patronage::demo {

// Adds realistic families (Russian names and addresses) with cases in every lifecycle state, their consents,
// council decisions and transition history, visits and casework (casework.hpp), and signals from every source,
// some still waiting for triage. Runs inside the caller's transaction. Returns the cases in the order of the
// demo families (network.hpp refers to them by that order).
std::vector<storage::CaseRecord> add_families(storage::Tx& tx, const app::Services& services, const Staff& staff);

} // namespace patronage::demo
