#pragma once

#include <map>
#include <string>

#include "app/context.hpp"
#include "http/call.hpp"
#include "import/importer.hpp"
#include "import/plan.hpp"
#include "util/error.hpp"

namespace patronage::http {

// A register uploaded to POST /api/v1/imports/households (or .../report), read and checked without the database,
// with the options import::import_households takes.
struct ImportUpload {
  import::Plan plan;
  import::ImportOptions options;
};

// Reads the JSON body {file (base64), file_name, unit, apply, decisions, mapping (the TOML text of a mapping file)}.
// Fails, in this order: every malformed field at once (422 naming each); 403 for a user who may not import at all,
// before the file is read; "file" "import.file_invalid" for base64 that does not decode or decodes to nothing;
// "mapping" "import.mapping_invalid" {reason} for a mapping that is not TOML or names an unknown field; the
// reader's errors (an XLSX that is not one, no header); "file" "import.too_many_rows_for_web" over 5,000 rows;
// "import.columns_missing" when the mapping finds no address (or names) column.
util::Result<ImportUpload> read_import_upload(const app::Services& services, const Call& call);

} // namespace patronage::http
