#include "domain/snils.hpp"

namespace patronage::domain {
namespace {

constexpr std::size_t k_digits = 11;
constexpr long k_last_unchecked = 1001998; // 001-001-998
constexpr int k_modulus = 101;

// The Pension Fund's check number: the digits weighted 9..1, summed; 100 and 101 give 00, more is taken mod 101.
int check_number(std::string_view digits) {
  int sum = 0;
  for (std::size_t i = 0; i < 9; ++i) {
    sum += (digits[i] - '0') * static_cast<int>(9 - i);
  }
  if (sum < 100) {
    return sum;
  }
  sum %= k_modulus;
  return sum == 100 ? 0 : sum;
}

} // namespace

std::optional<std::string> parse_snils(std::string_view text) {
  std::string digits;
  for (const char c : text) {
    if (c >= '0' && c <= '9') {
      digits += c;
    } else if (c != ' ' && c != '-') {
      return std::nullopt;
    }
  }
  if (digits.size() != k_digits) {
    return std::nullopt;
  }
  const long number = std::stol(digits.substr(0, 9));
  const int given = std::stoi(digits.substr(9));
  if (number > k_last_unchecked && check_number(digits) != given) {
    return std::nullopt;
  }
  return digits;
}

std::string format_snils(std::string_view digits) {
  if (digits.size() != k_digits) {
    return std::string(digits);
  }
  return std::string(digits.substr(0, 3)) + "-" + std::string(digits.substr(3, 3)) + "-" +
         std::string(digits.substr(6, 3)) + " " + std::string(digits.substr(9));
}

} // namespace patronage::domain
