#include <string>

#include <gtest/gtest.h>

#include "util/strings.hpp"

namespace patronage::util {
namespace {

using namespace std::string_literals;

std::string problem(const std::string& text, bool free_text) {
  const char* key = control_character_problem(text, free_text);
  return key == nullptr ? "" : key;
}

TEST(ControlCharacters, NulAndOtherC0AreNeverAllowed) {
  for (const bool free_text : {false, true}) {
    EXPECT_EQ(problem("\0"s, free_text), "validation.control_character");
    EXPECT_EQ(problem("A\x01"
                      "B",
                      free_text),
              "validation.control_character");
    EXPECT_EQ(problem("a\nb\x1f", free_text), "validation.control_character");
    EXPECT_EQ(problem("\x1b[31m", free_text), "validation.control_character");
  }
}

TEST(ControlCharacters, FreeTextKeepsTabsAndLineBreaks) {
  EXPECT_EQ(problem("строка 1\r\nстрока 2\tитог", true), "");
  EXPECT_EQ(problem("Иванова Анна", false), "");
  EXPECT_EQ(problem("", false), "");
  for (const std::string text : {"a\nb", "a\tb", "a\rb"}) {
    EXPECT_EQ(problem(text, false), "validation.not_single_line") << text;
  }
  // UTF-8 continuation bytes (0x80..0xBF) are not control characters.
  EXPECT_EQ(problem("\xd0\x81\xe2\x80\xa8", false), "");
}

} // namespace
} // namespace patronage::util
