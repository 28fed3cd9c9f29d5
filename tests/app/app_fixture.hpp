#pragma once

#include <gtest/gtest.h>

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "app/auth.hpp"
#include "app/context.hpp"
#include "app/units.hpp"
#include "app/users.hpp"
#include "storage/audit.hpp"
#include "storage/sessions.hpp"
#include "storage/users.hpp"
#include "support/test_db.hpp"
#include "util/crypto.hpp"
#include "util/password.hpp"
#include "util/time.hpp"

namespace patronage::testing {

// Use cases called directly (no HTTP) on a fresh database of the test's
// backend, with a clock the test moves.
class AppTest : public ::testing::TestWithParam<storage::Backend> {
protected:
  static constexpr util::PasswordCost k_cheap_cost{1, size_t{1} << 16};
  static constexpr auto k_password = "correct-horse-1";

  AppTest()
      : m_db(GetParam()), m_clock(*util::parse_timestamp("2026-11-23T09:00:00Z")),
        m_services{m_db.db(), m_clock, m_settings} {
    m_settings.auth.password_cost = k_cheap_cost; // the fixture's users are hashed at it: no rehash
  }

  storage::Database& db() { return m_db.db(); }
  util::FixedClock& clock() { return m_clock; }
  app::Settings& settings() { return m_settings; }
  const app::Services& services() const { return m_services; }
  const app::RequestMeta& meta() const { return m_meta; }
  long long now() const { return m_clock.now().time_since_epoch().count(); }

  // A unit created by the command line; returns it.
  storage::UnitRecord add_unit(const std::string& name, const std::string& kind,
                               const std::optional<std::string>& parent_id = std::nullopt) {
    auto unit = app::create_unit(m_services, app::command_line_actor(), m_meta, {name, kind, parent_id});
    if (!unit) {
      throw std::runtime_error("add_unit failed: " + unit.error().key);
    }
    return *unit;
  }

  // A user created by the command line with a cheap password hash; returns it.
  storage::UserRecord add_user(const std::string& login, const std::string& role, const std::string& unit_id,
                               const std::string& password = k_password) {
    app::NewUser input{login, "Name of " + login, role, unit_id, util::hash_password(password, k_cheap_cost)};
    auto user = app::create_user(m_services, app::command_line_actor(), m_meta, input);
    if (!user) {
      throw std::runtime_error("add_user failed: " + user.error().key);
    }
    return *user;
  }

  static app::Actor actor(const storage::UserRecord& user) { return app::actor_of(user); }

  // The whole sign-in as the HTTP layer runs it: prepare, check, complete.
  util::Result<app::SignedIn> sign_in(const std::string& login, const std::string& password = k_password) {
    auto attempt = app::prepare_login(m_services, login, password, m_meta);
    if (!attempt) {
      return util::fail(attempt.error());
    }
    const auto check = app::check_password(m_settings.auth, *attempt, password);
    return app::complete_login(m_services, *attempt, check, m_meta);
  }

  std::optional<storage::UserRecord> find_user(const std::string& id) {
    return db()
        .transact([&](storage::Tx& tx) -> util::Result<std::optional<storage::UserRecord>> {
          return storage::find_user(tx, id);
        })
        .value_or(std::nullopt);
  }

  std::optional<storage::SessionRecord> find_session_by_token(const std::string& token);

  std::optional<storage::ThrottleRecord> find_throttle(const std::string& key) {
    return db()
        .transact([&](storage::Tx& tx) -> util::Result<std::optional<storage::ThrottleRecord>> {
          return storage::find_throttle(tx, key);
        })
        .value_or(std::nullopt);
  }

  // Audit entries, newest first.
  std::vector<storage::AuditEntry> audit_entries(storage::AuditFilter filter = {}) {
    filter.limit = 1000;
    return db()
        .transact([&](storage::Tx& tx) -> util::Result<std::vector<storage::AuditEntry>> {
          return storage::list_audit(tx, filter);
        })
        .value_or(std::vector<storage::AuditEntry>{});
  }

  // Entries with `action`, newest first.
  std::vector<storage::AuditEntry> audited(const std::string& action) {
    std::vector<storage::AuditEntry> out;
    for (auto& entry : audit_entries()) {
      if (entry.action == action) {
        out.push_back(std::move(entry));
      }
    }
    return out;
  }

  long long audit_count() { return static_cast<long long>(audit_entries().size()); }

  storage::AuditVerification verify_chain() {
    return db()
        .transact([](storage::Tx& tx) -> util::Result<storage::AuditVerification> { return storage::verify_audit(tx); })
        .value_or(storage::AuditVerification{false, 0, 0, "transaction_failed"});
  }

  int count_users() {
    return db().transact([](storage::Tx& tx) -> util::Result<int> { return storage::count_users(tx); }).value_or(-1);
  }

  // True when `error` is a validation error naming `field` with `reason`.
  static bool has_field(const util::Error& error, const std::string& field, const std::string& reason) {
    for (const auto& f : error.fields) {
      if (f.field == field && f.reason == reason) {
        return true;
      }
    }
    return false;
  }

private:
  TestDatabase m_db;
  util::FixedClock m_clock;
  app::Settings m_settings;
  app::Services m_services;
  app::RequestMeta m_meta{"10.0.0.1", "req-1"};
};

inline std::optional<storage::SessionRecord> AppTest::find_session_by_token(const std::string& token) {
  const std::string hash = util::sha256_hex(token);
  return db()
      .transact([&](storage::Tx& tx) -> util::Result<std::optional<storage::SessionRecord>> {
        return storage::find_session(tx, hash);
      })
      .value_or(std::nullopt);
}

} // namespace patronage::testing
