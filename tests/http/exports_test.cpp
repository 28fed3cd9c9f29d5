// Issue 8: list exports, the audit log export, personal-data export and erasure, on both backends.
#include <gtest/gtest.h>

#include <soci/soci.h>

#include "http/lifecycle_fixture.hpp"
#include "support/problems.hpp"

namespace patronage::testing {
namespace {

class Exports : public ::testing::TestWithParam<storage::Backend> {};

std::string header(const HttpResult& r, const std::string& name) {
  auto it = r.headers.find(name);
  return it == r.headers.end() ? "" : it->second;
}

void sql(LifecycleWorld& w, const std::string& statement, const std::string& value) {
  auto done = w.server.db().transact([&](storage::Tx& tx) -> util::Status {
    tx.sql() << statement, soci::use(value);
    return {};
  });
  ASSERT_TRUE(done);
}

TEST_P(Exports, HeadDownloadsTheListsOfTheirSubtreeAsCsvAndXlsx) {
  LifecycleWorld w(GetParam());
  w.add_family();
  auto head = w.client("head");

  auto csv = head.get("/api/v1/exports/households?format=csv");
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_EQ(header(csv, "content-type"), "text/csv; charset=utf-8");
  EXPECT_EQ(header(csv, "content-disposition"), "attachment; filename=\"households-2026-11-23.csv\"");
  EXPECT_EQ(header(csv, "x-row-count"), "2") << "a row per member";
  EXPECT_EQ(csv.body.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_NE(csv.body.find("Адрес"), std::string::npos) << "translated header row";
  EXPECT_NE(csv.body.find("\"г. Энск, ул. Ленина, д. 1\""), std::string::npos) << csv.body;
  EXPECT_NE(csv.body.find(w.household), std::string::npos);

  auto xlsx = head.get("/api/v1/exports/households?format=xlsx&unit=" + w.department);
  ASSERT_EQ(xlsx.status, 200) << xlsx.body;
  EXPECT_EQ(xlsx.body.substr(0, 2), "PK");
  EXPECT_EQ(header(xlsx, "x-row-count"), "2");

  // Every list answers, also empty ones; the period filters.
  for (const char* list : {"cases", "visits", "services"}) {
    auto r = head.get(std::string("/api/v1/exports/") + list + "?format=csv&from=2026-01-01&to=2026-12-31");
    EXPECT_EQ(r.status, 200) << list << r.body;
    EXPECT_EQ(header(r, "x-row-count"), "0") << list;
  }
  auto outside = head.get("/api/v1/exports/households?format=csv&from=2027-01-01");
  ASSERT_EQ(outside.status, 200);
  EXPECT_EQ(header(outside, "x-row-count"), "0");

  // One audit entry per export, with the row count.
  auto admin = w.client("auditor");
  auto log = admin.get("/api/v1/audit?entity=unit&limit=10");
  ASSERT_EQ(log.status, 200) << log.body;
  EXPECT_NE(log.body.find("export.households"), std::string::npos) << log.body;
  EXPECT_NE(log.body.find("rows\\\":2"), std::string::npos) << log.body;
}

// Issue 13 point 14: exports name states and categories in the words of the reports and the web app, not codes;
// a member's sex and role in the words an import reads back (issue 18).
TEST_P(Exports, StatesAndCategoriesAreWrittenInWords) {
  LifecycleWorld w(GetParam());
  w.add_family();
  auto head = w.client("head");
  ASSERT_EQ(head.request("PATCH", "/api/v1/households/" + w.household, R"({"categories":["large_family"],"version":1})",
                         {{"Content-Type", "application/json"}})
                .status,
            200);
  ASSERT_EQ(head.post_json("/api/v1/cases", R"({"household_id":")" + w.household + R"("})").status, 201);
  auto households = head.get("/api/v1/exports/households?format=csv");
  ASSERT_EQ(households.status, 200) << households.body;
  EXPECT_NE(households.body.find("Многодетная"), std::string::npos) << households.body;
  EXPECT_EQ(households.body.find("large_family"), std::string::npos) << households.body;
  EXPECT_NE(households.body.find(",Женский,Мать,"), std::string::npos) << households.body;
  EXPECT_NE(households.body.find(",Мужской,Ребёнок,"), std::string::npos) << households.body;
  auto cases = head.get("/api/v1/exports/cases?format=csv");
  ASSERT_EQ(cases.status, 200) << cases.body;
  EXPECT_NE(cases.body.find(",Сигнал,"), std::string::npos) << cases.body;
  auto english = head.request("GET", "/api/v1/exports/cases?format=csv", "", {{"Accept-Language", "en"}});
  EXPECT_NE(english.body.find(",Signal,"), std::string::npos) << english.body;
}

TEST_P(Exports, BadInputAndOtherRolesAreRefused) {
  LifecycleWorld w(GetParam());
  w.add_family();
  auto head = w.client("head");
  EXPECT_EQ(head.get("/api/v1/exports/households?format=pdf").status, 422);
  EXPECT_EQ(head.get("/api/v1/exports/people?format=csv").status, 404);
  auto bad_date = head.get("/api/v1/exports/cases?format=csv&from=2026-13-01");
  EXPECT_EQ(bad_date.status, 422) << bad_date.body;
  EXPECT_NE(bad_date.body.find("\"from\""), std::string::npos) << bad_date.body;
  EXPECT_EQ(head.get("/api/v1/exports/cases?format=csv&from=2026-12-01&to=2026-11-01").status, 422);
  // A unit outside the head's subtree is not found.
  auto other = head.get("/api/v1/exports/households?format=csv&unit=" + w.other_centre);
  EXPECT_EQ(other.status, 404) << other.body;
  // Nobody but heads exports family lists; auditors get aggregates and the audit log only.
  for (const char* login : {"spec", "auditor", "admin", "secretary", "coordinator", "volunteer"}) {
    auto client = w.client(login);
    EXPECT_EQ(client.get("/api/v1/exports/households?format=csv").status, 403) << login;
  }
  auto anonymous = TestClient(w.server.port()).get("/api/v1/exports/households?format=csv");
  EXPECT_EQ(anonymous.status, 401);
}

TEST_P(Exports, AuditorsFilterAndDownloadTheAuditLogOfTheirSubtree) {
  LifecycleWorld w(GetParam());
  w.add_family();
  auto head = w.client("head");
  ASSERT_EQ(head.get("/api/v1/households/" + w.household).status, 200);
  const std::string centre_auditor = w.server.add_user("centre_auditor", "auditor", w.centre);
  auto other_head = w.client("other_head");
  ASSERT_EQ(other_head.get("/api/v1/units").status, 200);

  auto auditor = w.client("auditor");
  auto by_record = auditor.get("/api/v1/audit?entity=household&entity_id=" + w.household);
  ASSERT_EQ(by_record.status, 200) << by_record.body;
  EXPECT_EQ(by_record.json().at("items").as_array().size(), 1U) << by_record.body;
  auto by_user = auditor.get("/api/v1/audit?user_id=" + w.ids["head"] + "&from=2026-11-23T00:00:00Z");
  ASSERT_EQ(by_user.status, 200);
  const auto by_user_json = by_user.json();
  for (const auto& item : by_user_json.at("items").as_array()) {
    EXPECT_EQ(item.at("user_id").as_string(), w.ids["head"]);
  }
  EXPECT_EQ(auditor.get("/api/v1/audit?from=yesterday").status, 422);

  auto csv = auditor.get("/api/v1/audit?format=csv&entity=household");
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_EQ(header(csv, "content-disposition"), "attachment; filename=\"audit-2026-11-23.csv\"");
  EXPECT_NE(csv.body.find("household.read"), std::string::npos) << csv.body;
  auto xlsx = auditor.get("/api/v1/audit?format=xlsx");
  ASSERT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.body.substr(0, 2), "PK");
  EXPECT_EQ(auditor.get("/api/v1/audit?format=html").status, 422);

  // An auditor of the centre sees the entries of the centre's staff, not of the other centre.
  auto scoped = w.client("centre_auditor");
  auto mine = scoped.get("/api/v1/audit?limit=1000");
  ASSERT_EQ(mine.status, 200) << mine.body;
  bool saw_head = false;
  const auto mine_json = mine.json();
  for (const auto& item : mine_json.at("items").as_array()) {
    EXPECT_NE(item.at("user_id").as_string(), w.ids["other_head"]) << mine.body;
    saw_head = saw_head || item.at("user_id").as_string() == w.ids["head"];
  }
  EXPECT_TRUE(saw_head);
  // The download holds the same subtree: the centre's head, never the other centre's.
  auto exported = scoped.get("/api/v1/audit?format=csv");
  ASSERT_EQ(exported.status, 200) << exported.body;
  EXPECT_NE(exported.body.find(w.ids["head"]), std::string::npos);
  EXPECT_EQ(exported.body.find(w.ids["other_head"]), std::string::npos) << exported.body;
  (void)centre_auditor;

  for (const char* login : {"head", "spec"}) {
    EXPECT_EQ(w.client(login).get("/api/v1/audit?format=csv").status, 403) << login;
  }
}

TEST_P(Exports, APersonsDataIsExportedToTheHeadOnly) {
  LifecycleWorld w(GetParam());
  w.add_family();
  auto spec = w.client("spec");
  auto opened = spec.post_json("/api/v1/cases", R"({"household_id":")" + w.household + R"("})");
  ASSERT_EQ(opened.status, 201) << opened.body;
  auto head = w.client("head");

  auto json = head.get("/api/v1/persons/" + w.mother + "/export");
  ASSERT_EQ(json.status, 200) << json.body;
  auto body = json.json();
  const auto& person = body.at("person").as_array().at(0);
  EXPECT_EQ(person.at("last_name").as_string(), "Иванова");
  EXPECT_EQ(person.at("first_name").as_string(), "Анна");
  EXPECT_EQ(person.at("birth_date").as_string(), "1990-01-01");
  EXPECT_TRUE(person.as_object().contains("health")) << "heads read sensitive fields";
  EXPECT_EQ(body.at("household").as_array().at(0).at("address").as_string(), "г. Энск, ул. Ленина, д. 1");
  EXPECT_EQ(body.at("cases").as_array().size(), 1U);
  EXPECT_TRUE(body.at("consents").is_array());
  EXPECT_TRUE(body.at("history").is_array());

  auto xlsx = head.get("/api/v1/persons/" + w.mother + "/export?format=xlsx");
  ASSERT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.body.substr(0, 2), "PK");
  EXPECT_EQ(head.get("/api/v1/persons/" + w.mother + "/export?format=csv").status, 422);
  EXPECT_EQ(head.get("/api/v1/persons/nope/export").status, 404);

