#pragma once

#include <string>

#include "app/settings.hpp"
#include "http/api.hpp"
#include "http/server.hpp"
#include "util/error.hpp"

namespace patronage::cli {

// Everything configurable. Sources, weakest first: defaults, the TOML file
// (`--config` or PATRONAGE_CONFIG), environment variables, command-line flags.
struct Config {
  std::string database = "sqlite:data/patronage.db";
  std::string log_level = "info";
  // audit.key_file: the HMAC key of the audit chain (32 random bytes, created
  // 0600 at first start, never in the database); its anchor is <key_file>.anchor.
  // Empty: the default of cli/safeguards.hpp (beside the SQLite database).
  std::string audit_key_file;
  std::string config_file; // the TOML file read, "" for none
  http::ServerOptions server;
  http::ApiOptions api;
  app::Settings settings;
};

// Reads `path` (empty: none) and then the environment over the defaults.
// Fails with field errors naming the bad key.
util::Result<Config> load_config(const std::string& path);

} // namespace patronage::cli
