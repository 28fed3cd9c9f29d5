#include <iostream>

#include "app/auth.hpp"
#include "app/units.hpp"
#include "app/users.hpp"
#include "cli/commands.hpp"
#include "cli/runtime.hpp"
#include "util/password.hpp"

namespace patronage::cli {
namespace {

const app::RequestMeta k_cli_meta{"local", "cli"};

// A new password from standard input, checked against the policy.
util::Result<std::string> new_password_hash(const app::Settings& settings) {
  const std::string password = read_password("cli.password_prompt");
  if (auto ok = app::check_password_policy(settings.auth, password); !ok) {
    return util::fail(ok.error());
  }
  return util::hash_password(password);
}

util::Result<std::string> user_id_of(const Runtime& rt, const std::string& login) {
  auto user = app::get_user_by_login(*rt.services, app::command_line_actor(), k_cli_meta, login);
  if (!user) {
    return util::fail(user.error());
  }
  return user->id;
}

} // namespace

int run_user_add(Config config, const UserOptions& options) {
  auto runtime = open_runtime(std::move(config));
  if (!runtime) {
    return report(runtime.error());
  }
  auto hash = new_password_hash((*runtime)->config.settings);
  if (!hash) {
    return report(hash.error());
  }
  app::NewUser user{options.login, options.full_name, options.role, options.unit, *hash};
  auto created = app::create_user(*(*runtime)->services, app::command_line_actor(), k_cli_meta, user);
  if (!created) {
    return report(created.error());
  }
  say("cli.user_created", {{"login", created->login}, {"id", created->id}});
  return 0;
}

int run_user_passwd(Config config, const UserOptions& options) {
  auto runtime = open_runtime(std::move(config));
  if (!runtime) {
    return report(runtime.error());
  }
  auto id = user_id_of(**runtime, options.login);
  if (!id) {
    return report(id.error());
  }
  auto hash = new_password_hash((*runtime)->config.settings);
  if (!hash) {
    return report(hash.error());
  }
  if (auto done = app::set_password(*(*runtime)->services, app::command_line_actor(), k_cli_meta, *id, *hash); !done) {
    return report(done.error());
  }
  say("cli.password_set", {{"login", options.login}});
  return 0;
}

int run_user_disable(Config config, const UserOptions& options) {
  auto runtime = open_runtime(std::move(config));
  if (!runtime) {
    return report(runtime.error());
  }
  auto id = user_id_of(**runtime, options.login);
  if (!id) {
    return report(id.error());
  }
  auto done = app::set_disabled(*(*runtime)->services, app::command_line_actor(), k_cli_meta, *id, !options.enable);
  if (!done) {
    return report(done.error());
  }
  say(options.enable ? "cli.user_enabled" : "cli.user_disabled", {{"login", options.login}});
  return 0;
}

int run_user_list(Config config) {
  auto runtime = open_runtime(std::move(config));
  if (!runtime) {
    return report(runtime.error());
  }
  auto users = app::list_users(*(*runtime)->services, app::command_line_actor(), k_cli_meta);
  if (!users) {
    return report(users.error());
  }
  for (const auto& u : *users) {
    std::cout << u.login << "\t" << domain::to_string(u.role) << "\t" << u.full_name << "\t" << u.unit_name
              << (u.disabled ? "\tdisabled" : "") << "\n";
  }
  return 0;
}

int run_unit_add(Config config, const UnitOptions& options) {
  auto runtime = open_runtime(std::move(config));
  if (!runtime) {
    return report(runtime.error());
  }
  app::NewUnit unit{options.name, options.kind,
                    options.parent.empty() ? std::nullopt : std::optional<std::string>(options.parent)};
  auto created = app::create_unit(*(*runtime)->services, app::command_line_actor(), k_cli_meta, unit);
  if (!created) {
    return report(created.error());
  }
  say("cli.unit_created", {{"name", created->name}, {"id", created->id}});
  return 0;
}

int run_unit_list(Config config) {
  auto runtime = open_runtime(std::move(config));
  if (!runtime) {
    return report(runtime.error());
  }
  auto units = app::list_units(*(*runtime)->services, app::command_line_actor());
  if (!units) {
    return report(units.error());
  }
  for (const auto& u : *units) {
    const auto depth = static_cast<size_t>(std::count(u.path.begin(), u.path.end(), '/')) - 2;
    std::cout << u.id << "\t" << std::string(depth * 2, ' ') << u.name << " (" << u.kind << ")\n";
  }
  return 0;
}

} // namespace patronage::cli
