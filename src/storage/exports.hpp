#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "storage/database.hpp"

namespace patronage::storage {

// The lists a unit's head may export (SPEC §10, issue 8).
enum class ExportList { households, cases, visits, services };

// Which rows: records of units whose path starts with `unit_path_prefix`,
// and, when given, whose period date lies in [from, to] ('YYYY-MM-DD', both
// inclusive). The period date is the household's registration, the case's
// opening, the visit's planned date and the service's delivery date.
struct ExportScope {
  std::string unit_path_prefix;
  std::optional<std::string> from;
  std::optional<std::string> to;
};

// One exported row as text columns in the list's column order; a null column is std::nullopt.
using ExportRow = std::vector<std::optional<std::string>>;

// The stable column keys of `list`, in row order.
const std::vector<std::string>& export_columns(ExportList list);

// Reads the rows of `list` in id order, `page_size` records at a time (a household is a row per member; keyset
// paging, so neither backend ever holds more than one page), and calls `row`
// for each. Returns the number of rows. Exceptions of `row` propagate.
long long export_rows(Tx& tx, ExportList list, const ExportScope& scope,
                      const std::function<void(const ExportRow&)>& row, int page_size = 500);

} // namespace patronage::storage
