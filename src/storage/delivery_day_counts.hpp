#pragma once

#include <string>
#include <vector>

#include "storage/aid.hpp"
#include "storage/database.hpp"

namespace patronage::storage {

// The counters of the services report (SPEC §10, issue 16): `delivery_day_counts` holds, per unit of the delivery's
// case, day, service, unit of quantity and household, the deliveries, their quantity, their known cost (kopecks)
// and how many had one, so that the report reads one key range per unit of the subtree instead of every delivery
// of the period with its case. The household is in the key because the report counts distinct households; cases
// never change unit or household, so a delivery stays in its bucket, and a case with deliveries is never deleted
// (import undo refuses it: storage::referenced_batch_records). Deliveries themselves are never changed or deleted:
// insert_delivery adds to a bucket in the writer's transaction, and a bulk load of `service_deliveries` rebuilds the
// table (bulk::Loader::finish). Any other SQL that writes `service_deliveries` must keep the buckets too.

// Adds `delivery` to its bucket in `tx`; nothing when its case is not found (the report, which joins the case,
// does not count it either).
void count_delivery(Tx& tx, const DeliveryRecord& delivery);

// The statements that empty `delivery_day_counts` and fill it again from `service_deliveries` (one INSERT ...
// SELECT ... GROUP BY): the backfill of migration 23 and what a bulk load of deliveries runs before its last commit.
// They run on any connection of either backend, inside the caller's transaction.
const std::vector<std::string>& delivery_day_counts_rebuild();

// Migration 23: creates the table (SQLite: WITHOUT ROWID, one B-tree in key order) and fills it.
void create_delivery_day_counts(Tx& tx);

} // namespace patronage::storage