  // The case's own specialist may read the family but not answer a personal-data request.
  EXPECT_EQ(spec.get("/api/v1/persons/" + w.mother + "/export").status, 403);
  for (const char* login : {"other_head", "auditor", "admin", "volunteer", "spec2"}) {
    EXPECT_EQ(w.client(login).get("/api/v1/persons/" + w.mother + "/export").status, 404) << login;
  }
  auto auditor = w.client("auditor");
  auto log = auditor.get("/api/v1/audit?entity=person&entity_id=" + w.mother);
  EXPECT_NE(log.body.find("person.export"), std::string::npos) << log.body;
}

TEST_P(Exports, ErasureWaitsForTheCaseToCloseThenRemovesTheNameEverywhere) {
  LifecycleWorld w(GetParam());
  w.add_family();
  sql(w, "UPDATE households SET notes = :n", std::string("Пётр часто пропускает школу; Анна работает"));
  auto spec = w.client("spec");
  auto patch = spec.request("PATCH", "/api/v1/persons/" + w.child, R"({"version":1,"school":"Школа № 5"})",
                            {{"Content-Type", "application/json"}});
  ASSERT_EQ(patch.status, 200) << patch.body;
  auto opened = spec.post_json("/api/v1/cases", R"({"household_id":")" + w.household + R"("})");
  ASSERT_EQ(opened.status, 201) << opened.body;
  const std::string case_id = text(opened.json(), "id");
  auto head = w.client("head");

  auto found = head.get("/api/v1/search?q=" + encoded("Пётр"));
  ASSERT_EQ(found.status, 200) << found.body;
  EXPECT_NE(found.body.find(w.child), std::string::npos) << found.body;

  const std::string erase = "/api/v1/persons/" + w.child + "/erase";
  auto refused = head.post_json(erase, R"({"reason":"заявление законного представителя"})");
  EXPECT_EQ(refused.status, 409) << refused.body;
  EXPECT_EQ(type_of(refused), "urn:patronage:problem:person.erase_case_open");
  EXPECT_NE(refused.body.find(case_id), std::string::npos) << refused.body;

  sql(w, "UPDATE cases SET state = 'closed' WHERE id = :c", case_id);
  EXPECT_EQ(head.post_json(erase, R"({"reason":"  "})").status, 422);
  EXPECT_EQ(head.post_json(erase, R"({})").status, 422);
  for (const char* login : {"spec", "auditor", "admin"}) {
    auto r = w.client(login).post_json(erase, R"({"reason":"r"})");
    EXPECT_TRUE(r.status == 403 || r.status == 404) << login << " " << r.status;
  }
  EXPECT_EQ(w.client("other_head").post_json(erase, R"({"reason":"r"})").status, 404);

  auto done = head.post_json(erase, R"({"reason":"заявление законного представителя"})");
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_EQ(head.post_json(erase, R"({"reason":"again"})").status, 409);

  // The name is gone from the household, its members, its notes and its history; counts stay.
  auto household = head.get("/api/v1/households/" + w.household);
  ASSERT_EQ(household.status, 200);
  EXPECT_EQ(household.body.find("Пётр"), std::string::npos) << household.body;
  EXPECT_EQ(household.body.find("Школа № 5"), std::string::npos) << household.body;
  EXPECT_EQ(household.body.find("2015-05-05"), std::string::npos) << household.body;
  EXPECT_NE(household.body.find("Анна"), std::string::npos) << "the mother keeps her name";
  EXPECT_EQ(household.json().at("members").as_array().size(), 2U);
  auto history = head.get("/api/v1/households/" + w.household + "/history");
  ASSERT_EQ(history.status, 200);
  EXPECT_EQ(history.body.find("Пётр"), std::string::npos) << history.body;
  EXPECT_EQ(history.body.find("Школа № 5"), std::string::npos) << history.body;
  auto searched = head.get("/api/v1/search?q=" + encoded("Пётр"));
  ASSERT_EQ(searched.status, 200) << searched.body;
  EXPECT_EQ(searched.body.find(w.child), std::string::npos) << searched.body;
  auto exported = head.get("/api/v1/persons/" + w.child + "/export");
  ASSERT_EQ(exported.status, 200);
  EXPECT_EQ(exported.body.find("Пётр"), std::string::npos) << exported.body;
  EXPECT_EQ(exported.json().at("person").as_array().at(0).at("birth_date").as_string(), "2015-01-01");
  auto list = head.get("/api/v1/exports/households?format=csv");
  EXPECT_EQ(header(list, "x-row-count"), "2") << "still two members: " << list.body;
  EXPECT_EQ(list.body.find("Пётр"), std::string::npos) << list.body;
  EXPECT_NE(list.body.find("Анна"), std::string::npos) << list.body;
  auto cases = head.get("/api/v1/exports/cases?format=csv");
  EXPECT_EQ(header(cases, "x-row-count"), "1");

  auto auditor = w.client("auditor");
  auto log = auditor.get("/api/v1/audit?entity=person&entity_id=" + w.child);
  EXPECT_NE(log.body.find("person.erase"), std::string::npos) << log.body;
  // The reason is free text: the person's history keeps it, the append-only audit log does not.
  EXPECT_EQ(log.body.find("законного"), std::string::npos) << log.body;
  EXPECT_NE(history.body.find("заявление законного представителя"), std::string::npos) << history.body;
}

INSTANTIATE_TEST_SUITE_P(Backends, Exports, ::testing::ValuesIn(test_backends()),
                         [](const auto& info) { return backend_name(info.param); });

} // namespace
} // namespace patronage::testing
