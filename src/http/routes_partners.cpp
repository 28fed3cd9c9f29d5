#include <boost/json.hpp>

#include "app/partners.hpp"
#include "domain/referral.hpp"
#include "http/api.hpp"
#include "http/json_time.hpp"
#include "http/json_input.hpp"
#include "http/problem.hpp"
#include "http/responses.hpp"
#include "util/time.hpp"

namespace patronage::http {
namespace {

boost::json::object partner_json(const storage::PartnerRecord& p) {
  return {{"id", p.id},
          {"unit_id", p.unit_id},
          {"name", p.name},
          {"type", p.type},
          {"contacts", {{"phone", p.phone}, {"email", p.email}, {"address", p.address}, {"person", p.person}}},
          {"updated_at", iso(p.updated_at)}};
}

boost::json::object referral_json(const app::ReferralView& view) {
  const auto& r = view.record;
  boost::json::array history;
  for (const auto& h : view.history) {
    history.push_back({{"from", h.from_status.empty() ? boost::json::value(nullptr) : boost::json::value(h.from_status)},
                       {"to", h.to_status},
                       {"on", h.on_date},
                       {"response", h.response},
                       {"user_id", h.user_id},
                       {"at", iso(h.at)}});
  }
  boost::json::array next;
  for (const auto to : domain::next_referral_statuses(r.status)) {
    next.emplace_back(domain::to_string(to));
  }
  return {{"id", r.id},
          {"case_id", r.case_id},
          {"partner_id", r.partner_id},
          {"partner_name", r.partner_name},
          {"reason", r.reason},
          {"sent_on", r.sent_on},
          {"due_on", r.due_on},
          {"status", domain::to_string(r.status)},
          {"response", r.response},
          {"overdue", view.overdue},
          {"next_statuses", std::move(next)},
          {"history", std::move(history)}};
}

// Reads name, type, contacts, unit_id; on a PATCH every field is optional.
util::Result<app::PartnerInput> read_partner(JsonInput& input) {
  app::PartnerInput partner;
  partner.name = input.optional_string("name", 300);
  partner.type = input.optional_string("type", 64);
  partner.unit_id = input.optional_string("unit_id", 64);
  if (auto contacts = input.optional_object("contacts")) {
    app::PartnerContacts c;
    c.phone = contacts->optional_string("phone", 100).value_or("");
    c.email = contacts->optional_string("email", 200).value_or("");
    c.address = contacts->optional_string("address", 500).value_or("");
    c.person = contacts->optional_string("person", 300).value_or("");
    input.merge(*contacts);
    partner.contacts = std::move(c);
  }
  if (auto done = input.finish(); !done) {
    return util::fail(done.error());
  }
  return partner;
}

} // namespace

void add_partner_routes(Router& router, Api& api) {
  router.add_sync(Verb::get, "/api/v1/partners", Access::session, [&api](Call& call) {
    return answer(call, app::list_partners(api.services(), call.user(), call.meta()), Status::ok,
                  [](const auto& list) { return items_json(list, partner_json); });
  });

  router.add_sync(Verb::post, "/api/v1/partners", Access::session, [&api](Call& call) {
    auto input = JsonInput::parse(call.request);
    if (!input) {
      return problem(call, input.error());
    }
    auto partner = read_partner(*input);
    if (!partner) {
      return problem(call, partner.error());
    }
    return answer(call, app::create_partner(api.services(), call.user(), call.meta(), *partner), Status::created,
                  partner_json);
  });

  router.add_sync(Verb::patch, "/api/v1/partners/{id}", Access::session, [&api](Call& call) {
    auto input = JsonInput::parse(call.request);
    if (!input) {
      return problem(call, input.error());
    }
    auto partner = read_partner(*input);
    if (!partner) {
      return problem(call, partner.error());
    }
    return answer(call, app::update_partner(api.services(), call.user(), call.meta(), call.param("id"), *partner),
                  Status::ok, partner_json);
  });

  router.add_sync(Verb::get, "/api/v1/cases/{id}/referrals", Access::session, [&api](Call& call) {
    return answer(call, app::list_referrals(api.services(), call.user(), call.meta(), call.param("id")), Status::ok,
                  [](const auto& list) { return items_json(list, referral_json); });
  });

  router.add_sync(Verb::post, "/api/v1/cases/{id}/referrals", Access::session, [&api](Call& call) {
    auto input = JsonInput::parse(call.request);
    if (!input) {
      return problem(call, input.error());
    }
    app::ReferralInput referral;
    referral.partner_id = input->required_string("partner_id", 64);
    referral.reason = input->required_string("reason", 4000);
    referral.sent_on = input->required_string("sent_on", 10);
    referral.due_on = input->required_string("due_on", 10);
    if (auto done = input->finish(); !done) {
      return problem(call, done.error());
    }
    return answer(call, app::create_referral(api.services(), call.user(), call.meta(), call.param("id"), referral),
                  Status::created, referral_json);
  });

  router.add_sync(Verb::patch, "/api/v1/referrals/{id}/status", Access::session, [&api](Call& call) {
    auto input = JsonInput::parse(call.request);
    if (!input) {
      return problem(call, input.error());
    }
    app::ReferralStatusInput change;
    change.status = input->required_string("status", 32);
    change.response = input->optional_string("response", 4000);
    if (auto done = input->finish(); !done) {
      return problem(call, done.error());
    }
    return answer(call, app::change_referral_status(api.services(), call.user(), call.meta(), call.param("id"), change),
                  Status::ok, referral_json);
  });
}

} // namespace patronage::http
