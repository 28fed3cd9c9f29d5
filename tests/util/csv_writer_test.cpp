#include "util/csv_writer.hpp"

#include <sstream>

#include <gtest/gtest.h>

namespace patronage::util {
namespace {

// A strict RFC 4180 reader (CRLF line ends), enough to read back what the writer wrote.
std::vector<std::vector<std::string>> parse_csv(std::string_view text) {
  std::vector<std::vector<std::string>> lines;
  std::vector<std::string> line;
  std::string field;
  bool quoted = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      line.push_back(std::exchange(field, {}));
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      line.push_back(std::exchange(field, {}));
      lines.push_back(std::exchange(line, {}));
      ++i;
    } else {
      field += c;
    }
  }
  EXPECT_FALSE(quoted);
  EXPECT_TRUE(field.empty() && line.empty()) << "the last line must end with CRLF";
  return lines;
}

std::vector<Column> two_columns() { return {{"name", "Имя", 20}, {"note", "Note", 30}}; }

} // namespace

TEST(CsvWriter, StartsWithBomAndRoundTripsCyrillicQuotesAndNewlines) {
  std::ostringstream out;
  CsvWriter csv(out);
  csv.begin("Семьи", two_columns());
  csv.row({std::string("Иванова Мария"), std::string("said \"hello\", then left")});
  csv.row({std::string("Петров"), std::string("line one\nline two\r\nthree")});
  csv.row({std::monostate{}, std::string("plain")});
  csv.finish();
  EXPECT_EQ(csv.rows(), 3U);

  std::string text = out.str();
  ASSERT_EQ(text.substr(0, 3), "\xEF\xBB\xBF");
  auto lines = parse_csv(std::string_view(text).substr(3));
  ASSERT_EQ(lines.size(), 4U);
  EXPECT_EQ(lines[0], (std::vector<std::string>{"Имя", "Note"}));
  EXPECT_EQ(lines[1], (std::vector<std::string>{"Иванова Мария", "said \"hello\", then left"}));
  EXPECT_EQ(lines[2], (std::vector<std::string>{"Петров", "line one\nline two\r\nthree"}));
  EXPECT_EQ(lines[3], (std::vector<std::string>{"", "plain"}));
  EXPECT_NE(text.find("\"said \"\"hello\"\", then left\""), std::string::npos);
}

TEST(CsvWriter, WritesNumbersAndDatesAsPlainText) {
  std::ostringstream out;
  CsvWriter csv(out);
  csv.begin("t", {{"n", "N"}, {"x", "X"}, {"d", "D"}});
  csv.row({-12LL, 2.5, IsoDate{"2026-11-23"}});
  csv.finish();
  auto lines = parse_csv(std::string_view(out.str()).substr(3));
  ASSERT_EQ(lines.size(), 2U);
  EXPECT_EQ(lines[1], (std::vector<std::string>{"-12", "2.5", "2026-11-23"}));
}

TEST(CsvWriter, DefusesFormulaInjectionInText) {
  std::ostringstream out;
  CsvWriter csv(out);
  csv.begin("t", {{"a", "A"}});
  for (const char* text : {"=HYPERLINK(\"http://x\")", "+1", "-2", "@SUM(A1)", "\tx", "ok = fine"}) {
    csv.row({std::string(text)});
  }
  csv.finish();
  auto lines = parse_csv(std::string_view(out.str()).substr(3));
  ASSERT_EQ(lines.size(), 7U);
  EXPECT_EQ(lines[1][0], "'=HYPERLINK(\"http://x\")");
  EXPECT_EQ(lines[2][0], "'+1");
  EXPECT_EQ(lines[3][0], "'-2");
  EXPECT_EQ(lines[4][0], "'@SUM(A1)");
  EXPECT_EQ(lines[5][0], "'\tx");
  EXPECT_EQ(lines[6][0], "ok = fine");
}

TEST(CsvWriter, SeparatesTablesByABlankLineAndTitle) {
  Table first{"a", "First", {{"k", "K"}}, {{1LL}, {2LL}}};
  Table second{"b", "Second, part", {{"v", "V"}, {"w", "W"}}, {{std::string("x"), 3.0}}};
  std::ostringstream out;
  CsvWriter csv(out);
  write_tables({first, second}, csv);
  std::string text = out.str();
  EXPECT_EQ(text, "\xEF\xBB\xBFK\r\n1\r\n2\r\n\r\n\"Second, part\"\r\nV,W\r\nx,3\r\n");
}

TEST(CsvWriter, EmptyOutputIsJustTheBom) {
  std::ostringstream out;
  CsvWriter csv(out);
  csv.finish();
  EXPECT_EQ(out.str(), "\xEF\xBB\xBF");
}

} // namespace patronage::util
