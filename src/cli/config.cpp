#include "cli/config.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include <toml++/toml.h>

#include "http/client_address.hpp"

namespace patronage::cli {
namespace {

std::optional<std::string> env(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr && *value != '\0' ? std::optional<std::string>(value) : std::nullopt;
}

template <typename T> void read(const toml::table& table, const char* path, T& out) {
  if (auto value = table.at_path(path).value<T>()) {
    out = *value;
  }
}

void read_seconds(const toml::table& table, const char* path, std::chrono::seconds unit, std::chrono::seconds& out) {
  if (auto value = table.at_path(path).value<long long>()) {
    out = unit * *value;
  }
}

} // namespace

util::Result<Config> load_config(const std::string& path) {
  Config config;
  config.api.web_root = "web/dist";
  if (!path.empty()) {
    if (!std::filesystem::exists(path)) {
      return util::fail(util::Error::field("config", "config.file_missing").with("path", path));
    }
    toml::table table;
    try {
      table = toml::parse_file(path);
    } catch (const toml::parse_error& e) {
      return util::fail(util::Error::field("config", "config.file_invalid")
                            .with("path", path)
                            .with("reason", std::string(e.description())));
    }
    config.config_file = path;
    read(table, "database", config.database);
    read(table, "audit.key_file", config.audit_key_file);
    read(table, "log.level", config.log_level);
    read(table, "server.listen", config.server.address);
    long long port = config.server.port;
    read(table, "server.port", port);
    if (port < 0 || port > 65535) {
      return util::fail(util::Error::field("server.port", "config.port_invalid"));
    }
    config.server.port = static_cast<unsigned short>(port);
    long long threads = config.server.threads;
    read(table, "server.threads", threads);
    config.server.threads = static_cast<unsigned>(std::max(0LL, threads));
    long long body_limit = static_cast<long long>(config.server.body_limit);
    read(table, "server.body_limit", body_limit);
    config.server.body_limit = static_cast<size_t>(std::max(1024LL, body_limit));
    read(table, "server.web_root", config.api.web_root);
    read(table, "server.cookie_secure", config.api.cookie_secure);
    if (auto node = table.at_path("server.trusted_proxies")) {
      const auto* list = node.as_array();
      if (list == nullptr) {
        return util::fail(util::Error::field("server.trusted_proxies", "config.trusted_proxy_invalid").with("value", ""));
      }
      for (const auto& item : *list) {
        const auto text = item.value<std::string>();
        if (!text || !http::parse_ip(*text)) {
          return util::fail(util::Error::field("server.trusted_proxies", "config.trusted_proxy_invalid")
                                .with("value", text.value_or("")));
        }
        config.api.trusted_proxies.push_back(*text);
      }
    }
    auto& auth = config.settings.auth;
    read_seconds(table, "auth.idle_timeout_minutes", std::chrono::minutes{1}, auth.idle_timeout);
    read_seconds(table, "auth.absolute_timeout_hours", std::chrono::hours{1}, auth.absolute_timeout);
    read_seconds(table, "auth.lockout_minutes", std::chrono::minutes{1}, auth.lockout);
    read_seconds(table, "auth.failure_window_minutes", std::chrono::minutes{1}, auth.failure_window);
    read(table, "auth.account_max_failures", auth.account_max_failures);
    read(table, "auth.address_max_failures", auth.address_max_failures);
    if (auto value = table.at_path("auth.address_max_delay_seconds").value<double>()) {
      auth.address_max_delay = std::chrono::milliseconds{static_cast<long long>(std::clamp(*value, 0.0, 60.0) * 1000)};
    }
  }
  if (auto value = env("PATRONAGE_DATABASE")) {
    config.database = *value;
  }
  if (auto value = env("PATRONAGE_AUDIT_KEY_FILE")) {
    config.audit_key_file = *value;
  }
  if (auto value = env("PATRONAGE_LISTEN")) {
    config.server.address = *value;
  }
  if (auto value = env("PATRONAGE_PORT")) {
    try {
      config.server.port = static_cast<unsigned short>(std::stoi(*value));
    } catch (const std::exception&) {
      return util::fail(util::Error::field("PATRONAGE_PORT", "config.port_invalid"));
    }
  }
  if (auto value = env("PATRONAGE_WEB_ROOT")) {
    config.api.web_root = *value;
  }
  if (auto value = env("PATRONAGE_LOG_LEVEL")) {
    config.log_level = *value;
  }
  return config;
}

} // namespace patronage::cli
