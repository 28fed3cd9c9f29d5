#include "app/volunteers.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "app/audit_trail.hpp"
#include "app/case_access.hpp"
#include "app/clock.hpp"
#include "domain/availability.hpp"
#include "domain/case_load.hpp"
#include "domain/policy.hpp"
#include "domain/volunteer.hpp"
#include "storage/cases.hpp"
#include "storage/households.hpp"
#include "storage/units.hpp"
#include "storage/users.hpp"
#include "util/crypto.hpp"
#include "util/strings.hpp"

namespace patronage::app {
namespace {

constexpr size_t k_max_code = 64;
constexpr size_t k_max_items = 30;
constexpr size_t k_max_batch = 1000;
constexpr long long k_max_contact_minutes = 24 * 60;
constexpr long long k_max_course_hours = 1000;

using Fields = std::vector<util::FieldError>;

util::Error invalid(Fields fields) { return util::Error::invalid("validation.failed", std::move(fields)); }

bool valid_sex(const std::string& sex) { return sex == "female" || sex == "male"; }

// Codes are stored comma-joined: no commas, no blanks, short, no repeats.
std::vector<std::string> codes(const std::vector<std::string>& items, const std::string& field, Fields& fields) {
  std::vector<std::string> out;
  if (items.size() > k_max_items) {
    fields.push_back({field, "validation.too_long"});
    return out;
  }
  for (size_t i = 0; i < items.size(); ++i) {
    const std::string code = util::trim(items[i]);
    if (code.empty() || code.size() > k_max_code || code.find(',') != std::string::npos) {
      fields.push_back({field + "[" + std::to_string(i) + "]", "volunteer.code_invalid"});
    } else if (std::ranges::find(out, code) != out.end()) {
      fields.push_back({field + "[" + std::to_string(i) + "]", "validation.duplicate"});
    } else {
      out.push_back(code);
    }
  }
  return out;
}

std::optional<std::string> availability_text(const std::string& text, const std::string& field, Fields& fields) {
  auto mask = domain::parse_availability(text);
  if (!mask) {
    fields.push_back({field, "volunteer.availability_invalid"});
    return std::nullopt;
  }
  return domain::format_availability(*mask);
}

bool manages(const Actor& actor, const std::string& unit_path) {
  return domain::can(actor.subject(), domain::Action::volunteer_manage, {unit_path, ""});
}

util::Result<storage::VolunteerRecord> load_volunteer(storage::Tx& tx, const Actor& actor, const std::string& id) {
  auto record = storage::find_volunteer(tx, id);
  if (!record || !manages(actor, record->unit_path)) {
    return util::fail(util::Error::not_found("volunteer.not_found"));
  }
  return std::move(*record);
}

// A case loaded for volunteer_match: 404 when the actor may not know it, 403 when they may read but not match.
util::Result<storage::CaseRecord> load_case_for_match(storage::Tx& tx, const Actor& actor,
                                                      const std::string& case_id) {
  auto record = storage::find_case(tx, case_id);
  if (!record) {
    return util::fail(util::Error::not_found("case.not_found"));
  }
  const domain::Resource resource{record->unit_path, "", storage::case_relation(tx, case_id, actor.id)};
  if (domain::can(actor.subject(), domain::Action::volunteer_match, resource)) {
    return std::move(*record);
  }
  if (domain::can(actor.subject(), domain::Action::case_read, resource) ||
      domain::can(actor.subject(), domain::Action::volunteer_view, resource)) {
    return util::fail(util::Error::forbidden());
  }
  return util::fail(util::Error::not_found("case.not_found"));
}

// A case named by its id or by its number as people write it ("2026-0042", or "42" of any year). A number is
// unique per unit and year only, so it names the one case with it that the actor may match volunteers for.
util::Result<storage::CaseRecord> find_case_for_match(storage::Tx& tx, const Actor& actor, const std::string& text) {
  auto by_id = load_case_for_match(tx, actor, text);
  const auto pattern = storage::case_number_pattern(text);
  if (by_id || !pattern || by_id.error().code != util::ErrorCode::not_found) {
    return by_id;
  }
  storage::CaseFilter filter;
  filter.unit_path_prefix = actor.unit_path;
  filter.number_pattern = pattern;
  filter.limit = 10;
  auto found = storage::list_cases(tx, filter);
  std::erase_if(found, [&](const storage::CaseRecord& c) {
    return !domain::can(actor.subject(), domain::Action::volunteer_match,
                        {c.unit_path, "", storage::case_relation(tx, c.id, actor.id)});
  });
  if (found.size() > 1) {
    return util::fail(util::Error::conflict("case.number_ambiguous").with("number", text));
  }
  if (found.empty()) {
    return util::fail(util::Error::not_found("case.not_found"));
  }
  return std::move(found.front());
}

// Applies the fields present in `input` to `v`; `today` and `settings` are for the age check.
void apply_volunteer_input(storage::Tx& tx, const Actor& actor, const VolunteerInput& input,
                           storage::VolunteerRecord& v, util::Date today, const domain::VolunteerSettings& settings,
                           Fields& fields) {
  auto text = [&](const std::optional<std::string>& value, std::string& target, const char* field, bool required) {
    if (value) {
      target = util::trim(*value);
      if (required && target.empty()) {
        fields.push_back({field, "validation.required"});
      }
    }
  };
  text(input.last_name, v.last_name, "last_name", true);
  text(input.first_name, v.first_name, "first_name", true);
  text(input.patronymic, v.patronymic, "patronymic", false);
  text(input.phone, v.phone, "phone", false);
  text(input.district, v.district, "district", false);
  if (input.birth_date) {
    const auto birth = util::parse_date(*input.birth_date);
    if (!birth) {
      fields.push_back({"birth_date", "validation.date_invalid"});
    } else if (auto adult = domain::check_adult(*birth, today, settings); !adult) {
      fields.push_back(adult.error().fields.front());
    } else {
      v.birth_date = *input.birth_date;
    }
  }
  if (input.sex) {
    if (valid_sex(*input.sex)) {
      v.sex = *input.sex;
    } else {
      fields.push_back({"sex", "volunteer.sex_invalid"});
    }
  }
  if (input.skills) {
    v.skills = codes(*input.skills, "skills", fields);
  }
  if (input.interests) {
    v.interests = codes(*input.interests, "interests", fields);
  }
  if (input.languages) {
    v.languages = codes(*input.languages, "languages", fields);
  }
  if (input.availability) {
    if (auto canonical = availability_text(*input.availability, "availability", fields)) {
      v.availability = *canonical;
    }
  }
  if (input.unit_id) {
    auto unit = storage::find_unit(tx, *input.unit_id);
    if (!unit || !domain::in_subtree(unit->path, actor.unit_path)) {
      fields.push_back({"unit_id", "unit.not_found"});
    } else {
      v.unit_id = unit->id;
      v.unit_path = unit->path;
    }
  }
  if (input.user_id) {
    auto user = storage::find_user(tx, *input.user_id);
    const bool fits = user && !user->disabled && domain::role_fits(domain::StaffPlace::case_volunteer, user->role) &&
                      domain::in_subtree(user->unit_path, actor.unit_path);
    auto linked = fits ? storage::find_volunteer_by_user(tx, *input.user_id) : std::nullopt;
    if (!fits) {
      fields.push_back({"user_id", "volunteer.user_invalid"});
    } else if (linked && linked->id != v.id) {
      fields.push_back({"user_id", "volunteer.user_taken"});
    } else {
      v.user_id = input.user_id;
    }
  }
  if (input.coordinator_id) {
    if (check_staff(tx, fields, "coordinator_id", *input.coordinator_id, domain::StaffPlace::coordinator,
                    actor.unit_path, "volunteer.coordinator_invalid")) {
      v.coordinator_id = input.coordinator_id;
    }
  }
}

std::vector<domain::TrainingCourse> training_of(const std::vector<storage::CourseRecord>& courses) {
  std::vector<domain::TrainingCourse> out;
  for (const auto& c : courses) {
    out.push_back({c.code, c.name, c.hours, util::parse_date(c.taken_on).value_or(util::Date{}), c.certificate});
  }
  return out;
}

VolunteerView volunteer_view(storage::Tx& tx, const Services& services, storage::VolunteerRecord record) {
  VolunteerView view;
  view.courses = storage::list_courses(tx, record.id);
  view.status_history = storage::list_volunteer_status_history(tx, record.id);
  view.missing_courses = domain::missing_courses(training_of(view.courses), services.settings.volunteers);
  view.contacts = storage::list_contacts(tx, record.id);
  view.current_wards = record.user_id ? storage::count_open_wards(tx, *record.user_id) : 0;
  view.record = std::move(record);
  return view;
}

std::set<std::string> set_of(const std::vector<std::string>& items) { return {items.begin(), items.end()}; }

domain::VolunteerProfile profile_of(storage::Tx& tx, const storage::VolunteerRecord& v) {
  domain::VolunteerProfile p;
  p.id = v.id;
  p.status = v.status;
  p.gender = v.sex;
  p.skills = set_of(v.skills);
  p.interests = set_of(v.interests);
  p.languages = set_of(v.languages);
  p.district = v.district;
  p.availability = domain::parse_availability(v.availability).value_or(0);
  p.current_wards = v.user_id ? storage::count_open_wards(tx, *v.user_id) : 0;
  return p;
}

domain::WardProfile ward_of(const std::string& case_id, const std::optional<storage::WishesRecord>& wishes) {
  domain::WardProfile ward;
  ward.id = case_id;
  if (wishes) {
    ward.needs = set_of(wishes->needs);
    ward.availability = domain::parse_availability(wishes->availability).value_or(0);
    ward.wishes.gender = wishes->gender;
    ward.wishes.language = wishes->language;
    ward.wishes.interests = set_of(wishes->interests);
    ward.wishes.district = wishes->district;
  }
  return ward;
}

} // namespace

util::Result<VolunteerView> create_volunteer(const Services& services, const Actor& actor, const RequestMeta& meta,
                                             const VolunteerInput& input) {
  return services.db.transact([&](storage::Tx& tx) -> util::Result<VolunteerView> {
    storage::VolunteerRecord v;
    v.id = util::random_id();
    v.unit_id = actor.unit_id;
    v.unit_path = actor.unit_path;
    if (actor.role == domain::Role::coordinator) {
      v.coordinator_id = actor.id;
    }
    Fields fields;
    for (const auto& [value, name] : {std::pair{&input.last_name, "last_name"}, {&input.first_name, "first_name"},
                                      {&input.birth_date, "birth_date"}, {&input.sex, "sex"}}) {
      if (!*value) {
        fields.push_back({name, "validation.required"});
      }
    }
    apply_volunteer_input(tx, actor, input, v, today(services), services.settings.volunteers, fields);
    if (!fields.empty()) {
      return util::fail(invalid(std::move(fields)));
    }
    if (!manages(actor, v.unit_path)) {
      return util::fail(util::Error::forbidden());
    }
    const long long now = now_of(services);
    v.status = domain::VolunteerStatus::candidate;
    v.status_since = util::format_date(today(services));
    v.created_by = actor.id;
    v.created_at = now;
    v.updated_at = now;
    storage::insert_volunteer(tx, v);
    storage::insert_volunteer_status(tx, {util::random_id(), v.id, "", std::string(domain::to_string(v.status)), v.status_since, actor.id, now});
    audit(tx, services, actor.id, meta, "volunteer.create", "volunteer", v.id);
    return volunteer_view(tx, services, std::move(v));
  });
}

util::Result<VolunteerView> update_volunteer(const Services& services, const Actor& actor, const RequestMeta& meta,
                                             const std::string& id, const VolunteerInput& input) {
  return services.db.transact([&](storage::Tx& tx) -> util::Result<VolunteerView> {
    auto v = load_volunteer(tx, actor, id);
    if (!v) {
      return util::fail(v.error());
    }
    Fields fields;
    apply_volunteer_input(tx, actor, input, *v, today(services), services.settings.volunteers, fields);
    if (!fields.empty()) {
      return util::fail(invalid(std::move(fields)));
    }
    v->updated_at = now_of(services);
    storage::update_volunteer(tx, *v);
    ++v->version;
    audit(tx, services, actor.id, meta, "volunteer.update", "volunteer", id);
    return volunteer_view(tx, services, std::move(*v));
  });
}

util::Result<VolunteerView> get_volunteer(const Services& services, const Actor& actor, const RequestMeta& meta,
                                          const std::string& id) {
  return services.db.transact([&](storage::Tx& tx) -> util::Result<VolunteerView> {
    auto v = load_volunteer(tx, actor, id);
    if (!v) {
      return util::fail(v.error());
    }
    audit(tx, services, actor.id, meta, "volunteer.read", "volunteer", id);
    return volunteer_view(tx, services, std::move(*v));
  });
}

util::Result<std::vector<storage::VolunteerRecord>> list_volunteers(const Services& services, const Actor& actor,
                                                                    const RequestMeta& meta) {
  if (!manages(actor, actor.unit_path)) {
    return util::fail(util::Error::forbidden());
  }
  return services.db.transact([&](storage::Tx& tx) -> util::Result<std::vector<storage::VolunteerRecord>> {
    auto volunteers = storage::list_volunteers_under(tx, actor.unit_path);
    audit(tx, services, actor.id, meta, "volunteer.list", "volunteer", "", {{"count", volunteers.size()}});
    return volunteers;
  });
}

util::Result<VolunteerView> change_volunteer_status(const Services& services, const Actor& actor,
                                                    const RequestMeta& meta, const std::string& id,
                                                    const VolunteerStatusInput& input) {
  const auto to = domain::parse_volunteer_status(input.to);
  const auto on = input.on ? util::parse_date(*input.on) : std::optional<util::Date>(today(services));
  Fields fields;
  if (!to) {
    fields.push_back({"to", "volunteer.status_invalid"});
  }
  if (!on) {
    fields.push_back({"on", "validation.date_invalid"});
  } else if (*on > today(services)) {
    fields.push_back({"on", "validation.date_in_future"});
  }
  if (!fields.empty()) {
    return util::fail(invalid(std::move(fields)));
  }
  return services.db.transact([&](storage::Tx& tx) -> util::Result<VolunteerView> {
    auto v = load_volunteer(tx, actor, id);
    if (!v) {
      return util::fail(v.error());
    }
    const auto from = v->status;
    const auto taken = training_of(storage::list_courses(tx, id));
    if (auto ok = domain::check_volunteer_transition(from, *to, taken, services.settings.volunteers); !ok) {
      return util::fail(ok.error());
    }
    const std::string from_text(domain::to_string(from));
    const std::string to_text(domain::to_string(*to));
    const long long now = now_of(services);
    v->status = *to;
    v->status_since = util::format_date(*on);
    v->updated_at = now;
    storage::update_volunteer(tx, *v);
    ++v->version;
    storage::insert_volunteer_status(tx, {util::random_id(), id, from_text, to_text, v->status_since, actor.id, now});
    audit(tx, services, actor.id, meta, "volunteer.status", "volunteer", id, {{"from", from_text}, {"to", to_text}});
    return volunteer_view(tx, services, std::move(*v));
  });
}

util::Result<VolunteerView> add_course(const Services& services, const Actor& actor, const RequestMeta& meta,
                                       const std::string& id, const CourseInput& input) {
  Fields fields;
  const std::string code = util::trim(input.code);
  if (code.empty() || code.size() > k_max_code || code.find(',') != std::string::npos) {
    fields.push_back({"code", "volunteer.code_invalid"});
  }
  if (util::blank(input.name)) {
    fields.push_back({"name", "validation.required"});
  }
  const auto taken_on = util::parse_date(input.taken_on);
  if (!taken_on) {
    fields.push_back({"taken_on", "validation.date_invalid"});
  }
  if (input.hours > k_max_course_hours) {
    fields.push_back({"hours", "validation.out_of_range"});
  } else {
    const domain::TrainingCourse course{code, input.name, static_cast<int>(std::max(input.hours, -1LL)),
                                        taken_on.value_or(util::Date{}), input.certificate};
    if (auto ok = domain::check_training_course(course, today(services)); !ok) {
      for (const auto& f : ok.error().fields) {
        fields.push_back({f.field == "date" ? "taken_on" : f.field, f.reason});
      }
    }
  }
  if (!fields.empty()) {
    return util::fail(invalid(std::move(fields)));
  }
  return services.db.transact([&](storage::Tx& tx) -> util::Result<VolunteerView> {
    auto v = load_volunteer(tx, actor, id);
    if (!v) {
      return util::fail(v.error());
    }
    storage::CourseRecord course{util::random_id(),
                                 id,
                                 code,
                                 util::trim(input.name),
                                 static_cast<int>(input.hours),
                                 input.taken_on,
                                 util::trim(input.certificate),
                                 actor.id,
                                 now_of(services)};
    storage::insert_course(tx, course);
    audit(tx, services, actor.id, meta, "volunteer.course", "volunteer", id, {{"course", course.id}});
    return volunteer_view(tx, services, std::move(*v));
  });
}

util::Result<storage::ContactRecord> add_contact(const Services& services, const Actor& actor,
                                                 const RequestMeta& meta, const std::string& volunteer_id,
                                                 const ContactInput& input) {
  Fields fields;
  const auto on = util::parse_date(input.on);
  if (!on) {
    fields.push_back({"on", "validation.date_invalid"});
  } else if (*on > today(services)) {
    fields.push_back({"on", "validation.date_in_future"});
  }
  if (input.minutes <= 0 || input.minutes > k_max_contact_minutes) {
    fields.push_back({"minutes", "validation.out_of_range"});
  }
  if (util::blank(input.what)) {
    fields.push_back({"what", "validation.required"});
  }
  return services.db.transact([&](storage::Tx& tx) -> util::Result<storage::ContactRecord> {
    auto v = storage::find_volunteer(tx, volunteer_id);
    const bool own = v && v->user_id && *v->user_id == actor.id;
    if (!v || (!own && !manages(actor, v->unit_path))) {
      return util::fail(util::Error::not_found("volunteer.not_found"));
    }
    // SPEC §9, §11: a volunteer logs contacts with their own wards only.
    bool ward = v->user_id && storage::case_relation(tx, input.case_id, *v->user_id) == domain::CaseRelation::volunteer;
    if (ward && own) {
      ward = load_case(tx, actor, input.case_id, domain::Action::volunteer_view).has_value();
    }
    if (!ward) {
      fields.insert(fields.begin(), {"case_id", "volunteer.not_ward"});
    }
    if (!fields.empty()) {
      return util::fail(invalid(fields));
    }
    storage::ContactRecord contact{util::random_id(), volunteer_id,   input.case_id, input.on,
                                   static_cast<int>(input.minutes), util::trim(input.what), actor.id,
                                   now_of(services)};
    storage::insert_contact(tx, contact);
    audit(tx, services, actor.id, meta, "volunteer.contact", "case", input.case_id, {{"volunteer", volunteer_id}});
    return contact;
  });
}

util::Result<storage::WishesRecord> set_wishes(const Services& services, const Actor& actor, const RequestMeta& meta,
                                               const std::string& case_id, const WishesInput& input) {
  Fields fields;
  storage::WishesRecord w;
  w.case_id = case_id;
  if (input.gender) {
    if (valid_sex(*input.gender)) {
      w.gender = input.gender;
    } else {
      fields.push_back({"gender", "volunteer.sex_invalid"});
    }
  }
  auto optional_code = [&](const std::optional<std::string>& value, const char* field) -> std::optional<std::string> {
    if (!value) {
      return std::nullopt;
    }
    auto items = codes({*value}, field, fields);
    if (!fields.empty() && fields.back().field == std::string(field) + "[0]") {
      fields.back().field = field;
    }
    return items.empty() ? std::nullopt : std::optional<std::string>(items.front());
  };
  w.language = optional_code(input.language, "language");
  w.district = optional_code(input.district, "district");
  w.interests = codes(input.interests, "interests", fields);
  w.needs = codes(input.needs, "needs", fields);
  if (auto canonical = availability_text(input.availability, "availability", fields)) {
    w.availability = *canonical;
  }
  return services.db.transact([&](storage::Tx& tx) -> util::Result<storage::WishesRecord> {
    auto record = load_case_for_match(tx, actor, case_id);
    if (!record) {
      return util::fail(record.error());
    }
    if (!fields.empty()) {
      return util::fail(invalid(fields));
    }
    w.updated_by = actor.id;
    w.updated_at = now_of(services);
    storage::upsert_wishes(tx, w);
    audit(tx, services, actor.id, meta, "case.volunteer_wishes", "case", case_id);
    return w;
  });
}

util::Result<std::optional<storage::WishesRecord>> get_wishes(const Services& services, const Actor& actor,
                                                              const RequestMeta& meta, const std::string& case_id) {
  return services.db.transact([&](storage::Tx& tx) -> util::Result<std::optional<storage::WishesRecord>> {
    auto record = load_case_for_match(tx, actor, case_id);
    if (!record) {
      return util::fail(record.error());
    }
    audit(tx, services, actor.id, meta, "case.volunteer_wishes_read", "case", case_id);
    return storage::find_wishes(tx, case_id);
  });
}

util::Result<CaseProposals> propose_for_case(const Services& services, const Actor& actor, const RequestMeta& meta,
                                             const std::string& id_or_number, std::size_t limit) {
  return services.db.transact([&](storage::Tx& tx) -> util::Result<CaseProposals> {
    auto record = find_case_for_match(tx, actor, id_or_number);
    if (!record) {
      return util::fail(record.error());
    }
    const std::string& case_id = record->id;
    std::vector<domain::VolunteerProfile> profiles;
    std::map<std::string, std::string> names;
    for (const auto& v : storage::list_volunteers_for_unit(tx, record->unit_path)) {
      profiles.push_back(profile_of(tx, v));
      names[v.id] = v.last_name + " " + v.first_name;
    }
    const auto ward = ward_of(case_id, storage::find_wishes(tx, case_id));
    CaseProposals out{case_id, record->number, {}};
    for (auto& proposal : domain::propose_volunteers(ward, profiles, services.settings.matching, limit)) {
      std::string name = names[proposal.volunteer_id];
      out.items.push_back({std::move(proposal), std::move(name)});
    }
    audit(tx, services, actor.id, meta, "case.volunteer_proposals", "case", case_id);
    return out;
  });
}

util::Result<BatchProposal> propose_batch(const Services& services, const Actor& actor,
                                                    const RequestMeta& meta,
                                                    const std::vector<std::string>& case_ids) {
  if (case_ids.empty()) {
    return util::fail(util::Error::field("case_ids", "validation.required"));
  }
  if (case_ids.size() > k_max_batch) {
    return util::fail(util::Error::field("case_ids", "validation.too_long"));
  }
  if (!domain::can(actor.subject(), domain::Action::volunteer_manage, {actor.unit_path, ""})) {
    return util::fail(util::Error::forbidden());
  }
  return services.db.transact([&](storage::Tx& tx) -> util::Result<BatchProposal> {
    Fields fields;
    BatchProposal out;
    std::vector<domain::WardProfile> wards;
    for (size_t i = 0; i < case_ids.size(); ++i) {
      const std::string field = "case_ids[" + std::to_string(i) + "]";
      auto record = find_case_for_match(tx, actor, case_ids[i]);
      if (!record) {
        fields.push_back({field, record.error().key == "case.number_ambiguous" ? record.error().key : "case.not_found"});
      } else if (!out.numbers.emplace(record->id, record->number).second) {
        fields.push_back({field, "validation.duplicate"});
      } else {
        wards.push_back(ward_of(record->id, storage::find_wishes(tx, record->id)));
      }
    }
    if (!fields.empty()) {
      return util::fail(invalid(std::move(fields)));
    }
    std::vector<domain::VolunteerProfile> profiles;
    for (const auto& v : storage::list_volunteers_for_unit(tx, actor.unit_path)) {
      profiles.push_back(profile_of(tx, v));
    }
    out.assignment = domain::assign_batch(wards, profiles, services.settings.matching);
    const auto& assignment = out.assignment;
    audit(tx, services, actor.id, meta, "volunteer.batch_proposal", "case", "",
          {{"cases", wards.size()}, {"matched", assignment.matches.size()}});
    return out;
  });
}

bool volunteer_of_line(storage::Tx& tx, const std::string& ref, const std::string& case_unit_path) {
  if (domain::eligible_staff(staff_user(tx, ref), domain::StaffPlace::case_volunteer, case_unit_path)) {
    return true;
  }
  const auto v = ref.empty() ? std::nullopt : storage::find_volunteer(tx, ref);
  return v && domain::in_unit_line(v->unit_path, case_unit_path) && v->user_id &&
         v->status == domain::VolunteerStatus::active &&
         domain::eligible_staff(staff_user(tx, *v->user_id), domain::StaffPlace::case_volunteer, case_unit_path);
}

util::Result<std::vector<storage::CaseMember>> assign_volunteer(const Services& services, const Actor& actor,
                                                                const RequestMeta& meta, const std::string& case_id,
                                                                const std::string& volunteer_id,
                                                                const std::string& override_reason) {
  return services.db.transact([&](storage::Tx& tx) -> util::Result<std::vector<storage::CaseMember>> {
    auto record = load_case_for_match(tx, actor, case_id);
    if (!record) {
      return util::fail(record.error());
    }
    auto v = storage::find_volunteer(tx, volunteer_id);
    if (!v || !domain::in_unit_line(v->unit_path, record->unit_path)) {
      return util::fail(util::Error::field("volunteer_id", "volunteer.not_found"));
    }
    if (!v->user_id) {
      return util::fail(util::Error::conflict("volunteer.no_account"));
    }
    if (v->status != domain::VolunteerStatus::active) {
      return util::fail(util::Error::conflict("volunteer.not_active").with("status", std::string(domain::to_string(v->status))));
    }
    auto granted = head_override(actor, {record->unit_path, "", domain::CaseRelation::none}, override_reason);
    if (!granted) {
      return util::fail(granted.error());
    }
    const auto relation = storage::case_relation(tx, case_id, *v->user_id);
    if (relation != domain::CaseRelation::volunteer) {
      // SPEC §3, §9: the volunteer's load holds here as on every path that gives a volunteer a ward.
      const int wards = storage::count_open_wards(tx, *v->user_id);
      if (auto ok = domain::check_volunteer_load(wards, services.settings.matching.load_limit, *granted); !ok) {
        return util::fail(ok.error());
      }
      storage::upsert_case_member(tx, {case_id, *v->user_id, "volunteer", now_of(services)});
    }
    keep_override_reason(tx, services, actor, case_id, *granted);
    boost::json::object details{{"volunteer", volunteer_id}};
    if (granted->granted) {
      details["head_override"] = true;
    }
    audit(tx, services, actor.id, meta, "case.volunteer", "case", case_id, details);
    return storage::list_case_members(tx, case_id);
  });
}

util::Result<MyWards> my_wards(const Services& services, const Actor& actor, const RequestMeta& meta) {
  return services.db.transact([&](storage::Tx& tx) -> util::Result<MyWards> {
    MyWards out;
    const auto own = storage::find_volunteer_by_user(tx, actor.id);
    if (own) {
      out.volunteer_id = own->id;
    }
    for (const auto& case_id : storage::list_ward_case_ids(tx, actor.id)) {
      auto loaded = load_case(tx, actor, case_id, domain::Action::volunteer_view);
      if (!loaded) {
        continue;
      }
      WardView ward;
      ward.case_id = case_id;
      ward.state = std::string(domain::to_string(loaded->record.state));
      if (auto household = storage::find_household(tx, loaded->record.household_id)) {
        ward.address = household->address;
        ward.phone = household->phone;
      }
      for (const auto& person : storage::list_persons(tx, loaded->record.household_id)) {
        ward.members.emplace_back(person.first_name, person.last_name);
      }
      if (own) {
        ward.contacts = storage::list_contacts(tx, own->id, case_id);
      }
      // SPEC §7: a measure's responsible may be a volunteer (their account or volunteer record).
      const auto plans = storage::list_plans(tx, case_id);
      const auto current = std::ranges::find_if(plans, [](const auto& plan) { return !plan.superseded_by; });
      if (current != plans.end()) {
        for (auto& measure : storage::list_measures(tx, current->id)) {
          const bool mine = measure.responsible_kind == "volunteer" &&
                            (measure.responsible_ref == actor.id || (own && measure.responsible_ref == own->id));
          if (mine) {
            ward.measures.push_back(std::move(measure));
          }
        }
      }
      out.wards.push_back(std::move(ward));
    }
    audit(tx, services, actor.id, meta, "volunteer.wards", "case", "", {{"count", out.wards.size()}});
    return out;
  });
}

} // namespace patronage::app
