#include "util/xlsx_writer.hpp"

#include <chrono>
#include <stdexcept>
#include <type_traits>
#include <utility>

#include <fmt/format.h>
#include <xlsxwriter.h>

#include "util/time.hpp"

namespace patronage::util {
namespace {

constexpr std::size_t k_sheet_name_max = 31;     // Excel's limit, in characters
constexpr std::size_t k_cell_text_max = 32767;   // Excel's limit per cell
constexpr std::uint32_t k_rows_max = 1048576;    // rows per sheet

bool continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0U) == 0x80U; }

// The first `limit` UTF-8 characters of `text`.
std::string first_chars(const std::string& text, std::size_t limit) {
  std::size_t chars = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (!continuation(text[i])) {
      if (chars == limit) {
        return text.substr(0, i);
      }
      ++chars;
    }
  }
  return text;
}

// At most `limit` bytes of `text`, not cutting a UTF-8 character.
std::string first_bytes(const std::string& text, std::size_t limit) {
  if (text.size() <= limit) {
    return text;
  }
  std::size_t end = limit;
  while (end > 0 && continuation(text[end])) {
    --end;
  }
  return text.substr(0, end);
}

std::string lower_ascii(std::string text) {
  for (auto& c : text) {
    if (c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c - 'A' + 'a');
    }
  }
  return text;
}

void check(lxw_error error, const char* what) {
  if (error != LXW_NO_ERROR) {
    throw std::runtime_error(fmt::format("XLSX: {}: {}", what, lxw_strerror(error)));
  }
}

} // namespace

std::string xlsx_sheet_name(const std::string& title) {
  std::string name;
  for (char c : title) {
    bool forbidden = c == '[' || c == ']' || c == ':' || c == '*' || c == '?' || c == '/' || c == '\\' ||
                     (static_cast<unsigned char>(c) < 0x20);
    name += forbidden ? ' ' : c;
  }
  while (!name.empty() && name.front() == '\'') {
    name.erase(name.begin());
  }
  name = first_chars(name, k_sheet_name_max);
  while (!name.empty() && (name.back() == '\'' || name.back() == ' ')) {
    name.pop_back();
  }
  return name.empty() ? "Sheet" : name;
}

XlsxWriter::XlsxWriter(std::string path) : m_path(std::move(path)) {
  lxw_workbook_options options{};
  options.constant_memory = LXW_TRUE;
  options.tmpdir = nullptr;
  options.use_zip64 = LXW_TRUE;
  m_workbook = workbook_new_opt(m_path.c_str(), &options);
  if (m_workbook == nullptr) {
    throw std::runtime_error("XLSX: cannot create the workbook " + m_path);
  }
  m_header = workbook_add_format(m_workbook);
  format_set_bold(m_header);
  m_date = workbook_add_format(m_workbook);
  format_set_num_format(m_date, "yyyy-mm-dd");
}

XlsxWriter::~XlsxWriter() {
  if (m_workbook != nullptr) {
    workbook_close(m_workbook); // also frees it; the file is incomplete anyway
  }
}

std::string XlsxWriter::sheet_name(const std::string& title) {
  std::string base = xlsx_sheet_name(title);
  std::string name = base;
  for (int n = 2; m_names.contains(lower_ascii(name)); ++n) {
    std::string suffix = fmt::format(" ({})", n);
    name = first_chars(base, k_sheet_name_max - suffix.size()) + suffix;
  }
  m_names.insert(lower_ascii(name));
  return name;
}

void XlsxWriter::begin(const std::string& title, const std::vector<Column>& columns) {
  if (m_workbook == nullptr) {
    throw std::logic_error("XLSX: begin() after finish()");
  }
  std::string name = sheet_name(title);
  m_sheet = workbook_add_worksheet(m_workbook, name.c_str());
  if (m_sheet == nullptr) {
    throw std::runtime_error("XLSX: cannot add the sheet " + name);
  }
  for (std::size_t i = 0; i < columns.size(); ++i) {
    auto col = static_cast<lxw_col_t>(i);
    check(worksheet_set_column(m_sheet, col, col, columns[i].width, nullptr), "column width");
  }
  for (std::size_t i = 0; i < columns.size(); ++i) {
    std::string text = first_bytes(columns[i].title, k_cell_text_max);
    check(worksheet_write_string(m_sheet, 0, static_cast<lxw_col_t>(i), text.c_str(), m_header), "header");
  }
  worksheet_freeze_panes(m_sheet, 1, 0);
  m_row = 1;
}

void XlsxWriter::row(const std::vector<Cell>& cells) {
  if (m_sheet == nullptr) {
    throw std::logic_error("XLSX: row() before begin()");
  }
  if (m_row >= k_rows_max) {
    throw std::runtime_error("XLSX: more rows than a sheet can hold");
  }
  for (std::size_t i = 0; i < cells.size(); ++i) {
    auto col = static_cast<lxw_col_t>(i);
    std::visit(
        [&](const auto& value) {
          using T = std::decay_t<decltype(value)>;
          if constexpr (std::is_same_v<T, std::monostate>) {
            return;
          } else if constexpr (std::is_same_v<T, std::string>) {
            if (value.empty()) {
              return;
            }
            std::string text = first_bytes(value, k_cell_text_max);
            check(worksheet_write_string(m_sheet, m_row, col, text.c_str(), nullptr), "text cell");
          } else if constexpr (std::is_same_v<T, IsoDate>) {
            auto date = parse_date(value.value);
            if (!date) {
              check(worksheet_write_string(m_sheet, m_row, col, value.value.c_str(), nullptr), "date cell");
              return;
            }
            std::chrono::year_month_day ymd{*date};
            lxw_datetime when{};
            when.year = static_cast<int>(ymd.year());
            when.month = static_cast<int>(static_cast<unsigned>(ymd.month()));
            when.day = static_cast<int>(static_cast<unsigned>(ymd.day()));
            check(worksheet_write_datetime(m_sheet, m_row, col, &when, m_date), "date cell");
          } else {
            check(worksheet_write_number(m_sheet, m_row, col, static_cast<double>(value), nullptr), "number cell");
          }
        },
        cells[i]);
  }
  ++m_row;
}

void XlsxWriter::finish() {
  if (m_workbook == nullptr) {
    return;
  }
  if (m_names.empty()) {
    workbook_add_worksheet(m_workbook, nullptr); // a workbook needs at least one sheet
  }
  lxw_workbook* workbook = std::exchange(m_workbook, nullptr);
  check(workbook_close(workbook), "closing the workbook");
}

} // namespace patronage::util
