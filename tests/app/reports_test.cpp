// SPEC §10: every figure of every report over a small fixed data set, computed by hand, on each backend.
#include "app/reports.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "app_fixture.hpp"
#include "storage/aid.hpp"
#include "storage/visits.hpp"
#include "support/report_oracles.hpp"
#include "support/test_db.hpp"
#include "support/visit_counts_oracle.hpp"

namespace patronage::testing {
namespace {

using util::Cell;

using Rows = std::vector<std::vector<std::string>>;

// Cells as text, so that a failing test prints them: counts as integers, shares and averages with one decimal.
Rows text(const std::vector<std::vector<Cell>>& rows) {
  Rows out;
  for (const auto& row : rows) {
    auto& line = out.emplace_back();
    for (const auto& cell : row) {
      if (const auto* t = std::get_if<std::string>(&cell)) {
        line.push_back(*t);
      } else if (const auto* i = std::get_if<long long>(&cell)) {
        line.push_back(std::to_string(*i));
      } else if (const auto* x = std::get_if<double>(&cell)) {
        char buffer[32];
        std::snprintf(buffer, sizeof buffer, "%.1f", *x);
        line.push_back(buffer);
      } else {
        line.push_back(std::holds_alternative<std::monostate>(cell) ? "" : "?");
      }
    }
  }
  return out;
}

std::string q(const std::optional<std::string>& value) { return value ? "'" + *value + "'" : "NULL"; }
std::string num(long long value) { return std::to_string(value); }
long long at(const char* text) { return util::parse_timestamp(text)->time_since_epoch().count(); }

const std::string k_crit = R"({"scores":[{"domain":"child_safety","score":3}]})";
const std::string k_low = R"({"scores":[{"domain":"housing","score":0}]})";
const std::string k_medium = R"({"scores":[{"domain":"housing","score":2},{"domain":"income","score":2},)"
                             R"({"domain":"parenting","score":2}]})";
const std::string k_better = R"({"scores":[{"domain":"housing","score":1},{"domain":"income","score":1},)"
                             R"({"domain":"parenting","score":0}]})";
const std::string k_two = R"({"scores":[{"domain":"housing","score":1},{"domain":"income","score":1}]})";
const std::string k_severe = R"({"scores":[{"domain":"housing","score":3},{"domain":"income","score":3},)"
                             R"({"domain":"employment","score":3},{"domain":"parenting","score":3}]})";

// A centre C (with a department D) of a region R, another centre O; the reports are asked for C over the first
// half of 2026. Records of O, of other periods and of superseded plans must not count.
class ReportsTest : public AppTest {
protected:
  void SetUp() override {
    region = add_unit("Region", "region");
    centre = add_unit("Centre", "institution", region.id);
    department = add_unit("Department", "department", centre.id);
    other = add_unit("Other centre", "institution", region.id);
    admin = add_user("admin", "admin", region.id);
    auditor = add_user("auditor", "auditor", region.id);
    head = add_user("head", "head", centre.id);
    spec1 = add_user("spec1", "specialist", department.id);
    spec2 = add_user("spec2", "specialist", centre.id);
    other_spec = add_user("other_spec", "specialist", other.id);
    other_head = add_user("other_head", "head", other.id);
    volunteer = add_user("vol1", "volunteer", department.id);
    auto done = db().transact([&](storage::Tx& tx) -> util::Status {
      fill(tx);
      return {};
    });
    ASSERT_TRUE(done) << done.error().key;
  }

  void run(storage::Tx& tx, const std::string& sql) { tx.sql() << sql; }

  void household(storage::Tx& tx, const std::string& id, const std::string& unit, const std::string& categories) {
    run(tx, "INSERT INTO households (id, unit_id, address, phone, categories, notes, created_by, created_at, "
            "updated_at, version) VALUES ('" + id + "', '" + unit + "', 'ул. Тайная, 7', '', '" + categories +
                "', '', 'x', 0, 0, 1)");
  }

