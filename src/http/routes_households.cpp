#include <climits>

#include <boost/json.hpp>

#include "app/duplicate_search.hpp"
#include "app/households.hpp"
#include "http/api.hpp"
#include "http/intake_json.hpp"
#include "http/json_input.hpp"
#include "http/problem.hpp"
#include "http/responses.hpp"

namespace patronage::http {
namespace {

constexpr size_t k_household_name = 100;
constexpr size_t k_household_short = 200;
constexpr size_t k_address = 500;
constexpr size_t k_household_text = 4000;
constexpr size_t k_snils = 20; // "112-233-445 95" with room for stray spaces

app::SensitiveInput read_sensitive(JsonInput& input) {
  app::SensitiveInput out;
  out.health = input.optional_string("health", k_household_text).value_or("");
  out.addiction = input.optional_string("addiction", k_household_text).value_or("");
  out.violence = input.optional_string("violence", k_household_text).value_or("");
  out.police_registration = input.optional_string("police_registration", k_household_text).value_or("");
  return out;
}

} // namespace

void add_household_routes(Router& router, Api& api) {
  router.add_sync(Verb::post, "/api/v1/households", Access::session, [&api](Call& call) {
    auto input = JsonInput::parse(call.request);
    if (!input) {
      return problem(call, input.error());
    }
    app::HouseholdInput household;
    household.address = input->required_string("address", k_address);
    household.phone = input->optional_string("phone", k_household_short).value_or("");
    household.categories = input->string_list("categories", 20, 64);
    household.notes = input->optional_string("notes", k_household_text).value_or("");
    household.unit_id = input->optional_string("unit_id", 64);
    if (auto done = input->finish(); !done) {
      return problem(call, done.error());
    }
    return answer(call, app::create_household(api.services(), call.user(), call.meta(), household), Status::created,
                  household_json);
  });

  router.add_sync(Verb::get, "/api/v1/households/{id}", Access::session, [&api](Call& call) {
    return answer(call, app::get_household(api.services(), call.user(), call.meta(), call.param("id")), Status::ok,
                  household_json);
  });

  router.add_sync(Verb::patch, "/api/v1/households/{id}", Access::session, [&api](Call& call) {
    auto input = JsonInput::parse(call.request);
    if (!input) {
      return problem(call, input.error());
    }
    app::HouseholdPatch patch;
    patch.version = input->required_version();
    patch.address = input->optional_string("address", k_address);
    patch.phone = input->optional_string("phone", k_household_short);
    auto categories = input->string_list("categories", 20, 64);
    if (input->contains("categories")) {
      patch.categories = std::move(categories);
    }
    patch.notes = input->optional_string("notes", k_household_text);
    if (auto done = input->finish(); !done) {
      return problem(call, done.error());
    }
    return answer(call, app::update_household(api.services(), call.user(), call.meta(), call.param("id"), patch),
                  Status::ok, household_json);
  });

  router.add_sync(Verb::get, "/api/v1/households/{id}/history", Access::session, [&api](Call& call) {
    return answer(call, app::household_history(api.services(), call.user(), call.meta(), call.param("id")), Status::ok,
                  history_list_json);
  });

  router.add_sync(Verb::post, "/api/v1/households/{id}/persons", Access::session, [&api](Call& call) {
    auto input = JsonInput::parse(call.request);
    if (!input) {
      return problem(call, input.error());
    }
    app::PersonInput person;
    person.last_name = input->required_string("last_name", k_household_name);
    person.first_name = input->required_string("first_name", k_household_name);
    person.patronymic = input->optional_string("patronymic", k_household_name).value_or("");
    person.birth_date = input->optional_string("birth_date", 10);
    person.sex = input->required_string("sex", 16);
    person.household_role = input->required_string("household_role", 32);
    person.represents = input->string_list("represents", 20, 64);
    person.disability = input->optional_bool("disability").value_or(false);
    person.pregnant = input->optional_bool("pregnant").value_or(false);
    person.pregnancy_due = input->optional_string("pregnancy_due", 10);
    person.school = input->optional_string("school", k_household_short).value_or("");
    person.employment = input->optional_string("employment", k_household_short).value_or("");
    person.phone = input->optional_string("phone", k_household_short).value_or("");
    person.snils = input->optional_string("snils", k_snils).value_or("");
    if (auto sensitive = input->optional_object("sensitive")) {
      person.sensitive = read_sensitive(*sensitive);
      input->merge(*sensitive);
    }
    if (auto done = input->finish(); !done) {
      return problem(call, done.error());
    }
    auto created = app::add_person(api.services(), call.user(), call.meta(), call.param("id"), person);
    if (!created) {
      return problem(call, created.error());
    }
    auto body = member_json(created->member);
    body["duplicates"] = person_duplicates_json(created->duplicates);
    return json_response(call, Status::created, body);
  });

  router.add_sync(Verb::patch, "/api/v1/persons/{id}", Access::session, [&api](Call& call) {
    auto input = JsonInput::parse(call.request);
    if (!input) {
      return problem(call, input.error());
    }
    app::PersonPatch patch;
    patch.version = input->required_version();
    patch.last_name = input->optional_string("last_name", k_household_name);
    patch.first_name = input->optional_string("first_name", k_household_name);
    patch.patronymic = input->optional_string("patronymic", k_household_name);
    patch.birth_date = input->optional_string("birth_date", 10);
    patch.sex = input->optional_string("sex", 16);
    patch.household_role = input->optional_string("household_role", 32);
    auto represents = input->string_list("represents", 20, 64);
    if (input->contains("represents")) {
      patch.represents = std::move(represents);
    }
    patch.disability = input->optional_bool("disability");
    patch.pregnant = input->optional_bool("pregnant");
    patch.pregnancy_due = input->optional_string("pregnancy_due", 10);
    patch.school = input->optional_string("school", k_household_short);
    patch.employment = input->optional_string("employment", k_household_short);
    patch.phone = input->optional_string("phone", k_household_short);
    patch.snils = input->optional_string("snils", k_snils);
    if (auto done = input->finish(); !done) {
      return problem(call, done.error());
    }
    return answer(call, app::update_person(api.services(), call.user(), call.meta(), call.param("id"), patch),
                  Status::ok, member_json);
  });

  router.add_sync(Verb::put, "/api/v1/persons/{id}/sensitive", Access::session, [&api](Call& call) {
    auto input = JsonInput::parse(call.request);
    if (!input) {
      return problem(call, input.error());
    }
    const auto sensitive = read_sensitive(*input);
    if (auto done = input->finish(); !done) {
      return problem(call, done.error());
    }
    return answer(call, app::set_sensitive(api.services(), call.user(), call.meta(), call.param("id"), sensitive),
                  Status::ok, sensitive_json);
  });

  router.add_sync(Verb::post, "/api/v1/duplicates/persons", Access::session, [&api](Call& call) {
    auto input = JsonInput::parse(call.request);
    if (!input) {
      return problem(call, input.error());
    }
    app::DuplicateQuery query;
    query.last_name = input->optional_string("last_name", k_household_name).value_or("");
    query.first_name = input->optional_string("first_name", k_household_name).value_or("");
    query.patronymic = input->optional_string("patronymic", k_household_name).value_or("");
    query.birth_date = input->optional_string("birth_date", 10);
    query.address = input->optional_string("address", k_address).value_or("");
    if (auto done = input->finish(); !done) {
      return problem(call, done.error());
    }
    return answer(call, app::search_person_duplicates(api.services(), call.user(), call.meta(), query), Status::ok,
                  [](const auto& matches) {
                    return boost::json::object{{"items", person_duplicates_json(matches)}};
                  });
  });
}

} // namespace patronage::http
