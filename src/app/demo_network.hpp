#pragma once

#include "app/context.hpp"
#include "app/demo_families.hpp"
#include "storage/database.hpp"

namespace patronage::app {

// SPEC §9 demo data, after load_demo_families: partner organisations of the
// unit (school, clinic, police juvenile unit, employment centre, NGO),
// referrals of the active cases (one overdue), volunteers in every status with
// their training, the demo "volunteer" account linked to an active volunteer
// who logs contacts with the first demo case, and wards' wishes. Runs inside
// the caller's transaction.
void load_demo_network(storage::Tx& tx, const Services& services, const DemoStaff& staff);

} // namespace patronage::app
