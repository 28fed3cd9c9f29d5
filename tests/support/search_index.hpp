#pragma once

// What the tests of every path that writes the quick-search index (storage/search.hpp) check of it.

#include <soci/soci.h>

#include "storage/database.hpp"

namespace patronage::testing {

struct SearchTermUnits {
  long long rows = 0;
  // Rows whose unit_id is NULL, empty or not the unit of their household (issue 16: the scan reads by unit_id).
  long long off_their_unit = 0;
};

inline SearchTermUnits search_term_units(storage::Tx& tx) {
  SearchTermUnits out;
  tx.sql() << "SELECT COUNT(*) FROM search_terms", soci::into(out.rows);
  tx.sql() << "SELECT COUNT(*) FROM search_terms t LEFT JOIN households h ON h.id = t.household_id "
              "WHERE t.unit_id IS NULL OR t.unit_id = '' OR h.unit_id IS NULL OR t.unit_id <> h.unit_id",
      soci::into(out.off_their_unit);
  return out;
}

} // namespace patronage::testing
