// The storage contract: every repository function behaves the same on every
// backend. Each test runs on SQLite and, when PATRONAGE_TEST_PG is set, on
// PostgreSQL (ARCHITECTURE.md: one contract suite runs against both backends).
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <soci/soci.h>

#include "storage/audit.hpp"
#include "storage/migrations.hpp"
#include "storage/sessions.hpp"
#include "storage/units.hpp"
#include "storage/users.hpp"
#include "storage/storage_contract.hpp"
#include "support/test_db.hpp"

namespace patronage::testing {
namespace {

using storage::AuditEntry;
using storage::AuditFilter;
using storage::SessionRecord;
using storage::ThrottleRecord;
using storage::Tx;
using storage::UnitRecord;
using storage::UserRecord;
using util::ErrorCode;

std::vector<std::string> ids_of(const std::vector<UnitRecord>& units) {
  std::vector<std::string> out;
  for (const auto& unit : units) {
    out.push_back(unit.id);
  }
  return out;
}

std::vector<std::string> logins_of(const std::vector<UserRecord>& users) {
  std::vector<std::string> out;
  for (const auto& user : users) {
    out.push_back(user.login);
  }
  return out;
}

std::vector<long long> seqs_of(const std::vector<AuditEntry>& entries) {
  std::vector<long long> out;
  for (const auto& entry : entries) {
    out.push_back(entry.seq);
  }
  return out;
}

UnitRecord unit(const std::string& id, const std::string& parent_path, const std::optional<std::string>& parent_id,
                const std::string& kind = "department") {
  return {id, parent_id, "Unit " + id, kind, parent_path + id + "/", 1000};
}

UserRecord user(const std::string& id, const std::string& login, const std::string& unit_id,
                domain::Role role = domain::Role::specialist) {
  UserRecord u;
  u.id = id;
  u.login = login;
  u.full_name = "Name of " + login;
  u.role = role;
  u.unit_id = unit_id;
  u.password_hash = "hash-" + login;
  u.created_at = 2000;
  u.updated_at = 2000;
  return u;
}

AuditEntry entry(long long at, const std::string& user_id, const std::string& action, const std::string& entity,
                 const std::string& entity_id) {
  AuditEntry e;
  e.at = at;
  e.user_id = user_id;
  e.action = action;
  e.entity = entity;
  e.entity_id = entity_id;
  e.address = "10.0.0.1";
  e.request_id = "req-" + std::to_string(at);
  return e;
}

class StorageContract : public ::testing::TestWithParam<storage::Backend> {
protected:
  StorageContract() : m_test_db(GetParam()) {}
  storage::Database& db() { return m_test_db.db(); }

  // A tree: r → {a → {ax}, ab, b}, and a second root s. "ab" shares the
  // prefix "a" with a sibling so that a sloppy prefix match would be caught.
  void seed_units() {
    must(db(), [](Tx& tx) -> util::Status {
      storage::insert_unit(tx, unit("r", "/", std::nullopt, "region"));
      storage::insert_unit(tx, unit("a", "/r/", "r", "institution"));
      storage::insert_unit(tx, unit("ax", "/r/a/", "a"));
      storage::insert_unit(tx, unit("ab", "/r/", "r", "institution"));
      storage::insert_unit(tx, unit("b", "/r/", "r", "institution"));
      storage::insert_unit(tx, unit("s", "/", std::nullopt, "region"));
      return {};
    });
  }

  // Appends `count` entries at times 100, 200, ... alternating users u1/u2.
  void seed_audit(int count) {
    must(db(), [count](Tx& tx) -> util::Status {
      for (int i = 1; i <= count; ++i) {
        storage::append_audit(tx, entry(100LL * i, i % 2 == 1 ? "u1" : "u2", "user.read", "user", "x" + std::to_string(i)));
      }
      return {};
    });
  }

  storage::AuditVerification verify() {
    return must(db(), [](Tx& tx) -> util::Result<storage::AuditVerification> { return storage::verify_audit(tx); })
        .value_or(storage::AuditVerification{});
  }

  // Runs raw SQL against audit_log with the append-only triggers out of the way.
  void tamper(const std::string& statement) {
    const bool sqlite = GetParam() == storage::Backend::sqlite;
    must(db(), [&](Tx& tx) -> util::Status {
      if (sqlite) {
        tx.sql() << "DROP TRIGGER IF EXISTS audit_log_no_update";
        tx.sql() << "DROP TRIGGER IF EXISTS audit_log_no_delete";
      } else {
        tx.sql() << "ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change";
      }
      tx.sql() << statement;
      if (!sqlite) {
        tx.sql() << "ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_change";
      }
      return {};
    });
  }

