#include "domain/partner.hpp"

#include <gtest/gtest.h>

namespace patronage::domain {
namespace {

TEST(PartnerType, RoundTripsEveryName) {
  for (auto type :
       {PartnerType::school, PartnerType::kindergarten, PartnerType::clinic, PartnerType::police_juvenile_unit,
        PartnerType::commission_for_minors, PartnerType::guardianship_authority, PartnerType::employment_centre,
        PartnerType::ngo, PartnerType::sponsor, PartnerType::other}) {
    EXPECT_EQ(parse_partner_type(to_string(type)), type);
  }
  EXPECT_EQ(to_string(PartnerType::police_juvenile_unit), "police_juvenile_unit");
  EXPECT_FALSE(parse_partner_type("hospital").has_value());
}

} // namespace
} // namespace patronage::domain
