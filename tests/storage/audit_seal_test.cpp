// The keyed audit chain (storage/audit.hpp) and its anchor outside the
// database (storage/audit_anchor.hpp): what someone holding only the database
// can and cannot do unnoticed. Runs on every backend.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "storage/audit.hpp"
#include "storage/audit_anchor.hpp"
#include "storage/sqlite/sqlite_dialect.hpp"
#include "support/test_db.hpp"
#include "util/crypto.hpp"

namespace patronage::testing {
namespace {

namespace fs = std::filesystem;
using storage::AuditEntry;
using storage::Tx;

AuditEntry entry(long long at, const std::string& action = "case.read") {
  AuditEntry e;
  e.at = at;
  e.user_id = "u1";
  e.action = action;
  e.entity = "case";
  e.entity_id = "c" + std::to_string(at);
  e.address = "10.0.0.1";
  e.request_id = "req-" + std::to_string(at);
  return e;
}

class AuditSeal : public ::testing::TestWithParam<storage::Backend> {
protected:
  AuditSeal() : m_test_db(GetParam()) {
    m_folder = fs::temp_directory_path() / ("patronage-seal-" + util::random_id());
    fs::create_directories(m_folder);
    m_key = util::random_bytes(32);
    m_keyed = open_keyed(m_key);
    // As the command line does when it creates the key: anchored at the (empty) head.
    if (!storage::update_audit_anchor(*m_keyed, storage::AnchorMove::reset)) {
      throw std::runtime_error("cannot write the anchor");
    }
  }
  ~AuditSeal() override {
    m_keyed.reset();
    std::error_code ec;
    fs::remove_all(m_folder, ec);
  }

  bool sqlite() const { return GetParam() == storage::Backend::sqlite; }
  std::string anchor_path() const { return (m_folder / "audit-key.anchor").string(); }

  // The test database again, with `key` and the anchor file: as the server opens it.
  std::unique_ptr<storage::Database> open_keyed(const std::string& key) {
    storage::DatabaseOptions options;
    options.pool_size = 2;
    options.schema = m_test_db.schema();
    options.audit = {key, anchor_path()};
    auto db = storage::Database::open(m_test_db.url(), options);
    if (!db) {
      throw std::runtime_error("cannot open " + m_test_db.url());
    }
    return std::move(*db);
  }

  storage::Database& db() { return *m_keyed; }

  void append(storage::Database& on, int count, long long first_at = 100) {
    ASSERT_TRUE(on.transact([&](Tx& tx) -> util::Status {
      for (int i = 0; i < count; ++i) {
        storage::append_audit(tx, entry(first_at + i));
      }
      return {};
    }));
  }

  storage::AuditVerification verify(storage::Database& on) {
    return on.transact([](Tx& tx) -> util::Result<storage::AuditVerification> { return storage::verify_audit(tx); })
        .value_or(storage::AuditVerification{false, 0, 0, "verify failed to run"});
  }
  storage::AuditVerification verify() { return verify(db()); }

  std::vector<AuditEntry> all_entries() {
    return db()
        .transact([](Tx& tx) -> util::Result<std::vector<AuditEntry>> {
          storage::AuditFilter f;
          f.limit = 1000;
          auto out = storage::list_audit(tx, f);
          std::reverse(out.begin(), out.end());
          return out;
        })
        .value_or(std::vector<AuditEntry>{});
  }

  // Runs raw SQL as someone holding the database would: the append-only
  // triggers out of the way, then put back as they were.
  void tamper(const std::vector<std::string>& statements) {
    ASSERT_TRUE(db().transact([&](Tx& tx) -> util::Status {
      if (sqlite()) {
        tx.sql() << "DROP TRIGGER audit_log_no_update";
        tx.sql() << "DROP TRIGGER audit_log_no_delete";
      } else {
        tx.sql() << "ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change";
      }
      for (const auto& statement : statements) {
        tx.sql() << statement;
      }
      if (sqlite()) {
        for (const auto& statement : storage::sqlite::SqliteDialect().migration_extras(1)) {
          tx.sql() << statement;
        }
      } else {
        tx.sql() << "ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_change";
      }
      return {};
    }));
  }

