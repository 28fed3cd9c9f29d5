#pragma once

#include <optional>
#include <string>
#include <vector>

#include "storage/database.hpp"

namespace patronage::storage {

// One changed field. For a sensitive field only its name is kept (SPEC §11):
// `old_value` and `new_value` stay empty.
struct FieldChange {
  std::string field;
  std::optional<std::string> old_value;
  std::optional<std::string> new_value;
  bool sensitive = false;
};

// One saved change of a record: who, when, which fields. `entity` is
// "household" or "person", or "case" for the reason of a head's override.
struct HistoryRecord {
  std::string id;
  std::string entity;
  std::string entity_id;
  long long at = 0;
  std::string user_id;
  std::vector<FieldChange> changes;
};

// Appends `record`; the values of sensitive changes are dropped even when set.
void insert_history(Tx& tx, const HistoryRecord& record);

// The rows of the household and of its members, oldest first.
std::vector<HistoryRecord> list_household_history(Tx& tx, const std::string& household_id);

} // namespace patronage::storage
