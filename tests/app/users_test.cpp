// Staff accounts: validation, the unit subtree as the limit of what one sees
// and manages, session revocation, and the audit of every read (SPEC §1, §11).
#include <gtest/gtest.h>

#include <algorithm>

#include "app/app_fixture.hpp"
#include "app/auth.hpp"
#include "app/users.hpp"

namespace patronage::testing {
namespace {

using util::ErrorCode;

std::vector<std::string> logins_of(const std::vector<storage::UserRecord>& users) {
  std::vector<std::string> out;
  for (const auto& user : users) {
    out.push_back(user.login);
  }
  return out;
}

// region r → institutions i, j; i → departments a, b.
class Users : public AppTest {
protected:
  Users()
      : m_r(add_unit("Region", "region")), m_i(add_unit("Centre", "institution", m_r.id)),
        m_j(add_unit("Other centre", "institution", m_r.id)), m_a(add_unit("Dept A", "department", m_i.id)),
        m_b(add_unit("Dept B", "department", m_i.id)), m_admin_i(add_user("admin.i", "admin", m_i.id)),
        m_admin_a(add_user("admin.a", "admin", m_a.id)), m_head_i(add_user("head.i", "head", m_i.id)),
        m_head_a(add_user("head.a", "head", m_a.id)), m_spec_a(add_user("spec.a", "specialist", m_a.id)),
        m_spec_b(add_user("spec.b", "specialist", m_b.id)), m_spec_j(add_user("spec.j", "specialist", m_j.id)),
        m_auditor_i(add_user("auditor.i", "auditor", m_i.id)) {}

  app::NewUser new_user(const std::string& login, const std::string& role, const std::string& unit_id) {
    return {login, "Full name", role, unit_id, "not-a-real-hash"};
  }

  storage::UnitRecord m_r, m_i, m_j, m_a, m_b;
  storage::UserRecord m_admin_i, m_admin_a, m_head_i, m_head_a, m_spec_a, m_spec_b, m_spec_j, m_auditor_i;
};

TEST_P(Users, CreateUserValidatesEveryField) {
  const int users_before = count_users();
  const long long audit_before = audit_count();
  auto result = app::create_user(services(), actor(m_admin_a), meta(), {"Bad Login", "", "boss", "", "h"});
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::invalid);
  EXPECT_EQ(result.error().key, "validation.failed");
  EXPECT_EQ(result.error().fields.size(), 4U);
  EXPECT_TRUE(has_field(result.error(), "login", "user.login_invalid"));
  EXPECT_TRUE(has_field(result.error(), "full_name", "validation.required"));
  EXPECT_TRUE(has_field(result.error(), "role", "user.role_invalid"));
  EXPECT_TRUE(has_field(result.error(), "unit_id", "validation.required"));
  EXPECT_EQ(count_users(), users_before);
  EXPECT_EQ(audit_count(), audit_before) << "bad input changes nothing";
}

TEST_P(Users, LoginFormat) {
  for (const std::string& bad :
       std::vector<std::string>{"ab", "Alice", "al ice", "alice@x", std::string(65, 'a'), "иван", ""}) {
    auto result = app::create_user(services(), actor(m_admin_a), meta(), new_user(bad, "specialist", m_a.id));
    ASSERT_FALSE(result) << bad;
    EXPECT_TRUE(has_field(result.error(), "login", "user.login_invalid")) << bad;
  }
  for (const std::string& good : std::vector<std::string>{"abc", "ivan.petrov", "a_b-c.9", std::string(64, 'z')}) {
    auto result = app::create_user(services(), actor(m_admin_a), meta(), new_user(good, "specialist", m_a.id));
    EXPECT_TRUE(result) << good << ": " << (result ? "" : result.error().key);
  }
}

TEST_P(Users, NameTooLongAndUnknownUnit) {
  auto long_name = app::create_user(services(), actor(m_admin_a), meta(),
                                    {"newbie", std::string(201, 'n'), "specialist", m_a.id, "h"});
  ASSERT_FALSE(long_name);
  EXPECT_TRUE(has_field(long_name.error(), "full_name", "validation.too_long"));
  auto ghost = app::create_user(services(), actor(m_admin_a), meta(), new_user("newbie", "specialist", "ghost"));
  ASSERT_FALSE(ghost);
  EXPECT_EQ(ghost.error().code, ErrorCode::invalid);
  EXPECT_TRUE(has_field(ghost.error(), "unit_id", "unit.not_found"));
}

TEST_P(Users, CreateUserStoresAndAudits) {
  clock().advance(std::chrono::hours{1});
  auto created = app::create_user(services(), actor(m_admin_i), meta(), new_user("newbie", "expert", m_a.id));
  ASSERT_TRUE(created) << created.error().key;
  EXPECT_EQ(created->id.size(), 20U);
  EXPECT_EQ(created->login, "newbie");
  EXPECT_EQ(created->role, domain::Role::expert);
  EXPECT_EQ(created->unit_id, m_a.id);
  EXPECT_EQ(created->unit_path, m_a.path);
  EXPECT_FALSE(created->disabled);
  EXPECT_EQ(created->created_at, now());

  auto stored = find_user(created->id);
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->login, "newbie");
  EXPECT_EQ(stored->password_hash, "not-a-real-hash");
  EXPECT_EQ(stored->unit_name, "Dept A");

