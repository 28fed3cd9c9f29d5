#include <climits>

#include <boost/json.hpp>

#include "app/visits.hpp"
#include "http/api.hpp"
#include "http/intake_json.hpp"
#include "http/json_input.hpp"
#include "http/json_time.hpp"
#include "http/json_views.hpp"
#include "http/problem.hpp"
#include "http/responses.hpp"
#include "http/visit_views.hpp"

namespace patronage::http {
namespace {

constexpr size_t k_id = 64;
constexpr size_t k_visit_text = 4000;
constexpr size_t k_max_participants = 20;
constexpr size_t k_max_children = 20;

app::VisitObservations read_observations(JsonInput& object) {
  app::VisitObservations out;
  out.home = object.optional_string("home", k_visit_text).value_or("");
  for (auto& child : object.object_list("children", k_max_children)) {
    storage::VisitChildNote note;
    note.person_id = child.required_string("person_id", k_id);
    note.note = child.optional_string("note", k_visit_text).value_or("");
    object.merge(child);
    out.children.push_back(std::move(note));
  }
  out.relations = object.optional_string("relations", k_visit_text).value_or("");
  return out;
}

app::ChildSafetyCheck read_safety(JsonInput& object) {
  app::ChildSafetyCheck out;
  out.checked = object.optional_bool("checked").value_or(false);
  out.concern = object.optional_bool("concern").value_or(false);
  out.note = object.optional_string("note", k_visit_text).value_or("");
  return out; // a concern without a note is refused by the use case (app/visits.cpp, check_safety)
}

std::optional<std::string> read_missed(JsonInput& input) {
  auto missed = input.optional_object("missed");
  if (!missed) {
    return std::nullopt;
  }
  auto reason = missed->required_string("reason", k_visit_text);
  input.merge(*missed);
  return reason;
}

util::Result<app::VisitInput> read_visit(JsonInput& input) {
  app::VisitInput v;
  v.planned_on = input.required_string("planned_on", 10);
  v.actual_on = input.optional_string("actual_on", 10);
  v.kind = input.required_string("kind", 32);
  v.participants = input.string_list("participants", k_max_participants, k_id);
  v.purpose = input.required_string("purpose", k_visit_text);
  if (auto observations = input.optional_object("observations")) {
    v.observations = read_observations(*observations);
    input.merge(*observations);
  }
  if (auto safety = input.optional_object("child_safety")) {
    v.child_safety = read_safety(*safety);
    input.merge(*safety);
  }
  v.actions = input.optional_string("actions", k_visit_text).value_or("");
  v.next_step = input.optional_string("next_step", k_visit_text).value_or("");
  v.closing = input.optional_bool("closing").value_or(false);
  v.missed_reason = read_missed(input);
  if (auto done = input.finish(); !done) {
    return util::fail(done.error());
  }
  return v;
}

util::Result<app::VisitOutcome> read_outcome(JsonInput& input) {
  app::VisitOutcome o;
  o.version = input.required_version();
  o.actual_on = input.optional_string("actual_on", 10);
  auto participants = input.string_list("participants", k_max_participants, k_id);
  if (input.contains("participants")) {
    o.participants = std::move(participants);
  }
  if (auto observations = input.optional_object("observations")) {
    o.observations = read_observations(*observations);
    input.merge(*observations);
  }
  if (auto safety = input.optional_object("child_safety")) {
    o.child_safety = read_safety(*safety);
    input.merge(*safety);
  }
  o.actions = input.optional_string("actions", k_visit_text);
  o.next_step = input.optional_string("next_step", k_visit_text);
  o.closing = input.optional_bool("closing");
  o.missed_reason = read_missed(input);
  if (auto done = input.finish(); !done) {
    return util::fail(done.error());
  }
  return o;
}

// The free-text fields of a visit in the record's own shape ({"observations":{"home":...}, ...}), by their
// paths (app::visit_text_fields).
void read_texts(JsonInput& input, app::VisitTexts& out) {
  for (const char* key : {"purpose", "actions", "next_step"}) {
    if (auto value = input.optional_string(key, k_visit_text)) {
      out[key] = *value;
    }
  }
  const std::pair<const char*, std::vector<const char*>> nested[] = {
      {"observations", {"home", "relations"}}, {"child_safety", {"note"}}, {"missed", {"reason"}}};
  for (const auto& [object, keys] : nested) {
    if (auto inner = input.optional_object(object)) {
      for (const char* key : keys) {
        if (auto value = inner->optional_string(key, k_visit_text)) {
          out[std::string(object) + "." + key] = *value;
        }
      }
      input.merge(*inner);
    }
  }
}

// An edit of a recorded visit: the body has `base` (docs/offline.md).
util::Result<app::VisitEdit> read_edit(JsonInput& input) {
  app::VisitEdit edit;
  edit.version = input.required_version();
  read_texts(input, edit.values);
  if (auto base = input.optional_object("base")) {
    read_texts(*base, edit.base);
    input.merge(*base);
  }
  if (auto rejected = input.optional_object("rejected")) {
    read_texts(*rejected, edit.rejected);
    input.merge(*rejected);
  }
  if (auto done = input.finish(); !done) {
    return util::fail(done.error());
  }
  if (edit.values.empty() && edit.rejected.empty()) {
    return util::fail(util::Error::invalid("visit.edit_empty"));
  }
  return edit;
}

// 409 record.conflict: per field the base, theirs and mine, who changed theirs when, and the current record.
Response conflict_problem(const Call& call, const app::VisitEditResult& result) {
  boost::json::array conflicts;
  for (const auto& c : result.conflicts) {
    conflicts.push_back({{"field", c.field},
                         {"base", nullable(c.base)},
                         {"theirs", c.theirs},
                         {"mine", c.mine},
                         {"changed_by", c.changed_by},
                         {"changed_by_name", c.changed_by_name},
                         {"changed_at", iso(c.changed_at)}});
  }
  return problem(call, util::Error::conflict("record.conflict"),
                 {{"conflicts", std::move(conflicts)}, {"current", visit_json(result.record)}});
}

} // namespace

void add_visit_routes(Router& router, Api& api) {
  router.add_sync(Verb::post, "/api/v1/cases/{id}/visits", Access::session, [&api](Call& call) {
    auto input = JsonInput::parse(call.request);
    if (!input) {
      return problem(call, input.error());
    }
    auto visit = read_visit(*input);
    if (!visit) {
      return problem(call, visit.error());
    }
    return answer(call, app::record_visit(api.services(), call.user(), call.meta(), call.param("id"), *visit),
                  Status::created, visit_json);
  });

  router.add_sync(Verb::get, "/api/v1/cases/{id}/visits", Access::session, [&api](Call& call) {
    return answer(call, app::list_visits(api.services(), call.user(), call.meta(), call.param("id")), Status::ok,
                  [](const auto& list) { return items_json(list, visit_json); });
  });

  router.add_sync(Verb::patch, "/api/v1/visits/{id}", Access::session, [&api](Call& call) {
    auto input = JsonInput::parse(call.request);
    if (!input) {
      return problem(call, input.error());
    }
    if (input->contains("base")) {
      auto edit = read_edit(*input);
      if (!edit) {
        return problem(call, edit.error());
      }
      auto edited = app::edit_visit(api.services(), call.user(), call.meta(), call.param("id"), *edit);
      if (!edited) {
        return problem(call, edited.error());
      }
      return edited->conflicts.empty() ? json_response(call, Status::ok, visit_json(edited->record))
                                       : conflict_problem(call, *edited);
    }
    auto outcome = read_outcome(*input);
    if (!outcome) {
      return problem(call, outcome.error());
    }
    return answer(call, app::record_visit_outcome(api.services(), call.user(), call.meta(), call.param("id"), *outcome),
                  Status::ok, visit_json);
  });

  router.add_sync(Verb::get, "/api/v1/visits/{id}/history", Access::session, [&api](Call& call) {
    return answer(call, app::visit_history(api.services(), call.user(), call.meta(), call.param("id")), Status::ok,
                  history_list_json);
  });
}

} // namespace patronage::http
