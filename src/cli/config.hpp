#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "app/settings.hpp"
#include "http/api.hpp"
#include "http/server.hpp"
#include "util/error.hpp"

namespace patronage::cli {

// Where the value of a configuration key came from, weakest first.
enum class Source { default_value, file, env, flag };

std::string_view to_string(Source source);

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
  // server.time_zone: an IANA name; empty: the machine's zone. Resolved into settings.time_zone.
  std::string time_zone;
  http::ServerOptions server;
  http::ApiOptions api;
  app::Settings settings;
  // The source of every key set by a file, the environment or a flag; a key not here has its default.
  std::map<std::string, Source, std::less<>> sources;
};

// One key of the configuration table (config.cpp declares each key once).
struct ConfigKeyInfo {
  std::string_view key;     // TOML path, "section.name" ("database" is top-level)
  std::string_view env;     // the environment variable that overrides it, or empty
  std::string_view meaning; // English, one line; the README table and `config show --markdown`
  bool sensitive = false;   // its value is masked when shown
};

// The configuration table, in the order `config show` prints it.
std::vector<ConfigKeyInfo> config_keys();

// One key as it is in effect.
struct ConfigEntry {
  ConfigKeyInfo info;
  std::string value;         // a TOML literal; masked when sensitive
  std::string default_value; // a TOML literal
  Source source = Source::default_value;
};

// Reads `path` (empty: none) and then the environment over the defaults, and
// checks every value. Fails on the first bad value with
// Error::invalid("config.invalid") and one field error naming the key (the
// environment variable's value is reported under the key it sets) with the
// reason: "config.type_<kind>" (wrong TOML type), "config.out_of_range" {min,
// max}, "config.choice_invalid" {choices}, "config.date_invalid",
// "config.unknown_key", "config.order_invalid" {other} (a minimum above its
// maximum, a rarer visit rate for a graver risk...), or the key's own check
// ("config.database_url_invalid"); "config.file_missing" and
// "config.file_invalid" {path, reason} when the file is absent or not TOML.
// On success `settings.listing` lists every key.
util::Result<Config> load_config(const std::string& path);

// Sets `key` from a command-line flag, checked like a file's value and recorded
// as Source::flag; refreshes `settings.listing`. Fails as load_config does.
util::Status apply_flag(Config& config, std::string_view key, std::string_view value);

// Every key of the table, in order, with its effective value and source.
std::vector<ConfigEntry> describe(const Config& config);

// `config show`: one line per key, "key = value  # source". With `markdown`,
// a Markdown table of key, default, environment variable and meaning instead
// (for the README).
std::string format_config(const std::vector<ConfigEntry>& entries, bool markdown);

// `url` with any password replaced by "***" (user:password@ and password=).
std::string mask_database_url(std::string_view url);

} // namespace patronage::cli
