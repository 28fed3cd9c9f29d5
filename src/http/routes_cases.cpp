#include <boost/json.hpp>

#include "app/cases.hpp"
#include "http/api.hpp"
#include "http/case_views.hpp"
#include "http/json_input.hpp"
#include "http/problem.hpp"
#include "http/responses.hpp"

namespace patronage::http {
namespace {

util::Result<app::ConsentInput> read_consent(JsonInput& input) {
  app::ConsentInput consent;
  consent.signed_by = input.required_string("signed_by", 64);
  consent.covers = input.string_list("covers", 50, 64);
  consent.scope = input.required_string("scope", 32);
  consent.signed_on = input.required_string("signed_on", 10);
  consent.valid_until = input.optional_string("valid_until", 10);
  if (auto document = input.optional_object("document")) {
    app::DocumentInput doc;
    doc.file_name = document->required_string("file_name", 200);
    doc.content_type = document->required_string("content_type", 100);
    doc.content_base64 = document->required_string("content_base64", size_t{8} << 20);
    input.merge(*document);
    consent.document = std::move(doc);
  }
  if (auto done = input.finish(); !done) {
    return util::fail(done.error());
  }
  return consent;
}

// Reads a decision draft; enum and date fields that do not parse are field errors.
util::Result<domain::DecisionDraft> read_decision(JsonInput& input, const std::string& case_id,
                                                  std::string& override_reason) {
  domain::DecisionDraft d;
  d.case_id = case_id;
  const auto body = input.required_string("body", 64);
  if (!body.empty()) {
    if (auto parsed = domain::parse_decision_body(body)) {
      d.body = *parsed;
    } else {
      input.add_error("body", "decision.body_invalid");
    }
  }
  const auto meeting = input.required_string("meeting_date", 10);
  d.meeting_date = util::parse_date(meeting);
  if (!meeting.empty() && !d.meeting_date) {
    input.add_error("meeting_date", "validation.date_invalid");
  }
  d.protocol_number = input.required_string("protocol_number", 64);
  d.members_present = input.string_list("members_present", 50, 200);
  const auto kind = input.required_string("kind", 64);
  if (!kind.empty()) {
    if (auto parsed = domain::parse_decision_kind(kind)) {
      d.kind = *parsed;
    } else {
      input.add_error("kind", "decision.kind_invalid");
    }
  }
  const auto types = input.string_list("patronage_types", 7, 32);
  for (size_t i = 0; i < types.size(); ++i) {
    if (auto parsed = domain::parse_patronage_type(types[i])) {
      d.patronage_types.push_back(*parsed);
    } else {
      input.add_error("patronage_types[" + std::to_string(i) + "]", "decision.patronage_type_invalid");
    }
  }
  d.lead_specialist_id = input.optional_string("lead_specialist_id", 64).value_or("");
  d.team = input.string_list("team", 20, 64);
  d.grounds = input.required_string("grounds", 4000);
  if (auto intensity = input.optional_string("intensity", 32)) {
    d.intensity = domain::parse_patronage_intensity(*intensity);
    if (!d.intensity) {
      input.add_error("intensity", "decision.intensity_invalid");
    }
  }
  if (auto planned = input.optional_string("planned_end", 10)) {
    d.planned_end = util::parse_date(*planned);
    if (!d.planned_end) {
      input.add_error("planned_end", "validation.date_invalid");
    }
  }
  if (auto corrects = input.optional_string("corrects_decision_id", 64)) {
    d.is_correction = true;
    d.corrects_decision_id = *corrects;
  }
  override_reason = input.optional_string("override_reason", 2000).value_or("");
  if (auto done = input.finish(); !done) {
    return util::fail(done.error());
  }
  return d;
}

} // namespace

void add_case_routes(Router& router, Api& api) {
  router.add_sync(Verb::post, "/api/v1/cases", Access::session, [&api](Call& call) {
    auto input = JsonInput::parse(call.request);
    if (!input) {
      return problem(call, input.error());
    }
    const auto household_id = input->required_string("household_id", 64);
    if (auto done = input->finish(); !done) {
      return problem(call, done.error());
    }
    return answer(call, app::open_case(api.services(), call.user(), call.meta(), household_id), Status::created,
                  case_json);
  });

  router.add_sync(Verb::get, "/api/v1/cases", Access::session, [&api](Call& call) {
    return answer(call,
                  app::list_cases(api.services(), call.user(), call.meta(), call.query_value("state"),
                                  call.query_value("number")),
                  Status::ok, [](const auto& list) { return items_json(list, case_json); });
  });

  router.add_sync(Verb::get, "/api/v1/cases/{id}", Access::session, [&api](Call& call) {
    auto view = app::get_case(api.services(), call.user(), call.meta(), call.param("id"));
    return view ? json_response(call, Status::ok, case_view_json(*view, call.lang)) : problem(call, view.error());
  });

  router.add_sync(Verb::post, "/api/v1/cases/{id}/transitions", Access::session, [&api](Call& call) {
    auto input = JsonInput::parse(call.request);
    if (!input) {
      return problem(call, input.error());
    }
    app::TransitionInput transition;
    transition.to = input->required_string("to", 32);
    transition.reason = input->optional_string("reason", 2000).value_or("");
    transition.override_reason = input->optional_string("override_reason", 2000).value_or("");
    if (auto done = input->finish(); !done) {
      return problem(call, done.error());
    }
    return answer(call, app::transition_case(api.services(), call.user(), call.meta(), call.param("id"), transition),
                  Status::ok, case_json);
  });

  router.add_sync(Verb::put, "/api/v1/cases/{id}/team", Access::session, [&api](Call& call) {
    auto input = JsonInput::parse(call.request);
    if (!input) {
      return problem(call, input.error());
    }
    app::TeamInput team;
    team.lead_id = input->optional_string("lead_id", 64);
    team.experts = input->string_list("experts", 20, 64);
    team.volunteers = input->string_list("volunteers", 20, 64);
    team.foster_educator_id = input->optional_string("foster_educator_id", 64);
    team.override_reason = input->optional_string("override_reason", 2000).value_or("");
    if (auto done = input->finish(); !done) {
      return problem(call, done.error());
    }
    return answer(call, app::assign_team(api.services(), call.user(), call.meta(), call.param("id"), team), Status::ok,
                  [](const auto& list) {
                    // Named by its type: http/intake_json.hpp has a member_json too (one unity batch may hold both).
                    return items_json(list, [](const storage::CaseMember& m) { return member_json(m); });
                  });
  });

  router.add_sync(Verb::post, "/api/v1/cases/{id}/consents", Access::session, [&api](Call& call) {
    auto input = JsonInput::parse(call.request);
    if (!input) {
      return problem(call, input.error());
    }
    auto consent = read_consent(*input);
    if (!consent) {
      return problem(call, consent.error());
    }
    return answer(call, app::add_consent(api.services(), call.user(), call.meta(), call.param("id"), *consent),
                  Status::created, consent_json);
  });

  router.add_sync(Verb::post, "/api/v1/cases/{id}/consents/{consent_id}/withdraw", Access::session, [&api](Call& call) {
    auto input = JsonInput::parse(call.request);
    if (!input) {
      return problem(call, input.error());
    }
    const auto on = input->required_string("withdrawn_on", 10);
    if (auto done = input->finish(); !done) {
      return problem(call, done.error());
    }
    auto done =
        app::withdraw_consent(api.services(), call.user(), call.meta(), call.param("id"), call.param("consent_id"), on);
    return done ? empty_response(call, Status::no_content) : problem(call, done.error());
  });

  router.add_sync(Verb::post, "/api/v1/cases/{id}/decisions", Access::session, [&api](Call& call) {
    auto input = JsonInput::parse(call.request);
    if (!input) {
      return problem(call, input.error());
    }
    std::string override_reason;
    auto draft = read_decision(*input, call.param("id"), override_reason);
    if (!draft) {
      return problem(call, draft.error());
    }
    return answer(
        call, app::record_decision(api.services(), call.user(), call.meta(), call.param("id"), *draft, override_reason),
        Status::created, decision_json);
  });

  router.add_sync(Verb::post, "/api/v1/decisions/{id}/sign", Access::session, [&api](Call& call) {
    std::string override_reason;
    if (!call.request.body().empty()) { // the body is optional: a head may exceed a limit with a reason
      auto input = JsonInput::parse(call.request);
      if (!input) {
        return problem(call, input.error());
      }
      override_reason = input->optional_string("override_reason", 2000).value_or("");
      if (auto done = input->finish(); !done) {
        return problem(call, done.error());
      }
    }
    return answer(call, app::sign_decision(api.services(), call.user(), call.meta(), call.param("id"), override_reason),
                  Status::ok, decision_json);
  });

  router.add_sync(Verb::get, "/api/v1/documents/{id}", Access::session, [&api](Call& call) {
    auto document = app::get_document(api.services(), call.user(), call.meta(), call.param("id"));
    if (!document) {
      return problem(call, document.error());
    }
    Response res = json_response(call, Status::ok,
                                 {{"id", document->id},
                                  {"file_name", document->file_name},
                                  {"content_type", document->content_type},
                                  {"size_bytes", document->size_bytes},
                                  {"sha256", document->sha256},
                                  {"content_base64", document->content_base64}});
    return res;
  });
}

} // namespace patronage::http
