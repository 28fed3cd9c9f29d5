#include <boost/json.hpp>

#include "app/plans.hpp"
#include "http/api.hpp"
#include "http/json_time.hpp"
#include "http/json_input.hpp"
#include "http/json_views.hpp"
#include "http/problem.hpp"
#include "http/responses.hpp"
#include "util/time.hpp"

namespace patronage::http {
namespace {

constexpr size_t k_max_items = 50;
constexpr size_t k_max_text = 4000;

boost::json::object agreement_json(const app::AgreementView& view) {
  const auto& r = view.record;
  boost::json::object out{{"id", r.id},
                          {"case_id", r.case_id},
                          {"signed_on", r.signed_on},
                          {"valid_from", r.valid_from},
                          {"valid_until", r.valid_until},
                          {"created_by", r.created_by},
                          {"created_at", iso(r.created_at)}};
  for (const auto* key : {"family_duties", "service_duties", "family_rights", "service_rights", "signatories"}) {
    const auto* value = view.content.if_contains(key);
    out[key] = value != nullptr ? *value : boost::json::value(boost::json::array{});
  }
  return out;
}

boost::json::object measure_json(const storage::MeasureRecord& m) {
  return {{"id", m.id},
          {"goal_id", m.goal_id},
          {"patronage_type", m.patronage_type},
          {"what", m.what},
          {"responsible_kind", m.responsible_kind},
          {"responsible_ref", m.responsible_ref},
          {"due_on", m.due_on},
          {"status", m.status},
          {"result", m.result},
          {"updated_at", iso(m.updated_at)},
          {"updated_by", m.updated_by}};
}

boost::json::object plan_json(const app::PlanView& view) {
  const auto& r = view.record;
  boost::json::array goals;
  for (const auto& g : view.goals) {
    goals.push_back({{"id", g.id}, {"text", g.text}, {"domain", g.domain}});
  }
  boost::json::array measures;
  for (const auto& m : view.measures) {
    measures.push_back(measure_json(m));
  }
  return {{"id", r.id},
          {"case_id", r.case_id},
          {"number", r.number},
          {"supersedes_id", nullable(r.supersedes_id)},
          {"superseded_by", nullable(r.superseded_by)},
          {"current", !r.superseded_by.has_value()},
          {"period_from", r.period_from},
          {"period_to", r.period_to},
          {"review_on", r.review_on},
          {"term", r.term},
          {"goals", std::move(goals)},
          {"measures", std::move(measures)},
          {"approved", r.approved_at.has_value()},
          {"approved_at", r.approved_at ? boost::json::value(iso(*r.approved_at)) : boost::json::value(nullptr)},
          {"approved_by", nullable(r.approved_by)},
          {"created_by", r.created_by},
          {"created_at", iso(r.created_at)},
          {"version", r.version}};
}

util::Result<app::AgreementInput> read_agreement(JsonInput& input) {
  app::AgreementInput a;
  a.signed_on = input.required_string("signed_on", 10);
  a.valid_from = input.required_string("valid_from", 10);
  a.valid_until = input.required_string("valid_until", 10);
  a.family_duties = input.string_list("family_duties", k_max_items, k_max_text);
  a.service_duties = input.string_list("service_duties", k_max_items, k_max_text);
  a.family_rights = input.string_list("family_rights", k_max_items, k_max_text);
  a.service_rights = input.string_list("service_rights", k_max_items, k_max_text);
  for (auto& item : input.object_list("signatories", 20)) {
    app::Signatory s;
    s.name = item.required_string("name", 200);
    s.role = item.optional_string("role", 200).value_or("");
    input.merge(item);
    a.signatories.push_back(std::move(s));
  }
  if (auto done = input.finish(); !done) {
    return util::fail(done.error());
  }
  return a;
}

util::Result<app::PlanInput> read_plan(JsonInput& input) {
  app::PlanInput p;
  p.period_from = input.required_string("period_from", 10);
  p.period_to = input.required_string("period_to", 10);
  p.review_on = input.optional_string("review_on", 10);
  p.term = input.required_string("term", 16);
  for (auto& item : input.object_list("goals", k_max_items)) {
    app::GoalInput g;
    g.id = item.required_string("id", 64);
    g.text = item.required_string("text", k_max_text);
    g.domain = item.required_string("domain", 32);
    input.merge(item);
    p.goals.push_back(std::move(g));
  }
  for (auto& item : input.object_list("measures", 200)) {
    app::MeasureInput m;
    m.goal_id = item.required_string("goal_id", 64);
    m.patronage_type = item.required_string("patronage_type", 32);
    m.what = item.required_string("what", k_max_text);
    m.responsible_kind = item.required_string("responsible_kind", 32);
    m.responsible_ref = item.optional_string("responsible_ref", 200).value_or("");
    m.due_on = item.required_string("due_on", 10);
    m.status = item.optional_string("status", 32).value_or("planned");
    m.result = item.optional_string("result", k_max_text).value_or("");
    input.merge(item);
    p.measures.push_back(std::move(m));
  }
  if (auto done = input.finish(); !done) {
    return util::fail(done.error());
  }
  return p;
}

} // namespace

void add_plan_routes(Router& router, Api& api) {
  router.add_sync(Verb::post, "/api/v1/cases/{id}/agreements", Access::session, [&api](Call& call) {
    auto input = JsonInput::parse(call.request);
    if (!input) {
      return problem(call, input.error());
    }
    auto agreement = read_agreement(*input);
    if (!agreement) {
      return problem(call, agreement.error());
    }
    return answer(call, app::add_agreement(api.services(), call.user(), call.meta(), call.param("id"), *agreement),
                  Status::created, agreement_json);
  });

  router.add_sync(Verb::get, "/api/v1/cases/{id}/agreements", Access::session, [&api](Call& call) {
    return answer(call, app::list_agreements(api.services(), call.user(), call.meta(), call.param("id")), Status::ok,
                  [](const auto& list) { return items_json(list, agreement_json); });
  });

  router.add_sync(Verb::post, "/api/v1/cases/{id}/plans", Access::session, [&api](Call& call) {
    auto input = JsonInput::parse(call.request);
    if (!input) {
      return problem(call, input.error());
    }
    auto plan = read_plan(*input);
    if (!plan) {
      return problem(call, plan.error());
    }
    return answer(call, app::create_plan(api.services(), call.user(), call.meta(), call.param("id"), *plan),
                  Status::created, plan_json);
  });

  router.add_sync(Verb::get, "/api/v1/cases/{id}/plans", Access::session, [&api](Call& call) {
    return answer(call, app::list_plans(api.services(), call.user(), call.meta(), call.param("id")), Status::ok,
                  [](const auto& list) { return items_json(list, plan_json); });
  });

  router.add_sync(Verb::post, "/api/v1/plans/{id}/approve", Access::session, [&api](Call& call) {
    return answer(call, app::approve_plan(api.services(), call.user(), call.meta(), call.param("id")), Status::ok,
                  plan_json);
  });

  router.add_sync(Verb::patch, "/api/v1/plans/{id}/measures/{measure_id}", Access::session, [&api](Call& call) {
    auto input = JsonInput::parse(call.request);
    if (!input) {
      return problem(call, input.error());
    }
    app::MeasureUpdate update;
    update.version = input->required_version();
    update.status = input->optional_string("status", 32);
    update.result = input->optional_string("result", k_max_text);
    if (auto done = input->finish(); !done) {
      return problem(call, done.error());
    }
    return answer(call,
                  app::update_measure(api.services(), call.user(), call.meta(), call.param("id"),
                                      call.param("measure_id"), update),
                  Status::ok, plan_json);
  });
}

} // namespace patronage::http
