#include "storage/visit_day_counts.hpp"

#include <algorithm>
#include <tuple>

#include <soci/soci.h>

namespace patronage::storage {
namespace {

auto key_of(const VisitDayShare& share) { return std::tie(share.unit_id, share.planned_on, share.kind); }

bool is_zero(const VisitDayShare& change) {
  return change.planned == 0 && change.made == 0 && change.missed == 0 && change.on_time == 0;
}

// Adds `change` (its figures may be negative) to its bucket, creating the bucket when it is absent and deleting it
// when no visit is left in it.
void apply(Tx& tx, const VisitDayShare& change) {
  if (is_zero(change)) {
    return;
  }
  tx.sql() << "INSERT INTO visit_day_counts (unit_id, planned_on, kind, planned, made, missed, on_time) "
              "VALUES (:u, :d, :k, :p, :m, :x, :o) ON CONFLICT (unit_id, planned_on, kind) DO UPDATE SET "
              "planned = visit_day_counts.planned + excluded.planned, made = visit_day_counts.made + excluded.made, "
              "missed = visit_day_counts.missed + excluded.missed, "
              "on_time = visit_day_counts.on_time + excluded.on_time",
      soci::use(change.unit_id), soci::use(change.planned_on), soci::use(change.kind), soci::use(change.planned),
      soci::use(change.made), soci::use(change.missed), soci::use(change.on_time);
  if (change.planned < 0) {
    tx.sql() << "DELETE FROM visit_day_counts WHERE unit_id = :u AND planned_on = :d AND kind = :k AND planned = 0",
        soci::use(change.unit_id), soci::use(change.planned_on), soci::use(change.kind);
  }
}

VisitDayShare minus(VisitDayShare share) {
  share.planned = -share.planned;
  share.made = -share.made;
  share.missed = -share.missed;
  share.on_time = -share.on_time;
  return share;
}

} // namespace

VisitDayShare visit_day_share(const std::string& unit_id, const std::string& planned_on,
                              const std::optional<std::string>& actual_on, const std::string& kind,
                              const std::optional<std::string>& missed_reason) {
  VisitDayShare share{unit_id, planned_on, kind};
  share.planned = 1;
  share.made = actual_on ? 1 : 0;
  share.missed = !actual_on && missed_reason ? 1 : 0;
  share.on_time = actual_on && *actual_on <= planned_on ? 1 : 0;
  return share;
}

void move_visit_day_share(Tx& tx, const std::optional<VisitDayShare>& before,
                          const std::optional<VisitDayShare>& after) {
  if (before && after && key_of(*before) == key_of(*after)) {
    VisitDayShare change = *after;
    change.planned -= before->planned;
    change.made -= before->made;
    change.missed -= before->missed;
    change.on_time -= before->on_time;
    apply(tx, change);
    return;
  }
  std::vector<VisitDayShare> changes;
  if (before) {
    changes.push_back(minus(*before));
  }
  if (after) {
    changes.push_back(*after);
  }
  std::sort(changes.begin(), changes.end(), [](const auto& a, const auto& b) { return key_of(a) < key_of(b); });
  for (const auto& change : changes) {
    apply(tx, change);
  }
}

const std::vector<std::string>& visit_day_counts_rebuild() {
  // The figures as storage::visit_counts_by_scan computes them, per bucket.
  static const std::vector<std::string> k_statements{
      "DELETE FROM visit_day_counts",
      "INSERT INTO visit_day_counts (unit_id, planned_on, kind, planned, made, missed, on_time) "
      "SELECT c.unit_id, v.planned_on, v.kind, COUNT(*), "
      "SUM(CASE WHEN v.actual_on IS NOT NULL THEN 1 ELSE 0 END), "
      "SUM(CASE WHEN v.actual_on IS NULL AND v.missed_reason IS NOT NULL THEN 1 ELSE 0 END), "
      "SUM(CASE WHEN v.actual_on IS NOT NULL AND v.actual_on <= v.planned_on THEN 1 ELSE 0 END) "
      "FROM visits v JOIN cases c ON c.id = v.case_id GROUP BY c.unit_id, v.planned_on, v.kind",
  };
  return k_statements;
}

void rebuild_visit_day_counts(Tx& tx) {
  for (const auto& statement : visit_day_counts_rebuild()) {
    tx.sql() << statement;
  }
}

void create_visit_day_counts(Tx& tx) {
  // The report reads the buckets of one unit and a range of days: on SQLite a table WITHOUT ROWID keeps them
  // together in key order (PostgreSQL has no rowid; its primary key index serves the same range).
  const std::string keyed = tx.dialect().name() == "sqlite" ? " WITHOUT ROWID" : "";
  tx.sql() << "CREATE TABLE visit_day_counts (unit_id TEXT NOT NULL REFERENCES units(id), planned_on TEXT NOT NULL, "
              "kind TEXT NOT NULL, planned BIGINT NOT NULL, made BIGINT NOT NULL, missed BIGINT NOT NULL, "
              "on_time BIGINT NOT NULL, PRIMARY KEY (unit_id, planned_on, kind))" +
                  keyed;
  rebuild_visit_day_counts(tx);
}

} // namespace patronage::storage
