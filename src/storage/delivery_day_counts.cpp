#include "storage/delivery_day_counts.hpp"

#include <soci/soci.h>

namespace patronage::storage {

void count_delivery(Tx& tx, const DeliveryRecord& delivery) {
  const long long cost = delivery.cost.value_or(0);
  const long long costed = delivery.cost ? 1 : 0;
  // INSERT ... SELECT from the case: no row, and so no bucket, when the case is not found.
  tx.sql() << "INSERT INTO delivery_day_counts (unit_id, delivered_on, service_code, unit, household_id, deliveries, "
              "quantity, cost, costed) SELECT c.unit_id, :d, :s, :u, c.household_id, 1, :q, :cost, :costed "
              "FROM cases c WHERE c.id = :c "
              "ON CONFLICT (unit_id, delivered_on, service_code, unit, household_id) DO UPDATE SET "
              "deliveries = delivery_day_counts.deliveries + 1, "
              "quantity = delivery_day_counts.quantity + excluded.quantity, "
              "cost = delivery_day_counts.cost + excluded.cost, costed = delivery_day_counts.costed + excluded.costed",
      soci::use(delivery.delivered_on), soci::use(delivery.service_code), soci::use(delivery.unit),
      soci::use(delivery.quantity), soci::use(cost), soci::use(costed), soci::use(delivery.case_id);
}

const std::vector<std::string>& delivery_day_counts_rebuild() {
  // The figures as storage::delivery_totals_by_scan computes them, per bucket.
  static const std::vector<std::string> k_statements{
      "DELETE FROM delivery_day_counts",
      "INSERT INTO delivery_day_counts (unit_id, delivered_on, service_code, unit, household_id, deliveries, "
      "quantity, cost, costed) "
      "SELECT c.unit_id, d.delivered_on, d.service_code, d.unit, c.household_id, COUNT(*), SUM(d.quantity), "
      "COALESCE(SUM(d.cost), 0), COUNT(d.cost) FROM service_deliveries d JOIN cases c ON c.id = d.case_id "
      "GROUP BY c.unit_id, d.delivered_on, d.service_code, d.unit, c.household_id",
  };
  return k_statements;
}

void create_delivery_day_counts(Tx& tx) {
  // The report reads the buckets of one unit and a range of days: on SQLite a table WITHOUT ROWID keeps them
  // together in key order (PostgreSQL has no rowid; its primary key index serves the same range).
  const std::string keyed = tx.dialect().name() == "sqlite" ? " WITHOUT ROWID" : "";
  tx.sql() << "CREATE TABLE delivery_day_counts (unit_id TEXT NOT NULL REFERENCES units(id), "
              "delivered_on TEXT NOT NULL, service_code TEXT NOT NULL, unit TEXT NOT NULL, "
              "household_id TEXT NOT NULL, deliveries BIGINT NOT NULL, quantity BIGINT NOT NULL, "
              "cost BIGINT NOT NULL, costed BIGINT NOT NULL, "
              "PRIMARY KEY (unit_id, delivered_on, service_code, unit, household_id))" +
                  keyed;
  for (const auto& statement : delivery_day_counts_rebuild()) {
    tx.sql() << statement;
  }
}

} // namespace patronage::storage
