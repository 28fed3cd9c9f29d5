#include "region.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <filesystem>
#include <map>
#include <optional>
#include <vector>

#include "names.hpp"
#include "domain/duplicates.hpp"
#include "domain/risk.hpp"
#include "domain/search_terms.hpp"
#include "domain/signal_deadline.hpp"
#include "storage/audit.hpp"
#include "storage/bulk.hpp"
#include "storage/database.hpp"
#include "util/password.hpp"

namespace patronage::bench {
namespace {

using storage::bulk::Null;
using storage::bulk::Table;
using storage::bulk::Value;

constexpr long long k_day = 86400;

// xoshiro256**: fast, and the same sequence for the same seed on every platform (std:: distributions are not).
class Rng {
public:
  explicit Rng(std::uint64_t seed) {
    for (auto& word : m_state) {
      seed += 0x9e3779b97f4a7c15ULL;
      std::uint64_t z = seed;
      z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
      z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
      word = z ^ (z >> 31);
    }
  }
  std::uint64_t next() {
    const std::uint64_t result = rotl(m_state[1] * 5, 7) * 9;
    const std::uint64_t t = m_state[1] << 17;
    m_state[2] ^= m_state[0];
    m_state[3] ^= m_state[1];
    m_state[1] ^= m_state[2];
    m_state[0] ^= m_state[3];
    m_state[2] ^= t;
    m_state[3] = rotl(m_state[3], 45);
    return result;
  }
  // 0 <= n < bound
  long long below(long long bound) { return bound <= 1 ? 0 : static_cast<long long>(next() % bound); }
  long long between(long long low, long long high) { return low + below(high - low + 1); }
  bool chance(double p) { return static_cast<double>(next() >> 11) * 0x1.0p-53 < p; }
  template <typename Array> const auto& pick(const Array& items) { return items[below(std::size(items))]; }

  // An opaque id like util::random_id(): 20 characters of lowercase base32.
  std::string id() {
    static constexpr char k_alphabet[] = "abcdefghijklmnopqrstuvwxyz234567";
    std::string out(20, 'a');
    std::uint64_t a = next();
    std::uint64_t b = next();
    for (size_t i = 0; i < 12; ++i, a >>= 5) {
      out[i] = k_alphabet[a & 31];
    }
    for (size_t i = 12; i < 20; ++i, b >>= 5) {
      out[i] = k_alphabet[b & 31];
    }
    return out;
  }

private:
  static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::array<std::uint64_t, 4> m_state{};
};

// Date texts by day number, formatted once.
class Dates {
public:
  explicit Dates(util::Date today) : m_first(today - std::chrono::days{k_span_back}) {
    m_text.reserve(k_span_back + k_span_ahead);
    for (int i = 0; i < k_span_back + k_span_ahead; ++i) {
      m_text.push_back(util::format_date(m_first + std::chrono::days{i}));
    }
    m_today = k_span_back;
  }
  // Day `offset` from today (negative: in the past).
  const std::string& day(long long offset) const {
    const long long index = std::clamp<long long>(m_today + offset, 0, static_cast<long long>(m_text.size()) - 1);
    return m_text[index];
  }
  util::Date date(long long offset) const { return m_first + std::chrono::days{m_today + offset}; }
  long long at(long long offset, long long second_of_day = 36000) const {
    return date(offset).time_since_epoch().count() * k_day + second_of_day;
  }

private:
  static constexpr int k_span_back = 100 * 366;
  static constexpr int k_span_ahead = 3 * 366;
  util::Date m_first;
  long long m_today = 0;
  std::vector<std::string> m_text;
};

struct Staff {
  std::string id;
  std::string login;
};

struct Centre {
  std::string id;
  std::string path;
  const Town* town = nullptr;
  std::string head;
  std::string secretary;
  std::string coordinator;
  std::vector<Staff> specialists;
  std::vector<Staff> experts;
  std::vector<Staff> volunteers;       // staff accounts with the volunteer role
  std::vector<std::string> volunteer_records; // volunteers.id of those accounts
  std::vector<std::string> partners;
  std::vector<int> intensive;          // open intensive cases per specialist
  std::vector<int> standard;           // open standard cases per specialist
  size_t next_lead = 0;
  size_t next_volunteer = 0;
};

struct Member {
  std::string id;
  std::string last;
  std::string first;
  std::string patronymic;
  long long birth = 0; // day offset from today
  bool male = false;
  std::string role;
};

// SPEC §3: the share of cases in each state, and how many visits a case in it has on average (20M visits for
// 50k cases at 1M households: ~400 per case).
struct StateShare {
  const char* state;
  double share;
  int visits;
};
constexpr std::array<StateShare, 8> k_states{{
    {"signal", 0.03, 0},
    {"assessment", 0.06, 4},
    {"awaiting_decision", 0.04, 8},
    {"active", 0.22, 450},
    {"closing", 0.04, 550},
    {"supervision", 0.08, 600},
    {"closed", 0.45, 500},
    {"rejected", 0.08, 2},
}};

constexpr std::array<const char*, 11> k_sources{"school",   "kindergarten", "police_juvenile_unit",
                                                "clinic",   "commission_for_minors", "guardianship_authority",
                                                "neighbour", "relative",   "self_referral",
                                                "hotline",  "anonymous"};
constexpr std::array<const char*, 6> k_reported{
    "Ребёнок не посещает занятия, выглядит неопрятно", "Дети часто остаются одни дома",
    "В семье злоупотребляют алкоголем",                 "Семья без средств к существованию после потери работы",
    "Пропущены плановые прививки и осмотры",            "Подросток задержан, семья не справляется"};
constexpr std::array<const char*, 9> k_categories{"low_income",        "large_family",          "single_parent",
                                                  "child_with_disability", "guardian_family",   "adult_with_disability",
                                                  "elderly_alone",     "addiction",             "juvenile_police_registration"};
constexpr std::array<const char*, 6> k_purposes{"Плановое посещение",           "Контроль безопасности детей",
                                                "Обследование условий проживания", "Консультация по оформлению пособий",
                                                "Проверка выполнения плана",     "Беседа с родителями"};
constexpr std::array<const char*, 4> k_homes{"Порядок удовлетворительный, продукты есть", "В квартире беспорядок",
                                             "Чисто, дети накормлены", "Не хватает спальных мест"};
constexpr std::array<const char*, 7> k_types{"medical_social", "psychological", "pedagogical", "economic",
                                             "legal",          "household",     "labour"};
constexpr std::array<const char*, 6> k_measures{"Оформление пособия на детей через МФЦ",
                                                "Консультация психолога для матери",
                                                "Запись ребёнка в спортивную секцию",
                                                "Помощь в поиске работы через центр занятости",
                                                "Сопровождение к педиатру",
                                                "Заявка на ремонт отопления"};
constexpr std::array<const char*, 8> k_services{"consultation", "psychological_session", "food_sets", "hot_meals",
                                                "clothing_footwear", "documents_help", "escort_to_doctor",
                                                "legal_aid"};
constexpr std::array<const char*, 8> k_partner_types{"school", "kindergarten", "clinic", "police_juvenile_unit",
                                                     "commission_for_minors", "guardianship_authority",
                                                     "employment_centre", "ngo"};
constexpr std::array<const char*, 8> k_partner_names{"Средняя школа № ", "Детский сад № ", "Детская поликлиника № ",
                                                     "ПДН отдела полиции № ", "КДНиЗП района № ",
                                                     "Отдел опеки и попечительства № ", "Центр занятости № ",
                                                     "АНО «Семейный очаг» № "};

std::string pad(long long n, int width) {
  std::string text = std::to_string(n);
  return std::string(static_cast<size_t>(std::max<int>(0, width - static_cast<int>(text.size()))), '0') + text;
}

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) {
    out += (out.empty() ? "" : ",") + item;
  }
  return out;
}

