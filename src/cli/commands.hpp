#pragma once

#include <string>

#include "cli/config.hpp"

namespace patronage::cli {

// The flags of `serve`; cli.cpp applies the first four over the configuration (Source::flag).
struct ServeOptions {
  std::string listen;
  int port = -1;
  int threads = -1;
  std::string web_root;
  bool demo_if_empty = false;
};

struct UserOptions {
  std::string login;
  std::string full_name;
  std::string role;
  std::string unit; // id
  bool enable = false;
};

struct UnitOptions {
  std::string name;
  std::string kind;
  std::string parent;
};

struct ExportOptions {
  std::string list; // households, cases, visits, services, audit
  std::string format; // csv, xlsx; empty: from the extension of `out`
  std::string out;
  std::string unit;
  std::string from;
  std::string to;
  std::string user; // audit only
};

// `patronage import households FILE` (issue 18, docs/import.md).
struct ImportOptions {
  std::string file;
  std::string mapping;      // TOML; default: the columns of `export households` and the template
  std::string decisions;    // a report CSV with its decision column filled
  std::string report;       // write the report as CSV here
  std::string unit;         // unit id for rows without a unit column
  std::string template_out; // write the empty template workbook here instead
  bool apply = false;
  bool progress = false; // also when stderr is not a terminal
};

// Each returns the process exit code.
int run_serve(Config config, const ServeOptions& options);
int run_config_show(const Config& config, bool markdown);
int run_migrate(Config config);
int run_demo(Config config);
int run_user_add(Config config, const UserOptions& options);
int run_user_passwd(Config config, const UserOptions& options);
int run_user_disable(Config config, const UserOptions& options);
int run_user_list(Config config);
int run_unit_add(Config config, const UnitOptions& options);
int run_unit_list(Config config);
int run_backup(Config config, const std::string& destination);
int run_restore(Config config, const std::string& source);
int run_audit_verify(Config config);
int run_export(Config config, const ExportOptions& options);
// 0 when every row checked (and, with --apply, loaded); 1 with any issue (then nothing was written) or error.
int run_import(Config config, const ImportOptions& options);
int run_import_undo(Config config, const std::string& batch_id);

} // namespace patronage::cli
