#include "app/units.hpp"

#include "app/audit_trail.hpp"
#include "app/clock.hpp"
#include "util/crypto.hpp"

namespace patronage::app {
namespace {

constexpr size_t k_max_unit_name = 200;

bool valid_kind(const std::string& kind) {
  return kind == "region" || kind == "institution" || kind == "department";
}

} // namespace

util::Result<storage::UnitRecord> create_unit(const Services& services, const Actor& actor, const RequestMeta& meta,
                                              const NewUnit& input) {
  std::vector<util::FieldError> fields;
  if (input.name.empty() || input.name.size() > k_max_unit_name) {
    fields.push_back({"name", input.name.empty() ? "validation.required" : "validation.too_long"});
  }
  if (!valid_kind(input.kind)) {
    fields.push_back({"kind", "unit.kind_invalid"});
  }
  if (!fields.empty()) {
    return util::fail(util::Error::invalid("validation.failed", std::move(fields)));
  }
  return services.db.transact([&](storage::Tx& tx) -> util::Result<storage::UnitRecord> {
    storage::UnitRecord unit;
    unit.id = util::random_id();
    unit.name = input.name;
    unit.kind = input.kind;
    unit.created_at = now_of(services);
    std::string parent_path = "/";
    if (input.parent_id) {
      auto parent = storage::find_unit(tx, *input.parent_id);
      if (!parent || !domain::can(actor.subject(), domain::Action::unit_read, {parent->path, ""})) {
        return util::fail(util::Error::field("parent_id", "unit.not_found"));
      }
      parent_path = parent->path;
      unit.parent_id = parent->id;
    }
    if (!domain::can(actor.subject(), domain::Action::unit_manage, {parent_path, ""})) {
      return util::fail(util::Error::forbidden());
    }
    unit.path = parent_path + unit.id + "/";
    storage::insert_unit(tx, unit);
    audit(tx, services, actor.id, meta, "unit.create", "unit", unit.id);
    return unit;
  });
}

util::Result<std::vector<storage::UnitRecord>> list_units(const Services& services, const Actor& actor) {
  if (!domain::can(actor.subject(), domain::Action::unit_read, {actor.unit_path, ""})) {
    return util::fail(util::Error::forbidden());
  }
  return services.db.transact([&](storage::Tx& tx) -> util::Result<std::vector<storage::UnitRecord>> {
    return storage::list_units_under(tx, actor.unit_path);
  });
}

} // namespace patronage::app
