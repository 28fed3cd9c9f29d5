#pragma once

#include <string>

namespace patronage::demo {

// The demo department and who its families, volunteers and partners are assigned to (user ids).
struct Staff {
  std::string unit_id;
  std::string unit_path;
  std::string specialist_a;
  std::string specialist_b;
  std::string expert;
  std::string volunteer;
  std::string head;
  std::string secretary;
  std::string coordinator;
};

} // namespace patronage::demo