  void kase(storage::Tx& tx, const std::string& id, const std::string& unit, const std::string& household_id,
            const std::string& state, const std::string& entered, const std::string& opened,
            const std::optional<std::string>& intensity, const std::optional<std::string>& lead) {
    // No signal and no previous case as the storage layer writes them (''): the work list's write hook reads
    // every case a write touches (app::keep_case_due).
    run(tx, "INSERT INTO cases (id, unit_id, household_id, signal_id, state, state_entered_on, opened_on, intensity, "
            "planned_end, lead_id, previous_case_id, created_at, updated_at, version) VALUES ('" + id + "', '" + unit +
                "', '" + household_id + "', '', '" + state + "', '" + entered + "', '" + opened + "', " +
                q(intensity) + ", NULL, " + q(lead) + ", '', 0, 0, 1)");
  }

  void closed(storage::Tx& tx, const std::string& case_id, const std::string& on) {
    run(tx, "INSERT INTO case_transitions (id, case_id, ordinal, from_state, to_state, at, on_date, user_id, reason, "
            "override_reason) VALUES ('t" + case_id + "', '" + case_id + "', 1, 'closing', 'closed', 0, '" + on +
                "', 'x', '', '')");
  }

  void needs(storage::Tx& tx, const std::string& case_id, const std::string& on, const std::string& data) {
    run(tx, "INSERT INTO assessments (id, case_id, kind, on_date, author_id, data, sensitive, created_at) VALUES ('" +
                util::random_id() + "', '" + case_id + "', 'needs', '" + on + "', 'x', '" + data + "', '{}', 0)");
  }

  void plan(storage::Tx& tx, const std::string& id, const std::string& case_id, int number,
            const std::optional<std::string>& superseded_by) {
    run(tx, "INSERT INTO plans (id, case_id, plan_number, supersedes_id, superseded_by, period_from, period_to, "
            "review_on, term, goals, approved_at, approved_by, created_by, created_at, updated_at, version) VALUES ('" +
                id + "', '" + case_id + "', " + num(number) + ", NULL, " + q(superseded_by) +
                ", '2026-01-01', '2026-12-31', '2026-04-01', 'short', '[]', NULL, NULL, 'x', 0, 0, 1)");
  }

  void measure(storage::Tx& tx, const std::string& plan_id, const std::string& case_id, const std::string& type,
               const std::string& due, const std::string& status, long long updated_at) {
    run(tx, "INSERT INTO plan_measures (id, plan_id, case_id, ordinal, goal_id, patronage_type, what, "
            "responsible_kind, responsible_ref, due_on, status, result, updated_at, updated_by) VALUES ('" +
                util::random_id() + "', '" + plan_id + "', '" + case_id + "', 1, 'g', '" + type +
                "', 'Встреча', 'specialist', '', '" + due + "', '" + status + "', '', " + num(updated_at) + ", 'x')");
  }

  // Through the storage write, which keeps the report's counters (storage/visit_day_counts.hpp).
  void visit(storage::Tx& tx, const std::string& case_id, const std::string& kind, const std::string& planned,
             const std::optional<std::string>& actual, const std::optional<std::string>& missed) {
    storage::VisitRecord v;
    v.id = util::random_id();
    v.case_id = case_id;
    v.planned_on = planned;
    v.actual_on = actual;
    v.kind = kind;
    v.missed_reason = missed;
    v.created_by = "x";
    storage::insert_visit(tx, v);
  }

  void delivery(storage::Tx& tx, const std::string& case_id, const std::string& code, const std::string& on,
                long long quantity, const std::string& unit, std::optional<long long> cost) {
    // Through the storage function, which keeps the services report's counters (issue 16).
    storage::insert_delivery(tx, {util::random_id(), case_id, code, on, quantity, unit, "", cost, "x", 0});
  }

  void partner(storage::Tx& tx, const std::string& id, const std::string& unit, const std::string& name) {
    run(tx, "INSERT INTO partners (id, unit_id, name, partner_type, phone, email, address, contact_person, "
            "created_by, created_at, updated_at) VALUES ('" + id + "', '" + unit + "', '" + name +
                "', 'school', '', '', '', '', 'x', 0, 0)");
  }