  TestDatabase m_test_db;
};

// --- migrations -------------------------------------------------------------

TEST_P(StorageContract, MigrateTwiceIsANoOp) {
  ASSERT_FALSE(storage::migrations().empty());
  const int last = storage::migrations().back().version;
  EXPECT_EQ(db().schema_version().value_or(-1), last);
  auto again = db().migrate();
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(*again, 0);
  EXPECT_EQ(db().schema_version().value_or(-1), last);
}

TEST_P(StorageContract, MigrationsAreNumberedInOrder) {
  int previous = 0;
  for (const auto& migration : storage::migrations()) {
    EXPECT_GT(migration.version, previous) << migration.name;
    previous = migration.version;
  }
}

// --- units ------------------------------------------------------------------

TEST_P(StorageContract, UnitsInsertAndFind) {
  seed_units();
  auto found = must(db(), [](Tx& tx) -> util::Result<std::optional<UnitRecord>> { return storage::find_unit(tx, "a"); });
  ASSERT_TRUE(found && *found);
  const UnitRecord& a = **found;
  EXPECT_EQ(a.id, "a");
  EXPECT_EQ(a.parent_id, std::optional<std::string>("r"));
  EXPECT_EQ(a.name, "Unit a");
  EXPECT_EQ(a.kind, "institution");
  EXPECT_EQ(a.path, "/r/a/");
  EXPECT_EQ(a.created_at, 1000);

  auto root = must(db(), [](Tx& tx) -> util::Result<std::optional<UnitRecord>> { return storage::find_unit(tx, "r"); });
  ASSERT_TRUE(root && *root);
  EXPECT_FALSE((*root)->parent_id.has_value());

  auto missing =
      must(db(), [](Tx& tx) -> util::Result<std::optional<UnitRecord>> { return storage::find_unit(tx, "nope"); });
  ASSERT_TRUE(missing);
  EXPECT_FALSE(missing->has_value());
}

TEST_P(StorageContract, UnitsListUnderIsTheSubtreeByPath) {
  seed_units();
  auto list = [&](const std::string& prefix) {
    return ids_of(must(db(), [&](Tx& tx) -> util::Result<std::vector<UnitRecord>> {
                    return storage::list_units_under(tx, prefix);
                  }).value_or(std::vector<UnitRecord>{}));
  };
  // Ordered by path: "/r/" < "/r/a/" < "/r/a/ax/" < "/r/ab/" < "/r/b/".
  EXPECT_EQ(list("/r/"), (std::vector<std::string>{"r", "a", "ax", "ab", "b"}));
  EXPECT_EQ(list("/r/a/"), (std::vector<std::string>{"a", "ax"}));
  EXPECT_EQ(list("/r/b/"), (std::vector<std::string>{"b"}));
  EXPECT_EQ(list("/s/"), (std::vector<std::string>{"s"}));
  EXPECT_EQ(list("/"), (std::vector<std::string>{"r", "a", "ax", "ab", "b", "s"}));
  EXPECT_TRUE(list("/zzz/").empty());
}

TEST_P(StorageContract, UnitPathIsUniqueAndParentMustExist) {
  seed_units();
  auto duplicate_path = db().transact([](Tx& tx) -> util::Status {
    storage::insert_unit(tx, {"other", std::string("r"), "Other", "department", "/r/a/", 1});
    return {};
  });
  ASSERT_FALSE(duplicate_path);
  EXPECT_EQ(duplicate_path.error().code, ErrorCode::conflict);

  auto orphan = db().transact([](Tx& tx) -> util::Status {
    storage::insert_unit(tx, unit("o", "/ghost/", std::string("ghost")));
    return {};
  });
  ASSERT_FALSE(orphan);
  EXPECT_EQ(orphan.error().code, ErrorCode::conflict);
}

// --- users ------------------------------------------------------------------

TEST_P(StorageContract, UsersInsertFindAndCount) {
  seed_units();
  EXPECT_EQ(must(db(), [](Tx& tx) -> util::Result<int> { return storage::count_users(tx); }).value_or(-1), 0);
  must(db(), [](Tx& tx) -> util::Status {
    storage::insert_user(tx, user("u1", "alice", "a", domain::Role::head));
    storage::insert_user(tx, user("u2", "bob", "ax"));
    return {};
  });
  EXPECT_EQ(must(db(), [](Tx& tx) -> util::Result<int> { return storage::count_users(tx); }).value_or(-1), 2);

  auto by_id = must(db(), [](Tx& tx) -> util::Result<std::optional<UserRecord>> { return storage::find_user(tx, "u1"); });
  ASSERT_TRUE(by_id && *by_id);
  const UserRecord& alice = **by_id;
  EXPECT_EQ(alice.login, "alice");
  EXPECT_EQ(alice.full_name, "Name of alice");
  EXPECT_EQ(alice.role, domain::Role::head);
  EXPECT_EQ(alice.unit_id, "a");
  EXPECT_EQ(alice.unit_path, "/r/a/");
  EXPECT_EQ(alice.unit_name, "Unit a");
  EXPECT_EQ(alice.password_hash, "hash-alice");
  EXPECT_FALSE(alice.disabled);
  EXPECT_EQ(alice.created_at, 2000);
  EXPECT_EQ(alice.updated_at, 2000);

  auto by_login = must(db(), [](Tx& tx) -> util::Result<std::optional<UserRecord>> {
    return storage::find_user_by_login(tx, "bob");
  });
  ASSERT_TRUE(by_login && *by_login);
  EXPECT_EQ((*by_login)->id, "u2");
  EXPECT_EQ((*by_login)->unit_path, "/r/a/ax/");

  auto missing = must(db(), [](Tx& tx) -> util::Result<std::optional<UserRecord>> {
    return storage::find_user_by_login(tx, "Alice");
  });
  ASSERT_TRUE(missing);
  EXPECT_FALSE(missing->has_value()) << "logins are matched exactly";
}

TEST_P(StorageContract, UsersListUnderIsTheSubtreeOrderedByLogin) {
  seed_units();
  must(db(), [](Tx& tx) -> util::Status {
    storage::insert_user(tx, user("u1", "zoe", "a"));
    storage::insert_user(tx, user("u2", "bob", "ax"));
    storage::insert_user(tx, user("u3", "carl", "ab"));
    storage::insert_user(tx, user("u4", "dina", "b"));
    storage::insert_user(tx, user("u5", "eve", "s"));
    storage::insert_user(tx, user("u6", "adam", "r"));
    return {};
  });
  auto list = [&](const std::string& prefix) {
    return logins_of(must(db(), [&](Tx& tx) -> util::Result<std::vector<UserRecord>> {
                       return storage::list_users_under(tx, prefix);
                     }).value_or(std::vector<UserRecord>{}));
  };
  EXPECT_EQ(list("/r/a/"), (std::vector<std::string>{"bob", "zoe"}));
  EXPECT_EQ(list("/r/"), (std::vector<std::string>{"adam", "bob", "carl", "dina", "zoe"}));
  EXPECT_EQ(list("/s/"), (std::vector<std::string>{"eve"}));
  EXPECT_EQ(list("/r/a/ax/"), (std::vector<std::string>{"bob"}));
}

TEST_P(StorageContract, UsersUpdatePasswordAndDisable) {
  seed_units();
  must(db(), [](Tx& tx) -> util::Status {
    storage::insert_user(tx, user("u1", "alice", "a"));
    storage::insert_user(tx, user("u2", "bob", "a"));
    storage::update_password_hash(tx, "u1", "new-hash", 3000);
    storage::set_user_disabled(tx, "u1", true, 3100);
    return {};
  });
  auto alice = must(db(), [](Tx& tx) -> util::Result<std::optional<UserRecord>> { return storage::find_user(tx, "u1"); });
  ASSERT_TRUE(alice && *alice);
  EXPECT_EQ((*alice)->password_hash, "new-hash");
  EXPECT_TRUE((*alice)->disabled);
  EXPECT_EQ((*alice)->updated_at, 3100);
  EXPECT_EQ((*alice)->created_at, 2000);

  auto bob = must(db(), [](Tx& tx) -> util::Result<std::optional<UserRecord>> { return storage::find_user(tx, "u2"); });
  ASSERT_TRUE(bob && *bob);
  EXPECT_EQ((*bob)->password_hash, "hash-bob") << "only the named user changes";
  EXPECT_FALSE((*bob)->disabled);

  must(db(), [](Tx& tx) -> util::Status {
    storage::set_user_disabled(tx, "u1", false, 3200);
    return {};
  });
  alice = must(db(), [](Tx& tx) -> util::Result<std::optional<UserRecord>> { return storage::find_user(tx, "u1"); });
  ASSERT_TRUE(alice && *alice);
  EXPECT_FALSE((*alice)->disabled);
}

TEST_P(StorageContract, DuplicateLoginIsAConflictAndRollsBack) {
  seed_units();
  must(db(), [](Tx& tx) -> util::Status {
    storage::insert_user(tx, user("u1", "alice", "a"));
    return {};
  });
  auto again = db().transact([](Tx& tx) -> util::Status {
    storage::insert_user(tx, user("u2", "bob", "a"));
    storage::insert_user(tx, user("u3", "alice", "b"));
    return {};
  });
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::conflict);
  EXPECT_EQ(again.error().key, "storage.constraint");
  EXPECT_EQ(must(db(), [](Tx& tx) -> util::Result<int> { return storage::count_users(tx); }).value_or(-1), 1)
      << "bob, inserted before the violation, is rolled back too";
}

TEST_P(StorageContract, UserNeedsAnExistingUnit) {
  auto result = db().transact([](Tx& tx) -> util::Status {
    storage::insert_user(tx, user("u1", "alice", "ghost"));
    return {};
  });
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::conflict);
}

