#include "cli/runtime.hpp"

#include <cstdlib>
#include <filesystem>
#include <iostream>

#include <termios.h>
#include <unistd.h>

#include "http/messages.hpp"

namespace patronage::cli {
namespace {

http::Lang cli_language() {
  const char* lang = std::getenv("LANG");
  return lang != nullptr && std::string_view(lang).starts_with("en") ? http::Lang::en : http::Lang::ru;
}

} // namespace

util::Result<std::unique_ptr<Runtime>> open_runtime(Config config, size_t pool_size) {
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
  auto runtime = std::make_unique<Runtime>();
  runtime->config = std::move(config);
  auto db = storage::Database::open(runtime->config.database, {pool_size, ""});
  if (!db) {
    return util::fail(db.error());
  }
  runtime->db = std::move(*db);
  if (auto migrated = runtime->db->migrate(); !migrated) {
    return util::fail(migrated.error());
  }
  runtime->services = std::make_unique<app::Services>(app::Services{*runtime->db, runtime->clock,
                                                                    runtime->config.settings});
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
