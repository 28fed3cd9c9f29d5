// SPEC §10, §11: the report routes on the demo data — who may read them, their errors, their downloads, and that
// an auditor gets every aggregate and no personal data of any family. Both backends.
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "demo/demo.hpp"
#include "app/reports.hpp"
#include "support/test_server.hpp"
#include "support/report_oracles.hpp"
#include "support/visit_counts_oracle.hpp"
#include "util/password.hpp"

namespace patronage::testing {
namespace {

const std::string k_period = "from=2025-01-01&to=2026-11-23";

class ReportRoutes : public ::testing::TestWithParam<storage::Backend> {
protected:
  ReportRoutes() : server(GetParam()) {
    const auto loaded = demo::load(server.services(), [](const std::string& password) {
      return util::hash_password(password, util::PasswordCost{1, size_t{1} << 16});
    });
    EXPECT_TRUE(loaded && *loaded);
  }

  TestClient client(const std::string& login, const std::string& password) {
    TestClient c(server.port());
    EXPECT_EQ(c.login(login, password).status, 200) << login;
    return c;
  }

  // Every text of the families in the database that a report must never show: names, birth dates, addresses,
  // phones, what signals reported (texts shorter than 4 characters would match by chance).
  std::set<std::string> family_texts() {
    std::set<std::string> out;
    auto done = server.db().transact([&](storage::Tx& tx) -> util::Status {
      auto collect = [&](const std::string& query) {
        soci::rowset<soci::row> rows = (tx.sql().prepare << query);
        for (const auto& row : rows) {
          for (std::size_t i = 0; i < row.size(); ++i) {
            if (row.get_indicator(i) == soci::i_ok) {
              if (auto text = row.get<std::string>(i); text.size() >= 4) {
                out.insert(text);
              }
            }
          }
        }
      };
      collect("SELECT last_name, first_name, patronymic, birth_date, phone FROM persons");
      collect("SELECT address, phone, notes FROM households");
      collect("SELECT address, persons, reported FROM signals");
      // Staff are named by design (the caseload report lists specialists): a family's patronymic that is also
      // part of a staff member's name is not evidence of a leak.
      std::string staff;
      soci::rowset<std::string> names = (tx.sql().prepare << "SELECT full_name FROM users");
      for (const auto& name : names) {
        staff += name + "\n";
      }
      std::erase_if(out, [&](const std::string& text) { return staff.find(text) != std::string::npos; });
      return {};
    });
    EXPECT_TRUE(done);
    return out;
  }