// --- sessions and throttle --------------------------------------------------

TEST_P(StorageContract, SessionsLifecycle) {
  seed_units();
  must(db(), [](Tx& tx) -> util::Status {
    storage::insert_user(tx, user("u1", "alice", "a"));
    storage::insert_user(tx, user("u2", "bob", "a"));
    storage::insert_session(tx, {"h1", "u1", "csrf1", "10.0.0.1", 100, 100, 5000, std::nullopt});
    storage::insert_session(tx, {"h2", "u1", "csrf2", "10.0.0.2", 110, 110, 5000, std::nullopt});
    storage::insert_session(tx, {"h3", "u1", "csrf3", "10.0.0.3", 120, 120, 5000, std::nullopt});
    storage::insert_session(tx, {"h4", "u2", "csrf4", "10.0.0.4", 130, 130, 5000, std::nullopt});
    return {};
  });
  auto find = [&](const std::string& hash) {
    return must(db(), [&](Tx& tx) -> util::Result<std::optional<SessionRecord>> {
             return storage::find_session(tx, hash);
           }).value_or(std::nullopt);
  };
  auto h1 = find("h1");
  ASSERT_TRUE(h1);
  EXPECT_EQ(h1->user_id, "u1");
  EXPECT_EQ(h1->csrf_token, "csrf1");
  EXPECT_EQ(h1->address, "10.0.0.1");
  EXPECT_EQ(h1->created_at, 100);
  EXPECT_EQ(h1->last_seen_at, 100);
  EXPECT_EQ(h1->expires_at, 5000);
  EXPECT_FALSE(h1->revoked_at);
  EXPECT_FALSE(find("unknown"));

  must(db(), [](Tx& tx) -> util::Status {
    storage::touch_session(tx, "h1", 400);
    storage::revoke_session(tx, "h2", 500);
    return {};
  });
  EXPECT_EQ(find("h1")->last_seen_at, 400);
  EXPECT_EQ(find("h1")->created_at, 100);
  EXPECT_EQ(find("h2")->revoked_at, std::optional<long long>(500));

  // A second revoke keeps the first time.
  must(db(), [](Tx& tx) -> util::Status {
    storage::revoke_session(tx, "h2", 900);
    return {};
  });
  EXPECT_EQ(find("h2")->revoked_at, std::optional<long long>(500));

  // Only the live sessions of u1 count: h1 and h3.
  auto revoked = must(db(), [](Tx& tx) -> util::Result<int> { return storage::revoke_user_sessions(tx, "u1", 600); });
  EXPECT_EQ(revoked.value_or(-1), 2);
  EXPECT_EQ(find("h1")->revoked_at, std::optional<long long>(600));
  EXPECT_EQ(find("h2")->revoked_at, std::optional<long long>(500));
  EXPECT_EQ(find("h3")->revoked_at, std::optional<long long>(600));
  EXPECT_FALSE(find("h4")->revoked_at) << "another user's session stays";
  auto none_left = must(db(), [](Tx& tx) -> util::Result<int> { return storage::revoke_user_sessions(tx, "u1", 700); });
  EXPECT_EQ(none_left.value_or(-1), 0);
}

