// Reads are audited through the group commit (storage/audit_committer.hpp): the
// answer leaves only once its entry is durable, and a failed batch answers 503
// with no data. On both backends.
#include <gtest/gtest.h>

#include <soci/soci.h>

#include "support/test_server.hpp"

namespace patronage::testing {
namespace {

class HttpAuditGroupCommit : public ::testing::TestWithParam<storage::Backend> {};

long long audit_rows_of(storage::Database& db, const std::string& request_id) {
  auto count = db.transact([&](storage::Tx& tx) -> util::Result<long long> {
    long long n = 0;
    tx.sql() << "SELECT COUNT(*) FROM audit_log WHERE request_id = :r", soci::use(request_id), soci::into(n);
    return n;
  });
  return count.value_or(-1);
}

TEST_P(HttpAuditGroupCommit, AReadAnswersWithItsEntryStoredAndFailsWith503WhenTheBatchFails) {
  TestServer server(GetParam());
  const auto unit = server.add_unit("Region", "region");
  server.add_user("alice", "head", unit);
  TestClient client(server.port());
  ASSERT_EQ(client.login("alice").status, 200);

  const auto listed = client.get("/api/v1/cases");
  ASSERT_EQ(listed.status, 200) << listed.body;
  EXPECT_EQ(audit_rows_of(server.db(), listed.headers.at("x-request-id")), 1);

  // A row squatting on the next seq makes the next batch violate the primary key.
  ASSERT_TRUE(server.db().transact([](storage::Tx& tx) -> util::Status {
    long long seq = 0;
    tx.sql() << "SELECT seq FROM audit_head WHERE id = 1", soci::into(seq);
    const long long next = seq + 1;
    tx.sql() << "INSERT INTO audit_log (seq, at, user_id, action, entity, entity_id, address, request_id, details, "
                "prev_hash, hash) VALUES (:s, 0, '', 'squat', '', '', '', 'squat', '{}', '', '')",
        soci::use(next);
    return {};
  }));
  const auto refused = client.get("/api/v1/cases");
  EXPECT_EQ(refused.status, 503) << refused.body;
  EXPECT_EQ(refused.body.find("\"items\""), std::string::npos);
  EXPECT_EQ(audit_rows_of(server.db(), refused.headers.at("x-request-id")), 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, HttpAuditGroupCommit, ::testing::ValuesIn(test_backends()),
                         [](const auto& info) { return backend_name(info.param); });

} // namespace
} // namespace patronage::testing
