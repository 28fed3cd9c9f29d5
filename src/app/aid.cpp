#include "app/aid.hpp"

#include <algorithm>

#include "app/audit_trail.hpp"
#include "app/case_access.hpp"
#include "app/clock.hpp"
#include "app/diagnosis_access.hpp"
#include "util/crypto.hpp"

namespace patronage::app {
namespace {

bool valid_code(const std::string& code) {
  return code.size() >= 2 && code.size() <= 64 && std::all_of(code.begin(), code.end(), [](char c) {
           return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
         });
}

bool valid_category(const std::string& category) { return category == "ordinary" || category == "urgent"; }

util::Status check_manage(const Actor& actor) {
  if (!domain::can(actor.subject(), domain::Action::catalogue_manage, {actor.unit_path, ""})) {
    return util::fail(util::Error::forbidden());
  }
  return {};
}

} // namespace

util::Result<std::vector<storage::CatalogueEntry>> list_catalogue(const Services& services, const Actor& actor) {
  (void)actor;
  return services.db.transact(
      [&](storage::Tx& tx) -> util::Result<std::vector<storage::CatalogueEntry>> { return storage::list_catalogue(tx); });
}

util::Result<storage::CatalogueEntry> add_catalogue_entry(const Services& services, const Actor& actor,
                                                          const RequestMeta& meta, const CatalogueInput& input) {
  if (auto allowed = check_manage(actor); !allowed) {
    return util::fail(allowed.error());
  }
  std::vector<util::FieldError> fields;
  if (!input.code.empty() && !valid_code(input.code)) {
    fields.push_back({"code", "catalogue.code_invalid"});
  }
  if (!input.category.empty() && !valid_category(input.category)) {
    fields.push_back({"category", "catalogue.category_invalid"});
  }
  if (!fields.empty()) {
    return util::fail(util::Error::invalid("validation.failed", std::move(fields)));
  }
  return services.db.transact([&](storage::Tx& tx) -> util::Result<storage::CatalogueEntry> {
    if (storage::find_catalogue_entry(tx, input.code)) {
      return util::fail(util::Error::conflict("catalogue.code_taken"));
    }
    storage::CatalogueEntry entry;
    entry.code = input.code;
    entry.category = input.category;
    entry.default_unit = input.default_unit;
    entry.name_ru = input.name_ru;
    entry.name_en = input.name_en;
    entry.updated_at = now_of(services);
    storage::insert_catalogue_entry(tx, entry);
    audit(tx, services, actor.id, meta, "catalogue.create", "service_catalogue", entry.code);
    return *storage::find_catalogue_entry(tx, entry.code);
  });
}

util::Result<storage::CatalogueEntry> update_catalogue_entry(const Services& services, const Actor& actor,
                                                             const RequestMeta& meta, const std::string& code,
                                                             const CataloguePatch& patch) {
  if (auto allowed = check_manage(actor); !allowed) {
    return util::fail(allowed.error());
  }
  if (patch.category && !valid_category(*patch.category)) {
    return util::fail(util::Error::field("category", "catalogue.category_invalid"));
  }
  return services.db.transact([&](storage::Tx& tx) -> util::Result<storage::CatalogueEntry> {
    auto entry = storage::find_catalogue_entry(tx, code);
    if (!entry) {
      return util::fail(util::Error::not_found("catalogue.not_found"));
    }
    if (entry->version != patch.version) {
      return util::fail(util::Error::conflict("record.stale_version"));
    }
    entry->category = patch.category.value_or(entry->category);
    entry->default_unit = patch.default_unit.value_or(entry->default_unit);
    entry->name_ru = patch.name_ru.value_or(entry->name_ru);
    entry->name_en = patch.name_en.value_or(entry->name_en);
    entry->active = patch.active.value_or(entry->active);
    entry->updated_at = now_of(services);
    if (!storage::update_catalogue_entry(tx, *entry, patch.version)) {
      return util::fail(util::Error::conflict("record.stale_version"));
    }
    audit(tx, services, actor.id, meta, "catalogue.update", "service_catalogue", code);
    ++entry->version;
    return *entry;
  });
}

util::Result<storage::DeliveryRecord> record_delivery(const Services& services, const Actor& actor,
                                                      const RequestMeta& meta, const std::string& case_id,
                                                      const DeliveryInput& input) {
  std::vector<util::FieldError> fields;
  if (!input.delivered_on.empty()) {
    const auto on = util::parse_date(input.delivered_on);
    if (!on) {
      fields.push_back({"delivered_on", "validation.date_invalid"});
    } else if (*on > today(services)) {
      fields.push_back({"delivered_on", "validation.date_in_future"});
    }
  }
  if (!input.quantity) {
    fields.push_back({"quantity", "validation.required"});
  } else if (*input.quantity <= 0) {
    fields.push_back({"quantity", "validation.must_be_positive"});
  }
  if (input.cost && *input.cost < 0) {
    fields.push_back({"cost", "validation.must_not_be_negative"});
  }
  if (!fields.empty()) {
    return util::fail(util::Error::invalid("validation.failed", std::move(fields)));
  }
  return services.db.transact([&](storage::Tx& tx) -> util::Result<storage::DeliveryRecord> {
    auto loaded = load_case_records(tx, actor, case_id, domain::Action::case_write);
    if (!loaded) {
      return util::fail(loaded.error());
    }
    if (domain::is_terminal(loaded->record.state)) {
      return util::fail(util::Error::conflict("case.not_open"));
    }
    const auto entry = storage::find_catalogue_entry(tx, input.service_code);
    if (!entry || !entry->active) {
      return util::fail(util::Error::field("service_code", "catalogue.service_unknown"));
    }
    storage::DeliveryRecord delivery;
    delivery.id = util::random_id();
    delivery.case_id = case_id;
    delivery.service_code = entry->code;
    delivery.delivered_on = input.delivered_on;
    delivery.quantity = *input.quantity;
    delivery.unit = input.unit && !input.unit->empty() ? *input.unit : entry->default_unit;
    delivery.provider = input.provider;
    delivery.cost = input.cost;
    delivery.created_by = actor.id;
    delivery.created_at = now_of(services);
    storage::insert_delivery(tx, delivery);
    audit(tx, services, actor.id, meta, "service.deliver", "case", case_id,
          {{"delivery_id", delivery.id}, {"service_code", delivery.service_code}});
    return delivery;
  });
}

util::Result<std::vector<storage::DeliveryRecord>> list_deliveries(const Services& services, const Actor& actor,
                                                                   const RequestMeta& meta,
                                                                   const std::string& case_id) {
  return services.db.transact([&](storage::Tx& tx) -> util::Result<std::vector<storage::DeliveryRecord>> {
    auto loaded = load_case_records(tx, actor, case_id, domain::Action::case_read);
    if (!loaded) {
      return util::fail(loaded.error());
    }
    auto deliveries = storage::list_deliveries(tx, case_id);
    audit(tx, services, actor.id, meta, "service.list", "case", case_id, {{"count", deliveries.size()}});
    return deliveries;
  });
}

} // namespace patronage::app