// domain::blocking_keys of a person costs ~15 µs (ICU transliteration of both names). Names repeat, so the keys of
// each (last, first) pair are computed once without a birth date and completed with the birth year and date as
// domain/duplicates.hpp documents them ("l:<stem>:<year>", "b:<date>"). The first persons are checked against
// the real function; on any difference every person gets the real function.
class PersonKeys {
public:
  std::vector<std::string> operator()(const domain::PersonIdentity& person) {
    if (m_trusted || m_checked >= k_checks) {
      return m_trusted ? domain::blocking_keys(person) : derived(person);
    }
    ++m_checked;
    auto real = domain::blocking_keys(person);
    auto mine = derived(person);
    std::sort(real.begin(), real.end());
    std::sort(mine.begin(), mine.end());
    if (real != mine) {
      m_trusted = true;
    }
    return real;
  }

private:
  static constexpr int k_checks = 1000;

  std::vector<std::string> derived(const domain::PersonIdentity& person) {
    auto& base = m_memo[person.last_name + "|" + person.first_name];
    if (base.empty()) {
      base = domain::blocking_keys({"", person.last_name, person.first_name, "", std::nullopt, ""});
    }
    const std::string date = person.birth_date ? util::format_date(*person.birth_date) : std::string();
    std::vector<std::string> out;
    for (const auto& key : base) {
      out.push_back(key.starts_with("l:") && key.ends_with(":") ? key + date.substr(0, 4) : key);
    }
    if (!date.empty()) {
      out.push_back("b:" + date);
    }
    return out;
  }

  std::map<std::string, std::vector<std::string>> m_memo;
  int m_checked = 0;
  bool m_trusted = false; // true: derived keys differ, use the real function
};

// domain::person_search_terms, computed once per (last, first, patronymic) and completed with the birth-date term
// (documented as "YYYY-MM-DD"); checked against the real function like PersonKeys.
class PersonTerms {
public:
  std::vector<domain::SearchTerm> operator()(const std::string& last, const std::string& first,
                                             const std::string& patronymic, const std::string& birth) {
    if (m_trusted || m_checked >= k_checks) {
      return m_trusted ? domain::person_search_terms(last, first, patronymic, birth) : derived(last, first, patronymic, birth);
    }
    ++m_checked;
    auto real = domain::person_search_terms(last, first, patronymic, birth);
    auto mine = derived(last, first, patronymic, birth);
    auto order = [](const domain::SearchTerm& a, const domain::SearchTerm& b) {
      return std::pair(a.term, a.field) < std::pair(b.term, b.field);
    };
    std::sort(real.begin(), real.end(), order);
    std::sort(mine.begin(), mine.end(), order);
    if (real != mine) {
      m_trusted = true;
    }
    return real;
  }

private:
  static constexpr int k_checks = 1000;

  std::vector<domain::SearchTerm> derived(const std::string& last, const std::string& first,
                                          const std::string& patronymic, const std::string& birth) {
    auto& base = m_memo[last + "|" + first + "|" + patronymic];
    if (base.empty()) {
      base = domain::person_search_terms(last, first, patronymic, std::nullopt);
    }
    auto out = base;
    out.push_back({birth, domain::SearchField::birth_date});
    return out;
  }

  std::map<std::string, std::vector<domain::SearchTerm>> m_memo;
  int m_checked = 0;
  bool m_trusted = false;
};

// The members of a household who are children.
std::vector<std::string> children_of(const std::vector<Member>& members) {
  std::vector<std::string> out;
  for (const auto& m : members) {
    if (m.role == "child") {
      out.push_back(m.id);
    }
  }
  return out;
}

// A case being generated: what Generator::plan_case decided, then filled by the stages that write its rows.
struct CaseDraft {
  Centre* centre = nullptr;
  std::string household_id;
  std::string address;
  const std::vector<Member>* members = nullptr;
  const StateShare* share = nullptr; // the state drawn; `state` may differ (a full caseload, a closed unregistered)
  std::string state;
  std::string lead;
  std::string intensity; // "" when the case was never registered
  bool intensive = false;
  std::vector<std::pair<std::string, long long>> path; // state entered, on day (from today)
  long long opened = 0;
  long long state_on = 0;
  bool finished = false;
  long long work_end = 0;
  long long study = 0; // the day the assessment began (or the case opened)
  // Set by case_rows:
  std::string id;
  std::optional<std::string> planned_end;
  std::vector<std::string> team;
  std::optional<std::string> volunteer_record;

  std::optional<long long> entered(const std::string& st) const {
    for (const auto& [name, when] : path) {
      if (name == st) {
        return when;
      }
    }
    return std::nullopt;
  }
  // Visits, deliveries and referrals fall evenly over [work_start, work_start + work_span).
  long long work_start() const { return study + 1; }
  long long work_span() const { return std::max<long long>(1, work_end - work_start()); }
};

class Generator {
public:
  Generator(const RegionOptions& options, storage::bulk::Loader& loader)
      : m_options(options), m_loader(loader), m_rng(options.seed), m_dates(options.today),
        m_now(m_dates.at(0, 43200)) {
    declare_tables();
  }

  RegionSummary run();

private:
  void declare_tables();
  void units_and_staff();
  void network();
  // A household and, for some, its case: one function per stage, called in this order (the random sequence
  // depends on it).
  void household(long long index, Centre& centre);
  std::vector<Member> household_members();
  void household_rows(const Centre& centre, const std::string& household_id, const std::string& address,
                      bool with_case, const std::vector<Member>& members);
  CaseDraft plan_case(Centre& centre, const std::string& household_id, const std::string& address,
                      const std::vector<Member>& members);
  void case_rows(CaseDraft& draft);
  void consent(const CaseDraft& draft);
  void decisions(const CaseDraft& draft);
  void assessments(const CaseDraft& draft);
  void plans(const CaseDraft& draft);
  long long visits(const CaseDraft& draft);
  void aid(const CaseDraft& draft, long long visit_count);
  void contacts(const CaseDraft& draft);
  void extra_signals();
  void audit(const std::string& user, long long at, const char* action, const char* entity, const std::string& id);
  Member person(const Surname& surname, bool male, long long birth, const FirstName& father, std::string role);
  std::string staff_name() {
    const bool male = m_rng.chance(0.3);
    const auto& surname = m_rng.pick(k_surnames);
    const auto& father = m_rng.pick(k_male_names);
    return std::string(male ? surname.male : surname.female) + " " +
           std::string(male ? m_rng.pick(k_male_names).name : m_rng.pick(k_female_names)) + " " +
           std::string(male ? father.son : father.daughter);
  }
  const std::string& day(long long offset) { return m_dates.day(offset); }

