#pragma once

#include <optional>
#include <string>
#include <vector>

#include "storage/database.hpp"

namespace patronage::storage {

// The counters of the visits report (SPEC §10, issue 16): `visit_day_counts` holds, per unit of the visit's case,
// planned day and kind, the figures storage::visit_counts reports (planned, made, missed, on time), so that the
// report sums a few buckets per unit and day instead of scanning every visit of the period. Cases never change
// unit, so a visit stays in the bucket of its case's unit. insert_visit and update_visit keep the table in step
// in the writer's transaction; a bulk load of visits rebuilds it (bulk::Loader::finish). A bucket that falls to no
// visit is deleted.

// One visit's share of its bucket: counted as storage::visit_counts_by_scan counts it. `made`: with an actual
// date; `missed`: a missed reason and no actual date; `on_time`: made on or before the planned day (dates are
// 'YYYY-MM-DD', so the text order is the day order).
struct VisitDayShare {
  std::string unit_id;
  std::string planned_on;
  std::string kind;
  long long planned = 0;
  long long made = 0;
  long long missed = 0;
  long long on_time = 0;
};

VisitDayShare visit_day_share(const std::string& unit_id, const std::string& planned_on,
                              const std::optional<std::string>& actual_on, const std::string& kind,
                              const std::optional<std::string>& missed_reason);

// Replaces `before`'s share of the counters by `after`'s in `tx` (either may be absent: a visit inserted, or one
// whose case is not found). The two buckets are written in key order, so that two writers moving visits between
// the same buckets in opposite directions lock them in the same order (PostgreSQL).
void move_visit_day_share(Tx& tx, const std::optional<VisitDayShare>& before,
                          const std::optional<VisitDayShare>& after);

// The statements that empty `visit_day_counts` and fill it again from `visits` (one INSERT ... SELECT ... GROUP
// BY): the backfill of migration 19 and what a bulk load of visits runs before its last commit. They run on any
// connection of either backend, inside the caller's transaction.
const std::vector<std::string>& visit_day_counts_rebuild();
void rebuild_visit_day_counts(Tx& tx);

// Migration 18: creates the table (SQLite: WITHOUT ROWID, one B-tree in key order) and fills it from `visits`.
void create_visit_day_counts(Tx& tx);

} // namespace patronage::storage
