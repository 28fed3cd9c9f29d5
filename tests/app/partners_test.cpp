#include "app/partners.hpp"

#include "app_fixture.hpp"

namespace patronage::testing {
namespace {

class AppPartners : public AppCaseTest {
protected:
  // A partner of `unit_id` created by a head over it.
  std::string partner(const app::Actor& by, const std::string& unit_id, const std::string& name = "Школа № 5") {
    app::PartnerInput input;
    input.name = name;
    input.type = "school";
    input.unit_id = unit_id;
    auto created = app::create_partner(services(), by, meta(), input);
    if (!created) {
      throw std::runtime_error("create_partner failed: " + created.error().key);
    }
    return created->id;
  }

  util::Result<app::ReferralView> refer(const std::string& case_id, const std::string& partner_id,
                                        const std::string& sent_on = "2026-11-20",
                                        const std::string& due_on = "2026-12-04") {
    return app::create_referral(services(), spec, meta(), case_id, {partner_id, "обследование у логопеда", sent_on, due_on});
  }

  util::Result<app::ReferralView> set_status(const app::Actor& who, const std::string& id, const std::string& to,
                                             std::optional<std::string> response = std::nullopt) {
    return app::change_referral_status(services(), who, meta(), id, {to, std::move(response)});
  }

  std::vector<storage::OverdueReferral> overdue_for(const std::string& lead_id) {
    return db()
        .transact([&](storage::Tx& tx) -> util::Result<std::vector<storage::OverdueReferral>> {
          return app::overdue_referrals_for_lead(tx, lead_id, app::today(services()));
        })
        .value_or(std::vector<storage::OverdueReferral>{});
  }
};

TEST_P(AppPartners, AReferralMovesByTheStatusTableAndKeepsItsHistory) {
  const auto c = open_active_case(spec);
  const auto school = partner(head, centre.id);
  auto referral = refer(c.id, school);
  ASSERT_TRUE(referral) << referral.error().key;
  EXPECT_EQ(referral->record.status, domain::ReferralStatus::sent);
  EXPECT_EQ(referral->history.size(), 1U);
  ASSERT_EQ(audited("referral.create").size(), 1U);
  EXPECT_EQ(audited("referral.create").front().entity_id, c.id);
  const auto id = referral->record.id;

  auto early = set_status(spec, id, "done");
  ASSERT_FALSE(early);
  EXPECT_EQ(early.error().code, util::ErrorCode::conflict);
  EXPECT_EQ(early.error().key, "referral.transition_not_allowed");
  EXPECT_TRUE(has_field(set_status(spec, id, "lost").error(), "status", "referral.status_invalid"));
  EXPECT_TRUE(audited("referral.status").empty());

  auto accepted = set_status(spec, id, "accepted", "  примут 1 декабря ");
  ASSERT_TRUE(accepted) << accepted.error().key;
  EXPECT_EQ(accepted->record.response, "примут 1 декабря");
  ASSERT_TRUE(set_status(spec, id, "in_progress"));
  auto done = set_status(spec, id, "done", "заключение получено");
  ASSERT_TRUE(done) << done.error().key;
  EXPECT_EQ(done->history.size(), 4U);
  EXPECT_EQ(done->history.back().from_status, "in_progress");
  EXPECT_EQ(done->history.back().to_status, "done");
  for (const char* to : {"declined", "in_progress", "sent"}) {
    auto final_state = set_status(spec, id, to);
    ASSERT_FALSE(final_state) << to;
    EXPECT_EQ(final_state.error().key, "referral.transition_not_allowed") << "done is final";
  }
  const auto entries = audited("referral.status");
  ASSERT_EQ(entries.size(), 3U);
  EXPECT_NE(entries.front().details.find(R"("to":"done")"), std::string::npos) << entries.front().details;

  auto outsider = set_status(other_spec, id, "declined");
  ASSERT_FALSE(outsider);
  EXPECT_EQ(outsider.error().key, "referral.not_found");
}

TEST_P(AppPartners, ReferralDatesAndPartnersAreChecked) {
  const auto c = open_active_case(spec);
  const auto school = partner(head, centre.id);
  const auto other_head = actor(add_user("other_head", "head", other_centre.id));
  const auto elsewhere = partner(other_head, other_centre.id, "Школа другого центра");
  auto backwards = refer(c.id, school, "2026-11-20", "2026-11-19");
  ASSERT_FALSE(backwards);
  EXPECT_TRUE(has_field(backwards.error(), "due_on", "referral.due_before_sent"));
  auto foreign = refer(c.id, elsewhere);
  ASSERT_FALSE(foreign);
  EXPECT_TRUE(has_field(foreign.error(), "partner_id", "partner.not_found"));
  EXPECT_TRUE(audited("referral.create").empty());
}

TEST_P(AppPartners, AReferralIsOverdueAfterItsDueDayUntilItEnds) {
  const auto c = open_active_case(spec);
  const auto school = partner(head, centre.id);
  auto late = refer(c.id, school, "2026-11-10", "2026-11-20");
  auto today = refer(c.id, school, "2026-11-16", "2026-11-23");
  ASSERT_TRUE(late && today);
  EXPECT_TRUE(late->overdue);
  EXPECT_FALSE(today->overdue) << "due today is not yet overdue";
  auto overdue = overdue_for(spec.id);
  ASSERT_EQ(overdue.size(), 1U);
  EXPECT_EQ(overdue.front().referral.id, late->record.id);
  EXPECT_TRUE(overdue_for(spec2.id).empty()) << "only the lead's cases";

  clock().set(*util::parse_timestamp("2026-11-24T09:00:00Z"));
  auto listed = app::list_referrals(services(), spec, meta(), c.id);
  ASSERT_TRUE(listed);
  ASSERT_EQ(listed->size(), 2U);
  EXPECT_TRUE((*listed)[0].overdue && (*listed)[1].overdue);
  EXPECT_EQ(overdue_for(spec.id).size(), 2U);

  ASSERT_TRUE(set_status(spec, late->record.id, "declined", "нет мест"));
  auto accepted = set_status(spec, today->record.id, "accepted");
  ASSERT_TRUE(accepted);
  EXPECT_TRUE(accepted->overdue) << "accepted but not finished";
  overdue = overdue_for(spec.id);
  ASSERT_EQ(overdue.size(), 1U) << "a declined referral is over";
  EXPECT_EQ(overdue.front().referral.id, today->record.id);
}

INSTANTIATE_TEST_SUITE_P(Backends, AppPartners, ::testing::ValuesIn(test_backends()),
                         [](const auto& info) { return backend_name(info.param); });

} // namespace
} // namespace patronage::testing