TEST_P(StorageContract, ThrottleFindSaveClear) {
  auto find = [&](const std::string& key) {
    return must(db(), [&](Tx& tx) -> util::Result<std::optional<ThrottleRecord>> {
             return storage::find_throttle(tx, key);
           }).value_or(std::nullopt);
  };
  EXPECT_FALSE(find("account:alice"));
  must(db(), [](Tx& tx) -> util::Status {
    storage::save_throttle(tx, {"account:alice", 1, 100, 0});
    storage::save_throttle(tx, {"address:10.0.0.1", 3, 90, 0});
    return {};
  });
  auto alice = find("account:alice");
  ASSERT_TRUE(alice);
  EXPECT_EQ(alice->key, "account:alice");
  EXPECT_EQ(alice->failures, 1);
  EXPECT_EQ(alice->window_start, 100);
  EXPECT_EQ(alice->locked_until, 0);

  // Saving again replaces the record.
  must(db(), [](Tx& tx) -> util::Status {
    storage::save_throttle(tx, {"account:alice", 5, 100, 1000});
    return {};
  });
  alice = find("account:alice");
  ASSERT_TRUE(alice);
  EXPECT_EQ(alice->failures, 5);
  EXPECT_EQ(alice->locked_until, 1000);

  must(db(), [](Tx& tx) -> util::Status {
    storage::clear_throttle(tx, "account:alice");
    storage::clear_throttle(tx, "account:nobody");
    return {};
  });
  EXPECT_FALSE(find("account:alice"));
  ASSERT_TRUE(find("address:10.0.0.1"));
  EXPECT_EQ(find("address:10.0.0.1")->failures, 3);
}

