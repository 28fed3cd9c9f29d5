// SPEC §1, §11: who may be named to a place on a case or beside it — the unit line and the role of the place.
#include "domain/staff.hpp"

#include <gtest/gtest.h>

#include <array>
#include <optional>
#include <vector>

#include "domain/policy.hpp"

namespace patronage::domain {
namespace {

constexpr std::array k_every_role{Role::admin,       Role::head,      Role::specialist, Role::expert,
                             Role::secretary,   Role::coordinator, Role::volunteer, Role::auditor};

std::vector<Role> fitting(StaffPlace place) {
  std::vector<Role> out;
  for (const auto role : k_every_role) {
    if (role_fits(place, role)) {
      out.push_back(role);
    }
  }
  return out;
}

} // namespace

TEST(UnitLine, IsTheSameUnitOrOneAboveTheOther) {
  EXPECT_TRUE(in_unit_line("/r/a/", "/r/a/"));
  EXPECT_TRUE(in_unit_line("/r/", "/r/a/b/")) << "a region's staff serve its departments";
  EXPECT_TRUE(in_unit_line("/r/a/b/", "/r/")) << "and a department's staff the region's records";
  EXPECT_FALSE(in_unit_line("/r/a/", "/r/b/")) << "siblings are not one line";
  EXPECT_FALSE(in_unit_line("/r/a/", "/r/ab/")) << "a shared text prefix is not a subtree";
  EXPECT_FALSE(in_unit_line("", "/r/"));
  EXPECT_FALSE(in_unit_line("/r/", ""));
}

TEST(StaffPlaces, EachPlaceTakesItsRoles) {
  EXPECT_EQ(fitting(StaffPlace::lead), (std::vector{Role::head, Role::specialist}));
  EXPECT_EQ(fitting(StaffPlace::team_member), (std::vector{Role::specialist, Role::expert}));
  EXPECT_EQ(fitting(StaffPlace::foster_educator), (std::vector{Role::specialist, Role::expert}));
  EXPECT_EQ(fitting(StaffPlace::case_volunteer), (std::vector{Role::volunteer}));
  EXPECT_EQ(fitting(StaffPlace::coordinator), (std::vector{Role::head, Role::coordinator}));
  EXPECT_EQ(fitting(StaffPlace::measure_specialist), (std::vector{Role::head, Role::specialist, Role::expert}));
  EXPECT_EQ(fitting(StaffPlace::visit_participant),
            (std::vector{Role::head, Role::specialist, Role::expert, Role::secretary, Role::coordinator,
                         Role::volunteer}));
}

TEST(StaffPlaces, AnEligibleUserExistsIsEnabledFitsAndIsOfTheUnitLine) {
  const StaffUser specialist{Role::specialist, "/r/a/", false};
  EXPECT_TRUE(eligible_staff(specialist, StaffPlace::lead, "/r/a/b/"));
  EXPECT_FALSE(eligible_staff(std::nullopt, StaffPlace::lead, "/r/a/")) << "no such user";
  EXPECT_FALSE(eligible_staff(StaffUser{Role::specialist, "/r/a/", true}, StaffPlace::lead, "/r/a/")) << "disabled";
  EXPECT_FALSE(eligible_staff(StaffUser{Role::expert, "/r/a/", false}, StaffPlace::lead, "/r/a/")) << "role";
  EXPECT_FALSE(eligible_staff(specialist, StaffPlace::lead, "/r/b/")) << "another unit line";
}

} // namespace patronage::domain
