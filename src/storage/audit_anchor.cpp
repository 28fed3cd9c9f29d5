#include "storage/audit_anchor.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fcntl.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <soci/soci.h>

#include "storage/audit.hpp"
#include "util/crypto.hpp"
#include "util/log.hpp"

namespace patronage::storage {
namespace {

constexpr std::string_view k_magic = "patronage-audit-anchor 1";

std::string signed_text(const AuditAnchor& anchor) {
  return std::string(k_magic) + " " + std::to_string(anchor.seq) + " " + std::to_string(anchor.mac_from) + " " +
         anchor.link;
}

util::Error write_failed(const std::string& path) {
  return util::Error::unavailable("audit.anchor_write_failed").with("path", path).with("reason", std::strerror(errno));
}

// The link of entry `seq` ("genesis" for 0), "" when there is no such entry.
std::string link_at(Tx& tx, long long seq) {
  if (seq == 0) {
    return "genesis";
  }
  std::string hash;
  std::string mac;
  soci::indicator found = soci::i_null;
  tx.sql() << "SELECT hash, mac FROM audit_log WHERE seq = :s", soci::use(seq), soci::into(hash, found),
      soci::into(mac);
  if (found != soci::i_ok) {
    return {};
  }
  return mac.empty() ? hash : mac;
}

} // namespace

AuditAnchor audit_chain_head(Tx& tx) {
  AuditAnchor head;
  tx.sql() << "SELECT seq, hash, mac_from FROM audit_head WHERE id = 1", soci::into(head.seq), soci::into(head.link),
      soci::into(head.mac_from);
  return head;
}

util::Result<AuditAnchor> read_audit_anchor(const std::string& path, std::string_view key) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    if (!std::filesystem::exists(path)) {
      return util::fail(util::Error::not_found("audit.anchor_missing").with("path", path));
    }
    return util::fail(util::Error::invalid("audit.anchor_invalid").with("path", path));
  }
  std::string line;
  std::getline(in, line);
  std::istringstream fields(line.substr(std::min(line.size(), k_magic.size())));
  AuditAnchor anchor;
  std::string tag;
  const bool parsed = line.starts_with(k_magic) && static_cast<bool>(fields >> anchor.seq >> anchor.mac_from >>
                                                                      anchor.link >> tag);
  if (!parsed || anchor.seq < 0 || !util::equal_constant_time(util::hmac_sha256_hex(key, signed_text(anchor)), tag)) {
    return util::fail(util::Error::invalid("audit.anchor_invalid").with("path", path));
  }
  return anchor;
}

util::Status write_audit_anchor(const std::string& path, std::string_view key, const AuditAnchor& anchor) {
  const std::string text = signed_text(anchor) + " " + util::hmac_sha256_hex(key, signed_text(anchor)) + "\n";
  const std::string temp = path + ".tmp-" + util::random_id();
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    return util::fail(write_failed(path));
  }
  const bool written = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) && ::fsync(fd) == 0;
  ::close(fd);
  if (!written || ::rename(temp.c_str(), path.c_str()) != 0) {
    auto error = write_failed(path);
    ::unlink(temp.c_str());
    return util::fail(std::move(error));
  }
  auto folder = std::filesystem::path(path).parent_path();
  if (folder.empty()) {
    folder = ".";
  }
  if (const int dir = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
  return {};
}

util::Status update_audit_anchor(Database& db, AnchorMove move) {
  const AuditSeal& seal = db.audit_seal();
  if (seal.key.empty() || seal.anchor.empty()) {
    return {};
  }
  // The file first, then the head: a head read later is never behind an anchor another process wrote.
  auto existing = read_audit_anchor(seal.anchor, seal.key);
  auto head = db.read([](Tx& tx) -> util::Result<AuditAnchor> { return audit_chain_head(tx); });
  if (!head) {
    return util::fail(head.error());
  }
  if (move == AnchorMove::forward) {
    if (existing) {
      if (*existing == *head) {
        return {};
      }
      if (existing->seq > head->seq) {
        return util::fail(util::Error::conflict("audit.anchor_ahead")
                              .with("seq", std::to_string(existing->seq))
                              .with("head", std::to_string(head->seq)));
      }
      auto link = db.read([&](Tx& tx) -> util::Result<std::string> { return link_at(tx, existing->seq); });
      if (!link) {
        return util::fail(link.error());
      }
      if (*link != existing->link || (existing->mac_from != 0 && existing->mac_from != head->mac_from)) {
        return util::fail(util::Error::conflict("audit.anchor_mismatch").with("seq", std::to_string(existing->seq)));
      }
    } else if (existing.error().code == util::ErrorCode::not_found) {
      // The key exists but its anchor went missing: say so in the chain itself.
      const long long head_seq = head->seq;
      head = db.transact([&](Tx& tx) -> util::Result<AuditAnchor> {
        AuditEntry entry;
        entry.at = std::chrono::duration_cast<std::chrono::seconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count();
        entry.user_id = "system";
        entry.action = "audit.anchor_created";
        entry.entity = "audit_log";
        entry.details = boost::json::serialize(boost::json::object{{"head_seq", head_seq}});
        append_audit(tx, std::move(entry));
        return audit_chain_head(tx);
      });
      if (!head) {
        return util::fail(head.error());
      }
      util::log(util::LogLevel::warn, "audit anchor was missing; created",
                {{"path", seal.anchor}, {"head_seq", head_seq}});
    } else {
      return util::fail(existing.error());
    }
  }
  return write_audit_anchor(seal.anchor, seal.key, *head);
}

AuditAnchorKeeper::AuditAnchorKeeper(Database& db, std::chrono::milliseconds interval)
    : m_db(db), m_interval(interval), m_thread([this] { run(); }) {}

AuditAnchorKeeper::~AuditAnchorKeeper() {
  {
    std::lock_guard lock(m_mutex);
    m_stopping = true;
  }
  m_wake.notify_one();
  m_thread.join();
  update();
}

void AuditAnchorKeeper::update() {
  auto done = update_audit_anchor(m_db);
  const std::string problem = done ? "" : done.error().key;
  if (!problem.empty() && problem != m_last_problem) {
    util::log(util::LogLevel::error, "audit anchor not moved; run `patronage audit verify`",
              {{"path", m_db.audit_seal().anchor}, {"reason", problem}});
  }
  m_last_problem = problem;
}

void AuditAnchorKeeper::run() {
  std::unique_lock lock(m_mutex);
  while (!m_stopping) {
    lock.unlock();
    update();
    lock.lock();
    m_wake.wait_for(lock, m_interval, [this] { return m_stopping; });
  }
}

} // namespace patronage::storage
