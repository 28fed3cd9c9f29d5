#include "app/demo_network.hpp"

#include <array>
#include <map>

#include "app/case_access.hpp"
#include "storage/cases.hpp"
#include "storage/households.hpp"
#include "storage/partners.hpp"
#include "storage/units.hpp"
#include "storage/users.hpp"
#include "storage/volunteers.hpp"
#include "util/crypto.hpp"
#include "util/strings.hpp"

namespace patronage::app {
namespace {

struct DemoPartner {
  const char* key;
  const char* name;
  const char* type;
  const char* phone;
  const char* email;
  const char* address;
  const char* person;
};

const std::array<DemoPartner, 5> k_partners{{
    {"school", "МБОУ «Средняя общеобразовательная школа № 7»", "school", "+7 3452 40-17-07", "school7@edu.example",
     "г. Энск, ул. Школьная, д. 1", "Петрова Ирина Ивановна, заместитель директора"},
    {"clinic", "Детская городская поликлиника № 2", "clinic", "+7 3452 40-22-02", "dgp2@med.example",
     "г. Энск, ул. Гагарина, д. 10", "Сидорова Наталья Петровна, участковый педиатр"},
    {"police", "ПДН ОМВД России по г. Энску", "police_juvenile_unit", "+7 3452 40-02-02", "",
     "г. Энск, ул. Дзержинского, д. 3", "Капитан полиции Фролов Андрей Викторович"},
    {"employment", "Центр занятости населения г. Энска", "employment_centre", "+7 3452 40-33-33",
     "czn@work.example", "г. Энск, пр-т Мира, д. 21", "Ковалёва Светлана Олеговна"},
    {"ngo", "АНО «Семейный очаг»", "ngo", "+7 912 000-11-22", "ochag@ngo.example", "г. Энск, ул. Лесная, д. 8",
     "Морозов Павел Ильич, председатель"},
}};

struct DemoVolunteer {
  const char* last;
  const char* first;
  const char* patronymic;
  const char* birth;
  const char* sex;
  const char* skills;
  const char* interests;
  const char* languages;
  const char* district;
  const char* availability;
  const char* status;
  int courses; // how many of the required courses (basics, child_protection) were taken
  bool is_demo_account;
};

const std::array<DemoVolunteer, 5> k_volunteers{{
    {"Лебедева", "Дарья", "Андреевна", "1998-03-12", "female", "homework,reading", "chess,drawing", "ru,en",
     "Центральный", "tue.evening,thu.evening,sat.morning", "active", 2, true},
    {"Галиев", "Ринат", "Маратович", "1985-07-30", "male", "sport,repair", "football,fishing", "ru,tt", "Заречный",
     "sat.morning,sat.afternoon,sun.morning", "active", 2, false},
    {"Семёнова", "Ирина", "Павловна", "1960-11-02", "female", "cooking,household", "gardening,knitting", "ru",
     "Центральный", "mon.morning,wed.morning,fri.morning", "trained", 2, false},
    {"Кириллов", "Артём", "Сергеевич", "2005-05-19", "male", "homework,computers", "games,music", "ru,en", "Северный",
     "fri.evening", "candidate", 1, false},
    {"Жукова", "Анна", "Игоревна", "1979-09-09", "female", "psychological_support", "books", "ru", "Заречный", "",
     "paused", 2, false},
}};

const std::array<std::pair<const char*, const char*>, 2> k_courses{{
    {"basics", "Основы добровольческой деятельности"},
    {"child_protection", "Защита прав ребёнка и распознавание жестокого обращения"},
}};

// The status path from candidate to `status`.
std::vector<std::string> status_path(const std::string& status) {
  if (status == "candidate") {
    return {};
  }
  if (status == "trained") {
    return {"trained"};
  }
  if (status == "paused") {
    return {"trained", "active", "paused"};
  }
  return {"trained", "active"};
}

} // namespace

void load_demo_network(storage::Tx& tx, const Services& services, const DemoStaff& staff) {
  const long long now = services.clock.now().time_since_epoch().count();
  const util::Date today = app::today(services);
  auto day = [&](int offset) { return util::format_date(today + std::chrono::days{offset}); };
  const auto unit = storage::find_unit(tx, staff.unit_id);
  if (!unit) {
    return;
  }
  std::string coordinator;
  for (const auto& user : storage::list_users_under(tx, unit->path)) {
    if (user.role == domain::Role::coordinator) {
      coordinator = user.id;
    }
  }

  std::map<std::string, storage::PartnerRecord> partners;
  for (const auto& p : k_partners) {
    storage::PartnerRecord partner{util::random_id(), staff.unit_id, unit->path, p.name, p.type, p.phone, p.email,
                                   p.address,         p.person,      staff.head, now,       now};
    storage::insert_partner(tx, partner);
    partners[p.key] = partner;
  }

  // The demo cases by a word of their address.
  std::map<std::string, storage::CaseRecord> cases;
  storage::CaseFilter filter;
  filter.unit_path_prefix = unit->path;
  for (const auto& record : storage::list_cases(tx, filter)) {
    const auto household = storage::find_household(tx, record.household_id);
    for (const char* street : {"Ленина", "Мира", "Нагорная", "Строителей"}) {
      if (household && household->address.find(street) != std::string::npos) {
        cases[street] = record;
      }
    }
  }
  struct DemoReferral {
    const char* street;
    const char* partner;
    const char* reason;
    int sent;
    int due;
    std::vector<std::pair<std::string, std::string>> path; // status, response
  };
  const std::vector<DemoReferral> referrals{
      {"Ленина", "school", "Контроль посещаемости и успеваемости Артёма, встреча с классным руководителем", -40, -20,
       {{"accepted", ""}, {"in_progress", ""}, {"done", "Посещаемость восстановлена, назначены доп. занятия"}}},
      {"Ленина", "clinic", "Плановый осмотр Полины и вакцинация по календарю", -30, -5,
       {{"accepted", "Запись на приём будет согласована с участковым педиатром"}}}, // overdue
      {"Мира", "employment", "Подбор вакансий и профобучение для Натальи Сергеевны", -10, 14,
       {{"accepted", ""}, {"in_progress", "Направлена на курсы бухгалтеров"}}},
      {"Нагорная", "ngo", "Продуктовые наборы и помощь с оформлением документов", -3, 10, {}},
      {"Строителей", "police", "Совместная профилактическая работа с Егором", -2, 7, {}},
  };
  for (const auto& r : referrals) {
    const auto found = cases.find(r.street);
    if (found == cases.end()) {
      continue;
    }
    storage::ReferralRecord referral{util::random_id(), found->second.id, partners[r.partner].id,
                                     partners[r.partner].name, r.reason, day(r.sent), day(r.due), "sent", "",
                                     found->second.lead_id.value_or(staff.specialist_a), now, now};
    storage::insert_referral(tx, referral);
    storage::insert_referral_status(tx, {util::random_id(), referral.id, "", "sent", referral.sent_on, "",
                                         referral.created_by, now});
    std::string from = "sent";
    int step = 1;
    for (const auto& [to, response] : r.path) {
      storage::insert_referral_status(tx, {util::random_id(), referral.id, from, to, day(r.sent + 2 * step), response,
                                           referral.created_by, now});
      referral.status = to;
      if (!response.empty()) {
        referral.response = response;
      }
      from = to;
      ++step;
    }
    storage::update_referral_status(tx, referral);
  }

  std::string demo_volunteer_id;
  int index = 0;
  for (const auto& v : k_volunteers) {
    storage::VolunteerRecord record;
    record.id = util::random_id();
    record.unit_id = staff.unit_id;
    if (v.is_demo_account) {
      record.user_id = staff.volunteer;
      demo_volunteer_id = record.id;
    }
    record.last_name = v.last;
    record.first_name = v.first;
    record.patronymic = v.patronymic;
    record.birth_date = v.birth;
    record.sex = v.sex;
    record.phone = "+7 912 555-20-" + std::to_string(11 + index++);
    record.skills = util::split(v.skills);
    record.interests = util::split(v.interests);
    record.languages = util::split(v.languages);
    record.district = v.district;
    record.availability = v.availability;
    if (!coordinator.empty()) {
      record.coordinator_id = coordinator;
    }
    record.status = v.status;
    record.status_since = day(-30);
    record.created_by = coordinator.empty() ? staff.head : coordinator;
    record.created_at = now;
    record.updated_at = now;
    storage::insert_volunteer(tx, record);
    for (int i = 0; i < v.courses; ++i) {
      storage::insert_course(tx, {util::random_id(), record.id, k_courses[i].first, k_courses[i].second, 8 + 4 * i,
                                  day(-75 + 7 * i), "ДОБ-2026-" + std::to_string(100 + i), record.created_by, now});
    }
    storage::insert_volunteer_status(tx, {util::random_id(), record.id, "", "candidate", day(-90), record.created_by,
                                          now});
    std::string from = "candidate";
    int offset = -60;
    for (const auto& to : status_path(v.status)) {
      storage::insert_volunteer_status(tx, {util::random_id(), record.id, from, to, day(offset), record.created_by,
                                            now});
      from = to;
      offset += 15;
    }
  }

  // The demo volunteer account is already the volunteer of the first demo case (Смирнова, ул. Ленина).
  if (const auto ward = cases.find("Ленина"); ward != cases.end() && !demo_volunteer_id.empty()) {
    storage::insert_contact(tx, {util::random_id(), demo_volunteer_id, ward->second.id, day(-9), 90,
                                 "Помогла Артёму с математикой, поиграли в шахматы", staff.volunteer, now});
    storage::insert_contact(tx, {util::random_id(), demo_volunteer_id, ward->second.id, day(-2), 60,
                                 "Прогулка с Полиной, чтение книг", staff.volunteer, now});
    storage::upsert_wishes(tx, {ward->second.id, std::string("female"), std::nullopt, {"chess"}, std::nullopt,
                                {"homework"}, "tue.evening,thu.evening", staff.specialist_a, now});
  }
  if (const auto ward = cases.find("Нагорная"); ward != cases.end()) {
    storage::upsert_wishes(tx, {ward->second.id, std::nullopt, std::string("tt"), {"football"}, std::nullopt,
                                {"sport", "homework"}, "sat.morning", staff.specialist_b, now});
  }
}

} // namespace patronage::app
