#include "import/csv_reader.hpp"

#include <algorithm>
#include <memory>

#include <unicode/ucnv.h>

namespace patronage::import {
namespace {

constexpr std::string_view k_bom = "\xEF\xBB\xBF";

bool valid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t extra = 0;
    if (c < 0x80) {
      extra = 0;
    } else if ((c & 0xE0) == 0xC0 && c >= 0xC2) {
      extra = 1;
    } else if ((c & 0xF0) == 0xE0) {
      extra = 2;
    } else if ((c & 0xF8) == 0xF0 && c <= 0xF4) {
      extra = 3;
    } else {
      return false;
    }
    if (i + extra >= s.size()) {
      return false;
    }
    for (std::size_t k = 1; k <= extra; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) {
        return false;
      }
    }
    i += extra + 1;
  }
  return true;
}

std::string from_cp1251(std::string_view bytes) {
  UErrorCode status = U_ZERO_ERROR;
  std::string out(bytes.size() * 3 + 1, '\0');
  const auto length = ucnv_convert("UTF-8", "windows-1251", out.data(), static_cast<int32_t>(out.size()),
                                   bytes.data(), static_cast<int32_t>(bytes.size()), &status);
  if (U_FAILURE(status)) {
    return std::string(bytes);
  }
  out.resize(static_cast<std::size_t>(length));
  return out;
}

bool blank_row(const std::vector<SourceCell>& cells) {
  return std::all_of(cells.begin(), cells.end(), [](const SourceCell& c) {
    return c.text.find_first_not_of(" \t\r\n") == std::string::npos;
  });
}

} // namespace

std::string to_utf8(std::string_view bytes) {
  if (bytes.starts_with(k_bom)) {
    bytes.remove_prefix(k_bom.size());
  }
  return valid_utf8(bytes) ? std::string(bytes) : from_cp1251(bytes);
}

char detect_delimiter(std::string_view text) {
  std::size_t semicolons = 0;
  std::size_t commas = 0;
  bool quoted = false;
  for (const char c : text) {
    if (c == '"') {
      quoted = !quoted;
    } else if (!quoted && (c == '\n' || c == '\r')) {
      break;
    } else if (!quoted && c == ';') {
      ++semicolons;
    } else if (!quoted && c == ',') {
      ++commas;
    }
  }
  return semicolons > commas ? ';' : ',';
}

util::Result<SourceTable> read_csv(std::string_view bytes) {
  const std::string text = to_utf8(bytes);
  const char delimiter = detect_delimiter(text);
  std::vector<std::vector<SourceCell>> records;
  std::vector<int> lines; // the line each record starts on
  std::vector<SourceCell> record;
  std::string field;
  bool quoted = false;
  bool any = false; // the current record has started
  int line = 1;
  int record_line = 1;
  auto end_field = [&] {
    // The apostrophe a CSV export (ours, Excel's) puts before = + - @ against formula injection is not data.
    if (field.size() > 1 && field[0] == '\'' && std::string_view("=+-@\t\r").find(field[1]) != std::string_view::npos) {
      field.erase(0, 1);
    }
    record.push_back({std::move(field), false});
    field.clear();
  };
  auto end_record = [&] {
    end_field();
    records.push_back(std::move(record));
    lines.push_back(record_line);
    record.clear();
    any = false;
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (!any) {
      any = true;
      record_line = line;
    }
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        if (c == '\n') {
          ++line;
        }
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == delimiter) {
      end_field();
    } else if (c == '\r' || c == '\n') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
        ++i;
      }
      end_record();
      ++line;
    } else {
      field += c;
    }
  }
  if (any) {
    end_record();
  }
  if (records.empty()) {
    return util::fail(util::Error::invalid("import.file_empty"));
  }
  SourceTable table;
  for (auto& cell : records.front()) {
    table.header.push_back(std::move(cell.text));
  }
  for (std::size_t r = 1; r < records.size(); ++r) {
    auto& cells = records[r];
    cells.resize(table.header.size());
    if (!blank_row(cells)) {
      table.rows.push_back({lines[r], std::move(cells)});
    }
  }
  return table;
}

} // namespace patronage::import
