#include "domain/partner.hpp"

#include "domain/named_enum.hpp"

#include <utility>

namespace patronage::domain {
namespace {

constexpr NameTable<PartnerType, 10> k_partner_type_names{{
    {PartnerType::school, "school"},
    {PartnerType::kindergarten, "kindergarten"},
    {PartnerType::clinic, "clinic"},
    {PartnerType::police_juvenile_unit, "police_juvenile_unit"},
    {PartnerType::commission_for_minors, "commission_for_minors"},
    {PartnerType::guardianship_authority, "guardianship_authority"},
    {PartnerType::employment_centre, "employment_centre"},
    {PartnerType::ngo, "ngo"},
    {PartnerType::sponsor, "sponsor"},
    {PartnerType::other, "other"},
}};

} // namespace

std::string_view to_string(PartnerType type) {
  return name_of(k_partner_type_names, type);
}

std::optional<PartnerType> parse_partner_type(std::string_view text) {
  return value_of(k_partner_type_names, text);
}

} // namespace patronage::domain
