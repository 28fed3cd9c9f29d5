#include "cli/runtime.hpp"

#include <cstdlib>
#include <filesystem>
#include <iostream>

#include <termios.h>
#include <unistd.h>

#include "app/case_due.hpp"
#include "cli/safeguards.hpp"
#include "http/messages.hpp"
#include "storage/migrations.hpp"

namespace patronage::cli {
http::Lang cli_language() {
  const char* lang = std::getenv("LANG");
  return lang != nullptr && std::string_view(lang).starts_with("en") ? http::Lang::en : http::Lang::ru;
}

util::Result<std::unique_ptr<Runtime>> open_runtime(Config config, const RuntimeOptions& options) {
  auto url = storage::parse_database_url(config.database);
  if (!url) {
    return util::fail(url.error());
  }
  if (url->backend == storage::Backend::sqlite && url->target != ":memory:") {
    const auto folder = std::filesystem::path(url->target).parent_path();
    std::error_code ec;
    if (!folder.empty()) {
      std::filesystem::create_directories(folder, ec);
    }
  }
  const std::string key_path = audit_key_path(config);
  auto key = load_or_create_audit_key(key_path);
  if (!key) {
    return util::fail(key.error());
  }
  auto runtime = std::make_unique<Runtime>();
  runtime->config = std::move(config);
  storage::DatabaseOptions db_options{options.pool_size, "", {key->bytes, key_path + ".anchor"}};
  auto db = storage::Database::open(runtime->config.database, db_options);
  if (!db) {
    return util::fail(db.error());
  }
  runtime->db = std::move(*db);
  auto version = runtime->db->schema_version();
  if (!version) {
    return util::fail(version.error());
  }
  DatabaseLock migration_lock;
  if (*version < storage::migrations().back().version && !options.holds_lock) {
    // Changing the schema under a running server is not safe: refuse while one holds the lock.
    auto taken = DatabaseLock::take(runtime->config);
    if (!taken) {
      return util::fail(taken.error().code == util::ErrorCode::conflict
                            ? util::Error::conflict("cli.migrate_while_serving").with("path", runtime->config.database)
                            : taken.error());
    }
    migration_lock = std::move(*taken);
  }
  if (auto migrated = runtime->db->migrate(); !migrated) {
    return util::fail(migrated.error());
  }
  if (key->created) {
    // Nothing was anchored under a key that did not exist: start from the current head.
    if (auto anchored = storage::update_audit_anchor(*runtime->db, storage::AnchorMove::reset); !anchored) {
      return util::fail(anchored.error());
    }
  }
  runtime->services = std::make_unique<app::Services>(app::Services{*runtime->db, runtime->clock,
                                                                    runtime->config.settings});
  // The work list's stored due items (migration 21): rows marked by a migration, the bulk loader or a change of
  // settings are computed now, and every write of this process keeps them from here on.
  if (auto kept = app::keep_case_due(*runtime->services); !kept) {
    return util::fail(kept.error());
  }
  if (options.keep_anchor) {
    runtime->anchor_keeper = std::make_unique<storage::AuditAnchorKeeper>(*runtime->db);
  }
  return runtime;
}

int report(const util::Error& error) {
  const auto lang = cli_language();
  std::cerr << http::translate(lang, "cli.error") << ": " << http::translate(lang, error.key, error.params) << "\n";
  for (const auto& field : error.fields) {
    std::cerr << "  " << field.field << ": " << http::translate(lang, field.reason, error.params) << "\n";
  }
  return 1;
}

void say(std::string_view key, const std::vector<std::pair<std::string, std::string>>& params) {
  std::cout << http::translate(cli_language(), key, params) << "\n";
}

std::string read_password(std::string_view prompt_key) {
  std::string password;
  if (isatty(STDIN_FILENO) != 0) {
    std::cerr << http::translate(cli_language(), prompt_key) << ": " << std::flush;
    termios old_mode{};
    tcgetattr(STDIN_FILENO, &old_mode);
    termios quiet = old_mode;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
    std::getline(std::cin, password);
    tcsetattr(STDIN_FILENO, TCSANOW, &old_mode);
    std::cerr << "\n";
  } else {
    std::getline(std::cin, password);
  }
  if (!password.empty() && password.back() == '\r') {
    password.pop_back();
  }
  return password;
}

} // namespace patronage::cli
