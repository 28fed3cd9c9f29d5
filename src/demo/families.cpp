#include "demo/families.hpp"

#include <algorithm>
#include <array>
#include <functional>
#include <optional>
#include <stdexcept>

#include "demo/casework.hpp"

#include "domain/duplicates.hpp"
#include "domain/signal_deadline.hpp"
#include "domain/transition.hpp"
#include "app/clock.hpp"
#include "storage/case_records.hpp"
#include "storage/cases.hpp"
#include "storage/households.hpp"
#include "storage/signals.hpp"
#include "storage/visits.hpp"
#include "util/crypto.hpp"
#include "util/strings.hpp"

namespace patronage::demo {
namespace {

struct DemoPerson {
  const char* last;
  const char* first;
  const char* patronymic;
  const char* birth;
  const char* sex;
  const char* role;
};

using domain::CaseState;
using domain::PatronageIntensity;

struct DemoFamily {
  const char* address;
  const char* phone;
  const char* categories;
  CaseState state;
  std::optional<PatronageIntensity> intensity;
  std::array<DemoPerson, 3> people;
};

// The way a demo case went from `signal` to `state` (SPEC §3): a rejected family after its assessment, the others
// along the main line, a closed case after supervision. Each step is checked against the domain's table.
std::vector<CaseState> path_to(CaseState state) {
  std::vector<CaseState> out;
  if (state == CaseState::rejected) {
    out = {CaseState::assessment, CaseState::rejected};
  } else if (state != CaseState::signal) {
    for (const auto step : {CaseState::assessment, CaseState::awaiting_decision, CaseState::active, CaseState::closing,
                            CaseState::supervision, CaseState::closed}) {
      out.push_back(step);
      if (step == state) {
        break;
      }
    }
  }
  CaseState from = CaseState::signal;
  for (const auto to : out) {
    if (!domain::is_transition_in_table(from, to)) {
      throw std::logic_error("demo: no transition " + std::string(domain::to_string(from)) + " -> " +
                             std::string(domain::to_string(to)));
    }
    from = to;
  }
  return out;
}

bool passes(const std::vector<CaseState>& path, CaseState state) { return std::ranges::find(path, state) != path.end(); }

std::string text(CaseState state) { return std::string(domain::to_string(state)); }

const std::array<DemoFamily, 12> k_families{{
    {"г. Энск, ул. Ленина, д. 12, кв. 34", "+7 912 345-67-01", "low_income,large_family", CaseState::active, PatronageIntensity::intensive,
     {{{"Смирнова", "Татьяна", "Викторовна", "1988-04-17", "female", "mother"},
       {"Смирнов", "Артём", "Игоревич", "2014-09-02", "male", "child"},
       {"Смирнова", "Полина", "Игоревна", "2018-01-23", "female", "child"}}}},
    {"г. Энск, пр-т Мира, д. 5, кв. 8", "+7 912 345-67-02", "single_parent", CaseState::active, PatronageIntensity::standard,
     {{{"Кузьмина", "Наталья", "Сергеевна", "1992-11-05", "female", "mother"},
       {"Кузьмин", "Денис", "Андреевич", "2012-06-30", "male", "child"},
       {"", "", "", "", "", ""}}}},
    {"г. Энск, ул. Садовая, д. 3", "+7 912 345-67-03", "addiction,low_income", CaseState::assessment, std::nullopt,
     {{{"Орлов", "Виктор", "Павлович", "1979-02-11", "male", "father"},
       {"Орлова", "Ксения", "Викторовна", "2011-12-19", "female", "child"},
       {"", "", "", "", "", ""}}}},
    {"г. Энск, ул. Гагарина, д. 41, кв. 2", "+7 912 345-67-04", "child_with_disability", CaseState::awaiting_decision, std::nullopt,
     {{{"Белова", "Ирина", "Олеговна", "1985-07-08", "female", "mother"},
       {"Белов", "Максим", "Романович", "2016-03-14", "male", "child"},
       {"", "", "", "", "", ""}}}},
    {"с. Луговое, ул. Полевая, д. 7", "+7 912 345-67-05", "large_family,low_income", CaseState::closing, PatronageIntensity::standard,
     {{{"Захарова", "Светлана", "Ивановна", "1983-10-29", "female", "mother"},
       {"Захаров", "Николай", "Петрович", "1981-05-16", "male", "father"},
       {"Захарова", "Дарья", "Николаевна", "2013-08-21", "female", "child"}}}},
    {"г. Энск, ул. Заводская, д. 18, кв. 56", "+7 912 345-67-06", "guardian_family", CaseState::supervision, PatronageIntensity::standard,
     {{{"Егорова", "Валентина", "Михайловна", "1958-12-01", "female", "grandparent"},
       {"Егоров", "Кирилл", "Сергеевич", "2010-04-27", "male", "child"},
       {"", "", "", "", "", ""}}}},
    {"г. Энск, ул. Школьная, д. 9, кв. 11", "+7 912 345-67-07", "single_parent,low_income", CaseState::closed, PatronageIntensity::standard,
     {{{"Фёдорова", "Алёна", "Дмитриевна", "1995-09-13", "female", "mother"},
       {"Фёдоров", "Тимофей", "Алексеевич", "2019-02-05", "male", "child"},
       {"", "", "", "", "", ""}}}},
    {"г. Энск, ул. Победы, д. 27, кв. 90", "+7 912 345-67-08", "elderly_alone", CaseState::rejected, std::nullopt,
     {{{"Григорьева", "Антонина", "Фёдоровна", "1941-03-30", "female", "other"},
       {"", "", "", "", "", ""},
       {"", "", "", "", "", ""}}}},
    {"г. Энск, ул. Лесная, д. 2, кв. 15", "+7 912 345-67-09", "pregnant_in_difficulty", CaseState::signal, std::nullopt,
     {{{"Попова", "Екатерина", "Андреевна", "2003-06-22", "female", "mother"},
       {"", "", "", "", "", ""},
       {"", "", "", "", "", ""}}}},
    {"г. Энск, ул. Нагорная, д. 14", "+7 912 345-67-10", "refugee_or_migrant,large_family", CaseState::active, PatronageIntensity::standard,
     {{{"Каримова", "Зарина", "Рустамовна", "1990-01-09", "female", "mother"},
       {"Каримов", "Тимур", "Алишерович", "2013-11-11", "male", "child"},
       {"Каримова", "Амина", "Алишеровна", "2017-05-04", "female", "child"}}}},
    {"г. Энск, ул. Строителей, д. 6, кв. 71", "+7 912 345-67-11", "juvenile_police_registration", CaseState::assessment, std::nullopt,
     {{{"Волкова", "Людмила", "Николаевна", "1980-08-15", "female", "mother"},
       {"Волков", "Егор", "Александрович", "2009-10-03", "male", "child"},
       {"", "", "", "", "", ""}}}},
    {"с. Луговое, ул. Речная, д. 1", "+7 912 345-67-12", "adult_with_disability", CaseState::awaiting_decision, std::nullopt,
     {{{"Соловьёв", "Геннадий", "Борисович", "1970-12-24", "male", "other"},
       {"", "", "", "", "", ""},
       {"", "", "", "", "", ""}}}},
}};

struct SignalSeed {
  const char* source;
  const char* details;
  const char* reported;
  const char* urgency;
  int hours_ago;
};

const std::array<SignalSeed, 11> k_signals{{
    {"school", "Школа № 7, классный руководитель", "Ребёнок неделю не посещает занятия, выглядит истощённым", "urgent", 20},
    {"kindergarten", "Детский сад «Солнышко»", "Ребёнка забирают в нетрезвом состоянии", "urgent", 30},
    {"police_juvenile_unit", "ПДН ОМВД по г. Энску", "Подросток задержан за кражу, семья не справляется", "routine", 50},
    {"clinic", "Детская поликлиника № 2", "Пропущены плановые прививки и осмотры у двух детей", "routine", 70},
    {"commission_for_minors", "КДНиЗП г. Энска", "Постановление о проведении индивидуальной профилактической работы",
     "routine", 90},
    {"guardianship_authority", "Отдел опеки и попечительства", "Запрос обследования условий жизни подопечного", "routine",
     5},
    {"neighbour", "Соседка по лестничной клетке", "Ночью слышны крики ребёнка, дети часто одни дома", "emergency", 2},
    {"relative", "Бабушка детей", "Мать потеряла работу, в доме нет продуктов", "urgent", 10},
    {"self_referral", "Обратилась сама", "Просит помощи в оформлении пособий после развода", "routine", 26},
    {"hotline", "Детский телефон доверия", "Подросток сообщил о побоях со стороны отчима", "emergency", 1},
    {"anonymous", "Анонимное обращение", "В квартире без отопления живут трое детей", "urgent", 40},
}};

// A few visits so that the work list has something to show (SPEC §8, §10): the first active family was seen
// ten days ago (with a child-safety concern) and has a visit planned; the second was last seen 35 days ago
// (overdue at the medium rate) and missed a visit last week; the family under supervision was seen 20 days ago.
void add_demo_visits(storage::Tx& tx, const storage::CaseRecord& record, int index, util::Date today, long long now) {
  struct DemoVisit {
    int family;
    int days_from_today;
    const char* outcome; // done, missed, planned
    const char* kind;
    const char* purpose;
    bool concern;
  };
  static const std::array<DemoVisit, 5> k_visits{{
      {0, -10, "done", "home", "Обследование условий проживания", true},
      {0, 5, "planned", "home", "Контроль безопасности детей", false},
      {1, -35, "done", "home", "Плановое посещение", false},
      {1, -5, "missed", "home", "Плановое посещение", false},
      {5, -20, "done", "phone", "Контрольный звонок в период сопровождения", false},
  }};
  for (const auto& v : k_visits) {
    if (v.family != index) {
      continue;
    }
    const std::string on = util::format_date(today + std::chrono::days{v.days_from_today});
    storage::VisitRecord visit;
    visit.id = util::random_id();
    visit.case_id = record.id;
    visit.planned_on = on;
    visit.kind = v.kind;
    visit.participants = {*record.lead_id};
    visit.purpose = v.purpose;
    if (std::string(v.outcome) == "done") {
      visit.actual_on = on;
      visit.home = "Порядок удовлетворительный, продукты есть";
      visit.child_safety_checked = true;
      visit.child_safety_concern = v.concern;
      visit.child_safety_note = v.concern ? "Синяк на руке у младшего ребёнка, объяснения матери противоречивы" : "";
      visit.next_step = "Повторное посещение по графику";
    } else if (std::string(v.outcome) == "missed") {
      visit.missed_reason = "Семья не открыла дверь";
    }
    visit.created_by = *record.lead_id;
    visit.created_at = now;
    visit.updated_at = now;
    storage::insert_visit(tx, visit);
  }
}

} // namespace

std::vector<storage::CaseRecord> add_families(storage::Tx& tx, const app::Services& services, const Staff& staff) {
  const long long now = services.clock.now().time_since_epoch().count();
  const util::Date today = app::today(services);
  const std::string today_text = util::format_date(today);
  const std::string planned_end = util::format_date(util::Date{std::chrono::year_month_day{today} +
                                                               std::chrono::months{6}});
  std::vector<storage::CaseRecord> cases;
  int index = 0;
  for (const auto& family : k_families) {
    const std::string lead = index % 2 == 0 ? staff.specialist_a : staff.specialist_b;
    storage::HouseholdRecord household;
    household.id = util::random_id();
    household.unit_id = staff.unit_id;
    household.address = family.address;
    household.phone = family.phone;
    household.categories = util::split(family.categories);
    household.created_by = staff.head;
    household.created_at = now;
    household.updated_at = now;
    storage::insert_household(tx, household);
    std::vector<storage::PersonRecord> persons;
    for (const auto& p : family.people) {
      if (*p.last == '\0') {
        continue;
      }
      storage::PersonRecord person;
      person.id = util::random_id();
      person.household_id = household.id;
      person.last_name = p.last;
      person.first_name = p.first;
      person.patronymic = p.patronymic;
      person.birth_date = std::string(p.birth);
      person.sex = p.sex;
      person.household_role = p.role;
      person.created_at = now;
      person.updated_at = now;
      persons.push_back(std::move(person));
    }
    for (auto& person : persons) {
      if (person.household_role != "child") {
        for (const auto& other : persons) {
          if (other.household_role == "child") {
            person.represents.push_back(other.id);
          }
        }
      }
    }
    for (const auto& person : persons) {
      storage::insert_person(tx, person);
      const domain::PersonIdentity identity{person.id, person.last_name, person.first_name, person.patronymic,
                                            util::parse_date(*person.birth_date), household.address};
      storage::replace_person_keys(tx, person.id, domain::blocking_keys(identity));
    }
    domain::HouseholdIdentity household_identity{household.id, household.address, {}};
    storage::replace_household_keys(tx, household.id, domain::household_blocking_keys(household_identity));

    storage::CaseRecord record;
    record.id = util::random_id();
    record.unit_id = staff.unit_id;
    record.household_id = household.id;
    record.state = family.state;
    record.state_entered_on = today_text;
    record.opened_on = today_text;
    record.lead_id = lead;
    if (family.intensity) {
      record.intensity = *family.intensity;
      record.planned_end = planned_end;
    }
    record.created_at = now;
    record.updated_at = now;
    storage::insert_case(tx, record);
    storage::upsert_case_member(tx, {record.id, lead, "lead", now});
    if (index % 3 == 0) {
      storage::upsert_case_member(tx, {record.id, staff.expert, "expert", now});
    }
    if (index == 0) {
      storage::upsert_case_member(tx, {record.id, staff.volunteer, "volunteer", now});
    }
    storage::insert_transition(
        tx, {util::random_id(), record.id, "", text(CaseState::signal), now, today_text, lead, "case.opened", ""});
    const auto path = path_to(family.state);
    // The consent came before the council was asked; a registered case (it became active) has the decision.
    const bool registered = passes(path, CaseState::active);
    if (passes(path, CaseState::awaiting_decision)) {
      const auto& signer = persons.front();
      storage::insert_consent(tx, {util::random_id(), record.id, signer.id, signer.represents, domain::ConsentScope::patronage, today_text,
                                   std::nullopt, std::nullopt, std::nullopt, lead, now});
    }
    // A council decision of the day on the case, signed by the secretary.
    auto decide = [&](domain::DecisionKind kind, int protocol, std::vector<std::string> members, const char* grounds,
                      const std::function<void(storage::DecisionRow&)>& terms) {
      storage::DecisionRow decision;
      decision.id = util::random_id();
      decision.case_id = record.id;
      decision.body = "council";
      decision.meeting_date = today_text;
      decision.protocol_number = std::to_string(protocol);
      decision.members_present = std::move(members);
      decision.kind = kind;
      decision.grounds = grounds;
      decision.created_by = staff.secretary;
      decision.created_at = now;
      terms(decision);
      storage::insert_decision(tx, decision);
      storage::sign_decision(tx, decision.id, staff.secretary, now);
    };
    if (registered) {
      decide(domain::DecisionKind::register_case, 100 + index, {"Соколова М. П.", "Кузнецова Е. В.", "Морозова О. И."},
             "Семья находится в трудной жизненной ситуации; согласие получено.", [&](storage::DecisionRow& decision) {
               decision.patronage_types = {"psychological", "pedagogical", "economic"};
               decision.lead_id = lead;
               decision.intensity = family.intensity.value_or(PatronageIntensity::standard);
               decision.planned_end = planned_end;
             });
    }
    if (passes(path, CaseState::closing)) {
      decide(domain::DecisionKind::remove_from_register, 200 + index, {"Соколова М. П.", "Морозова О. И."},
             "Итоговый анализ: положительная динамика по карте изменений.", [](storage::DecisionRow&) {});
    }
    CaseState from = CaseState::signal;
    for (const auto to : path) {
      storage::insert_transition(tx, {util::random_id(), record.id, text(from), text(to), now, today_text, lead,
                                      "Демонстрационная история случая", ""});
      from = to;
    }
    add_demo_visits(tx, record, index, today, now);
    std::vector<std::string> person_ids;
    for (const auto& person : persons) {
      person_ids.push_back(person.id);
    }
    add_casework(tx, record, family.state, index, person_ids, staff.head, staff.expert, today, now);
    cases.push_back(record);
    ++index;
  }

  int hours_index = 0;
  for (const auto& seed : k_signals) {
    storage::SignalRecord signal;
    signal.id = util::random_id();
    signal.unit_id = staff.unit_id;
    signal.received_at = now - 3600LL * seed.hours_ago;
    signal.source = seed.source;
    signal.source_details = seed.details;
    signal.reported = seed.reported;
    signal.address = "г. Энск, ул. Юбилейная, д. " + std::to_string(10 + hours_index) + ", кв. " +
                     std::to_string(3 + hours_index * 7);
    signal.urgency = seed.urgency;
    const auto urgency = domain::parse_urgency(seed.urgency).value_or(domain::Urgency::routine);
    signal.deadline_at = domain::response_deadline(util::Timestamp{std::chrono::seconds{signal.received_at}}, urgency,
                                                   services.settings.signals)
                             .time_since_epoch()
                             .count();
    signal.created_by = staff.specialist_a;
    signal.created_at = signal.received_at;
    storage::insert_signal(tx, signal);
    ++hours_index;
  }
  return cases;
}

} // namespace patronage::demo