  TestServer server;
};

// Issue 16: the demo writes its visits through storage::insert_visit, so the visits report's counters equal the
// scan of the demo's visits in every unit.
TEST_P(ReportRoutes, TheDemoVisitsAreCountedAsTheScanCountsThem) {
  auto done = server.db().transact([](storage::Tx& tx) -> util::Status {
    EXPECT_GT(expect_visit_counts_match_scan(tx, "demo", {{"2025-01-01", "2026-11-23"}}), 3);
    return {};
  });
  EXPECT_TRUE(done);
}

// Issue 16: the demo writes its deliveries through storage::insert_delivery, so the services report's counters
// equal the scan of the demo's deliveries, and the households report's new queries the SQL they replaced.
TEST_P(ReportRoutes, TheDemoServicesAndHouseholdsAreCountedAsTheScanCountsThem) {
  auto done = server.db().transact([](storage::Tx& tx) -> util::Status {
    EXPECT_GT(expect_delivery_totals_match_scan(tx, "demo", {{"2025-01-01", "2026-11-23"}}), 3);
    const std::vector<std::string> categories{"low_income",    "large_family", "single_parent",
                                              "guardian_family", "addiction",  "elderly_alone"};
    EXPECT_GT(expect_households_match_scan(tx, "demo", categories, {{"2025-11-24", "2026-11-23"}}), 3);
    return {};
  });
  EXPECT_TRUE(done);
}

TEST_P(ReportRoutes, AuditorGetsEveryReportAndNoPersonalData) {
  auto auditor = client("auditor", "demo-auditor-2026");
  const auto texts = family_texts();
  ASSERT_GT(texts.size(), 20U); // the demo has families to hide
  auto catalogue = auditor.get("/api/v1/reports");
  ASSERT_EQ(catalogue.status, 200) << catalogue.body;
  const auto items = catalogue.json().at("items").as_array();
  ASSERT_EQ(items.size(), app::report_names().size());
  long long households = 0;
  for (const auto& item : items) {
    const std::string name(item.at("name").as_string());
    EXPECT_FALSE(item.at("title").as_string().empty()) << name;
    for (const std::string format : {"", "&format=csv"}) {
      auto res = auditor.get("/api/v1/reports/" + name + "?" + k_period + format);
      ASSERT_EQ(res.status, 200) << name << format << ": " << res.body;
      for (const auto& text : texts) {
        EXPECT_EQ(res.body.find(text), std::string::npos) << name << format << " shows \"" << text << "\"";
      }
      if (!format.empty()) {
        continue;
      }
      const auto body = res.json();
      EXPECT_EQ(body.at("report").as_string(), name);
      for (const auto& table : body.at("tables").as_array()) {
        EXPECT_FALSE(table.as_object().contains("drill")) << name; // no way to the families behind a figure
        if (table.at("name").as_string() == "households_by_state") {
          for (const auto& row : table.at("rows").as_array()) {
            households += row.as_array().at(1).as_int64();
          }
        }
      }
    }
  }
  EXPECT_GT(households, 0); // the figures are there
}

TEST_P(ReportRoutes, HeadGetsTheReportWithDrillDownsInTheReadersLanguage) {
  auto head = client("head", "demo-head-2026");
  head.language() = "en";
  auto res = head.get("/api/v1/reports/households?" + k_period);
  ASSERT_EQ(res.status, 200) << res.body;
  const auto body = res.json();
  EXPECT_EQ(body.at("title").as_string(), "Households under patronage");
  EXPECT_EQ(body.at("from").as_string(), "2025-01-01");
  EXPECT_EQ(body.at("to").as_string(), "2026-11-23");
  EXPECT_FALSE(body.at("unit").at("id").as_string().empty());
  const auto& table = body.at("tables").as_array().at(0);
  EXPECT_EQ(table.at("name").as_string(), "households_by_state");
  EXPECT_EQ(table.at("title").as_string(), "Households by case state");
  EXPECT_EQ(table.at("columns").as_array().at(0).at("key").as_string(), "state");
  EXPECT_EQ(table.at("columns").as_array().at(1).at("title").as_string(), "Households");
  const auto& rows = table.at("rows").as_array();
  const auto& drill = table.at("drill").as_array();
  ASSERT_EQ(rows.size(), drill.size());
  EXPECT_EQ(rows.at(3).at(0).as_string(), "Active");
  EXPECT_EQ(drill.at(3).at("list").as_string(), "cases");
  EXPECT_EQ(drill.at(3).at("query").at("state").as_string(), "active");

  // The drill-down answers with as many cases as households counted (one case per demo family).
  auto cases = head.get("/api/v1/cases?state=active");
  ASSERT_EQ(cases.status, 200) << cases.body;
  EXPECT_EQ(static_cast<long long>(cases.json().at("items").as_array().size()), rows.at(3).at(1).as_int64());
}

TEST_P(ReportRoutes, CsvAndXlsxDownloads) {
  auto head = client("head", "demo-head-2026");
  auto csv = head.get("/api/v1/reports/visits?" + k_period + "&format=csv");
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_EQ(csv.headers["content-disposition"], "attachment; filename=\"report-visits-2025-01-01-2026-11-23.csv\"");
  EXPECT_NE(csv.body.find("Запланировано"), std::string::npos) << csv.body;
  EXPECT_NE(csv.body.find("Итого"), std::string::npos) << csv.body;
  auto xlsx = head.get("/api/v1/reports/signals?" + k_period + "&format=xlsx");
  ASSERT_EQ(xlsx.status, 200) << xlsx.body;
  EXPECT_EQ(xlsx.body.substr(0, 2), "PK");
  EXPECT_NE(xlsx.headers["content-disposition"].find(".xlsx"), std::string::npos);
}

// Each table says which row totals the others and how it is drawn: the web app guesses neither.
TEST_P(ReportRoutes, TablesDeclareTheirTotalRowAndChart) {
  auto head = client("head", "demo-head-2026");
  head.language() = "en";
  auto table_of = [&](const std::string& report, const std::string& name) {
    auto res = head.get("/api/v1/reports/" + report + "?" + k_period);
    EXPECT_EQ(res.status, 200) << res.body;
    for (const auto& table : res.json().at("tables").as_array()) {
      if (table.at("name").as_string() == name) {
        return table.as_object();
      }
    }
    ADD_FAILURE() << "no table " << name << " in " << report;
    return boost::json::object{};
  };
  auto values_of = [](const boost::json::object& table) {
    std::vector<std::string> out;
    for (const auto& key : table.at("chart").at("values").as_array()) {
      out.emplace_back(key.as_string());
    }
    return out;
  };

  const auto visits = table_of("visits", "visits_by_kind");
  const auto& rows = visits.at("rows").as_array();
  ASSERT_EQ(visits.at("total_row").as_int64(), static_cast<long long>(rows.size()) - 1);
  EXPECT_EQ(rows.back().at(0).as_string(), "Total");
  EXPECT_EQ(visits.at("chart").at("kind").as_string(), "bar");
  EXPECT_EQ(values_of(visits), (std::vector<std::string>{"planned", "made", "missed", "made_on_time"}));

  const auto by_state = table_of("households", "households_by_state");
  EXPECT_TRUE(by_state.at("total_row").is_null());
  EXPECT_EQ(by_state.at("chart").at("kind").as_string(), "pie");
  EXPECT_EQ(values_of(by_state), std::vector<std::string>{"households"});

  const auto outcomes = table_of("outcomes", "outcomes");
  EXPECT_EQ(outcomes.at("total_row").as_int64(), static_cast<long long>(outcomes.at("rows").as_array().size()) - 1);
  EXPECT_EQ(values_of(outcomes), std::vector<std::string>{"cases"}); // the average stays in the table

  EXPECT_EQ(table_of("referrals", "referrals_by_partner_status").at("chart").at("kind").as_string(), "stacked");
  const auto activity = table_of("volunteers", "volunteer_activity");
  EXPECT_TRUE(activity.at("chart").is_null()); // hours beside people: not drawn
  EXPECT_TRUE(activity.at("total_row").is_null());
}

TEST_P(ReportRoutes, OnlyHeadsAndAuditors) {
  for (const auto& [login, password] : std::vector<std::pair<std::string, std::string>>{
           {"admin", "demo-admin-2026"}, {"ivanova", "demo-spec-2026"}, {"volunteer", "demo-volunteer-2026"}}) {
    auto c = client(login, password);
    EXPECT_EQ(c.get("/api/v1/reports").status, 403) << login;
    EXPECT_EQ(c.get("/api/v1/reports/households").status, 403) << login;
  }
  TestClient anonymous(server.port());
  EXPECT_EQ(anonymous.get("/api/v1/reports").status, 401);
}

TEST_P(ReportRoutes, BadParametersNameTheField) {
  auto head = client("head", "demo-head-2026");
  auto field_of = [&](const std::string& target) {
    auto res = head.get(target);
    EXPECT_EQ(res.status, 422) << target << ": " << res.body;
    const auto body = res.json();
    EXPECT_EQ(res.headers["content-type"], "application/problem+json") << target;
    if (!body.is_object() || !body.as_object().contains("errors")) {
      return std::string();
    }
    return std::string(body.at("errors").as_array().at(0).at("field").as_string());
  };
  EXPECT_EQ(field_of("/api/v1/reports/nonsense"), "report");
  EXPECT_EQ(field_of("/api/v1/reports/visits?from=2026-02-30"), "from");
  EXPECT_EQ(field_of("/api/v1/reports/visits?to=tomorrow"), "to");
  EXPECT_EQ(field_of("/api/v1/reports/visits?from=2026-06-01&to=2026-05-01"), "to");
  EXPECT_EQ(field_of("/api/v1/reports/visits?unit=nosuchunit"), "unit");
  EXPECT_EQ(field_of("/api/v1/reports/visits?format=pdf"), "format");

  // The region is above the head's centre: outside their reach.
  auto auditor = client("auditor", "demo-auditor-2026");
  const std::string region(auditor.get("/api/v1/me").json().at("user").at("unit_id").as_string());
  EXPECT_EQ(field_of("/api/v1/reports/visits?unit=" + region), "unit");
  EXPECT_EQ(auditor.get("/api/v1/reports/visits?unit=" + region).status, 200);
}

INSTANTIATE_TEST_SUITE_P(Backends, ReportRoutes, ::testing::ValuesIn(test_backends()),
                         [](const auto& info) { return backend_name(info.param); });

} // namespace
} // namespace patronage::testing
