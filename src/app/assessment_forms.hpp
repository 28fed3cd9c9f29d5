#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "domain/risk.hpp"
#include "util/error.hpp"

namespace patronage::app {

// SPEC §5: the instruments of the social diagnosis.
inline constexpr std::string_view k_assessment_kinds[] = {"inspection", "family_card",  "child_card",
                                                          "ecomap",     "conflict_map", "needs"};
bool is_assessment_kind(std::string_view kind);

// A person the form refers to, to be checked against the case's household.
struct PersonReference {
  std::string field; // JSON path, e.g. "data.members[1].person_id"
  std::string person_id;
  bool must_be_minor = false;
};

// The `data` of one assessment, checked for its kind and split in two:
// `data` (what every reader of the case's assessments sees) and `sensitive`
// (health, police registration and the notes of the health, addiction and
// violence domains).
struct AssessmentForm {
  boost::json::object data;
  boost::json::object sensitive;
  std::vector<domain::DomainScore> scores; // `needs` only
  std::vector<PersonReference> persons;
};

// Fails with Error::invalid("validation.failed") naming every bad field by its
// path under "data" (unknown fields, wrong types, values out of range, ties to
// unknown nodes, scores by domain::validate_scores as "data.scores[<domain>]").
util::Result<AssessmentForm> read_assessment_form(std::string_view kind, const boost::json::value* data);

// The scores of a stored `needs` assessment's data (written by read_assessment_form).
std::vector<domain::DomainScore> stored_scores(const boost::json::object& data);

} // namespace patronage::app