  // Applies `edits`, then rewrites entries from `from_seq` on with their recomputed unkeyed hashes
  // (and `strip_mac`: without MACs), and moves the head onto the last one: all
  // a forger without the key can do.
  void rechain(long long from_seq, bool strip_mac, const std::vector<std::string>& edits = {}) {
    if (!edits.empty()) {
      tamper(edits);
    }
    auto entries = all_entries();
    std::vector<std::string> statements;
    std::string prev = "genesis";
    long long last = 0;
    for (auto& e : entries) {
      if (e.seq >= from_seq) {
        if (strip_mac) {
          e.mac.clear();
        }
        e.prev_hash = prev;
        e.hash = storage::audit_hash(e, prev);
        statements.push_back("UPDATE audit_log SET prev_hash = '" + e.prev_hash + "', hash = '" + e.hash +
                             "', mac = '" + e.mac + "' WHERE seq = " + std::to_string(e.seq));
      }
      prev = e.link();
      last = e.seq;
    }
    statements.push_back("UPDATE audit_head SET seq = " + std::to_string(last) + ", hash = '" + prev +
                         "'" + (strip_mac ? ", mac_from = 0" : "") + " WHERE id = 1");
    tamper(statements);
  }

  TestDatabase m_test_db;
  fs::path m_folder;
  std::string m_key;
  std::unique_ptr<storage::Database> m_keyed;
};

TEST_P(AuditSeal, AnUntouchedKeyedChainVerifiesWithItsAnchor) {
  append(db(), 3);
  std::vector<AuditEntry> batch{entry(200), entry(201)};
  ASSERT_TRUE(db().transact([&](Tx& tx) -> util::Status {
    storage::append_audit_batch(tx, batch);
    return {};
  }));
  ASSERT_TRUE(storage::update_audit_anchor(db()));
  const auto entries = all_entries();
  ASSERT_EQ(entries.size(), 5U);
  std::string prev = "genesis";
  for (const auto& e : entries) {
    EXPECT_EQ(e.prev_hash, prev);
    EXPECT_EQ(e.hash, storage::audit_hash(e, prev));
    EXPECT_EQ(e.mac, storage::audit_mac(m_key, e, prev)) << e.seq;
    EXPECT_EQ(e.mac.size(), 64U);
    EXPECT_NE(e.mac, e.hash);
    prev = e.link();
  }
  const auto report = verify();
  EXPECT_TRUE(report.ok) << report.problem << " at " << report.bad_seq;
  EXPECT_EQ(report.checked, 5);
  EXPECT_EQ(report.mac_from, 1);
  EXPECT_EQ(report.anchored, 5);
  // The anchor file is private and names the head.
  EXPECT_EQ(fs::status(anchor_path()).permissions() & (fs::perms::group_all | fs::perms::others_all),
            fs::perms::none);
  auto anchor = storage::read_audit_anchor(anchor_path(), m_key);
  ASSERT_TRUE(anchor);
  EXPECT_EQ(anchor->seq, 5);
  EXPECT_EQ(anchor->link, entries.back().mac);
}

TEST_P(AuditSeal, AnEditedEntryWithRecomputedHashesAndHeadFails) {
  append(db(), 4);
  ASSERT_TRUE(storage::update_audit_anchor(db()));
  // The forger edits entry 2 and recomputes every unkeyed hash and the head; the MACs stay stale.
  rechain(2, false, {"UPDATE audit_log SET user_id = 'someone-else' WHERE seq = 2"});
  auto report = verify();
  EXPECT_FALSE(report.ok);
  EXPECT_EQ(report.problem, "mac_mismatch");
  EXPECT_EQ(report.bad_seq, 2);
}

TEST_P(AuditSeal, StrippingTheMacsToPassAsAnOldLogFails) {
  append(db(), 4);
  ASSERT_TRUE(storage::update_audit_anchor(db()));
  // Every MAC removed, mac_from reset, the whole chain re-hashed without a key: it looks pre-MAC.
  rechain(1, true, {"UPDATE audit_log SET details = '{\"x\":1}' WHERE seq = 3"});
  auto report = verify();
  EXPECT_FALSE(report.ok);
  EXPECT_EQ(report.problem, "anchor_mismatch");
  EXPECT_EQ(report.bad_seq, 4);
}

TEST_P(AuditSeal, ACutTailWithTheHeadMovedBackFails) {
  append(db(), 6);
  ASSERT_TRUE(storage::update_audit_anchor(db()));
  const auto entries = all_entries();
  ASSERT_EQ(entries.size(), 6U);
  tamper({"DELETE FROM audit_log WHERE seq > 4",
          "UPDATE audit_head SET seq = 4, hash = '" + entries[3].link() + "' WHERE id = 1"});
  auto report = verify();
  EXPECT_FALSE(report.ok);
  EXPECT_EQ(report.problem, "anchor_mismatch");
  EXPECT_EQ(report.bad_seq, 6);
  EXPECT_EQ(report.checked, 4);
  // The keeper does not move the anchor back over the cut: the evidence stays for verify.
  auto moved = storage::update_audit_anchor(db());
  ASSERT_FALSE(moved);
  EXPECT_EQ(moved.error().key, "audit.anchor_ahead");
  append(db(), 3, 500); // new entries past the old length do not hide it either
  EXPECT_FALSE(storage::update_audit_anchor(db()));
  report = verify();
  EXPECT_EQ(report.problem, "anchor_mismatch");
}

TEST_P(AuditSeal, ADroppedOrDisabledTriggerFails) {
  append(db(), 2);
  ASSERT_TRUE(storage::update_audit_anchor(db()));
  ASSERT_TRUE(verify().ok);
  ASSERT_TRUE(db().transact([&](Tx& tx) -> util::Status {
    tx.sql() << (sqlite() ? "DROP TRIGGER audit_log_no_delete" : "ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change");
    return {};
  }));
  auto report = verify();
  EXPECT_FALSE(report.ok);
  EXPECT_EQ(report.problem, "guard_missing");
  ASSERT_TRUE(db().transact([&](Tx& tx) -> util::Status {
    if (sqlite()) {
      // Put back under its name but harmless.
      tx.sql() << "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT 1; END";
    } else {
      tx.sql() << "ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_change";
      tx.sql() << "DROP TRIGGER audit_log_no_change ON audit_log";
    }
    return {};
  }));
  report = verify();
  EXPECT_FALSE(report.ok);
  EXPECT_EQ(report.problem, "guard_missing");
}

TEST_P(AuditSeal, AForgedMissingOrForeignAnchorFails) {
  append(db(), 3);
  ASSERT_TRUE(storage::update_audit_anchor(db()));
  std::string text;
  {
    std::ifstream in(anchor_path());
    std::getline(in, text);
  }
  // Moving the anchored seq back by hand breaks its tag.
  const std::string forged = std::string(text).replace(text.find(" 3 "), 3, " 2 ");
  std::ofstream(anchor_path(), std::ios::trunc) << forged << "\n";
  EXPECT_EQ(verify().problem, "anchor_invalid");
  // An anchor under another key is no anchor.
  ASSERT_TRUE(storage::write_audit_anchor(anchor_path(), util::random_bytes(32), {3, all_entries().back().link(), 1}));
  EXPECT_EQ(verify().problem, "anchor_invalid");
  fs::remove(anchor_path());
  EXPECT_EQ(verify().problem, "anchor_missing");
  // The keeper recreates a missing anchor and records that in the chain.
  ASSERT_TRUE(storage::update_audit_anchor(db()));
  const auto entries = all_entries();
  ASSERT_EQ(entries.size(), 4U);
  EXPECT_EQ(entries.back().action, "audit.anchor_created");
  EXPECT_EQ(entries.back().details, "{\"head_seq\":3}");
  const auto report = verify();
  EXPECT_TRUE(report.ok) << report.problem;
  EXPECT_EQ(report.anchored, 4);
}

TEST_P(AuditSeal, EntriesBeforeTheKeyKeepTheirHashAndVerifySaysWhereTheMacStarts) {
  append(m_test_db.db(), 3); // written without a key, as before migration 10
  append(db(), 2, 300);
  ASSERT_TRUE(storage::update_audit_anchor(db()));
  const auto entries = all_entries();
  ASSERT_EQ(entries.size(), 5U);
  EXPECT_TRUE(entries[2].mac.empty());
  EXPECT_FALSE(entries[3].mac.empty());
  EXPECT_EQ(entries[3].prev_hash, entries[2].hash);
  auto report = verify();
  EXPECT_TRUE(report.ok) << report.problem << " at " << report.bad_seq;
  EXPECT_EQ(report.mac_from, 4);
  // Once MACs began, an entry without one (a writer without the key) is caught.
  append(m_test_db.db(), 1, 400);
  report = verify();
  EXPECT_EQ(report.problem, "mac_missing");
  EXPECT_EQ(report.bad_seq, 6);
  // And the wrong key is named as such.
  auto other = open_keyed(util::random_bytes(32));
  EXPECT_EQ(verify(*other).problem, "anchor_invalid");
}

TEST_P(AuditSeal, TheKeeperAnchorsTheHeadAndOnShutdown) {
  {
    storage::AuditAnchorKeeper keeper(db(), std::chrono::milliseconds{20});
    append(db(), 2);
    std::vector<AuditEntry> batch{entry(300)};
    ASSERT_TRUE(db().transact([&](Tx& tx) -> util::Status {
      storage::append_audit_batch(tx, batch);
      return {};
    }));
  }
  auto anchor = storage::read_audit_anchor(anchor_path(), m_key);
  ASSERT_TRUE(anchor);
  EXPECT_EQ(anchor->seq, 3);
  EXPECT_TRUE(verify().ok);
}

INSTANTIATE_TEST_SUITE_P(Backends, AuditSeal, ::testing::ValuesIn(test_backends()),
                         [](const auto& info) { return backend_name(info.param); });

} // namespace
} // namespace patronage::testing