// --- audit log --------------------------------------------------------------

TEST_P(StorageContract, AppendAssignsSequenceAndChainsHashes) {
  std::vector<AuditEntry> appended;
  must(db(), [&](Tx& tx) -> util::Status {
    for (int i = 1; i <= 3; ++i) {
      appended.push_back(storage::append_audit(tx, entry(100LL * i, "u1", "user.read", "user", "x")));
    }
    return {};
  });
  ASSERT_EQ(appended.size(), 3U);
  EXPECT_EQ(appended[0].seq, 1);
  EXPECT_EQ(appended[1].seq, 2);
  EXPECT_EQ(appended[2].seq, 3);
  EXPECT_EQ(appended[0].prev_hash, "genesis");
  EXPECT_EQ(appended[1].prev_hash, appended[0].hash);
  EXPECT_EQ(appended[2].prev_hash, appended[1].hash);
  for (const auto& e : appended) {
    EXPECT_EQ(e.hash, storage::audit_hash(e, e.prev_hash));
    EXPECT_EQ(e.hash.size(), 64U);
  }
  EXPECT_NE(appended[0].hash, appended[1].hash) << "same fields, different seq and time";

  // A later transaction continues the chain.
  auto fourth = must(db(), [](Tx& tx) -> util::Result<AuditEntry> {
    return storage::append_audit(tx, entry(400, "u2", "user.list", "user", ""));
  });
  ASSERT_TRUE(fourth);
  EXPECT_EQ(fourth->seq, 4);
  EXPECT_EQ(fourth->prev_hash, appended[2].hash);

  auto stored = must(db(), [](Tx& tx) -> util::Result<std::vector<AuditEntry>> {
    return storage::list_audit(tx, AuditFilter{});
  });
  ASSERT_TRUE(stored);
  ASSERT_EQ(stored->size(), 4U);
  const AuditEntry& last = stored->front();
  EXPECT_EQ(last.seq, 4);
  EXPECT_EQ(last.at, 400);
  EXPECT_EQ(last.user_id, "u2");
  EXPECT_EQ(last.action, "user.list");
  EXPECT_EQ(last.entity, "user");
  EXPECT_EQ(last.entity_id, "");
  EXPECT_EQ(last.address, "10.0.0.1");
  EXPECT_EQ(last.request_id, "req-400");
  EXPECT_EQ(last.details, "{}");
  EXPECT_EQ(last.hash, fourth->hash);
}

TEST_P(StorageContract, AuditHashCoversEveryField) {
  const AuditEntry base = entry(100, "u1", "user.read", "user", "x");
  const std::string h = storage::audit_hash(base, "prev");
  std::vector<AuditEntry> variants(9, base);
  variants[0].seq = 7;
  variants[1].at = 101;
  variants[2].user_id = "u2";
  variants[3].action = "user.list";
  variants[4].entity = "unit";
  variants[5].entity_id = "y";
  variants[6].address = "10.0.0.2";
  variants[7].request_id = "other";
  variants[8].details = R"({"a":1})";
  for (size_t i = 0; i < variants.size(); ++i) {
    EXPECT_NE(storage::audit_hash(variants[i], "prev"), h) << "field " << i;
  }
  EXPECT_NE(storage::audit_hash(base, "other-prev"), h);
  // Length prefixes: moving a character between two fields changes the hash.
  AuditEntry shifted = base;
  shifted.action = "user.rea";
  shifted.entity = "duser";
  EXPECT_NE(storage::audit_hash(shifted, "prev"), h);
}

