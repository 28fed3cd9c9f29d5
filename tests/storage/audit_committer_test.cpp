// The audit group commit: entries of many submitters become one stretch of the
// chain, in submission order, and a failed batch stores nothing and reports the
// error to every submitter. Runs on every backend.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <future>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include <soci/soci.h>

#include "storage/audit.hpp"
#include "storage/audit_committer.hpp"
#include "storage/units.hpp"
#include "support/test_db.hpp"

namespace patronage::testing {
namespace {

using storage::AuditEntry;
using storage::Tx;

AuditEntry entry(const std::string& request_id, const std::string& action = "case.read") {
  AuditEntry e;
  e.at = 1000;
  e.user_id = "u1";
  e.action = action;
  e.entity = "case";
  e.entity_id = "c1";
  e.address = "10.0.0.1";
  e.request_id = request_id;
  return e;
}

class AuditCommitterTest : public ::testing::TestWithParam<storage::Backend> {
protected:
  AuditCommitterTest() : m_test_db(GetParam(), 8) {}
  storage::Database& db() { return m_test_db.db(); }

  std::vector<AuditEntry> all() {
    auto listed = db().transact([](Tx& tx) -> util::Result<std::vector<AuditEntry>> {
      storage::AuditFilter filter;
      filter.limit = 1000;
      auto out = storage::list_audit(tx, filter);
      std::reverse(out.begin(), out.end());
      return out;
    });
    EXPECT_TRUE(listed.has_value());
    return listed.value_or(std::vector<AuditEntry>{});
  }

  storage::AuditVerification verify() {
    return db()
        .transact([](Tx& tx) -> util::Result<storage::AuditVerification> { return storage::verify_audit(tx); })
        .value_or(storage::AuditVerification{false, 0, 0, "unavailable"});
  }

  TestDatabase m_test_db;
};

TEST_P(AuditCommitterTest, CommitsInSubmissionOrderAndTheChainVerifies) {
  storage::AuditCommitter committer(db());
  ASSERT_TRUE(committer.commit({entry("r1"), entry("r2")}));
  ASSERT_TRUE(committer.commit({entry("r3")}));
  const auto entries = all();
  ASSERT_EQ(entries.size(), 3U);
  EXPECT_EQ(entries[0].request_id, "r1");
  EXPECT_EQ(entries[1].request_id, "r2");
  EXPECT_EQ(entries[2].request_id, "r3");
  EXPECT_EQ(entries[2].seq, 3);
  const auto report = verify();
  EXPECT_TRUE(report.ok) << report.problem;
  EXPECT_EQ(report.checked, 3);
}

TEST_P(AuditCommitterTest, ManyConcurrentSubmittersShareBatchesAndKeepEachSubmissionTogether) {
  storage::AuditCommitter committer(db());
  constexpr int k_threads = 6;
  constexpr int k_per_thread = 40;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < k_threads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < k_per_thread; ++i) {
        const std::string id = "t" + std::to_string(t) + "-" + std::to_string(i);
        if (!committer.commit({entry(id + "a"), entry(id + "b")})) {
          ++failures;
        }
      }
    });
  }
  for (auto& thread : threads) {
    thread.join();
  }
  EXPECT_EQ(failures, 0);
  const auto entries = all();
  ASSERT_EQ(entries.size(), size_t{k_threads * k_per_thread * 2});
  // The two entries of one submission are neighbours, "a" before "b"; each
  // thread's submissions appear in the order it made them.
  std::map<std::string, long long> last_of_thread;
  for (size_t i = 0; i + 1 < entries.size(); i += 2) {
    const std::string& first = entries[i].request_id;
    const std::string id = first.substr(0, first.size() - 1);
    EXPECT_EQ(first, id + "a");
    EXPECT_EQ(entries[i + 1].request_id, id + "b");
    const std::string thread = id.substr(0, id.find('-'));
    const long long n = std::stoll(id.substr(id.find('-') + 1));
    if (last_of_thread.contains(thread)) {
      EXPECT_LT(last_of_thread[thread], n);
    }
    last_of_thread[thread] = n;
  }
  const auto report = verify();
  EXPECT_TRUE(report.ok) << report.problem << " at " << report.bad_seq;
  EXPECT_LE(committer.batches(), k_threads * k_per_thread);
}

TEST_P(AuditCommitterTest, InterleavesWithEntriesAppendedInsideWriteTransactions) {
  storage::AuditCommitter committer(db());
  std::thread writer([&] {
    for (int i = 0; i < 30; ++i) {
      ASSERT_TRUE(db().transact([i](Tx& tx) -> util::Status {
        storage::append_audit(tx, entry("w" + std::to_string(i), "unit.create"));
        return {};
      }));
    }
  });
  for (int i = 0; i < 30; ++i) {
    ASSERT_TRUE(committer.commit({entry("r" + std::to_string(i))}));
  }
  writer.join();
  EXPECT_EQ(all().size(), 60U);
  const auto report = verify();
  EXPECT_TRUE(report.ok) << report.problem << " at " << report.bad_seq;
}

