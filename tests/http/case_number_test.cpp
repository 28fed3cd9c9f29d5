// Issue 13, points 1 and 8 over HTTP: case numbers in views, lists and the search; the triage's attach outcome and
// the 409 for a family with an open case naming the case number.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "support/test_server.hpp"

namespace patronage::testing {
namespace {

class HttpCaseNumber : public ::testing::TestWithParam<storage::Backend> {
protected:
  HttpCaseNumber() : server(GetParam()) {
    region = server.add_unit("Region", "region");
    dept = server.add_unit("Department", "department", region);
    server.add_user("head", "head", dept);
  }

  TestClient signed_in(const std::string& login) {
    TestClient client(server.port());
    EXPECT_EQ(client.login(login).status, 200);
    return client;
  }

  static HttpResult send(TestClient& client, const std::string& method, const std::string& target,
                         const boost::json::value& body) {
    return client.request(method, target, boost::json::serialize(body), {{"Content-Type", "application/json"}});
  }

  static std::string text(const boost::json::value& json, const char* key) {
    return std::string(json.at(key).as_string());
  }

  // A household with Olga and its open case; returns the case's JSON.
  boost::json::value olga_case(TestClient& client) {
    auto household = send(client, "POST", "/api/v1/households",
                          {{"address", "г. Самара, ул. Победы, д. 86, кв. 3"}, {"phone", ""}, {"categories", boost::json::array{}}});
    EXPECT_EQ(household.status, 201) << household.body;
    const auto household_id = text(household.json(), "id");
    auto person = send(client, "POST", "/api/v1/households/" + household_id + "/persons",
                       {{"last_name", "Щербакова"},
                        {"first_name", "Ольга"},
                        {"patronymic", "Ивановна"},
                        {"birth_date", "1985-03-14"},
                        {"sex", "female"},
                        {"household_role", "mother"}});
    EXPECT_EQ(person.status, 201) << person.body;
    auto opened = send(client, "POST", "/api/v1/cases", {{"household_id", household_id}});
    EXPECT_EQ(opened.status, 201) << opened.body;
    return opened.json();
  }

  boost::json::value signal_about_olga(TestClient& client) {
    auto created = send(client, "POST", "/api/v1/signals",
                        {{"received_at", "2026-11-23T08:00:00Z"},
                         {"source", "school"},
                         {"reported", "Hungry at school"},
                         {"address", "г. Самара, ул. Победы, д. 86, кв. 3"},
                         {"persons", boost::json::array{{{"last_name", "Щербакова"},
                                                         {"first_name", "Ольга"},
                                                         {"patronymic", "Ивановна"},
                                                         {"birth_date", "1985-03-14"}}}},
                         {"urgency", "urgent"}});
    EXPECT_EQ(created.status, 201) << created.body;
    return created.json();
  }

