#pragma once

// The shared fixture of the storage contract suite (tests/storage/contract_*_test.cpp): every repository function
// behaves the same on every backend. Each suite derives from RepositoryContract and is instantiated on SQLite and,
// when PATRONAGE_TEST_PG is set, on PostgreSQL (ARCHITECTURE.md: one contract suite runs against both backends).

#include <gtest/gtest.h>

#include <string>
#include <utility>

#include "storage/cases.hpp"
#include "storage/database.hpp"
#include "storage/households.hpp"
#include "storage/units.hpp"
#include "storage/users.hpp"
#include "support/test_db.hpp"

namespace patronage::testing {

// Runs `work` in a transaction that must commit; fails the test otherwise.
template <typename Work> auto must(storage::Database& db, Work&& work) {
  auto result = db.transact(std::forward<Work>(work));
  EXPECT_TRUE(result.has_value()) << (result ? "" : result.error().key);
  return result;
}

// A database seeded with what most rows hang on: the region "r" (/r/) with the department "d" (/r/d/), the
// specialist "lead" and the head "head" in "d", the household "h" in "d" with an adult "p-adult" who represents
// the child "p-child", and the case "k" of "h" in state `signal`, led by "lead", numbered for 2026.
class RepositoryContract : public ::testing::TestWithParam<storage::Backend> {
protected:
  RepositoryContract() : m_test_db(GetParam()) {}
  storage::Database& db() { return m_test_db.db(); }
  // The URL the database was opened with (on PostgreSQL without its schema).
  const std::string& url() const { return m_test_db.url(); }

  void SetUp() override { seed(); }

  // Runs `work` in a transaction that must fail with a conflict (a broken constraint): the error code of the
  // storage layer for a unique or foreign key violation, the same on both backends.
  template <typename Work> void expect_conflict(Work&& work) {
    auto result = db().transact([&](storage::Tx& tx) -> util::Status {
      work(tx);
      return {};
    });
    ASSERT_FALSE(result) << "the write should have broken a constraint";
    EXPECT_EQ(result.error().code, util::ErrorCode::conflict) << result.error().key;
  }

  static storage::UserRecord user(const std::string& id, domain::Role role) {
    storage::UserRecord u;
    u.id = id;
    u.login = id;
    u.full_name = "Name of " + id;
    u.role = role;
    u.unit_id = "d";
    u.password_hash = "hash-" + id;
    u.created_at = 2000;
    u.updated_at = 2000;
    return u;
  }

  static storage::PersonRecord person(const std::string& id, const std::string& household_id,
                                      const std::string& role, const std::string& birth) {
    storage::PersonRecord p;
    p.id = id;
    p.household_id = household_id;
    p.last_name = "Смирнова";
    p.first_name = id == "p-child" ? "Полина" : "Татьяна";
    p.patronymic = "Викторовна";
    p.birth_date = birth;
    p.sex = "female";
    p.household_role = role;
    p.created_at = 3000;
    p.updated_at = 3000;
    return p;
  }

  static storage::CaseRecord case_of(const std::string& id, const std::string& household_id) {
    storage::CaseRecord c;
    c.id = id;
    c.unit_id = "d";
    c.household_id = household_id;
    c.state = domain::CaseState::signal;
    c.state_entered_on = "2026-03-01";
    c.opened_on = "2026-03-01";
    c.lead_id = "lead";
    c.created_at = 4000;
    c.updated_at = 4000;
    return c;
  }

private:
  void seed() {
    must(db(), [](storage::Tx& tx) -> util::Status {
      storage::insert_unit(tx, {"r", std::nullopt, "Region", "region", "/r/", 1000});
      storage::insert_unit(tx, {"d", std::string("r"), "Department", "department", "/r/d/", 1000});
      storage::insert_user(tx, user("lead", domain::Role::specialist));
      storage::insert_user(tx, user("head", domain::Role::head));
      storage::HouseholdRecord household;
      household.id = "h";
      household.unit_id = "d";
      household.address = "г. Энск, ул. Ленина, д. 12, кв. 34";
      household.phone = "+7 912 345-67-01";
      household.categories = {"large_family", "low_income"};
      household.created_by = "head";
      household.created_at = 3000;
      household.updated_at = 3000;
      storage::insert_household(tx, household);
      auto adult = person("p-adult", "h", "mother", "1988-04-17");
      adult.represents = {"p-child"};
      storage::insert_person(tx, person("p-child", "h", "child", "2018-01-23"));
      storage::insert_person(tx, adult);
      auto record = case_of("k", "h");
      storage::insert_case(tx, record);
      return {};
    });
  }

  TestDatabase m_test_db;
};

} // namespace patronage::testing

// Instantiates the contract suite `Suite` (a RepositoryContract) on every test backend.
#define PATRONAGE_CONTRACT_BACKENDS(Suite)                                                                             \
  INSTANTIATE_TEST_SUITE_P(Backends, Suite, ::testing::ValuesIn(::patronage::testing::test_backends()),             \
                           [](const auto& info) { return ::patronage::testing::backend_name(info.param); })
