#include "app/personal_data.hpp"

#include <algorithm>

#include <boost/json.hpp>

#include "app/audit_trail.hpp"
#include "app/clock.hpp"
#include "domain/case_state.hpp"
#include "domain/duplicates.hpp"
#include "storage/idempotency.hpp"
#include "storage/aid.hpp"
#include "storage/assessments.hpp"
#include "storage/case_records.hpp"
#include "storage/cases.hpp"
#include "storage/households.hpp"
#include "storage/personal_data.hpp"
#include "storage/stored_enum.hpp"
#include "storage/units.hpp"
#include "storage/visits.hpp"
#include "util/crypto.hpp"
#include "util/strings.hpp"
#include "util/time.hpp"

namespace patronage::app {
namespace {

constexpr size_t k_reason_max = 1000;

struct LoadedSubject {
  storage::PersonRecord person;
  storage::HouseholdRecord household;
  domain::Resource resource;
};

// The person and their household, checked for `action`: 404 when the actor may not read the household, 403 when
// they may read it but not do `action`.
util::Result<LoadedSubject> load(storage::Tx& tx, const Actor& actor, const std::string& person_id,
                                 domain::Action action) {
  auto person = storage::find_person(tx, person_id);
  auto household = person ? storage::find_household(tx, person->household_id) : std::nullopt;
  if (!person || !household) {
    return util::fail(util::Error::not_found("person.not_found"));
  }
  domain::Resource resource{household->unit_path, "", storage::household_relation(tx, household->id, actor.id)};
  if (!domain::can(actor.subject(), domain::Action::household_read, resource)) {
    return util::fail(util::Error::not_found("person.not_found"));
  }
  if (!domain::can(actor.subject(), action, resource)) {
    return util::fail(util::Error::forbidden());
  }
  return LoadedSubject{std::move(*person), std::move(*household), std::move(resource)};
}

util::Cell text(const std::string& value) {
  return value.empty() ? util::Cell{std::monostate{}} : util::Cell{value};
}
util::Cell text(const std::optional<std::string>& value) {
  return value ? text(*value) : util::Cell{std::monostate{}};
}
util::Cell date(const std::optional<std::string>& value) {
  return value && !value->empty() ? util::Cell{util::IsoDate{*value}} : util::Cell{std::monostate{}};
}
util::Cell date(const std::string& value) { return date(std::optional<std::string>(value)); }
util::Cell flag_cell(bool on) { return static_cast<long long>(on ? 1 : 0); }
util::Cell moment(long long at) {
  return util::format_timestamp(util::Timestamp{std::chrono::seconds{at}});
}

// A table whose column titles and own title are translated from "export.column.<key>" / "export.list.<name>".
util::Table table(const Translate& translate, const std::string& name, const std::vector<std::string>& keys) {
  util::Table out{name, translate("export.list." + name), {}, {}};
  for (const auto& key : keys) {
    out.columns.push_back({key, translate("export.column." + key), key == "note" || key == "notes" ? 40.0 : 16.0});
  }
  return out;
}

// What identifies the person in free text: full-name forms and the first name; the last name alone unless another
// member of the household bears it too (then it is theirs as well).
std::vector<std::string> names_in_text(const storage::PersonRecord& p,
                                       const std::vector<storage::PersonRecord>& members) {
  auto joined = [](std::initializer_list<std::string> parts) {
    std::string out;
    for (const auto& part : parts) {
      if (!part.empty()) {
        out += (out.empty() ? "" : " ") + part;
      }
    }
    return out;
  };
  std::vector<std::string> names{joined({p.last_name, p.first_name, p.patronymic}),
                                 joined({p.first_name, p.patronymic, p.last_name}),
                                 joined({p.last_name, p.first_name}), joined({p.first_name, p.last_name}),
                                 joined({p.first_name, p.patronymic})};
  const bool shared_last_name = std::any_of(members.begin(), members.end(), [&](const storage::PersonRecord& m) {
    return m.id != p.id && m.last_name == p.last_name;
  });
  if (!shared_last_name) {
    names.push_back(p.last_name);
  }
  names.push_back(p.first_name);
  // Longest first, so that a full name is replaced whole before its parts.
  std::sort(names.begin(), names.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
  names.erase(std::unique(names.begin(), names.end()), names.end());
  names.erase(std::remove_if(names.begin(), names.end(), [](const auto& n) { return util::blank(n); }), names.end());
  return names;
}

} // namespace

util::Result<std::vector<util::Table>> export_person(const Services& services, const Actor& actor,
                                                     const RequestMeta& meta, const std::string& person_id,
                                                     const Translate& translate) {
  return services.db.transact([&](storage::Tx& tx) -> util::Result<std::vector<util::Table>> {
    auto loaded = load(tx, actor, person_id, domain::Action::person_export);
    if (!loaded) {
      return util::fail(loaded.error());
    }
    const auto& p = loaded->person;
    const auto& h = loaded->household;
    const bool sensitive = domain::can(actor.subject(), domain::Action::sensitive_read, loaded->resource);
    std::vector<util::Table> tables;
    tables.reserve(10); // the references to its tables below must stay valid

    std::vector<std::string> person_keys{"id",      "last_name", "first_name",    "patronymic", "birth_date",
                                         "sex",     "household_role", "represents", "disability", "pregnant",
                                         "pregnancy_due", "school", "employment",  "phone"};
    std::vector<util::Cell> person_row{p.id,          text(p.last_name),      text(p.first_name),
                                       text(p.patronymic), date(p.birth_date), text(p.sex),
                                       text(p.household_role), text(util::join(p.represents)), flag_cell(p.disability),
                                       flag_cell(p.pregnant), date(p.pregnancy_due), text(p.school),
                                       text(p.employment), text(p.phone)};
    if (sensitive) {
      const auto s = storage::find_sensitive(tx, p.id).value_or(storage::SensitiveRecord{});
      for (const auto& [key, value] : {std::pair{"health", s.health}, std::pair{"addiction", s.addiction},
                                       std::pair{"violence", s.violence},
                                       std::pair{"police_registration", s.police_registration}}) {
        person_keys.emplace_back(key);
        person_row.push_back(text(value));
      }
    }
    tables.push_back(table(translate, "person", person_keys));
    tables.back().rows.push_back(std::move(person_row));

    auto unit = storage::find_unit(tx, h.unit_id);
    tables.push_back(table(translate, "household", {"id", "unit", "address", "phone", "categories", "notes"}));
    tables.back().rows.push_back({h.id, text(unit ? unit->name : ""), text(h.address), text(h.phone),
                                  text(util::join(h.categories)), text(h.notes)});

    const auto cases = storage::list_cases_of_household(tx, h.id);
    auto& case_table = tables.emplace_back(
        table(translate, "cases", {"id", "state", "state_since", "opened_on", "intensity", "planned_end"}));
    auto& consent_table = tables.emplace_back(table(
        translate, "consents", {"id", "case_id", "covers", "scope", "signed_on", "valid_until", "withdrawn_on"}));
    auto& visit_table = tables.emplace_back(
        table(translate, "visits", {"id", "case_id", "planned_on", "actual_on", "kind", "note"}));
    auto& service_table = tables.emplace_back(table(
        translate, "services", {"id", "case_id", "service", "delivered_on", "quantity", "measure", "provider", "cost"}));
    for (const auto& c : cases) {
      case_table.rows.push_back({c.id, text(std::string(domain::to_string(c.state))), date(c.state_entered_on),
                                 date(c.opened_on), text(storage::stored_name(c.intensity)), date(c.planned_end)});
      for (const auto& consent : storage::list_consents(tx, c.id)) {
        if (consent.signed_by == p.id) {
          consent_table.rows.push_back({consent.id, c.id, text(util::join(consent.covers)),
                                        text(std::string(domain::to_string(consent.scope))),
                                        date(consent.signed_on), date(consent.valid_until),
                                        date(consent.withdrawn_on)});
        }
      }
      for (const auto& visit : storage::list_visits(tx, c.id)) {
        for (const auto& child : visit.children) {
          if (child.person_id == p.id) {
            visit_table.rows.push_back({visit.id, c.id, date(visit.planned_on), date(visit.actual_on),
                                        text(visit.kind), text(child.note)});
          }
        }
      }
      for (const auto& d : storage::list_deliveries(tx, c.id)) {
        service_table.rows.push_back({d.id, c.id, text(d.service_code), date(d.delivered_on), d.quantity,
                                      text(d.unit), text(d.provider),
                                      d.cost ? util::Cell{static_cast<double>(*d.cost) / 100.0}
                                             : util::Cell{std::monostate{}}});
      }
    }
    auto& assessment_table =
        tables.emplace_back(table(translate, "assessments", {"id", "case_id", "kind", "on_date"}));
    for (const auto& id : storage::assessments_mentioning(tx, h.id, p.id)) {
      if (auto a = storage::find_assessment(tx, id)) {
        assessment_table.rows.push_back({a->id, a->case_id, text(a->kind), date(a->on_date)});
      }
    }
    auto& history_table =
        tables.emplace_back(table(translate, "history", {"at", "user_id", "field", "old_value", "new_value"}));
    for (const auto& record : storage::list_person_history(tx, p.id)) {
      for (const auto& change : record.changes) {
        history_table.rows.push_back({moment(record.at), text(record.user_id), text(change.field),
                                      text(change.old_value), text(change.new_value)});
      }
    }
    audit(tx, services, actor.id, meta, "person.export", "person", p.id, {{"sensitive", sensitive}});
    return tables;
  });
}

util::Status erase_person(const Services& services, const Actor& actor, const RequestMeta& meta,
                          const std::string& person_id, const std::string& reason) {
  const std::string why = util::trim(reason);
  if (why.empty()) {
    return util::fail(util::Error::field("reason", "validation.required"));
  }
  if (why.size() > k_reason_max) {
    return util::fail(util::Error::field("reason", "validation.too_long"));
  }
  return services.db.transact([&](storage::Tx& tx) -> util::Status {
    auto loaded = load(tx, actor, person_id, domain::Action::person_erase);
    if (!loaded) {
      return util::fail(loaded.error());
    }
    const auto& original = loaded->person;
    const auto& household = loaded->household;
    if (original.last_name == k_erased_name && original.first_name == k_erased_name) {
      return util::fail(util::Error::conflict("person.already_erased"));
    }
    for (const auto& c : storage::list_cases_of_household(tx, household.id)) {
      if (!domain::is_terminal(c.state)) {
        return util::fail(util::Error::conflict("person.erase_case_open").with("case", c.id));
      }
    }
    const auto members = storage::list_persons(tx, household.id);
    const auto names = names_in_text(original, members);

    storage::PersonRecord erased = original;
    erased.last_name = std::string(k_erased_name);
    erased.first_name = std::string(k_erased_name);
    erased.patronymic.clear();
    if (erased.birth_date && erased.birth_date->size() >= 4) {
      erased.birth_date = erased.birth_date->substr(0, 4) + "-01-01";
    }
    erased.pregnancy_due.reset();
    erased.school.clear();
    erased.employment.clear();
    erased.phone.clear();
    erased.updated_at = now_of(services);
    if (!storage::update_person(tx, erased, original.version)) {
      return util::fail(util::Error::conflict("record.stale_version"));
    }
    if (storage::find_sensitive(tx, original.id)) {
      storage::upsert_sensitive(tx, {original.id, "", "", "", "", erased.updated_at});
    }
    storage::replace_person_keys(tx, original.id, {});
    domain::HouseholdIdentity identity{household.id, household.address, {}};
    for (const auto& m : storage::list_persons(tx, household.id)) {
      if (m.first_name != k_erased_name) {
        identity.members.push_back({m.id, m.last_name, m.first_name, m.patronymic,
                                    m.birth_date ? util::parse_date(*m.birth_date) : std::nullopt, ""});
      }
    }
    storage::replace_household_keys(tx, household.id, domain::household_blocking_keys(identity));

    storage::strip_person_history(tx, original.id);
    storage::forget_idempotency_answers(tx);
    storage::scrub_free_text(tx, household.id, original.id, names, std::string(k_erased_name));
    // The reason is free text: it is kept in the person's history, never in the append-only audit log.
    storage::insert_history(tx, {util::random_id(),
                                 "person",
                                 original.id,
                                 erased.updated_at,
                                 actor.id,
                                 {storage::FieldChange{"erased", std::nullopt, std::nullopt, true},
                                  storage::FieldChange{"erase_reason", std::nullopt, why}}});
    audit(tx, services, actor.id, meta, "person.erase", "person", original.id);
    return {};
  });
}

} // namespace patronage::app
