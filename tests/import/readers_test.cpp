#include "import/csv_reader.hpp"
#include "import/xlsx_reader.hpp"

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <sstream>
#include <unistd.h>
#include <xlsxwriter.h>

namespace patronage::import {
namespace {

std::vector<std::string> texts(const SourceRow& row) {
  std::vector<std::string> out;
  for (const auto& cell : row.cells) {
    out.push_back(cell.text);
  }
  return out;
}

TEST(CsvReader, ReadsWindows1251WithSemicolons) {
  // "Фамилия;Имя\r\nИванова;Анна\r\n" as Excel writes it on Russian Windows.
  const std::string bytes = "\xD4\xE0\xEC\xE8\xEB\xE8\xFF;\xC8\xEC\xFF\r\n"
                            "\xC8\xE2\xE0\xED\xEE\xE2\xE0;\xC0\xED\xED\xE0\r\n";
  auto table = read_csv(bytes);
  ASSERT_TRUE(table);
  EXPECT_EQ(table->header, (std::vector<std::string>{"Фамилия", "Имя"}));
  ASSERT_EQ(table->rows.size(), 1U);
  EXPECT_EQ(texts(table->rows[0]), (std::vector<std::string>{"Иванова", "Анна"}));
  EXPECT_EQ(table->rows[0].row, 2);
}

TEST(CsvReader, ReadsUtf8WithBomCommasAndQuotes) {
  const std::string bytes = "\xEF\xBB\xBF" "Адрес,Телефон\n"
                            "\"г. Тула, ул. Оружейная, д. 4\",\"+7 \"\"900\"\"\"\n"
                            "\n"
                            "\"многострочный\nадрес\",1\n";
  auto table = read_csv(bytes);
  ASSERT_TRUE(table);
  EXPECT_EQ(table->header, (std::vector<std::string>{"Адрес", "Телефон"}));
  ASSERT_EQ(table->rows.size(), 2U) << "the empty line is skipped";
  EXPECT_EQ(texts(table->rows[0]), (std::vector<std::string>{"г. Тула, ул. Оружейная, д. 4", "+7 \"900\""}));
  EXPECT_EQ(table->rows[1].row, 4) << "file row numbers count the skipped line";
  EXPECT_EQ(table->rows[1].cells[0].text, "многострочный\nадрес");
}

TEST(CsvReader, DetectsTheDelimiterFromTheHeaderOnly) {
  EXPECT_EQ(detect_delimiter("a;b;c\n1,2,3,4,5\n"), ';');
  EXPECT_EQ(detect_delimiter("\"a;b\",c\n"), ',');
  EXPECT_FALSE(read_csv(""));
}

std::string slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

TEST(XlsxReader, ReadsMergedHeaderDatesAndNumbers) {
  const auto path = std::filesystem::temp_directory_path() / ("import-" + std::to_string(::getpid()) + ".xlsx");
  lxw_workbook* workbook = workbook_new(path.c_str());
  lxw_worksheet* sheet = workbook_add_worksheet(workbook, "Семьи");
  lxw_worksheet* other = workbook_add_worksheet(workbook, "Other");
  worksheet_write_string(other, 0, 0, "not this sheet", nullptr);
  worksheet_merge_range(sheet, 0, 0, 0, 1, "Адрес", nullptr);
  worksheet_write_string(sheet, 0, 2, "Дата рождения", nullptr);
  worksheet_write_string(sheet, 0, 3, "Детей", nullptr);
  worksheet_write_string(sheet, 1, 0, "г. Тула, ул. Оружейная, д. 4", nullptr);
  worksheet_write_string(sheet, 1, 1, "кв. 17", nullptr);
  worksheet_write_number(sheet, 1, 2, 33309, nullptr); // 1991-03-12
  worksheet_write_number(sheet, 1, 3, 3, nullptr);
  worksheet_write_string(sheet, 3, 0, "Самара", nullptr); // row 4; row 3 left empty
  ASSERT_EQ(workbook_close(workbook), LXW_NO_ERROR);
  const auto bytes = slurp(path);
  std::filesystem::remove(path);

  auto table = read_xlsx(bytes);
  ASSERT_TRUE(table) << table.error().key;
  EXPECT_EQ(table->header, (std::vector<std::string>{"Адрес", "Адрес#2", "Дата рождения", "Детей"}));
  ASSERT_EQ(table->rows.size(), 2U);
  EXPECT_EQ(texts(table->rows[0]),
            (std::vector<std::string>{"г. Тула, ул. Оружейная, д. 4", "кв. 17", "33309", "3"}));
  EXPECT_TRUE(table->rows[0].cells[2].number);
  EXPECT_FALSE(table->rows[0].cells[0].number);
  EXPECT_EQ(excel_serial_date(table->rows[0].cells[2].text), "1991-03-12");
  EXPECT_EQ(table->rows[1].row, 4);
}

TEST(XlsxReader, RefusesWhatIsNotAWorkbook) {
  EXPECT_EQ(read_xlsx("Фамилия;Имя\n").error().key, "import.xlsx_invalid");
  EXPECT_EQ(excel_serial_date("abc"), std::nullopt);
  EXPECT_EQ(excel_serial_date("1"), std::nullopt);
  EXPECT_EQ(excel_serial_date("45000.5"), "2023-03-15");
}

} // namespace
} // namespace patronage::import
