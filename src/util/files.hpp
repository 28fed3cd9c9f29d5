#pragma once

#include <string>

namespace patronage::util {

// Files that hold personal data (the SQLite database and its WAL/SHM, backups,
// exports) are readable by their owner only: 0600.
inline constexpr unsigned k_private_file_mode = 0600;

// Creates `path` as an empty file of mode 0600. With `replace`, an existing
// file is truncated and set to 0600; without, an existing file is an error
// (EEXIST), so the caller never writes into a file someone else created.
// Returns 0 or the errno of the failure.
int create_private_file(const std::string& path, bool replace);

// Creates `path` as an empty 0600 file when it does not exist yet; an existing
// file is left as it is. Returns 0 or the errno of the failure.
int ensure_private_file(const std::string& path);

} // namespace patronage::util
