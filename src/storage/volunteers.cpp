#include "storage/volunteers.hpp"

#include <soci/soci.h>

#include "storage/nullable.hpp"
#include "storage/stored_enum.hpp"

#include "util/strings.hpp"

namespace patronage::storage {
namespace {

constexpr auto k_select_volunteers =
    "SELECT v.id, v.unit_id, n.path, v.user_id, v.last_name, v.first_name, v.patronymic, "
    "v.birth_date, v.sex, v.phone, v.skills, v.interests, v.languages, v.district, "
    "v.availability, v.coordinator_id, v.status, v.status_since, v.created_by, v.created_at, "
    "v.updated_at, v.version FROM volunteers v JOIN units n ON n.id = v.unit_id ";

struct VolunteerFetch {
  VolunteerRecord v;
  Nullable user{std::nullopt};
  Nullable coordinator{std::nullopt};
  std::string skills;
  std::string interests;
  std::string languages;
  std::string status;

  template <typename Target> void bind(Target& t) {
    t, soci::into(v.id), soci::into(v.unit_id), soci::into(v.unit_path), soci::into(user.text, user.ind),
        soci::into(v.last_name), soci::into(v.first_name), soci::into(v.patronymic), soci::into(v.birth_date),
        soci::into(v.sex), soci::into(v.phone), soci::into(skills), soci::into(interests), soci::into(languages),
        soci::into(v.district), soci::into(v.availability), soci::into(coordinator.text, coordinator.ind),
        soci::into(status), soci::into(v.status_since), soci::into(v.created_by), soci::into(v.created_at),
        soci::into(v.updated_at), soci::into(v.version);
  }

