#include "demo/network.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <stdexcept>

#include "app/clock.hpp"
#include "domain/referral.hpp"
#include "domain/volunteer.hpp"
#include "storage/partners.hpp"
#include "storage/volunteers.hpp"
#include "util/crypto.hpp"
#include "util/strings.hpp"

namespace patronage::demo {
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
  domain::VolunteerStatus status;
  int courses; // how many of the required courses (basics, child_protection) were taken
  bool is_demo_account;
};

const std::array<DemoVolunteer, 5> k_volunteers{{
    {"Лебедева", "Дарья", "Андреевна", "1998-03-12", "female", "homework,reading", "chess,drawing", "ru,en",
     "Центральный", "tue.evening,thu.evening,sat.morning", domain::VolunteerStatus::active, 2, true},
    {"Галиев", "Ринат", "Маратович", "1985-07-30", "male", "sport,repair", "football,fishing", "ru,tt", "Заречный",
     "sat.morning,sat.afternoon,sun.morning", domain::VolunteerStatus::active, 2, false},
    {"Семёнова", "Ирина", "Павловна", "1960-11-02", "female", "cooking,household", "gardening,knitting", "ru",
     "Центральный", "mon.morning,wed.morning,fri.morning", domain::VolunteerStatus::trained, 2, false},
    {"Кириллов", "Артём", "Сергеевич", "2005-05-19", "male", "homework,computers", "games,music", "ru,en", "Северный",
     "fri.evening", domain::VolunteerStatus::candidate, 1, false},
    {"Жукова", "Анна", "Игоревна", "1979-09-09", "female", "psychological_support", "books", "ru", "Заречный", "",
     domain::VolunteerStatus::paused, 2, false},
}};

const std::array<std::pair<const char*, const char*>, 2> k_courses{{
    {"basics", "Основы добровольческой деятельности"},
    {"child_protection", "Защита прав ребёнка и распознавание жестокого обращения"},
}};

std::string text(domain::VolunteerStatus status) { return std::string(domain::to_string(status)); }
std::string text(domain::ReferralStatus status) { return std::string(domain::to_string(status)); }

// The way a demo volunteer went from candidate to `status` (SPEC §9), each step one the domain allows.
std::vector<domain::VolunteerStatus> status_path(domain::VolunteerStatus status) {
  using domain::VolunteerStatus;
  std::vector<VolunteerStatus> out;
  for (const auto step : {VolunteerStatus::trained, VolunteerStatus::active, VolunteerStatus::paused}) {
    if (status == VolunteerStatus::candidate) {
      break;
    }
    out.push_back(step);
    if (step == status) {
      break;
    }
  }
  VolunteerStatus from = VolunteerStatus::candidate;
  for (const auto to : out) {
    const auto allowed = domain::next_volunteer_statuses(from);
    if (std::ranges::find(allowed, to) == allowed.end()) {
      throw std::logic_error("demo: no volunteer status change " + text(from) + " -> " + text(to));
    }
    from = to;
  }
  return out;
}

} // namespace

