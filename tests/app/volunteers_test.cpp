#include "app/volunteers.hpp"

#include "app_fixture.hpp"

namespace patronage::testing {
namespace {

class AppVolunteers : public AppCaseTest {
protected:
  // A candidate created by the coordinator, linked to `account` when given.
  storage::VolunteerRecord candidate(const std::optional<std::string>& account, const std::string& last_name = "Орлова") {
    app::VolunteerInput input;
    input.user_id = account;
    input.last_name = last_name;
    input.first_name = "Мария";
    input.birth_date = "1995-04-01";
    input.sex = "female";
    auto created = app::create_volunteer(services(), coordinator, meta(), input);
    if (!created) {
      throw std::runtime_error("create_volunteer failed: " + created.error().key);
    }
    return created->record;
  }

  util::Result<app::VolunteerView> course(const std::string& id, const std::string& code) {
    return app::add_course(services(), coordinator, meta(), id, {code, "Курс " + code, 8, "2026-11-01", ""});
  }

  util::Result<app::VolunteerView> status(const std::string& id, const std::string& to) {
    return app::change_volunteer_status(services(), coordinator, meta(), id, {to, std::nullopt});
  }

  // A volunteer of the `volunteer` account, trained and active.
  storage::VolunteerRecord active_volunteer() {
    auto v = candidate(volunteer.id);
    for (const char* code : {"basics", "child_protection"}) {
      if (!course(v.id, code)) {
        throw std::runtime_error("add_course failed");
      }
    }
    for (const char* to : {"trained", "active"}) {
      if (auto moved = status(v.id, to); !moved) {
        throw std::runtime_error(std::string("status ") + to + " failed: " + moved.error().key);
      }
    }
    return v;
  }
};

TEST_P(AppVolunteers, ACandidateBecomesTrainedOnlyWithEveryRequiredCourse) {
  const auto v = candidate(volunteer.id);
  EXPECT_EQ(v.status, domain::VolunteerStatus::candidate);
  EXPECT_EQ(v.coordinator_id, coordinator.id) << "a coordinator coordinates whom they register";
  EXPECT_EQ(audited("volunteer.create").front().entity_id, v.id);

  auto untrained = status(v.id, "trained");
  ASSERT_FALSE(untrained);
  EXPECT_EQ(untrained.error().code, util::ErrorCode::conflict);
  EXPECT_EQ(untrained.error().key, "volunteer.training_incomplete");
  EXPECT_EQ(param(untrained.error(), "missing"), "basics, child_protection");
  auto skipped = status(v.id, "active");
  ASSERT_FALSE(skipped);
  EXPECT_EQ(skipped.error().key, "volunteer.transition_not_allowed");

  ASSERT_TRUE(course(v.id, "basics"));
  untrained = status(v.id, "trained");
  ASSERT_FALSE(untrained);
  EXPECT_EQ(param(untrained.error(), "missing"), "child_protection");
  EXPECT_TRUE(audited("volunteer.status").empty());

  auto bad_course = app::add_course(services(), coordinator, meta(), v.id, {"x", "Курс", 0, "2026-12-01", ""});
  ASSERT_FALSE(bad_course);
  EXPECT_TRUE(has_field(bad_course.error(), "hours", "volunteer.course_hours_invalid"));
  EXPECT_TRUE(has_field(bad_course.error(), "taken_on", "volunteer.course_date_in_future"));

  auto view = course(v.id, "child_protection");
  ASSERT_TRUE(view);
  EXPECT_TRUE(view->missing_courses.empty());
  auto trained = status(v.id, "trained");
  ASSERT_TRUE(trained) << trained.error().key;
  EXPECT_EQ(trained->record.status, domain::VolunteerStatus::trained);
  EXPECT_EQ(trained->record.status_since, "2026-11-23");
  const auto entries = audited("volunteer.status");
  ASSERT_EQ(entries.size(), 1U);
  EXPECT_NE(entries.front().details.find(R"("to":"trained")"), std::string::npos) << entries.front().details;

  ASSERT_TRUE(status(v.id, "active"));
  ASSERT_TRUE(status(v.id, "paused"));
  ASSERT_TRUE(status(v.id, "left"));
  auto back = status(v.id, "active");
  ASSERT_FALSE(back);
  EXPECT_EQ(back.error().key, "volunteer.transition_not_allowed") << "left is final";
  EXPECT_EQ(param(back.error(), "from"), "left");
  auto history = app::get_volunteer(services(), coordinator, meta(), v.id);
  ASSERT_TRUE(history);
  EXPECT_EQ(history->status_history.size(), 5U) << "the creation as a candidate, then four moves";
}

TEST_P(AppVolunteers, OnlyAnActiveVolunteerWithAnAccountIsAssigned) {
  const auto c = open_active_case(spec);
  const auto fresh = candidate(volunteer.id);
  auto refused = app::assign_volunteer(services(), coordinator, meta(), c.id, fresh.id);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, util::ErrorCode::conflict);
  EXPECT_EQ(refused.error().key, "volunteer.not_active");
  EXPECT_EQ(param(refused.error(), "status"), "candidate");
  const auto no_account = candidate(std::nullopt, "Белова");
  EXPECT_EQ(app::assign_volunteer(services(), coordinator, meta(), c.id, no_account.id).error().key,
            "volunteer.no_account");
  EXPECT_TRUE(audited("case.volunteer").empty());