  VolunteerRecord take() const {
    VolunteerRecord out = v;
    out.user_id = user.get();
    out.coordinator_id = coordinator.get();
    out.skills = util::split(skills);
    out.interests = util::split(interests);
    out.languages = util::split(languages);
    out.status = stored_enum(domain::parse_volunteer_status, "volunteers", "status", status);
    return out;
  }
};

std::vector<VolunteerRecord> fetch_volunteers(Tx& tx, const std::string& where, const std::string& value) {
  VolunteerFetch row;
  auto prepared = (tx.sql().prepare << std::string(k_select_volunteers) + where, soci::use(value));
  row.bind(prepared);
  soci::statement st(prepared);
  st.execute();
  std::vector<VolunteerRecord> out;
  while (st.fetch()) {
    out.push_back(row.take());
  }
  return out;
}

std::optional<VolunteerRecord> first(std::vector<VolunteerRecord> rows) {
  return rows.empty() ? std::nullopt : std::optional<VolunteerRecord>(std::move(rows.front()));
}

} // namespace

void insert_volunteer(Tx& tx, const VolunteerRecord& v) {
  Nullable user(v.user_id);
  Nullable coordinator(v.coordinator_id);
  const std::string skills = util::join(v.skills);
  const std::string interests = util::join(v.interests);
  const std::string languages = util::join(v.languages);
  const std::string status(domain::to_string(v.status));
  tx.sql() << "INSERT INTO volunteers (id, unit_id, user_id, last_name, first_name, patronymic, birth_date, sex, "
              "phone, skills, interests, languages, district, availability, coordinator_id, status, status_since, "
              "created_by, created_at, updated_at, version) VALUES (:id, :unit, :user, :ln, :fn, :pn, :bd, :sex, "
              ":ph, :sk, :in, :la, :di, :av, :co, :st, :ss, :by, :ca, :ua, :ve)",
      soci::use(v.id), soci::use(v.unit_id), soci::use(user.text, user.ind), soci::use(v.last_name),
      soci::use(v.first_name), soci::use(v.patronymic), soci::use(v.birth_date), soci::use(v.sex), soci::use(v.phone),
      soci::use(skills), soci::use(interests), soci::use(languages), soci::use(v.district), soci::use(v.availability),
      soci::use(coordinator.text, coordinator.ind), soci::use(status), soci::use(v.status_since),
      soci::use(v.created_by), soci::use(v.created_at), soci::use(v.updated_at), soci::use(v.version);
}

void update_volunteer(Tx& tx, const VolunteerRecord& v) {
  Nullable user(v.user_id);
  Nullable coordinator(v.coordinator_id);
  const std::string skills = util::join(v.skills);
  const std::string interests = util::join(v.interests);
  const std::string languages = util::join(v.languages);
  const std::string status(domain::to_string(v.status));
  tx.sql() << "UPDATE volunteers SET unit_id = :unit, user_id = :user, last_name = :ln, first_name = :fn, "
              "patronymic = :pn, birth_date = :bd, sex = :sex, phone = :ph, skills = :sk, interests = :in, "
              "languages = :la, district = :di, availability = :av, coordinator_id = :co, status = :st, "
              "status_since = :ss, updated_at = :ua, version = version + 1 WHERE id = :id",
      soci::use(v.unit_id), soci::use(user.text, user.ind), soci::use(v.last_name), soci::use(v.first_name),
      soci::use(v.patronymic), soci::use(v.birth_date), soci::use(v.sex), soci::use(v.phone), soci::use(skills),
      soci::use(interests), soci::use(languages), soci::use(v.district), soci::use(v.availability),
      soci::use(coordinator.text, coordinator.ind), soci::use(status), soci::use(v.status_since),
      soci::use(v.updated_at), soci::use(v.id);
}

std::optional<VolunteerRecord> find_volunteer(Tx& tx, const std::string& id) {
  return first(fetch_volunteers(tx, "WHERE v.id = :v", id));
}

std::optional<VolunteerRecord> find_volunteer_by_user(Tx& tx, const std::string& user_id) {
  return first(fetch_volunteers(tx, "WHERE v.user_id = :v", user_id));
}

std::vector<VolunteerRecord> list_volunteers_under(Tx& tx, const std::string& unit_path_prefix) {
  return fetch_volunteers(tx, "WHERE n.path LIKE :v ORDER BY v.last_name, v.first_name, v.id", unit_path_prefix + "%");
}

std::vector<VolunteerRecord> list_volunteers_for_unit(Tx& tx, const std::string& case_unit_path) {
  VolunteerFetch row;
  const std::string below = case_unit_path + "%";
  auto prepared = (tx.sql().prepare << std::string(k_select_volunteers) +
                                           "WHERE n.path LIKE :below OR :path LIKE n.path || '%' ORDER BY v.id",
                   soci::use(below), soci::use(case_unit_path));
  row.bind(prepared);
  soci::statement st(prepared);
  st.execute();
  std::vector<VolunteerRecord> out;
  while (st.fetch()) {
    out.push_back(row.take());
  }
  return out;
}

int count_open_wards(Tx& tx, const std::string& user_id) {
  int count = 0;
  tx.sql() << "SELECT COUNT(*) FROM case_members m JOIN cases c ON c.id = m.case_id WHERE m.user_id = :u "
              "AND m.member_role = 'volunteer' AND c.state NOT IN ('closed', 'rejected')",
      soci::use(user_id), soci::into(count);
  return count;
}

std::vector<std::string> list_ward_case_ids(Tx& tx, const std::string& user_id) {
  std::string id;
  soci::statement st = (tx.sql().prepare << "SELECT c.id FROM case_members m JOIN cases c ON c.id = m.case_id "
                                            "WHERE m.user_id = :u AND m.member_role = 'volunteer' "
                                            "ORDER BY c.created_at DESC, c.id",
                        soci::use(user_id), soci::into(id));
  st.execute();
  std::vector<std::string> out;
  while (st.fetch()) {
    out.push_back(id);
  }
  return out;
}

void insert_volunteer_status(Tx& tx, const VolunteerStatusRow& h) {
  // The ordinal keeps the order of changes made within the same second.
  tx.sql() << "INSERT INTO volunteer_status_history (id, volunteer_id, ordinal, from_status, to_status, on_date, "
              "user_id, at) SELECT :id, :v, COALESCE(MAX(ordinal), 0) + 1, :f, :t, :o, :u, CAST(:a AS BIGINT) "
              "FROM volunteer_status_history WHERE volunteer_id = :v2",
      soci::use(h.id), soci::use(h.volunteer_id), soci::use(h.from_status), soci::use(h.to_status),
      soci::use(h.on_date), soci::use(h.user_id), soci::use(h.at), soci::use(h.volunteer_id);
}

std::vector<VolunteerStatusRow> list_volunteer_status_history(Tx& tx, const std::string& volunteer_id) {
  VolunteerStatusRow h;
  soci::statement st = (tx.sql().prepare << "SELECT id, volunteer_id, from_status, to_status, on_date, user_id, at "
                                            "FROM volunteer_status_history WHERE volunteer_id = :v ORDER BY ordinal",
                        soci::use(volunteer_id), soci::into(h.id), soci::into(h.volunteer_id),
                        soci::into(h.from_status), soci::into(h.to_status), soci::into(h.on_date),
                        soci::into(h.user_id), soci::into(h.at));
  st.execute();
  std::vector<VolunteerStatusRow> out;
  while (st.fetch()) {
    out.push_back(h);
  }
  return out;
}

void insert_course(Tx& tx, const CourseRecord& c) {
  tx.sql() << "INSERT INTO volunteer_courses (id, volunteer_id, code, name, hours, taken_on, certificate, created_by, "
              "created_at) VALUES (:id, :v, :c, :n, :h, :t, :ce, :by, :at)",
      soci::use(c.id), soci::use(c.volunteer_id), soci::use(c.code), soci::use(c.name), soci::use(c.hours),
      soci::use(c.taken_on), soci::use(c.certificate), soci::use(c.created_by), soci::use(c.created_at);
}

std::vector<CourseRecord> list_courses(Tx& tx, const std::string& volunteer_id) {
  CourseRecord c;
  soci::statement st = (tx.sql().prepare << "SELECT id, volunteer_id, code, name, hours, taken_on, certificate, "
                                            "created_by, created_at FROM volunteer_courses WHERE volunteer_id = :v "
                                            "ORDER BY taken_on, created_at, id",
                        soci::use(volunteer_id), soci::into(c.id), soci::into(c.volunteer_id), soci::into(c.code),
                        soci::into(c.name), soci::into(c.hours), soci::into(c.taken_on), soci::into(c.certificate),
                        soci::into(c.created_by), soci::into(c.created_at));
  st.execute();
  std::vector<CourseRecord> out;
  while (st.fetch()) {
    out.push_back(c);
  }
  return out;
}

void insert_contact(Tx& tx, const ContactRecord& c) {
  tx.sql() << "INSERT INTO volunteer_contacts (id, volunteer_id, case_id, on_date, minutes, what, created_by, "
              "created_at) VALUES (:id, :v, :c, :o, :m, :w, :by, :at)",
      soci::use(c.id), soci::use(c.volunteer_id), soci::use(c.case_id), soci::use(c.on_date), soci::use(c.minutes),
      soci::use(c.what), soci::use(c.created_by), soci::use(c.created_at);
}

std::vector<ContactRecord> list_contacts(Tx& tx, const std::string& volunteer_id, const std::string& case_id) {
  ContactRecord c;
  soci::statement st =
      (tx.sql().prepare << "SELECT id, volunteer_id, case_id, on_date, minutes, what, created_by, created_at "
                           "FROM volunteer_contacts WHERE volunteer_id = :v AND (:c = '' OR case_id = :c2) "
                           "ORDER BY on_date DESC, created_at DESC, id",
       soci::use(volunteer_id), soci::use(case_id), soci::use(case_id), soci::into(c.id), soci::into(c.volunteer_id),
       soci::into(c.case_id), soci::into(c.on_date), soci::into(c.minutes), soci::into(c.what),
       soci::into(c.created_by), soci::into(c.created_at));
  st.execute();
  std::vector<ContactRecord> out;
  while (st.fetch()) {
    out.push_back(c);
  }
  return out;
}

void upsert_wishes(Tx& tx, const WishesRecord& w) {
  Nullable gender(w.gender);
  Nullable language(w.language);
  Nullable district(w.district);
  const std::string interests = util::join(w.interests);
  const std::string needs = util::join(w.needs);
  tx.sql() << "DELETE FROM volunteer_wishes WHERE case_id = :c", soci::use(w.case_id);
  tx.sql() << "INSERT INTO volunteer_wishes (case_id, gender, language, interests, district, needs, availability, "
              "updated_by, updated_at) VALUES (:c, :g, :l, :i, :d, :n, :a, :by, :at)",
      soci::use(w.case_id), soci::use(gender.text, gender.ind), soci::use(language.text, language.ind),
      soci::use(interests), soci::use(district.text, district.ind), soci::use(needs), soci::use(w.availability),
      soci::use(w.updated_by), soci::use(w.updated_at);
}

std::optional<WishesRecord> find_wishes(Tx& tx, const std::string& case_id) {
  WishesRecord w;
  Nullable gender(std::nullopt);
  Nullable language(std::nullopt);
  Nullable district(std::nullopt);
  std::string interests;
  std::string needs;
  tx.sql() << "SELECT case_id, gender, language, interests, district, needs, availability, updated_by, updated_at "
              "FROM volunteer_wishes WHERE case_id = :c",
      soci::use(case_id), soci::into(w.case_id), soci::into(gender.text, gender.ind),
      soci::into(language.text, language.ind), soci::into(interests), soci::into(district.text, district.ind),
      soci::into(needs), soci::into(w.availability), soci::into(w.updated_by), soci::into(w.updated_at);
  if (!tx.sql().got_data()) {
    return std::nullopt;
  }
  w.gender = gender.get();
  w.language = language.get();
  w.district = district.get();
  w.interests = util::split(interests);
  w.needs = util::split(needs);
  return w;
}

} // namespace patronage::storage
