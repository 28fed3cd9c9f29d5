#include "util/csv_writer.hpp"

#include <stdexcept>
#include <type_traits>

#include <fmt/format.h>

namespace patronage::util {
namespace {

constexpr std::string_view k_bom = "\xEF\xBB\xBF";
constexpr std::string_view k_line_end = "\r\n";

// OWASP "CSV injection": a spreadsheet evaluates a cell that starts with one of these.
bool formula_like(std::string_view text) {
  if (text.empty()) {
    return false;
  }
  char c = text.front();
  return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

std::string text_of(const Cell& cell) {
  return std::visit(
      [](const auto& value) -> std::string {
        using T = std::decay_t<decltype(value)>;
        if constexpr (std::is_same_v<T, std::monostate>) {
          return {};
        } else if constexpr (std::is_same_v<T, std::string>) {
          return formula_like(value) ? "'" + value : value;
        } else if constexpr (std::is_same_v<T, IsoDate>) {
          return value.value;
        } else {
          return fmt::format("{}", value);
        }
      },
      cell);
}

} // namespace

std::string csv_quote(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) {
    return std::string(text);
  }
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') {
      out += '"';
    }
    out += c;
  }
  out += '"';
  return out;
}

CsvWriter::CsvWriter(std::ostream& out) : m_out(out) {}

void CsvWriter::begin(const std::string& title, const std::vector<Column>& columns) {
  if (m_tables == 0) {
    m_out << k_bom;
  } else {
    m_out << k_line_end;
    field(title, true);
    end_line();
  }
  ++m_tables;
  bool first = true;
  for (const auto& column : columns) {
    field(column.title, first);
    first = false;
  }
  end_line();
  check();
}

void CsvWriter::row(const std::vector<Cell>& cells) {
  bool first = true;
  for (const auto& cell : cells) {
    field(text_of(cell), first);
    first = false;
  }
  end_line();
  ++m_rows;
  check();
}

void CsvWriter::finish() {
  if (m_tables == 0) {
    m_out << k_bom;
  }
  m_out.flush();
  check();
}

void CsvWriter::field(std::string_view text, bool first) {
  if (!first) {
    m_out << ',';
  }
  m_out << csv_quote(text);
}

void CsvWriter::end_line() { m_out << k_line_end; }

void CsvWriter::check() {
  if (!m_out) {
    throw std::runtime_error("the CSV output cannot be written");
  }
}

} // namespace patronage::util
