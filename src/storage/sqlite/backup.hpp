#pragma once

#include <string>

#include "util/error.hpp"

namespace patronage::storage::sqlite {

// Copies the live database at `db_path` to `destination` with SQLite's
// online backup API: consistent, and writers are not blocked for long.
util::Status backup(const std::string& db_path, const std::string& destination);

// Replaces the database at `db_path` with the backup at `source` after an
// integrity check of the backup. Run it with the server stopped.
util::Status restore(const std::string& source, const std::string& db_path);

} // namespace patronage::storage::sqlite