TEST_P(AuditCommitterTest, AFailedBatchStoresNothingAndEverySubmitterGetsTheError) {
  storage::AuditCommitter committer(db());
  ASSERT_TRUE(committer.commit({entry("ok")}));
  // A row squatting on the next seq (the head does not know it) makes the
  // next batch's insert violate the primary key.
  ASSERT_TRUE(db().transact([](Tx& tx) -> util::Status {
    tx.sql() << "INSERT INTO audit_log (seq, at, user_id, action, entity, entity_id, address, request_id, details, "
                "prev_hash, hash) VALUES (2, 0, '', 'squat', '', '', '', 'squat', '{}', '', '')";
    return {};
  }));
  std::promise<util::Status> first;
  std::promise<util::Status> second;
  committer.submit({entry("lost1")}, [&](util::Status s) { first.set_value(std::move(s)); });
  committer.submit({entry("lost2")}, [&](util::Status s) { second.set_value(std::move(s)); });
  const auto one = first.get_future().get();
  const auto two = second.get_future().get();
  EXPECT_FALSE(one);
  EXPECT_FALSE(two);
  for (const auto& e : all()) {
    EXPECT_NE(e.request_id, "lost1");
    EXPECT_NE(e.request_id, "lost2");
  }
  // The head did not move: the chain up to the squatter is what was committed.
  auto head = db().transact([](Tx& tx) -> util::Result<long long> {
    long long seq = 0;
    tx.sql() << "SELECT seq FROM audit_head WHERE id = 1", soci::into(seq);
    return seq;
  });
  ASSERT_TRUE(head);
  EXPECT_EQ(*head, 1);
}

// Concurrent write transactions (on SQLite they share commits): each one's
// refusal or constraint violation undoes only its own changes, and every
// acknowledged one is stored with its audit entry.
TEST_P(AuditCommitterTest, ConcurrentWritesFailAloneAndTheAcknowledgedOnesAreStored) {
  constexpr int k_threads = 8;
  constexpr int k_per_thread = 30;
  std::atomic<int> acknowledged{0};
  std::atomic<int> conflicts{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < k_threads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < k_per_thread; ++i) {
        const std::string id = "u" + std::to_string(t) + "x" + std::to_string(i);
        const bool refuse = i % 7 == 3;
        const bool duplicate = i % 11 == 5;
        auto done = db().transact([&](Tx& tx) -> util::Status {
          storage::insert_unit(tx, {id, std::nullopt, "Unit " + id, "region", "/" + id + "/", 1});
          storage::append_audit(tx, entry(id, "unit.create"));
          if (duplicate) {
            storage::insert_unit(tx, {id, std::nullopt, "Unit " + id, "region", "/" + id + "/", 1});
          }
          if (refuse) {
            return util::fail(util::Error::invalid("test.refused"));
          }
          return {};
        });
        if (done) {
          ++acknowledged;
        } else if (done.error().code == util::ErrorCode::conflict) {
          ++conflicts;
        }
      }
    });
  }
  for (auto& thread : threads) {
    thread.join();
  }
  int expected = 0;
  int expected_conflicts = 0;
  for (int i = 0; i < k_per_thread; ++i) {
    expected += (i % 7 != 3 && i % 11 != 5) ? 1 : 0;
    expected_conflicts += i % 11 == 5 ? 1 : 0;
  }
  EXPECT_EQ(acknowledged, expected * k_threads);
  EXPECT_EQ(conflicts, expected_conflicts * k_threads);
  auto stored = db().transact([](Tx& tx) -> util::Result<size_t> { return storage::list_units_under(tx, "/").size(); });
  ASSERT_TRUE(stored);
  EXPECT_EQ(*stored, size_t(expected * k_threads));
  EXPECT_EQ(all().size(), size_t(expected * k_threads));
  const auto report = verify();
  EXPECT_TRUE(report.ok) << report.problem << " at " << report.bad_seq;
}

TEST_P(AuditCommitterTest, ANestedWriteTransactionFailsInsteadOfWaitingForItself) {
  if (GetParam() != storage::Backend::sqlite) {
    GTEST_SKIP() << "PostgreSQL runs nested transactions on separate connections";
  }
  auto outer = db().transact([&](Tx&) -> util::Result<bool> {
    auto inner = db().transact([](Tx&) -> util::Status { return {}; });
    return inner.has_value();
  });
  ASSERT_TRUE(outer);
  EXPECT_FALSE(*outer);
}

INSTANTIATE_TEST_SUITE_P(Backends, AuditCommitterTest, ::testing::ValuesIn(test_backends()),
                         [](const auto& info) { return backend_name(info.param); });

} // namespace
} // namespace patronage::testing
