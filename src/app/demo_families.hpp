#pragma once

#include <string>

#include "app/context.hpp"
#include "storage/database.hpp"

namespace patronage::app {

// Who the demo families are assigned to.
struct DemoStaff {
  std::string unit_id;
  std::string specialist_a;
  std::string specialist_b;
  std::string expert;
  std::string volunteer;
  std::string head;
  std::string secretary;
};

// Adds realistic families (Russian names and addresses) with cases in every
// lifecycle state, their consents, council decisions and transition history,
// and signals from every source, some still waiting for triage. Runs inside
// the caller's transaction.
void load_demo_families(storage::Tx& tx, const Services& services, const DemoStaff& staff);

} // namespace patronage::app
