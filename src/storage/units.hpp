#pragma once

#include <optional>
#include <string>
#include <vector>

#include "storage/database.hpp"

namespace patronage::storage {

// A node of the organisation tree (region → institution → department).
// `path` is "/root-id/.../own-id/": a unit's subtree is every path starting with it.
struct UnitRecord {
  std::string id;
  std::optional<std::string> parent_id;
  std::string name;
  std::string kind;
  std::string path;
  long long created_at = 0;
};

void insert_unit(Tx& tx, const UnitRecord& unit);
std::optional<UnitRecord> find_unit(Tx& tx, const std::string& id);
// Units whose path starts with `path_prefix`, ordered by path.
std::vector<UnitRecord> list_units_under(Tx& tx, const std::string& path_prefix);

} // namespace patronage::storage
