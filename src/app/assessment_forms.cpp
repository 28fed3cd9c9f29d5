#include "app/assessment_forms.hpp"

#include <algorithm>
#include <set>

#include <boost/json/array.hpp>

#include "app/form_reader.hpp"

namespace patronage::app {
namespace {

constexpr size_t k_max_nodes = 100; // an ecomap is drawn as one picture
constexpr size_t k_max_ties = 1000;
constexpr size_t k_max_members = 30;

void read_inspection(FormReader& form) {
  form.text("dwelling_type", true, 200);
  form.text("ownership", false, 200);
  form.integer("rooms", 0, 100);
  form.number("area_m2", 0, 10000);
  form.integer("residents", 0, 100);
  if (auto utilities = form.object("utilities")) {
    utilities->flag("water");
    utilities->flag("heating");
    utilities->flag("sewage");
    utilities->flag("electricity");
    form.adopt("utilities", *utilities);
  }
  for (const auto* key :
       {"sanitary_state", "food", "children_clothing", "sleeping_places", "study_places", "toys_books", "hazards"}) {
    form.text(key);
  }
  form.text("conclusion", true, 4000);
}

void read_family_card(FormReader& form, AssessmentForm& out) {
  form.text("composition", false, 4000);
  auto members = form.objects("members", k_max_members);
  for (auto& member : members) {
    const auto person_id = member.text("person_id", true, 64);
    if (!person_id.empty()) {
      out.persons.push_back({member.path_of("person_id"), person_id, false});
    }
    member.text("employment");
    member.number("income", 0, 1e9);
    member.text("education");
    member.text("habits");
    member.text("relations");
    if (!member.secret_text("health").empty()) {
      member.secret()["person_id"] = person_id;
    }
  }
  form.adopt("members", members);
  form.text("norms", false, 4000);
  form.text("strengths", false, 4000);
}

void read_child_card(FormReader& form, AssessmentForm& out) {
  const auto person_id = form.text("person_id", true, 64);
  if (!person_id.empty()) {
    out.persons.push_back({form.path_of("person_id"), person_id, true});
  }
  for (const auto* key : {"school", "attendance", "results", "behaviour", "leisure", "relations_with_parents"}) {
    form.text(key);
  }
  form.secret_text("health");
  form.secret_text("police_registration");
}

void read_ecomap(FormReader& form, AssessmentForm& out) {
  auto nodes = form.objects("nodes", k_max_nodes, true);
  std::set<std::string> ids;
  for (auto& node : nodes) {
    const auto id = node.text("id", true, 64);
    if (!id.empty() && !ids.insert(id).second) {
      node.error("id", "validation.duplicate");
    }
    node.text("label", true, 200);
    const auto kind = node.choice("kind", {"member", "person", "organisation"});
    const auto person_id = node.text("person_id", kind == "member", 64);
    if (!person_id.empty()) {
      out.persons.push_back({node.path_of("person_id"), person_id, false});
    }
  }
  form.adopt("nodes", nodes);
  auto ties = form.objects("ties", k_max_ties);
  for (auto& tie : ties) {
    const auto from = tie.text("from", true, 64);
    const auto to = tie.text("to", true, 64);
    if (!from.empty() && !ids.contains(from)) {
      tie.error("from", "assessment.unknown_node");
    }
    if (!to.empty() && !ids.contains(to)) {
      tie.error("to", "assessment.unknown_node");
    } else if (!to.empty() && to == from) {
      tie.error("to", "assessment.tie_to_itself");
    }
    tie.choice("strength", {"strong", "weak", "stressful"});
    tie.choice("support", {"to", "from", "both", "none"});
  }
  form.adopt("ties", ties);
}

void read_conflict_map(FormReader& form) {
  const auto parties = form.texts("parties", 20, 200);
  if (parties.empty()) {
    form.error("parties", "validation.required");
  }
  form.text("subject", true, 2000);
  auto positions = form.objects("positions", 20);
  for (auto& position : positions) {
    const auto party = position.text("party", true, 200);
    if (!party.empty() && std::find(parties.begin(), parties.end(), party) == parties.end()) {
      position.error("party", "assessment.unknown_party");
    }
    position.text("position", true, 2000);
  }
  form.adopt("positions", positions);
  form.integer("intensity", 0, 3, true);
}

// SPEC §11: notes on health, addiction and violence are sensitive.
bool sensitive_domain(domain::RiskDomain d) {
  return d == domain::RiskDomain::health || d == domain::RiskDomain::addiction || d == domain::RiskDomain::violence;
}

void read_needs(FormReader& form, AssessmentForm& out, std::vector<util::FieldError>& errors) {
  auto scores = form.objects("scores", domain::k_risk_domains.size() * 2, true);
  boost::json::object notes;
  bool complete = true;
  for (auto& item : scores) {
    const auto code = item.text("domain", true, 32);
    const auto parsed = domain::parse_risk_domain(code);
    if (!code.empty() && !parsed) {
      item.error("domain", "assessment.domain_invalid");
    }
    const auto score = item.integer("score", -1000, 1000, true);
    const auto note = item.text("note", false, 2000);
    if (!parsed || !score) {
      complete = false;
      continue;
    }
    item.out()["score"] = *score;
    if (sensitive_domain(*parsed) && !note.empty()) {
      item.out()["note"] = "";
      notes[code] = note;
    }
    out.scores.push_back({*parsed, static_cast<int>(*score), note});
  }
  form.adopt("scores", scores);
  if (!notes.empty()) {
    form.secret()["notes"] = std::move(notes);
  }
  if (complete) {
    if (auto valid = domain::validate_scores(out.scores); !valid) {
      for (const auto& field : valid.error().fields) {
        errors.push_back({form.path() + "." + field.field, field.reason});
      }
    }
  }
}

} // namespace

bool is_assessment_kind(std::string_view kind) {
  return std::find(std::begin(k_assessment_kinds), std::end(k_assessment_kinds), kind) != std::end(k_assessment_kinds);
}

util::Result<AssessmentForm> read_assessment_form(std::string_view kind, const boost::json::value* data) {
  std::vector<util::FieldError> errors;
  AssessmentForm out;
  FormReader form(data, "data", errors);
  if (errors.empty()) {
    if (kind == "inspection") {
      read_inspection(form);
    } else if (kind == "family_card") {
      read_family_card(form, out);
    } else if (kind == "child_card") {
      read_child_card(form, out);
    } else if (kind == "ecomap") {
      read_ecomap(form, out);
    } else if (kind == "conflict_map") {
      read_conflict_map(form);
    } else if (kind == "needs") {
      read_needs(form, out, errors);
    }
    form.finish();
  }
  if (!errors.empty()) {
    return util::fail(util::Error::invalid("validation.failed", std::move(errors)));
  }
  out.data = std::move(form.out());
  out.sensitive = std::move(form.secret());
  return out;
}

std::vector<domain::DomainScore> stored_scores(const boost::json::object& data) {
  std::vector<domain::DomainScore> out;
  const auto* scores = data.if_contains("scores");
  if (scores == nullptr || !scores->is_array()) {
    return out;
  }
  for (const auto& item : scores->as_array()) {
    if (!item.is_object()) {
      continue;
    }
    const auto& object = item.as_object();
    const auto* code = object.if_contains("domain");
    const auto* score = object.if_contains("score");
    if (code == nullptr || !code->is_string() || score == nullptr || !score->is_int64()) {
      continue;
    }
    if (auto parsed = domain::parse_risk_domain(code->as_string())) {
      out.push_back({*parsed, static_cast<int>(score->as_int64()), ""});
    }
  }
  return out;
}

} // namespace patronage::app