TEST_P(StorageContract, ListAuditFilters) {
  must(db(), [](Tx& tx) -> util::Status {
    storage::append_audit(tx, entry(100, "u1", "user.read", "user", "a"));   // 1
    storage::append_audit(tx, entry(200, "u2", "user.read", "user", "b"));   // 2
    storage::append_audit(tx, entry(300, "u1", "unit.create", "unit", "a")); // 3
    storage::append_audit(tx, entry(400, "u1", "user.read", "user", "b"));   // 4
    storage::append_audit(tx, entry(500, "u2", "user.list", "user", ""));    // 5
    return {};
  });
  auto list = [&](AuditFilter filter) {
    return seqs_of(must(db(), [&](Tx& tx) -> util::Result<std::vector<AuditEntry>> {
                     return storage::list_audit(tx, filter);
                   }).value_or(std::vector<AuditEntry>{}));
  };
  using Seqs = std::vector<long long>;
  EXPECT_EQ(list({}), (Seqs{5, 4, 3, 2, 1})) << "newest first";
  AuditFilter f;
  f.user_id = "u1";
  EXPECT_EQ(list(f), (Seqs{4, 3, 1}));
  f = {};
  f.entity = "user";
  EXPECT_EQ(list(f), (Seqs{5, 4, 2, 1}));
  f.entity_id = "b";
  EXPECT_EQ(list(f), (Seqs{4, 2}));
  f = {};
  f.entity_id = "a";
  EXPECT_EQ(list(f), (Seqs{3, 1})) << "entity_id alone matches across entities";
  f = {};
  f.from = 200;
  f.to = 400;
  EXPECT_EQ(list(f), (Seqs{3, 2})) << "from is inclusive, to exclusive";
  f = {};
  f.before_seq = 4;
  EXPECT_EQ(list(f), (Seqs{3, 2, 1}));
  f.limit = 2;
  EXPECT_EQ(list(f), (Seqs{3, 2}));
  f = {};
  f.limit = 1;
  EXPECT_EQ(list(f), (Seqs{5}));
  f = {};
  f.user_id = "u1";
  f.entity = "user";
  f.from = 150;
  EXPECT_EQ(list(f), (Seqs{4}));
  f = {};
  f.user_id = "nobody";
  EXPECT_TRUE(list(f).empty());
  f = {};
  f.user_id = "";
  EXPECT_TRUE(list(f).empty()) << "an empty user filter matches only anonymous entries";
}

TEST_P(StorageContract, ListAuditKeysetPagingVisitsEveryEntryOnce) {
  seed_audit(25);
  std::vector<long long> seen;
  AuditFilter f;
  f.limit = 10;
  for (int page = 0; page < 5; ++page) {
    auto batch = seqs_of(must(db(), [&](Tx& tx) -> util::Result<std::vector<AuditEntry>> {
                           return storage::list_audit(tx, f);
                         }).value_or(std::vector<AuditEntry>{}));
    if (batch.empty()) {
      break;
    }
    seen.insert(seen.end(), batch.begin(), batch.end());
    f.before_seq = batch.back();
  }
  ASSERT_EQ(seen.size(), 25U);
  for (size_t i = 0; i < seen.size(); ++i) {
    EXPECT_EQ(seen[i], 25 - static_cast<long long>(i));
  }
}

TEST_P(StorageContract, VerifyAuditOnEmptyAndIntactChain) {
  auto empty = verify();
  EXPECT_TRUE(empty.ok);
  EXPECT_EQ(empty.checked, 0);
  EXPECT_EQ(empty.bad_seq, 0);
  EXPECT_EQ(empty.problem, "");
  seed_audit(5);
  auto intact = verify();
  EXPECT_TRUE(intact.ok);
  EXPECT_EQ(intact.checked, 5);
  EXPECT_EQ(intact.bad_seq, 0);
  EXPECT_EQ(intact.problem, "");
}

