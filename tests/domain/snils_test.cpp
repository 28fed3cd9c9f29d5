#include "domain/snils.hpp"

#include <gtest/gtest.h>

namespace patronage::domain {
namespace {

TEST(Snils, AcceptsTheUsualFormsAndNormalisesToDigits) {
  EXPECT_EQ(parse_snils("112-233-445 95"), "11223344595");
  EXPECT_EQ(parse_snils("11223344595"), "11223344595");
  EXPECT_EQ(parse_snils(" 112 233 445 95 "), "11223344595");
}

TEST(Snils, RefusesAWrongCheckNumberOrLength) {
  EXPECT_EQ(parse_snils("112-233-445 96"), std::nullopt);
  EXPECT_EQ(parse_snils("1122334459"), std::nullopt);
  EXPECT_EQ(parse_snils("112233445950"), std::nullopt);
  EXPECT_EQ(parse_snils("112.233.445 95"), std::nullopt);
  EXPECT_EQ(parse_snils(""), std::nullopt);
}

TEST(Snils, CheckNumberWrapsAt100And101) {
  EXPECT_EQ(parse_snils("001-326-679 00"), "00132667900"); // weighted sum 100
  EXPECT_EQ(parse_snils("001-508-816 00"), "00150881600"); // 101
  EXPECT_EQ(parse_snils("999-999-999 00"), std::nullopt);  // 405 mod 101 = 1
  EXPECT_EQ(parse_snils("999-999-999 01"), "99999999901");
}

TEST(Snils, OldNumbersAreNotChecked) { EXPECT_EQ(parse_snils("001-001-998 77"), "00100199877"); }

TEST(Snils, Formats) { EXPECT_EQ(format_snils("11223344595"), "112-233-445 95"); }

} // namespace
} // namespace patronage::domain