  // A referral with its status history: `answers` are the later changes (status, day).
  void referral(storage::Tx& tx, const std::string& id, const std::string& case_id, const std::string& partner_id,
                const std::string& sent, const std::string& due,
                const std::vector<std::pair<std::string, std::string>>& answers) {
    const std::string status = answers.empty() ? "sent" : answers.back().first;
    run(tx, "INSERT INTO referrals (id, case_id, partner_id, reason, sent_on, due_on, status, response, created_by, "
            "created_at, updated_at) VALUES ('" + id + "', '" + case_id + "', '" + partner_id + "', '', '" + sent +
                "', '" + due + "', '" + status + "', '', 'x', 0, 0)");
    std::string from;
    std::string to = "sent";
    std::string on = sent;
    for (size_t i = 0; i <= answers.size(); ++i) {
      run(tx, "INSERT INTO referral_history (id, referral_id, ordinal, from_status, to_status, on_date, response, "
              "user_id, at) VALUES ('" + util::random_id() + "', '" + id + "', " + num(static_cast<long long>(i + 1)) +
                  ", '" + from + "', '" + to + "', '" + on + "', '', 'x', 0)");
      if (i < answers.size()) {
        from = to;
        to = answers[i].first;
        on = answers[i].second;
      }
    }
  }

  void signal(storage::Tx& tx, const std::string& unit, const std::string& source, const std::string& urgency,
              long long received, long long deadline, std::optional<long long> triaged) {
    run(tx, "INSERT INTO signals (id, unit_id, received_at, source, source_details, reported, address, persons, "
            "urgency, deadline_at, household_id, triage_outcome, triage_reason, triaged_at, triaged_by, case_id, "
            "created_by, created_at) VALUES ('" +
                util::random_id() + "', '" + unit + "', " + num(received) + ", '" + source +
                "', '', 'Соседи слышат крики', 'ул. Тайная, 7', 'Тайнова Мария', '" + urgency + "', " + num(deadline) +
                ", NULL, " + (triaged ? "'consultation_only'" : "NULL") + ", '', " +
                (triaged ? num(*triaged) : "NULL") + ", NULL, NULL, 'x', 0)");
  }

  void volunteer_row(storage::Tx& tx, const std::string& id, const std::string& unit,
                     const std::optional<std::string>& user, const std::string& status) {
    run(tx, "INSERT INTO volunteers (id, unit_id, user_id, last_name, first_name, patronymic, birth_date, sex, phone, "
            "skills, interests, languages, district, availability, coordinator_id, status, status_since, created_by, "
            "created_at, updated_at, version) VALUES ('" + id + "', '" + unit + "', " + q(user) +
                ", 'Добров', 'Иван', '', '1990-01-01', 'male', '', '', '', '', '', '', NULL, '" + status +
                "', '2026-01-01', 'x', 0, 0, 1)");
  }

  void contact(storage::Tx& tx, const std::string& volunteer_id, const std::string& case_id, const std::string& on,
               long long minutes) {
    run(tx, "INSERT INTO volunteer_contacts (id, volunteer_id, case_id, on_date, minutes, what, created_by, "
            "created_at) VALUES ('" + util::random_id() + "', '" + volunteer_id + "', '" + case_id + "', '" + on +
                "', " + num(minutes) + ", '', 'x', 0)");
  }

  void member(storage::Tx& tx, const std::string& case_id, const std::string& user_id) {
    run(tx, "INSERT INTO case_members (case_id, user_id, member_role, added_at) VALUES ('" + case_id + "', '" +
                user_id + "', 'volunteer', 0)");
  }