  const RegionOptions& m_options;
  storage::bulk::Loader& m_loader;
  Rng m_rng;
  Dates m_dates;
  long long m_now;
  std::string m_password_hash;
  std::string m_region_id;
  std::string m_admin;
  std::vector<Centre> m_centres;
  RegionSummary m_summary;
  long long m_audit_seq = 0;
  std::string m_audit_hash = "genesis";
  PersonKeys m_person_keys_of;
  PersonTerms m_person_terms_of;

  Table* m_units = nullptr;
  Table* m_users = nullptr;
  Table* m_partners = nullptr;
  Table* m_volunteers = nullptr;
  Table* m_courses = nullptr;
  Table* m_volunteer_history = nullptr;
  Table* m_households = nullptr;
  Table* m_persons = nullptr;
  Table* m_person_keys = nullptr;
  Table* m_household_keys = nullptr;
  Table* m_search_terms = nullptr;
  Table* m_signals = nullptr;
  Table* m_cases = nullptr;
  Table* m_members = nullptr;
  Table* m_transitions = nullptr;
  Table* m_consents = nullptr;
  Table* m_decisions = nullptr;
  Table* m_assessments = nullptr;
  Table* m_agreements = nullptr;
  Table* m_plans = nullptr;
  Table* m_measures = nullptr;
  Table* m_visits = nullptr;
  Table* m_deliveries = nullptr;
  Table* m_referrals = nullptr;
  Table* m_referral_history = nullptr;
  Table* m_contacts = nullptr;
  Table* m_audit = nullptr;
};

void Generator::declare_tables() {
  // The column lists are storage::bulk::columns_of (storage/bulk_tables.hpp); the values below are added in their
  // order. Parents before children: the loader writes tables in this order.
  auto& l = m_loader;
  m_units = &l.table("units");
  m_users = &l.table("users");
  m_partners = &l.table("partners");
  m_volunteers = &l.table("volunteers");
  m_courses = &l.table("volunteer_courses");
  m_volunteer_history = &l.table("volunteer_status_history");
  m_households = &l.table("households");
  m_persons = &l.table("persons");
  m_person_keys = &l.table("person_keys");
  m_household_keys = &l.table("household_keys");
  m_search_terms = &l.table("search_terms");
  m_signals = &l.table("signals");
  m_cases = &l.table("cases");
  m_members = &l.table("case_members");
  m_transitions = &l.table("case_transitions");
  m_consents = &l.table("consents");
  m_decisions = &l.table("decisions");
  m_assessments = &l.table("assessments");
  m_agreements = &l.table("agreements");
  m_plans = &l.table("plans");
  m_measures = &l.table("plan_measures");
  m_visits = &l.table("visits");
  m_deliveries = &l.table("service_deliveries");
  m_referrals = &l.table("referrals");
  m_referral_history = &l.table("referral_history");
  m_contacts = &l.table("volunteer_contacts");
  m_audit = &l.table("audit_log");
}

void Generator::audit(const std::string& user, long long at, const char* action, const char* entity,
                      const std::string& id) {
  storage::AuditEntry e;
  e.seq = ++m_audit_seq;
  e.at = at;
  e.user_id = user;
  e.action = action;
  e.entity = entity;
  e.entity_id = id;
  e.address = "generator";
  e.request_id = "bench-generate";
  e.prev_hash = m_audit_hash;
  e.hash = storage::audit_hash(e, m_audit_hash);
  m_audit_hash = e.hash;
  m_audit->add({e.seq, e.at, e.user_id, e.action, e.entity, e.entity_id, e.address, e.request_id, e.details,
                e.prev_hash, e.hash});
}

void Generator::units_and_staff() {
  const double scale = static_cast<double>(m_options.households) / 1e6;
  const long long centres = std::max<long long>(2, std::llround(60 * scale));
  const long long districts = std::min<long long>(static_cast<long long>(k_towns.size()), centres);
  const long long staff = std::max<long long>(20, std::llround(2000 * scale));
  const long long created = m_dates.at(-3 * 365);

  m_region_id = m_rng.id();
  const std::string region_path = "/" + m_region_id + "/";
  m_units->add({m_region_id, Null{}, "Энская область", "region", region_path, created});
  std::vector<std::pair<std::string, std::string>> district_units;
  for (long long d = 0; d < districts; ++d) {
    const std::string id = m_rng.id();
    const std::string path = region_path + id + "/";
    const std::string name = std::string(k_towns[d].district) + " район";
    m_units->add({id, m_region_id, name, "district", path, created});
    district_units.emplace_back(id, path);
  }
  for (long long c = 0; c < centres; ++c) {
    const long long d = c % districts;
    Centre centre;
    centre.id = m_rng.id();
    centre.path = district_units[d].second + centre.id + "/";
    centre.town = &k_towns[d];
    const std::string name = "Центр социальной помощи семье и детям № " + std::to_string(c + 1);
    m_units->add({centre.id, district_units[d].first, name, "institution", centre.path, created});
    m_centres.push_back(std::move(centre));
  }
  m_summary.centres = centres;

  auto add_user = [&](const std::string& login, const char* role, const std::string& unit) {
    const std::string id = m_rng.id();
    m_users->add({id, login, staff_name(), role, unit, m_password_hash, 0LL, created, created});
    ++m_summary.staff;
    return id;
  };
  m_admin = add_user("admin", "admin", m_region_id);
  add_user("auditor", "auditor", m_region_id);
  // Per centre: a head, a secretary and a coordinator; the rest of the staff are specialists (60%), experts (25%)
  // and volunteers with an account (15%).
  const long long per_centre = std::max<long long>(6, (staff - 2) / centres);
  for (long long c = 0; c < centres; ++c) {
    auto& centre = m_centres[c];
    const std::string n = pad(c + 1, 3);
    centre.head = add_user("head-c" + n, "head", centre.id);
    centre.secretary = add_user("secretary-c" + n, "secretary", centre.id);
    centre.coordinator = add_user("coordinator-c" + n, "coordinator", centre.id);
    const long long rest = per_centre - 3;
    const long long specialists = std::max<long long>(2, std::llround(rest * 0.6));
    const long long experts = std::max<long long>(1, std::llround(rest * 0.25));
    const long long volunteers = std::max<long long>(1, rest - specialists - experts);
    for (long long i = 0; i < specialists; ++i) {
      const std::string login = "specialist-c" + n + "-" + pad(i + 1, 2);
      centre.specialists.push_back({add_user(login, "specialist", centre.id), login});
    }
    for (long long i = 0; i < experts; ++i) {
      const std::string login = "expert-c" + n + "-" + pad(i + 1, 2);
      centre.experts.push_back({add_user(login, "expert", centre.id), login});
    }
    for (long long i = 0; i < volunteers; ++i) {
      const std::string login = "volunteer-c" + n + "-" + pad(i + 1, 2);
      centre.volunteers.push_back({add_user(login, "volunteer", centre.id), login});
    }
    centre.intensive.assign(centre.specialists.size(), 0);
    centre.standard.assign(centre.specialists.size(), 0);
  }
}

