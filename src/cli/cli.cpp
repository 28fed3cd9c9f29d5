#include "cli/cli.hpp"

#include <cstdlib>

#include <CLI/CLI.hpp>

#include "cli/commands.hpp"
#include "cli/runtime.hpp"
#include "util/log.hpp"

namespace patronage::cli {

int main(int argc, char** argv) {
  CLI::App root{"Patronage: case management for social patronage services"};
  root.require_subcommand(1);
  root.fallthrough(); // `patronage serve --config FILE`: subcommands pass the global options up
  std::string config_path;
  std::string database;
  root.add_option("-c,--config", config_path, "TOML configuration file")->envname("PATRONAGE_CONFIG");
  root.add_option("-d,--database", database, "Database URL: sqlite:PATH or postgresql://...");

  ServeOptions serve;
  auto* serve_cmd = root.add_subcommand("serve", "Serve the API and the web application");
  serve_cmd->add_option("--listen", serve.listen, "Address to listen on (default 127.0.0.1)");
  serve_cmd->add_option("--port", serve.port, "Port (default 8080; 0 picks a free one)");
  serve_cmd->add_option("--threads", serve.threads, "Request threads (default: one per core)");
  serve_cmd->add_option("--web", serve.web_root, "Folder of the built web application (default web/dist)");
  serve_cmd->add_flag("--demo-if-empty", serve.demo_if_empty, "Load the demo data when there are no users");

  bool markdown = false;
  auto* config_cmd = root.add_subcommand("config", "The configuration");
  config_cmd->require_subcommand(1);
  auto* config_show = config_cmd->add_subcommand("show", "Print every setting in effect and where it came from");
  config_show->add_flag("--markdown", markdown, "Print the table of keys, defaults and meanings (for the README)");

  auto* migrate_cmd = root.add_subcommand("migrate", "Apply pending database migrations");
  auto* demo_cmd = root.add_subcommand("demo", "Load demo data into an empty database");

  UserOptions user;
  auto* user_cmd = root.add_subcommand("user", "Manage user accounts");
  user_cmd->require_subcommand(1);
  auto* user_add = user_cmd->add_subcommand("add", "Create a user; the password is read from standard input");
  user_add->add_option("--login", user.login, "Login")->required();
  user_add->add_option("--name", user.full_name, "Full name")->required();
  user_add->add_option("--role", user.role, "admin, head, specialist, expert, secretary, coordinator, volunteer, auditor")
      ->required();
  user_add->add_option("--unit", user.unit, "Unit id (see `unit list`)")->required();
  auto* user_passwd = user_cmd->add_subcommand("passwd", "Set a new password, read from standard input");
  user_passwd->add_option("--login", user.login, "Login")->required();
  auto* user_disable = user_cmd->add_subcommand("disable", "Disable an account and end its sessions");
  user_disable->add_option("--login", user.login, "Login")->required();
  user_disable->add_flag("--enable", user.enable, "Enable the account again instead");
  auto* user_list = user_cmd->add_subcommand("list", "List user accounts");

  UnitOptions unit;
  auto* unit_cmd = root.add_subcommand("unit", "Manage units (region, institution, department)");
  unit_cmd->require_subcommand(1);
  auto* unit_add = unit_cmd->add_subcommand("add", "Add a unit");
  unit_add->add_option("--name", unit.name, "Name")->required();
  unit_add->add_option("--kind", unit.kind, "region, institution or department")->required();
  unit_add->add_option("--parent", unit.parent, "Parent unit id");
  auto* unit_list = unit_cmd->add_subcommand("list", "List units");

  std::string backup_path;
  auto* backup_cmd = root.add_subcommand("backup", "Copy the SQLite database while the service runs");
  backup_cmd->add_option("--to", backup_path, "Destination file (must not exist)")->required();
  auto* restore_cmd = root.add_subcommand("restore", "Replace the SQLite database with a backup (server stopped)");
  restore_cmd->add_option("--from", backup_path, "Backup file")->required();

  auto* audit_cmd = root.add_subcommand("audit", "The audit log");
  audit_cmd->require_subcommand(1);
  auto* audit_verify = audit_cmd->add_subcommand("verify", "Check that no audit entry was edited or deleted");

  ExportOptions export_options;
  auto* export_cmd = root.add_subcommand("export", "Export a list or the audit log as CSV or XLSX");
  export_cmd->add_option("list", export_options.list, "households, cases, visits, services or audit")
      ->required()
      ->check(CLI::IsMember({"households", "cases", "visits", "services", "audit"}));
  export_cmd->add_option("--format", export_options.format, "csv or xlsx (default: from the extension of --out)")
      ->check(CLI::IsMember({"csv", "xlsx"}));
  export_cmd->add_option("--out", export_options.out, "Output file")->required();
  export_cmd->add_option("--unit", export_options.unit, "Unit id (default: the whole tree)");
  export_cmd->add_option("--from", export_options.from, "First day of the period, YYYY-MM-DD");
  export_cmd->add_option("--to", export_options.to, "Last day of the period, YYYY-MM-DD");
  export_cmd->add_option("--user", export_options.user, "Audit log: only this user's entries (user id)");

  ImportOptions import_options;
  std::string undo_batch;
  auto* import_cmd = root.add_subcommand("import", "Import households and their members from CSV or XLSX");
  import_cmd->require_subcommand(1);
  auto* import_households = import_cmd->add_subcommand(
      "households", "Check a file (dry run, the default) or load it with --apply; see docs/import.md");
  import_households->add_option("file", import_options.file, "CSV (UTF-8 or Windows-1251) or XLSX file");
  import_households->add_option("--mapping", import_options.mapping, "TOML file naming which column is which");
  auto* apply_option = import_households->add_flag("--apply", import_options.apply, "Load the file, all or nothing");
  bool dry_run = false; // the default; the flag is accepted so that scripts can say it
  import_households->add_flag("--dry-run", dry_run, "Only check and report (the default)")->excludes(apply_option);
  import_households->add_option("--report", import_options.report, "Write the report as CSV");
  import_households->add_option("--decisions", import_options.decisions,
                                "A report CSV whose decision column says new or same:<person id>");
  import_households->add_option("--unit", import_options.unit, "Unit id for rows without a unit column");
  import_households->add_option("--template", import_options.template_out,
                                "Write an empty XLSX template with the expected columns and stop");
  import_households->add_flag("--progress", import_options.progress, "Show progress even when not on a terminal");
  auto* import_undo = import_cmd->add_subcommand("undo", "Undo an applied import batch");
  import_undo->add_option("batch", undo_batch, "Batch id printed by --apply")->required();

  try {
    root.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return root.exit(e) == 0 ? 0 : 2; // --help is a ParseError that exits 0
  }

  auto config = load_config(config_path);
  if (!config) {
    return report(config.error());
  }
  // Flags are the strongest source; each is checked like the file's value.
  auto apply_flag_if_set = [&](std::string_view key, const std::string& value) {
    return value.empty() ? util::Status{} : apply_flag(*config, key, value);
  };
  for (const auto& applied :
       {apply_flag_if_set("database", database), apply_flag_if_set("server.listen", serve.listen),
        apply_flag_if_set("server.port", serve.port >= 0 ? std::to_string(serve.port) : ""),
        apply_flag_if_set("server.threads", serve.threads >= 0 ? std::to_string(serve.threads) : ""),
        apply_flag_if_set("server.web_root", serve.web_root)}) {
    if (!applied) {
      return report(applied.error());
    }
  }
  util::init_logging(config->log_level);

  if (*config_show) {
    return run_config_show(*config, markdown);
  }

  if (*serve_cmd) {
    return run_serve(std::move(*config), serve);
  }
  if (*migrate_cmd) {
    return run_migrate(std::move(*config));
  }
  if (*demo_cmd) {
    return run_demo(std::move(*config));
  }
  if (*user_add) {
    return run_user_add(std::move(*config), user);
  }
  if (*user_passwd) {
    return run_user_passwd(std::move(*config), user);
  }
  if (*user_disable) {
    return run_user_disable(std::move(*config), user);
  }
  if (*user_list) {
    return run_user_list(std::move(*config));
  }
  if (*unit_add) {
    return run_unit_add(std::move(*config), unit);
  }
  if (*unit_list) {
    return run_unit_list(std::move(*config));
  }
  if (*backup_cmd) {
    return run_backup(std::move(*config), backup_path);
  }
  if (*restore_cmd) {
    return run_restore(std::move(*config), backup_path);
  }
  if (*audit_verify) {
    return run_audit_verify(std::move(*config));
  }
  if (*export_cmd) {
    return run_export(std::move(*config), export_options);
  }
  if (*import_households) {
    return run_import(std::move(*config), import_options);
  }
  if (*import_undo) {
    return run_import_undo(std::move(*config), undo_batch);
  }
  return 2;
}

} // namespace patronage::cli
