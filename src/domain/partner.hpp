#pragma once

#include <optional>
#include <string_view>

namespace patronage::domain {

// SPEC §9: the kinds of partner organisations a case can be referred to.
enum class PartnerType {
  school,
  kindergarten,
  clinic,
  police_juvenile_unit,
  commission_for_minors,
  guardianship_authority,
  employment_centre,
  ngo,
  sponsor,
  other,
};

std::string_view to_string(PartnerType type);
std::optional<PartnerType> parse_partner_type(std::string_view text);

} // namespace patronage::domain
