#include "app/households.hpp"

#include <algorithm>
#include <array>
#include <set>

#include "app/audit_trail.hpp"
#include "app/case_access.hpp"
#include "app/clock.hpp"
#include "domain/snils.hpp"
#include "storage/cases.hpp"
#include "storage/units.hpp"
#include "util/crypto.hpp"
#include "util/strings.hpp"

namespace patronage::app {
namespace {

// SPEC §2 categories of households and people.
constexpr std::array<std::string_view, 11> k_categories{
    "low_income",     "large_family",  "single_parent",  "child_with_disability",        "guardian_family",
    "adult_with_disability", "elderly_alone", "addiction", "juvenile_police_registration", "pregnant_in_difficulty",
    "refugee_or_migrant"};
constexpr std::array<std::string_view, 6> k_household_roles{"mother",      "father",   "child",
                                                            "grandparent", "guardian", "other"};
constexpr std::array<std::string_view, 2> k_sexes{"female", "male"};
constexpr int k_adult_age = 18;

template <size_t N> bool listed(const std::array<std::string_view, N>& values, std::string_view value) {
  return std::find(values.begin(), values.end(), value) != values.end();
}

using Snapshot = std::vector<std::pair<std::string, std::optional<std::string>>>;

std::optional<std::string> value(const std::string& text) {
  return text.empty() ? std::nullopt : std::optional<std::string>(text);
}
std::optional<std::string> flag_text(bool on) { return std::string(on ? "true" : "false"); }

Snapshot snapshot(const storage::HouseholdRecord& h) {
  return {{"address", value(h.address)},
          {"phone", value(h.phone)},
          {"categories", value(util::join(h.categories))},
          {"notes", value(h.notes)}};
}

Snapshot snapshot(const storage::PersonRecord& p) {
  return {{"last_name", value(p.last_name)},
          {"first_name", value(p.first_name)},
          {"patronymic", value(p.patronymic)},
          {"birth_date", p.birth_date},
          {"sex", value(p.sex)},
          {"household_role", value(p.household_role)},
          {"represents", value(util::join(p.represents))},
          {"disability", flag_text(p.disability)},
          {"pregnant", flag_text(p.pregnant)},
          {"pregnancy_due", p.pregnancy_due},
          {"school", value(p.school)},
          {"employment", value(p.employment)},
          {"phone", value(p.phone)}};
}

Snapshot snapshot(const storage::SensitiveRecord& s) {
  return {{"health", value(s.health)},
          {"addiction", value(s.addiction)},
          {"violence", value(s.violence)},
          {"police_registration", value(s.police_registration)}};
}

// The fields whose values differ; `before` empty means a new record.
std::vector<storage::FieldChange> diff(const Snapshot& before, const Snapshot& after, bool sensitive) {
  std::vector<storage::FieldChange> out;
  for (size_t i = 0; i < after.size(); ++i) {
    const auto old_value = before.empty() ? std::nullopt : before[i].second;
    if (old_value != after[i].second) {
      storage::FieldChange change{after[i].first, {}, {}, sensitive};
      if (!sensitive) {
        change.old_value = old_value;
        change.new_value = after[i].second;
      }
      out.push_back(std::move(change));
    }
  }
  return out;
}

// Audit details of an update: the names of the changed fields, never their values.
boost::json::object fields_json(const std::vector<storage::FieldChange>& changes) {
  boost::json::array fields;
  for (const auto& change : changes) {
    fields.emplace_back(change.field);
  }
  return {{"fields", std::move(fields)}};
}

void record_history(storage::Tx& tx, const Services& services, const Actor& actor, const std::string& entity,
                    const std::string& entity_id, std::vector<storage::FieldChange> changes) {
  if (!changes.empty()) {
    storage::insert_history(tx, {util::random_id(), entity, entity_id, now_of(services), actor.id, std::move(changes)});
  }
}

struct LoadedHousehold {
  storage::HouseholdRecord record;
  domain::Resource resource;
};

// A household `actor` may read, checked for `action`: 404 when it may not even be read, 403 otherwise.
util::Result<LoadedHousehold> load_household(storage::Tx& tx, const Actor& actor, const std::string& id,
                                             domain::Action action) {
  auto household = storage::find_household(tx, id);
  if (!household) {
    return util::fail(util::Error::not_found("household.not_found"));
  }
  domain::Resource resource{household->unit_path, "", storage::household_relation(tx, id, actor.id)};
  if (!domain::can(actor.subject(), domain::Action::household_read, resource)) {
    return util::fail(util::Error::not_found("household.not_found"));
  }
  if (!domain::can(actor.subject(), action, resource)) {
    return util::fail(util::Error::forbidden());
  }
  return LoadedHousehold{std::move(*household), std::move(resource)};
}

struct LoadedPerson {
  storage::PersonRecord person;
  LoadedHousehold household;
};

util::Result<LoadedPerson> load_person(storage::Tx& tx, const Actor& actor, const std::string& id,
                                       domain::Action action) {
  auto person = storage::find_person(tx, id);
  if (!person) {
    return util::fail(util::Error::not_found("person.not_found"));
  }
  auto household = load_household(tx, actor, person->household_id, action);
  if (!household) {
    auto error = household.error();
    if (error.code == util::ErrorCode::not_found) {
      error.key = "person.not_found";
    }
    return util::fail(std::move(error));
  }
  return LoadedPerson{std::move(*person), std::move(*household)};
}

void check_household(const storage::HouseholdRecord& h, std::vector<util::FieldError>& fields) {
  if (util::blank(h.address)) {
    fields.push_back({"address", "validation.required"});
  }
  std::set<std::string> seen;
  for (size_t i = 0; i < h.categories.size(); ++i) {
    if (!listed(k_categories, h.categories[i]) || !seen.insert(h.categories[i]).second) {
      fields.push_back({"categories[" + std::to_string(i) + "]", "household.category_invalid"});
    }
  }
}

void check_person_date(const std::string& field, const std::optional<std::string>& text,
                       std::optional<util::Date> latest, std::vector<util::FieldError>& fields) {
  if (!text) {
    return;
  }
  const auto date = util::parse_date(*text);
  if (!date) {
    fields.push_back({field, "validation.date_invalid"});
  } else if (latest && *date > *latest) {
    fields.push_back({field, "validation.date_in_future"});
  }
}

// Field rules of a person; `members` are the other members of the household, for `represents`.
std::vector<util::FieldError> check_person(const storage::PersonRecord& p, const std::vector<storage::PersonRecord>& members,
                                           util::Date today) {
  std::vector<util::FieldError> fields;
  if (util::blank(p.last_name)) {
    fields.push_back({"last_name", "validation.required"});
  }
  if (util::blank(p.first_name)) {
    fields.push_back({"first_name", "validation.required"});
  }
  check_person_date("birth_date", p.birth_date, today, fields);
  if (!listed(k_sexes, p.sex)) {
    fields.push_back({"sex", "person.sex_invalid"});
  }
  if (!listed(k_household_roles, p.household_role)) {
    fields.push_back({"household_role", "person.household_role_invalid"});
  }
  if (p.pregnant && p.sex != "female") {
    fields.push_back({"pregnant", "person.pregnancy_invalid"});
  }
  check_person_date("pregnancy_due", p.pregnancy_due, std::nullopt, fields);
  if (p.pregnancy_due && !p.pregnant) {
    fields.push_back({"pregnancy_due", "person.pregnancy_due_without_pregnancy"});
  }
  std::set<std::string> seen;
  for (size_t i = 0; i < p.represents.size(); ++i) {
    const auto& id = p.represents[i];
    auto member = std::find_if(members.begin(), members.end(), [&](const auto& m) { return m.id == id; });
    const auto birth = member == members.end() || !member->birth_date ? std::nullopt
                                                                      : util::parse_date(*member->birth_date);
    const bool minor = birth && util::age_on(*birth, today) < k_adult_age;
    if (id == p.id || !minor || !seen.insert(id).second) {
      fields.push_back({"represents[" + std::to_string(i) + "]", "person.represents_invalid"});
    }
  }
  return fields;
}

// Issue 18: a СНИЛС given as text ("" clears it) is checked, normalised to 11 digits and must be no other person's.
// Setting it needs sensitive_write, as it is shown only under sensitive_read.
util::Status apply_snils(storage::Tx& tx, const Actor& actor, const domain::Resource& resource,
                         const std::string& text, storage::PersonRecord& person) {
  if (!domain::can(actor.subject(), domain::Action::sensitive_write, resource)) {
    return util::fail(util::Error::forbidden());
  }
  if (util::blank(text)) {
    person.snils.reset();
    return {};
  }
  auto digits = domain::parse_snils(text);
  if (!digits) {
    return util::fail(util::Error::field("snils", "person.snils_invalid"));
  }
  if (auto other = storage::find_person_by_snils(tx, *digits); other && other->id != person.id) {
    return util::fail(util::Error::field("snils", "person.snils_taken"));
  }
  person.snils = std::move(digits);
  return {};
}

storage::SensitiveRecord sensitive_of(const std::string& person_id, const SensitiveInput& input, long long at) {
  return {person_id, input.health, input.addiction, input.violence, input.police_registration, at};
}

MemberView member_view(storage::Tx& tx, const Actor& actor, const domain::Resource& resource,
                       storage::PersonRecord person) {
  MemberView view{std::move(person), std::nullopt};
  if (domain::can(actor.subject(), domain::Action::sensitive_read, resource)) {
    view.sensitive = storage::find_sensitive(tx, view.person.id)
                         .value_or(storage::SensitiveRecord{view.person.id, "", "", "", "", 0});
  } else {
    view.person.snils.reset(); // issue 18: sensitive by default, under the same permission
  }
  return view;
}

} // namespace

bool is_household_category(std::string_view code) { return listed(k_categories, code); }
std::span<const std::string_view> household_categories() { return k_categories; }
std::span<const std::string_view> person_sexes() { return k_sexes; }
std::span<const std::string_view> household_roles() { return k_household_roles; }

util::Result<HouseholdView> create_household(const Services& services, const Actor& actor, const RequestMeta& meta,
                                             const HouseholdInput& input) {
  storage::HouseholdRecord record;
  record.id = util::random_id();
  record.address = util::trim(input.address);
  record.phone = util::trim(input.phone);
  record.categories = input.categories;
  record.notes = input.notes;
  std::vector<util::FieldError> fields;
  check_household(record, fields);
  if (!fields.empty()) {
    return util::fail(util::Error::invalid("validation.failed", std::move(fields)));
  }
  return services.db.transact([&](storage::Tx& tx) -> util::Result<HouseholdView> {
    auto unit = storage::find_unit(tx, input.unit_id.value_or(actor.unit_id));
    if (!unit || !domain::can(actor.subject(), domain::Action::unit_read, {unit->path, ""})) {
      return util::fail(util::Error::field("unit_id", "unit.not_found"));
    }
    if (!domain::can(actor.subject(), domain::Action::household_write,
                     {unit->path, "", domain::CaseRelation::unassigned})) {
      return util::fail(util::Error::forbidden());
    }
    const long long now = now_of(services);
    record.unit_id = unit->id;
    record.unit_path = unit->path;
    record.created_by = actor.id;
    record.created_at = now;
    record.updated_at = now;
    record.version = 1;
    storage::insert_household(tx, record);
    refresh_duplicate_keys(tx, record, nullptr);
    record_history(tx, services, actor, "household", record.id, diff({}, snapshot(record), false));
    audit(tx, services, actor.id, meta, "household.create", "household", record.id, {{"unit_id", unit->id}});
    return HouseholdView{record, {}};
  });
}

util::Result<HouseholdView> get_household(const Services& services, const Actor& actor, const RequestMeta& meta,
                                          const std::string& id) {
  return services.db.transact([&](storage::Tx& tx) -> util::Result<HouseholdView> {
    auto loaded = load_household(tx, actor, id, domain::Action::household_read);
    if (!loaded) {
      return util::fail(loaded.error());
    }
    HouseholdView view{loaded->record, {}};
    for (auto& person : storage::list_persons(tx, id)) {
      view.members.push_back(member_view(tx, actor, loaded->resource, std::move(person)));
    }
    const bool sensitive = domain::can(actor.subject(), domain::Action::sensitive_read, loaded->resource);
    audit(tx, services, actor.id, meta, "household.read", "household", id,
          {{"members", view.members.size()}, {"sensitive", sensitive}});
    if (sensitive) {
      for (const auto& member : view.members) {
        audit(tx, services, actor.id, meta, "person.sensitive_read", "person", member.person.id);
      }
    }
    return view;
  });
}

util::Result<HouseholdView> update_household(const Services& services, const Actor& actor, const RequestMeta& meta,
                                             const std::string& id, const HouseholdPatch& patch) {
  return services.db.transact([&](storage::Tx& tx) -> util::Result<HouseholdView> {
    auto loaded = load_household(tx, actor, id, domain::Action::household_write);
    if (!loaded) {
      return util::fail(loaded.error());
    }
    const auto before = loaded->record;
    if (before.version != patch.version) {
      return util::fail(util::Error::conflict("record.stale_version"));
    }
    auto after = before;
    after.address = patch.address ? util::trim(*patch.address) : after.address;
    after.phone = patch.phone ? util::trim(*patch.phone) : after.phone;
    after.categories = patch.categories.value_or(after.categories);
    after.notes = patch.notes.value_or(after.notes);
    std::vector<util::FieldError> fields;
    check_household(after, fields);
    if (!fields.empty()) {
      return util::fail(util::Error::invalid("validation.failed", std::move(fields)));
    }
    auto changes = diff(snapshot(before), snapshot(after), false);
    if (changes.empty()) {
      return HouseholdView{before, {}};
    }
    after.updated_at = now_of(services);
    if (!storage::update_household(tx, after, patch.version)) {
      return util::fail(util::Error::conflict("record.stale_version"));
    }
    after.version = before.version + 1;
    refresh_duplicate_keys(tx, after, nullptr);
    const auto details = fields_json(changes);
    record_history(tx, services, actor, "household", id, std::move(changes));
    audit(tx, services, actor.id, meta, "household.update", "household", id, details);
    HouseholdView view{after, {}};
    for (auto& person : storage::list_persons(tx, id)) {
      view.members.push_back(member_view(tx, actor, loaded->resource, std::move(person)));
    }
    return view;
  });
}

util::Result<std::vector<storage::HistoryRecord>> household_history(const Services& services, const Actor& actor,
                                                                    const RequestMeta& meta, const std::string& id) {
  return services.db.transact([&](storage::Tx& tx) -> util::Result<std::vector<storage::HistoryRecord>> {
    auto loaded = load_household(tx, actor, id, domain::Action::household_read);
    if (!loaded) {
      return util::fail(loaded.error());
    }
    auto rows = storage::list_household_history(tx, id);
    audit(tx, services, actor.id, meta, "household.history_read", "household", id, {{"count", rows.size()}});
    return rows;
  });
}

util::Result<CreatedPerson> add_person(const Services& services, const Actor& actor, const RequestMeta& meta,
                                       const std::string& household_id, const PersonInput& input) {
  return services.db.transact([&](storage::Tx& tx) -> util::Result<CreatedPerson> {
    auto loaded = load_household(tx, actor, household_id, domain::Action::household_write);
    if (!loaded) {
      return util::fail(loaded.error());
    }
    if (input.sensitive && !domain::can(actor.subject(), domain::Action::sensitive_write, loaded->resource)) {
      return util::fail(util::Error::forbidden());
    }
    const long long now = now_of(services);
    storage::PersonRecord person;
    person.id = util::random_id();
    person.household_id = household_id;
    person.last_name = util::trim(input.last_name);
    person.first_name = util::trim(input.first_name);
    person.patronymic = util::trim(input.patronymic);
    person.birth_date = input.birth_date;
    person.sex = input.sex;
    person.household_role = input.household_role;
    person.represents = input.represents;
    person.disability = input.disability;
    person.pregnant = input.pregnant;
    person.pregnancy_due = input.pregnancy_due;
    person.school = input.school;
    person.employment = input.employment;
    person.phone = util::trim(input.phone);
    person.created_at = now;
    person.updated_at = now;
    auto fields = check_person(person, storage::list_persons(tx, household_id), today(services));
    if (!fields.empty()) {
      return util::fail(util::Error::invalid("validation.failed", std::move(fields)));
    }
    if (!input.snils.empty()) {
      if (auto done = apply_snils(tx, actor, loaded->resource, input.snils, person); !done) {
        return util::fail(done.error());
      }
    }
    storage::insert_person(tx, person);
    auto changes = diff({}, snapshot(person), false);
    if (person.snils) {
      changes.push_back({"snils", {}, {}, true});
    }
    if (input.sensitive) {
      const auto sensitive = sensitive_of(person.id, *input.sensitive, now);
      storage::upsert_sensitive(tx, sensitive);
      for (auto& change : diff({}, snapshot(sensitive), true)) {
        changes.push_back(std::move(change));
      }
      audit(tx, services, actor.id, meta, "person.sensitive_write", "person", person.id);
    }
    refresh_duplicate_keys(tx, loaded->record, &person);
    record_history(tx, services, actor, "person", person.id, std::move(changes));
    audit(tx, services, actor.id, meta, "person.create", "person", person.id, {{"household_id", household_id}});
    CreatedPerson out{member_view(tx, actor, loaded->resource, person),
                      person_duplicates_in_tx(tx, actor, person_identity(person, loaded->record.address))};
    if (!out.duplicates.empty()) {
      audit(tx, services, actor.id, meta, "person.duplicate_search", "person", person.id,
            {{"found", duplicate_ids(out.duplicates)}});
    }
    return out;
  });
}

util::Result<MemberView> update_person(const Services& services, const Actor& actor, const RequestMeta& meta,
                                       const std::string& person_id, const PersonPatch& patch) {
  return services.db.transact([&](storage::Tx& tx) -> util::Result<MemberView> {
    auto loaded = load_person(tx, actor, person_id, domain::Action::household_write);
    if (!loaded) {
      return util::fail(loaded.error());
    }
    const auto before = loaded->person;
    if (before.version != patch.version) {
      return util::fail(util::Error::conflict("record.stale_version"));
    }
    auto after = before;
    auto set = [](auto& target, const auto& source) {
      if (source) {
        target = *source;
      }
    };
    set(after.last_name, patch.last_name);
    set(after.first_name, patch.first_name);
    set(after.patronymic, patch.patronymic);
    if (patch.birth_date) {
      after.birth_date = patch.birth_date;
    }
    set(after.sex, patch.sex);
    set(after.household_role, patch.household_role);
    set(after.represents, patch.represents);
    set(after.disability, patch.disability);
    set(after.pregnant, patch.pregnant);
    if (patch.pregnancy_due) {
      after.pregnancy_due = patch.pregnancy_due;
    } else if (patch.pregnant && !*patch.pregnant) {
      after.pregnancy_due.reset(); // no longer pregnant: the due date goes with it
    }
    set(after.school, patch.school);
    set(after.employment, patch.employment);
    set(after.phone, patch.phone);
    auto fields = check_person(after, storage::list_persons(tx, before.household_id), today(services));
    if (!fields.empty()) {
      return util::fail(util::Error::invalid("validation.failed", std::move(fields)));
    }
    if (patch.snils) {
      if (auto done = apply_snils(tx, actor, loaded->household.resource, *patch.snils, after); !done) {
        return util::fail(done.error());
      }
    }
    auto changes = diff(snapshot(before), snapshot(after), false);
    if (before.snils != after.snils) {
      changes.push_back({"snils", {}, {}, true}); // the history names the field, never the number
    }
    if (changes.empty()) {
      return member_view(tx, actor, loaded->household.resource, before);
    }
    after.updated_at = now_of(services);
    if (!storage::update_person(tx, after, patch.version)) {
      return util::fail(util::Error::conflict("record.stale_version"));
    }
    after.version = before.version + 1;
    refresh_duplicate_keys(tx, loaded->household.record, &after);
    const auto details = fields_json(changes);
    record_history(tx, services, actor, "person", person_id, std::move(changes));
    audit(tx, services, actor.id, meta, "person.update", "person", person_id, details);
    return member_view(tx, actor, loaded->household.resource, after);
  });
}

util::Result<storage::SensitiveRecord> set_sensitive(const Services& services, const Actor& actor,
                                                     const RequestMeta& meta, const std::string& person_id,
                                                     const SensitiveInput& input) {
  return services.db.transact([&](storage::Tx& tx) -> util::Result<storage::SensitiveRecord> {
    auto loaded = load_person(tx, actor, person_id, domain::Action::sensitive_write);
    if (!loaded) {
      return util::fail(loaded.error());
    }
    const auto before = storage::find_sensitive(tx, person_id).value_or(storage::SensitiveRecord{person_id, "", "", "", "", 0});
    const auto after = sensitive_of(person_id, input, now_of(services));
    auto changes = diff(snapshot(before), snapshot(after), true);
    storage::upsert_sensitive(tx, after);
    const auto details = fields_json(changes);
    record_history(tx, services, actor, "person", person_id, std::move(changes));
    audit(tx, services, actor.id, meta, "person.sensitive_write", "person", person_id, details);
    return after;
  });
}

} // namespace patronage::app
