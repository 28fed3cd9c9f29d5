#include "domain/role.hpp"

#include <gtest/gtest.h>

namespace patronage::domain {

TEST(Role, RoundTripsEveryName) {
  for (auto role : {Role::admin, Role::head, Role::specialist, Role::expert, Role::secretary, Role::coordinator,
                    Role::volunteer, Role::auditor}) {
    EXPECT_EQ(parse_role(to_string(role)), role);
  }
}

TEST(Role, RejectsUnknownName) {
  EXPECT_FALSE(parse_role("root").has_value());
  EXPECT_FALSE(parse_role("").has_value());
}

} // namespace patronage::domain
