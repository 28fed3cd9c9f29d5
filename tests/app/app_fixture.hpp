#pragma once

#include <gtest/gtest.h>

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "app/auth.hpp"
#include "app/case_due.hpp"
#include "app/cases.hpp"
#include "app/clock.hpp"
#include "app/context.hpp"
#include "app/households.hpp"
#include "app/units.hpp"
#include "app/users.hpp"
#include "storage/audit.hpp"
#include "storage/cases.hpp"
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
    if (auto kept = app::keep_case_due(m_services); !kept) {
      throw std::runtime_error("keep_case_due failed: " + kept.error().key);
    }
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

  // The value of the error's param `name`; empty when it has none.
  static std::string param(const util::Error& error, const std::string& name) {
    for (const auto& [key, value] : error.params) {
      if (key == name) {
        return value;
      }
    }
    return "";
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

// The staff a case needs (as tests/http/lifecycle_fixture.hpp): a region with a centre (its head and secretary),
// a department of the centre (two specialists, an expert, a volunteer, a coordinator), and another centre with
// its own specialist; and families of the department whose cases the test opens.
class AppCaseTest : public AppTest {
protected:
  void SetUp() override {
    region = add_unit("Region", "region");
    centre = add_unit("Centre", "institution", region.id);
    department = add_unit("Department", "department", centre.id);
    other_centre = add_unit("Other centre", "institution", region.id);
    head = actor(add_user("head", "head", centre.id));
    secretary = actor(add_user("secretary", "secretary", centre.id));
    spec = actor(add_user("spec", "specialist", department.id));
    spec2 = actor(add_user("spec2", "specialist", department.id));
    expert = actor(add_user("expert", "expert", department.id));
    volunteer = actor(add_user("volunteer", "volunteer", department.id));
    coordinator = actor(add_user("coordinator", "coordinator", department.id));
    other_spec = actor(add_user("other_spec", "specialist", other_centre.id));
  }

  // A household of the department with a mother (adult) who represents her minor son.
  struct Family {
    std::string household;
    std::string mother;
    std::string child;
  };

  Family add_family(const std::string& last_name = "Иванова") {
    auto household = app::create_household(services(), head, meta(),
                                            {"г. Энск, ул. Ленина, д. 1", "", {}, "", department.id});
    if (!household) {
      throw std::runtime_error("add_family failed: " + household.error().key);
    }
    Family family{household->household.id, "", ""};
    app::PersonInput son;
    son.last_name = last_name;
    son.first_name = "Пётр";
    son.birth_date = "2015-05-05";
    son.sex = "male";
    son.household_role = "child";
    family.child = added_person(family.household, son);
    app::PersonInput mum;
    mum.last_name = last_name;
    mum.first_name = "Анна";
    mum.birth_date = "1990-01-01";
    mum.sex = "female";
    mum.household_role = "mother";
    mum.represents = {family.child};
    family.mother = added_person(family.household, mum);
    return family;
  }

  struct ActiveCase {
    std::string id;
    std::string consent_id;
    Family family;
  };

  // A case of a new family opened by `lead` (a specialist) on the clock's day, with the mother's consent for
  // her son and a signed register decision (intensive, six months), moved signal → assessment →
  // awaiting_decision → active.
  ActiveCase open_active_case(const app::Actor& lead, const std::string& last_name = "Иванова") {
    ActiveCase c;
    c.family = add_family(last_name);
    c.id = ok(app::open_case(services(), lead, meta(), c.family.household), "open_case").id;
    const std::string day = util::format_date(app::today(services()));
    app::ConsentInput consent{c.family.mother, {c.family.child}, "patronage", day, std::nullopt, std::nullopt};
    c.consent_id = ok(app::add_consent(services(), lead, meta(), c.id, consent), "add_consent").id;
    const auto recorded =
        ok(app::record_decision(services(), secretary, meta(), c.id, register_decision(c.id, lead)), "record_decision");
    ok(app::sign_decision(services(), secretary, meta(), recorded.id), "sign_decision");
    for (const char* to : {"assessment", "awaiting_decision", "active"}) {
      ok(app::transition_case(services(), lead, meta(), c.id, {to, "по плану работы", ""}), to);
    }
    return c;
  }

  // A council's decision of the clock's day to register case `case_id` under intensive patronage for six months,
  // led by `lead`.
  domain::DecisionDraft register_decision(const std::string& case_id, const app::Actor& lead) {
    domain::DecisionDraft decision;
    decision.case_id = case_id;
    decision.meeting_date = app::today(services());
    decision.protocol_number = "17";
    decision.members_present = {"Соколова М. П."};
    decision.kind = domain::DecisionKind::register_case;
    decision.grounds = "заключение консилиума";
    decision.patronage_types = {domain::PatronageType::psychological};
    decision.lead_specialist_id = lead.id;
    decision.intensity = domain::PatronageIntensity::intensive;
    decision.planned_end = util::Date{std::chrono::year_month_day{*decision.meeting_date} + std::chrono::months{6}};
    return decision;
  }

  // The case as stored.
  storage::CaseRecord stored_case(const std::string& id) {
    auto found = db().transact([&](storage::Tx& tx) -> util::Result<std::optional<storage::CaseRecord>> {
      return storage::find_case(tx, id);
    });
    if (!found || !*found) {
      throw std::runtime_error("no case " + id);
    }
    return **found;
  }

  storage::UnitRecord region, centre, department, other_centre;
  app::Actor head, secretary, spec, spec2, expert, volunteer, coordinator, other_spec;

private:
  template <typename T> static T ok(util::Result<T> result, const std::string& what) {
    if (!result) {
      std::string fields;
      for (const auto& f : result.error().fields) {
        fields += " " + f.field + ":" + f.reason;
      }
      throw std::runtime_error(what + " failed: " + result.error().key + fields);
    }
    return std::move(*result);
  }

  std::string added_person(const std::string& household_id, const app::PersonInput& input) {
    return ok(app::add_person(services(), head, meta(), household_id, input), "add_person").member.person.id;
  }
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
