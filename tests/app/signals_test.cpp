#include "app/signals.hpp"

#include "app/households.hpp"
#include "app_fixture.hpp"
#include "storage/cases.hpp"
#include "storage/signals.hpp"

namespace patronage::testing {
namespace {

class AppSignals : public AppTest {
protected:
  void SetUp() override {
    region = add_unit("Region", "region");
    dept = add_unit("Department", "department", region.id);
    other = add_unit("Other department", "department", region.id);
    head = actor(add_user("head", "head", dept.id));
    specialist = actor(add_user("spec", "specialist", dept.id));
    other_specialist = actor(add_user("otherspec", "specialist", other.id));
    secretary = actor(add_user("secretary", "secretary", dept.id));
    volunteer = actor(add_user("volunteer", "volunteer", dept.id));
  }

  static app::SignalInput signal(const std::string& urgency = "urgent") {
    app::SignalInput input;
    input.received_at = "2026-11-23T08:00:00Z";
    input.source = "school";
    input.source_details = "School No. 5";
    input.reported = "The child comes to school hungry";
    input.address = "г. Самара, ул. Победы, д. 86, кв. 3";
    input.persons = {{"Щербакова", "Ольга", "Ивановна", "1985-03-14"}, {"Щербаков", "Илья", "", std::nullopt}};
    input.urgency = urgency;
    return input;
  }

  // A household with Olga in it, created by the head.
  std::string olga_household() {
    auto h = app::create_household(services(), head, meta(), {"Самара, улица Победы, дом 86, квартира 3", "", {}, "", {}});
    EXPECT_TRUE(h);
    app::PersonInput olga;
    olga.last_name = "Shcherbakova";
    olga.first_name = "Olga";
    olga.birth_date = "1985-03-14";
    olga.sex = "female";
    olga.household_role = "mother";
    auto added = app::add_person(services(), head, meta(), h->household.id, olga);
    EXPECT_TRUE(added);
    olga_id = added->member.person.id;
    return h->household.id;
  }

  std::vector<storage::SignalRecord> open_signals(const app::Actor& who) {
    return app::list_open_signals(services(), who, meta()).value_or(std::vector<storage::SignalRecord>{});
  }