  void fill(storage::Tx& tx) {
    const auto& dep = department.id;
    household(tx, "H1", dep, "low_income,single_parent");
    household(tx, "H2", dep, "low_income");
    household(tx, "H3", dep, "large_family");
    household(tx, "H4", dep, "low_income");
    household(tx, "H5", dep, "addiction");
    household(tx, "H6", other.id, "low_income");
    household(tx, "H7", dep, "low_income");
    for (const auto* h : {"H8", "H9", "H11", "H12"}) {
      household(tx, h, dep, "");
    }
    kase(tx, "K1", dep, "H1", "active", "2026-02-10", "2026-02-01", "intensive", spec1.id);
    kase(tx, "K2", dep, "H2", "closed", "2026-03-15", "2025-10-01", "standard", spec1.id);
    kase(tx, "K3", dep, "H3", "supervision", "2025-12-01", "2025-05-01", "standard", spec2.id);
    kase(tx, "K3b", dep, "H3", "signal", "2026-06-01", "2026-06-01", std::nullopt, std::nullopt);
    kase(tx, "K4", dep, "H4", "rejected", "2025-12-01", "2025-11-01", std::nullopt, std::nullopt); // before
    kase(tx, "K5", dep, "H5", "closed", "2026-07-05", "2026-01-10", "standard", spec1.id);
    kase(tx, "K6", other.id, "H6", "active", "2026-02-01", "2026-02-01", "intensive", other_spec.id);
    kase(tx, "K7", dep, "H7", "assessment", "2026-08-01", "2026-08-01", std::nullopt, spec1.id); // after
    kase(tx, "K8", dep, "H8", "active", "2026-03-01", "2026-03-01", "intensive", spec1.id);
    kase(tx, "K9", centre.id, "H9", "closing", "2026-06-01", "2026-01-15", "intensive", spec1.id);
    kase(tx, "K11", dep, "H11", "closed", "2026-05-01", "2026-01-01", "standard", spec1.id);
    kase(tx, "K12", dep, "H12", "closed", "2026-06-01", "2026-02-01", "standard", spec1.id);
    closed(tx, "K2", "2026-03-15");
    closed(tx, "K5", "2026-07-05");
    closed(tx, "K11", "2026-05-01");
    closed(tx, "K12", "2026-06-01");

    needs(tx, "K1", "2026-02-05", k_crit);
    needs(tx, "K1", "2026-08-01", k_low); // after the period: not the latest for it
    needs(tx, "K2", "2025-10-05", k_medium);
    needs(tx, "K2", "2026-03-10", k_better);
    needs(tx, "K5", "2026-02-01", k_medium);
    needs(tx, "K11", "2026-01-05", k_two);
    needs(tx, "K12", "2026-02-05", k_two);
    needs(tx, "K12", "2026-05-20", k_severe);

    plan(tx, "P0", "K1", 1, std::string("P1"));
    measure(tx, "P0", "K1", "medical_social", "2026-02-01", "done", at("2026-01-20T10:00:00Z"));
    plan(tx, "P1", "K1", 2, std::nullopt);
    measure(tx, "P1", "K1", "psychological", "2026-03-01", "done", at("2026-03-01T23:30:00Z")); // on the day
    measure(tx, "P1", "K1", "psychological", "2026-03-01", "done", at("2026-03-05T08:00:00Z"));
    measure(tx, "P1", "K1", "economic", "2026-04-01", "not_done", at("2026-04-02T08:00:00Z"));
    measure(tx, "P1", "K1", "legal", "2026-08-01", "planned", at("2026-01-02T08:00:00Z"));
    measure(tx, "P1", "K1", "economic", "2026-05-01", "cancelled", at("2026-04-02T08:00:00Z"));
    plan(tx, "P3", "K3", 1, std::nullopt);
    measure(tx, "P3", "K3", "household", "2025-12-01", "planned", 0);
    plan(tx, "P6", "K6", 1, std::nullopt);
    measure(tx, "P6", "K6", "psychological", "2026-03-01", "done", at("2026-02-01T08:00:00Z"));

    visit(tx, "K1", "home", "2026-02-10", std::string("2026-02-09"), std::nullopt);
    visit(tx, "K1", "home", "2026-03-10", std::string("2026-03-12"), std::nullopt);
    visit(tx, "K1", "home", "2026-04-10", std::nullopt, std::string("Не застали дома"));
    visit(tx, "K1", "phone", "2026-05-10", std::string("2026-05-10"), std::nullopt);
    visit(tx, "K1", "home", "2026-07-10", std::string("2026-07-10"), std::nullopt);
    visit(tx, "K6", "home", "2026-02-10", std::string("2026-02-10"), std::nullopt);
    visit(tx, "K2", "home", "2026-06-30", std::nullopt, std::nullopt);

    delivery(tx, "K1", "food_sets", "2026-02-01", 2, "set", 150000);
    delivery(tx, "K2", "food_sets", "2026-03-01", 1, "set", std::nullopt);
    delivery(tx, "K1", "consultation", "2026-04-01", 1, "session", 50000);
    delivery(tx, "K1", "consultation", "2026-07-01", 1, "session", 50000);
    delivery(tx, "K6", "food_sets", "2026-02-01", 5, "set", 100000);

    partner(tx, "PA", centre.id, "Школа №1");
    partner(tx, "PB", region.id, "Поликлиника");
    referral(tx, "R1", "K1", "PA", "2026-02-01", "2026-02-15", {{"accepted", "2026-02-05"}, {"done", "2026-02-20"}});
    referral(tx, "R2", "K1", "PA", "2026-03-01", "2026-03-05", {{"accepted", "2026-03-11"}});
    referral(tx, "R3", "K2", "PB", "2026-04-01", "2026-04-10", {});
    referral(tx, "R4", "K1", "PA", "2025-12-01", "2025-12-10", {{"declined", "2025-12-02"}});
    referral(tx, "R6", "K6", "PB", "2026-04-01", "2026-04-10", {{"declined", "2026-04-02"}});

    constexpr long long k_hour = 3600;
    const long long s1 = at("2026-02-01T10:00:00Z");
    signal(tx, dep, "school", "urgent", s1, s1 + 72 * k_hour, s1 + 24 * k_hour);
    const long long s2 = at("2026-02-02T10:00:00Z");
    signal(tx, centre.id, "school", "urgent", s2, s2 + 72 * k_hour, s2 + 120 * k_hour);
    const long long s3 = at("2026-03-01T10:00:00Z");
    signal(tx, dep, "neighbour", "emergency", s3, s3 + 24 * k_hour, std::nullopt);
    const long long s4 = at("2026-06-30T23:00:00Z");
    signal(tx, dep, "school", "urgent", s4, s4 + 72 * k_hour, s4 + k_hour);
    const long long s5 = at("2026-07-01T00:00:00Z");
    signal(tx, dep, "school", "urgent", s5, s5 + 72 * k_hour, s5 + k_hour);
    signal(tx, other.id, "school", "urgent", s1, s1 + 72 * k_hour, s1 + k_hour);

    volunteer_row(tx, "VL1", dep, volunteer.id, "active");
    volunteer_row(tx, "VL2", dep, std::nullopt, "trained");
    volunteer_row(tx, "VL3", other.id, std::nullopt, "active");
    contact(tx, "VL1", "K1", "2026-02-01", 90);
    contact(tx, "VL1", "K2", "2026-03-01", 30);
    contact(tx, "VL1", "K1", "2026-08-01", 60);
    contact(tx, "VL3", "K6", "2026-02-01", 600);
    member(tx, "K1", volunteer.id);
    member(tx, "K2", volunteer.id);
  }

