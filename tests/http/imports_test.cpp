// Issue 18: the web import of a register (POST /api/v1/imports/households, undo, template), on both backends.
#include <gtest/gtest.h>

#include <soci/soci.h>

#include "app/duplicate_search.hpp"
#include "import/report.hpp"
#include "import/source.hpp"
#include "http/lifecycle_fixture.hpp"
#include "storage/audit.hpp"
#include "support/problems.hpp"

namespace patronage::testing {
namespace {

class Imports : public ::testing::TestWithParam<storage::Backend> {};

// The body of an import: the file, the unit, apply and the decisions by row.
std::string body(const std::string& file, const std::string& unit, bool apply,
                 const std::map<std::string, std::string>& decisions = {}) {
  boost::json::object o{{"file", base64(file)}, {"file_name", "Смирновы.csv"}, {"unit", unit}, {"apply", apply}};
  if (!decisions.empty()) {
    boost::json::object d;
    for (const auto& [row, decision] : decisions) {
      d[row] = decision;
    }
    o["decisions"] = std::move(d);
  }
  return boost::json::serialize(o);
}

// A new family of three (rows 2-4) and, in row 5, a member with a birth date that is not a date.
const std::string k_family = "Семья;Адрес;Фамилия;Имя;Отчество;Дата рождения;Пол;Роль в семье\r\n"
                             "1;г. Энск, ул. Садовая, д. 7;Смирнова;Ольга;Петровна;12.03.1988;ж;мать\r\n"
                             "1;г. Энск, ул. Садовая, д. 7;Смирнов;Илья;Андреевич;01.09.2014;м;сын\r\n"
                             "1;г. Энск, ул. Садовая, д. 7;Смирнова;Вера;Андреевна;2019-05-20;ж;дочь\r\n";
const std::string k_bad_row = "2;г. Энск, ул. Речная, д. 2;Кузнецова;Мария;;31.02.1990;ж;мать\r\n";

long long count(TestServer& server, const std::string& table) {
  return server.db()
      .transact([&](storage::Tx& tx) -> util::Result<long long> {
        long long n = 0;
        tx.sql() << "SELECT COUNT(*) FROM " + table, soci::into(n);
        return n;
      })
      .value_or(-1);
}

std::vector<storage::AuditEntry> audit_of(TestServer& server, const std::string& action,
                                         const std::string& entity = "import_batch") {
  std::vector<storage::AuditEntry> out;
  auto done = server.db().transact([&](storage::Tx& tx) -> util::Status {
    storage::AuditFilter filter;
    filter.entity = entity;
    for (auto& e : storage::list_audit(tx, filter)) {
      if (e.action == action) {
        out.push_back(std::move(e));
      }
    }
    return {};
  });
  EXPECT_TRUE(done);
  return out;
}

TEST_P(Imports, DryRunReportsEveryRowAndChangesNothing) {
  LifecycleWorld w(GetParam());
  auto head = w.client("head");
  const auto before = count(w.server, "households");
  auto r = head.post_json("/api/v1/imports/households", body(k_family, w.department, false));
  ASSERT_EQ(r.status, 200) << r.body;
  const auto& report = r.json();
  EXPECT_FALSE(report.at("applied").as_bool());
  EXPECT_TRUE(report.at("batch_id").is_null());
  EXPECT_EQ(report.at("counts").at("households_created").as_int64(), 1);
  EXPECT_EQ(report.at("counts").at("persons_created").as_int64(), 3);
  EXPECT_EQ(report.at("counts").at("errors").as_int64(), 0);
  ASSERT_EQ(report.at("rows").as_array().size(), 3U);
  EXPECT_EQ(report.at("rows").at(0).at("status").as_string(), "create");
  EXPECT_EQ(report.at("rows").at(0).at("name").as_string(), "Смирнова Ольга Петровна");
  EXPECT_EQ(count(w.server, "households"), before);
  EXPECT_EQ(count(w.server, "import_batches"), 0);
  const auto checks = audit_of(w.server, "import.check");
  ASSERT_EQ(checks.size(), 1U);
  EXPECT_EQ(checks[0].user_id, w.ids["head"]);
}

// A family's case in the file: the check says which case it opens, the load opens it, both in the report the page
// shows (counts.cases_opened and a line per case in the reader's language).
TEST_P(Imports, TheFilesCasesAreInTheReportOfTheCheckAndOfTheLoad) {
  LifecycleWorld w(GetParam());
  auto head = w.client("head");
  const std::string file =
      "Семья;Адрес;Фамилия;Имя;Пол;Состояние дела;Ведущий специалист (логин);Дело открыто;В состоянии с;Основания\r\n"
      "1;г. Энск, ул. Садовая, д. 7;Смирнова;Ольга;ж;обследование;spec;2026-09-01;2026-09-15;Сигнал школы\r\n";
  const auto cases_before = count(w.server, "cases");
  auto checked = head.post_json("/api/v1/imports/households", body(file, w.department, false));
  ASSERT_EQ(checked.status, 200) << checked.body;
  EXPECT_EQ(checked.json().at("counts").at("cases_opened").as_int64(), 1) << checked.body;
  ASSERT_EQ(checked.json().at("cases").as_array().size(), 1U) << checked.body;
  const auto& planned = checked.json().at("cases").at(0);
  EXPECT_EQ(planned.at("row").as_int64(), 2);
  EXPECT_TRUE(planned.at("open").as_bool());
  EXPECT_EQ(planned.at("state").as_string(), "assessment");
  EXPECT_EQ(planned.at("lead").as_string(), "spec");
  EXPECT_TRUE(planned.at("number").is_null());
  EXPECT_EQ(planned.at("message").as_string(), "будет открыто дело: Обследование, ведущий spec, открыто 2026-09-01");
  EXPECT_EQ(count(w.server, "cases"), cases_before);

  auto loaded = head.post_json("/api/v1/imports/households", body(file, w.department, true));
  ASSERT_EQ(loaded.status, 200) << loaded.body;
  ASSERT_TRUE(loaded.json().at("applied").as_bool()) << loaded.body;
  EXPECT_EQ(loaded.json().at("counts").at("cases_opened").as_int64(), 1);
  const auto& opened = loaded.json().at("cases").at(0);
  EXPECT_TRUE(opened.at("number").is_string()) << loaded.body;
  EXPECT_EQ(count(w.server, "cases"), cases_before + 1);
}

TEST_P(Imports, ApplyWithOneBadRowChangesNothingAndNamesTheRowAndColumn) {
  LifecycleWorld w(GetParam());
  auto head = w.client("head");
  const auto before = count(w.server, "persons");
  auto r = head.post_json("/api/v1/imports/households", body(k_family + k_bad_row, w.department, true));
  ASSERT_EQ(r.status, 200) << r.body;
  const auto& report = r.json();
  EXPECT_FALSE(report.at("applied").as_bool());
  ASSERT_EQ(report.at("issues").as_array().size(), 1U) << r.body;
  const auto& issue = report.at("issues").at(0);
  EXPECT_EQ(issue.at("row").as_int64(), 5);
  EXPECT_EQ(issue.at("column").as_string(), "Дата рождения");
  EXPECT_EQ(issue.at("value").as_string(), "31.02.1990");
  EXPECT_EQ(issue.at("key").as_string(), "import.date_invalid");
  EXPECT_NE(std::string(issue.at("message").as_string()).find("дата"), std::string::npos) << issue;
  EXPECT_EQ(count(w.server, "persons"), before);
  EXPECT_EQ(count(w.server, "import_batches"), 0);

  // In English the message is English and a column no cell holds is titled, not coded.
  head.language() = "en";
  auto en = head.post_json("/api/v1/imports/households",
                           body("Адрес;Фамилия;Имя\r\nг. Энск;Новикова;Анна\r\n", w.department, false));
  ASSERT_EQ(en.status, 200) << en.body;
  EXPECT_EQ(en.json().at("issues").at(0).at("column").as_string(), "Sex") << en.body;
  EXPECT_EQ(en.json().at("issues").at(0).at("message").as_string(), "A new person needs a sex");
}

TEST_P(Imports, ApplyLoadsOneBatchAuditedWithoutPersonalDataAndUndoRemovesIt) {
  LifecycleWorld w(GetParam());
  auto head = w.client("head");
  const auto before = count(w.server, "persons");
  auto r = head.post_json("/api/v1/imports/households", body(k_family, w.department, true));
  ASSERT_EQ(r.status, 200) << r.body;
  ASSERT_TRUE(r.json().at("applied").as_bool()) << r.body;
  const std::string batch(r.json().at("batch_id").as_string());
  EXPECT_EQ(count(w.server, "persons"), before + 3);
  const auto household = std::string(r.json().at("rows").at(0).at("household_id").as_string());
  EXPECT_EQ(head.get("/api/v1/households/" + household).status, 200);

  const auto applied = audit_of(w.server, "import.apply");
  ASSERT_EQ(applied.size(), 1U);
  EXPECT_EQ(applied[0].entity_id, batch);
  for (const char* personal : {"Смирнов", "Садовая", "1988", "Смирновы.csv", "Ольга"}) {
    EXPECT_EQ(applied[0].details.find(personal), std::string::npos) << personal << " in " << applied[0].details;
  }
  EXPECT_NE(applied[0].details.find("\"persons_created\":3"), std::string::npos) << applied[0].details;

  // Another head may not undo it (it is not theirs to see); the head who may, does.
  auto other = w.client("other_head");
  auto refused = other.post_json("/api/v1/imports/" + batch + "/undo", "");
  EXPECT_EQ(refused.status, 404) << refused.body;
  auto spec = w.client("spec");
  EXPECT_EQ(spec.post_json("/api/v1/imports/" + batch + "/undo", "").status, 403);
  auto undone = head.post_json("/api/v1/imports/" + batch + "/undo", "");
  ASSERT_EQ(undone.status, 200) << undone.body;
  EXPECT_EQ(undone.json().at("removed").as_int64(), 4);
  EXPECT_EQ(count(w.server, "persons"), before);
  EXPECT_EQ(audit_of(w.server, "import.undo").size(), 1U);
}

TEST_P(Imports, OnlyHeadsImportAndOnlyIntoTheirOwnSubtree) {
  LifecycleWorld w(GetParam());
  for (const char* login : {"admin", "spec", "auditor", "coordinator"}) {
    auto c = w.client(login);
    const auto before = count(w.server, "audit_log");
    auto r = c.post_json("/api/v1/imports/households", body(k_family, w.department, false));
    EXPECT_EQ(r.status, 403) << login << ": " << r.body;
    EXPECT_EQ(c.get("/api/v1/imports/households/template").status, 403) << login;
    EXPECT_EQ(count(w.server, "audit_log"), before + 0) << login << " refused, yet something was written";
  }
  // A head of another centre: the department is not theirs.
  auto other = w.client("other_head");
  auto r = other.post_json("/api/v1/imports/households", body(k_family, w.department, true));
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(fields_of(r), std::vector<std::string>{"unit"});
  // Nor a unit named in the file.
  auto named = other.post_json("/api/v1/imports/households",
                               body("Адрес;Подразделение\r\nг. Энск;Department\r\n", w.other_centre, false));
  ASSERT_EQ(named.status, 200) << named.body;
  EXPECT_EQ(named.json().at("issues").at(0).at("key").as_string(), "import.unit_unknown");
  EXPECT_EQ(count(w.server, "households"), 0);
}

TEST_P(Imports, MatchesAndDecisionsStayInsideTheCallersSubtree) {
  LifecycleWorld w(GetParam());
  w.add_family(); // Иванова Анна 1990-01-01 and Иванов Пётр in the department
  // The fixture writes rows directly: give its persons the matcher's keys, as the forms' writes do.
  ASSERT_TRUE(w.server.db().transact([&](storage::Tx& tx) -> util::Status {
    const auto household = *storage::find_household(tx, w.household);
    for (const auto& person : storage::list_persons(tx, w.household)) {
      app::refresh_duplicate_keys(tx, household, &person);
    }
    return {};
  }));
  const std::string twin = "Адрес;Фамилия;Имя;Дата рождения;Пол;Роль в семье\r\n"
                           "г. Энск, ул. Ленина, д. 1;Иванова;Анна;01.01.1990;ж;мать\r\n";

  // The head of the centre sees the probable duplicate, named, and may decide it is the same person.
  auto head = w.client("head");
  auto own = head.post_json("/api/v1/imports/households", body(twin, w.department, false));
  ASSERT_EQ(own.status, 200) << own.body;
  const auto& row = own.json().at("rows").at(0);
  EXPECT_EQ(row.at("status").as_string(), "held");
  ASSERT_FALSE(row.at("matches").as_array().empty());
  EXPECT_EQ(row.at("matches").at(0).at("person_id").as_string(), w.mother);
  EXPECT_NE(std::string(row.at("matches").at(0).at("name").as_string()).find("Иванова"), std::string::npos);

  // The head of another centre is not shown that family at all.
  auto other = w.client("other_head");
  auto theirs = other.post_json("/api/v1/imports/households", body(twin, w.other_centre, false));
  ASSERT_EQ(theirs.status, 200) << theirs.body;
  EXPECT_EQ(theirs.json().at("rows").at(0).at("status").as_string(), "create");
  EXPECT_TRUE(theirs.json().at("rows").at(0).at("matches").as_array().empty());
  EXPECT_EQ(theirs.body.find(w.mother), std::string::npos);

  // ... and a "same:" decision naming it is refused as an unknown person: nothing is written.
  const auto before = count(w.server, "persons");
  auto same = other.post_json("/api/v1/imports/households", body(twin, w.other_centre, true, {{"2", "same:" + w.mother}}));
  ASSERT_EQ(same.status, 200) << same.body;
  EXPECT_FALSE(same.json().at("applied").as_bool());
  ASSERT_EQ(same.json().at("issues").as_array().size(), 1U) << same.body;
  EXPECT_EQ(same.json().at("issues").at(0).at("key").as_string(), "import.decision_person_unknown");
  EXPECT_EQ(same.json().at("issues").at(0).at("row").as_int64(), 2);
  EXPECT_EQ(count(w.server, "persons"), before);

  // Nor may its household id be named in the family column.
  auto by_id = other.post_json("/api/v1/imports/households",
                               body("Семья;Адрес\r\n" + w.household + ";ул. Чужая, 1\r\n", w.other_centre, true));
  ASSERT_EQ(by_id.status, 200) << by_id.body;
  EXPECT_FALSE(by_id.json().at("applied").as_bool());
  EXPECT_EQ(by_id.json().at("issues").at(0).at("key").as_string(), "import.household_not_found");
  EXPECT_EQ(head.get("/api/v1/households/" + w.household).json().at("address").as_string(),
            "г. Энск, ул. Ленина, д. 1");

  // The head who may, decides "same": the stored person is updated, nothing created.
  auto decided = head.post_json("/api/v1/imports/households", body(twin, w.department, true, {{"2", "same:" + w.mother}}));
  ASSERT_EQ(decided.status, 200) << decided.body;
  EXPECT_TRUE(decided.json().at("applied").as_bool()) << decided.body;
  EXPECT_EQ(decided.json().at("counts").at("persons_created").as_int64(), 0);
  EXPECT_EQ(count(w.server, "persons"), before);

  // A malformed decision is a field error.
  auto bad = head.post_json("/api/v1/imports/households", body(twin, w.department, false, {{"2", "maybe"}}));
  EXPECT_EQ(bad.status, 422) << bad.body;
  EXPECT_EQ(fields_of(bad), std::vector<std::string>{"decisions.2"});
}

TEST_P(Imports, ABodyOverTheLimitIsRefusedWith413) {
  LifecycleWorld w(GetParam());
  auto head = w.client("head");
  const auto audited = count(w.server, "audit_log");
  std::string huge = R"({"file":")" + std::string((size_t{20} << 20) + 16, 'A') + R"("})";
  auto r = head.post_json("/api/v1/imports/households", huge);
  EXPECT_EQ(r.status, 413) << r.body.substr(0, 200);
  EXPECT_EQ(count(w.server, "audit_log"), audited);
  // Under the limit a body larger than the other routes' is read (a file of 3 MiB: base64 4 MiB).
  const std::string street(1000, 'x');
  std::string rows = "Адрес;Фамилия;Имя;Пол\r\n";
  while (rows.size() < (size_t{3} << 20)) {
    rows += "г. Энск, ул. " + street + ", д. " + std::to_string(rows.size()) + ";;;\r\n";
  }
  auto big = head.post_json("/api/v1/imports/households", body(rows, w.department, false));
  EXPECT_EQ(big.status, 200) << big.body.substr(0, 300);
}

TEST_P(Imports, AFileOfMoreThan5000RowsIsLeftToTheCommandLine) {
  LifecycleWorld w(GetParam());
  auto head = w.client("head");
  std::string rows = "Адрес;Фамилия;Имя;Пол\r\n";
  for (int i = 0; i < 5001; ++i) {
    rows += "г. Энск, ул. Садовая, д. " + std::to_string(i) + ";Орлова;Анна;ж\r\n";
  }
  auto r = head.post_json("/api/v1/imports/households", body(rows, w.department, true));
  EXPECT_EQ(r.status, 422) << r.body.substr(0, 300);
  EXPECT_EQ(fields_of(r), std::vector<std::string>{"file"});
  EXPECT_NE(r.body.find("import.too_many_rows_for_web"), std::string::npos) << r.body.substr(0, 300);
  EXPECT_EQ(count(w.server, "import_batches"), 0);
}

TEST_P(Imports, TheTemplateIsAWorkbookInTheReadersLanguage) {
  LifecycleWorld w(GetParam());
  auto head = w.client("head");
  auto r = head.get("/api/v1/imports/households/template");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.body.substr(0, 2), "PK");
  EXPECT_NE(r.headers.at("content-disposition").find("import-template.xlsx"), std::string::npos);
}

// Another register's headers, named by a mapping file sent beside the file.
const std::string k_other_register = "Номер дела;Адрес проживания;Фамилия матери;Имя матери;Пол\r\n"
                                     "17;г. Энск, ул. Озёрная, д. 3;Белова;Дарья;ж\r\n";
const std::string k_mapping = "[columns]\n"
                              "household = \"Номер дела\"\n"
                              "address = [\"Адрес регистрации\", \"Адрес проживания\"]\n"
                              "last_name = \"Фамилия матери\"\n"
                              "first_name = \"Имя матери\"\n";

std::string with_mapping(const std::string& body_json, const std::string& mapping) {
  auto o = boost::json::parse(body_json).as_object();
  o["mapping"] = mapping;
  return boost::json::serialize(o);
}

TEST_P(Imports, AMappingFileNamesAnotherRegistersColumnsForTheCheckAndTheApply) {
  LifecycleWorld w(GetParam());
  auto head = w.client("head");
  // Without the mapping the file has no address column.
  auto plain = head.post_json("/api/v1/imports/households", body(k_other_register, w.department, false));
  EXPECT_EQ(plain.status, 422) << plain.body;
  EXPECT_EQ(type_of(plain), problem_uri("import.columns_missing"));

  auto checked = head.post_json("/api/v1/imports/households",
                                with_mapping(body(k_other_register, w.department, false), k_mapping));
  ASSERT_EQ(checked.status, 200) << checked.body;
  EXPECT_EQ(checked.json().at("counts").at("persons_created").as_int64(), 1) << checked.body;
  EXPECT_EQ(checked.json().at("rows").at(0).at("name").as_string(), "Белова Дарья");

  auto applied = head.post_json("/api/v1/imports/households",
                                with_mapping(body(k_other_register, w.department, true), k_mapping));
  ASSERT_EQ(applied.status, 200) << applied.body;
  ASSERT_TRUE(applied.json().at("applied").as_bool()) << applied.body;
  const std::string household(applied.json().at("rows").at(0).at("household_id").as_string());
  auto stored = head.get("/api/v1/households/" + household);
  ASSERT_EQ(stored.status, 200) << stored.body;
  EXPECT_EQ(stored.json().at("address").as_string(), "г. Энск, ул. Озёрная, д. 3");
}

TEST_P(Imports, ABadMappingIs422OnMappingWithItsReasonAndNothingIsWritten) {
  LifecycleWorld w(GetParam());
  auto head = w.client("head");
  const auto audited = count(w.server, "audit_log");
  const auto file = body(k_other_register, w.department, false);
  // Not TOML at all.
  auto broken = head.post_json("/api/v1/imports/households", with_mapping(file, "[columns\naddress = "));
  EXPECT_EQ(broken.status, 422) << broken.body;
  EXPECT_EQ(fields_of(broken), std::vector<std::string>{"mapping"});
  EXPECT_EQ(type_of(broken), problem_uri("import.mapping_invalid"));
  EXPECT_FALSE(std::string(broken.json().at("params").at("reason").as_string()).empty()) << broken.body;
  // TOML, but a field the import does not know: the reason names it, in the detail and the field's message.
  auto unknown = head.post_json("/api/v1/imports/households", with_mapping(file, "[columns]\nnickname = \"Прозвище\"\n"));
  EXPECT_EQ(unknown.status, 422) << unknown.body;
  EXPECT_EQ(fields_of(unknown), std::vector<std::string>{"mapping"});
  EXPECT_NE(std::string(unknown.json().at("errors").at(0).at("message").as_string()).find("nickname"),
            std::string::npos)
      << unknown.body;
  // A header that is not text.
  auto number = head.post_json("/api/v1/imports/households", with_mapping(file, "[columns]\naddress = 5\n"));
  EXPECT_EQ(number.status, 422) << number.body;
  EXPECT_EQ(fields_of(number), std::vector<std::string>{"mapping"});
  // Binary bytes (a workbook sent as the mapping): refused as text before any parsing.
  auto binary = head.post_json("/api/v1/imports/households", with_mapping(file, std::string("PK\x03\x04\x01", 5)));
  EXPECT_EQ(binary.status, 422) << binary.body;
  EXPECT_EQ(fields_of(binary), std::vector<std::string>{"mapping"});
  // Arrays nested past the parser's limit: refused, not a stack overflow.
  auto deep = head.post_json("/api/v1/imports/households",
                             with_mapping(file, "[columns]\naddress = " + std::string(5000, '[') + "\n"));
  EXPECT_EQ(deep.status, 422) << deep.body.substr(0, 300);
  EXPECT_EQ(fields_of(deep), std::vector<std::string>{"mapping"});
  // Larger than a mapping file can be.
  auto huge = head.post_json("/api/v1/imports/households",
                             with_mapping(file, "# " + std::string(size_t{70} << 10, 'x') + "\n"));
  EXPECT_EQ(huge.status, 422) << huge.body.substr(0, 300);
  EXPECT_EQ(fields_of(huge), std::vector<std::string>{"mapping"});
  EXPECT_EQ(count(w.server, "audit_log"), audited);
  EXPECT_EQ(count(w.server, "households"), 0);
}

TEST_P(Imports, AFileThatIsNotBase64IsRefusedOnFile) {
  LifecycleWorld w(GetParam());
  auto head = w.client("head");
  for (const char* path : {"/api/v1/imports/households", "/api/v1/imports/households/report"}) {
    auto r = head.post_json(path, R"({"file":"%%% не base64 %%%","unit":")" + w.department + R"("})");
    EXPECT_EQ(r.status, 422) << path << ": " << r.body;
    EXPECT_EQ(fields_of(r), std::vector<std::string>{"file"}) << path;
    auto wrong_type = head.post_json(path, R"({"file":12345})");
    EXPECT_EQ(wrong_type.status, 422) << path << ": " << wrong_type.body;
  }
  auto huge = head.post_json("/api/v1/imports/households/report",
                             R"({"file":")" + std::string((size_t{20} << 20) + 16, 'A') + R"("})");
  EXPECT_EQ(huge.status, 413) << huge.body.substr(0, 200);
}

TEST_P(Imports, TheReportDownloadsAsAWorkbookThatReadsBackAsDecisions) {
  LifecycleWorld w(GetParam());
  w.add_family();
  ASSERT_TRUE(w.server.db().transact([&](storage::Tx& tx) -> util::Status {
    const auto household = *storage::find_household(tx, w.household);
    for (const auto& person : storage::list_persons(tx, w.household)) {
      app::refresh_duplicate_keys(tx, household, &person);
    }
    return {};
  }));
  // Rows 2-4 a new family, row 5 the stored mother again, row 6 a bad date.
  const std::string file = k_family + "2;г. Энск, ул. Ленина, д. 1;Иванова;Анна;;01.01.1990;ж;мать\r\n" +
                           "3;г. Энск, ул. Речная, д. 2;Кузнецова;Мария;;31.02.1990;ж;мать\r\n";
  auto head = w.client("head");
  const auto checks = audit_of(w.server, "import.check").size();
  auto r = head.post_json("/api/v1/imports/households/report", body(file, w.department, false));
  ASSERT_EQ(r.status, 200) << r.body.substr(0, 300);
  EXPECT_EQ(r.body.substr(0, 2), "PK");
  EXPECT_NE(r.headers.at("content-disposition").find("import-report.xlsx"), std::string::npos);
  EXPECT_EQ(audit_of(w.server, "import.check").size(), checks + 1);

  auto table = import::read_table(r.body);
  ASSERT_TRUE(table) << table.error().key;
  EXPECT_EQ(table->header, (std::vector<std::string>{"row", "status", "column", "value", "message", "match", "score",
                                                     "reasons", "decision"}));
  std::map<std::string, std::vector<std::string>> by_row; // row → its lines' status
  std::string held_match;
  std::string error_message;
  for (const auto& line : table->rows) {
    by_row[line.cells[0].text].push_back(line.cells[1].text);
    if (line.cells[1].text == "held") {
      held_match = line.cells[5].text;
      EXPECT_FALSE(line.cells[6].text.empty()) << "a held line has its score";
      EXPECT_NE(line.cells[7].text.find("same_birth_date"), std::string::npos) << line.cells[7].text;
    }
    if (line.cells[1].text == "error") {
      EXPECT_EQ(line.cells[2].text, "Дата рождения");
      EXPECT_EQ(line.cells[3].text, "31.02.1990");
      error_message = line.cells[4].text;
    }
  }
  EXPECT_EQ(by_row["2"], std::vector<std::string>{"create"});
  EXPECT_EQ(by_row["4"], std::vector<std::string>{"create"});
  EXPECT_EQ(by_row["5"], std::vector<std::string>{"held"});
  EXPECT_EQ(by_row["6"].front(), "error");
  EXPECT_EQ(held_match, "person:" + w.mother);
  EXPECT_NE(error_message.find("Не дата"), std::string::npos) << error_message;

  // The filled report is a decisions file (as the CLI's --decisions reads it).
  auto decisions = import::read_decisions(*table);
  ASSERT_TRUE(decisions) << decisions.error().key;
  EXPECT_TRUE(decisions->empty());

  // In English the reasons are English; the headers stay the same.
  head.language() = "en";
  auto en = head.post_json("/api/v1/imports/households/report", body(file, w.department, false));
  ASSERT_EQ(en.status, 200);
  auto en_table = import::read_table(en.body);
  ASSERT_TRUE(en_table);
  EXPECT_EQ(en_table->header.front(), "row");
  bool english = false;
  for (const auto& line : en_table->rows) {
    english = english || line.cells[4].text.find("Not a date") != std::string::npos;
  }
  EXPECT_TRUE(english);

  // The report is of a check only; another unit's head gets no workbook of this unit.
  auto apply = head.post_json("/api/v1/imports/households/report", body(file, w.department, true));
  EXPECT_EQ(apply.status, 422) << apply.body;
  EXPECT_EQ(fields_of(apply), std::vector<std::string>{"apply"});
  auto other = w.client("other_head").post_json("/api/v1/imports/households/report", body(file, w.department, false));
  EXPECT_EQ(other.status, 422) << other.body;
  EXPECT_EQ(fields_of(other), std::vector<std::string>{"unit"});
  EXPECT_EQ(w.client("spec").post_json("/api/v1/imports/households/report", body(file, w.department, false)).status,
            403);
}

TEST_P(Imports, AHeldRowComesWithTheFilesValuesAndTheStoredPersonInReachAudited) {
  LifecycleWorld w(GetParam());
  w.add_family();
  ASSERT_TRUE(w.server.db().transact([&](storage::Tx& tx) -> util::Status {
    auto household = *storage::find_household(tx, w.household);
    household.phone = "+7 900 111-22-33";
    storage::update_household(tx, household, household.version);
    auto mother = *storage::find_person(tx, w.mother);
    mother.snils = "11223344595";
    mother.patronymic = "Ивановна";
    storage::update_person(tx, mother, mother.version);
    for (const auto& person : storage::list_persons(tx, w.household)) {
      app::refresh_duplicate_keys(tx, household, &person);
    }
    return {};
  }));
  const std::string twin = "Адрес;Фамилия;Имя;Отчество;Дата рождения;Пол;Телефон\r\n"
                           "г. Энск, ул. Ленина, д. 1, кв. 2;Иванова;Анна;Ивановна;01.01.1990;ж;8 900 111 22 33\r\n";
  auto head = w.client("head");
  auto checked = head.post_json("/api/v1/imports/households", body(twin, w.department, false));
  ASSERT_EQ(checked.status, 200) << checked.body;
  const auto& row = checked.json().at("rows").at(0);
  ASSERT_EQ(row.at("status").as_string(), "held") << checked.body;
  const auto& values = row.at("values");
  EXPECT_EQ(values.at("last_name").as_string(), "Иванова");
  EXPECT_EQ(values.at("birth_date").as_string(), "1990-01-01");
  EXPECT_EQ(values.at("sex").as_string(), "female");
  EXPECT_EQ(values.at("address").as_string(), "г. Энск, ул. Ленина, д. 1, кв. 2");
  EXPECT_EQ(values.at("phone").as_string(), "8 900 111 22 33");
  ASSERT_EQ(row.at("matches").at(0).at("person_id").as_string(), w.mother);

  // The stored side, for the head whose subtree holds it: read and audited.
  auto stored = head.get("/api/v1/imports/matches?ids=" + w.mother);
  ASSERT_EQ(stored.status, 200) << stored.body;
  ASSERT_EQ(stored.json().at("items").as_array().size(), 1U) << stored.body;
  const auto& person = stored.json().at("items").at(0);
  EXPECT_EQ(person.at("person_id").as_string(), w.mother);
  EXPECT_EQ(person.at("household_id").as_string(), w.household);
  EXPECT_EQ(person.at("last_name").as_string(), "Иванова");
  EXPECT_EQ(person.at("patronymic").as_string(), "Ивановна");
  EXPECT_EQ(person.at("birth_date").as_string(), "1990-01-01");
  EXPECT_EQ(person.at("sex").as_string(), "female");
  EXPECT_EQ(person.at("snils").as_string(), "11223344595"); // heads read sensitive fields of their subtree
  EXPECT_EQ(person.at("address").as_string(), "г. Энск, ул. Ленина, д. 1");
  EXPECT_EQ(person.at("phone").as_string(), "+7 900 111-22-33");
  auto reads = audit_of(w.server, "import.match_read", "person");
  ASSERT_EQ(reads.size(), 1U);
  EXPECT_EQ(reads[0].entity_id, w.mother);
  EXPECT_EQ(reads[0].user_id, w.ids["head"]);
  EXPECT_EQ(audit_of(w.server, "person.sensitive_read", "person").size(), 1U);

  // A head of another centre asking for that person by id gets nothing, and nothing is audited as read.
  auto other = w.client("other_head");
  auto refused = other.get("/api/v1/imports/matches?ids=" + w.mother + "," + w.child + ",nosuchperson");
  ASSERT_EQ(refused.status, 200) << refused.body;
  EXPECT_TRUE(refused.json().at("items").as_array().empty()) << refused.body;
  EXPECT_EQ(refused.body.find("Иванова"), std::string::npos);
  EXPECT_EQ(audit_of(w.server, "import.match_read", "person").size(), 1U);

  // Nor may anyone but a head ask; too many ids or an overlong one is a bad query.
  EXPECT_EQ(w.client("spec").get("/api/v1/imports/matches?ids=" + w.mother).status, 403);
  EXPECT_EQ(w.client("admin").get("/api/v1/imports/matches?ids=" + w.mother).status, 403);
  std::string many;
  for (int i = 0; i < 51; ++i) {
    many += (i == 0 ? "" : ",") + std::string("p") + std::to_string(i);
  }
  EXPECT_EQ(head.get("/api/v1/imports/matches?ids=" + many).status, 400);
  EXPECT_EQ(head.get("/api/v1/imports/matches?ids=" + std::string(100, 'a')).status, 400);
  EXPECT_EQ(audit_of(w.server, "import.match_read", "person").size(), 1U);
}

INSTANTIATE_TEST_SUITE_P(Backends, Imports, ::testing::ValuesIn(test_backends()),
                         [](const auto& info) { return backend_name(info.param); });

} // namespace
} // namespace patronage::testing