  TestServer server;
  std::string region, dept;
};

TEST_P(HttpCaseNumber, NumberAndFamilyNameAreShownAndFindTheCase) {
  auto head = signed_in("head");
  const auto opened = olga_case(head);
  EXPECT_EQ(text(opened, "number"), "2026-0001");
  const auto id = text(opened, "id");
  auto view = head.get("/api/v1/cases/" + id);
  ASSERT_EQ(view.status, 200);
  EXPECT_EQ(text(view.json(), "number"), "2026-0001");
  EXPECT_EQ(text(view.json(), "family_name"), "Щербакова");

  auto listed = head.get("/api/v1/cases?number=2026-1");
  ASSERT_EQ(listed.status, 200) << listed.body;
  ASSERT_EQ(listed.json().at("items").as_array().size(), 1U);
  EXPECT_EQ(text(listed.json().at("items").as_array()[0], "id"), id);
  EXPECT_TRUE(head.get("/api/v1/cases?number=2026-0002").json().at("items").as_array().empty());
  auto bad = head.get("/api/v1/cases?number=abc");
  EXPECT_EQ(bad.status, 422);
  EXPECT_NE(bad.body.find("case.number_invalid"), std::string::npos) << bad.body;

  auto found = head.get("/api/v1/search?q=2026-0001");
  ASSERT_EQ(found.status, 200) << found.body;
  ASSERT_EQ(found.json().at("items").as_array().size(), 1U);
  const auto& hit = found.json().at("items").as_array()[0];
  EXPECT_EQ(text(hit, "case_id"), id);
  EXPECT_EQ(text(hit, "case_number"), "2026-0001");
  EXPECT_EQ(text(hit, "matched_field"), "case_number");
}

// Issue 13 point 10: the case list carries what its filters need, the household's categories and the level of the
// latest needs assessment (the same as on the case page), to those who read the family's records only.
TEST_P(HttpCaseNumber, ListCarriesCategoriesAndTheRiskLevelOfTheCasePage) {
  server.add_user("secretary", "secretary", dept);
  auto head = signed_in("head");
  auto household = send(head, "POST", "/api/v1/households",
                        {{"address", "г. Самара, ул. Луговая, д. 5"},
                         {"phone", ""},
                         {"categories", boost::json::array{"large_family", "low_income"}}});
  ASSERT_EQ(household.status, 201) << household.body;
  auto opened = send(head, "POST", "/api/v1/cases", {{"household_id", text(household.json(), "id")}});
  ASSERT_EQ(opened.status, 201) << opened.body;
  const auto id = text(opened.json(), "id");
  const auto listed = [&](TestClient& client) {
    auto list = client.get("/api/v1/cases");
    EXPECT_EQ(list.status, 200) << list.body;
    for (const auto& item : list.json().at("items").as_array()) {
      if (item.at("id") == id.c_str()) {
        return item;
      }
    }
    ADD_FAILURE() << "case not listed: " << list.body;
    return boost::json::value{};
  };
  auto before = listed(head);
  EXPECT_EQ(before.at("categories"), (boost::json::array{"large_family", "low_income"}));
  EXPECT_TRUE(before.at("risk_level").is_null());

  ASSERT_EQ(send(head, "POST", "/api/v1/cases/" + id + "/transitions", {{"to", "assessment"}, {"reason", "обследование"}})
                .status,
            200);
  boost::json::array scores;
  for (const char* domain : {"child_safety", "health", "housing", "income", "employment", "parenting", "addiction",
                             "violence", "social_ties", "education"}) {
    scores.push_back({{"domain", domain}, {"score", 3}, {"note", "замечание"}});
  }
  auto assessed = send(head, "POST", "/api/v1/cases/" + id + "/assessments",
                       {{"kind", "needs"}, {"date", "2026-11-20"}, {"data", {{"scores", std::move(scores)}}}});
  ASSERT_EQ(assessed.status, 201) << assessed.body;
  auto page = head.get("/api/v1/cases/" + id);
  ASSERT_EQ(page.status, 200);
  const auto& level = page.json().at("risk").at("level");
  EXPECT_EQ(listed(head).at("risk_level"), level);

  auto secretary = signed_in("secretary");
  auto list = secretary.get("/api/v1/cases");
  ASSERT_EQ(list.status, 200) << list.body;
  for (const auto& item : list.json().at("items").as_array()) {
    EXPECT_TRUE(item.at("categories").as_array().empty()) << list.body;
    EXPECT_TRUE(item.at("risk_level").is_null()) << list.body;
  }
}

TEST_P(HttpCaseNumber, TriageOffersTheOpenCaseAttachesToItAndNamesItsNumberIn409) {
  auto head = signed_in("head");
  const auto opened = olga_case(head);
  const auto case_id = text(opened, "id");
  const auto signal = signal_about_olga(head);
  const auto& open_cases = signal.at("open_cases").as_array();
  ASSERT_EQ(open_cases.size(), 1U) << boost::json::serialize(signal);
  EXPECT_EQ(text(open_cases[0], "case_id"), case_id);
  EXPECT_EQ(text(open_cases[0], "number"), "2026-0001");
  const auto signal_id = text(signal, "id");

  // Opening the family's case again: a problem naming the case number and id (for a link).
  auto conflict = send(head, "POST", "/api/v1/signals/" + signal_id + "/triage",
                       {{"outcome", "open_case"}, {"reason", "x"}, {"household_id", text(opened, "household_id")}});
  ASSERT_EQ(conflict.status, 409) << conflict.body;
  EXPECT_EQ(text(conflict.json(), "type"), "urn:patronage:problem:case.already_open");
  EXPECT_EQ(text(conflict.json().at("params"), "case_number"), "2026-0001");
  EXPECT_EQ(text(conflict.json().at("params"), "case_id"), case_id);
  EXPECT_NE(text(conflict.json(), "detail").find("2026-0001"), std::string::npos) << conflict.body;

  auto no_case = send(head, "POST", "/api/v1/signals/" + signal_id + "/triage",
                      {{"outcome", "attach"}, {"reason", "Same family"}});
  EXPECT_EQ(no_case.status, 422) << no_case.body;
  auto attached = send(head, "POST", "/api/v1/signals/" + signal_id + "/triage",
                       {{"outcome", "attach"}, {"reason", "Same family"}, {"case_id", case_id}});
  ASSERT_EQ(attached.status, 200) << attached.body;
  EXPECT_EQ(text(attached.json().at("triage"), "outcome"), "attach");
  EXPECT_EQ(text(attached.json().at("triage"), "case_id"), case_id);
  auto view = head.get("/api/v1/cases/" + case_id);
  ASSERT_EQ(view.status, 200);
  const auto& signals = view.json().at("signals").as_array();
  ASSERT_EQ(signals.size(), 1U);
  EXPECT_EQ(text(signals[0], "id"), signal_id);
  EXPECT_EQ(text(signals[0], "outcome"), "attach");
}

INSTANTIATE_TEST_SUITE_P(Backends, HttpCaseNumber, ::testing::ValuesIn(test_backends()),
                         [](const auto& info) { return backend_name(info.param); });

} // namespace
} // namespace patronage::testing