// Partners and volunteers of every centre: a volunteer per ten expected cases, the account holders first.
void Generator::network() {
  const double cases_per_centre = static_cast<double>(m_options.households) * 0.05 / m_centres.size();
  const long long created = m_dates.at(-3 * 365);
  constexpr std::array<const char*, 6> k_skills{"homework", "reading", "sport", "repair", "cooking", "computers"};
  constexpr std::array<const char*, 6> k_interests{"chess", "drawing", "football", "music", "books", "gardening"};
  constexpr std::array<const char*, 4> k_slots{"tue.evening,thu.evening", "sat.morning,sun.morning",
                                               "mon.morning,wed.morning,fri.morning", "fri.evening,sat.afternoon"};
  constexpr std::array<const char*, 5> k_status{"active", "active", "trained", "paused", "candidate"};
  int partner_number = 1;
  for (auto& centre : m_centres) {
    for (size_t t = 0; t < k_partner_types.size(); ++t) {
      const std::string id = m_rng.id();
      const std::string name = k_partner_names[t] + std::to_string(partner_number++);
      const std::string address = std::string(centre.town->prefix) + ", " + std::string(m_rng.pick(centre.town->streets)) +
                                  ", д. " + std::to_string(m_rng.between(1, 90));
      m_partners->add({id, centre.id, name, k_partner_types[t], "+7 912 400-" + pad(m_rng.below(10000), 4), "",
                       address, staff_name(), centre.head, created, created});
      centre.partners.push_back(id);
    }
    const long long count = std::max<long long>(static_cast<long long>(centre.volunteers.size()) + 2,
                                                std::llround(cases_per_centre / 10));
    for (long long v = 0; v < count; ++v) {
      const bool account = v < static_cast<long long>(centre.volunteers.size());
      const bool male = m_rng.chance(0.3);
      const auto& surname = m_rng.pick(k_surnames);
      const auto& father = m_rng.pick(k_male_names);
      const std::string id = m_rng.id();
      const std::string status = account ? "active" : k_status[m_rng.below(k_status.size())];
      const std::string skills = std::string(m_rng.pick(k_skills)) + "," + m_rng.pick(k_skills);
      m_volunteers->add({id, centre.id, account ? Value{centre.volunteers[v].id} : Value{Null{}},
                         male ? surname.male : surname.female,
                         male ? m_rng.pick(k_male_names).name : m_rng.pick(k_female_names),
                         male ? father.son : father.daughter, day(-m_rng.between(18 * 365, 65 * 365)),
                         male ? "male" : "female", "+7 912 555-" + pad(m_rng.below(10000), 4), skills,
                         m_rng.pick(k_interests), m_rng.chance(0.2) ? "ru,en" : "ru",
                         centre.town->district, m_rng.pick(k_slots), centre.coordinator, status, day(-200),
                         centre.coordinator, created, created, 1LL});
      if (account) {
        centre.volunteer_records.push_back(id);
      }
      m_courses->add({m_rng.id(), id, "basics", "Основы добровольческой деятельности", 8LL, day(-300),
                      "ДОБ-" + pad(m_rng.below(100000), 5), centre.coordinator, created});
      if (status != "candidate") {
        m_courses->add({m_rng.id(), id, "child_protection", "Защита прав ребёнка и распознавание жестокого обращения",
                        12LL, day(-250), "ДОБ-" + pad(m_rng.below(100000), 5), centre.coordinator, created});
      }
      int ordinal = 1;
      m_volunteer_history->add({m_rng.id(), id, static_cast<long long>(ordinal++), "", "candidate", day(-330),
                                centre.coordinator, created});
      std::string from = "candidate";
      long long offset = -240;
      for (const char* to : {"trained", "active", "paused"}) {
        if (status == "candidate" || (status == "trained" && std::string(to) != "trained") ||
            (status == "active" && std::string(to) == "paused")) {
          break;
        }
        m_volunteer_history->add({m_rng.id(), id, static_cast<long long>(ordinal++), from, to, day(offset),
                                  centre.coordinator, m_dates.at(offset)});
        from = to;
        offset += 20;
      }
    }
  }
}

Member Generator::person(const Surname& surname, bool male, long long birth, const FirstName& father,
                         std::string role) {
  Member m;
  m.id = m_rng.id();
  m.male = male;
  m.last = std::string(male ? surname.male : surname.female);
  m.first = std::string(male ? m_rng.pick(k_male_names).name : m_rng.pick(k_female_names));
  m.patronymic = std::string(male ? father.son : father.daughter);
  m.birth = birth;
  m.role = std::move(role);
  return m;
}

// Households of every shape, 5% of them with a case: the household and its persons, then the case's stages.
void Generator::household(long long index, Centre& centre) {
  (void)index;
  const Town& town = *centre.town;
  const bool village = town.prefix.starts_with("с.");
  std::string address = std::string(town.prefix) + ", " + std::string(m_rng.pick(town.streets)) + ", д. " +
                        std::to_string(m_rng.between(1, village ? 60 : 120));
  if (!village && m_rng.chance(0.85)) {
    address += ", кв. " + std::to_string(m_rng.between(1, 240));
  }
  const std::string household_id = m_rng.id();
  const bool with_case = m_rng.chance(0.05);
  const auto members = household_members();
  household_rows(centre, household_id, address, with_case, members);
  if (with_case) {
    CaseDraft draft = plan_case(centre, household_id, address, members);
    case_rows(draft);
    consent(draft);
    decisions(draft);
    assessments(draft);
    plans(draft);
    const long long visit_count = visits(draft);
    aid(draft, visit_count);
    contacts(draft);
  }
}