  auto entries = audited("user.create");
  ASSERT_FALSE(entries.empty());
  EXPECT_EQ(entries[0].user_id, m_admin_i.id);
  EXPECT_EQ(entries[0].entity_id, created->id);
  EXPECT_EQ(entries[0].details, R"({"role":"expert","unit_id":")" + m_a.id + R"("})");
  EXPECT_EQ(entries[0].details.find("newbie"), std::string::npos) << "no personal data in the audit details";
}

TEST_P(Users, LoginTaken) {
  const int before = count_users();
  auto again = app::create_user(services(), actor(m_admin_i), meta(), new_user("spec.a", "specialist", m_b.id));
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::invalid);
  EXPECT_TRUE(has_field(again.error(), "login", "user.login_taken"));
  EXPECT_EQ(count_users(), before);
}

TEST_P(Users, AdminCannotCreateInASiblingUnit) {
  const int before = count_users();
  auto result = app::create_user(services(), actor(m_admin_a), meta(), new_user("newbie", "specialist", m_b.id));
  ASSERT_FALSE(result);
  const auto& e = result.error();
  EXPECT_TRUE(e.code == ErrorCode::forbidden || e.code == ErrorCode::not_found ||
              has_field(e, "unit_id", "unit.not_found"))
      << e.key;
  EXPECT_FALSE(has_field(e, "login", "user.login_taken"));
  EXPECT_EQ(count_users(), before);

  auto parent = app::create_user(services(), actor(m_admin_a), meta(), new_user("newbie", "specialist", m_i.id));
  ASSERT_FALSE(parent) << "nor in the parent unit";
  EXPECT_EQ(count_users(), before);
}

TEST_P(Users, OnlyAdminsCreateUsers) {
  for (const auto* who : {&m_head_a, &m_spec_a, &m_auditor_i}) {
    auto result = app::create_user(services(), actor(*who), meta(), new_user("newbie", "specialist", m_a.id));
    ASSERT_FALSE(result) << who->login;
    EXPECT_EQ(result.error().code, ErrorCode::forbidden) << who->login;
  }
}

TEST_P(Users, HeadListsOnlyTheirSubtree) {
  auto head_i = app::list_users(services(), actor(m_head_i), meta());
  ASSERT_TRUE(head_i);
  EXPECT_EQ(logins_of(*head_i), (std::vector<std::string>{"admin.a", "admin.i", "auditor.i", "head.a", "head.i",
                                                          "spec.a", "spec.b"}));
  auto head_a = app::list_users(services(), actor(m_head_a), meta());
  ASSERT_TRUE(head_a);
  EXPECT_EQ(logins_of(*head_a), (std::vector<std::string>{"admin.a", "head.a", "spec.a"}));

  auto entries = audited("user.list");
  ASSERT_EQ(entries.size(), 2U);
  EXPECT_EQ(entries[0].user_id, m_head_a.id);
  EXPECT_EQ(entries[0].details, R"({"count":3})");
  EXPECT_EQ(entries[1].user_id, m_head_i.id);
  EXPECT_EQ(entries[1].details, R"({"count":7})");
}

