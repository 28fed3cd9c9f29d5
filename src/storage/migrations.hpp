#pragma once

#include <functional>
#include <string>
#include <vector>

namespace patronage::storage {

// One forward-only schema step. `statements` are portable SQL shared by both
// backends (TEXT, INTEGER and BIGINT columns; timestamps as Unix seconds,
// dates as 'YYYY-MM-DD' text); the dialect adds what differs. `backfill`, when set, runs last in the same
// transaction, for data that SQL alone cannot derive (e.g. transliterated search terms).
class Tx;
struct Migration {
  int version;
  std::string name;
  std::vector<std::string> statements;
  std::function<void(Tx&)> backfill = {};
};

const std::vector<Migration>& migrations();

} // namespace patronage::storage