  app::ReportRequest request(const std::string& name) const {
    return {name, centre.id, std::string("2026-01-01"), std::string("2026-06-30")};
  }

  // The report's table `table` as read by `user`; fails the test when the report fails.
  std::vector<app::ReportTable> read(const std::string& name, const storage::UserRecord& user) {
    auto report = app::read_report(services(), actor(user), meta(), request(name));
    EXPECT_TRUE(report) << (report ? "" : report.error().key);
    return report ? report->tables : std::vector<app::ReportTable>{};
  }

  static const app::ReportTable& table(const std::vector<app::ReportTable>& tables, const std::string& name) {
    for (const auto& t : tables) {
      if (t.table.name == name) {
        return t;
      }
    }
    throw std::runtime_error("no table " + name);
  }

  storage::UnitRecord region, centre, department, other;
  storage::UserRecord admin, auditor, head, spec1, spec2, other_spec, other_head, volunteer;
};



TEST_P(ReportsTest, HouseholdsByStateCategoryTypeAndRisk) {
  const auto tables = read("households", auditor);
  ASSERT_EQ(tables.size(), 4U);
  EXPECT_EQ(text(table(tables, "households_by_state").table.rows),
            (Rows{{"signal", "1"},
                  {"assessment", "0"},
                  {"awaiting_decision", "0"},
                  {"active", "2"},
                  {"closing", "1"},
                  {"supervision", "1"},
                  {"closed", "4"},
                  {"rejected", "0"}}));
  EXPECT_EQ(text(table(tables, "households_by_category").table.rows),
            (Rows{{"low_income", "2"},
                  {"large_family", "1"},
                  {"single_parent", "1"},
                  {"child_with_disability", "0"},
                  {"guardian_family", "0"},
                  {"adult_with_disability", "0"},
                  {"elderly_alone", "0"},
                  {"addiction", "1"},
                  {"juvenile_police_registration", "0"},
                  {"pregnant_in_difficulty", "0"},
                  {"refugee_or_migrant", "0"}}));
  EXPECT_EQ(text(table(tables, "households_by_patronage_type").table.rows),
            (Rows{{"medical_social", "0"},
                  {"psychological", "1"},
                  {"pedagogical", "0"},
                  {"economic", "1"},
                  {"legal", "1"},
                  {"household", "1"},
                  {"labour", "0"}}));
  EXPECT_EQ(text(table(tables, "households_by_risk").table.rows),
            (Rows{{"low", "2"}, {"medium", "1"}, {"high", "0"}, {"critical", "2"},
                  {"not_assessed", "3"}}));
  // Auditors get no drill-down to the families behind a figure.
  for (const auto& t : tables) {
    EXPECT_TRUE(t.drill.empty()) << t.table.name;
  }
  // The categories and patronage types equal the SQL they replaced (issue 16), in every unit and period.
  auto done = db().transact([](storage::Tx& tx) -> util::Status {
    const std::vector<std::string> categories{"low_income", "large_family", "single_parent", "addiction",
                                              "child_with_disability", "refugee_or_migrant"};
    const std::vector<ReportPeriod> periods{{"2026-01-01", "2026-06-30"}, {"2026-06-30", "2026-06-30"},
                                            {"2026-07-01", "2026-12-31"}, {"2025-01-01", "2025-12-31"}};
    EXPECT_GT(expect_households_match_scan(tx, "report fixture", categories, periods), 5);
    return {};
  });
  EXPECT_TRUE(done);
}

TEST_P(ReportsTest, HeadOfTheUnitGetsDrillDownsToTheCaseList) {
  const auto tables = read("households", head);
  const auto& by_state = table(tables, "households_by_state");
  ASSERT_EQ(by_state.drill.size(), by_state.table.rows.size());
  ASSERT_TRUE(by_state.drill[3]);
  EXPECT_EQ(by_state.drill[3]->list, "cases");
  EXPECT_EQ(by_state.drill[3]->query, (std::vector<std::pair<std::string, std::string>>{{"state", "active"}}));
  // The head's figures are the auditor's.
  EXPECT_EQ(text(by_state.table.rows), text(table(read("households", auditor), "households_by_state").table.rows));
}

TEST_P(ReportsTest, CaseloadAgainstTheLimits) {
  const auto tables = read("caseload", head);
  const auto& t = table(tables, "caseload");
  EXPECT_EQ(text(t.table.rows), (Rows{{"Name of spec1", "Department", "3", "2", "0", "15", "yes"},
                                {"Name of spec2", "Centre", "0", "2", "0", "15", "no"}}));
}

TEST_P(ReportsTest, VisitsPlannedMadeMissedAndOnTime) {
  const auto tables = read("visits", auditor);
  const auto& t = table(tables, "visits_by_kind");
  EXPECT_EQ(text(t.table.rows), (Rows{{"home", "4", "2", "1", "1", "25.0"},
                                {"phone", "1", "1", "0", "1", "100.0"},
                                {"total", "5", "3", "1", "2", "40.0"}}));
  // The counters it sums equal the scan of the visits, in every unit and on the period's boundaries.
  auto done = db().transact([](storage::Tx& tx) -> util::Status {
    const std::vector<Period> periods{{"2026-01-01", "2026-06-30"}, {"2026-06-30", "2026-06-30"},
                                      {"2026-07-10", "2026-07-10"}};
    EXPECT_GT(expect_visit_counts_match_scan(tx, "report fixture", periods), 5);
    return {};
  });
  EXPECT_TRUE(done);
}

TEST_P(ReportsTest, MeasuresOfCurrentPlansDoneOnTime) {
  const auto tables = read("measures", auditor);
  const auto& t = table(tables, "measures_by_type");
  EXPECT_EQ(text(t.table.rows), (Rows{{"economic", "2", "0", "0", "1", "1", "0.0"},
                                {"psychological", "2", "2", "1", "0", "0", "50.0"},
                                {"total", "4", "2", "1", "1", "1", "33.3"}}));
}

TEST_P(ReportsTest, ServicesAndAidWithQuantitiesAndCost) {
  const auto tables = read("services", auditor);
  const auto& t = table(tables, "services_by_type");
  EXPECT_EQ(text(t.table.rows), (Rows{{"consultation", "session", "1", "1", "1", "500.0"},
                                {"food_sets", "set", "2", "2", "3", "1500.0"},
                                {"total", "", "3", "", "", "2000.0"}}));
  // The counters it sums equal the scan of the deliveries (issue 16), in every unit and on the period's boundaries.
  auto done = db().transact([](storage::Tx& tx) -> util::Status {
    const std::vector<ReportPeriod> periods{{"2026-01-01", "2026-06-30"}, {"2026-02-01", "2026-02-01"},
                                            {"2026-06-30", "2026-07-01"}};
    EXPECT_GT(expect_delivery_totals_match_scan(tx, "report fixture", periods), 5);
    return {};
  });
  EXPECT_TRUE(done);
}

TEST_P(ReportsTest, ReferralsByPartnerAndStatusWithResponseTimes) {
  const auto tables = read("referrals", auditor);
  EXPECT_EQ(text(table(tables, "referrals_by_partner_status").table.rows),
            (Rows{{"Поликлиника", "sent", "1"},
                  {"Школа №1", "accepted", "1"},
                  {"Школа №1", "done", "1"}}));
  // Школа №1: answered after 4 and 10 days, the first by its due day.
  EXPECT_EQ(text(table(tables, "referral_responses").table.rows),
            (Rows{{"Поликлиника", "1", "0", "0", ""}, {"Школа №1", "2", "2", "1", "7.0"}}));
}

TEST_P(ReportsTest, SignalsBySourceAndUrgencyAnsweredInTime) {
  const auto tables = read("signals", auditor);
  const auto& t = table(tables, "signals_by_source");
  EXPECT_EQ(text(t.table.rows), (Rows{{"neighbour", "emergency", "1", "0", "0", "0.0"},
                                {"school", "urgent", "3", "3", "2", "66.7"},
                                {"total", "", "4", "3", "2", "50.0"}}));
}

TEST_P(ReportsTest, OutcomesOfClosedCasesByTheMapOfChanges) {
  // K2: 165 days, improved; K12: 120 days, worse; K11: 120 days, one assessment only; K5 closed in July.
  const auto tables = read("outcomes", auditor);
  const auto& t = table(tables, "outcomes");
  EXPECT_EQ(text(t.table.rows), (Rows{{"improved", "1", "165.0"},
                                {"unchanged", "0", ""},
                                {"worse", "1", "120.0"},
                                {"not_assessed", "1", "120.0"},
                                {"total", "3", "135.0"}}));
}

TEST_P(ReportsTest, VolunteersHoursAndWards) {
  const auto tables = read("volunteers", auditor);
  EXPECT_EQ(text(table(tables, "volunteers_by_status").table.rows),
            (Rows{{"candidate", "0"}, {"trained", "1"}, {"active", "1"}, {"paused", "0"},
                  {"left", "0"}}));
  EXPECT_EQ(text(table(tables, "volunteer_activity").table.rows),
            (Rows{{"active_in_period", "1"},
                  {"hours", "2.0"},
                  {"wards_in_period", "2"},
                  {"volunteers_with_wards", "1"},
                  {"open_wards", "1"},
                  {"wards_per_volunteer", "1.0"}}));
}

TEST_P(ReportsTest, OneAuditEntryPerReadWithoutPersonalData) {
  const auto before = audited("report.read").size();
  auto report = app::read_report(services(), actor(auditor), meta(), request("signals"));
  ASSERT_TRUE(report);
  const auto entries = audited("report.read");
  ASSERT_EQ(entries.size(), before + 1);
  EXPECT_EQ(entries.front().entity, "unit");
  EXPECT_EQ(entries.front().entity_id, centre.id);
  EXPECT_EQ(entries.front().details, R"({"report":"signals","from":"2026-01-01","to":"2026-06-30"})");
}

TEST_P(ReportsTest, OnlyHeadsAndAuditorsReadReports) {
  for (const auto* user : {&admin, &spec1, &volunteer}) {
    auto report = app::read_report(services(), actor(*user), meta(), {"households", std::nullopt, {}, {}});
    ASSERT_FALSE(report) << user->login;
    EXPECT_EQ(report.error().code, util::ErrorCode::forbidden) << user->login;
    EXPECT_FALSE(app::report_catalogue(actor(*user))) << user->login;
  }
  EXPECT_EQ(app::report_catalogue(actor(head)).value().size(), 9U);
}

TEST_P(ReportsTest, BadParametersNameTheField) {
  auto check = [&](const app::ReportRequest& r, const storage::UserRecord& user, const char* field,
                   const char* reason) {
    auto report = app::read_report(services(), actor(user), meta(), r);
    ASSERT_FALSE(report) << field;
    EXPECT_EQ(report.error().code, util::ErrorCode::invalid) << field;
    EXPECT_TRUE(has_field(report.error(), field, reason)) << field;
  };
  check({"nope", centre.id, {}, {}}, head, "report", "report.unknown");
  check({"visits", centre.id, std::string("2026-13-01"), {}}, head, "from", "validation.date_invalid");
  check({"visits", centre.id, {}, std::string("yesterday")}, head, "to", "validation.date_invalid");
  check({"visits", centre.id, std::string("2026-06-01"), std::string("2026-05-31")}, head, "to",
        "report.period_reversed");
  check({"visits", other.id, {}, {}}, head, "unit", "report.unit_out_of_reach");
  check({"visits", region.id, {}, {}}, head, "unit", "report.unit_out_of_reach");
  check({"visits", "no-such-unit", {}, {}}, auditor, "unit", "report.unit_out_of_reach");
}

TEST_P(ReportsTest, DefaultsAreTheOwnUnitAndTheYearToToday) {
  auto report = app::read_report(services(), actor(other_head), meta(), {"households", std::nullopt, {}, {}});
  ASSERT_TRUE(report) << report.error().key;
  EXPECT_EQ(report->unit_id, other.id);
  EXPECT_EQ(report->unit_name, "Other centre");
  EXPECT_EQ(report->to, "2026-11-23");
  EXPECT_EQ(report->from, "2025-11-24");
  // Only K6 is in the other centre.
  EXPECT_EQ(text(table(report->tables, "households_by_state").table.rows)[3], (std::vector<std::string>{"active", "1"}));
}

INSTANTIATE_TEST_SUITE_P(Backends, ReportsTest, ::testing::ValuesIn(test_backends()),
                         [](const auto& info) { return backend_name(info.param); });

} // namespace
} // namespace patronage::testing
