#include "demo/casework.hpp"

#include <array>
#include <map>
#include <string_view>

#include <boost/json.hpp>

#include "domain/risk.hpp"
#include "storage/aid.hpp"
#include "storage/assessments.hpp"
#include "storage/plans.hpp"
#include "util/crypto.hpp"

namespace patronage::demo {
namespace {

struct DemoNeeds {
  int family;
  int days_ago;
  std::map<std::string, int> scores; // the domains not named score `others`
  int others;
};

// Family 0 (intensive): high (housing at 3), then medium two weeks ago, before the visit with a child-safety
// concern; family 1: high, then medium; family 4 (closing): high, then low; family 9: one medium assessment.
const std::array<DemoNeeds, 7> k_needs{{
    {0, 60, {{"child_safety", 2}, {"housing", 3}, {"income", 2}, {"parenting", 2}}, 1},
    {0, 14, {{"housing", 2}, {"income", 1}, {"parenting", 1}, {"child_safety", 1}}, 0},
    {1, 70, {{"income", 3}, {"employment", 2}, {"parenting", 2}}, 1},
    {1, 40, {{"income", 2}, {"employment", 1}, {"parenting", 1}}, 1},
    {4, 90, {{"housing", 2}, {"income", 3}, {"employment", 2}}, 1},
    {4, 20, {{"income", 1}}, 0},
    {9, 30, {{"social_ties", 2}, {"education", 2}, {"income", 1}}, 0},
}};

const std::map<std::string, std::string> k_notes{
    {"child_safety", "Дети часто остаются одни"}, {"housing", "Не работает отопление в одной комнате"},
    {"income", "Доход ниже прожиточного минимума"}, {"employment", "Мать не работает"},
    {"parenting", "Нет режима дня у детей"},       {"social_ties", "Нет родственников рядом"},
    {"education", "Пропуски занятий"},
};

std::string day_of(util::Date today, int offset) { return util::format_date(today + std::chrono::days{offset}); }

void add_assessment(storage::Tx& tx, const storage::CaseRecord& record, const std::string& kind,
                    const std::string& on, const boost::json::object& data, long long now) {
  storage::AssessmentRecord row{util::random_id(), record.id, kind, on, *record.lead_id,
                                boost::json::serialize(data), "{}", now};
  storage::insert_assessment(tx, row);
}

void add_needs(storage::Tx& tx, const storage::CaseRecord& record, const DemoNeeds& needs, util::Date today,
               long long now) {
  boost::json::array scores;
  for (const auto risk_domain : domain::k_risk_domains) {
    const std::string code(domain::to_string(risk_domain));
    const auto found = needs.scores.find(code);
    const int score = found == needs.scores.end() ? needs.others : found->second;
    const auto note = k_notes.find(code);
    scores.push_back({{"domain", code},
                      {"score", score},
                      {"note", score >= 2 && note != k_notes.end() ? note->second : std::string()}});
  }
  add_assessment(tx, record, "needs", day_of(today, -needs.days_ago), {{"scores", std::move(scores)}},
                 now - 86400LL * needs.days_ago);
}

void add_first_family_diagnosis(storage::Tx& tx, const storage::CaseRecord& record,
                                const std::vector<std::string>& persons, util::Date today, long long now) {
  add_assessment(tx, record, "inspection", day_of(today, -62),
                 {{"dwelling_type", "квартира в многоквартирном доме"},
                  {"ownership", "социальный наём"},
                  {"rooms", 2},
                  {"area_m2", 46.5},
                  {"residents", 3},
                  {"utilities", {{"water", true}, {"heating", false}, {"sewage", true}, {"electricity", true}}},
                  {"sanitary_state", "удовлетворительное, в детской комнате сырость"},
                  {"food", "запас продуктов на 2–3 дня"},
                  {"sleeping_places", "у детей одна кровать на двоих"},
                  {"study_places", "письменного стола нет"},
                  {"conclusion", "Условия проживания требуют ремонта отопления и второго спального места"}},
                 now - 86400LL * 62);
  boost::json::array nodes{{{"id", "mother"}, {"label", "Татьяна (мать)"}, {"kind", "member"}},
                           {{"id", "school"}, {"label", "Школа № 7"}, {"kind", "organisation"}},
                           {{"id", "clinic"}, {"label", "Детская поликлиника № 2"}, {"kind", "organisation"}},
                           {{"id", "grandmother"}, {"label", "Бабушка (живёт в с. Луговое)"}, {"kind", "person"}},
                           {{"id", "ex_husband"}, {"label", "Бывший муж"}, {"kind", "person"}}};
  if (!persons.empty()) {
    nodes[0].as_object()["person_id"] = persons.front();
  }
  boost::json::array ties{
      {{"from", "mother"}, {"to", "school"}, {"strength", "weak"}, {"support", "from"}},
      {{"from", "mother"}, {"to", "clinic"}, {"strength", "weak"}, {"support", "none"}},
      {{"from", "grandmother"}, {"to", "mother"}, {"strength", "strong"}, {"support", "to"}},
      {{"from", "ex_husband"}, {"to", "mother"}, {"strength", "stressful"}, {"support", "none"}}};
  add_assessment(tx, record, "ecomap", day_of(today, -58), {{"nodes", std::move(nodes)}, {"ties", std::move(ties)}},
                 now - 86400LL * 58);
}

// An approved plan for an active case: a measure done, one overdue, one due within a week.
// The specialist measures name the case's lead and the demo's psychologist (`expert`), so the plan shows names.
void add_plan(storage::Tx& tx, const storage::CaseRecord& record, const std::string& head, const std::string& expert,
              util::Date today, long long now) {
  storage::PlanRecord plan;
  plan.id = util::random_id();
  plan.case_id = record.id;
  plan.number = 1;
  plan.period_from = day_of(today, -30);
  plan.period_to = day_of(today, 150);
  plan.review_on = day_of(today, 60);
  plan.term = "short";
  plan.goals = boost::json::serialize(boost::json::array{
      {{"id", "g1"}, {"text", "Безопасные условия проживания детей"}, {"domain", "housing"}},
      {{"id", "g2"}, {"text", "Стабильный доход семьи"}, {"domain", "income"}}});
  plan.created_by = *record.lead_id;
  plan.created_at = now - 86400LL * 30;
  plan.updated_at = now - 86400LL * 28;
  storage::insert_plan(tx, plan);
  storage::approve_plan(tx, plan.id, head, now - 86400LL * 28);
  struct DemoMeasure {
    const char* goal;
    const char* type;
    const char* what;
    const char* responsible_kind;
    const char* responsible_ref; // "lead", "expert": that user's id; else free text
    int due;
    const char* status;
    const char* result;
  };
  static const std::array<DemoMeasure, 3> k_measures{{
      {"g2", "economic", "Оформление пособия на детей через МФЦ", "family", "мать", -20, "done",
       "Пособие назначено с 1-го числа"},
      {"g1", "economic", "Заявка в управляющую компанию на ремонт отопления", "specialist", "lead", -4, "in_progress",
       ""},
      {"g1", "psychological", "Консультация психолога для матери", "specialist", "expert", 3, "planned", ""},
  }};
  int ordinal = 0;
  for (const auto& m : k_measures) {
    storage::MeasureRecord measure;
    measure.id = util::random_id();
    measure.plan_id = plan.id;
    measure.case_id = record.id;
    measure.ordinal = ordinal++;
    measure.goal_id = m.goal;
    measure.patronage_type = m.type;
    measure.what = m.what;
    measure.responsible_kind = m.responsible_kind;
    const std::string_view ref = m.responsible_ref;
    measure.responsible_ref = ref == "lead" ? *record.lead_id : ref == "expert" ? expert : std::string(ref);
    measure.due_on = day_of(today, m.due);
    measure.status = m.status;
    measure.result = m.result;
    measure.updated_at = now;
    measure.updated_by = *record.lead_id;
    storage::insert_measure(tx, measure);
  }
}

void add_deliveries(storage::Tx& tx, const storage::CaseRecord& record, int index, util::Date today, long long now) {
  struct DemoDelivery {
    int family;
    const char* code;
    int days_ago;
    long long quantity;
    const char* unit;
    const char* provider;
    long long cost; // kopecks, 0: unknown
  };
  static const std::array<DemoDelivery, 6> k_deliveries{{
      {0, "food_sets", 25, 2, "set", "ЦСО «Надежда»", 300000},
      {0, "consultation", 12, 1, "session", "Психолог центра", 0},
      {1, "consultation", 30, 2, "session", "Юрист центра", 0},
      {4, "food_sets", 60, 1, "set", "АНО «Семейный очаг»", 150000},
      {4, "consultation", 45, 1, "session", "Психолог центра", 0},
      {9, "food_sets", 3, 1, "set", "АНО «Семейный очаг»", 150000},
  }};
  for (const auto& d : k_deliveries) {
    if (d.family != index) {
      continue;
    }
    storage::DeliveryRecord row;
    row.id = util::random_id();
    row.case_id = record.id;
    row.service_code = d.code;
    row.delivered_on = day_of(today, -d.days_ago);
    row.quantity = d.quantity;
    row.unit = d.unit;
    row.provider = d.provider;
    if (d.cost > 0) {
      row.cost = d.cost;
    }
    row.created_by = *record.lead_id;
    row.created_at = now - 86400LL * d.days_ago;
    storage::insert_delivery(tx, row);
  }
}

} // namespace

void add_casework(storage::Tx& tx, const storage::CaseRecord& record, domain::CaseState state, int index,
                  const std::vector<std::string>& persons, const std::string& head, const std::string& expert,
                  util::Date today, long long now) {
  if (!record.lead_id) {
    return;
  }
  for (const auto& needs : k_needs) {
    if (needs.family == index) {
      add_needs(tx, record, needs, today, now);
    }
  }
  if (index == 0) {
    add_first_family_diagnosis(tx, record, persons, today, now);
  }
  if (state == domain::CaseState::active) {
    add_plan(tx, record, head, expert, today, now);
  }
  add_deliveries(tx, record, index, today, now);
}

} // namespace patronage::demo
