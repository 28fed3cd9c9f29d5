#pragma once

#include <string>
#include <vector>

#include "storage/database.hpp"

namespace patronage::storage {

// A measure of a case's current plan version that is still open (not done, not done-and-closed, not cancelled).
struct OpenMeasure {
  std::string id;
  std::string what;
  std::string due_on;
};

// Open measures of the current plan of `case_id` due on or before `until`, earliest first.
std::vector<OpenMeasure> open_measures_due(Tx& tx, const std::string& case_id, const std::string& until);

// The current plan version of a case when its review day is on or before `until`.
struct PlanReview {
  std::string plan_id;
  std::string review_on;
};
std::vector<PlanReview> plans_to_review(Tx& tx, const std::string& case_id, const std::string& until);

// The pregnancy fields of the household's members, for the visits of SPEC §8: whether anyone is pregnant, and
// every recorded due date.
struct PregnancyFacts {
  bool pregnant = false;
  std::vector<std::string> due_dates;
};
PregnancyFacts household_pregnancy(Tx& tx, const std::string& household_id);

// A short name for the family of a household: the last name of its first member, else its address.
std::string family_label(Tx& tx, const std::string& household_id);

} // namespace patronage::storage
