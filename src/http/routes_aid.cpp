#include <climits>

#include <boost/json.hpp>

#include "app/aid.hpp"
#include "http/api.hpp"
#include "http/json_time.hpp"
#include "http/json_input.hpp"
#include "http/messages.hpp"
#include "http/problem.hpp"
#include "http/responses.hpp"

namespace patronage::http {
namespace {

constexpr size_t k_code = 64;
constexpr size_t k_unit = 32;
constexpr size_t k_aid_name = 200;

// The name in the caller's language: the admin's text, else the locale's "service.<code>".
std::string service_name(const storage::CatalogueEntry& e, Lang lang) {
  const std::string& own = lang == Lang::en ? e.name_en : e.name_ru;
  return own.empty() ? translate(lang, "service." + e.code) : own;
}

boost::json::object entry_json(const storage::CatalogueEntry& e, Lang lang) {
  return {{"code", e.code},
          {"name", service_name(e, lang)},
          {"name_ru", e.name_ru},
          {"name_en", e.name_en},
          {"category", e.category},
          {"default_unit", e.default_unit},
          {"active", e.active},
          {"version", e.version}};
}

boost::json::object delivery_json(const storage::DeliveryRecord& d) {
  return {{"id", d.id},
          {"case_id", d.case_id},
          {"service_code", d.service_code},
          {"delivered_on", d.delivered_on},
          {"quantity", d.quantity},
          {"unit", d.unit},
          {"provider", d.provider},
          {"cost", d.cost ? boost::json::value(*d.cost) : boost::json::value(nullptr)},
          {"created_by", d.created_by},
          {"created_at", iso(d.created_at)}};
}

} // namespace

void add_aid_routes(Router& router, Api& api) {
  router.add_sync(Verb::get, "/api/v1/catalogue/services", Access::session, [&api](Call& call) {
    return answer(call, app::list_catalogue(api.services(), call.user()), Status::ok, [&call](const auto& entries) {
      return items_json(entries, [&call](const auto& e) { return entry_json(e, call.lang); });
    });
  });

  router.add_sync(Verb::post, "/api/v1/catalogue/services", Access::session, [&api](Call& call) {
    auto input = JsonInput::parse(call.request);
    if (!input) {
      return problem(call, input.error());
    }
    app::CatalogueInput entry;
    entry.code = input->required_string("code", k_code);
    entry.category = input->required_string("category", k_code);
    entry.default_unit = input->required_string("default_unit", k_unit);
    entry.name_ru = input->required_string("name_ru", k_aid_name);
    entry.name_en = input->required_string("name_en", k_aid_name);
    if (auto done = input->finish(); !done) {
      return problem(call, done.error());
    }
    return answer(call, app::add_catalogue_entry(api.services(), call.user(), call.meta(), entry), Status::created,
                  [&call](const auto& added) { return entry_json(added, call.lang); });
  });

  router.add_sync(Verb::patch, "/api/v1/catalogue/services/{code}", Access::session, [&api](Call& call) {
    auto input = JsonInput::parse(call.request);
    if (!input) {
      return problem(call, input.error());
    }
    app::CataloguePatch patch;
    patch.version = input->required_version();
    patch.category = input->optional_string("category", k_code);
    patch.default_unit = input->optional_string("default_unit", k_unit);
    patch.name_ru = input->optional_string("name_ru", k_aid_name);
    patch.name_en = input->optional_string("name_en", k_aid_name);
    patch.active = input->optional_bool("active");
    if (auto done = input->finish(); !done) {
      return problem(call, done.error());
    }
    return answer(call,
                  app::update_catalogue_entry(api.services(), call.user(), call.meta(), call.param("code"), patch),
                  Status::ok, [&call](const auto& updated) { return entry_json(updated, call.lang); });
  });

  router.add_sync(Verb::post, "/api/v1/cases/{id}/services", Access::session, [&api](Call& call) {
    auto input = JsonInput::parse(call.request);
    if (!input) {
      return problem(call, input.error());
    }
    app::DeliveryInput delivery;
    delivery.service_code = input->required_string("service_code", k_code);
    delivery.delivered_on = input->required_string("delivered_on", 10);
    delivery.quantity = input->optional_int("quantity");
    delivery.unit = input->optional_string("unit", k_unit);
    delivery.provider = input->required_string("provider", k_aid_name);
    delivery.cost = input->optional_int("cost");
    if (auto done = input->finish(); !done) {
      return problem(call, done.error());
    }
    return answer(call, app::record_delivery(api.services(), call.user(), call.meta(), call.param("id"), delivery),
                  Status::created, delivery_json);
  });

  router.add_sync(Verb::get, "/api/v1/cases/{id}/services", Access::session, [&api](Call& call) {
    return answer(call, app::list_deliveries(api.services(), call.user(), call.meta(), call.param("id")), Status::ok,
                  [](const auto& list) { return items_json(list, delivery_json); });
  });
}

} // namespace patronage::http
