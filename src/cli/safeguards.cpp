#include "cli/safeguards.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "storage/database_url.hpp"
#include "util/crypto.hpp"
#include "util/log.hpp"

namespace patronage::cli {
namespace {

namespace fs = std::filesystem;

constexpr size_t k_key_bytes = 32;

// The SQLite file of `config`, "" for PostgreSQL, ":memory:" or a bad URL.
std::string sqlite_file(const Config& config) {
  auto url = storage::parse_database_url(config.database);
  if (!url || url->backend != storage::Backend::sqlite || url->target == ":memory:") {
    return {};
  }
  return url->target;
}

util::Error unreadable(const std::string& path) {
  return util::Error::unavailable("audit.key_unreadable").with("path", path).with("reason", std::strerror(errno));
}

util::Result<AuditKey> read_key(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    return util::fail(unreadable(path));
  }
  struct stat info {};
  std::string bytes(k_key_bytes + 1, '\0');
  const bool stated = ::fstat(fd, &info) == 0;
  const ssize_t got = ::read(fd, bytes.data(), bytes.size());
  ::close(fd);
  if (!stated || got < 0) {
    return util::fail(unreadable(path));
  }
  if (static_cast<size_t>(got) != k_key_bytes) {
    return util::fail(util::Error::invalid("audit.key_invalid").with("path", path));
  }
  if ((info.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
    util::log(util::LogLevel::warn, "audit key file is accessible to group or others; chmod 600 it",
              {{"path", path}});
  }
  bytes.resize(k_key_bytes);
  return AuditKey{std::move(bytes), false};
}

} // namespace

std::string audit_key_path(const Config& config) {
  if (!config.audit_key_file.empty()) {
    return config.audit_key_file;
  }
  if (const std::string file = sqlite_file(config); !file.empty()) {
    return fs::path(file).replace_extension(".audit-key").string();
  }
  if (!config.config_file.empty()) {
    return (fs::path(config.config_file).parent_path() / "patronage.audit-key").string();
  }
  return "data/patronage.audit-key";
}

util::Result<AuditKey> load_or_create_audit_key(const std::string& path) {
  std::error_code ec;
  if (fs::exists(path, ec)) {
    return read_key(path);
  }
  if (const auto folder = fs::path(path).parent_path(); !folder.empty()) {
    fs::create_directories(folder, ec);
  }
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    if (errno == EEXIST) {
      return read_key(path); // another process created it meanwhile
    }
    return util::fail(unreadable(path));
  }
  const std::string bytes = util::random_bytes(k_key_bytes);
  const bool written = ::write(fd, bytes.data(), bytes.size()) == static_cast<ssize_t>(bytes.size()) && ::fsync(fd) == 0;
  ::close(fd);
  if (!written) {
    auto error = unreadable(path);
    ::unlink(path.c_str());
    return util::fail(std::move(error));
  }
  util::log(util::LogLevel::info, "audit key created; back it up apart from the database", {{"path", path}});
  return AuditKey{bytes, true};
}

std::vector<std::string> database_files(const Config& config) {
  std::vector<std::string> files;
  if (const std::string file = sqlite_file(config); !file.empty()) {
    for (const char* suffix : {"", "-wal", "-shm", "-journal", ".lock"}) {
      files.push_back(file + suffix);
    }
  }
  const std::string key = audit_key_path(config);
  files.push_back(key);
  files.push_back(key + ".anchor");
  return files;
}

util::Status refuse_database_file(const Config& config, const std::string& path) {
  std::error_code ec;
  const fs::path target = fs::weakly_canonical(fs::absolute(path, ec), ec);
  for (const std::string& file : database_files(config)) {
    std::error_code file_ec;
    if (fs::weakly_canonical(fs::absolute(file, file_ec), file_ec) == target) {
      return util::fail(util::Error::invalid("cli.path_is_database").with("path", path));
    }
  }
  return {};
}

util::Status refuse_web_root_over_data(const Config& config) {
  std::error_code ec;
  if (config.api.web_root.empty() || !fs::is_directory(config.api.web_root, ec)) {
    return {};
  }
  const fs::path root = fs::canonical(config.api.web_root, ec);
  if (ec) {
    return {};
  }
  for (const std::string& file : database_files(config)) {
    std::error_code file_ec;
    const fs::path resolved = fs::weakly_canonical(fs::absolute(file, file_ec), file_ec);
    const fs::path relative = resolved.lexically_relative(root);
    if (!relative.empty() && *relative.begin() != "..") {
      return util::fail(util::Error::invalid("cli.web_root_holds_data")
                            .with("web_root", config.api.web_root)
                            .with("path", file));
    }
  }
  return {};
}

std::string lock_path(const Config& config) {
  const std::string file = sqlite_file(config);
  return file.empty() ? std::string() : file + ".lock";
}

util::Result<DatabaseLock> DatabaseLock::take(const Config& config) {
  DatabaseLock lock;
  const std::string path = lock_path(config);
  if (path.empty()) {
    return lock;
  }
  std::error_code ec;
  if (const auto folder = fs::path(path).parent_path(); !folder.empty()) {
    fs::create_directories(folder, ec);
  }
  lock.m_fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (lock.m_fd < 0) {
    return util::fail(util::Error::unavailable("cli.lock_failed").with("path", path).with("reason",
                                                                                         std::strerror(errno)));
  }
  if (::flock(lock.m_fd, LOCK_EX | LOCK_NB) != 0) {
    const int error = errno;
    if (error == EWOULDBLOCK) {
      return util::fail(util::Error::conflict("cli.database_in_use").with("path", sqlite_file(config)).with("lock",
                                                                                                            path));
    }
    return util::fail(
        util::Error::unavailable("cli.lock_failed").with("path", path).with("reason", std::strerror(error)));
  }
  return lock;
}

DatabaseLock::~DatabaseLock() {
  if (m_fd >= 0) {
    ::close(m_fd);
  }
}

DatabaseLock::DatabaseLock(DatabaseLock&& other) noexcept : m_fd(other.m_fd) { other.m_fd = -1; }

DatabaseLock& DatabaseLock::operator=(DatabaseLock&& other) noexcept {
  if (this != &other) {
    if (m_fd >= 0) {
      ::close(m_fd);
    }
    m_fd = other.m_fd;
    other.m_fd = -1;
  }
  return *this;
}

} // namespace patronage::cli
