#pragma once

#include <memory>
#include <string>

#include "app/context.hpp"
#include "cli/config.hpp"
#include "http/messages.hpp"
#include "storage/audit_anchor.hpp"
#include "storage/database.hpp"
#include "util/time.hpp"

namespace patronage::cli {

// An open, migrated database and the services over it, for one command.
struct Runtime {
  Config config;
  std::unique_ptr<storage::Database> db;
  util::SystemClock clock;
  std::unique_ptr<app::Services> services;
  // Last: stopped first, writing the final anchor while the database is open.
  std::unique_ptr<storage::AuditAnchorKeeper> anchor_keeper;
};

struct RuntimeOptions {
  size_t pool_size = 4;
  // Keep the audit anchor current (storage::AuditAnchorKeeper). Off for
  // `audit verify` (it checks the anchor as found) and `restore` (resets it).
  bool keep_anchor = true;
  // The caller holds the DatabaseLock (serve, restore); otherwise pending
  // migrations take it and are refused while a server runs.
  bool holds_lock = false;
};

// Loads or creates the audit key (cli/safeguards.hpp), opens `config.database`
// (creating the SQLite file's folder) with the key and anchor, and applies
// pending migrations. With a new key the anchor is set to the current head.
util::Result<std::unique_ptr<Runtime>> open_runtime(Config config, const RuntimeOptions& options = {});

// The user's language: English for LANG=en…, else Russian.
http::Lang cli_language();

// Prints `error` on stderr in the user's language (LANG=ru… or en…) and returns 1.
int report(const util::Error& error);
// Prints a translated message on stdout.
void say(std::string_view key, const std::vector<std::pair<std::string, std::string>>& params = {});

// Reads a password: from the terminal without echo, or one line of standard input.
std::string read_password(std::string_view prompt_key);

} // namespace patronage::cli
