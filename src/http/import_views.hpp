#pragma once

#include <boost/json/object.hpp>

#include "http/messages.hpp"
#include "import/importer.hpp"
#include "import/plan.hpp"
#include "import/report.hpp"
#include "import/stored_matches.hpp"

namespace patronage::http {

// Server messages in `lang`, as the import's report tables take them.
import::Translator import_translator(Lang lang);

// The report of POST /api/v1/imports/households: counts, every issue (row, column, value, message key and text) and
// every row's outcome with its matches and the row's name from `plan`. A row with a match, and an earlier row a
// match names, also carries `values`: its cells as the file gives them (docs/import.md), the file's side of the
// side-by-side.
boost::json::object import_report_json(Lang lang, const import::ImportReport& report, const import::Plan& plan);

// A stored person beside a file row (GET /api/v1/imports/matches); `snils` null when hidden.
boost::json::object stored_match_json(const import::StoredMatch& match);

} // namespace patronage::http
