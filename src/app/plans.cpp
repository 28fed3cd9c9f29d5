#include "app/plans.hpp"

#include <algorithm>
#include <set>

#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "app/audit_trail.hpp"
#include "app/case_access.hpp"
#include "app/clock.hpp"
#include "app/diagnosis_access.hpp"
#include "app/partners.hpp"
#include "app/volunteers.hpp"
#include "domain/decision.hpp"
#include "domain/month_arithmetic.hpp"
#include "domain/risk.hpp"
#include "util/crypto.hpp"
#include "util/strings.hpp"

namespace patronage::app {
namespace {

constexpr std::string_view k_terms[] = {"short", "long"};
constexpr std::string_view k_responsible[] = {"specialist", "partner", "volunteer", "family"};
constexpr std::string_view k_statuses[] = {"planned", "in_progress", "done", "not_done", "cancelled"};
constexpr size_t k_max_text = 4000;

template <size_t N> bool one_of(const std::string_view (&allowed)[N], const std::string& value) {
  return std::find(std::begin(allowed), std::end(allowed), value) != std::end(allowed);
}

boost::json::value parse_value(const std::string& text) {
  boost::system::error_code ec;
  auto value = boost::json::parse(text, ec);
  return ec ? boost::json::value() : value;
}

boost::json::array strings(const std::vector<std::string>& items) {
  boost::json::array out;
  for (const auto& item : items) {
    out.emplace_back(item);
  }
  return out;
}

// A required date; `not_future` refuses one after `today`.
std::optional<util::Date> check_plan_date(std::vector<util::FieldError>& fields, const std::string& field,
                                          const std::string& text, std::optional<util::Date> not_after = std::nullopt) {
  if (text.empty()) {
    fields.push_back({field, "validation.required"});
    return std::nullopt;
  }
  const auto date = util::parse_date(text);
  if (!date) {
    fields.push_back({field, "validation.date_invalid"});
  } else if (not_after && *date > *not_after) {
    fields.push_back({field, "validation.date_in_future"});
    return std::nullopt;
  }
  return date;
}

std::vector<GoalInput> goals_of(const std::string& text) {
  std::vector<GoalInput> out;
  const auto value = parse_value(text);
  if (!value.is_array()) {
    return out;
  }
  for (const auto& item : value.as_array()) {
    if (!item.is_object()) {
      continue;
    }
    const auto& o = item.as_object();
    auto field = [&](const char* key) {
      const auto* v = o.if_contains(key);
      return v != nullptr && v->is_string() ? std::string(v->as_string()) : std::string();
    };
    out.push_back({field("id"), field("text"), field("domain")});
  }
  return out;
}

PlanView plan_view(storage::Tx& tx, const storage::PlanRecord& record) {
  return {record, goals_of(record.goals), storage::list_measures(tx, record.id)};
}

util::Status validate_plan(const PlanInput& input, const Settings& settings, std::optional<util::Date>& review_on) {
  std::vector<util::FieldError> fields;
  const auto from = check_plan_date(fields, "period_from", input.period_from);
  const auto to = check_plan_date(fields, "period_to", input.period_to);
  if (from && to && *to < *from) {
    fields.push_back({"period_to", "plan.period_invalid"});
  }
  if (input.review_on) {
    review_on = check_plan_date(fields, "review_on", *input.review_on);
    if (review_on && from && *review_on < *from) {
      fields.push_back({"review_on", "plan.review_before_period"});
    }
  } else if (from) {
    review_on = domain::add_months(*from, settings.assessment.plan_review_months);
  }
  if (!one_of(k_terms, input.term)) {
    fields.push_back({"term", input.term.empty() ? "validation.required" : "validation.choice_invalid"});
  }
  if (input.goals.empty()) {
    fields.push_back({"goals", "validation.required"});
  }
  std::set<std::string> goal_ids;
  for (size_t i = 0; i < input.goals.size(); ++i) {
    const auto& goal = input.goals[i];
    const std::string path = "goals[" + std::to_string(i) + "].";
    if (goal.id.empty()) {
      fields.push_back({path + "id", "validation.required"});
    } else if (!goal_ids.insert(goal.id).second) {
      fields.push_back({path + "id", "validation.duplicate"});
    }
    if (util::blank(goal.text)) {
      fields.push_back({path + "text", "validation.required"});
    }
    if (!domain::parse_risk_domain(goal.domain)) {
      fields.push_back({path + "domain", goal.domain.empty() ? "validation.required" : "assessment.domain_invalid"});
    }
  }
  for (size_t i = 0; i < input.measures.size(); ++i) {
    const auto& m = input.measures[i];
    const std::string path = "measures[" + std::to_string(i) + "].";
    if (!goal_ids.contains(m.goal_id)) {
      fields.push_back({path + "goal_id", m.goal_id.empty() ? "validation.required" : "plan.goal_unknown"});
    }
    if (!domain::parse_patronage_type(m.patronage_type)) {
      fields.push_back({path + "patronage_type",
                        m.patronage_type.empty() ? "validation.required" : "decision.patronage_type_invalid"});
    }
    if (util::blank(m.what)) {
      fields.push_back({path + "what", "validation.required"});
    }
    if (!one_of(k_responsible, m.responsible_kind)) {
      fields.push_back({path + "responsible_kind",
                        m.responsible_kind.empty() ? "validation.required" : "validation.choice_invalid"});
    }
    check_plan_date(fields, path + "due_on", m.due_on);
    if (!one_of(k_statuses, m.status)) {
      fields.push_back({path + "status", "validation.choice_invalid"});
    }
  }
  if (!fields.empty()) {
    return util::fail(util::Error::invalid("validation.failed", std::move(fields)));
  }
  return {};
}

// SPEC §7, §11: whom a measure's responsible_ref names. Empty names no one, whatever the kind; a specialist is a
// member of staff who may lead or work on a case of its unit line (domain::StaffPlace::measure_specialist), a
// volunteer one who may serve it (volunteer_of_line), a partner an organisation the case may be referred to
// (usable_partner); a family's ref is free text (who in the family).
util::Status check_responsibles(storage::Tx& tx, const Actor& actor, const storage::CaseRecord& record,
                                const std::vector<MeasureInput>& measures) {
  std::vector<util::FieldError> fields;
  for (size_t i = 0; i < measures.size(); ++i) {
    const auto& m = measures[i];
    const std::string field = "measures[" + std::to_string(i) + "].responsible_ref";
    if (m.responsible_ref.empty()) {
      continue;
    }
    if (m.responsible_kind == "specialist") {
      check_staff(tx, fields, field, m.responsible_ref, domain::StaffPlace::measure_specialist, record.unit_path,
                  "plan.responsible_staff_invalid");
    } else if (m.responsible_kind == "volunteer" && !volunteer_of_line(tx, m.responsible_ref, record.unit_path)) {
      fields.push_back({field, "plan.responsible_volunteer_invalid"});
    } else if (m.responsible_kind == "partner" && !usable_partner(tx, actor, record.unit_path, m.responsible_ref)) {
      fields.push_back({field, "plan.responsible_partner_invalid"});
    }
  }
  if (!fields.empty()) {
    return util::fail(util::Error::invalid("validation.failed", std::move(fields)));
  }
  return {};
}

boost::json::object agreement_content(const AgreementInput& input) {
  boost::json::array signatories;
  for (const auto& s : input.signatories) {
    signatories.push_back({{"name", s.name}, {"role", s.role}});
  }
  return {{"family_duties", strings(input.family_duties)},
          {"service_duties", strings(input.service_duties)},
          {"family_rights", strings(input.family_rights)},
          {"service_rights", strings(input.service_rights)},
          {"signatories", std::move(signatories)}};
}

boost::json::object object_of(const std::string& text) {
  auto value = parse_value(text);
  return value.is_object() ? std::move(value.as_object()) : boost::json::object{};
}

} // namespace

util::Result<AgreementView> add_agreement(const Services& services, const Actor& actor, const RequestMeta& meta,
                                          const std::string& case_id, const AgreementInput& input) {
  std::vector<util::FieldError> fields;
  check_plan_date(fields, "signed_on", input.signed_on, today(services));
  const auto from = check_plan_date(fields, "valid_from", input.valid_from);
  const auto until = check_plan_date(fields, "valid_until", input.valid_until);
  if (from && until && *until < *from) {
    fields.push_back({"valid_until", "plan.period_invalid"});
  }
  if (input.signatories.empty()) {
    fields.push_back({"signatories", "validation.required"});
  }
  for (size_t i = 0; i < input.signatories.size(); ++i) {
    if (util::blank(input.signatories[i].name)) {
      fields.push_back({"signatories[" + std::to_string(i) + "].name", "validation.required"});
    }
  }
  if (!fields.empty()) {
    return util::fail(util::Error::invalid("validation.failed", std::move(fields)));
  }
  return services.db.transact([&](storage::Tx& tx) -> util::Result<AgreementView> {
    auto loaded = load_case_records(tx, actor, case_id, domain::Action::case_write);
    if (!loaded) {
      return util::fail(loaded.error());
    }
    AgreementView view;
    view.content = agreement_content(input);
    view.record = {util::random_id(), case_id,           input.signed_on,
                   input.valid_from,  input.valid_until, boost::json::serialize(view.content),
                   actor.id,          now_of(services)};
    storage::insert_agreement(tx, view.record);
    audit(tx, services, actor.id, meta, "agreement.add", "agreement", view.record.id, {{"case_id", case_id}});
    return view;
  });
}

util::Result<std::vector<AgreementView>> list_agreements(const Services& services, const Actor& actor,
                                                         const RequestMeta& meta, const std::string& case_id) {
  return services.db.transact([&](storage::Tx& tx) -> util::Result<std::vector<AgreementView>> {
    auto loaded = load_case_records(tx, actor, case_id, domain::Action::household_read);
    if (!loaded) {
      return util::fail(loaded.error());
    }
    std::vector<AgreementView> out;
    for (auto& record : storage::list_agreements(tx, case_id)) {
      auto content = object_of(record.content);
      out.push_back({std::move(record), std::move(content)});
    }
    audit(tx, services, actor.id, meta, "agreement.list", "case", case_id, {{"count", out.size()}});
    return out;
  });
}

util::Result<PlanView> create_plan(const Services& services, const Actor& actor, const RequestMeta& meta,
                                   const std::string& case_id, const PlanInput& input) {
  std::optional<util::Date> review_on;
  if (auto valid = validate_plan(input, services.settings, review_on); !valid) {
    return util::fail(valid.error());
  }
  return services.db.transact([&](storage::Tx& tx) -> util::Result<PlanView> {
    auto loaded = load_case_records(tx, actor, case_id, domain::Action::case_write);
    if (!loaded) {
      return util::fail(loaded.error());
    }
    if (auto named = check_responsibles(tx, actor, loaded->record, input.measures); !named) {
      return util::fail(named.error());
    }
    const long long now = now_of(services);
    const auto versions = storage::list_plans(tx, case_id);
    boost::json::array goals;
    for (const auto& g : input.goals) {
      goals.push_back({{"id", g.id}, {"text", g.text}, {"domain", g.domain}});
    }
    storage::PlanRecord plan;
    plan.id = util::random_id();
    plan.case_id = case_id;
    plan.number = versions.empty() ? 1 : versions.front().number + 1;
    if (!versions.empty()) {
      plan.supersedes_id = versions.front().id;
    }
    plan.period_from = input.period_from;
    plan.period_to = input.period_to;
    plan.review_on = util::format_date(*review_on);
    plan.term = input.term;
    plan.goals = boost::json::serialize(goals);
    plan.created_by = actor.id;
    plan.created_at = now;
    plan.updated_at = now;
    storage::insert_plan(tx, plan);
    if (!versions.empty()) {
      storage::set_plan_superseded(tx, versions.front().id, plan.id, now);
    }
    for (size_t i = 0; i < input.measures.size(); ++i) {
      const auto& m = input.measures[i];
      storage::insert_measure(tx, {util::random_id(), plan.id, case_id, static_cast<int>(i), m.goal_id,
                                   m.patronage_type, m.what, m.responsible_kind, m.responsible_ref, m.due_on, m.status,
                                   m.result, now, actor.id});
    }
    audit(tx, services, actor.id, meta, "plan.add", "plan", plan.id, {{"case_id", case_id}, {"number", plan.number}});
    return plan_view(tx, plan);
  });
}

util::Result<std::vector<PlanView>> list_plans(const Services& services, const Actor& actor, const RequestMeta& meta,
                                               const std::string& case_id) {
  return services.db.transact([&](storage::Tx& tx) -> util::Result<std::vector<PlanView>> {
    auto loaded = load_case_records(tx, actor, case_id, domain::Action::household_read);
    if (!loaded) {
      return util::fail(loaded.error());
    }
    std::vector<PlanView> out;
    for (const auto& plan : storage::list_plans(tx, case_id)) {
      out.push_back(plan_view(tx, plan));
    }
    audit(tx, services, actor.id, meta, "plan.list", "case", case_id, {{"count", out.size()}});
    return out;
  });
}

util::Result<PlanView> approve_plan(const Services& services, const Actor& actor, const RequestMeta& meta,
                                    const std::string& plan_id) {
  return services.db.transact([&](storage::Tx& tx) -> util::Result<PlanView> {
    auto plan = storage::find_plan(tx, plan_id);
    if (!plan) {
      return util::fail(util::Error::not_found("plan.not_found"));
    }
    auto loaded = load_case_records(tx, actor, plan->case_id, domain::Action::plan_approve);
    if (!loaded) {
      return util::fail(loaded.error().code == util::ErrorCode::not_found ? util::Error::not_found("plan.not_found")
                                                                          : loaded.error());
    }
    if (plan->superseded_by) {
      return util::fail(util::Error::conflict("plan.superseded"));
    }
    if (plan->approved_at) {
      return util::fail(util::Error::conflict("plan.already_approved"));
    }
    const long long now = now_of(services);
    storage::approve_plan(tx, plan_id, actor.id, now);
    audit(tx, services, actor.id, meta, "plan.approve", "plan", plan_id, {{"case_id", plan->case_id}});
    return plan_view(tx, *storage::find_plan(tx, plan_id));
  });
}

util::Result<PlanView> update_measure(const Services& services, const Actor& actor, const RequestMeta& meta,
                                      const std::string& plan_id, const std::string& measure_id,
                                      const MeasureUpdate& update) {
  std::vector<util::FieldError> fields;
  if (update.status && !one_of(k_statuses, *update.status)) {
    fields.push_back({"status", "validation.choice_invalid"});
  }
  if (update.result && update.result->size() > k_max_text) {
    fields.push_back({"result", "validation.too_long"});
  }
  if (!fields.empty()) {
    return util::fail(util::Error::invalid("validation.failed", std::move(fields)));
  }
  return services.db.transact([&](storage::Tx& tx) -> util::Result<PlanView> {
    auto plan = storage::find_plan(tx, plan_id);
    if (!plan) {
      return util::fail(util::Error::not_found("plan.not_found"));
    }
    auto loaded = load_case_records(tx, actor, plan->case_id, domain::Action::case_write);
    if (!loaded) {
      return util::fail(loaded.error().code == util::ErrorCode::not_found ? util::Error::not_found("plan.not_found")
                                                                          : loaded.error());
    }
    auto measures = storage::list_measures(tx, plan_id);
    auto measure = std::find_if(measures.begin(), measures.end(), [&](const auto& m) { return m.id == measure_id; });
    if (measure == measures.end()) {
      return util::fail(util::Error::not_found("plan.measure_not_found"));
    }
    if (plan->superseded_by) {
      return util::fail(util::Error::conflict("plan.superseded"));
    }
    const long long now = now_of(services);
    if (!storage::bump_plan_version(tx, plan_id, update.version, now)) {
      return util::fail(util::Error::conflict("plan.version_stale").with("version", std::to_string(plan->version)));
    }
    const std::string before = measure->status;
    measure->status = update.status.value_or(measure->status);
    measure->result = update.result.value_or(measure->result);
    measure->updated_at = now;
    measure->updated_by = actor.id;
    storage::update_measure(tx, *measure);
    audit(tx, services, actor.id, meta, "plan.measure_update", "plan", plan_id,
          {{"measure_id", measure_id}, {"from", before}, {"to", measure->status}});
    return plan_view(tx, *storage::find_plan(tx, plan_id));
  });
}

} // namespace patronage::app