// Composition: a couple with 1-3 children, a single mother with 1-2, a couple, one adult, or a grandparent with
// grandchildren.
std::vector<Member> Generator::household_members() {
  std::vector<Member> members;
  const auto& surname = m_rng.pick(k_surnames);
  const auto& husband_father = m_rng.pick(k_male_names);
  const long long shape = m_rng.below(100);
  const long long year = 365;
  auto add_children = [&](long long mother_birth, long long count, const FirstName& father) {
    for (long long i = 0; i < count; ++i) {
      const long long born = std::min<long long>(-30, mother_birth + m_rng.between(19 * year, 40 * year));
      members.push_back(person(surname, m_rng.chance(0.5), born, father, "child"));
    }
  };
  if (shape < 40) {
    const auto father = person(surname, true, -m_rng.between(24 * year, 55 * year), husband_father, "father");
    const auto& father_name = *std::find_if(k_male_names.begin(), k_male_names.end(),
                                            [&](const FirstName& f) { return f.name == father.first; });
    members.push_back(father);
    members.push_back(person(surname, false, father.birth + m_rng.between(-3 * year, 5 * year),
                             m_rng.pick(k_male_names), "mother"));
    add_children(members.back().birth, m_rng.between(1, 3), father_name);
    if (m_rng.chance(0.1)) {
      members.push_back(person(surname, false, father.birth - m_rng.between(22 * year, 30 * year),
                               m_rng.pick(k_male_names), "grandparent"));
    }
  } else if (shape < 65) {
    members.push_back(person(surname, false, -m_rng.between(19 * year, 45 * year), m_rng.pick(k_male_names), "mother"));
    add_children(members.back().birth, m_rng.between(1, 2), m_rng.pick(k_male_names));
  } else if (shape < 77) {
    members.push_back(person(surname, true, -m_rng.between(22 * year, 80 * year), husband_father, "father"));
    members.push_back(person(surname, false, members.back().birth + m_rng.between(-4 * year, 6 * year),
                             m_rng.pick(k_male_names), "mother"));
    members.back().role = "other";
    members.front().role = "other";
  } else if (shape < 90) {
    members.push_back(person(surname, m_rng.chance(0.35), -m_rng.between(20 * year, 90 * year),
                             m_rng.pick(k_male_names), "other"));
  } else {
    members.push_back(
        person(surname, false, -m_rng.between(50 * year, 75 * year), m_rng.pick(k_male_names), "grandparent"));
    const auto& father = m_rng.pick(k_male_names);
    for (long long i = 0, n = m_rng.between(1, 2); i < n; ++i) {
      members.push_back(person(surname, m_rng.chance(0.5), -m_rng.between(2 * year, 17 * year), father, "child"));
    }
  }
  return members;
}

// The household row, its persons, their duplicate keys and quick-search terms.
void Generator::household_rows(const Centre& centre, const std::string& household_id, const std::string& address,
                               bool with_case, const std::vector<Member>& members) {
  const long long year = 365;
  std::vector<std::string> categories;
  if (with_case) {
    categories.push_back(m_rng.pick(k_categories));
    if (m_rng.chance(0.4)) {
      categories.push_back("low_income");
    }
  } else if (m_rng.chance(0.1)) {
    categories.push_back("low_income");
  }
  std::sort(categories.begin(), categories.end());
  categories.erase(std::unique(categories.begin(), categories.end()), categories.end());
  const long long created = m_dates.at(-m_rng.between(0, 5 * 365));
  const std::string phone = "+7 9" + pad(m_rng.between(0, 99), 2) + " " + pad(m_rng.below(1000), 3) + "-" +
                            pad(m_rng.below(100), 2) + "-" + pad(m_rng.below(100), 2);
  m_households->add({household_id, centre.id, address, phone, join(categories), "", centre.head, created, created,
                     1LL});

  const std::string represents = join(children_of(members));
  std::vector<std::string> household_keys = domain::household_blocking_keys({household_id, address, {}});
  for (const auto& m : members) {
    const bool adult = m.role != "child";
    const std::string& birth = day(m.birth);
    const bool pregnant = !m.male && adult && m.birth > -40 * year && m.birth < -18 * year && m.role == "mother" &&
                          m_rng.chance(0.02);
    const bool school_age = !adult && m.birth < -7 * year;
    m_persons->add({m.id, household_id, m.last, m.first, m.patronymic, birth, m.male ? "male" : "female", m.role,
                    adult && m.role != "other" ? represents : std::string(), m_rng.chance(0.03) ? 1LL : 0LL,
                    pregnant ? 1LL : 0LL, pregnant ? Value{day(m_rng.between(10, 200))} : Value{Null{}},
                    school_age ? "Школа № " + std::to_string(m_rng.between(1, 40)) : std::string(),
                    adult ? (m_rng.chance(0.7) ? "работает" : "не работает") : "", adult ? phone : std::string(),
                    created, created, 1LL, Null{}});
    domain::PersonIdentity person_identity{m.id, m.last, m.first, m.patronymic, m_dates.date(m.birth), ""};
    // One key once per person; a household has its address keys and the keys of its members
    // (domain::household_blocking_keys).
    for (const auto& term : m_person_terms_of(m.last, m.first, m.patronymic, birth)) {
      m_search_terms->add({centre.id, term.term, household_id, m.id, domain::to_string(term.field)});
    }
    auto keys = m_person_keys_of(person_identity);
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    for (const auto& key : keys) {
      m_person_keys->add({m.id, key});
    }
    household_keys.insert(household_keys.end(), keys.begin(), keys.end());
  }
  for (const auto& term : domain::household_search_terms(address)) {
    m_search_terms->add({centre.id, term.term, household_id, "", domain::to_string(term.field)});
  }
  std::sort(household_keys.begin(), household_keys.end());
  household_keys.erase(std::unique(household_keys.begin(), household_keys.end()), household_keys.end());
  for (const auto& key : household_keys) {
    m_household_keys->add({household_id, key});
  }
  ++m_summary.households;
  m_summary.persons += static_cast<long long>(members.size());
}

