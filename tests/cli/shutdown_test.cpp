// SIGTERM stops the real `patronage serve` gracefully: requests that have
// arrived (even half of one) are finished and answered, idle keep-alive
// connections do not hold the stop up, the process exits 0 well within the
// grace period, and every acknowledged write is in the database afterwards.

#include "support/child_process.hpp"
#include "support/test_server.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <fcntl.h>
#include <filesystem>
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <string>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

extern char** environ;

namespace patronage::cli {
namespace {

namespace fs = std::filesystem;
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using Clock = std::chrono::steady_clock;

using testing::c_strings;
using testing::patronage_binary;

// The child's environment without Patronage variables.
std::vector<std::string> child_environment() {
  std::vector<std::string> out;
  for (char** e = environ; *e != nullptr; ++e) {
    if (!std::string_view(*e).starts_with("PATRONAGE_")) {
      out.emplace_back(*e);
    }
  }
  return out;
}

// Starts `patronage args...` with stderr on a pipe; stdout to /dev/null.
pid_t spawn(std::vector<std::string> args, int* err_fd) {
  args.insert(args.begin(), patronage_binary().string());
  auto argv = c_strings(args);
  auto env_text = child_environment();
  auto envp = c_strings(env_text);
  int err_pipe[2];
  if (pipe2(err_pipe, O_CLOEXEC) != 0) {
    return -1;
  }
  const pid_t pid = fork();
  if (pid == 0) {
    const int null_fd = open("/dev/null", O_RDWR);
    dup2(null_fd, STDIN_FILENO);
    dup2(null_fd, STDOUT_FILENO);
    dup2(err_pipe[1], STDERR_FILENO);
    execve(argv[0], argv.data(), envp.data());
    _exit(127);
  }
  close(err_pipe[1]);
  *err_fd = err_pipe[0];
  return pid;
}

// Waits for `pid` up to `limit`; the exit code, 128 + signal, or -1 on time-out.
int wait_for(pid_t pid, std::chrono::milliseconds limit) {
  const auto deadline = Clock::now() + limit;
  for (;;) {
    int status = 0;
    if (waitpid(pid, &status, WNOHANG) == pid) {
      return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }
    if (Clock::now() > deadline) {
      return -1;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

// One keep-alive connection to the server, written and read by hand.
class Connection {
public:
  explicit Connection(unsigned short port) : m_stream(m_ioc) {
    m_stream.connect(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
  }
  void send(const std::string& bytes) { asio::write(m_stream.socket(), asio::buffer(bytes)); }
  // The next response; status 0 when the connection closed or timed out first.
  bhttp::response<bhttp::string_body> receive(std::chrono::seconds limit = std::chrono::seconds(20)) {
    m_stream.expires_after(limit);
    bhttp::response_parser<bhttp::string_body> parser;
    beast::error_code ec;
    bhttp::read(m_stream, m_buffer, parser, ec);
    if (ec) {
      m_error = ec;
      return {};
    }
    return parser.release();
  }
  // True when the server closed the connection (EOF) within `limit`.
  bool closed_by_server(std::chrono::seconds limit) {
    m_stream.expires_after(limit);
    char byte = 0;
    beast::error_code ec;
    m_stream.read_some(asio::buffer(&byte, 1), ec);
    return ec == asio::error::eof || ec == asio::error::connection_reset;
  }
  beast::error_code error() const { return m_error; }

private:
  asio::io_context m_ioc;
  beast::tcp_stream m_stream;
  beast::flat_buffer m_buffer;
  beast::error_code m_error;
};

std::string http_request(const std::string& method, const std::string& target, const std::string& body,
                         const std::string& cookie, const std::string& csrf) {
  std::string out = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
  if (!cookie.empty()) {
    out += "Cookie: patronage_session=" + cookie + "\r\nX-CSRF-Token: " + csrf + "\r\n";
  }
  if (!body.empty()) {
    out += "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) + "\r\n";
  }
  return out + "\r\n" + body;
}

long long count_units_named(const fs::path& db, const std::string& name) {
  sqlite3* handle = nullptr;
  long long value = -1;
  if (sqlite3_open_v2(db.c_str(), &handle, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(handle, "SELECT count(*) FROM units WHERE name = ?", -1, &stmt, nullptr) == SQLITE_OK) {
      sqlite3_bind_text(stmt, 1, name.c_str(), -1, SQLITE_TRANSIENT);
      if (sqlite3_step(stmt) == SQLITE_ROW) {
        value = sqlite3_column_int64(stmt, 0);
      }
    }
    sqlite3_finalize(stmt);
  }
  sqlite3_close(handle);
  return value;
}

class GracefulShutdown : public ::testing::Test {
protected:
  void SetUp() override {
    std::signal(SIGPIPE, SIG_IGN);
    ASSERT_TRUE(fs::exists(patronage_binary())) << "build the `patronage` target first";
    std::string pattern = (fs::temp_directory_path() / "patronage-shutdown-XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    m_dir = pattern;
    m_db = m_dir / "patronage.db";
    int err_fd = -1;
    const pid_t demo = spawn({"-d", "sqlite:" + m_db.string(), "demo"}, &err_fd);
    close(err_fd);
    ASSERT_EQ(wait_for(demo, std::chrono::seconds(120)), 0);
  }
  void TearDown() override {
    if (m_server > 0 && waitpid(m_server, nullptr, WNOHANG) == 0) {
      kill(m_server, SIGKILL);
      waitpid(m_server, nullptr, 0);
    }
    if (m_drain.joinable()) {
      m_drain.join();
    }
    std::error_code ec;
    fs::remove_all(m_dir, ec);
  }

  // `patronage serve --port 0`; the port comes from the "listening" log line.
  unsigned short start_server() {
    int err_fd = -1;
    m_server = spawn({"-d", "sqlite:" + m_db.string(), "serve", "--port", "0", "--threads", "2", "--web",
                      (m_dir / "no-web").string()},
                     &err_fd);
    FILE* err = fdopen(err_fd, "r");
    char* line = nullptr;
    size_t capacity = 0;
    unsigned short port = 0;
    while (port == 0 && getline(&line, &capacity, err) > 0) {
      boost::system::error_code ec;
      const auto value = boost::json::parse(line, ec);
      if (!ec && value.is_object() && value.as_object().contains("msg") && value.at("msg") == "listening") {
        port = static_cast<unsigned short>(value.at("port").to_number<int>());
      }
    }
    free(line);
    m_drain = std::thread([err] {
      char buffer[4096];
      while (fgets(buffer, sizeof buffer, err) != nullptr) {
      }
      fclose(err);
    });
    return port;
  }

  fs::path m_dir;
  fs::path m_db;
  pid_t m_server = -1;
  std::thread m_drain;
};

TEST_F(GracefulShutdown, SigtermFinishesRequestsInFlightAndLosesNoAcknowledgedWrite) {
  const unsigned short port = start_server();
  ASSERT_NE(port, 0);
  testing::TestClient admin(port);
  ASSERT_EQ(admin.login("admin", "demo-admin-2026").status, 200);
  const auto units = admin.get("/api/v1/units");
  ASSERT_EQ(units.status, 200);
  std::string parent;
  for (const auto& unit : units.json().at("items").as_array()) {
    if (unit.at("kind") == "institution") {
      parent = std::string(unit.at("id").as_string());
    }
  }
  ASSERT_FALSE(parent.empty());
  const auto unit_body = [&](const std::string& name) {
    return boost::json::serialize(boost::json::object{{"name", name}, {"kind", "department"}, {"parent_id", parent}});
  };

  // Connections the server has accepted, each idle after one answered request.
  constexpr int k_writers = 6;
  constexpr int k_logins = 3;
  std::vector<std::unique_ptr<Connection>> writers, logins, idle;
  Connection half(port);
  for (auto* group : {&writers, &logins, &idle}) {
    const int count = group == &writers ? k_writers : group == &logins ? k_logins : 2;
    for (int i = 0; i < count; ++i) {
      group->push_back(std::make_unique<Connection>(port));
      group->back()->send(http_request("GET", "/healthz", "", "", ""));
      ASSERT_EQ(group->back()->receive().result_int(), 200);
    }
  }
  half.send(http_request("GET", "/healthz", "", "", ""));
  ASSERT_EQ(half.receive().result_int(), 200);

  // Requests in flight at the signal: unit creations, sign-ins (argon2id,
  // two at a time, tens of milliseconds each) and one creation of which only
  // the first half has arrived.
  for (int i = 0; i < k_writers; ++i) {
    writers[i]->send(http_request("POST", "/api/v1/units", unit_body("shutdown-" + std::to_string(i)),
                                  admin.cookie(), admin.csrf()));
  }
  const std::string login_body = R"({"login": "admin", "password": "demo-admin-2026"})";
  for (auto& login : logins) {
    login->send(http_request("POST", "/api/v1/auth/login", login_body, "", ""));
  }
  const std::string split = http_request("POST", "/api/v1/units", unit_body("shutdown-half"), admin.cookie(),
                                         admin.csrf());
  half.send(split.substr(0, split.size() / 2));
  std::this_thread::sleep_for(std::chrono::milliseconds(50));

  const auto signalled = Clock::now();
  ASSERT_EQ(kill(m_server, SIGTERM), 0);

  // Idle connections are closed at once, not after the idle time-out.
  for (auto& connection : idle) {
    EXPECT_TRUE(connection->closed_by_server(std::chrono::seconds(5)));
  }
  std::vector<std::string> acknowledged;
  for (int i = 0; i < k_writers; ++i) {
    const auto res = writers[i]->receive();
    EXPECT_EQ(res.result_int(), 201) << "writer " << i << ": " << writers[i]->error().message() << " " << res.body();
    if (res.result_int() == 201) {
      acknowledged.push_back("shutdown-" + std::to_string(i));
    }
  }
  for (auto& login : logins) {
    const auto res = login->receive();
    EXPECT_EQ(res.result_int(), 200) << login->error().message() << " " << res.body();
  }
  // Everything else is answered; the half-arrived request still holds the stop.
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  half.send(split.substr(split.size() / 2));
  const auto half_answer = half.receive();
  EXPECT_EQ(half_answer.result_int(), 201) << half.error().message() << " " << half_answer.body();
  if (half_answer.result_int() == 201) {
    acknowledged.push_back("shutdown-half");
  }

  // Exits 0 well within the grace period (15 s by default).
  const int code = wait_for(m_server, std::chrono::seconds(10));
  const auto took = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - signalled);
  EXPECT_EQ(code, 0) << "after " << took.count() << " ms";
  EXPECT_LT(took, std::chrono::seconds(5));
  m_server = -1;

  // New connections are refused once the server is gone.
  EXPECT_THROW(Connection{port}, boost::system::system_error);

  // Every acknowledged write is in the database file.
  EXPECT_EQ(acknowledged.size(), k_writers + 1U);
  for (const auto& name : acknowledged) {
    EXPECT_EQ(count_units_named(m_db, name), 1) << name;
  }
  int err_fd = -1;
  const pid_t verify = spawn({"-d", "sqlite:" + m_db.string(), "audit", "verify"}, &err_fd);
  close(err_fd);
  EXPECT_EQ(wait_for(verify, std::chrono::seconds(60)), 0);
}

} // namespace
} // namespace patronage::cli
