#include <iostream>
#include <optional>
#include <thread>

#include "app/case_due_refresher.hpp"
#include "demo/demo.hpp"
#include "cli/commands.hpp"
#include "cli/runtime.hpp"
#include "cli/safeguards.hpp"
#include "http/api.hpp"
#include "http/server.hpp"
#include "util/log.hpp"
#include "util/password.hpp"

namespace patronage::cli {

int run_serve(Config config, const ServeOptions& options) {
  const unsigned threads =
      config.server.threads != 0 ? config.server.threads : std::max(1U, std::thread::hardware_concurrency());
  // For the server's lifetime: `restore` and a second server refuse while it runs.
  auto lock = DatabaseLock::take(config);
  if (!lock) {
    return report(lock.error());
  }
  if (auto exposed = refuse_web_root_over_data(config); !exposed) {
    return report(exposed.error());
  }
  // Connections: the request threads, the write pool, the audit committer, the due items' refresher and two spare.
  RuntimeOptions runtime_options;
  runtime_options.pool_size = threads + config.api.write_threads + 4;
  runtime_options.holds_lock = true;
  auto runtime = open_runtime(config, runtime_options);
  if (!runtime) {
    return report(runtime.error());
  }
  auto& rt = **runtime;
  if (options.demo_if_empty) {
    auto loaded = demo::load(*rt.services, [](const std::string& p) { return util::hash_password(p); });
    if (!loaded) {
      return report(loaded.error());
    }
  }
  // SQLite has one writer: the work list's due items are computed after each write, beside it (issue 16). On
  // PostgreSQL the writes run side by side and keep them inside their own transactions.
  std::optional<app::CaseDueRefresher> due_refresher;
  if (rt.db->backend() == storage::Backend::sqlite) {
    due_refresher.emplace(*rt.services);
  }
  http::Api api(*rt.services, rt.config.api);
  http::Server server(rt.config.server, api);
  auto served = server.run([&](unsigned short port) {
    util::log(util::LogLevel::info, "listening",
              {{"address", rt.config.server.address}, {"port", port}, {"threads", threads},
               {"database", std::string(rt.db->backend() == storage::Backend::sqlite ? "sqlite" : "postgresql")}});
    say("cli.listening", {{"url", "http://" + rt.config.server.address + ":" + std::to_string(port)}});
    std::cout.flush();
  });
  if (!served) {
    return report(served.error());
  }
  return 0;
}

int run_config_show(const Config& config, bool markdown) {
  std::cout << format_config(describe(config), markdown);
  return 0;
}

} // namespace patronage::cli