// The state (by the shares of k_states), the lead, the intensity and the timeline of a new case.
CaseDraft Generator::plan_case(Centre& centre, const std::string& household_id, const std::string& address,
                               const std::vector<Member>& members) {
  CaseDraft draft;
  draft.centre = &centre;
  draft.household_id = household_id;
  draft.address = address;
  draft.members = &members;
  double roll = static_cast<double>(m_rng.below(1000000)) / 1e6;
  size_t s = 0;
  while (s + 1 < k_states.size() && roll >= k_states[s].share) {
    roll -= k_states[s].share;
    ++s;
  }
  draft.share = &k_states[s];
  std::string state = k_states[s].state;
  const bool was_registered = state == "active" || state == "closing" || state == "supervision" ||
                              (state == "closed" && m_rng.chance(0.85));
  const bool open_registered = state == "active" || state == "closing";

  // SPEC §3 caseload: a lead has at most 2 intensive and 15 standard open (active, closing) cases; a case that
  // finds every lead of its centre full is placed in supervision instead.
  size_t lead_index = centre.next_lead++ % centre.specialists.size();
  std::string intensity;
  if (was_registered) {
    intensity = "standard";
    if (open_registered) {
      bool placed = false;
      for (size_t tries = 0; tries < centre.specialists.size() && !placed; ++tries) {
        const size_t i = (lead_index + tries) % centre.specialists.size();
        if (centre.intensive[i] < 2) {
          ++centre.intensive[i];
          intensity = "intensive";
          placed = true;
        } else if (centre.standard[i] < 13) {
          ++centre.standard[i];
          placed = true;
        }
        if (placed) {
          lead_index = i;
        }
      }
      if (!placed) {
        state = "supervision";
      }
    } else if (m_rng.chance(0.2)) {
      intensity = "intensive";
    }
  }
  draft.lead = centre.specialists[lead_index].id;
  draft.intensity = intensity;
  draft.intensive = intensity == "intensive";

  // The timeline, days from today: each phase lasts its time; the current one has lasted part of it.
  const std::vector<std::string> order{"signal", "assessment", "awaiting_decision", "active", "closing",
                                       "supervision", "closed"};
  std::vector<long long> lasts{m_rng.between(0, 3), m_rng.between(14, 45), m_rng.between(7, 30),
                               draft.intensive ? m_rng.between(120, 270) : m_rng.between(180, 720),
                               m_rng.between(14, 45), m_rng.between(90, 365)};
  std::vector<std::string> states;
  if (state == "rejected") {
    states = {"signal", "assessment", "rejected"};
  } else {
    for (const auto& st : order) {
      states.push_back(st);
      if (st == state) {
        break;
      }
    }
    if (state == "closed" && !was_registered) {
      states = {"signal", "assessment", "awaiting_decision", "rejected"};
      state = "rejected";
    } else if (state == "closed" && m_rng.chance(0.3)) {
      states = {"signal", "assessment", "awaiting_decision", "active", "closing", "closed"};
    }
  }
  long long elapsed_current = 0;
  if (state == "closed" || state == "rejected") {
    elapsed_current = m_rng.between(1, 1500);
  } else if (state == "active") {
    elapsed_current = m_rng.between(0, lasts[3] - 1);
  } else if (state == "supervision") {
    elapsed_current = m_rng.between(0, 330);
  } else {
    elapsed_current = m_rng.between(0, 28);
  }
  auto phase_of = [&](const std::string& st) {
    const auto found = std::find(order.begin(), order.end(), st);
    const size_t phase = found == order.end() ? 1 : static_cast<size_t>(found - order.begin());
    return lasts[std::min(phase, lasts.size() - 1)];
  };
  long long total = elapsed_current;
  for (size_t i = 0; i + 1 < states.size(); ++i) {
    total += phase_of(states[i]);
  }
  long long on = -total;
  for (size_t i = 0; i < states.size(); ++i) {
    draft.path.emplace_back(states[i], on);
    if (i + 1 < states.size()) {
      on += phase_of(states[i]);
    }
  }
  draft.state = state;
  draft.opened = draft.path.front().second;
  draft.state_on = draft.path.back().second;
  draft.finished = state == "closed" || state == "rejected";
  draft.work_end = draft.finished ? draft.state_on : -m_rng.between(0, 40);
  draft.study = draft.entered("assessment").value_or(draft.opened);
  return draft;
}

// The signal that opened the case, the case, its team and its transitions.
void Generator::case_rows(CaseDraft& draft) {
  const Centre& centre = *draft.centre;
  const std::string& lead = draft.lead;
  draft.id = m_rng.id();
  const std::string signal_id = m_rng.id();
  const long long received = m_dates.at(draft.opened, m_rng.between(8 * 3600, 18 * 3600));
  const long long urgency_roll = m_rng.below(10);
  const char* urgency = urgency_roll == 0 ? "emergency" : urgency_roll < 4 ? "urgent" : "routine";
  const auto deadline = domain::response_deadline(util::Timestamp{std::chrono::seconds{received}},
                                                  domain::parse_urgency(urgency).value_or(domain::Urgency::routine),
                                                  domain::SignalSettings{});
  std::string persons_text;
  for (const auto& m : *draft.members) {
    persons_text += (persons_text.empty() ? "" : ", ") + m.last + " " + m.first;
  }
  m_signals->add({signal_id, centre.id, received, m_rng.pick(k_sources), "", m_rng.pick(k_reported), draft.address,
                  persons_text, urgency, static_cast<long long>(deadline.time_since_epoch().count()),
                  draft.household_id, "open_case", "Основания для открытия случая", received + 3600, lead, draft.id,
                  lead, received});

  if (const auto active_on = draft.entered("active")) {
    draft.planned_end = day(*active_on + (draft.intensive ? 182 : 365));
  }
  const long long created = m_dates.at(draft.opened, 40000);
  m_cases->add({draft.id, centre.id, draft.household_id, signal_id, draft.state, day(draft.state_on), day(draft.opened),
                draft.intensity.empty() ? Value{Null{}} : Value{draft.intensity},
                draft.planned_end ? Value{*draft.planned_end} : Value{Null{}}, lead, "", created,
                m_dates.at(draft.state_on, 50000), static_cast<long long>(draft.path.size())});
  ++m_summary.cases;
  m_members->add({draft.id, lead, "lead", created});
  draft.team = {lead};
  if (m_rng.chance(0.4)) {
    const auto& expert = m_rng.pick(centre.experts);
    m_members->add({draft.id, expert.id, "expert", created + 3600});
    draft.team.push_back(expert.id);
  }
  if (draft.state == "active" && !centre.volunteers.empty() && m_rng.chance(0.3)) {
    const size_t v = draft.centre->next_volunteer++ % centre.volunteers.size();
    m_members->add({draft.id, centre.volunteers[v].id, "volunteer", created + 7200});
    draft.volunteer_record = centre.volunteer_records[v];
  }
  audit(lead, created, "case.open", "case", draft.id);

  std::string from;
  long long ordinal = 1;
  for (const auto& [to, when] : draft.path) {
    m_transitions->add({m_rng.id(), draft.id, ordinal++, from, to, m_dates.at(when, 41000), day(when), lead,
                        ordinal == 2 ? "case.opened" : "Переход по плану работы", ""});
    from = to;
  }
}

// Consent of the first adult for the children (SPEC §3: needed before registration).
void Generator::consent(const CaseDraft& draft) {
  const Member* signer = nullptr;
  for (const auto& m : *draft.members) {
    if (m.role != "child" && signer == nullptr) {
      signer = &m;
    }
  }
  if (const auto awaiting = draft.entered("awaiting_decision"); awaiting && signer != nullptr) {
    const long long signed_on = *awaiting - m_rng.between(1, 5);
    const bool limited = m_rng.chance(0.3);
    m_consents->add({m_rng.id(), draft.id, signer->id, join(children_of(*draft.members)), "patronage",
                     day(signed_on), limited ? Value{day(signed_on + 365)} : Value{Null{}}, Null{}, Null{},
                     draft.lead, m_dates.at(signed_on)});
  }
}

// Decisions of the council (SPEC §6).
void Generator::decisions(const CaseDraft& draft) {
  const Centre& centre = *draft.centre;
  int protocol = static_cast<int>(m_rng.between(1, 400));
  auto decide = [&](const char* kind, long long when, const std::string& grounds) {
    const std::string id = m_rng.id();
    const long long at = m_dates.at(when, 50000);
    const bool registers = std::string(kind) == "register_case";
    m_decisions->add({id, draft.id, "council", day(when), std::to_string(protocol++) + "/" + day(when).substr(0, 4),
                      "Председатель совета,Секретарь совета,Психолог", kind,
                      registers ? "psychological,pedagogical,economic" : "",
                      registers ? Value{draft.lead} : Value{Null{}}, registers ? join(draft.team) : std::string(),
                      grounds, registers ? Value{draft.intensity} : Value{Null{}},
                      registers && draft.planned_end ? Value{*draft.planned_end} : Value{Null{}}, Null{}, 1LL, at,
                      centre.secretary, centre.secretary, at});
  };
  if (const auto active_on = draft.entered("active")) {
    decide("register_case", *active_on, "Семья находится в трудной жизненной ситуации; согласие получено.");
  }
  if (const auto closing_on = draft.entered("closing")) {
    decide("remove_from_register", *closing_on, "Итоговый анализ: положительная динамика по карте изменений.");
  }
  if (const auto supervision_on = draft.entered("supervision")) {
    decide("move_to_supervision", *supervision_on, "Сопровождение после патроната");
  }
  if (draft.state == "rejected") {
    decide("refuse_registration", draft.state_on, "Нет оснований для патроната");
  }
}

