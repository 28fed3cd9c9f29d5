#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "util/table.hpp"

struct lxw_workbook;
struct lxw_worksheet;
struct lxw_format;

namespace patronage::util {

// Writes tables into an .xlsx workbook at `path`, one sheet per table, using
// libxlsxwriter's constant-memory mode: each row goes to a temporary file as
// soon as it is written, so memory does not grow with the row count.
// Sheet names come from table titles, made valid (no []:*?/\, at most 31
// characters, unique). The header row is bold and frozen; columns get their
// `width`. Dates become real Excel dates with a 'yyyy-mm-dd' format, numbers
// are numbers, text is never interpreted as a formula.
// Throws std::runtime_error when the workbook cannot be created or written;
// the file is complete only after finish() returned.
class XlsxWriter : public TableSink {
public:
  explicit XlsxWriter(std::string path);
  ~XlsxWriter() override;
  XlsxWriter(const XlsxWriter&) = delete;
  XlsxWriter& operator=(const XlsxWriter&) = delete;

  void begin(const std::string& title, const std::vector<Column>& columns) override;
  void row(const std::vector<Cell>& cells) override;
  void finish() override;

private:
  std::string sheet_name(const std::string& title);

  std::string m_path;
  lxw_workbook* m_workbook = nullptr;
  lxw_worksheet* m_sheet = nullptr;
  lxw_format* m_header = nullptr;
  lxw_format* m_date = nullptr;
  std::uint32_t m_row = 0;
  std::set<std::string> m_names;
};

// `title` made into a valid sheet name: forbidden characters replaced, leading
// and trailing apostrophes dropped, cut to 31 characters, "Sheet" when empty.
std::string xlsx_sheet_name(const std::string& title);

} // namespace patronage::util
