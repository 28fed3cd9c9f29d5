#include "import/xlsx_reader.hpp"

#include <charconv>
#include <chrono>
#include <cmath>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include <pugixml.hpp>
#include <zip.h>

#include "util/time.hpp"

namespace patronage::import {
namespace {

constexpr std::size_t k_max_part = 256U * 1024U * 1024U; // a part larger than this is not a register

struct ZipCloser {
  void operator()(zip_t* z) const { zip_discard(z); }
};
using Zip = std::unique_ptr<zip_t, ZipCloser>;

std::optional<std::string> read_part(zip_t* archive, const std::string& name) {
  zip_stat_t stat;
  zip_stat_init(&stat);
  if (zip_stat(archive, name.c_str(), 0, &stat) != 0 || (stat.valid & ZIP_STAT_SIZE) == 0 || stat.size > k_max_part) {
    return std::nullopt;
  }
  zip_file_t* file = zip_fopen(archive, name.c_str(), 0);
  if (file == nullptr) {
    return std::nullopt;
  }
  std::string out(stat.size, '\0');
  const auto read = zip_fread(file, out.data(), stat.size);
  zip_fclose(file);
  if (read < 0 || static_cast<zip_uint64_t>(read) != stat.size) {
    return std::nullopt;
  }
  return out;
}

bool parse(pugi::xml_document& doc, const std::string& text) {
  return static_cast<bool>(doc.load_buffer(text.data(), text.size()));
}

// The text of a rich or plain string item (<si> or <is>): every <t> under it, phonetic runs left out.
std::string string_item(const pugi::xml_node& item) {
  std::string out;
  for (const auto& t : item.select_nodes(".//*[local-name()='t'][not(ancestor::*[local-name()='rPh'])]")) {
    out += t.node().child_value();
  }
  return out;
}

std::vector<std::string> shared_strings(zip_t* archive) {
  std::vector<std::string> out;
  auto text = read_part(archive, "xl/sharedStrings.xml");
  pugi::xml_document doc;
  if (!text || !parse(doc, *text)) {
    return out;
  }
  for (const auto& si : doc.document_element().children("si")) {
    out.push_back(string_item(si));
  }
  return out;
}

// The first sheet's part: workbook.xml's first <sheet> resolved through its relationships, else sheet1.xml.
std::string first_sheet_part(zip_t* archive) {
  const std::string fallback = "xl/worksheets/sheet1.xml";
  auto workbook = read_part(archive, "xl/workbook.xml");
  auto rels = read_part(archive, "xl/_rels/workbook.xml.rels");
  pugi::xml_document wb;
  pugi::xml_document rl;
  if (!workbook || !rels || !parse(wb, *workbook) || !parse(rl, *rels)) {
    return fallback;
  }
  const auto sheet = wb.document_element().child("sheets").child("sheet");
  std::string rid;
  for (const auto& attr : sheet.attributes()) {
    if (std::string_view(attr.name()).ends_with(":id")) {
      rid = attr.value();
    }
  }
  for (const auto& rel : rl.document_element().children("Relationship")) {
    if (rid == rel.attribute("Id").value()) {
      std::string target = rel.attribute("Target").value();
      if (target.starts_with("/")) {
        return target.substr(1);
      }
      return "xl/" + target;
    }
  }
  return fallback;
}

// "BC12" → column 54 (0-based), row 12.
bool parse_ref(std::string_view ref, int& column, int& row) {
  column = 0;
  std::size_t i = 0;
  while (i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z') {
    column = column * 26 + (ref[i] - 'A' + 1);
    ++i;
  }
  if (i == 0 || i == ref.size()) {
    return false;
  }
  --column;
  auto [ptr, ec] = std::from_chars(ref.data() + i, ref.data() + ref.size(), row);
  return ec == std::errc{} && ptr == ref.data() + ref.size();
}

// A number's text without Excel's binary noise: integers without ".0", others at 15 significant digits.
std::string number_text(const char* stored) {
  double value = 0.0;
  const std::string_view s(stored);
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc{} || ptr != s.data() + s.size()) {
    return std::string(s);
  }
  if (std::floor(value) == value && std::fabs(value) < 1e15) {
    return std::to_string(static_cast<long long>(value));
  }
  char buffer[32];
  auto [end, err] = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::general, 15);
  return err == std::errc{} ? std::string(buffer, end) : std::string(s);
}

} // namespace

