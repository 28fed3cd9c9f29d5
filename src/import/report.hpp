#pragma once

#include <functional>
#include <ostream>
#include <string>
#include <vector>

#include "import/importer.hpp"
#include "import/mapping.hpp"
#include "import/table.hpp"
#include "util/error.hpp"
#include "util/table.hpp"

namespace patronage::import {

// The text of a message key with its placeholders, in the operator's language.
using Translator = std::function<std::string(const std::string& key,
                                             const std::vector<std::pair<std::string, std::string>>& params)>;

// The report as a table, one line per issue and per row outcome, file order. Columns (stable keys, so that the
// CSV reads back as a decisions file): row, status, column, value, message, match, score, reasons, decision.
// `decision` is filled for rows already decided and left empty for the operator on held rows; `match` holds
// "person:<id>" for a registry match and "row:<n>" for an earlier row of the file.
// A case line of the report: the case the import opens (or opened: with its number), or the family's open case it
// keeps.
std::string case_message(const CaseOutcome& c, const Translator& translate);

util::Table report_table(const ImportReport& report, const Translator& translate);

// A second sheet for the report's workbook: one row per column of report_table (its key, as the header reads, and
// what it holds, import.report_column.<key>, in the operator's language), so that the first sheet keeps the stable
// headers that read back as a decisions file.
util::Table report_help_table(const Translator& translate);

// The same table as text for a terminal: the counts, then every issue and held row.
void print_report(std::ostream& out, const ImportReport& report, const Translator& translate);

// The workbook `--template` writes: a first sheet with every column of the default mapping (titles in the
// operator's language) and no rows, and a second sheet with one row per column: its title, its field code,
// whether it is required and what it holds (import.help.<code>).
std::vector<util::Table> template_tables(const Translator& translate);

// The decisions of a report CSV (or any table with "row" and "decision" columns): rows with "new" or
// "same:<id>". Fails "import.decisions_invalid" with {row} for another non-empty decision or a row that is not a
// number, "import.columns_missing" without the two columns.
util::Result<Decisions> read_decisions(const SourceTable& table);

} // namespace patronage::import