void add_network(storage::Tx& tx, const app::Services& services, const Staff& staff,
                 const std::vector<storage::CaseRecord>& cases) {
  const long long now = services.clock.now().time_since_epoch().count();
  const util::Date today = app::today(services);
  auto day = [&](int offset) { return util::format_date(today + std::chrono::days{offset}); };
  const std::string& coordinator = staff.coordinator;

  std::map<std::string, storage::PartnerRecord> partners;
  for (const auto& p : k_partners) {
    storage::PartnerRecord partner{util::random_id(), staff.unit_id, staff.unit_path, p.name, p.type, p.phone, p.email,
                                   p.address,         p.person,      staff.head, now,       now};
    storage::insert_partner(tx, partner);
    partners[p.key] = partner;
  }

  // The demo families (families.cpp, by their index) of the referrals, volunteer contacts and wishes.
  constexpr size_t k_lenina = 0;
  constexpr size_t k_mira = 1;
  constexpr size_t k_nagornaya = 9;
  constexpr size_t k_stroiteley = 10;
  using domain::ReferralStatus;
  struct DemoReferral {
    size_t family;
    const char* partner;
    const char* reason;
    int sent;
    int due;
    std::vector<std::pair<ReferralStatus, std::string>> path; // status, response
  };
  const std::vector<DemoReferral> referrals{
      {k_lenina, "school", "Контроль посещаемости и успеваемости Артёма, встреча с классным руководителем", -40, -20,
       {{ReferralStatus::accepted, ""},
        {ReferralStatus::in_progress, ""},
        {ReferralStatus::done, "Посещаемость восстановлена, назначены доп. занятия"}}},
      {k_lenina, "clinic", "Плановый осмотр Полины и вакцинация по календарю", -30, -5,
       {{ReferralStatus::accepted, "Запись на приём будет согласована с участковым педиатром"}}}, // overdue
      {k_mira, "employment", "Подбор вакансий и профобучение для Натальи Сергеевны", -10, 14,
       {{ReferralStatus::accepted, ""}, {ReferralStatus::in_progress, "Направлена на курсы бухгалтеров"}}},
      {k_nagornaya, "ngo", "Продуктовые наборы и помощь с оформлением документов", -3, 10, {}},
      {k_stroiteley, "police", "Совместная профилактическая работа с Егором", -2, 7, {}},
  };
  for (const auto& r : referrals) {
    const auto& record = cases.at(r.family);
    storage::ReferralRecord referral{util::random_id(), record.id, partners[r.partner].id, partners[r.partner].name,
                                     r.reason, day(r.sent), day(r.due), ReferralStatus::sent, "",
                                     record.lead_id.value_or(staff.specialist_a), now, now};
    storage::insert_referral(tx, referral);
    storage::insert_referral_status(tx, {util::random_id(), referral.id, "", text(ReferralStatus::sent),
                                         referral.sent_on, "", referral.created_by, now});
    ReferralStatus from = ReferralStatus::sent;
    int step = 1;
    for (const auto& [to, response] : r.path) {
      if (!domain::check_referral_transition(from, to)) {
        throw std::logic_error("demo: no referral status change " + text(from) + " -> " + text(to));
      }
      storage::insert_referral_status(tx, {util::random_id(), referral.id, text(from), text(to),
                                           day(r.sent + 2 * step), response, referral.created_by, now});
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
    storage::insert_volunteer_status(tx, {util::random_id(), record.id, "", text(domain::VolunteerStatus::candidate),
                                          day(-90), record.created_by, now});
    domain::VolunteerStatus from = domain::VolunteerStatus::candidate;
    int offset = -60;
    for (const auto to : status_path(v.status)) {
      storage::insert_volunteer_status(tx, {util::random_id(), record.id, text(from), text(to), day(offset),
                                            record.created_by, now});
      from = to;
      offset += 15;
    }
  }

  // The demo volunteer account is already the volunteer of the first demo case (Смирнова, ул. Ленина).
  if (const auto& ward = cases.at(k_lenina); !demo_volunteer_id.empty()) {
    storage::insert_contact(tx, {util::random_id(), demo_volunteer_id, ward.id, day(-9), 90,
                                 "Помогла Артёму с математикой, поиграли в шахматы", staff.volunteer, now});
    storage::insert_contact(tx, {util::random_id(), demo_volunteer_id, ward.id, day(-2), 60,
                                 "Прогулка с Полиной, чтение книг", staff.volunteer, now});
    storage::upsert_wishes(tx, {ward.id, std::string("female"), std::nullopt, {"chess"}, std::nullopt,
                                {"homework"}, "tue.evening,thu.evening", staff.specialist_a, now});
  }
  {
    storage::upsert_wishes(tx, {cases.at(k_nagornaya).id, std::nullopt, std::string("tt"), {"football"}, std::nullopt,
                                {"sport", "homework"}, "sat.morning", staff.specialist_b, now});
  }
}

} // namespace patronage::demo