TEST_P(StorageContract, AuditLogIsAppendOnly) {
  seed_audit(3);
  auto update = db().transact([](Tx& tx) -> util::Status {
    tx.sql() << "UPDATE audit_log SET details = '{\"x\":1}' WHERE seq = 2";
    return {};
  });
  EXPECT_FALSE(update) << "UPDATE on audit_log must fail";
  auto remove = db().transact([](Tx& tx) -> util::Status {
    tx.sql() << "DELETE FROM audit_log WHERE seq = 3";
    return {};
  });
  EXPECT_FALSE(remove) << "DELETE on audit_log must fail";
  auto all = db().transact([](Tx& tx) -> util::Status {
    tx.sql() << "DELETE FROM audit_log";
    return {};
  });
  EXPECT_FALSE(all) << "DELETE of the whole audit_log must fail";
  auto report = verify();
  EXPECT_TRUE(report.ok) << report.problem;
  EXPECT_EQ(report.checked, 3);
}

TEST_P(StorageContract, VerifyDetectsAnEditedEntry) {
  seed_audit(4);
  tamper("UPDATE audit_log SET details = '{\"x\":1}' WHERE seq = 2");
  auto report = verify();
  EXPECT_FALSE(report.ok);
  EXPECT_EQ(report.problem, "hash_mismatch");
  EXPECT_EQ(report.bad_seq, 2);
  EXPECT_EQ(report.checked, 1);
}

TEST_P(StorageContract, VerifyDetectsAnEditedEntryWithARecomputedHash) {
  seed_audit(4);
  // A careful forger recomputes the row's own hash; the next row's link breaks.
  auto second = must(db(), [](Tx& tx) -> util::Result<AuditEntry> {
    AuditFilter f;
    f.before_seq = 3;
    f.limit = 1;
    return storage::list_audit(tx, f).at(0);
  });
  ASSERT_TRUE(second);
  AuditEntry forged = *second;
  forged.user_id = "someone-else";
  const std::string forged_hash = storage::audit_hash(forged, forged.prev_hash);
  tamper("UPDATE audit_log SET user_id = 'someone-else', hash = '" + forged_hash + "' WHERE seq = 2");
  auto report = verify();
  EXPECT_FALSE(report.ok);
  EXPECT_EQ(report.problem, "prev_mismatch");
  EXPECT_EQ(report.bad_seq, 3);
}

TEST_P(StorageContract, VerifyDetectsADeletedMiddleEntry) {
  seed_audit(4);
  tamper("DELETE FROM audit_log WHERE seq = 2");
  auto report = verify();
  EXPECT_FALSE(report.ok);
  EXPECT_EQ(report.problem, "gap");
  EXPECT_EQ(report.bad_seq, 2);
}

TEST_P(StorageContract, VerifyDetectsADeletedLastEntry) {
  seed_audit(4);
  tamper("DELETE FROM audit_log WHERE seq = 4");
  auto report = verify();
  EXPECT_FALSE(report.ok);
  EXPECT_EQ(report.problem, "head_mismatch");
  EXPECT_EQ(report.bad_seq, 4);
  EXPECT_EQ(report.checked, 3);
}

TEST_P(StorageContract, VerifyDetectsAnEditedLastEntryWithARecomputedHash) {
  seed_audit(3);
  auto third = must(db(), [](Tx& tx) -> util::Result<AuditEntry> {
    AuditFilter f;
    f.limit = 1;
    return storage::list_audit(tx, f).at(0);
  });
  ASSERT_TRUE(third);
  AuditEntry forged = *third;
  forged.action = "user.list";
  const std::string forged_hash = storage::audit_hash(forged, forged.prev_hash);
  tamper("UPDATE audit_log SET action = 'user.list', hash = '" + forged_hash + "' WHERE seq = 3");
  auto report = verify();
  EXPECT_FALSE(report.ok);
  EXPECT_EQ(report.problem, "head_mismatch") << "the head still holds the original hash";
}

TEST_P(StorageContract, ConcurrentAppendsKeepTheChain) {
  constexpr int k_threads = 4;
  constexpr int k_per_thread = 50;
  std::vector<std::thread> threads;
  std::vector<int> failures(k_threads, 0);
  for (int t = 0; t < k_threads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < k_per_thread; ++i) {
        auto appended = db().transact([&](Tx& tx) -> util::Status {
          storage::append_audit(tx, entry(1000 + i, "t" + std::to_string(t), "user.read", "user", std::to_string(i)));
          return {};
        });
        if (!appended) {
          ++failures[t];
        }
      }
    });
  }
  for (auto& thread : threads) {
    thread.join();
  }
  for (int t = 0; t < k_threads; ++t) {
    EXPECT_EQ(failures[t], 0) << "thread " << t;
  }
  auto report = verify();
  EXPECT_TRUE(report.ok) << report.problem << " at " << report.bad_seq;
  EXPECT_EQ(report.checked, k_threads * k_per_thread);
  for (int t = 0; t < k_threads; ++t) {
    AuditFilter f;
    f.user_id = "t" + std::to_string(t);
    f.limit = 1000;
    auto mine = must(db(), [&](Tx& tx) -> util::Result<std::vector<AuditEntry>> { return storage::list_audit(tx, f); });
    EXPECT_EQ(mine.value_or(std::vector<AuditEntry>{}).size(), static_cast<size_t>(k_per_thread));
  }
}

