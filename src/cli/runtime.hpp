#pragma once

#include <memory>
#include <string>

#include "app/context.hpp"
#include "cli/config.hpp"
#include "storage/database.hpp"
#include "util/time.hpp"

namespace patronage::cli {

// An open, migrated database and the services over it, for one command.
struct Runtime {
  Config config;
  std::unique_ptr<storage::Database> db;
  util::SystemClock clock;
  std::unique_ptr<app::Services> services;
};

// Opens `config.database` (creating the SQLite file's folder) and applies
// pending migrations.
util::Result<std::unique_ptr<Runtime>> open_runtime(Config config, size_t pool_size = 4);

// Prints `error` on stderr in the user's language (LANG=ru… or en…) and returns 1.
int report(const util::Error& error);
// Prints a translated message on stdout.
void say(std::string_view key, const std::vector<std::pair<std::string, std::string>>& params = {});

// Reads a password: from the terminal without echo, or one line of standard input.
std::string read_password(std::string_view prompt_key);

} // namespace patronage::cli