  storage::UnitRecord region, dept, other;
  app::Actor head, specialist, other_specialist, secretary, volunteer;
  std::string olga_id;
};

TEST_P(AppSignals, CreateComputesTheDeadlineAndShowsDuplicates) {
  const auto household_id = olga_household();
  auto created = app::create_signal(services(), specialist, meta(), signal("urgent"));
  ASSERT_TRUE(created) << created.error().key;
  const auto& s = created->signal;
  EXPECT_EQ(s.unit_id, dept.id);
  EXPECT_EQ(s.received_at, util::parse_timestamp("2026-11-23T08:00:00Z")->time_since_epoch().count());
  EXPECT_EQ(s.deadline_at, util::parse_timestamp("2026-11-26T08:00:00Z")->time_since_epoch().count()) << "3 days";
  ASSERT_EQ(created->duplicates.persons.size(), 2U);
  ASSERT_EQ(created->duplicates.persons[0].size(), 1U);
  EXPECT_EQ(created->duplicates.persons[0][0].person_id, olga_id);
  EXPECT_TRUE(created->duplicates.persons[1].empty());
  ASSERT_EQ(created->duplicates.households.size(), 1U);
  EXPECT_EQ(created->duplicates.households[0].household_id, household_id);
  EXPECT_EQ(audited("signal.create").front().entity_id, s.id);

  auto emergency = app::create_signal(services(), specialist, meta(), signal("emergency"));
  ASSERT_TRUE(emergency);
  EXPECT_EQ(emergency->signal.deadline_at, util::parse_timestamp("2026-11-24T08:00:00Z")->time_since_epoch().count());
  // SPEC §4: routine is 10 working days: Monday 23 Nov → Monday 7 Dec.
  auto routine = app::create_signal(services(), specialist, meta(), signal("routine"));
  ASSERT_TRUE(routine);
  EXPECT_EQ(routine->signal.deadline_at, util::parse_timestamp("2026-12-07T08:00:00Z")->time_since_epoch().count());
}

TEST_P(AppSignals, BadInputNamesTheFieldsAndWritesNothing) {
  auto input = signal();
  input.received_at = "2026-11-23T10:00:00Z"; // an hour after the clock
  input.source = "rumour";
  input.urgency = "soon";
  input.reported = " ";
  input.persons[1] = {"", "", "", "2030-01-01"};
  const auto before = audit_count();
  auto created = app::create_signal(services(), specialist, meta(), input);
  ASSERT_FALSE(created);
  EXPECT_TRUE(has_field(created.error(), "received_at", "validation.date_in_future"));
  EXPECT_TRUE(has_field(created.error(), "source", "signal.source_invalid"));
  EXPECT_TRUE(has_field(created.error(), "urgency", "signal.urgency_invalid"));
  EXPECT_TRUE(has_field(created.error(), "reported", "validation.required"));
  EXPECT_TRUE(has_field(created.error(), "persons[1].last_name", "validation.required"));
  EXPECT_TRUE(has_field(created.error(), "persons[1].birth_date", "validation.date_in_future"));
  input = signal();
  input.received_at = "yesterday";
  EXPECT_TRUE(has_field(app::create_signal(services(), specialist, meta(), input).error(), "received_at",
                        "validation.timestamp_invalid"));
  input = signal();
  input.household_id = "no-such-household";
  EXPECT_TRUE(has_field(app::create_signal(services(), specialist, meta(), input).error(), "household_id",
                        "household.not_found"));
  EXPECT_EQ(audit_count(), before);
  EXPECT_TRUE(open_signals(head).empty());
}

TEST_P(AppSignals, OpenListIsSortedByDeadlineAndScopedToTheSubtree) {
  auto routine = app::create_signal(services(), specialist, meta(), signal("routine"));
  auto emergency = app::create_signal(services(), specialist, meta(), signal("emergency"));
  auto elsewhere = app::create_signal(services(), other_specialist, meta(), signal("urgent"));
  ASSERT_TRUE(routine && emergency && elsewhere);
  auto open = open_signals(specialist);
  ASSERT_EQ(open.size(), 2U);
  EXPECT_EQ(open[0].id, emergency->signal.id);
  EXPECT_EQ(open[1].id, routine->signal.id);
  EXPECT_EQ(audited("signal.list").front().user_id, specialist.id);
  EXPECT_EQ(open_signals(other_specialist).size(), 1U);

  auto denied = app::get_signal(services(), other_specialist, meta(), routine->signal.id);
  EXPECT_EQ(denied.error().code, util::ErrorCode::not_found);
  auto read = app::get_signal(services(), head, meta(), routine->signal.id);
  ASSERT_TRUE(read);
  EXPECT_EQ(audited("signal.read").front().entity_id, routine->signal.id);

  ASSERT_TRUE(app::triage_signal(services(), specialist, meta(), emergency->signal.id,
                                 {"consultation_only", "Advice given by phone", std::nullopt}));
  open = open_signals(specialist);
  ASSERT_EQ(open.size(), 1U);
  EXPECT_EQ(open[0].id, routine->signal.id);
}

TEST_P(AppSignals, TriageOpenCaseOpensACaseOnceAndTwiceIsAConflict) {
  const auto household_id = olga_household();
  auto created = app::create_signal(services(), specialist, meta(), signal());
  ASSERT_TRUE(created);
  const auto id = created->signal.id;

  auto no_household = app::triage_signal(services(), specialist, meta(), id, {"open_case", "Neglect", std::nullopt});
  EXPECT_TRUE(has_field(no_household.error(), "household_id", "validation.required"));
  auto no_reason = app::triage_signal(services(), specialist, meta(), id, {"open_case", " ", household_id});
  EXPECT_TRUE(has_field(no_reason.error(), "reason", "signal.triage_reason_required"));
  EXPECT_TRUE(has_field(app::triage_signal(services(), specialist, meta(), id, {"maybe", "x", {}}).error(), "outcome",
                        "signal.outcome_invalid"));

  clock().advance(std::chrono::hours{2});
  auto triaged = app::triage_signal(services(), specialist, meta(), id, {"open_case", "Neglect confirmed", household_id});
  ASSERT_TRUE(triaged) << triaged.error().key;
  EXPECT_EQ(triaged->triage_outcome, "open_case");
  EXPECT_EQ(triaged->triaged_by, specialist.id);
  EXPECT_EQ(triaged->household_id, household_id);
  ASSERT_TRUE(triaged->case_id);
  auto stored_case = db().transact([&](storage::Tx& tx) -> util::Result<std::optional<storage::CaseRecord>> {
    return storage::find_case(tx, *triaged->case_id);
  });
  ASSERT_TRUE(stored_case && *stored_case);
  EXPECT_EQ((*stored_case)->household_id, household_id);
  EXPECT_EQ((*stored_case)->signal_id, id);
  EXPECT_EQ((*stored_case)->lead_id, specialist.id);
  EXPECT_EQ(audited("signal.triage").front().entity_id, id);

  // The specialist now leads the case and so sees the household.
  EXPECT_TRUE(app::get_household(services(), specialist, meta(), household_id));

  auto again = app::triage_signal(services(), head, meta(), id, {"no_grounds", "Changed my mind", std::nullopt});
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, util::ErrorCode::conflict);
  EXPECT_EQ(again.error().key, "signal.already_triaged");
  auto read = app::get_signal(services(), head, meta(), id);
  EXPECT_EQ(read->signal.triage_outcome, "open_case");
}

TEST_P(AppSignals, RolesWithoutSignalRightsAreRefused) {
  EXPECT_EQ(app::create_signal(services(), volunteer, meta(), signal()).error().code, util::ErrorCode::forbidden);
  EXPECT_EQ(app::create_signal(services(), secretary, meta(), signal()).error().code, util::ErrorCode::forbidden);
  auto created = app::create_signal(services(), specialist, meta(), signal());
  ASSERT_TRUE(created);
  EXPECT_EQ(app::get_signal(services(), secretary, meta(), created->signal.id).error().code,
            util::ErrorCode::not_found);
  EXPECT_EQ(app::triage_signal(services(), volunteer, meta(), created->signal.id, {"no_grounds", "x", {}})
                .error()
                .code,
            util::ErrorCode::not_found);
  EXPECT_EQ(app::list_open_signals(services(), volunteer, meta()).error().code, util::ErrorCode::forbidden);
}

INSTANTIATE_TEST_SUITE_P(Backends, AppSignals, ::testing::ValuesIn(test_backends()),
                         [](const auto& info) { return backend_name(info.param); });

} // namespace
} // namespace patronage::testing