// --- transactions -----------------------------------------------------------

TEST_P(StorageContract, AnErrorRollsBackEverything) {
  seed_units();
  auto result = db().transact([](Tx& tx) -> util::Result<int> {
    storage::insert_unit(tx, unit("new", "/r/", std::string("r")));
    storage::insert_user(tx, user("u1", "alice", "new"));
    storage::append_audit(tx, entry(100, "u1", "user.create", "user", "u1"));
    storage::save_throttle(tx, {"account:alice", 1, 100, 0});
    return util::fail(util::Error::conflict("test.refused"));
  });
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::conflict);
  EXPECT_EQ(result.error().key, "test.refused") << "the work's own error is returned as is";

  must(db(), [](Tx& tx) -> util::Status {
    EXPECT_FALSE(storage::find_unit(tx, "new"));
    EXPECT_FALSE(storage::find_user(tx, "u1"));
    EXPECT_EQ(storage::count_users(tx), 0);
    EXPECT_FALSE(storage::find_throttle(tx, "account:alice"));
    EXPECT_TRUE(storage::list_audit(tx, AuditFilter{}).empty());
    return {};
  });
  auto report = verify();
  EXPECT_TRUE(report.ok) << "the audit head was rolled back with the entry";
  EXPECT_EQ(report.checked, 0);
  auto next = must(db(), [](Tx& tx) -> util::Result<AuditEntry> {
    return storage::append_audit(tx, entry(200, "u1", "user.read", "user", "u1"));
  });
  ASSERT_TRUE(next);
  EXPECT_EQ(next->seq, 1);
}

TEST_P(StorageContract, AnExceptionRollsBackAndBecomesUnavailable) {
  seed_units();
  auto result = db().transact([](Tx& tx) -> util::Status {
    storage::insert_unit(tx, unit("new", "/r/", std::string("r")));
    storage::append_audit(tx, entry(100, "u1", "unit.create", "unit", "new"));
    throw std::runtime_error("boom");
  });
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::unavailable);
  must(db(), [](Tx& tx) -> util::Status {
    EXPECT_FALSE(storage::find_unit(tx, "new"));
    EXPECT_TRUE(storage::list_audit(tx, AuditFilter{}).empty());
    return {};
  });
}

TEST_P(StorageContract, ASqlErrorBecomesUnavailable) {
  auto result = db().transact([](Tx& tx) -> util::Status {
    tx.sql() << "SELECT no_such_column FROM units";
    return {};
  });
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::unavailable);
}

TEST_P(StorageContract, AConnectionIsReusableAfterAFailedTransaction) {
  TestDatabase single(GetParam(), 1);
  storage::Database& one = single.db();
  auto thrown = one.transact([](Tx& tx) -> util::Status {
    storage::insert_unit(tx, unit("r", "/", std::nullopt, "region"));
    throw std::runtime_error("boom");
  });
  ASSERT_FALSE(thrown);
  auto violated = one.transact([](Tx& tx) -> util::Status {
    storage::insert_unit(tx, unit("r", "/", std::nullopt, "region"));
    storage::insert_unit(tx, unit("r", "/", std::nullopt, "region"));
    return {};
  });
  ASSERT_FALSE(violated);
  EXPECT_EQ(violated.error().code, ErrorCode::conflict);
  auto refused = one.transact([](Tx& tx) -> util::Status {
    storage::insert_unit(tx, unit("r", "/", std::nullopt, "region"));
    return util::fail(util::Error::invalid("test.refused"));
  });
  ASSERT_FALSE(refused);
  // The one connection is back to a clean state: a new transaction commits.
  auto ok = one.transact([](Tx& tx) -> util::Result<size_t> {
    storage::insert_unit(tx, unit("r", "/", std::nullopt, "region"));
    return storage::list_units_under(tx, "/").size();
  });
  ASSERT_TRUE(ok) << ok.error().key;
  EXPECT_EQ(*ok, 1U);
}

INSTANTIATE_TEST_SUITE_P(Backends, StorageContract, ::testing::ValuesIn(test_backends()),
                         [](const auto& info) { return backend_name(info.param); });

} // namespace
} // namespace patronage::testing
