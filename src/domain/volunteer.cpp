#include "domain/volunteer.hpp"

#include "domain/named_enum.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace patronage::domain {
namespace {

constexpr NameTable<VolunteerStatus, 5> k_volunteer_status_names{{
    {VolunteerStatus::candidate, "candidate"},
    {VolunteerStatus::trained, "trained"},
    {VolunteerStatus::active, "active"},
    {VolunteerStatus::paused, "paused"},
    {VolunteerStatus::left, "left"},
}};

// SPEC §9: the allowed moves between volunteer statuses (leaving is handled apart).
constexpr std::array<std::pair<VolunteerStatus, VolunteerStatus>, 4> k_volunteer_moves{{
    {VolunteerStatus::candidate, VolunteerStatus::trained},
    {VolunteerStatus::trained, VolunteerStatus::active},
    {VolunteerStatus::active, VolunteerStatus::paused},
    {VolunteerStatus::paused, VolunteerStatus::active},
}};

bool is_allowed_move(VolunteerStatus from, VolunteerStatus to) {
  if (from == VolunteerStatus::left) {
    return false;
  }
  if (to == VolunteerStatus::left) {
    return true;
  }
  return std::ranges::find(k_volunteer_moves, std::pair{from, to}) != k_volunteer_moves.end();
}

std::string join(const std::vector<std::string>& items) {
  std::string text;
  for (const auto& item : items) {
    if (!text.empty()) {
      text += ", ";
    }
    text += item;
  }
  return text;
}

} // namespace

std::string_view to_string(VolunteerStatus status) {
  return name_of(k_volunteer_status_names, status);
}

std::optional<VolunteerStatus> parse_volunteer_status(std::string_view text) {
  return value_of(k_volunteer_status_names, text);
}

std::vector<VolunteerStatus> next_volunteer_statuses(VolunteerStatus from) {
  std::vector<VolunteerStatus> next;
  for (const auto& [status, name] : k_volunteer_status_names) {
    if (is_allowed_move(from, status)) {
      next.push_back(status);
    }
  }
  return next;
}

util::Status check_adult(util::Date birth, util::Date today, const VolunteerSettings& settings) {
  if (util::age_on(birth, today) < settings.min_age) {
    return util::fail(util::Error::field("birth_date", "volunteer.must_be_adult"));
  }
  return {};
}

util::Status check_training_course(const TrainingCourse& course, util::Date today) {
  std::vector<util::FieldError> fields;
  if (course.hours <= 0) {
    fields.push_back({"hours", "volunteer.course_hours_invalid"});
  }
  if (course.date > today) {
    fields.push_back({"date", "volunteer.course_date_in_future"});
  }
  if (!fields.empty()) {
    return util::fail(util::Error::invalid("validation.failed", std::move(fields)));
  }
  return {};
}

std::vector<std::string> missing_courses(std::span<const TrainingCourse> taken, const VolunteerSettings& settings) {
  std::vector<std::string> missing;
  for (const auto& code : settings.required_courses) {
    const bool done = std::ranges::any_of(taken, [&](const TrainingCourse& course) { return course.code == code; });
    if (!done) {
      missing.push_back(code);
    }
  }
  return missing;
}

util::Status check_volunteer_transition(VolunteerStatus from, VolunteerStatus to, std::span<const TrainingCourse> taken,
                                        const VolunteerSettings& settings) {
  if (!is_allowed_move(from, to)) {
    return util::fail(util::Error::conflict("volunteer.transition_not_allowed")
                          .with("from", std::string(to_string(from)))
                          .with("to", std::string(to_string(to))));
  }
  if (to == VolunteerStatus::trained) {
    // SPEC §9: a volunteer becomes trained only after the required courses.
    const auto missing = missing_courses(taken, settings);
    if (!missing.empty()) {
      return util::fail(util::Error::conflict("volunteer.training_incomplete").with("missing", join(missing)));
    }
  }
  return {};
}

} // namespace patronage::domain
