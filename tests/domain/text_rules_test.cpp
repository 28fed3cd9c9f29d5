#include "domain/text_rules.hpp"

#include <gtest/gtest.h>

namespace patronage::domain {
namespace {

TEST(TextRules, BlankIsEmptyOrOnlyWhitespace) {
  EXPECT_TRUE(is_blank(""));
  EXPECT_TRUE(is_blank(" \t\r\n"));
  EXPECT_FALSE(is_blank("  да "));
}

TEST(TextRules, FullNameSkipsEmptyParts) {
  EXPECT_EQ(full_name("Смирнова", "Анна", "Петровна"), "Смирнова Анна Петровна");
  EXPECT_EQ(full_name("Смирнова", "Анна", ""), "Смирнова Анна");
  EXPECT_EQ(full_name("", "Анна", "Петровна"), "Анна Петровна");
  EXPECT_EQ(full_name("", "", ""), "");
}

} // namespace
} // namespace patronage::domain
