#pragma once

#include "app/context.hpp"
#include "demo/staff.hpp"
#include "storage/cases.hpp"
#include "storage/database.hpp"

#include <vector>

namespace patronage::demo {

// SPEC §9 demo data, after add_families (whose cases are `cases`): partner organisations of the unit (school,
// clinic, police juvenile unit, employment centre, NGO), referrals of the active cases (one overdue), volunteers
// in every status with their training, the demo "volunteer" account linked to an active volunteer who logs
// contacts with the first demo case, and wards' wishes. Runs inside the caller's transaction.
void add_network(storage::Tx& tx, const app::Services& services, const Staff& staff,
                 const std::vector<storage::CaseRecord>& cases);

} // namespace patronage::demo
