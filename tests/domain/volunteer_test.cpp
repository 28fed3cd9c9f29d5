#include "domain/volunteer.hpp"
#include "lifecycle_fixture.hpp"

#include <gtest/gtest.h>

namespace patronage::domain {
namespace {

using namespace patronage::domain::testing;


TrainingCourse course(std::string code) {
  return {std::move(code), "Course", 8, date(2024, 1, 10), "C-1"};
}


TEST(VolunteerStatus, RoundTripsEveryName) {
  for (auto status : {VolunteerStatus::candidate, VolunteerStatus::trained, VolunteerStatus::active,
                      VolunteerStatus::paused, VolunteerStatus::left}) {
    EXPECT_EQ(parse_volunteer_status(to_string(status)), status);
  }
  EXPECT_FALSE(parse_volunteer_status("retired").has_value());
}

TEST(VolunteerAdult, EighteenthBirthdayIsEnough) {
  EXPECT_TRUE(check_adult(date(2006, 5, 20), date(2024, 5, 20)).has_value());
  EXPECT_TRUE(check_adult(date(1960, 1, 1), date(2024, 5, 20)).has_value());
}

TEST(VolunteerAdult, DayBeforeEighteenthBirthdayIsRejectedOnBirthDate) {
  expect_field_error(check_adult(date(2006, 5, 21), date(2024, 5, 20)), "birth_date", "volunteer.must_be_adult");
}

TEST(VolunteerAdult, LeapDayBirthTurnsEighteenOnFirstOfMarch) {
  EXPECT_FALSE(check_adult(date(2004, 2, 29), date(2022, 2, 28)).has_value());
  EXPECT_TRUE(check_adult(date(2004, 2, 29), date(2022, 3, 1)).has_value());
}

TEST(VolunteerAdult, BirthInTheFutureIsRejected) {
  EXPECT_FALSE(check_adult(date(2030, 1, 1), date(2024, 5, 20)).has_value());
}

TEST(TrainingCourseCheck, AcceptsRecordedCourse) {
  EXPECT_TRUE(check_training_course(course("basics"), date(2024, 1, 10)).has_value());
}

TEST(TrainingCourseCheck, RejectsZeroHoursAndFutureDate) {
  auto bad = course("basics");
  bad.hours = 0;
  const auto status = check_training_course(bad, date(2024, 1, 9));
  ASSERT_FALSE(status.has_value());
  ASSERT_EQ(status.error().fields.size(), 2U);
  EXPECT_EQ(status.error().fields[0].field, "hours");
  EXPECT_EQ(status.error().fields[0].reason, "volunteer.course_hours_invalid");
  EXPECT_EQ(status.error().fields[1].field, "date");
  EXPECT_EQ(status.error().fields[1].reason, "volunteer.course_date_in_future");
}

TEST(VolunteerTraining, ListsMissingRequiredCoursesInSettingsOrder) {
  const VolunteerSettings settings;
  const std::vector<TrainingCourse> taken{course("first_aid"), course("child_protection")};
  EXPECT_EQ(missing_courses(taken, settings), std::vector<std::string>{"basics"});
  EXPECT_EQ(missing_courses({}, settings), (std::vector<std::string>{"basics", "child_protection"}));
}

TEST(VolunteerTransition, CandidateBecomesTrainedOnlyAfterRequiredCourses) {
  const VolunteerSettings settings;
  const std::vector<TrainingCourse> partial{course("basics")};
  const auto refused =
      check_volunteer_transition(VolunteerStatus::candidate, VolunteerStatus::trained, partial, settings);
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, util::ErrorCode::conflict);
  EXPECT_EQ(refused.error().key, "volunteer.training_incomplete");
  ASSERT_EQ(refused.error().params.size(), 1U);
  EXPECT_EQ(refused.error().params[0], (std::pair<std::string, std::string>{"missing", "child_protection"}));

  const std::vector<TrainingCourse> complete{course("child_protection"), course("basics")};
  EXPECT_TRUE(check_volunteer_transition(VolunteerStatus::candidate, VolunteerStatus::trained, complete, settings));
}

TEST(VolunteerTransition, RequiredCoursesComeFromSettings) {
  const VolunteerSettings settings{.required_courses = {"mentoring"}};
  const std::vector<TrainingCourse> taken{course("mentoring")};
  EXPECT_TRUE(check_volunteer_transition(VolunteerStatus::candidate, VolunteerStatus::trained, taken, settings));
  const VolunteerSettings none{.required_courses = {}};
  EXPECT_TRUE(check_volunteer_transition(VolunteerStatus::candidate, VolunteerStatus::trained, {}, none));
}

TEST(VolunteerTransition, FollowsTheStatusTable) {
  const VolunteerSettings settings;
  const auto allowed = [&](VolunteerStatus from, VolunteerStatus to) {
    return check_volunteer_transition(from, to, {}, settings).has_value();
  };
  EXPECT_TRUE(allowed(VolunteerStatus::trained, VolunteerStatus::active));
  EXPECT_TRUE(allowed(VolunteerStatus::active, VolunteerStatus::paused));
  EXPECT_TRUE(allowed(VolunteerStatus::paused, VolunteerStatus::active));
  EXPECT_TRUE(allowed(VolunteerStatus::candidate, VolunteerStatus::left));
  EXPECT_TRUE(allowed(VolunteerStatus::paused, VolunteerStatus::left));
  EXPECT_FALSE(allowed(VolunteerStatus::candidate, VolunteerStatus::active));
  EXPECT_FALSE(allowed(VolunteerStatus::trained, VolunteerStatus::paused));
  EXPECT_FALSE(allowed(VolunteerStatus::active, VolunteerStatus::candidate));
  EXPECT_FALSE(allowed(VolunteerStatus::active, VolunteerStatus::active));
  EXPECT_FALSE(allowed(VolunteerStatus::left, VolunteerStatus::active));
  EXPECT_FALSE(allowed(VolunteerStatus::left, VolunteerStatus::left));
}

TEST(VolunteerTransition, RefusalNamesBothStatuses) {
  const auto refused = check_volunteer_transition(VolunteerStatus::left, VolunteerStatus::active, {}, {});
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, util::ErrorCode::conflict);
  EXPECT_EQ(refused.error().key, "volunteer.transition_not_allowed");
  const std::vector<std::pair<std::string, std::string>> params{{"from", "left"}, {"to", "active"}};
  EXPECT_EQ(refused.error().params, params);
}

TEST(VolunteerTransition, NextStatusesMatchTheTable) {
  EXPECT_EQ(next_volunteer_statuses(VolunteerStatus::candidate),
            (std::vector<VolunteerStatus>{VolunteerStatus::trained, VolunteerStatus::left}));
  EXPECT_EQ(next_volunteer_statuses(VolunteerStatus::active),
            (std::vector<VolunteerStatus>{VolunteerStatus::paused, VolunteerStatus::left}));
  EXPECT_TRUE(next_volunteer_statuses(VolunteerStatus::left).empty());
}

} // namespace
} // namespace patronage::domain
