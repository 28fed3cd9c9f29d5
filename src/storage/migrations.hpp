#pragma once

#include <string>
#include <vector>

namespace patronage::storage {

// One forward-only schema step. `statements` are portable SQL shared by both
// backends (TEXT, INTEGER and BIGINT columns; timestamps as Unix seconds,
// dates as 'YYYY-MM-DD' text); the dialect adds what differs.
struct Migration {
  int version;
  std::string name;
  std::vector<std::string> statements;
};

const std::vector<Migration>& migrations();

} // namespace patronage::storage
