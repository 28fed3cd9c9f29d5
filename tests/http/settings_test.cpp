// GET /api/v1/settings: the configuration in effect, read-only, for the admin only, audited. On both backends.
#include <gtest/gtest.h>

#include <soci/soci.h>

#include "support/test_server.hpp"

namespace patronage::testing {
namespace {

class HttpSettings : public ::testing::TestWithParam<storage::Backend> {};

long long audit_rows(storage::Database& db, const std::string& action) {
  auto count = db.transact([&](storage::Tx& tx) -> util::Result<long long> {
    long long n = 0;
    tx.sql() << "SELECT COUNT(*) FROM audit_log WHERE action = :a", soci::use(action), soci::into(n);
    return n;
  });
  return count.value_or(-1);
}

TEST_P(HttpSettings, TheAdminReadsEveryKeyWithValueDefaultSourceAndMeaning) {
  TestServer server(GetParam());
  server.settings().listing = {{"lifecycle.intensive_limit", "1", "2", "file"},
                               {"signals.emergency_response_hours", "24", "24", "default"}};
  const auto region = server.add_unit("Region", "region");
  const auto centre = server.add_unit("Centre", "institution", region);
  server.add_user("admin", "admin", region);
  server.add_user("head", "head", centre);
  server.add_user("auditor", "auditor", region);

  TestClient admin(server.port());
  ASSERT_EQ(admin.login("admin").status, 200);
  const auto read = admin.get("/api/v1/settings");
  ASSERT_EQ(read.status, 200) << read.body;
  const auto& items = read.json().at("items").as_array();
  ASSERT_EQ(items.size(), 2U);
  EXPECT_EQ(items[0].at("key").as_string(), "lifecycle.intensive_limit");
  EXPECT_EQ(items[0].at("value").as_string(), "1");
  EXPECT_EQ(items[0].at("default").as_string(), "2");
  EXPECT_EQ(items[0].at("source").as_string(), "file");
  EXPECT_EQ(items[0].at("meaning").as_string(),
            "Сколько семей на интенсивном патронаже один специалист может вести одновременно");
  EXPECT_EQ(audit_rows(server.db(), "settings.read"), 1);

  admin.language() = "en";
  const auto english = admin.get("/api/v1/settings");
  ASSERT_EQ(english.status, 200);
  EXPECT_EQ(english.json().at("items").at(1).at("meaning").as_string(),
            "An emergency signal is answered with a visit within this many hours");

  // Read-only: there is no route that changes a setting.
  EXPECT_EQ(admin.request("PUT", "/api/v1/settings", "{}", {{"Content-Type", "application/json"}}).status, 405);

  for (const char* login : {"head", "auditor"}) {
    TestClient other(server.port());
    ASSERT_EQ(other.login(login).status, 200);
    EXPECT_EQ(other.get("/api/v1/settings").status, 403) << login;
  }
  TestClient anonymous(server.port());
  EXPECT_EQ(anonymous.get("/api/v1/settings").status, 401);
  EXPECT_EQ(audit_rows(server.db(), "settings.read"), 2);
}

INSTANTIATE_TEST_SUITE_P(Backends, HttpSettings, ::testing::ValuesIn(test_backends()),
                         [](const auto& info) { return backend_name(info.param); });

} // namespace
} // namespace patronage::testing