TEST_P(Users, SpecialistListsOnlyThemselves) {
  auto list = app::list_users(services(), actor(m_spec_a), meta());
  ASSERT_TRUE(list);
  EXPECT_EQ(logins_of(*list), (std::vector<std::string>{"spec.a"}));
}

TEST_P(Users, GetUserOutsideTheSubtreeIsNotFound) {
  auto outside = app::get_user(services(), actor(m_head_a), meta(), m_spec_b.id);
  ASSERT_FALSE(outside);
  EXPECT_EQ(outside.error().code, ErrorCode::not_found);
  EXPECT_EQ(outside.error().key, "user.not_found");

  auto missing = app::get_user(services(), actor(m_head_a), meta(), "no-such-id");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::not_found) << "the same answer, so ids cannot be probed";
  EXPECT_EQ(missing.error().key, outside.error().key);

  auto by_login = app::get_user_by_login(services(), actor(m_head_a), meta(), "spec.j");
  ASSERT_FALSE(by_login);
  EXPECT_EQ(by_login.error().code, ErrorCode::not_found);
  auto no_login = app::get_user_by_login(services(), actor(m_head_a), meta(), "nobody");
  ASSERT_FALSE(no_login);
  EXPECT_EQ(no_login.error().key, by_login.error().key);

  auto peer = app::get_user(services(), actor(m_spec_a), meta(), m_head_a.id);
  ASSERT_FALSE(peer) << "a specialist does not read colleagues' accounts";
  EXPECT_EQ(peer.error().code, ErrorCode::not_found);

  EXPECT_TRUE(audited("user.read").empty()) << "refused reads leave no read entry";
}

TEST_P(Users, GetUserInsideTheSubtreeIsAudited) {
  auto read = app::get_user(services(), actor(m_head_i), meta(), m_spec_b.id);
  ASSERT_TRUE(read) << read.error().key;
  EXPECT_EQ(read->login, "spec.b");
  auto self = app::get_user(services(), actor(m_spec_a), meta(), m_spec_a.id);
  ASSERT_TRUE(self) << "everyone reads their own account";
  auto by_login = app::get_user_by_login(services(), actor(m_auditor_i), meta(), "head.a");
  ASSERT_TRUE(by_login);
  EXPECT_EQ(by_login->id, m_head_a.id);

  auto entries = audited("user.read");
  ASSERT_EQ(entries.size(), 3U);
  EXPECT_EQ(entries[2].user_id, m_head_i.id);
  EXPECT_EQ(entries[2].entity, "user");
  EXPECT_EQ(entries[2].entity_id, m_spec_b.id);
  EXPECT_EQ(entries[1].user_id, m_spec_a.id);
  EXPECT_EQ(entries[1].entity_id, m_spec_a.id);
  EXPECT_EQ(entries[0].user_id, m_auditor_i.id);
  EXPECT_EQ(entries[0].entity_id, m_head_a.id);
}

TEST_P(Users, SetDisabledRevokesSessions) {
  auto first = sign_in("spec.a");
  auto second = sign_in("spec.a");
  auto other = sign_in("spec.b");
  ASSERT_TRUE(first && second && other);
  clock().advance(std::chrono::minutes{1});
  ASSERT_TRUE(app::set_disabled(services(), actor(m_admin_a), meta(), m_spec_a.id, true));
  EXPECT_TRUE(find_user(m_spec_a.id)->disabled);
  EXPECT_EQ(find_session_by_token(first->session_token)->revoked_at, std::optional<long long>(now()));
  EXPECT_EQ(find_session_by_token(second->session_token)->revoked_at, std::optional<long long>(now()));
  EXPECT_FALSE(find_session_by_token(other->session_token)->revoked_at);
  EXPECT_FALSE(app::authenticate(services(), first->session_token));
  auto entries = audited("user.disable");
  ASSERT_EQ(entries.size(), 1U);
  EXPECT_EQ(entries[0].user_id, m_admin_a.id);
  EXPECT_EQ(entries[0].entity_id, m_spec_a.id);

  ASSERT_TRUE(app::set_disabled(services(), actor(m_admin_a), meta(), m_spec_a.id, false));
  EXPECT_FALSE(find_user(m_spec_a.id)->disabled);
  EXPECT_EQ(audited("user.enable").size(), 1U);
  EXPECT_TRUE(sign_in("spec.a")) << "an enabled account signs in again";
  EXPECT_FALSE(app::authenticate(services(), first->session_token)) << "old sessions stay revoked";
}

