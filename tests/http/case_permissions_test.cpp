#include <gtest/gtest.h>

#include "http/lifecycle_fixture.hpp"

namespace patronage::testing {
namespace {

// Role × action × relation to the case (member, non-member of the same unit,
// other unit). Allowed actors get past the permission check (2xx, or 409 from
// a lifecycle rule); others get 403 when they may know the case exists and 404
// when they may not.
class CasePermissions : public ::testing::TestWithParam<storage::Backend> {};

struct Expectation {
  const char* login;
  int read;
  int write;
  int decide;
  int assign;
};

TEST_P(CasePermissions, MatrixHasNoLeak) {
  LifecycleWorld w(GetParam());
  w.add_family();
  auto spec = w.client("spec");
  auto head = w.client("head");
  const std::string id =
      text(spec.post_json("/api/v1/cases", R"({"household_id":")" + w.household + R"("})").json(), "id");
  const std::string path = "/api/v1/cases/" + id;
  const std::string team =
      R"({"experts":[")" + w.ids["expert"] + R"("],"volunteers":[")" + w.ids["volunteer"] + R"("]})";
  ASSERT_EQ(head.request("PUT", path + "/team", team, {{"Content-Type", "application/json"}}).status, 200);

  const std::string decision = R"({"body":"council","meeting_date":"2026-11-23","protocol_number":"5",)"
                               R"("members_present":["А. Б. Председатель"],"kind":"refer_elsewhere",)"
                               R"("grounds":"направить в центр занятости"})";
  const std::vector<Expectation> matrix{
      // login          read  write decide assign
      {"head",          200,  409,  201,   200},
      {"spec",          200,  409,  403,   403},
      {"spec2",         404,  404,  404,   404},
      {"expert",        200,  409,  403,   403},
      {"expert2",       404,  404,  404,   404},
      {"secretary",     200,  403,  201,   403},
      {"volunteer",     403,  403,  403,   403},
      {"volunteer2",    404,  404,  404,   404},
      {"coordinator",   404,  404,  404,   404},
      {"auditor",       404,  404,  404,   404},
      {"admin",         404,  404,  404,   404},
      {"other_head",    404,  404,  404,   404},
      {"other_spec",    404,  404,  404,   404},
  };
  for (const auto& row : matrix) {
    SCOPED_TRACE(row.login);
    auto client = w.client(row.login);
    auto read = client.get(path);
    EXPECT_EQ(read.status, row.read) << read.body;
    if (read.status != 200) {
      EXPECT_EQ(read.body.find(w.household), std::string::npos) << "a refused read leaks the record";
    }
    EXPECT_EQ(client.post_json(path + "/transitions", transition("active")).status, row.write);
    EXPECT_EQ(client.post_json(path + "/decisions", decision).status, row.decide);
    EXPECT_EQ(client.request("PUT", path + "/team", team, {{"Content-Type", "application/json"}}).status, row.assign);
    auto list = client.get("/api/v1/cases");
    ASSERT_EQ(list.status, 200);
    const bool listed = list.body.find(id) != std::string::npos;
    EXPECT_EQ(listed, row.read == 200) << "the case list must show exactly the readable cases";
  }
}

TEST_P(CasePermissions, EveryCaseReadIsAudited) {
  LifecycleWorld w(GetParam());
  w.add_family();
  auto spec = w.client("spec");
  const std::string id =
      text(spec.post_json("/api/v1/cases", R"({"household_id":")" + w.household + R"("})").json(), "id");
  ASSERT_EQ(spec.get("/api/v1/cases/" + id).status, 200);
  auto auditor = w.client("auditor");
  auto log = auditor.get("/api/v1/audit?entity=case&entity_id=" + id);
  ASSERT_EQ(log.status, 200);
  bool read_logged = false;
  const auto entries = log.json();
  for (const auto& entry : entries.at("items").as_array()) {
    read_logged = read_logged || (entry.at("action") == "case.read" && entry.at("user_id").as_string() == w.ids["spec"]);
  }
  EXPECT_TRUE(read_logged) << log.body;
}

INSTANTIATE_TEST_SUITE_P(Backends, CasePermissions, ::testing::ValuesIn(test_backends()),
                         [](const auto& info) { return backend_name(info.param); });

} // namespace
} // namespace patronage::testing
