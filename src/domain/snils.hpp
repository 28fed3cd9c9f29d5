#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace patronage::domain {

// СНИЛС, the insurance number Russian social services key people by: 9 digits and a 2-digit check number.
// Accepts "112-233-445 95", "112 233 445 95" and "11223344595" (spaces and hyphens anywhere are ignored) and
// returns the 11 digits. std::nullopt when the text holds anything else, not 11 digits, or a check number that
// does not match. Numbers up to 001-001-998 were issued without a check number and pass unchecked
// (the Pension Fund's rule).
std::optional<std::string> parse_snils(std::string_view text);

// "112-233-445 95" for 11 digits; anything else unchanged.
std::string format_snils(std::string_view digits);

} // namespace patronage::domain