TEST_P(Users, SetPasswordRevokesSessions) {
  auto session = sign_in("spec.a");
  ASSERT_TRUE(session);
  const std::string new_password = "brand-new-secret-2";
  ASSERT_TRUE(app::set_password(services(), actor(m_admin_i), meta(), m_spec_a.id,
                                util::hash_password(new_password, k_cheap_cost)));
  EXPECT_TRUE(find_session_by_token(session->session_token)->revoked_at);
  EXPECT_FALSE(app::authenticate(services(), session->session_token));
  EXPECT_FALSE(sign_in("spec.a")) << "the old password no longer works";
  EXPECT_TRUE(sign_in("spec.a", new_password));
  auto entries = audited("user.password_set");
  ASSERT_EQ(entries.size(), 1U);
  EXPECT_EQ(entries[0].user_id, m_admin_i.id);
  EXPECT_EQ(entries[0].entity_id, m_spec_a.id);
  EXPECT_EQ(entries[0].details.find("hash"), std::string::npos);
}

TEST_P(Users, CannotDisableSelf) {
  auto result = app::set_disabled(services(), actor(m_admin_a), meta(), m_admin_a.id, true);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::conflict);
  EXPECT_EQ(result.error().key, "user.cannot_disable_self");
  EXPECT_FALSE(find_user(m_admin_a.id)->disabled);
}

TEST_P(Users, ManagingOutsideTheSubtreeOrWithoutTheRoleIsRefused) {
  auto sibling = app::set_disabled(services(), actor(m_admin_a), meta(), m_spec_b.id, true);
  ASSERT_FALSE(sibling);
  EXPECT_EQ(sibling.error().code, ErrorCode::not_found);
  auto parent = app::set_password(services(), actor(m_admin_a), meta(), m_head_i.id, "h");
  ASSERT_FALSE(parent);
  EXPECT_EQ(parent.error().code, ErrorCode::not_found);
  auto head = app::set_disabled(services(), actor(m_head_a), meta(), m_spec_a.id, true);
  ASSERT_FALSE(head);
  EXPECT_EQ(head.error().code, ErrorCode::forbidden) << "heads see their staff but do not manage accounts";
  auto auditor = app::revoke_sessions(services(), actor(m_auditor_i), meta(), m_spec_a.id);
  ASSERT_FALSE(auditor);
  EXPECT_EQ(auditor.error().code, ErrorCode::forbidden);
  EXPECT_FALSE(find_user(m_spec_b.id)->disabled);
  EXPECT_FALSE(find_user(m_spec_a.id)->disabled);
  EXPECT_EQ(find_user(m_head_i.id)->password_hash, m_head_i.password_hash);
}

TEST_P(Users, RevokeSessionsCountsAndAudits) {
  ASSERT_TRUE(sign_in("spec.a"));
  ASSERT_TRUE(sign_in("spec.a"));
  auto revoked = app::revoke_sessions(services(), actor(m_admin_a), meta(), m_spec_a.id);
  ASSERT_TRUE(revoked);
  EXPECT_EQ(*revoked, 2);
  auto again = app::revoke_sessions(services(), actor(m_admin_a), meta(), m_spec_a.id);
  ASSERT_TRUE(again);
  EXPECT_EQ(*again, 0);
  auto entries = audited("user.sessions_revoke");
  ASSERT_EQ(entries.size(), 2U);
  EXPECT_EQ(entries[1].details, R"({"count":2})");
  EXPECT_EQ(entries[0].details, R"({"count":0})");
}

INSTANTIATE_TEST_SUITE_P(Backends, Users, ::testing::ValuesIn(test_backends()),
                         [](const auto& info) { return backend_name(info.param); });

} // namespace
} // namespace patronage::testing