// Assessments (SPEC §5): an inspection at the start, needs at the start and every 90 days, and at closing.
void Generator::assessments(const CaseDraft& draft) {
  const std::string& lead = draft.lead;
  const long long study = draft.study;
  int severity = static_cast<int>(m_rng.between(1, 3));
  const bool critical_now = !draft.finished && m_rng.chance(0.03);
  if (draft.state == "signal") {
    return;
  }
  m_assessments->add({m_rng.id(), draft.id, "inspection", day(study + 2), lead,
                      "{\"dwelling_type\":\"квартира в многоквартирном доме\",\"rooms\":2,\"residents\":" +
                          std::to_string(draft.members->size()) + ",\"conclusion\":\"Условия удовлетворительные\"}",
                      "{}", m_dates.at(study + 2)});
  long long on_day = study + 5;
  const long long last_day = std::min<long long>(draft.work_end, 0);
  while (on_day <= last_day) {
    const bool last = on_day + 90 > last_day;
    std::string data = "{\"scores\":[";
    bool first = true;
    for (const auto risk_domain : domain::k_risk_domains) {
      const std::string code(domain::to_string(risk_domain));
      int score = std::clamp(severity + static_cast<int>(m_rng.between(-2, 1)), 0, 3);
      if (last && critical_now && code == "child_safety") {
        score = 3;
      }
      data += std::string(first ? "" : ",") + "{\"domain\":\"" + code + "\",\"score\":" + std::to_string(score) +
              ",\"note\":\"\"}";
      first = false;
    }
    data += "]}";
    m_assessments->add({m_rng.id(), draft.id, "needs", day(on_day), lead, data, "{}", m_dates.at(on_day)});
    if (m_rng.chance(0.4)) {
      severity = std::max(0, severity - 1);
    }
    on_day += 90;
  }
}

// Agreement and plans (SPEC §7) of a registered case: a new version every 180 days, the last one current.
void Generator::plans(const CaseDraft& draft) {
  const auto active_on = draft.entered("active");
  if (!active_on) {
    return;
  }
  const std::string& lead = draft.lead;
  m_agreements->add({m_rng.id(), draft.id, day(*active_on), day(*active_on), day(*active_on + 365),
                     "Соглашение о социальном патронате", lead, m_dates.at(*active_on)});
  std::string previous;
  std::string plan_id = m_rng.id();
  const long long plans_end = std::min<long long>(draft.work_end, 0);
  int number = 1;
  for (long long from_day = *active_on; from_day <= plans_end || number == 1; from_day += 180, ++number) {
    // The current version is the one nobody superseded.
    const bool current = from_day + 180 > plans_end;
    const std::string next_id = current ? std::string() : m_rng.id();
    const long long approved = m_dates.at(from_day + 2);
    m_plans->add({plan_id, draft.id, static_cast<long long>(number), previous.empty() ? Value{Null{}} : Value{previous},
                  current ? Value{Null{}} : Value{next_id}, day(from_day), day(from_day + 179), day(from_day + 90),
                  draft.intensive ? "short" : "long",
                  "[{\"id\":\"g1\",\"text\":\"Стабильный доход семьи\",\"domain\":\"income\"},"
                  "{\"id\":\"g2\",\"text\":\"Безопасные условия для детей\",\"domain\":\"child_safety\"}]",
                  approved, draft.centre->head, lead, m_dates.at(from_day), approved, 2LL});
    for (long long m = 0; m < 4; ++m) {
      const long long due = from_day + 20 + m * 40;
      std::string status = "done";
      if (current && !draft.finished) {
        status = due < -10 ? (m_rng.chance(0.7) ? "done" : "in_progress") : "planned";
      } else if (m_rng.chance(0.15)) {
        status = "not_done";
      }
      m_measures->add({m_rng.id(), plan_id, draft.id, m, m % 2 == 0 ? "g1" : "g2", m_rng.pick(k_types),
                       m_rng.pick(k_measures), "specialist", "ведущий специалист", day(due), status,
                       status == "done" ? "Выполнено" : "", approved, lead});
    }
    previous = plan_id;
    plan_id = next_id;
  }
}

// Visits (SPEC §8): evenly over the time of work, a few missed, the next one planned for an open case. Returns how
// many were made or missed (not counting the planned one).
long long Generator::visits(const CaseDraft& draft) {
  const std::string& lead = draft.lead;
  const long long visits_target = draft.state == "rejected" ? 2 : draft.share->visits;
  const long long count = visits_target == 0 ? 0 : m_rng.between(visits_target / 2, visits_target * 3 / 2);
  const long long start = draft.work_start();
  const long long span = draft.work_span();
  for (long long v = 0; v < count; ++v) {
    const long long when = start + span * v / std::max<long long>(1, count);
    const bool missed = m_rng.chance(0.05);
    const bool home = m_rng.below(10) < 7;
    const bool concern = !missed && home && m_rng.chance(0.005);
    const long long at = m_dates.at(when, 54000);
    m_visits->add({m_rng.id(), draft.id, day(when), missed ? Value{Null{}} : Value{day(when)},
                   home ? "home" : (m_rng.chance(0.5) ? "phone" : "office"), lead, m_rng.pick(k_purposes),
                   missed ? "" : m_rng.pick(k_homes), missed ? "" : "Отношения в семье ровные",
                   home && !missed ? 1LL : 0LL, concern ? 1LL : 0LL,
                   concern ? "Синяк на руке у ребёнка, объяснения противоречивы" : "",
                   missed ? "" : "Беседа, рекомендации", "Повторное посещение по графику",
                   draft.finished && v + 1 == count && draft.state == "closed" ? 1LL : 0LL,
                   missed ? Value{"Семья не открыла дверь"} : Value{Null{}}, lead, at, at, 1LL});
    ++m_summary.visits;
  }
  if (!draft.finished && draft.state != "signal" && m_rng.chance(0.7)) {
    const long long when = m_rng.between(1, 14);
    m_visits->add({m_rng.id(), draft.id, day(when), Null{}, "home", lead, "Плановое посещение", "", "", 0LL, 0LL, "",
                   "", "", 0LL, Null{}, lead, m_now, m_now, 1LL});
    ++m_summary.visits;
  }
  return count;
}

