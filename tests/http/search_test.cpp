// Quick search (issue #6): names in any spelling, birth dates, addresses; only what the caller may read; audited.
#include <gtest/gtest.h>

#include <set>

#include <soci/soci.h>

#include "http/lifecycle_fixture.hpp"
#include "storage/search.hpp"

namespace patronage::testing {
namespace {

class Search : public ::testing::TestWithParam<storage::Backend> {};

HttpResult search(TestClient& client, const std::string& q, const std::string& extra = "") {
  return client.get("/api/v1/search?q=" + encoded(q) + extra);
}

// The display names found for `q`.
std::set<std::string> names(TestClient& client, const std::string& q) {
  auto r = search(client, q);
  EXPECT_EQ(r.status, 200) << q << ": " << r.body;
  std::set<std::string> out;
  if (r.status == 200) {
    for (const auto& item : r.json().at("items").as_array()) {
      out.insert(std::string(item.at("display_name").as_string()));
    }
  }
  return out;
}

struct SearchWorld : LifecycleWorld {
  explicit SearchWorld(storage::Backend backend) : LifecycleWorld(backend) {
    add_family("Щербакова");
    scherbakova = household;
    // Of another centre: its specialists and head may see it, ours may not.
    auto done = server.db().transact([&](storage::Tx& tx) -> util::Status {
      storage::HouseholdRecord h;
      h.id = util::random_id();
      h.unit_id = other_centre;
      h.address = "г. Энск, ул. Победы, д. 86, кв. 3";
      h.created_by = ids["other_head"];
      storage::insert_household(tx, h);
      storage::PersonRecord p;
      p.id = util::random_id();
      p.household_id = h.id;
      p.last_name = "Воробьёва";
      p.first_name = "Алёна";
      p.patronymic = "Игоревна";
      p.birth_date = "1988-03-12";
      p.sex = "female";
      p.household_role = "mother";
      storage::insert_person(tx, p);
      vorobyova = h.id;
      return {};
    });
    if (!done) {
      throw std::runtime_error("seed failed");
    }
  }
  std::string scherbakova;
  std::string vorobyova;
};

TEST_P(Search, FindsCyrillicNamesByAnySpellingAndPrefix) {
  SearchWorld w(GetParam());
  auto head = w.client("other_head");
  const std::set<std::string> alena{"Воробьёва Алёна Игоревна"};
  EXPECT_EQ(names(head, "Воробьёва"), alena);
  EXPECT_EQ(names(head, "воробьева"), alena) << "ё and е are one letter";
  EXPECT_EQ(names(head, "Vorobyova"), alena) << "Latin spelling";
  EXPECT_EQ(names(head, "Vorobeva"), alena) << "another transliteration";
  EXPECT_EQ(names(head, "Воро"), alena) << "a prefix as one types";
  EXPECT_EQ(names(head, "vor"), alena);
  EXPECT_EQ(names(head, "Алена Воробьева"), alena) << "words in any order";
  EXPECT_TRUE(names(head, "Алена Петрова").empty()) << "every word must match";

  auto centre_head = w.client("head");
  EXPECT_EQ(names(centre_head, "Shcherbakova"),
            (std::set<std::string>{"Щербакова Анна", "Щербакова Пётр"}));
  EXPECT_EQ(names(centre_head, "Scherbakova Petr"), (std::set<std::string>{"Щербакова Пётр"}));
}

TEST_P(Search, FindsBirthDatesAndAddresses) {
  SearchWorld w(GetParam());
  auto head = w.client("other_head");
  EXPECT_EQ(names(head, "12.03.1988"), (std::set<std::string>{"Воробьёва Алёна Игоревна"}));
  EXPECT_EQ(names(head, "1988-03-12"), (std::set<std::string>{"Воробьёва Алёна Игоревна"}));
  EXPECT_TRUE(names(head, "13.03.1988").empty());

  auto found = search(head, "ул. Победы 86");
  ASSERT_EQ(found.status, 200) << found.body;
  const auto& items = found.json().at("items").as_array();
  ASSERT_EQ(items.size(), 1U) << found.body;
  EXPECT_EQ(items[0].at("kind"), "household");
  EXPECT_EQ(items[0].at("household_id").as_string(), w.vorobyova);
  EXPECT_EQ(items[0].at("matched_field"), "address");
  EXPECT_EQ(names(head, "Воробьева Победы"), (std::set<std::string>{"Воробьёва Алёна Игоревна"}));
}

TEST_P(Search, ShowsTheCaseAndFollowsEveryChange) {
  SearchWorld w(GetParam());
  auto spec = w.client("spec");
  auto opened = spec.post_json("/api/v1/cases", R"({"household_id":")" + w.scherbakova + R"("})");
  ASSERT_EQ(opened.status, 201) << opened.body;
  auto found = search(spec, "Щербакова Анна");
  ASSERT_EQ(found.status, 200);
  const auto& item = found.json().at("items").at(0);
  EXPECT_EQ(item.at("case_id").as_string(), text(opened.json(), "id"));
  EXPECT_EQ(item.at("case_state"), "signal");
  EXPECT_EQ(item.at("birth_date"), "1990-01-01");
  EXPECT_EQ(item.at("address"), "г. Энск, ул. Ленина, д. 1");
  EXPECT_EQ(item.at("matched_field"), "name");

  auto before = spec.get("/api/v1/households/" + w.scherbakova);
  ASSERT_EQ(before.status, 200) << before.body;
  std::int64_t version = 0;
  for (const auto& member : before.json().at("members").as_array()) {
    if (member.at("id").as_string() == w.mother) {
      version = member.at("version").as_int64();
    }
  }
  auto renamed = spec.request("PATCH", "/api/v1/persons/" + w.mother,
                              R"({"version":)" + std::to_string(version) + R"(,"last_name":"Соколова"})",
                              {{"Content-Type", "application/json"}});
  ASSERT_EQ(renamed.status, 200) << renamed.body;
  EXPECT_EQ(names(spec, "Соколова"), (std::set<std::string>{"Соколова Анна"}));
  EXPECT_EQ(names(spec, "Shcherbakova"), (std::set<std::string>{"Щербакова Пётр"}));

  auto household = spec.get("/api/v1/households/" + w.scherbakova);
  ASSERT_EQ(household.status, 200);
  auto moved = spec.request("PATCH", "/api/v1/households/" + w.scherbakova,
                            R"({"version":)" + std::to_string(household.json().at("version").as_int64()) +
                                R"(,"address":"г. Энск, проспект Мира, д. 7"})",
                            {{"Content-Type", "application/json"}});
  ASSERT_EQ(moved.status, 200) << moved.body;
  EXPECT_EQ(search(spec, "Мира 7").json().at("items").as_array().size(), 1U);
  EXPECT_TRUE(search(spec, "Ленина").json().at("items").as_array().empty());
}

TEST_P(Search, ShowsOnlyWhatTheCallerMayRead) {
  SearchWorld w(GetParam());
  // An unassigned family of the department: its specialists register it, so they find it.
  auto spec = w.client("spec");
  EXPECT_EQ(names(spec, "Щербакова").size(), 2U);
  auto other_spec = w.client("other_spec");
  EXPECT_TRUE(names(other_spec, "Щербакова").empty()) << "another centre's family";
  EXPECT_EQ(names(other_spec, "Воробьева").size(), 1U);
  auto expert = w.client("expert");
  EXPECT_TRUE(names(expert, "Щербакова").empty()) << "an expert not on the case";
  auto secretary = w.client("secretary");
  EXPECT_TRUE(names(secretary, "Щербакова").empty());
  auto admin = w.client("admin");
  EXPECT_TRUE(names(admin, "Щербакова").empty()) << "admins read no family data";

  // Once a case holds the family, only its team (and heads) find it.
  ASSERT_EQ(spec.post_json("/api/v1/cases", R"({"household_id":")" + w.scherbakova + R"("})").status, 201);
  auto spec2 = w.client("spec2");
  EXPECT_TRUE(names(spec2, "Щербакова").empty());
  EXPECT_EQ(names(spec, "Щербакова").size(), 2U);
  auto head = w.client("head");
  EXPECT_EQ(names(head, "Щербакова").size(), 2U);
}

TEST_P(Search, RefusesBadInputAsProblemJson) {
  SearchWorld w(GetParam());
  auto head = w.client("head");
  for (const std::string q : {"", "а", " . , ", "a"}) {
    auto r = search(head, q);
    EXPECT_EQ(r.status, 422) << "'" << q << "': " << r.body;
    EXPECT_NE(r.headers["content-type"].find("application/problem+json"), std::string::npos);
    EXPECT_EQ(r.json().at("errors").at(0).at("field"), "q");
    EXPECT_EQ(r.json().at("errors").at(0).at("reason"), "search.query_too_short");
  }
  EXPECT_EQ(head.get("/api/v1/search").status, 422);
  EXPECT_EQ(search(head, std::string(201, 'a')).status, 422);
  for (const std::string limit : {"0", "51", "x", "-1"}) {
    auto r = search(head, "Щербакова", "&limit=" + limit);
    EXPECT_EQ(r.status, 422) << limit;
    EXPECT_EQ(r.json().at("errors").at(0).at("field"), "limit");
  }
  EXPECT_EQ(search(head, "Щербакова", "&limit=1").json().at("items").as_array().size(), 1U);
  EXPECT_EQ(TestClient(w.server.port()).get("/api/v1/search?q=abc").status, 401);
}

// SPEC §11, issue 15: the append-only audit log holds the ids shown and the query's length, never the query: no
// name, no part of one, no address, no birth date, in the details nor in any other field of the entry.
TEST_P(Search, IsAuditedWithTheIdsShownAndNoPartOfTheQuery) {
  SearchWorld w(GetParam());
  auto head = w.client("other_head");
  struct Asked {
    std::string q;
    std::int64_t characters = 0;
    std::set<std::string> shown;
  };
  std::vector<Asked> asked;
  for (const auto& [q, characters] : std::vector<std::pair<std::string, std::int64_t>>{
           {"Воробьева", 9}, {"Vorob", 5}, {"ул. Победы 86", 13}, {"12.03.1988", 10}}) {
    auto r = search(head, q);
    ASSERT_EQ(r.status, 200) << q << ": " << r.body;
    Asked a{q, characters, {}};
    for (const auto& item : r.json().at("items").as_array()) {
      const auto& person = item.at("person_id");
      a.shown.insert(std::string(person.is_string() && !person.as_string().empty()
                                     ? person.as_string()
                                     : item.at("household_id").as_string()));
    }
    ASSERT_EQ(a.shown.size(), 1U) << q << ": " << r.body;
    asked.push_back(std::move(a));
  }
  auto log = w.client("auditor").get("/api/v1/audit?user_id=" + w.ids["other_head"]);
  ASSERT_EQ(log.status, 200);
  std::vector<boost::json::object> entries; // oldest first
  for (const auto& entry : log.json().at("items").as_array()) {
    if (entry.at("action") == "search") {
      entries.insert(entries.begin(), entry.as_object());
    }
  }
  ASSERT_EQ(entries.size(), asked.size()) << log.body;

  // Letters of the name, of its spellings and prefixes, of the address, and the date's parts.
  const std::vector<std::string> words{"Воробьева", "Воробьёва", "Воробь", "воробь", "Vorob", "vorob",
                                       "Победы",    "Побед",     "ул.",    "Алёна",  "Алена"};
  const std::vector<std::string> numbers{"86", "1988", "12.03", "03-12"};
  for (size_t i = 0; i < entries.size(); ++i) {
    const auto& entry = entries[i];
    const std::string text = boost::json::serialize(entry);
    for (const auto& word : words) {
      EXPECT_EQ(text.find(word), std::string::npos) << asked[i].q << " left '" << word << "' in " << text;
    }
    EXPECT_EQ(text.find(asked[i].q), std::string::npos) << text;

    const auto details = boost::json::parse(entry.at("details").as_string()).as_object();
    EXPECT_EQ(details.size(), 2U) << "only the length and the ids: " << details;
    std::set<std::string> shown;
    for (const auto& id : details.at("shown").as_array()) {
      shown.insert(std::string(id.as_string()));
    }
    EXPECT_EQ(shown, asked[i].shown) << details;
    EXPECT_EQ(details.at("query_length").to_number<std::int64_t>(), asked[i].characters) << details;
    // The digits of a date or a house number: nowhere but possibly inside the ids.
    auto rest = details;
    rest.erase("shown");
    for (const auto& number : numbers) {
      const std::string without_ids = boost::json::serialize(rest);
      EXPECT_EQ(without_ids.find(number), std::string::npos) << asked[i].q << ": " << details;
    }
    for (const char* field : {"action", "entity", "entity_id", "address"}) {
      for (const auto& number : numbers) {
        EXPECT_EQ(std::string(entry.at(field).as_string()).find(number), std::string::npos) << field;
      }
    }
  }
}

TEST_P(Search, TheMigrationBackfillsExistingRows) {
  SearchWorld w(GetParam());
  auto done = w.server.db().transact([&](storage::Tx& tx) -> util::Status {
    tx.sql() << "DELETE FROM search_terms";
    storage::rebuild_search_terms(tx);
    return {};
  });
  ASSERT_TRUE(done);
  auto head = w.client("other_head");
  EXPECT_EQ(names(head, "Vorobyova").size(), 1U);
  EXPECT_EQ(names(head, "Победы 86").size(), 1U);
}

INSTANTIATE_TEST_SUITE_P(Backends, Search, ::testing::ValuesIn(test_backends()),
                         [](const auto& info) { return backend_name(info.param); });

} // namespace
} // namespace patronage::testing
