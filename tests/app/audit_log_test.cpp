// Reading and verifying the audit log (SPEC §11: every read and change is
// logged, tamper-evident; auditors see the log, not personal data).
#include <gtest/gtest.h>

#include "app/app_fixture.hpp"
#include "app/audit_log.hpp"
#include "app/users.hpp"

namespace patronage::testing {
namespace {

using util::ErrorCode;

class AuditLog : public AppTest {
protected:
  AuditLog()
      : m_unit(add_unit("Region", "region")), m_admin(add_user("admin", "admin", m_unit.id)),
        m_auditor(add_user("auditor", "auditor", m_unit.id)), m_head(add_user("head", "head", m_unit.id)),
        m_spec(add_user("spec", "specialist", m_unit.id)), m_vol(add_user("vol", "volunteer", m_unit.id)),
        m_secretary(add_user("secretary", "secretary", m_unit.id)),
        m_coordinator(add_user("coordinator", "coordinator", m_unit.id)),
        m_expert(add_user("expert", "expert", m_unit.id)) {}

  storage::UnitRecord m_unit;
  storage::UserRecord m_admin, m_auditor, m_head, m_spec, m_vol, m_secretary, m_coordinator, m_expert;
};

TEST_P(AuditLog, OnlyAdminsAndAuditorsRead) {
  for (const auto* who : {&m_admin, &m_auditor}) {
    auto entries = app::read_audit_log(services(), actor(*who), meta(), {});
    ASSERT_TRUE(entries) << who->login;
    EXPECT_FALSE(entries->empty()) << who->login;
  }
  const long long before = audit_count();
  for (const auto* who : {&m_head, &m_spec, &m_vol, &m_secretary, &m_coordinator, &m_expert}) {
    auto entries = app::read_audit_log(services(), actor(*who), meta(), {});
    ASSERT_FALSE(entries) << who->login;
    EXPECT_EQ(entries.error().code, ErrorCode::forbidden) << who->login;
  }
  EXPECT_EQ(audit_count(), before);
}

TEST_P(AuditLog, ReadingIsAuditedAfterTheRead) {
  const long long before = audit_count();
  auto entries = app::read_audit_log(services(), actor(m_auditor), meta(), {});
  ASSERT_TRUE(entries);
  EXPECT_EQ(static_cast<long long>(entries->size()), before) << "the result does not include its own read entry";
  auto reads = audited("audit.read");
  ASSERT_EQ(reads.size(), 1U);
  EXPECT_EQ(reads[0].user_id, m_auditor.id);
  EXPECT_EQ(reads[0].entity, "audit_log");
  EXPECT_EQ(reads[0].address, "10.0.0.1");
}

TEST_P(AuditLog, FilterIsApplied) {
  ASSERT_TRUE(app::get_user(services(), actor(m_head), meta(), m_spec.id));
  ASSERT_TRUE(app::get_user(services(), actor(m_admin), meta(), m_spec.id));
  storage::AuditFilter filter;
  filter.user_id = m_head.id;
  auto by_head = app::read_audit_log(services(), actor(m_auditor), meta(), filter);
  ASSERT_TRUE(by_head);
  ASSERT_EQ(by_head->size(), 1U);
  EXPECT_EQ(by_head->at(0).action, "user.read");
  EXPECT_EQ(by_head->at(0).entity_id, m_spec.id);

  filter = {};
  filter.entity = "user";
  filter.entity_id = m_spec.id;
  auto about_spec = app::read_audit_log(services(), actor(m_auditor), meta(), filter);
  ASSERT_TRUE(about_spec);
  ASSERT_EQ(about_spec->size(), 3U) << "created, read by head, read by admin";
  EXPECT_EQ(about_spec->at(0).user_id, m_admin.id);
  EXPECT_EQ(about_spec->at(1).user_id, m_head.id);
  EXPECT_EQ(about_spec->at(2).action, "user.create");

  filter = {};
  filter.limit = 2;
  auto two = app::read_audit_log(services(), actor(m_auditor), meta(), filter);
  ASSERT_TRUE(two);
  EXPECT_EQ(two->size(), 2U);
}

TEST_P(AuditLog, VerifyIsForAdminsAndAuditorsOnly) {
  for (const auto* who : {&m_admin, &m_auditor}) {
    auto report = app::verify_audit_log(services(), actor(*who));
    ASSERT_TRUE(report) << who->login;
    EXPECT_TRUE(report->ok) << who->login;
    EXPECT_EQ(report->checked, audit_count());
  }
  for (const auto* who : {&m_spec, &m_head, &m_vol}) {
    auto report = app::verify_audit_log(services(), actor(*who));
    ASSERT_FALSE(report) << who->login;
    EXPECT_EQ(report.error().code, ErrorCode::forbidden) << who->login;
  }
}

TEST_P(AuditLog, UseCasesKeepTheChainVerifiable) {
  ASSERT_TRUE(sign_in("spec"));
  ASSERT_FALSE(sign_in("spec", "wrong-password"));
  ASSERT_TRUE(app::list_users(services(), actor(m_head), meta()));
  ASSERT_TRUE(app::set_disabled(services(), actor(m_admin), meta(), m_vol.id, true));
  ASSERT_FALSE(app::set_disabled(services(), actor(m_admin), meta(), m_admin.id, true));
  ASSERT_TRUE(app::read_audit_log(services(), actor(m_auditor), meta(), {}));
  auto report = app::verify_audit_log(services(), actor(m_auditor));
  ASSERT_TRUE(report);
  EXPECT_TRUE(report->ok) << report->problem << " at " << report->bad_seq;
  EXPECT_EQ(report->checked, audit_count());
  // 1 unit + 8 users + login + failed login + list + disable + audit read.
  EXPECT_EQ(report->checked, 14);
}

INSTANTIATE_TEST_SUITE_P(Backends, AuditLog, ::testing::ValuesIn(test_backends()),
                         [](const auto& info) { return backend_name(info.param); });

} // namespace
} // namespace patronage::testing
