#pragma once

#include <optional>
#include <string>
#include <vector>

#include "storage/database.hpp"

namespace patronage::storage {

// One kind of service or material aid of the catalogue (SPEC §8). Empty names mean "use the texts
// 'service.<code>' of the locales" (the seeded entries).
struct CatalogueEntry {
  std::string code;
  std::string category; // ordinary, urgent
  std::string default_unit;
  std::string name_ru;
  std::string name_en;
  bool active = true;
  int sort_order = 0;
  long long updated_at = 0;
  int version = 1;
};

// Every entry, in catalogue order.
std::vector<CatalogueEntry> list_catalogue(Tx& tx);
std::optional<CatalogueEntry> find_catalogue_entry(Tx& tx, const std::string& code);
// Appends `entry` after the last one (its sort_order is ignored).
void insert_catalogue_entry(Tx& tx, const CatalogueEntry& entry);
// Stores category, unit, names and `active`, bumps `version`, only when the stored version is
// `expected_version`; false otherwise (nothing written).
bool update_catalogue_entry(Tx& tx, const CatalogueEntry& entry, int expected_version);

// A service or aid delivered to a case. `cost` is in kopecks, when known.
struct DeliveryRecord {
  std::string id;
  std::string case_id;
  std::string service_code;
  std::string delivered_on;
  long long quantity = 0;
  std::string unit;
  std::string provider;
  std::optional<long long> cost;
  std::string created_by;
  long long created_at = 0;
};

// Stores `record` and adds it to the services report's counters (delivery_day_counts.hpp) in `tx`.
void insert_delivery(Tx& tx, const DeliveryRecord& record);
// The deliveries of a case, latest first.
std::vector<DeliveryRecord> list_deliveries(Tx& tx, const std::string& case_id);

} // namespace patronage::storage