// Services and aid (SPEC §8) of a registered case: one delivery per 25 visits; referrals to partners with their
// history (SPEC §9).
void Generator::aid(const CaseDraft& draft, long long visit_count) {
  if (!draft.entered("active")) {
    return;
  }
  const std::string& lead = draft.lead;
  const long long start = draft.work_start();
  const long long span = draft.work_span();
  for (long long d = 0; d < visit_count / 25; ++d) {
    const long long when = start + span * d / std::max<long long>(1, visit_count / 25);
    const char* code = m_rng.pick(k_services);
    const bool costly = std::string(code) == "food_sets" || std::string(code) == "hot_meals";
    m_deliveries->add({m_rng.id(), draft.id, code, day(when), m_rng.between(1, 3), costly ? "set" : "session", "ЦСО",
                       costly ? Value{m_rng.between(50000, 300000)} : Value{Null{}}, lead, m_dates.at(when)});
  }
  for (long long r = 0, n = m_rng.between(1, 3); r < n; ++r) {
    const std::string referral_id = m_rng.id();
    const long long sent = start + m_rng.below(span);
    const bool open = !draft.finished && sent > -60;
    const std::string status = open ? (m_rng.chance(0.5) ? "sent" : "in_progress") : "done";
    m_referrals->add({referral_id, draft.id, m_rng.pick(draft.centre->partners), "Консультация специалиста",
                      day(sent), day(sent + 30), status, status == "done" ? "Помощь оказана" : "", lead,
                      m_dates.at(sent), m_dates.at(sent + 5)});
    m_referral_history->add({m_rng.id(), referral_id, 1LL, "", "sent", day(sent), "", lead, m_dates.at(sent)});
    if (status != "sent") {
      m_referral_history->add({m_rng.id(), referral_id, 2LL, "sent", "in_progress", day(sent + 3), "", lead,
                               m_dates.at(sent + 3)});
    }
    if (status == "done") {
      m_referral_history->add({m_rng.id(), referral_id, 3LL, "in_progress", "done", day(sent + 20), "Помощь оказана",
                               lead, m_dates.at(sent + 20)});
    }
  }
}

// A volunteer's weekly contacts with a ward of theirs (SPEC §9).
void Generator::contacts(const CaseDraft& draft) {
  if (!draft.volunteer_record) {
    return;
  }
  for (long long c = 0; c < 20; ++c) {
    const long long when = -c * 7 - m_rng.between(0, 6);
    m_contacts->add({m_rng.id(), *draft.volunteer_record, draft.id, day(when), m_rng.between(30, 120),
                     "Помощь с уроками, прогулка", draft.lead, m_dates.at(when)});
  }
}

// Signals that opened no case: triaged otherwise, and a few waiting for triage (the work lists show them).
void Generator::extra_signals() {
  const long long triaged = std::max<long long>(10, m_summary.cases / 5);
  const long long waiting = std::max<long long>(5, m_summary.cases / 100);
  constexpr std::array<const char*, 3> k_outcomes{"consultation_only", "forward_to_agency", "no_grounds"};
  for (long long i = 0; i < triaged + waiting; ++i) {
    const auto& centre = m_centres[m_rng.below(m_centres.size())];
    const bool open = i >= triaged;
    const long long received = open ? m_now - m_rng.between(600, 3 * k_day) : m_dates.at(-m_rng.between(1, 1800));
    const long long urgency_roll = m_rng.below(10);
    const char* urgency = urgency_roll == 0 ? "emergency" : urgency_roll < 4 ? "urgent" : "routine";
    const auto deadline = domain::response_deadline(util::Timestamp{std::chrono::seconds{received}},
                                                    domain::parse_urgency(urgency).value_or(domain::Urgency::routine),
                                                    domain::SignalSettings{});
    const std::string address = std::string(centre.town->prefix) + ", " + std::string(m_rng.pick(centre.town->streets)) +
                                ", д. " + std::to_string(m_rng.between(1, 120));
    const std::string& by = centre.specialists.front().id;
    m_signals->add({m_rng.id(), centre.id, received, m_rng.pick(k_sources), "", m_rng.pick(k_reported), address, "",
                    urgency, static_cast<long long>(deadline.time_since_epoch().count()), Null{},
                    open ? Value{Null{}} : Value{m_rng.pick(k_outcomes)}, open ? "" : "Решение по обращению",
                    open ? Value{Null{}} : Value{received + 7200}, open ? Value{Null{}} : Value{by}, "", by,
                    received});
  }
}

RegionSummary Generator::run() {
  // One hash for every account (argon2id is ~60 ms; a million users would not be hashed one by one).
  m_password_hash = util::hash_password(m_options.password);
  units_and_staff();
  network();
  const long long total = m_options.households;
  const long long centres = static_cast<long long>(m_centres.size());
  for (long long i = 0; i < total; ++i) {
    // Households of a centre are contiguous, as an import by district would be.
    household(i, m_centres[std::min(centres - 1, i * centres / total)]);
    if (m_options.progress && (i % 2000 == 0 || i + 1 == total)) {
      m_options.progress(static_cast<double>(i + 1) / static_cast<double>(total), m_loader.rows());
    }
  }
  extra_signals();
  audit("cli", m_now, "bench.generate", "database", "");
  m_summary.rows = m_loader.rows();
  return m_summary;
}

} // namespace

std::string staff_login_scheme() {
  return "admin, auditor (region); per centre NNN = 001..: head-cNNN, secretary-cNNN, coordinator-cNNN, "
         "specialist-cNNN-MM, expert-cNNN-MM, volunteer-cNNN-MM (MM = 01..)";
}

util::Result<RegionSummary> generate_region(const RegionOptions& options) {
  std::error_code ignored;
  for (const char* suffix : {"", "-wal", "-shm"}) {
    std::filesystem::remove(options.out + suffix, ignored);
  }
  const std::string url = "sqlite:" + options.out;
  {
    storage::DatabaseOptions single;
    single.pool_size = 1;
    auto db = storage::Database::open(url, single);
    if (!db) {
      return util::fail(db.error());
    }
    if (auto migrated = (*db)->migrate(); !migrated) {
      return util::fail(migrated.error());
    }
  }
  storage::bulk::Options bulk;
  bulk.unsafe_fast = options.unsafe_fast;
  bulk.defer_checks = options.unsafe_fast;
  // Big transactions and a big cache: every commit writes (and sorts) each dirty page once, and the random-key
  // indexes (search terms, match keys, ids) dirty a page per row, so 50k-row commits rewrote the same pages
  // over and over (perf: sqlite3PcacheDirtyList and page copies grew with the database).
  bulk.rows_per_commit = 4'000'000;
  bulk.cache_kib = 6LL * 1024 * 1024;
  auto loader = storage::bulk::Loader::open(url, bulk);
  if (!loader) {
    return util::fail(loader.error());
  }
  Generator generator(options, **loader);
  auto summary = generator.run();
  // The chain head follows the last entry, so `patronage audit verify` passes on the generated database.
  auto head = (*loader)->execute("UPDATE audit_head SET seq = (SELECT MAX(seq) FROM audit_log), hash = (SELECT hash "
                                 "FROM audit_log ORDER BY seq DESC LIMIT 1) WHERE id = 1");
  if (!head) {
    return util::fail(head.error());
  }
  if (auto done = (*loader)->finish(); !done) {
    return util::fail(done.error());
  }
  return summary;
}

} // namespace patronage::bench
