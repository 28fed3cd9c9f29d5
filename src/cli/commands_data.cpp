#include <iostream>

#include "app/audit_log.hpp"
#include "demo/demo.hpp"
#include "cli/commands.hpp"
#include "cli/runtime.hpp"
#include "cli/safeguards.hpp"
#include "storage/audit_anchor.hpp"
#include "storage/sqlite/backup.hpp"
#include "util/password.hpp"

namespace patronage::cli {
namespace {

// The SQLite file of `config`, or an error for PostgreSQL (use pg_dump there).
util::Result<std::string> sqlite_path(const Config& config) {
  auto url = storage::parse_database_url(config.database);
  if (!url) {
    return util::fail(url.error());
  }
  if (url->backend != storage::Backend::sqlite) {
    return util::fail(util::Error::invalid("backup.postgres_use_pg_dump"));
  }
  return url->target;
}

} // namespace

int run_migrate(Config config) {
  auto runtime = open_runtime(std::move(config));
  if (!runtime) {
    return report(runtime.error());
  }
  auto version = (*runtime)->db->schema_version();
  if (!version) {
    return report(version.error());
  }
  say("cli.migrated", {{"version", std::to_string(*version)}});
  return 0;
}

int run_demo(Config config) {
  auto runtime = open_runtime(std::move(config));
  if (!runtime) {
    return report(runtime.error());
  }
  auto loaded = demo::load(*(*runtime)->services, [](const std::string& p) { return util::hash_password(p); });
  if (!loaded) {
    return report(loaded.error());
  }
  say(*loaded ? "cli.demo_loaded" : "cli.demo_skipped");
  for (const auto& account : demo::accounts()) {
    std::cout << "  " << account.login << " / " << account.password << "  (" << account.role << ")\n";
  }
  return 0;
}

int run_backup(Config config, const std::string& destination) {
  auto path = sqlite_path(config);
  if (!path) {
    return report(path.error());
  }
  if (auto refused = refuse_database_file(config, destination); !refused) {
    return report(refused.error());
  }
  if (auto done = storage::sqlite::backup(*path, destination); !done) {
    return report(done.error());
  }
  say("cli.backup_done", {{"path", destination}});
  return 0;
}

int run_restore(Config config, const std::string& source) {
  auto path = sqlite_path(config);
  if (!path) {
    return report(path.error());
  }
  if (auto refused = refuse_database_file(config, source); !refused) {
    return report(refused.error());
  }
  // Held until the end: a server cannot start on a half-restored database.
  auto lock = DatabaseLock::take(config);
  if (!lock) {
    return report(lock.error().code == util::ErrorCode::conflict
                      ? util::Error::conflict("cli.restore_while_serving").with("path", *path)
                      : lock.error());
  }
  // How far the chain went before, for the record of the restore.
  const std::string key_path = audit_key_path(config);
  std::optional<long long> anchored_before;
  if (auto key = load_or_create_audit_key(key_path); key && !key->created) {
    if (auto anchor = storage::read_audit_anchor(key_path + ".anchor", key->bytes)) {
      anchored_before = anchor->seq;
    }
  }
  if (auto done = storage::sqlite::restore(source, *path); !done) {
    return report(done.error());
  }
  RuntimeOptions options;
  options.keep_anchor = false;
  options.holds_lock = true;
  auto runtime = open_runtime(std::move(config), options);
  if (!runtime) {
    return report(runtime.error());
  }
  // The restored chain is shorter than the anchored one: record the restore in it, then anchor it anew.
  auto recorded = app::record_restore(*(*runtime)->services, app::command_line_actor(), anchored_before);
  if (!recorded) {
    return report(recorded.error());
  }
  if (auto anchored = storage::update_audit_anchor(*(*runtime)->db, storage::AnchorMove::reset); !anchored) {
    return report(anchored.error());
  }
  say("cli.restore_done", {{"path", source}});
  return 0;
}

int run_audit_verify(Config config) {
  RuntimeOptions options;
  options.keep_anchor = false; // check the anchor as found, not as this command would move it
  auto runtime = open_runtime(std::move(config), options);
  if (!runtime) {
    return report(runtime.error());
  }
  auto report_value = app::verify_audit_log(*(*runtime)->services, app::command_line_actor());
  if (!report_value) {
    return report(report_value.error());
  }
  if (!report_value->ok) {
    return report(util::Error::conflict("audit.chain_broken")
                      .with("seq", std::to_string(report_value->bad_seq))
                      .with("problem", report_value->problem)
                      .with("reason", http::translate(cli_language(), "audit.problem." + report_value->problem)));
  }
  say("cli.audit_ok", {{"count", std::to_string(report_value->checked)}});
  if (report_value->mac_from != 0) {
    say("cli.audit_mac_from", {{"seq", std::to_string(report_value->mac_from)}});
  } else {
    say("cli.audit_no_mac");
  }
  if (report_value->anchored != 0) {
    say("cli.audit_anchored", {{"seq", std::to_string(report_value->anchored)}});
  }
  return 0;
}

} // namespace patronage::cli
