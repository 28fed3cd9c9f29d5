#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/context.hpp"
#include "storage/aid.hpp"
#include "util/error.hpp"

namespace patronage::app {

// The catalogue of services and material aid (SPEC §8). It holds no personal data: every signed-in user reads
// it (the web app lists it when a delivery is recorded).
util::Result<std::vector<storage::CatalogueEntry>> list_catalogue(const Services& services, const Actor& actor);

struct CatalogueInput {
  std::string code; // [a-z0-9_], 2..64
  std::string category; // ordinary, urgent
  std::string default_unit;
  std::string name_ru;
  std::string name_en;
};

// Admins (catalogue_manage) add an entry: 403 for others, field errors for a bad code or category, 409
// "catalogue.code_taken" for a code in use. Audited as "catalogue.create".
util::Result<storage::CatalogueEntry> add_catalogue_entry(const Services& services, const Actor& actor,
                                                          const RequestMeta& meta, const CatalogueInput& input);

struct CataloguePatch {
  int version = 0;
  std::optional<std::string> category;
  std::optional<std::string> default_unit;
  std::optional<std::string> name_ru;
  std::optional<std::string> name_en;
  std::optional<bool> active; // an inactive entry is kept for past deliveries but offered no more
};

// Admins change an entry: 404 "catalogue.not_found", 409 "record.stale_version". Audited as
// "catalogue.update".
util::Result<storage::CatalogueEntry> update_catalogue_entry(const Services& services, const Actor& actor,
                                                             const RequestMeta& meta, const std::string& code,
                                                             const CataloguePatch& patch);

struct DeliveryInput {
  std::string service_code;
  std::string delivered_on;
  std::optional<long long> quantity;
  std::optional<std::string> unit; // default: the entry's unit
  std::string provider;
  std::optional<long long> cost; // kopecks
};

// SPEC §8: records a service or aid delivered to the case (case_write). Field errors: "service_code"
// (unknown or inactive), "delivered_on" (bad or future date), "quantity" (missing or not above 0), "cost"
// (negative); 409 "case.not_open" for a closed or rejected case. Audited as "service.deliver".
util::Result<storage::DeliveryRecord> record_delivery(const Services& services, const Actor& actor,
                                                      const RequestMeta& meta, const std::string& case_id,
                                                      const DeliveryInput& input);

// The deliveries of a case (case_read), latest first. Audited as "service.list".
util::Result<std::vector<storage::DeliveryRecord>> list_deliveries(const Services& services, const Actor& actor,
                                                                   const RequestMeta& meta,
                                                                   const std::string& case_id);

} // namespace patronage::app
