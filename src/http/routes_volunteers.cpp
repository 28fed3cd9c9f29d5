#include <boost/json.hpp>

#include "app/volunteers.hpp"
#include "domain/volunteer.hpp"
#include "http/api.hpp"
#include "http/json_time.hpp"
#include "http/case_views.hpp"
#include "http/json_input.hpp"
#include "http/json_views.hpp"
#include "http/messages.hpp"
#include "http/problem.hpp"
#include "http/responses.hpp"
#include "util/strings.hpp"
#include "util/time.hpp"

namespace patronage::http {
namespace {

constexpr size_t k_volunteer_short = 200;

boost::json::object volunteer_json(const storage::VolunteerRecord& v) {
  boost::json::array next;
  for (const auto to : domain::next_volunteer_statuses(v.status)) {
    next.emplace_back(domain::to_string(to));
  }
  return {{"id", v.id},
          {"unit_id", v.unit_id},
          {"user_id", nullable(v.user_id)},
          {"last_name", v.last_name},
          {"first_name", v.first_name},
          {"patronymic", v.patronymic},
          {"birth_date", v.birth_date},
          {"sex", v.sex},
          {"phone", v.phone},
          {"skills", strings(v.skills)},
          {"interests", strings(v.interests)},
          {"languages", strings(v.languages)},
          {"district", v.district},
          {"availability", v.availability},
          {"coordinator_id", nullable(v.coordinator_id)},
          {"status", domain::to_string(v.status)},
          {"status_since", v.status_since},
          {"next_statuses", std::move(next)},
          {"version", v.version}};
}

boost::json::object contact_json(const storage::ContactRecord& c) {
  return {{"id", c.id}, {"case_id", c.case_id}, {"on", c.on_date}, {"minutes", c.minutes}, {"what", c.what}};
}

boost::json::object volunteer_view_json(const app::VolunteerView& view) {
  auto out = volunteer_json(view.record);
  boost::json::array courses;
  for (const auto& c : view.courses) {
    courses.push_back({{"id", c.id},
                       {"code", c.code},
                       {"name", c.name},
                       {"hours", c.hours},
                       {"taken_on", c.taken_on},
                       {"certificate", c.certificate}});
  }
  boost::json::array history;
  for (const auto& h : view.status_history) {
    history.push_back({{"from", h.from_status.empty() ? boost::json::value(nullptr) : boost::json::value(h.from_status)},
                       {"to", h.to_status},
                       {"on", h.on_date},
                       {"user_id", h.user_id},
                       {"at", iso(h.at)}});
  }
  boost::json::array contacts;
  int minutes = 0;
  for (const auto& c : view.contacts) {
    contacts.push_back(contact_json(c));
    minutes += c.minutes;
  }
  out["courses"] = std::move(courses);
  out["missing_courses"] = strings(view.missing_courses);
  out["status_history"] = std::move(history);
  out["contacts"] = std::move(contacts);
  out["contact_minutes"] = minutes;
  out["current_wards"] = view.current_wards;
  return out;
}

// A code of the volunteer catalogue (skill, interest, language, sex) in words; a code without a text stays as it is.
std::string code_words(Lang lang, const std::string& codes) {
  std::string out;
  for (const auto& code : util::split(codes)) {
    const std::string key = "volunteer.code." + util::trim(code);
    const std::string text = translate(lang, key);
    out += (out.empty() ? "" : ", ") + (text == key ? util::trim(code) : text);
  }
  return out;
}

boost::json::object match_reason_json(const domain::MatchReason& reason, Lang lang) {
  auto params = reason.params;
  for (auto& [name, value] : params) {
    if (name == "skill" || name == "language" || name == "interests" || name == "gender") {
      value = code_words(lang, value);
    }
  }
  return {{"key", reason.key}, {"message", translate(lang, reason.key, params)}, {"points", reason.points}};
}

boost::json::object wishes_json(const storage::WishesRecord& w) {
  return {{"case_id", w.case_id},     {"gender", nullable(w.gender)},     {"language", nullable(w.language)},
          {"interests", strings(w.interests)}, {"district", nullable(w.district)}, {"needs", strings(w.needs)},
          {"availability", w.availability}};
}

// Every field optional (PATCH); POST requires the names, birth date and sex in the use case.
util::Result<app::VolunteerInput> read_volunteer(JsonInput& input) {
  app::VolunteerInput v;
  v.user_id = input.optional_string("user_id", 64);
  v.last_name = input.optional_string("last_name", k_volunteer_short);
  v.first_name = input.optional_string("first_name", k_volunteer_short);
  v.patronymic = input.optional_string("patronymic", k_volunteer_short);
  v.birth_date = input.optional_string("birth_date", 10);
  v.sex = input.optional_string("sex", 16);
  v.phone = input.optional_string("phone", 100);
  auto list = [&](const char* key) -> std::optional<std::vector<std::string>> {
    if (!input.contains(key)) {
      input.string_list(key); // marks a null as known
      return std::nullopt;
    }
    return input.string_list(key, 30, 64);
  };
  v.skills = list("skills");
  v.interests = list("interests");
  v.languages = list("languages");
  v.district = input.optional_string("district", k_volunteer_short);
  v.availability = input.optional_string("availability", 1000);
  v.coordinator_id = input.optional_string("coordinator_id", 64);
  v.unit_id = input.optional_string("unit_id", 64);
  if (auto done = input.finish(); !done) {
    return util::fail(done.error());
  }
  return v;
}

} // namespace

void add_volunteer_routes(Router& router, Api& api) {
  router.add_sync(Verb::get, "/api/v1/volunteers", Access::session, [&api](Call& call) {
    return answer(call, app::list_volunteers(api.services(), call.user(), call.meta()), Status::ok,
                  [](const auto& list) { return items_json(list, volunteer_json); });
  });

  router.add_sync(Verb::post, "/api/v1/volunteers", Access::session, [&api](Call& call) {
    auto input = JsonInput::parse(call.request);
    if (!input) {
      return problem(call, input.error());
    }
    auto volunteer = read_volunteer(*input);
    if (!volunteer) {
      return problem(call, volunteer.error());
    }
    return answer(call, app::create_volunteer(api.services(), call.user(), call.meta(), *volunteer), Status::created,
                  volunteer_view_json);
  });

  router.add_sync(Verb::get, "/api/v1/volunteers/{id}", Access::session, [&api](Call& call) {
    return answer(call, app::get_volunteer(api.services(), call.user(), call.meta(), call.param("id")), Status::ok,
                  volunteer_view_json);
  });

  router.add_sync(Verb::patch, "/api/v1/volunteers/{id}", Access::session, [&api](Call& call) {
    auto input = JsonInput::parse(call.request);
    if (!input) {
      return problem(call, input.error());
    }
    auto volunteer = read_volunteer(*input);
    if (!volunteer) {
      return problem(call, volunteer.error());
    }
    return answer(call, app::update_volunteer(api.services(), call.user(), call.meta(), call.param("id"), *volunteer),
                  Status::ok, volunteer_view_json);
  });

  router.add_sync(Verb::post, "/api/v1/volunteers/{id}/status", Access::session, [&api](Call& call) {
    auto input = JsonInput::parse(call.request);
    if (!input) {
      return problem(call, input.error());
    }
    app::VolunteerStatusInput change;
    change.to = input->required_string("to", 32);
    change.on = input->optional_string("on", 10);
    if (auto done = input->finish(); !done) {
      return problem(call, done.error());
    }
    return answer(call,
                  app::change_volunteer_status(api.services(), call.user(), call.meta(), call.param("id"), change),
                  Status::ok, volunteer_view_json);
  });

  router.add_sync(Verb::post, "/api/v1/volunteers/{id}/courses", Access::session, [&api](Call& call) {
    auto input = JsonInput::parse(call.request);
    if (!input) {
      return problem(call, input.error());
    }
    app::CourseInput course;
    course.code = input->required_string("code", 64);
    course.name = input->required_string("name", 300);
    course.hours = input->required_int("hours");
    course.taken_on = input->required_string("taken_on", 10);
    course.certificate = input->optional_string("certificate", k_volunteer_short).value_or("");
    if (auto done = input->finish(); !done) {
      return problem(call, done.error());
    }
    return answer(call, app::add_course(api.services(), call.user(), call.meta(), call.param("id"), course),
                  Status::created, volunteer_view_json);
  });

  router.add_sync(Verb::post, "/api/v1/volunteers/{id}/contacts", Access::session, [&api](Call& call) {
    auto input = JsonInput::parse(call.request);
    if (!input) {
      return problem(call, input.error());
    }
    app::ContactInput contact;
    contact.case_id = input->required_string("case_id", 64);
    contact.on = input->required_string("on", 10);
    contact.minutes = input->required_int("minutes");
    contact.what = input->required_string("what", 2000);
    if (auto done = input->finish(); !done) {
      return problem(call, done.error());
    }
    return answer(call, app::add_contact(api.services(), call.user(), call.meta(), call.param("id"), contact),
                  Status::created, contact_json);
  });

  router.add_sync(Verb::post, "/api/v1/volunteers/assign-batch", Access::session, [&api](Call& call) {
    auto input = JsonInput::parse(call.request);
    if (!input) {
      return problem(call, input.error());
    }
    const auto case_ids = input->string_list("case_ids", 1000, 64);
    if (auto done = input->finish(); !done) {
      return problem(call, done.error());
    }
    return answer(call, app::propose_batch(api.services(), call.user(), call.meta(), case_ids), Status::ok,
                  [](const app::BatchProposal& proposal) {
                    const auto& batch = proposal.assignment;
                    const auto number = [&](const std::string& id) { return proposal.numbers.at(id); };
                    boost::json::array matches;
                    for (const auto& m : batch.matches) {
                      matches.push_back({{"case_id", m.ward_id},
                                         {"case_number", number(m.ward_id)},
                                         {"volunteer_id", m.volunteer_id},
                                         {"score", m.score}});
                    }
                    boost::json::array unassigned_numbers;
                    for (const auto& id : batch.unassigned_wards) {
                      unassigned_numbers.push_back(boost::json::value(number(id)));
                    }
                    return boost::json::object{{"matches", std::move(matches)},
                                               {"unassigned_case_ids", strings(batch.unassigned_wards)},
                                               {"unassigned_case_numbers", std::move(unassigned_numbers)},
                                               {"total_score", batch.total_score}};
                  });
  });

  router.add_sync(Verb::get, "/api/v1/cases/{id}/volunteer-wishes", Access::session, [&api](Call& call) {
    auto wishes = app::get_wishes(api.services(), call.user(), call.meta(), call.param("id"));
    if (!wishes) {
      return problem(call, wishes.error());
    }
    return *wishes ? json_response(call, Status::ok, wishes_json(**wishes))
                   : problem(call, util::Error::not_found("volunteer.wishes_not_found"));
  });

  router.add_sync(Verb::put, "/api/v1/cases/{id}/volunteer-wishes", Access::session, [&api](Call& call) {
    auto input = JsonInput::parse(call.request);
    if (!input) {
      return problem(call, input.error());
    }
    app::WishesInput wishes;
    wishes.gender = input->optional_string("gender", 16);
    wishes.language = input->optional_string("language", 64);
    wishes.interests = input->string_list("interests", 30, 64);
    wishes.district = input->optional_string("district", k_volunteer_short);
    wishes.needs = input->string_list("needs", 30, 64);
    wishes.availability = input->optional_string("availability", 1000).value_or("");
    if (auto done = input->finish(); !done) {
      return problem(call, done.error());
    }
    return answer(call, app::set_wishes(api.services(), call.user(), call.meta(), call.param("id"), wishes),
                  Status::ok, wishes_json);
  });

  router.add_sync(Verb::get, "/api/v1/cases/{id}/volunteer-proposals", Access::session, [&api](Call& call) {
    auto proposals = app::propose_for_case(api.services(), call.user(), call.meta(), call.param("id"));
    if (!proposals) {
      return problem(call, proposals.error());
    }
    boost::json::array items;
    for (const auto& p : proposals->items) {
      boost::json::array reasons;
      for (const auto& r : p.proposal.reasons) {
        reasons.push_back(match_reason_json(r, call.lang));
      }
      items.push_back({{"volunteer_id", p.proposal.volunteer_id},
                       {"name", p.name},
                       {"score", p.proposal.score},
                       {"reasons", std::move(reasons)}});
    }
    return json_response(call, Status::ok,
                         {{"case_id", proposals->case_id},
                          {"case_number", proposals->case_number},
                          {"items", std::move(items)}});
  });

  router.add_sync(Verb::post, "/api/v1/cases/{id}/volunteer", Access::session, [&api](Call& call) {
    auto input = JsonInput::parse(call.request);
    if (!input) {
      return problem(call, input.error());
    }
    const auto volunteer_id = input->required_string("volunteer_id", 64);
    const auto override_reason = input->optional_string("override_reason", 2000).value_or("");
    if (auto done = input->finish(); !done) {
      return problem(call, done.error());
    }
    return answer(call,
                  app::assign_volunteer(api.services(), call.user(), call.meta(), call.param("id"), volunteer_id,
                                        override_reason),
                  Status::ok, [](const auto& list) {
                    // Named by its type: http/intake_json.hpp has a member_json too.
                    return items_json(list, [](const storage::CaseMember& m) { return member_json(m); });
                  });
  });

  router.add_sync(Verb::get, "/api/v1/my/wards", Access::session, [&api](Call& call) {
    auto mine = app::my_wards(api.services(), call.user(), call.meta());
    if (!mine) {
      return problem(call, mine.error());
    }
    boost::json::array wards;
    for (const auto& w : mine->wards) {
      boost::json::array members;
      for (const auto& [first, last] : w.members) {
        members.push_back({{"first_name", first}, {"last_name", last}});
      }
      boost::json::array contacts;
      for (const auto& c : w.contacts) {
        contacts.push_back(contact_json(c));
      }
      boost::json::array measures;
      for (const auto& m : w.measures) {
        measures.push_back({{"id", m.id}, {"what", m.what}, {"due_on", m.due_on}, {"status", m.status}});
      }
      wards.push_back({{"case_id", w.case_id},
                       {"state", w.state},
                       {"address", w.address},
                       {"phone", w.phone},
                       {"members", std::move(members)},
                       {"measures", std::move(measures)},
                       {"contacts", std::move(contacts)}});
    }
    return json_response(call, Status::ok,
                         {{"volunteer_id", nullable(mine->volunteer_id)}, {"items", std::move(wards)}});
  });
}

} // namespace patronage::http
