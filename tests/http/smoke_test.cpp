#include <gtest/gtest.h>

#include "support/test_server.hpp"

namespace patronage::testing {

class HttpSmoke : public ::testing::TestWithParam<storage::Backend> {};

TEST_P(HttpSmoke, LoginThenMe) {
  TestServer server(GetParam());
  const auto unit = server.add_unit("Region", "region");
  server.add_user("alice", "head", unit);
  TestClient client(server.port());
  EXPECT_EQ(client.get("/api/v1/me").status, 401);
  ASSERT_EQ(client.login("alice").status, 200);
  auto me = client.get("/api/v1/me");
  ASSERT_EQ(me.status, 200);
  EXPECT_EQ(me.json().at("user").at("login").as_string(), "alice");
}

INSTANTIATE_TEST_SUITE_P(Backends, HttpSmoke, ::testing::ValuesIn(test_backends()),
                         [](const auto& info) { return backend_name(info.param); });

} // namespace patronage::testing