std::optional<std::string> excel_serial_date(std::string_view text) {
  double serial = 0.0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), serial);
  // 61 = 1900-03-01: before it Excel counts a 29 February 1900 that never was.
  if (ec != std::errc{} || ptr != text.data() + text.size() || serial < 61 || serial > 2958465) {
    return std::nullopt;
  }
  using namespace std::chrono;
  const sys_days epoch = year{1899} / December / 30;
  return util::format_date(epoch + days{static_cast<long long>(std::floor(serial))});
}

util::Result<SourceTable> read_xlsx(std::string_view bytes) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (source == nullptr) {
    zip_error_fini(&error);
    return util::fail(util::Error::invalid("import.xlsx_invalid"));
  }
  Zip archive(zip_open_from_source(source, ZIP_RDONLY, &error));
  zip_error_fini(&error);
  if (!archive) {
    zip_source_free(source);
    return util::fail(util::Error::invalid("import.xlsx_invalid"));
  }
  const auto strings = shared_strings(archive.get());
  auto sheet_text = read_part(archive.get(), first_sheet_part(archive.get()));
  pugi::xml_document sheet;
  if (!sheet_text || !parse(sheet, *sheet_text)) {
    return util::fail(util::Error::invalid("import.xlsx_invalid"));
  }
  const auto root = sheet.document_element();

  std::map<int, std::map<int, SourceCell>> grid; // row → column → cell
  int last_column = -1;
  for (const auto& row : root.child("sheetData").children("row")) {
    int implicit_row = row.attribute("r").as_int(0);
    int next_column = 0;
    for (const auto& c : row.children("c")) {
      int column = next_column;
      int row_number = implicit_row;
      if (const auto ref = c.attribute("r"); ref) {
        if (!parse_ref(ref.value(), column, row_number)) {
          return util::fail(util::Error::invalid("import.xlsx_invalid"));
        }
      }
      next_column = column + 1;
      const std::string_view type = c.attribute("t").value();
      SourceCell cell;
      if (type == "s") {
        const auto index = c.child("v").text().as_ullong(strings.size());
        cell.text = index < strings.size() ? strings[index] : std::string{};
      } else if (type == "inlineStr") {
        cell.text = string_item(c.child("is"));
      } else if (type == "str" || type == "e") {
        cell.text = c.child("v").child_value();
      } else if (type == "b") {
        cell.text = std::string_view(c.child("v").child_value()) == "1" ? "1" : "0";
      } else if (c.child("v")) {
        cell.text = number_text(c.child("v").child_value());
        cell.number = true;
      }
      if (!cell.text.empty()) {
        last_column = std::max(last_column, column);
        grid[row_number][column] = std::move(cell);
      }
    }
  }
  if (grid.empty()) {
    return util::fail(util::Error::invalid("import.file_empty"));
  }
  const int header_row = grid.begin()->first;

  // Merged header cells: the top-left text spans the merge (issue 18, docs/import.md).
  for (const auto& merge : root.child("mergeCells").children("mergeCell")) {
    const std::string ref = merge.attribute("ref").value();
    const auto colon = ref.find(':');
    int c1 = 0, r1 = 0, c2 = 0, r2 = 0;
    if (colon == std::string::npos || !parse_ref(ref.substr(0, colon), c1, r1) ||
        !parse_ref(ref.substr(colon + 1), c2, r2) || r1 != header_row) {
      continue;
    }
    const auto top_left = grid[header_row].find(c1);
    if (top_left == grid[header_row].end()) {
      continue;
    }
    const auto text = top_left->second.text;
    for (int c = c1 + 1; c <= c2; ++c) {
      grid[header_row][c].text = text + "#" + std::to_string(c - c1 + 1);
      last_column = std::max(last_column, c);
    }
  }

  SourceTable table;
  table.header.resize(static_cast<std::size_t>(last_column + 1));
  for (auto& [column, cell] : grid[header_row]) {
    table.header[static_cast<std::size_t>(column)] = std::move(cell.text);
  }
  for (auto& [row_number, cells] : grid) {
    if (row_number == header_row) {
      continue;
    }
    SourceRow row{row_number, std::vector<SourceCell>(table.header.size())};
    for (auto& [column, cell] : cells) {
      row.cells[static_cast<std::size_t>(column)] = std::move(cell);
    }
    table.rows.push_back(std::move(row));
  }
  return table;
}

} // namespace patronage::import
