#pragma once

#include "util/error.hpp"
#include "util/time.hpp"

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace patronage::domain {

// SPEC §9: the status of a volunteer (patron).
enum class VolunteerStatus { candidate, trained, active, paused, left };

std::string_view to_string(VolunteerStatus status);
std::optional<VolunteerStatus> parse_volunteer_status(std::string_view text);

// SPEC §9: volunteers are adults (18+).
constexpr int k_volunteer_min_age = 18;

struct VolunteerSettings {
  int min_age = k_volunteer_min_age;
  // Course codes a candidate must have completed to become `trained`.
  std::vector<std::string> required_courses = {"basics", "child_protection"};
};

// One training course a volunteer took; recording it means it was completed
// (the certificate number is optional and does not change that).
struct TrainingCourse {
  std::string code;
  std::string name;
  int hours = 0;
  util::Date date;
  std::string certificate;
};

// One entry of a volunteer's status history.
struct VolunteerStatusChange {
  VolunteerStatus from = VolunteerStatus::candidate;
  VolunteerStatus to = VolunteerStatus::candidate;
  util::Date on;
};

// Ok when the person born on `birth` is at least `settings.min_age` (18) on `today`; otherwise an
// invalid error with the field error {"birth_date", "volunteer.must_be_adult"}.
util::Status check_adult(util::Date birth, util::Date today, const VolunteerSettings& settings = {});

// Ok when `course` has positive hours and was not taken after `today`; otherwise
// an invalid error listing "volunteer.course_hours_invalid" on "hours" and/or
// "volunteer.course_date_in_future" on "date".
util::Status check_training_course(const TrainingCourse& course, util::Date today);

// The required course codes (in settings order) that are not among `taken`.
std::vector<std::string> missing_courses(std::span<const TrainingCourse> taken, const VolunteerSettings& settings);

// SPEC §9: the statuses `from` may move to, ignoring training (empty for left).
std::vector<VolunteerStatus> next_volunteer_statuses(VolunteerStatus from);

// Ok when a volunteer may move from `from` to `to`:
//   candidate → trained (only with every required course in `taken`),
//   trained → active, active ↔ paused, any status except left → left; left is final.
// Failures are conflicts: "volunteer.training_incomplete" (param `missing`: the
// comma-separated course codes) or "volunteer.transition_not_allowed" (params `from`, `to`).
util::Status check_volunteer_transition(VolunteerStatus from, VolunteerStatus to, std::span<const TrainingCourse> taken,
                                        const VolunteerSettings& settings);

} // namespace patronage::domain