  for (const char* code : {"basics", "child_protection"}) {
    ASSERT_TRUE(course(fresh.id, code));
  }
  ASSERT_TRUE(status(fresh.id, "trained"));
  EXPECT_EQ(app::assign_volunteer(services(), coordinator, meta(), c.id, fresh.id).error().key, "volunteer.not_active")
      << "trained is not yet active";
  ASSERT_TRUE(status(fresh.id, "active"));
  auto members = app::assign_volunteer(services(), coordinator, meta(), c.id, fresh.id);
  ASSERT_TRUE(members) << members.error().key;
  EXPECT_TRUE(std::any_of(members->begin(), members->end(), [&](const storage::CaseMember& m) {
    return m.user_id == volunteer.id && m.member_role == "volunteer";
  }));
  ASSERT_EQ(audited("case.volunteer").size(), 1U);
  EXPECT_EQ(audited("case.volunteer").front().entity_id, c.id);

  ASSERT_TRUE(status(fresh.id, "paused"));
  const auto other = open_active_case(spec2, "Петрова");
  EXPECT_EQ(app::assign_volunteer(services(), coordinator, meta(), other.id, fresh.id).error().key,
            "volunteer.not_active");
}

TEST_P(AppVolunteers, AVolunteerLogsContactsOnlyWithTheirOwnWards) {
  const auto ward = open_active_case(spec);
  const auto stranger = open_active_case(spec2, "Петрова");
  const auto v = active_volunteer();
  ASSERT_TRUE(app::assign_volunteer(services(), coordinator, meta(), ward.id, v.id));

  auto logged = app::add_contact(services(), volunteer, meta(), v.id, {ward.id, "2026-11-22", 90, "прогулка с Петей"});
  ASSERT_TRUE(logged) << logged.error().key;
  EXPECT_EQ(logged->minutes, 90);
  EXPECT_EQ(logged->created_by, volunteer.id);
  ASSERT_EQ(audited("volunteer.contact").size(), 1U);
  EXPECT_EQ(audited("volunteer.contact").front().entity_id, ward.id);

  auto not_ward = app::add_contact(services(), volunteer, meta(), v.id, {stranger.id, "2026-11-22", 30, "звонок"});
  ASSERT_FALSE(not_ward);
  EXPECT_TRUE(has_field(not_ward.error(), "case_id", "volunteer.not_ward"));
  auto by_manager = app::add_contact(services(), coordinator, meta(), v.id, {stranger.id, "2026-11-22", 30, "звонок"});
  ASSERT_FALSE(by_manager);
  EXPECT_TRUE(has_field(by_manager.error(), "case_id", "volunteer.not_ward")) << "a manager logs for wards only too";

  const auto someone = actor(add_user("volunteer2", "volunteer", department.id));
  auto foreign = app::add_contact(services(), someone, meta(), v.id, {ward.id, "2026-11-22", 30, "звонок"});
  ASSERT_FALSE(foreign);
  EXPECT_EQ(foreign.error().key, "volunteer.not_found") << "another volunteer's record";
  EXPECT_EQ(audited("volunteer.contact").size(), 1U);
  auto view = app::get_volunteer(services(), coordinator, meta(), v.id);
  ASSERT_TRUE(view);
  EXPECT_EQ(view->contacts.size(), 1U);
}

INSTANTIATE_TEST_SUITE_P(Backends, AppVolunteers, ::testing::ValuesIn(test_backends()),
                         [](const auto& info) { return backend_name(info.param); });

} // namespace
} // namespace patronage::testing
