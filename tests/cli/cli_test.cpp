// Drives the real `patronage` binary as an administrator would: separate
// processes, SQLite files in a temp folder, passwords piped on stdin, exit codes
// and messages on stdout/stderr. PostgreSQL administration is covered by the
// storage and app suites; here only the refusal of `backup` for it is checked.

#include "support/child_process.hpp"
#include "support/test_server.hpp"

#include "storage/audit.hpp"
#include "util/time.hpp"

#include <algorithm>
#include <chrono>
#include <boost/json.hpp>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <map>
#include <optional>
#include <sqlite3.h>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

extern char** environ;

namespace patronage::cli {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::Not;

using testing::c_strings;
using testing::patronage_binary;

struct Outcome {
  int code = -1; // exit status, or 128 + signal
  std::string out;
  std::string err;
};

std::string read_all(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The child's environment: ours without the language and Patronage variables
// (so the default language is Russian and no stray config applies), plus `extra`.
std::vector<std::string> child_environment(const std::vector<std::string>& extra) {
  std::vector<std::string> out;
  for (char** e = environ; *e != nullptr; ++e) {
    const std::string_view entry(*e);
    if (entry.starts_with("LANG=") || entry.starts_with("LANGUAGE=") || entry.starts_with("LC_") ||
        entry.starts_with("PATRONAGE_")) {
      continue;
    }
    out.emplace_back(entry);
  }
  out.insert(out.end(), extra.begin(), extra.end());
  return out;
}

// A temp folder removed at the end of the test.
class TempDir {
public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "patronage-cli-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) {
      throw std::runtime_error("mkdtemp failed");
    }
    m_path = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(m_path, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const fs::path& path() const { return m_path; }

private:
  fs::path m_path;
};

// Runs `patronage args...` to completion with `input` on stdin.
Outcome run(const fs::path& scratch, const std::vector<std::string>& args, const std::string& input = "",
            const std::vector<std::string>& env = {}) {
  std::vector<std::string> argv_text{patronage_binary().string()};
  argv_text.insert(argv_text.end(), args.begin(), args.end());
  auto argv = c_strings(argv_text);
  auto env_text = child_environment(env);
  auto envp = c_strings(env_text);
  const auto out_path = scratch / "stdout.txt";
  const auto err_path = scratch / "stderr.txt";
  int in_pipe[2];
  if (pipe2(in_pipe, O_CLOEXEC) != 0) {
    return {};
  }
  const pid_t pid = fork();
  if (pid == 0) {
    const int out_fd = open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    const int err_fd = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    dup2(in_pipe[0], STDIN_FILENO);
    dup2(out_fd, STDOUT_FILENO);
    dup2(err_fd, STDERR_FILENO);
    execve(argv[0], argv.data(), envp.data());
    _exit(127);
  }
  close(in_pipe[0]);
  if (!input.empty()) {
    // SIGPIPE is ignored (see SetUpTestSuite): a child that never reads stdin is fine.
    [[maybe_unused]] const auto written = write(in_pipe[1], input.data(), input.size());
  }
  close(in_pipe[1]);
  int status = 0;
  waitpid(pid, &status, 0);
  Outcome outcome;
  outcome.code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  outcome.out = read_all(out_path);
  outcome.err = read_all(err_path);
  return outcome;
}

std::string sqlite_url(const fs::path& path) {
  return "sqlite:" + path.string();
}

// `patronage serve --port 0` on `db` in the background; the port is taken from
// the JSON "listening" log line on stderr. Stopped with SIGTERM on destruction.
class ServerProcess {
public:
  ServerProcess(const fs::path& db, const fs::path& scratch, const std::vector<std::string>& extra = {}) {
    std::vector<std::string> argv_text{
        patronage_binary().string(),  "-d", sqlite_url(db), "serve", "--port", "0", "--threads", "2", "--web",
        (scratch / "no-web").string()};
    argv_text.insert(argv_text.end(), extra.begin(), extra.end());
    auto argv = c_strings(argv_text);
    auto env_text = child_environment({});
    auto envp = c_strings(env_text);
    const auto out_path = scratch / "serve-stdout.txt";
    int err_pipe[2];
    if (pipe2(err_pipe, O_CLOEXEC) != 0) {
      return;
    }
    m_pid = fork();
    if (m_pid == 0) {
      const int null_in = open("/dev/null", O_RDONLY);
      const int out_fd = open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
      dup2(null_in, STDIN_FILENO);
      dup2(out_fd, STDOUT_FILENO);
      dup2(err_pipe[1], STDERR_FILENO);
      execve(argv[0], argv.data(), envp.data());
      _exit(127);
    }
    close(err_pipe[1]);
    m_err = fdopen(err_pipe[0], "r");
    // Blocks until the server logs that it listens, or exits (EOF).
    char* line = nullptr;
    size_t capacity = 0;
    while (getline(&line, &capacity, m_err) > 0) {
      m_log += line;
      boost::system::error_code ec;
      const auto value = boost::json::parse(line, ec);
      if (!ec && value.is_object() && value.as_object().contains("msg") && value.at("msg") == "listening") {
        m_port = static_cast<unsigned short>(value.at("port").to_number<int>());
        break;
      }
    }
    free(line);
    // Keep draining stderr so that the server never blocks on a full pipe.
    m_drain = std::thread([this] {
      char buffer[4096];
      while (fgets(buffer, sizeof buffer, m_err) != nullptr) {
      }
    });
  }
  ~ServerProcess() {
    if (m_pid > 0) {
      kill(m_pid, SIGTERM);
      int status = 0;
      waitpid(m_pid, &status, 0);
    }
    if (m_drain.joinable()) {
      m_drain.join();
    }
    if (m_err != nullptr) {
      fclose(m_err);
    }
  }
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  unsigned short port() const { return m_port; }
  const std::string& log() const { return m_log; }

private:
  pid_t m_pid = -1;
  FILE* m_err = nullptr;
  std::thread m_drain;
  std::string m_log;
  unsigned short m_port = 0;
};

// Runs `sql` on the SQLite file `db` directly, as someone with file access would.
std::string exec_sql(const fs::path& db, const std::string& sql) {
  sqlite3* handle = nullptr;
  std::string error;
  if (sqlite3_open_v2(db.c_str(), &handle, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
    error = sqlite3_errmsg(handle);
  } else {
    char* message = nullptr;
    if (sqlite3_exec(handle, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
      error = message != nullptr ? message : "error";
      sqlite3_free(message);
    }
  }
  sqlite3_close(handle);
  return error;
}

long long query_int(const fs::path& db, const std::string& sql) {
  sqlite3* handle = nullptr;
  long long value = -1;
  if (sqlite3_open_v2(db.c_str(), &handle, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(handle, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK && sqlite3_step(stmt) == SQLITE_ROW) {
      value = sqlite3_column_int64(stmt, 0);
    }
    sqlite3_finalize(stmt);
  }
  sqlite3_close(handle);
  return value;
}

// The audit entry `seq` as stored, read as someone with the file would.
storage::AuditEntry stored_entry(const fs::path& db, long long seq) {
  storage::AuditEntry e;
  sqlite3* handle = nullptr;
  if (sqlite3_open_v2(db.c_str(), &handle, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_stmt* stmt = nullptr;
    // Databases older than migration 10 have no mac column (so that this runs against an old binary too).
    const bool has_mac = query_int(db, "SELECT count(*) FROM pragma_table_info('audit_log') WHERE name = 'mac'") == 1;
    const std::string sql = "SELECT seq, at, user_id, action, entity, entity_id, address, request_id, details, "
                            "prev_hash, hash, " +
                            std::string(has_mac ? "mac" : "''") + " FROM audit_log WHERE seq = " + std::to_string(seq);
    if (sqlite3_prepare_v2(handle, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK && sqlite3_step(stmt) == SQLITE_ROW) {
      auto text = [&](int column) { return std::string(reinterpret_cast<const char*>(sqlite3_column_text(stmt, column))); };
      e.seq = sqlite3_column_int64(stmt, 0);
      e.at = sqlite3_column_int64(stmt, 1);
      e.user_id = text(2);
      e.action = text(3);
      e.entity = text(4);
      e.entity_id = text(5);
      e.address = text(6);
      e.request_id = text(7);
      e.details = text(8);
      e.prev_hash = text(9);
      e.hash = text(10);
      e.mac = text(11);
    }
    sqlite3_finalize(stmt);
  }
  sqlite3_close(handle);
  return e;
}

// Runs `sql` with the append-only triggers dropped, then puts them back exactly as the migration made them.
std::string exec_sql_unguarded(const fs::path& db, const std::string& sql) {
  return exec_sql(db, "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete; " + sql +
                          "; CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
                          "BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END; "
                          "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log "
                          "BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END");
}

// The id of the first unit of `kind` in `unit list` output ("<id>\t  <name> (<kind>)").
std::string unit_id_of_kind(const std::string& unit_list, const std::string& kind) {
  std::istringstream lines(unit_list);
  for (std::string line; std::getline(lines, line);) {
    if (line.ends_with(" (" + kind + ")")) {
      return line.substr(0, line.find('\t'));
    }
  }
  return {};
}

// The id of the unit called `name` in `unit list` output.
std::string unit_id_named(const std::string& unit_list, const std::string& name) {
  std::istringstream lines(unit_list);
  for (std::string line; std::getline(lines, line);) {
    const auto tab = line.find('\t');
    const auto start = line.find_first_not_of(' ', tab + 1);
    if (tab != std::string::npos && start != std::string::npos &&
        line.compare(start, name.size() + 2, name + " (") == 0) {
      return line.substr(0, tab);
    }
  }
  return {};
}

// The line of `login` in `user list` output, or "" when absent.
std::string user_line(const std::string& user_list, const std::string& login) {
  std::istringstream lines(user_list);
  for (std::string line; std::getline(lines, line);) {
    if (line.starts_with(login + "\t")) {
      return line;
    }
  }
  return {};
}

class Cli : public ::testing::Test {
protected:
  // One demo database per suite (loading it hashes nine passwords); each test
  // works on its own copy.
  static void SetUpTestSuite() {
    // A child that never reads its stdin must not kill us when we write to it.
    std::signal(SIGPIPE, SIG_IGN);
    s_template = std::make_unique<TempDir>();
    s_demo_output = run(s_template->path(), {"-d", sqlite_url(s_template->path() / "demo.db"), "demo"});
  }
  static void TearDownTestSuite() { s_template.reset(); }

  void SetUp() override {
    ASSERT_TRUE(fs::exists(patronage_binary())) << "build the `patronage` target first, or set PATRONAGE_BIN; looked "
                                                << "for " << patronage_binary();
    ASSERT_EQ(s_demo_output.code, 0) << s_demo_output.err;
    // The database with its audit key and anchor (beside it by default).
    for (const char* name : {"demo.db", "demo.db-wal", "demo.audit-key", "demo.audit-key.anchor"}) {
      const fs::path from = s_template->path() / name;
      if (fs::exists(from)) {
        fs::copy_file(from, m_dir.path() / name);
      }
    }
  }

  fs::path db() const { return m_dir.path() / "demo.db"; }

  // `patronage -d sqlite:<db> args...`
  Outcome cli(std::vector<std::string> args, const std::string& input = "", const std::vector<std::string>& env = {},
              const std::optional<fs::path>& database = std::nullopt) {
    args.insert(args.begin(), {"-d", sqlite_url(database.value_or(db()))});
    return run(m_dir.path(), args, input, env);
  }

  std::string department_id() { return unit_id_named(cli({"unit", "list"}).out, "Отделение социального патроната"); }

  TempDir m_dir;
  static inline std::unique_ptr<TempDir> s_template;
  static inline Outcome s_demo_output;
};

TEST_F(Cli, HelpOnRootAndEverySubcommandPrintsUsage) {
  const std::vector<std::vector<std::string>> commands{
      {},
      {"serve"},
      {"migrate"},
      {"demo"},
      {"user"},
      {"user", "add"},
      {"user", "passwd"},
      {"user", "disable"},
      {"user", "list"},
      {"unit"},
      {"unit", "add"},
      {"unit", "list"},
      {"backup"},
      {"restore"},
      {"audit"},
      {"audit", "verify"},
      {"import"},
      {"import", "households"},
      {"import", "undo"},
  };
  for (auto args : commands) {
    std::string name = "patronage";
    for (const auto& a : args) {
      name += " " + a;
    }
    args.push_back("--help");
    const auto result = run(m_dir.path(), args);
    EXPECT_EQ(result.code, 0) << name << "\n" << result.err;
    EXPECT_THAT(result.out, HasSubstr("Usage")) << name;
    EXPECT_THAT(result.out, HasSubstr("--help")) << name;
  }
  const auto root = run(m_dir.path(), {"--help"});
  for (const char* sub : {"serve", "migrate", "demo", "user", "unit", "backup", "restore", "audit"}) {
    EXPECT_THAT(root.out, HasSubstr(sub));
  }
  EXPECT_THAT(run(m_dir.path(), {"user", "add", "--help"}).out, HasSubstr("--role"));
  EXPECT_THAT(run(m_dir.path(), {"backup", "--help"}).out, HasSubstr("--to"));
}

TEST_F(Cli, UnknownCommandOrMissingArgumentFails) {
  // CLI11's usage errors exit with its own codes (106 here), not 0 and not 1.
  const auto unknown = run(m_dir.path(), {"frobnicate"});
  EXPECT_NE(unknown.code, 0);
  EXPECT_NE(unknown.code, 1);
  EXPECT_THAT(unknown.err, HasSubstr("--help"));
  EXPECT_EQ(unknown.out, "");
  EXPECT_NE(run(m_dir.path(), {}).code, 0);
  EXPECT_NE(cli({"user"}).code, 0);
  EXPECT_NE(cli({"user", "add", "--login", "x"}).code, 0);
  EXPECT_NE(cli({"backup"}).code, 0);
}

TEST_F(Cli, MigrateCreatesTheDatabaseAndItsFolder) {
  const auto path = m_dir.path() / "new" / "folder" / "patronage.db";
  const auto first = cli({"migrate"}, "", {}, path);
  ASSERT_EQ(first.code, 0) << first.err;
  EXPECT_TRUE(fs::exists(path));
  EXPECT_THAT(first.out, HasSubstr("Схема базы данных актуальна"));
  EXPECT_GT(query_int(path, "SELECT count(*) FROM sqlite_master WHERE name = 'users'"), 0);
  EXPECT_EQ(query_int(path, "SELECT count(*) FROM users"), 0);
  const auto again = cli({"migrate"}, "", {}, path);
  EXPECT_EQ(again.code, 0) << again.err;
  EXPECT_EQ(again.out, first.out);
}

TEST_F(Cli, DemoLoadsAccountsOnceThenSkips) {
  EXPECT_THAT(s_demo_output.out, HasSubstr("Демонстрационные данные загружены"));
  EXPECT_THAT(s_demo_output.out, HasSubstr("admin / demo-admin-2026"));
  EXPECT_EQ(query_int(db(), "SELECT count(*) FROM users"), 9);
  const auto second = cli({"demo"});
  ASSERT_EQ(second.code, 0) << second.err;
  EXPECT_THAT(second.out, HasSubstr("уже есть пользователи"));
  EXPECT_THAT(second.out, Not(HasSubstr("загружены")));
  EXPECT_EQ(query_int(db(), "SELECT count(*) FROM users"), 9);
  EXPECT_EQ(query_int(db(), "SELECT count(*) FROM units"), 4);
}

TEST_F(Cli, UnitListShowsTheTreeWithIds) {
  const auto listed = cli({"unit", "list"});
  ASSERT_EQ(listed.code, 0) << listed.err;
  EXPECT_THAT(listed.out, HasSubstr("Энская область (region)"));
  EXPECT_THAT(listed.out, HasSubstr("  Центр социальной помощи семье и детям «Надежда» (institution)"));
  EXPECT_THAT(listed.out, HasSubstr("    Отделение социального патроната (department)"));
  const auto id = unit_id_of_kind(listed.out, "department");
  ASSERT_FALSE(id.empty());
  EXPECT_EQ(query_int(db(), "SELECT count(*) FROM units WHERE id = '" + id + "'"), 1);
}

TEST_F(Cli, UnitAddWithBadKindNamesTheField) {
  const auto bad = cli({"unit", "add", "--name", "Отдел", "--kind", "galaxy"});
  EXPECT_EQ(bad.code, 1);
  EXPECT_THAT(bad.err, HasSubstr("kind"));
  EXPECT_THAT(bad.err, HasSubstr("kind: Тип подразделения: регион, учреждение или отделение."));
  EXPECT_EQ(query_int(db(), "SELECT count(*) FROM units"), 4);
}

TEST_F(Cli, UserAddReadsThePasswordFromStdin) {
  const auto unit = department_id();
  ASSERT_FALSE(unit.empty());
  const auto added =
      cli({"user", "add", "--login", "sidorova", "--name", "Сидорова Ирина", "--role", "specialist", "--unit", unit},
          "a-long-enough-secret\n");
  ASSERT_EQ(added.code, 0) << added.err;
  EXPECT_THAT(added.out, HasSubstr("Пользователь sidorova создан"));
  EXPECT_THAT(added.err, Not(HasSubstr("a-long-enough-secret")));
  const auto line = user_line(cli({"user", "list"}).out, "sidorova");
  EXPECT_THAT(line, HasSubstr("specialist\tСидорова Ирина\tОтделение социального патроната"));
  EXPECT_THAT(line, Not(HasSubstr("disabled")));

  // The piped password is the one stored: the running server accepts it.
  ServerProcess server(db(), m_dir.path());
  ASSERT_NE(server.port(), 0) << server.log();
  testing::TestClient client(server.port());
  EXPECT_EQ(client.login("sidorova", "a-long-enough-secret").status, 200);
  testing::TestClient wrong(server.port());
  EXPECT_EQ(wrong.login("sidorova", "a-long-enough-secreT").status, 401);
}

TEST_F(Cli, UserAddRefusesAShortPasswordAndCreatesNothing) {
  const auto unit = department_id();
  const auto users_before = query_int(db(), "SELECT count(*) FROM users");
  const auto audit_before = query_int(db(), "SELECT count(*) FROM audit_log");
  const auto refused =
      cli({"user", "add", "--login", "shorty", "--name", "Коротков", "--role", "expert", "--unit", unit}, "short\n");
  EXPECT_EQ(refused.code, 1);
  EXPECT_THAT(refused.err, HasSubstr("Ошибка"));
  EXPECT_THAT(refused.err, HasSubstr("password"));
  EXPECT_THAT(refused.err, HasSubstr("Пароль должен быть не короче 10 символов"));
  EXPECT_EQ(query_int(db(), "SELECT count(*) FROM users"), users_before);
  EXPECT_EQ(query_int(db(), "SELECT count(*) FROM audit_log"), audit_before);
  EXPECT_EQ(user_line(cli({"user", "list"}).out, "shorty"), "");

  // No input at all (EOF) is an empty, hence too short, password.
  const auto empty =
      cli({"user", "add", "--login", "shorty", "--name", "Коротков", "--role", "expert", "--unit", unit}, "");
  EXPECT_EQ(empty.code, 1);
  EXPECT_THAT(empty.err, HasSubstr("password"));
}

TEST_F(Cli, ErrorMessagesAreEnglishWithAnEnglishLocale) {
  const auto unit = department_id();
  const auto refused = cli({"user", "add", "--login", "shorty", "--name", "Short", "--role", "expert", "--unit", unit},
                           "short\n", {"LANG=en_US.UTF-8"});
  EXPECT_EQ(refused.code, 1);
  EXPECT_THAT(refused.err, HasSubstr("Error"));
  EXPECT_THAT(refused.err, HasSubstr("The password must be at least 10 characters long."));
  EXPECT_THAT(refused.err, Not(HasSubstr("Пароль")));
  const auto missing = cli({"user", "disable", "--login", "nobody"}, "", {"LANG=en_US.UTF-8"});
  EXPECT_EQ(missing.code, 1);
  EXPECT_THAT(missing.err, HasSubstr("User not found."));
}

TEST_F(Cli, UserAddWithABadRoleNamesTheField) {
  const auto unit = department_id();
  const auto refused = cli({"user", "add", "--login", "wizard", "--name", "Маг", "--role", "wizard", "--unit", unit},
                           "a-long-enough-secret\n");
  EXPECT_EQ(refused.code, 1);
  EXPECT_THAT(refused.err, HasSubstr("role: Неизвестная роль."));
  EXPECT_EQ(user_line(cli({"user", "list"}).out, "wizard"), "");

  const auto bad_unit =
      cli({"user", "add", "--login", "lost", "--name", "Потерянный", "--role", "expert", "--unit", "no-such-unit"},
          "a-long-enough-secret\n");
  EXPECT_EQ(bad_unit.code, 1);
  EXPECT_THAT(bad_unit.err, HasSubstr("unit_id"));

  const auto taken = cli({"user", "add", "--login", "admin", "--name", "Второй", "--role", "admin", "--unit", unit},
                         "a-long-enough-secret\n");
  EXPECT_EQ(taken.code, 1);
  EXPECT_THAT(taken.err, HasSubstr("login: Такой логин уже занят."));
  EXPECT_EQ(query_int(db(), "SELECT count(*) FROM users"), 9);
}

TEST_F(Cli, UserPasswdChangesThePassword) {
  const auto short_one = cli({"user", "passwd", "--login", "head"}, "tiny\n");
  EXPECT_EQ(short_one.code, 1);
  EXPECT_THAT(short_one.err, HasSubstr("Пароль должен быть не короче"));
  const auto missing = cli({"user", "passwd", "--login", "nobody"}, "a-long-enough-secret\n");
  EXPECT_EQ(missing.code, 1);
  EXPECT_THAT(missing.err, HasSubstr("Пользователь не найден"));

  const auto changed = cli({"user", "passwd", "--login", "head"}, "brand-new-password-1\n");
  ASSERT_EQ(changed.code, 0) << changed.err;
  EXPECT_THAT(changed.out, HasSubstr("Пароль пользователя head изменён"));

  ServerProcess server(db(), m_dir.path());
  ASSERT_NE(server.port(), 0) << server.log();
  testing::TestClient old_password(server.port());
  EXPECT_EQ(old_password.login("head", "demo-head-2026").status, 401);
  testing::TestClient new_password(server.port());
  EXPECT_EQ(new_password.login("head", "brand-new-password-1").status, 200);
}

TEST_F(Cli, UserDisableAndEnable) {
  ASSERT_EQ(user_line(cli({"user", "list"}).out, "petrov").find("disabled"), std::string::npos);
  const auto disabled = cli({"user", "disable", "--login", "petrov"});
  ASSERT_EQ(disabled.code, 0) << disabled.err;
  EXPECT_THAT(disabled.out, HasSubstr("petrov заблокирована"));
  const auto listed = cli({"user", "list"}).out;
  EXPECT_TRUE(user_line(listed, "petrov").ends_with("\tdisabled")) << listed;
  EXPECT_FALSE(user_line(listed, "ivanova").ends_with("\tdisabled"));

  {
    ServerProcess server(db(), m_dir.path());
    ASSERT_NE(server.port(), 0) << server.log();
    testing::TestClient client(server.port());
    EXPECT_NE(client.login("petrov", "demo-spec-2026").status, 200);
  }

  const auto enabled = cli({"user", "disable", "--login", "petrov", "--enable"});
  ASSERT_EQ(enabled.code, 0) << enabled.err;
  EXPECT_THAT(enabled.out, HasSubstr("petrov разблокирована"));
  EXPECT_FALSE(user_line(cli({"user", "list"}).out, "petrov").ends_with("\tdisabled"));

  const auto missing = cli({"user", "disable", "--login", "nobody"});
  EXPECT_EQ(missing.code, 1);
  EXPECT_THAT(missing.err, HasSubstr("Пользователь не найден"));
}

TEST_F(Cli, AuditVerifyPassesOnAnIntactLog) {
  ASSERT_EQ(cli({"user", "list"}).code, 0); // adds an entry
  const auto entries = query_int(db(), "SELECT count(*) FROM audit_log");
  ASSERT_GT(entries, 1);
  const auto verified = cli({"audit", "verify"});
  EXPECT_EQ(verified.code, 0) << verified.err;
  EXPECT_THAT(verified.out, HasSubstr("Журнал аудита цел: проверено записей — " + std::to_string(entries)));
}

TEST_F(Cli, AuditLogIsAppendOnlyWhileTheTriggersStand) {
  EXPECT_THAT(exec_sql(db(), "UPDATE audit_log SET details = '{}' WHERE seq = 1"), HasSubstr("append-only"));
  EXPECT_THAT(exec_sql(db(), "DELETE FROM audit_log WHERE seq = 1"), HasSubstr("append-only"));
  EXPECT_EQ(cli({"audit", "verify"}).code, 0);
}

TEST_F(Cli, AuditVerifyNamesAnEditedEntry) {
  ASSERT_EQ(cli({"user", "list"}).code, 0);
  ASSERT_EQ(cli({"user", "list"}).code, 0);
  ASSERT_GE(query_int(db(), "SELECT count(*) FROM audit_log"), 3);
  ASSERT_EQ(exec_sql(db(), "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;"
                           "UPDATE audit_log SET details = '{\"count\":1}' WHERE seq = 2"),
            "");
  const auto broken = cli({"audit", "verify"});
  EXPECT_EQ(broken.code, 1);
  EXPECT_THAT(broken.err, HasSubstr("Журнал аудита нарушен: запись 2 (hash_mismatch)"));

  const auto english = cli({"audit", "verify"}, "", {"LANG=en_US.UTF-8"});
  EXPECT_EQ(english.code, 1);
  EXPECT_THAT(english.err, HasSubstr("The audit log is broken: entry 2 (hash_mismatch)"));
}

TEST_F(Cli, AuditVerifyDetectsADeletedLastEntry) {
  ASSERT_EQ(cli({"user", "list"}).code, 0);
  const auto last = query_int(db(), "SELECT max(seq) FROM audit_log");
  ASSERT_GT(last, 1);
  ASSERT_EQ(exec_sql(db(), "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;"
                           "DELETE FROM audit_log WHERE seq = " +
                               std::to_string(last)),
            "");
  const auto broken = cli({"audit", "verify"});
  EXPECT_EQ(broken.code, 1);
  EXPECT_THAT(broken.err, HasSubstr("запись " + std::to_string(last) + " (head_mismatch)"));
}

TEST_F(Cli, AuditVerifyDetectsADeletedMiddleEntry) {
  for (int i = 0; i < 3; ++i) {
    ASSERT_EQ(cli({"user", "list"}).code, 0);
  }
  ASSERT_EQ(query_int(db(), "SELECT count(*) FROM audit_log"), 4);
  ASSERT_EQ(exec_sql(db(), "DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE seq = 3"), "");
  const auto broken = cli({"audit", "verify"});
  EXPECT_EQ(broken.code, 1);
  EXPECT_THAT(broken.err, HasSubstr("запись 3 (gap)"));
}

TEST_F(Cli, BackupWhileServingThenRestore) {
  const auto backup_file = m_dir.path() / "backup.db";
  std::string unit_from_api;
  {
    ServerProcess server(db(), m_dir.path());
    ASSERT_NE(server.port(), 0) << server.log();
    // A write accepted by the running server just before the backup.
    testing::TestClient client(server.port());
    ASSERT_EQ(client.login("admin", "demo-admin-2026").status, 200);
    const auto parent = unit_id_of_kind(cli({"unit", "list"}).out, "institution");
    const auto created = client.post_json("/api/v1/units", R"({"name": "Отделение из API", "kind": "department",)"
                                                           R"( "parent_id": ")" +
                                                               parent + R"("})");
    ASSERT_EQ(created.status, 201) << created.body;
    unit_from_api = std::string(created.json().at("id").as_string());

    const auto backed_up = cli({"backup", "--to", backup_file.string()});
    ASSERT_EQ(backed_up.code, 0) << backed_up.err;
    EXPECT_THAT(backed_up.out, HasSubstr("Резервная копия записана: " + backup_file.string()));
    // The server still works after the backup.
    EXPECT_EQ(client.get("/api/v1/units").status, 200);
  }
  ASSERT_TRUE(fs::exists(backup_file));
  EXPECT_FALSE(fs::exists(backup_file.string() + "-wal"));

  const auto restored_db = m_dir.path() / "restored" / "patronage.db";
  fs::create_directories(restored_db.parent_path());
  // The audit key is backed up apart from the database and goes back beside it.
  fs::copy_file(m_dir.path() / "demo.audit-key", restored_db.parent_path() / "patronage.audit-key");
  const auto restored = cli({"restore", "--from", backup_file.string()}, "", {}, restored_db);
  ASSERT_EQ(restored.code, 0) << restored.err;
  EXPECT_THAT(restored.out, HasSubstr("База данных восстановлена из"));

  const auto original_users = cli({"user", "list"});
  const auto restored_users = cli({"user", "list"}, "", {}, restored_db);
  ASSERT_EQ(restored_users.code, 0) << restored_users.err;
  EXPECT_EQ(restored_users.out, original_users.out);
  EXPECT_THAT(restored_users.out, HasSubstr("admin\tadmin"));
  EXPECT_EQ(cli({"unit", "list"}, "", {}, restored_db).out, cli({"unit", "list"}).out);
  EXPECT_THAT(cli({"unit", "list"}, "", {}, restored_db).out, HasSubstr(unit_from_api + "\t"));
  EXPECT_EQ(cli({"audit", "verify"}, "", {}, restored_db).code, 0);
}

TEST_F(Cli, TheAuditKeyIsPrivateAndOutsideTheDatabase) {
  const auto key = m_dir.path() / "demo.audit-key";
  ASSERT_TRUE(fs::exists(key));
  EXPECT_EQ(fs::file_size(key), 32U);
  EXPECT_EQ(fs::status(s_template->path() / "demo.audit-key").permissions() & fs::perms::all,
            fs::perms::owner_read | fs::perms::owner_write);
  EXPECT_TRUE(fs::exists(m_dir.path() / "demo.audit-key.anchor"));
  const std::string key_bytes = read_all(key);
  EXPECT_EQ(read_all(db()).find(key_bytes), std::string::npos);
  ASSERT_EQ(cli({"user", "list"}).code, 0);
  const auto verified = cli({"audit", "verify"});
  ASSERT_EQ(verified.code, 0) << verified.err;
  EXPECT_THAT(verified.out, HasSubstr("Записи начиная с 1 подписаны кодом MAC"));
  const auto last = query_int(db(), "SELECT max(seq) FROM audit_log");
  EXPECT_THAT(verified.out, HasSubstr("Файл якоря ручается за запись " + std::to_string(last)));
}

TEST_F(Cli, AuditVerifyFailsOnAnEntryRehashedWithoutTheKey) {
  ASSERT_EQ(cli({"user", "list"}).code, 0);
  const auto last = query_int(db(), "SELECT max(seq) FROM audit_log");
  auto forged = stored_entry(db(), last);
  ASSERT_EQ(forged.seq, last);
  // Someone with the file changes who read, recomputes the published hash and moves the head along.
  forged.user_id = "someone-else";
  forged.hash = storage::audit_hash(forged, forged.prev_hash);
  ASSERT_EQ(exec_sql_unguarded(db(), "UPDATE audit_log SET user_id = 'someone-else', hash = '" + forged.hash +
                                         "' WHERE seq = " + std::to_string(last) + "; UPDATE audit_head SET hash = '" +
                                         forged.link() + "' WHERE id = 1"),
            "");
  const auto broken = cli({"audit", "verify"});
  EXPECT_EQ(broken.code, 1);
  EXPECT_THAT(broken.err, HasSubstr("запись " + std::to_string(last) + " (mac_mismatch)"));
}

TEST_F(Cli, AuditVerifyFailsOnACutTailWithTheHeadMovedBack) {
  for (int i = 0; i < 3; ++i) {
    ASSERT_EQ(cli({"user", "list"}).code, 0);
  }
  ASSERT_EQ(cli({"audit", "verify"}).code, 0);
  const auto last = query_int(db(), "SELECT max(seq) FROM audit_log");
  const auto keep = last - 2;
  const auto kept = stored_entry(db(), keep);
  ASSERT_EQ(exec_sql_unguarded(db(), "DELETE FROM audit_log WHERE seq > " + std::to_string(keep) +
                                         "; UPDATE audit_head SET seq = " + std::to_string(keep) + ", hash = '" +
                                         kept.link() + "' WHERE id = 1"),
            "");
  const auto broken = cli({"audit", "verify"});
  EXPECT_EQ(broken.code, 1);
  EXPECT_THAT(broken.err, HasSubstr("запись " + std::to_string(last) + " (anchor_mismatch)"));
  EXPECT_THAT(broken.err, HasSubstr("конец журнала отрезан"));
  // Later commands do not move the anchor over the cut.
  ASSERT_EQ(cli({"user", "list"}).code, 0);
  const auto english = cli({"audit", "verify"}, "", {"LANG=en_US.UTF-8"});
  EXPECT_EQ(english.code, 1);
  EXPECT_THAT(english.err, HasSubstr("(anchor_mismatch). The log no longer holds the entry the anchor file vouches for"));
}

TEST_F(Cli, AuditVerifyFailsWhenAnAppendOnlyTriggerIsDropped) {
  ASSERT_EQ(exec_sql(db(), "DROP TRIGGER audit_log_no_update"), "");
  const auto broken = cli({"audit", "verify"});
  EXPECT_EQ(broken.code, 1);
  EXPECT_THAT(broken.err, HasSubstr("(guard_missing)"));
  EXPECT_THAT(broken.err, HasSubstr("Триггеры, запрещающие изменять журнал аудита"));
}

TEST_F(Cli, RestoreRefusesWhileAServerRunsAndWorksAfterItStops) {
  const auto backup_file = m_dir.path() / "before.db";
  ASSERT_EQ(cli({"backup", "--to", backup_file.string()}).code, 0);
  const auto units_in_backup = query_int(db(), "SELECT count(*) FROM units");
  {
    ServerProcess server(db(), m_dir.path());
    ASSERT_NE(server.port(), 0) << server.log();
    testing::TestClient client(server.port());
    ASSERT_EQ(client.login("admin", "demo-admin-2026").status, 200);
    const auto parent = unit_id_of_kind(cli({"unit", "list"}).out, "institution");
    const auto created = client.post_json("/api/v1/units", R"({"name": "После копии", "kind": "department",)"
                                                           R"( "parent_id": ")" +
                                                               parent + R"("})");
    ASSERT_EQ(created.status, 201) << created.body;
    ASSERT_EQ(query_int(db(), "SELECT count(*) FROM units"), units_in_backup + 1);

    const auto refused = cli({"restore", "--from", backup_file.string()});
    EXPECT_EQ(refused.code, 1);
    EXPECT_THAT(refused.err, HasSubstr("Отказано: на " + db().string() + " работает сервер Patronage"));
    // Nothing rolled back: the acknowledged write is still there and the server still serves it.
    EXPECT_EQ(query_int(db(), "SELECT count(*) FROM units"), units_in_backup + 1);
    EXPECT_THAT(client.get("/api/v1/units").body, HasSubstr("После копии"));
    const auto english = cli({"restore", "--from", backup_file.string()}, "", {"LANG=en_US.UTF-8"});
    EXPECT_EQ(english.code, 1);
    EXPECT_THAT(english.err, HasSubstr("a Patronage server is running on"));

    // A second server on the same database refuses to start too.
    ServerProcess second(db(), m_dir.path());
    EXPECT_EQ(second.port(), 0);
    EXPECT_THAT(second.log(), HasSubstr("занята работающим сервером Patronage"));
    // Commands that go through SQLite connections stay allowed.
    EXPECT_EQ(cli({"migrate"}).code, 0);
    EXPECT_EQ(cli({"audit", "verify"}).code, 0);
  }
  const auto restored = cli({"restore", "--from", backup_file.string()});
  ASSERT_EQ(restored.code, 0) << restored.err;
  EXPECT_EQ(query_int(db(), "SELECT count(*) FROM units"), units_in_backup);
  // The restore is recorded in the restored chain and re-anchored, so the log verifies.
  const auto last = query_int(db(), "SELECT max(seq) FROM audit_log");
  EXPECT_EQ(stored_entry(db(), last).action, "database.restored");
  const auto verified = cli({"audit", "verify"});
  EXPECT_EQ(verified.code, 0) << verified.err;
}

TEST_F(Cli, MigrationsAreRefusedWhileAServerRuns) {
  ServerProcess server(db(), m_dir.path());
  ASSERT_NE(server.port(), 0) << server.log();
  // As if a newer binary with one more migration ran next to the server.
  ASSERT_EQ(exec_sql(db(), "DELETE FROM schema_migrations WHERE version = (SELECT max(version) FROM schema_migrations)"),
            "");
  const auto refused = cli({"user", "list"});
  EXPECT_EQ(refused.code, 1);
  EXPECT_THAT(refused.err, HasSubstr("нужны миграции, но на ней работает сервер Patronage"));
}

TEST_F(Cli, ExportAndBackupRefuseToWriteOverTheDatabaseOrItsKey) {
  const auto users_before = cli({"user", "list"}).out;
  const auto over_db = cli({"export", "households", "--out", db().string(), "--format", "csv"});
  EXPECT_EQ(over_db.code, 1);
  EXPECT_THAT(over_db.err, HasSubstr("это база данных или один из её файлов"));
  const auto over_key =
      cli({"export", "audit", "--out", (m_dir.path() / "demo.audit-key.anchor").string(), "--format", "csv"});
  EXPECT_EQ(over_key.code, 1);
  const auto over_wal = cli({"backup", "--to", db().string() + "-shm"});
  EXPECT_EQ(over_wal.code, 1);
  EXPECT_EQ(cli({"user", "list"}).out, users_before);
  EXPECT_EQ(cli({"audit", "verify"}).code, 0);
}

TEST_F(Cli, BackupRefusesAnExistingFile) {
  const auto existing = m_dir.path() / "precious.txt";
  std::ofstream(existing) << "do not overwrite";
  const auto refused = cli({"backup", "--to", existing.string()});
  EXPECT_EQ(refused.code, 1);
  EXPECT_THAT(refused.err, HasSubstr("уже существует"));
  EXPECT_EQ(read_all(existing), "do not overwrite");
}

TEST_F(Cli, RestoreRefusesAMissingOrDamagedBackup) {
  const auto users_before = cli({"user", "list"}).out;
  const auto missing = cli({"restore", "--from", (m_dir.path() / "absent.db").string()});
  EXPECT_EQ(missing.code, 1);
  EXPECT_THAT(missing.err, HasSubstr("не найден"));
  const auto junk = m_dir.path() / "junk.db";
  std::ofstream(junk) << std::string(8192, 'x');
  const auto damaged = cli({"restore", "--from", junk.string()});
  EXPECT_EQ(damaged.code, 1);
  EXPECT_THAT(damaged.err, HasSubstr("не база данных Patronage"));
  EXPECT_EQ(cli({"user", "list"}).out, users_before);
}

TEST_F(Cli, BackupOfPostgresqlSaysToUsePgDump) {
  const auto target = m_dir.path() / "pg-backup.db";
  const std::vector<std::string> url{"-d", "postgresql://127.0.0.1:1/patronage"};
  auto args = url;
  args.insert(args.end(), {"backup", "--to", target.string()});
  const auto refused = run(m_dir.path(), args);
  EXPECT_EQ(refused.code, 1);
  EXPECT_THAT(refused.err, HasSubstr("pg_dump"));
  EXPECT_FALSE(fs::exists(target));
  args = url;
  args.insert(args.end(), {"restore", "--from", db().string()});
  const auto restore = run(m_dir.path(), args, "", {"LANG=en_US.UTF-8"});
  EXPECT_EQ(restore.code, 1);
  EXPECT_THAT(restore.err, HasSubstr("For PostgreSQL use pg_dump"));
}

TEST_F(Cli, ExportWritesEveryListWithProgressAndAuditsIt) {
  const auto csv = m_dir.path() / "households.csv";
  const auto done = cli({"export", "households", "--out", csv.string()});
  ASSERT_EQ(done.code, 0) << done.err;
  EXPECT_THAT(done.err, HasSubstr("Записано строк"));
  EXPECT_THAT(done.out, HasSubstr("Выгружено строк"));
  const auto text = read_all(csv);
  ASSERT_GT(text.size(), 3U);
  EXPECT_EQ(text.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_THAT(text, HasSubstr("Адрес"));
  const auto households = query_int(db(), "SELECT count(*) FROM households");
  EXPECT_GT(households, 0);
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n') >= households + 1, true);
  EXPECT_FALSE(fs::exists(csv.string() + ".part"));
  EXPECT_EQ(query_int(db(), "SELECT count(*) FROM audit_log WHERE action = 'export.households' AND user_id = 'cli'"),
            1);

  for (const char* list : {"cases", "visits", "services", "audit"}) {
    const auto xlsx = m_dir.path() / (std::string(list) + ".xlsx");
    const auto r = cli({"export", list, "--format", "xlsx", "--out", xlsx.string(), "--from", "2020-01-01"});
    ASSERT_EQ(r.code, 0) << list << r.err;
    EXPECT_EQ(read_all(xlsx).substr(0, 2), "PK") << list;
  }
  const auto unit = department_id();
  const auto scoped = cli({"export", "cases", "--out", (m_dir.path() / "c.csv").string(), "--unit", unit});
  EXPECT_EQ(scoped.code, 0) << scoped.err;
}

// Personal data on disk is the operator's alone (issue 12, finding 2).
TEST_F(Cli, DatabaseBackupAndExportsAreOwnerOnly) {
  const auto mode = [](const fs::path& path) {
    return static_cast<int>(fs::status(path).permissions() & fs::perms::all);
  };
  const auto fresh = m_dir.path() / "fresh.db";
  ASSERT_EQ(cli({"migrate"}, "", {}, fresh).code, 0);
  EXPECT_EQ(mode(fresh), 0600);
  const auto backup = m_dir.path() / "fresh-backup.db";
  ASSERT_EQ(cli({"backup", "--to", backup.string()}, "", {}, fresh).code, 0);
  EXPECT_EQ(mode(backup), 0600);
  const auto csv = m_dir.path() / "owner-only.csv";
  ASSERT_EQ(cli({"export", "households", "--out", csv.string()}).code, 0);
  EXPECT_EQ(mode(csv), 0600);
  const auto xlsx = m_dir.path() / "owner-only.xlsx";
  ASSERT_EQ(cli({"export", "cases", "--format", "xlsx", "--out", xlsx.string()}).code, 0);
  EXPECT_EQ(mode(xlsx), 0600);
}

TEST_F(Cli, ServeRefusesAnInvalidConfigNamingTheKey) {
  const auto bad = m_dir.path() / "bad.toml";
  std::ofstream(bad) << "[lifecycle]\nintensive_limit = -1\n";
  const auto refused =
      cli({"serve", "--config", bad.string(), "--port", "0", "--web", (m_dir.path() / "no-web").string()});
  EXPECT_NE(refused.code, 0);
  EXPECT_THAT(refused.err, HasSubstr("lifecycle.intensive_limit"));
  EXPECT_THAT(refused.err, HasSubstr("от 1 до 1000"));
  EXPECT_THAT(refused.out, Not(HasSubstr("http://")));

  std::ofstream(bad) << "[signals]\nemergency_respons_hours = 12\n";
  const auto unknown = cli({"serve", "--config", bad.string(), "--port", "0"}, "", {"LANG=en_US.UTF-8"});
  EXPECT_NE(unknown.code, 0);
  EXPECT_THAT(unknown.err, HasSubstr("signals.emergency_respons_hours: Unknown configuration key."));
  // Every command checks the configuration, not only serve.
  EXPECT_NE(cli({"user", "list", "--config", bad.string()}).code, 0);
  const auto bad_env = cli({"user", "list"}, "", {"PATRONAGE_PORT=http"});
  EXPECT_NE(bad_env.code, 0);
  EXPECT_THAT(bad_env.err, HasSubstr("server.port"));
}

// Issue 15, done when: `patronage serve --config FILE` runs with the file's rules — the admin reads them as in
// effect from the file, and an emergency signal is due 12 hours after it came, not 24.
TEST_F(Cli, ServeRunsWithTheRulesOfItsConfigFile) {
  const auto file = m_dir.path() / "rules.toml";
  std::ofstream(file) << "[lifecycle]\nintensive_limit = 1\n[signals]\nemergency_response_hours = 12\n";
  ServerProcess server(db(), m_dir.path(), {"--config", file.string()});
  ASSERT_NE(server.port(), 0) << server.log();
  testing::TestClient admin(server.port());
  ASSERT_EQ(admin.login("admin", "demo-admin-2026").status, 200);
  auto settings = admin.get("/api/v1/settings");
  ASSERT_EQ(settings.status, 200) << settings.body;
  std::map<std::string, std::pair<std::string, std::string>> shown;
  const auto settings_json = settings.json();
  for (const auto& item : settings_json.at("items").as_array()) {
    shown[std::string(item.at("key").as_string())] = {std::string(item.at("value").as_string()),
                                                      std::string(item.at("source").as_string())};
  }
  EXPECT_EQ(shown["lifecycle.intensive_limit"], (std::pair<std::string, std::string>{"1", "file"}));
  EXPECT_EQ(shown["signals.emergency_response_hours"], (std::pair<std::string, std::string>{"12", "file"}));

  testing::TestClient spec(server.port());
  ASSERT_EQ(spec.login("ivanova", "demo-spec-2026").status, 200);
  const auto received = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()) - std::chrono::hours{1};
  const auto signal = spec.post_json(
      "/api/v1/signals", boost::json::serialize(boost::json::object{{"received_at", util::format_timestamp(received)},
                                                                    {"source", "hotline"},
                                                                    {"reported", "Дети одни дома"},
                                                                    {"urgency", "emergency"}}));
  ASSERT_EQ(signal.status, 201) << signal.body;
  EXPECT_EQ(signal.json().at("deadline_at").as_string(), util::format_timestamp(received + std::chrono::hours{12}));
}

TEST_F(Cli, ConfigShowPrintsEveryValueAndItsSource) {
  const auto file = m_dir.path() / "patronage.toml";
  std::ofstream(file) << "[lifecycle]\nintensive_limit = 1\n[signals]\nemergency_response_hours = 12\n";
  const auto shown = run(
      m_dir.path(), {"config", "show", "--config", file.string(), "-d", "postgresql://patronage:s3cret@db/patronage"},
      "", {"PATRONAGE_LOG_LEVEL=debug"});
  ASSERT_EQ(shown.code, 0) << shown.err;
  EXPECT_THAT(shown.out, HasSubstr("lifecycle.intensive_limit = 1  # file\n"));
  EXPECT_THAT(shown.out, HasSubstr("signals.emergency_response_hours = 12  # file\n"));
  EXPECT_THAT(shown.out, HasSubstr("lifecycle.standard_limit = 15  # default\n"));
  EXPECT_THAT(shown.out, HasSubstr("log.level = 'debug'  # env\n"));
  EXPECT_THAT(shown.out, HasSubstr("database = 'postgresql://patronage:***@db/patronage'  # flag\n"));
  EXPECT_THAT(shown.out, Not(HasSubstr("s3cret")));
  const auto markdown = run(m_dir.path(), {"config", "show", "--markdown"});
  ASSERT_EQ(markdown.code, 0) << markdown.err;
  EXPECT_THAT(markdown.out, HasSubstr("| `signals.emergency_response_hours` | `24` |  |"));
}

// The keys of the security fixes are settings like the others: read, shown and checked.
TEST_F(Cli, ProxyDelayAndAuditKeySettingsAreReadAndChecked) {
  const auto file = m_dir.path() / "security.toml";
  std::ofstream(file) << "[server]\ntrusted_proxies = [\"127.0.0.1\", \"::1\"]\n[auth]\naddress_max_delay_seconds = 2.5\n"
                         "[audit]\nkey_file = \"/srv/keys/audit.key\"\n";
  const auto shown = run(m_dir.path(), {"config", "show", "--config", file.string()});
  ASSERT_EQ(shown.code, 0) << shown.err;
  EXPECT_THAT(shown.out, HasSubstr("server.trusted_proxies = ['127.0.0.1', '::1']  # file\n"));
  EXPECT_THAT(shown.out, HasSubstr("auth.address_max_delay_seconds = 2.5  # file\n"));
  EXPECT_THAT(shown.out, HasSubstr("audit.key_file = '/srv/keys/audit.key'  # file\n"));

  std::ofstream(file) << "[server]\ntrusted_proxies = [\"proxy.local\"]\n";
  const auto proxy = run(m_dir.path(), {"config", "show", "--config", file.string()}, "", {"LANG=en_US.UTF-8"});
  EXPECT_NE(proxy.code, 0);
  EXPECT_THAT(proxy.err, HasSubstr("server.trusted_proxies"));
  EXPECT_THAT(proxy.err, HasSubstr("proxy.local"));

  std::ofstream(file) << "[auth]\naddress_max_delay_seconds = nan\n";
  EXPECT_NE(run(m_dir.path(), {"config", "show", "--config", file.string()}).code, 0);
  std::ofstream(file) << "[auth]\naddress_max_delay_seconds = 600\n";
  const auto delay = run(m_dir.path(), {"config", "show", "--config", file.string()}, "", {"LANG=en_US.UTF-8"});
  EXPECT_NE(delay.code, 0);
  EXPECT_THAT(delay.err, HasSubstr("auth.address_max_delay_seconds"));
}

TEST_F(Cli, ExportRefusesBadInputAndLeavesNoFile) {
  const auto out = m_dir.path() / "x.csv";
  EXPECT_EQ(cli({"export", "people", "--out", out.string()}).code, 2);
  EXPECT_EQ(cli({"export", "cases", "--format", "pdf", "--out", out.string()}).code, 2);
  EXPECT_NE(cli({"export", "cases"}).code, 0);
  const auto no_format = cli({"export", "cases", "--out", (m_dir.path() / "x.txt").string()});
  EXPECT_EQ(no_format.code, 1);
  EXPECT_THAT(no_format.err, HasSubstr("csv"));
  const auto bad_date = cli({"export", "visits", "--out", out.string(), "--from", "2026-02-30"});
  EXPECT_EQ(bad_date.code, 1);
  EXPECT_THAT(bad_date.err, HasSubstr("from"));
  const auto bad_unit = cli({"export", "visits", "--out", out.string(), "--unit", "nope"});
  EXPECT_EQ(bad_unit.code, 1);
  const auto unwritable = cli({"export", "cases", "--out", "/nonexistent-folder/x.csv"});
  EXPECT_EQ(unwritable.code, 1);
  EXPECT_FALSE(fs::exists(out));
}

} // namespace
} // namespace patronage::cli

namespace patronage::cli {
namespace {

TEST_F(Cli, ImportChecksAppliesReportsAndUndoes) {
  const auto households_before = query_int(db(), "SELECT count(*) FROM households");
  const auto template_path = m_dir.path() / "template.xlsx";
  const auto made = cli({"import", "households", "--template", template_path.string()});
  ASSERT_EQ(made.code, 0) << made.err;
  EXPECT_TRUE(fs::exists(template_path));

  const auto file = m_dir.path() / "families.csv";
  std::ofstream(file, std::ios::binary) << "Семья;Адрес;Фамилия;Имя;Пол;Дата рождения\n"
                                           "1;г. Энск, ул. Новая, д. 1;Новикова;Алла;ж;1990-02-03\n"
                                           "1;г. Энск, ул. Новая, д. 1;Новиков;Борис;м;2015-06-07\n";
  const auto unit = department_id();
  const auto report_path = m_dir.path() / "report.csv";
  const auto checked =
      cli({"import", "households", file.string(), "--unit", unit, "--report", report_path.string()});
  ASSERT_EQ(checked.code, 0) << checked.err;
  EXPECT_THAT(checked.out, HasSubstr("Ничего не записано"));
  EXPECT_THAT(read_all(report_path), HasSubstr("row,status,column,value,message,match,score,reasons,decision"));
  EXPECT_EQ(query_int(db(), "SELECT count(*) FROM households"), households_before);

  const auto applied = cli({"import", "households", file.string(), "--unit", unit, "--apply", "--progress"});
  ASSERT_EQ(applied.code, 0) << applied.err;
  EXPECT_THAT(applied.out, HasSubstr("Загружено (пакет "));
  EXPECT_THAT(applied.err, HasSubstr("строк/с"));
  EXPECT_EQ(query_int(db(), "SELECT count(*) FROM households"), households_before + 1);
  EXPECT_EQ(query_int(db(), "SELECT count(*) FROM audit_log WHERE action = 'import.apply' AND user_id = 'cli'"), 1);
  const auto start = applied.out.find("пакет ") + std::string("пакет ").size();
  const auto batch = applied.out.substr(start, applied.out.find(')', start) - start);

  const auto bad = m_dir.path() / "bad.csv";
  std::ofstream(bad, std::ios::binary) << "Адрес;Фамилия;Имя;Пол;Дата рождения\n"
                                          "г. Энск, ул. Старая, д. 2;Орлова;Вера;ж;1990-01-01\n"
                                          "г. Энск, ул. Старая, д. 3;Орлов;Глеб;м;32.13.1990\n";
  const auto refused = cli({"import", "households", bad.string(), "--unit", unit, "--apply"});
  EXPECT_EQ(refused.code, 1);
  EXPECT_THAT(refused.out, HasSubstr("Строка 3"));
  EXPECT_THAT(refused.out, HasSubstr("32.13.1990"));
  EXPECT_EQ(query_int(db(), "SELECT count(*) FROM households"), households_before + 1);

  const auto undone = cli({"import", "undo", batch});
  ASSERT_EQ(undone.code, 0) << undone.err;
  EXPECT_THAT(undone.out, HasSubstr("отменена"));
  EXPECT_EQ(query_int(db(), "SELECT count(*) FROM households"), households_before);
  EXPECT_EQ(cli({"import", "undo", batch}).code, 1);
  EXPECT_EQ(cli({"audit", "verify"}).code, 0);
}

// A register's open cases come with their families through the command: the dry run names them, --apply opens them
// (a case that breaks a rule refuses the whole file), undo removes them.
TEST_F(Cli, ImportOpensTheFamiliesCasesAndUndoRemovesThem) {
  const auto cases_before = query_int(db(), "SELECT count(*) FROM cases");
  const auto file = m_dir.path() / "cases.csv";
  std::ofstream(file, std::ios::binary)
      << "Семья;Адрес;Фамилия;Имя;Пол;Состояние дела;Ведущий специалист (логин);Дело открыто;Основания\n"
         "1;г. Энск, ул. Новая, д. 5;Зайцева;Алла;ж;Обследование;ivanova;2026-10-01;Сигнал школы\n"
         "2;г. Энск, ул. Новая, д. 6;Зайцев;Борис;м;Сигнал;;;\n";
  const auto unit = department_id();
  const auto checked = cli({"import", "households", file.string(), "--unit", unit});
  ASSERT_EQ(checked.code, 0) << checked.out << checked.err;
  EXPECT_THAT(checked.out, HasSubstr("будет открыто дело: Обследование, ведущий ivanova, открыто 2026-10-01"));
  EXPECT_THAT(checked.out, HasSubstr("дел к открытию 2"));

  const auto bad = m_dir.path() / "bad-cases.csv";
  std::ofstream(bad, std::ios::binary)
      << "Семья;Адрес;Фамилия;Имя;Пол;Состояние дела;Ведущий специалист (логин)\n"
         "1;г. Энск, ул. Новая, д. 7;Орлова;Вера;ж;Сигнал;ivanova\n"
         "2;г. Энск, ул. Новая, д. 8;Орлов;Глеб;м;Сигнал;psychologist\n";
  const auto refused = cli({"import", "households", bad.string(), "--unit", unit, "--apply"});
  EXPECT_EQ(refused.code, 1);
  EXPECT_THAT(refused.out, HasSubstr("Строка 3"));
  EXPECT_THAT(refused.out, HasSubstr("psychologist"));
  EXPECT_EQ(query_int(db(), "SELECT count(*) FROM cases"), cases_before);

  const auto applied = cli({"import", "households", file.string(), "--unit", unit, "--apply"});
  ASSERT_EQ(applied.code, 0) << applied.out << applied.err;
  EXPECT_THAT(applied.out, HasSubstr("дел открыто 2"));
  EXPECT_EQ(query_int(db(), "SELECT count(*) FROM cases"), cases_before + 2);
  EXPECT_EQ(query_int(db(), "SELECT count(*) FROM cases c JOIN users u ON u.id = c.lead_id WHERE u.login = 'ivanova' "
                            "AND c.state = 'assessment' AND c.opened_on = '2026-10-01'"),
            1);
  const auto again = cli({"import", "households", file.string(), "--unit", unit, "--apply"});
  ASSERT_EQ(again.code, 0) << again.out;
  EXPECT_EQ(query_int(db(), "SELECT count(*) FROM cases"), cases_before + 2) << "nothing opened twice";

  const auto start = applied.out.find("пакет ") + std::string("пакет ").size();
  const auto batch = applied.out.substr(start, applied.out.find(')', start) - start);
  const auto undone = cli({"import", "undo", batch});
  ASSERT_EQ(undone.code, 0) << undone.out << undone.err;
  EXPECT_EQ(query_int(db(), "SELECT count(*) FROM cases"), cases_before);
  EXPECT_EQ(cli({"audit", "verify"}).code, 0);
}

// Issue 18's round trip: what `export households` writes of the demo region, `import households` reads into a database
// with the same units and no families, and that database exports the same file.
TEST_F(Cli, ExportOfTheDemoRegionImportedIntoAnEmptyDatabaseExportsTheSame) {
  const auto first = m_dir.path() / "first.csv";
  const auto exported = cli({"export", "households", "--out", first.string()});
  ASSERT_EQ(exported.code, 0) << exported.err;
  const auto empty = m_dir.path() / "empty.db";
  ASSERT_EQ(cli({"migrate"}, "", {}, empty).code, 0);
  // The units a register names are made first (as an operator would with `unit add`): here copied as they are.
  ASSERT_EQ(exec_sql(empty, "ATTACH '" + db().string() + "' AS demo; INSERT INTO units SELECT * FROM demo.units"), "");

  const auto applied = cli({"import", "households", first.string(), "--apply"}, "", {}, empty);
  ASSERT_EQ(applied.code, 0) << applied.out << applied.err;
  const auto second = m_dir.path() / "second.csv";
  ASSERT_EQ(cli({"export", "households", "--out", second.string()}, "", {}, empty).code, 0);
  EXPECT_EQ(read_all(second), read_all(first));
  EXPECT_EQ(query_int(empty, "SELECT count(*) FROM households"), query_int(db(), "SELECT count(*) FROM households"));
  EXPECT_EQ(query_int(empty, "SELECT count(*) FROM persons"), query_int(db(), "SELECT count(*) FROM persons"));
  EXPECT_GT(query_int(empty, "SELECT count(*) FROM persons"), 20);
  EXPECT_THAT(read_all(first), HasSubstr("Смирнова,Татьяна,Викторовна,1988-04-17,Женский,Мать"));
}

} // namespace
} // namespace patronage::cli
