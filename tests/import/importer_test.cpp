// The import core (issue 18) on both backends: hand-made files go through the readers, the default mapping, the
// row checks and import_households as the command line runs them.

#include "import/importer.hpp"

#include "app/exports.hpp"
#include "util/csv_writer.hpp"

#include "app/app_fixture.hpp"
#include "app/duplicate_search.hpp"
#include "app/households.hpp"
#include "http/messages.hpp"
#include "import/mapping.hpp"
#include "import/plan.hpp"
#include "import/report.hpp"
#include "import/source.hpp"
#include "storage/cases.hpp"
#include "storage/households.hpp"
#include "storage/visits.hpp"
#include "support/search_index.hpp"
#include "support/visit_counts_oracle.hpp"

#include <filesystem>
#include <fstream>
#include <gmock/gmock.h>
#include <iterator>
#include <sstream>
#include <tuple>
#include <xlsxwriter.h>
#include <soci/soci.h>

namespace patronage::testing {
namespace {

using ::testing::HasSubstr;

class Importer : public AppTest {
protected:
  void SetUp() override {
    region = add_unit("Region", "region");
    dept = add_unit("Отделение", "department", region.id);
    head = actor(add_user("head", "head", dept.id));
  }

  // The file through every step of `patronage import households`.
  util::Result<import::ImportReport> run(const std::string& bytes, bool apply, import::Decisions decisions = {}) {
    auto table = import::read_table(bytes);
    if (!table) {
      return util::fail(table.error());
    }
    const auto mapping = import::default_mapping(http::translations);
    auto columns = import::resolve_columns(mapping, table->header);
    if (!columns) {
      return util::fail(columns.error());
    }
    const auto plan = import::plan_rows(*table, *columns, import::vocabulary(http::translations, mapping),
                                        *util::parse_date("2026-11-23"));
    import::ImportOptions options;
    options.file_name = "test.csv";
    options.file_sha256 = util::sha256_hex(bytes);
    options.unit_id = dept.id;
    options.decisions = std::move(decisions);
    options.apply = apply;
    options.operator_name = "tester";
    return import::import_households(services(), head, meta(), plan, options);
  }

  // Every table an import writes, as sorted text lines.
  std::vector<std::string> snapshot() {
    const std::vector<std::string> queries{
        "SELECT id || '|' || unit_id || '|' || address || '|' || phone || '|' || categories || '|' || notes || '|' || "
        "CAST(version AS TEXT) || '|' || CAST(updated_at AS TEXT) FROM households",
        "SELECT id || '|' || household_id || '|' || last_name || '|' || first_name || '|' || patronymic || '|' || "
        "COALESCE(birth_date, '-') || '|' || sex || '|' || household_role || '|' || phone || '|' || "
        "COALESCE(snils, '-') || '|' || CAST(version AS TEXT) || '|' || CAST(updated_at AS TEXT) FROM persons",
        "SELECT person_id || '|' || match_key FROM person_keys",
        "SELECT household_id || '|' || match_key FROM household_keys",
        "SELECT term || '|' || household_id || '|' || person_id || '|' || field || '|' || unit_id FROM search_terms",
        "SELECT id FROM import_batches",
        "SELECT batch_id || '|' || entity_id FROM import_records",
        "SELECT person_id FROM person_sensitive",
        "SELECT id FROM change_history",
    };
    std::vector<std::string> out;
    auto done = db().transact([&](storage::Tx& tx) -> util::Status {
      for (const auto& query : queries) {
        std::vector<std::string> lines;
        soci::rowset<std::string> rows = tx.sql().prepare << query;
        for (const auto& line : rows) {
          lines.push_back(line);
        }
        std::sort(lines.begin(), lines.end());
        out.push_back(query.substr(query.rfind(' ') + 1) + ":");
        out.insert(out.end(), lines.begin(), lines.end());
      }
      return {};
    });
    EXPECT_TRUE(done);
    return out;
  }

  // Issue 16: the bulk path writes each term with its household's unit, as storage::replace_search_terms does.
  void expect_search_terms_in_their_units() {
    auto counted = db().transact([](storage::Tx& tx) -> util::Result<SearchTermUnits> { return search_term_units(tx); });
    ASSERT_TRUE(counted);
    EXPECT_GT(counted->rows, 0);
    EXPECT_EQ(counted->off_their_unit, 0);
  }

  // The match keys the bulk path wrote are those the app's own writes keep (app::refresh_duplicate_keys).
  void expect_match_keys_as_the_app_writes_them() {
    const auto written = snapshot();
    auto refreshed = db().transact([](storage::Tx& tx) -> util::Status {
      std::vector<std::string> ids;
      soci::rowset<std::string> rows = tx.sql().prepare << "SELECT id FROM households";
      ids.assign(rows.begin(), rows.end());
      for (const auto& id : ids) {
        const auto household = *storage::find_household(tx, id);
        for (const auto& person : storage::list_persons(tx, id)) {
          app::refresh_duplicate_keys(tx, household, &person);
        }
        app::refresh_duplicate_keys(tx, household, nullptr);
      }
      return {};
    });
    ASSERT_TRUE(refreshed);
    EXPECT_EQ(snapshot(), written);
  }

  long long count(const std::string& table) {
    long long n = 0;
    EXPECT_TRUE(db().transact([&](storage::Tx& tx) -> util::Status {
      tx.sql() << "SELECT COUNT(*) FROM " + table, soci::into(n);
      return {};
    }));
    return n;
  }

  std::vector<storage::PersonRecord> persons_named(const std::string& last_name) {
    std::vector<storage::PersonRecord> out;
    EXPECT_TRUE(db().transact([&](storage::Tx& tx) -> util::Status {
      std::vector<std::string> ids;
      std::string id;
      soci::statement st = (tx.sql().prepare << "SELECT id FROM persons WHERE last_name = :l ORDER BY id",
                            soci::use(last_name), soci::into(id));
      st.execute();
      while (st.fetch()) {
        ids.push_back(id);
      }
      for (const auto& each : ids) {
        out.push_back(*storage::find_person(tx, each));
      }
      return {};
    }));
    return out;
  }

  static const import::Issue* issue_at(const import::ImportReport& report, int row, const std::string& key) {
    for (const auto& issue : report.issues) {
      if (issue.row == row && issue.key == key) {
        return &issue;
      }
    }
    return nullptr;
  }

  static const import::RowOutcome* outcome(const import::ImportReport& report, int row) {
    for (const auto& r : report.rows) {
      if (r.row == row) {
        return &r;
      }
    }
    return nullptr;
  }

  storage::UnitRecord region, dept;
  app::Actor head;
};

const std::string k_header = "Семья;Адрес;Категории;Фамилия;Имя;Отчество;Дата рождения;Пол;Роль в семье;СНИЛС\n";

TEST_P(Importer, Windows1251FileIsCheckedAndNothingIsWrittenOnADryRun) {
  // "Семья;Адрес;Фамилия;Имя;Пол\r\n1;г. Тула;Иванова;Анна;ж\r\n1;г. Тула;Иванов;Пётр;м\r\n" in Windows-1251.
  const std::string bytes =
      "\xD1\xE5\xEC\xFC\xFF;\xC0\xE4\xF0\xE5\xF1;\xD4\xE0\xEC\xE8\xEB\xE8\xFF;\xC8\xEC\xFF;\xCF\xEE\xEB\r\n"
      "1;\xE3. \xD2\xF3\xEB\xE0;\xC8\xE2\xE0\xED\xEE\xE2\xE0;\xC0\xED\xED\xE0;\xE6\r\n"
      "1;\xE3. \xD2\xF3\xEB\xE0;\xC8\xE2\xE0\xED\xEE\xE2;\xCF\xB8\xF2\xF0;\xEC\r\n";
  auto report = run(bytes, false);
  ASSERT_TRUE(report) << report.error().key;
  EXPECT_TRUE(report->issues.empty()) << report->issues.front().key;
  EXPECT_EQ(report->households_created, 1U);
  EXPECT_EQ(report->persons_created, 2U);
  ASSERT_NE(outcome(*report, 3), nullptr);
  EXPECT_EQ(outcome(*report, 3)->status, import::RowStatus::create);
  EXPECT_FALSE(report->applied);
  EXPECT_EQ(count("households"), 0);
  EXPECT_EQ(audited("import.check").size(), 1U);
}

TEST_P(Importer, Utf8WithBomAppliesFamiliesWithTheirMembers) {
  const std::string bytes = "\xEF\xBB\xBF" + k_header +
                            "A;г. Самара, ул. Победы, д. 86, кв. 3;Малоимущая, large_family;Петрова;Анна;Ивановна;"
                            "12.03.1985;Ж;Мать;112-233-445 95\n"
                            "A;;;Петров;Иван;Сергеевич;2012-05-01;м;сын;\n"
                            "B;г. Тула, ул. Оружейная, д. 4;;;;;;;;\n";
  auto report = run(bytes, true);
  ASSERT_TRUE(report) << report.error().key;
  ASSERT_TRUE(report->issues.empty()) << report->issues.front().key << " row " << report->issues.front().row;
  EXPECT_TRUE(report->applied);
  EXPECT_EQ(report->households_created, 2U);
  EXPECT_EQ(report->persons_created, 2U);
  const auto petrova = persons_named("Петрова");
  ASSERT_EQ(petrova.size(), 1U);
  EXPECT_EQ(petrova[0].birth_date, "1985-03-12");
  EXPECT_EQ(petrova[0].sex, "female");
  EXPECT_EQ(petrova[0].household_role, "mother");
  EXPECT_EQ(petrova[0].snils, "11223344595");
  EXPECT_EQ(persons_named("Петров").at(0).household_role, "child");
  auto household = app::get_household(services(), head, meta(), petrova[0].household_id);
  ASSERT_TRUE(household);
  EXPECT_EQ(household->household.categories, (std::vector<std::string>{"low_income", "large_family"}));
  EXPECT_EQ(household->members.size(), 2U);
  const auto applied = audited("import.apply");
  ASSERT_EQ(applied.size(), 1U);
  EXPECT_THAT(applied[0].details, HasSubstr(util::sha256_hex(bytes)));
  EXPECT_THAT(applied[0].details, HasSubstr("\"persons_created\":2"));
  EXPECT_THAT(applied[0].details, HasSubstr("tester"));
  EXPECT_EQ(applied[0].entity_id, report->batch_id);
  expect_search_terms_in_their_units();
  expect_match_keys_as_the_app_writes_them();

  // The same file again creates nothing twice.
  auto again = run(bytes, true);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->households_created, 0U);
  EXPECT_EQ(again->persons_created, 0U);
  EXPECT_EQ(count("persons"), 2);
  EXPECT_EQ(count("households"), 2);
}

TEST_P(Importer, RowIssuesNameTheRowColumnValueAndReason) {
  const std::string bytes = k_header +
                            "A;г. Тула, ул. Оружейная, д. 4;Богатые;Петрова;Анна;;31.02.1985;ж;мать;112-233-445 96\n"
                            "B;г. Тула, ул. Ленина, д. 1;;Сидорова;;;1990-01-01;x;мать;\n";
  auto report = run(bytes, false);
  ASSERT_TRUE(report);
  const auto* category = issue_at(*report, 2, "import.category_unknown");
  ASSERT_NE(category, nullptr);
  EXPECT_EQ(category->column, "Категории");
  EXPECT_EQ(category->value, "Богатые");
  const auto* date = issue_at(*report, 2, "import.date_invalid");
  ASSERT_NE(date, nullptr);
  EXPECT_EQ(date->column, "Дата рождения");
  EXPECT_EQ(date->value, "31.02.1985");
  const auto* snils = issue_at(*report, 2, "person.snils_invalid");
  ASSERT_NE(snils, nullptr);
  EXPECT_EQ(snils->column, "СНИЛС");
  EXPECT_EQ(snils->value, "112-233-445 96");
  EXPECT_NE(issue_at(*report, 3, "validation.required"), nullptr) << "first name";
  EXPECT_NE(issue_at(*report, 3, "import.sex_unknown"), nullptr);
  EXPECT_EQ(outcome(*report, 2)->status, import::RowStatus::error);

  // In the report, in the user's language.
  const auto table = import::report_table(*report, [](const std::string& key, const auto& params) {
    return http::translate(http::Lang::ru, key, params);
  });
  bool found = false;
  for (const auto& cells : table.rows) {
    if (std::get<long long>(cells[0]) == 2 && std::get_if<std::string>(&cells[4]) != nullptr &&
        std::get<std::string>(cells[4]) == "СНИЛС неверен: не 11 цифр или не сходится контрольное число") {
      found = std::get<std::string>(cells[2]) == "СНИЛС";
    }
  }
  EXPECT_TRUE(found);
}

TEST_P(Importer, AMissingRequiredColumnIsOneFileError) {
  auto report = run("Семья;Фамилия;Имя\n1;Петрова;Анна\n", false);
  ASSERT_FALSE(report);
  EXPECT_EQ(report.error().key, "import.columns_missing");
  ASSERT_FALSE(report.error().params.empty());
  EXPECT_THAT(report.error().params[0].second, HasSubstr("Адрес"));
}

TEST_P(Importer, ApplyWithOneBadRowChangesNothing) {
  const auto before = snapshot();
  const auto audit_before = audit_count();
  const std::string bytes = k_header + "A;г. Тула, ул. Оружейная, д. 4;;Петрова;Анна;;1985-03-12;ж;мать;\n"
                                       "B;г. Тула, ул. Ленина, д. 1;;Сидорова;Мария;;не помню;ж;мать;\n";
  auto report = run(bytes, true);
  ASSERT_TRUE(report);
  EXPECT_FALSE(report->applied);
  EXPECT_NE(issue_at(*report, 3, "import.date_invalid"), nullptr);
  EXPECT_EQ(snapshot(), before);
  EXPECT_EQ(audit_count(), audit_before + 1) << "only the check is audited";
}

TEST_P(Importer, InFileDuplicatesAreHeldWithTheirFamily) {
  const std::string bytes = k_header + "A;г. Тула, ул. Оружейная, д. 4;;Щербакова;Ольга;Ивановна;1985-03-14;ж;мать;\n"
                                       "B;г. Тула, ул. Ленина, д. 1;;Shcherbakova;Olga;;1985-03-14;ж;мать;\n"
                                       "B;г. Тула, ул. Ленина, д. 1;;Shcherbakov;Ivan;;2010-01-01;м;сын;\n";
  auto report = run(bytes, true);
  ASSERT_TRUE(report);
  ASSERT_TRUE(report->issues.empty());
  const auto* held = outcome(*report, 3);
  ASSERT_NE(held, nullptr);
  EXPECT_EQ(held->status, import::RowStatus::held);
  ASSERT_FALSE(held->matches.empty());
  EXPECT_EQ(held->matches[0].row, 2);
  EXPECT_GE(held->matches[0].score, 0.6);
  EXPECT_THAT(held->matches[0].reasons, ::testing::Contains("name_transliterated"));
  EXPECT_EQ(outcome(*report, 4)->status, import::RowStatus::held) << "the family waits with its member";
  EXPECT_EQ(report->held, 2U);
  EXPECT_EQ(count("persons"), 1);

  // Decided "new": the family loads.
  auto decided = run(bytes, true, {{3, {false, ""}}});
  ASSERT_TRUE(decided);
  EXPECT_EQ(decided->persons_created, 2U);
  EXPECT_EQ(count("persons"), 3);
}

TEST_P(Importer, RegistryDuplicatesInCyrillicAndLatinAreHeldUntilDecided) {
  auto existing_household = app::create_household(services(), head, meta(),
                                                  {"г. Самара, ул. Победы, д. 86, кв. 3", "", {}, "", std::nullopt});
  ASSERT_TRUE(existing_household);
  app::PersonInput olga;
  olga.last_name = "Щербакова";
  olga.first_name = "Ольга";
  olga.patronymic = "Ивановна";
  olga.birth_date = "1985-03-14";
  olga.sex = "female";
  olga.household_role = "mother";
  olga.phone = "+7 900 111-11-11";
  auto stored = app::add_person(services(), head, meta(), existing_household->household.id, olga);
  ASSERT_TRUE(stored);
  const auto olga_id = stored->member.person.id;

  const std::string bytes = k_header + "A;г. Тула, ул. Ленина, д. 1;;Shcherbakova;Olga;;1985-03-14;f;mother;\n"
                                       "B;г. Тула, ул. Мира, д. 2;;Щербакова;Ольга;;1985-03-14;ж;мать;\n";
  auto report = run(bytes, true);
  ASSERT_TRUE(report);
  for (const int row : {2, 3}) {
    const auto* held = outcome(*report, row);
    ASSERT_NE(held, nullptr);
    EXPECT_EQ(held->status, import::RowStatus::held) << row;
    ASSERT_FALSE(held->matches.empty()) << row;
    EXPECT_EQ(held->matches[0].person_id, olga_id) << row;
    EXPECT_GE(held->matches[0].score, 0.6);
  }
  EXPECT_THAT(outcome(*report, 2)->matches[0].reasons, ::testing::Contains("name_transliterated"));
  EXPECT_THAT(outcome(*report, 3)->matches[0].reasons, ::testing::Contains("name_exact"));
  EXPECT_EQ(count("persons"), 1);

  // The report read back as decisions: row 2 is Olga (updated, only non-empty cells), row 3 a new person.
  auto table = import::report_table(*report, [](const std::string& key, const auto&) { return key; });
  std::ostringstream csv;
  csv << "row,decision\n2,same:" << olga_id << "\n3,new\n";
  auto decisions = import::read_decisions(*import::read_table(csv.str()));
  ASSERT_TRUE(decisions);
  auto decided = run(bytes, true, *decisions);
  ASSERT_TRUE(decided);
  ASSERT_TRUE(decided->issues.empty()) << decided->issues.front().key;
  EXPECT_EQ(decided->persons_updated, 0U) << "nothing differs: the Latin spelling is not written over an empty cell";
  EXPECT_EQ(decided->persons_created, 1U);
  auto olga_now = persons_named("Щербакова");
  ASSERT_EQ(olga_now.size(), 2U);
}

TEST_P(Importer, AReimportUpdatesOnlyTheNonEmptyCellsAndUndoRestoresEveryTable) {
  auto existing = app::create_household(services(), head, meta(),
                                        {"г. Самара, ул. Победы, д. 86, кв. 3", "+7 900 000-00-00", {"low_income"},
                                         "старые заметки", std::nullopt});
  ASSERT_TRUE(existing);
  app::PersonInput anna;
  anna.last_name = "Петрова";
  anna.first_name = "Анна";
  anna.patronymic = "Ивановна";
  anna.birth_date = "1985-03-12";
  anna.sex = "female";
  anna.household_role = "mother";
  anna.phone = "+7 900 222-22-22";
  auto stored = app::add_person(services(), head, meta(), existing->household.id, anna);
  ASSERT_TRUE(stored);
  const auto anna_id = stored->member.person.id;
  const auto household_id = existing->household.id;
  const auto before = snapshot();

  // The household by its id (as an export gives it): a new phone, an empty address; Anna decided as herself with
  // a СНИЛС and an empty patronymic; a new child.
  const std::string bytes = "Идентификатор;Адрес;Телефон;Категории;Фамилия;Имя;Отчество;Пол;СНИЛС\n" + household_id +
                            ";;+7 900 999-99-99;Многодетная;Петрова;Анна;;ж;112-233-445 95\n" + household_id +
                            ";;;;Петров;Миша;;м;\n";
  auto report = run(bytes, true, {{2, {true, anna_id}}});
  ASSERT_TRUE(report) << report.error().key;
  ASSERT_TRUE(report->issues.empty()) << report->issues.front().key << " " << report->issues.front().row;
  ASSERT_TRUE(report->applied);
  EXPECT_EQ(report->households_updated, 1U);
  EXPECT_EQ(report->persons_updated, 1U);
  EXPECT_EQ(report->persons_created, 1U);
  auto view = app::get_household(services(), head, meta(), household_id);
  ASSERT_TRUE(view);
  EXPECT_EQ(view->household.address, "г. Самара, ул. Победы, д. 86, кв. 3") << "empty never erases";
  EXPECT_EQ(view->household.phone, "+7 900 999-99-99");
  EXPECT_EQ(view->household.notes, "старые заметки");
  EXPECT_EQ(view->household.categories, (std::vector<std::string>{"low_income", "large_family"}));
  const auto updated = persons_named("Петрова").at(0);
  EXPECT_EQ(updated.patronymic, "Ивановна");
  EXPECT_EQ(updated.phone, "+7 900 222-22-22");
  EXPECT_EQ(updated.birth_date, "1985-03-12");
  EXPECT_EQ(updated.snils, "11223344595");
  EXPECT_EQ(view->members.size(), 2U);
  expect_search_terms_in_their_units();

  // Someone else's later record keeps the batch: a member added to the household after the import refers to
  // nothing of it, but an edit of an updated person does.
  auto undone = import::undo_import(services(), head, meta(), report->batch_id);
  ASSERT_TRUE(undone) << undone.error().key;
  EXPECT_EQ(undone->removed, 1U);
  EXPECT_EQ(undone->restored, 2U);
  EXPECT_EQ(snapshot(), before);
  EXPECT_EQ(audited("import.undo").size(), 1U);
  EXPECT_EQ(import::undo_import(services(), head, meta(), report->batch_id).error().key, "import.batch_not_found");
}

// Two families of a file that are one stored household (each names one of its members): the second updates what the
// first wrote, so both changes are kept, and undo puts the household back as it was before the file.
TEST_P(Importer, TwoFamiliesOfAFileThatAreOneStoredHouseholdBothUpdateIt) {
  auto existing = app::create_household(
      services(), head, meta(), {"г. Самара, ул. Победы, д. 86, кв. 3", "", {}, "", std::nullopt});
  ASSERT_TRUE(existing);
  const auto household_id = existing->household.id;
  std::vector<std::string> ids;
  for (const auto& [first, sex] : std::vector<std::pair<std::string, std::string>>{{"Анна", "female"},
                                                                                   {"Борис", "male"}}) {
    app::PersonInput person;
    person.last_name = sex == "female" ? "Петрова" : "Петров";
    person.first_name = first;
    person.sex = sex;
    person.household_role = "other";
    auto stored = app::add_person(services(), head, meta(), household_id, person);
    ASSERT_TRUE(stored);
    ids.push_back(stored->member.person.id);
  }
  const auto before = snapshot();

  const std::string bytes = "Семья;Адрес;Телефон;Заметки;Фамилия;Имя;Пол\n"
                            "1;;+7 900 111-11-11;;Петрова;Анна;ж\n"
                            "2;;;живут вместе;Петров;Борис;м\n";
  auto report = run(bytes, true, {{2, {true, ids[0]}}, {3, {true, ids[1]}}});
  ASSERT_TRUE(report) << report.error().key;
  ASSERT_TRUE(report->issues.empty()) << report->issues.front().key << " " << report->issues.front().row;
  ASSERT_TRUE(report->applied);
  auto view = app::get_household(services(), head, meta(), household_id);
  ASSERT_TRUE(view);
  EXPECT_EQ(view->household.phone, "+7 900 111-11-11");
  EXPECT_EQ(view->household.notes, "живут вместе") << "the second family's change is not lost";

  auto undone = import::undo_import(services(), head, meta(), report->batch_id);
  ASSERT_TRUE(undone) << undone.error().key;
  EXPECT_EQ(snapshot(), before);
}

TEST_P(Importer, UndoIsRefusedWhileLaterRecordsReferToTheBatch) {
  const std::string bytes = k_header + "A;г. Тула, ул. Оружейная, д. 4;;Петрова;Анна;;1985-03-12;ж;мать;\n";
  auto report = run(bytes, true);
  ASSERT_TRUE(report);
  ASSERT_TRUE(report->applied);
  const auto household_id = persons_named("Петрова").at(0).household_id;
  app::PersonInput later;
  later.last_name = "Петров";
  later.first_name = "Олег";
  later.sex = "male";
  later.household_role = "father";
  ASSERT_TRUE(app::add_person(services(), head, meta(), household_id, later));
  const auto before = snapshot();
  auto refused = import::undo_import(services(), head, meta(), report->batch_id);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().key, "import.undo_refused");
  EXPECT_EQ(snapshot(), before);
}

TEST_P(Importer, ASnilsInTheRegistryIsACertainMatch) {
  auto h = app::create_household(services(), head, meta(), {"г. Омск, пр-т Мира, д. 7", "", {}, "", std::nullopt});
  ASSERT_TRUE(h);
  app::PersonInput maria;
  maria.last_name = "Иванова";
  maria.first_name = "Мария";
  maria.sex = "female";
  maria.household_role = "mother";
  maria.snils = "11223344595";
  auto stored = app::add_person(services(), head, meta(), h->household.id, maria);
  ASSERT_TRUE(stored);
  auto report = run(k_header + "A;г. Тула, ул. Ленина, д. 1;;Petrova;Maria;;1990-01-01;ж;мать;11223344595\n", true);
  ASSERT_TRUE(report);
  ASSERT_TRUE(report->applied);
  EXPECT_EQ(report->persons_created, 0U);
  EXPECT_EQ(report->persons_updated, 1U);
  EXPECT_EQ(outcome(*report, 2)->person_id, stored->member.person.id);
}

TEST_P(Importer, AnXlsxWithAMergedHeaderAndDateSerialsLoads) {
  const auto path = std::filesystem::temp_directory_path() / ("importer-" + util::random_id() + ".xlsx");
  lxw_workbook* workbook = workbook_new(path.c_str());
  lxw_worksheet* sheet = workbook_add_worksheet(workbook, "Реестр");
  // "Адрес" merged over the street and the flat: the mapping takes the first column of the span.
  worksheet_merge_range(sheet, 0, 0, 0, 1, "Адрес", nullptr);
  const std::vector<std::string> titles{"Семья", "Фамилия", "Имя", "Дата рождения", "Пол"};
  for (std::size_t i = 0; i < titles.size(); ++i) {
    worksheet_write_string(sheet, 0, static_cast<lxw_col_t>(i + 2), titles[i].c_str(), nullptr);
  }
  worksheet_write_string(sheet, 1, 0, "г. Тула, ул. Оружейная, д. 4", nullptr);
  worksheet_write_string(sheet, 1, 1, "кв. 17", nullptr);
  worksheet_write_number(sheet, 1, 2, 1, nullptr); // a numeric family key
  worksheet_write_string(sheet, 1, 3, "Петрова", nullptr);
  worksheet_write_string(sheet, 1, 4, "Анна", nullptr);
  worksheet_write_number(sheet, 1, 5, 31118, nullptr); // 1985-03-12 as Excel stores a date
  worksheet_write_string(sheet, 1, 6, "Ж", nullptr);
  worksheet_write_number(sheet, 2, 2, 1, nullptr);
  worksheet_write_string(sheet, 2, 3, "Петров", nullptr);
  worksheet_write_string(sheet, 2, 4, "Иван", nullptr);
  worksheet_write_string(sheet, 2, 5, "01.05.2012", nullptr);
  worksheet_write_string(sheet, 2, 6, "М", nullptr);
  ASSERT_EQ(workbook_close(workbook), LXW_NO_ERROR);
  std::ifstream in(path, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::filesystem::remove(path);

  auto report = run(bytes, true);
  ASSERT_TRUE(report) << report.error().key;
  ASSERT_TRUE(report->issues.empty()) << report->issues.front().key << " row " << report->issues.front().row;
  EXPECT_EQ(report->households_created, 1U);
  EXPECT_EQ(report->persons_created, 2U);
  const auto anna = persons_named("Петрова").at(0);
  EXPECT_EQ(anna.birth_date, "1985-03-12");
  EXPECT_EQ(persons_named("Петров").at(0).birth_date, "2012-05-01");
  EXPECT_EQ(persons_named("Петров").at(0).household_id, anna.household_id);
}

TEST_P(Importer, AMappingFileNamesAnotherRegistersColumns) {
  auto mapping = import::parse_mapping(R"(
[columns]
household = "Номер дела"
address = ["Адрес проживания", "Адрес регистрации"]
last_name = "Фамилия матери"
first_name = "Имя матери"

[categories]
"малоимущие" = "low_income"
"многодетные" = "large_family"
)",
                                       import::default_mapping(http::translations));
  ASSERT_TRUE(mapping) << mapping.error().key;
  const std::vector<std::string> header{"Номер дела", "Адрес регистрации", "Фамилия матери", "Имя матери",
                                        "Категории"};
  auto columns = import::resolve_columns(*mapping, header);
  ASSERT_TRUE(columns);
  EXPECT_EQ(columns->at(import::Field::address), 1U);
  EXPECT_EQ(columns->at(import::Field::household), 0U);
  const auto words = import::vocabulary(http::translations, *mapping);
  EXPECT_EQ(words.categories.at("многодетные"), "large_family");
  EXPECT_EQ(words.categories.at("многодетная"), "large_family") << "the category's own name still reads";

  EXPECT_EQ(import::parse_mapping("[columns]\nshoe_size = \"Размер\"\n", *mapping).error().key,
            "import.mapping_invalid");
  EXPECT_EQ(import::parse_mapping("[columns\n", *mapping).error().key, "import.mapping_invalid");
}

TEST_P(Importer, TheTemplateListsEveryColumnTheDefaultMappingReads) {
  const auto tables = import::template_tables(
      [](const std::string& key, const auto& params) { return http::translate(http::Lang::ru, key, params); });
  ASSERT_EQ(tables.size(), 2U);
  std::vector<std::string> header;
  for (const auto& column : tables[0].columns) {
    header.push_back(column.title);
  }
  EXPECT_TRUE(tables[0].rows.empty());
  EXPECT_EQ(tables[1].rows.size(), import::k_fields.size());
  auto columns = import::resolve_columns(import::default_mapping(http::translations), header);
  ASSERT_TRUE(columns);
  EXPECT_EQ(columns->size(), import::k_fields.size()) << "every template column is read back";
  for (const auto& row : tables[1].rows) {
    const auto& meaning = std::get<std::string>(row[3]);
    EXPECT_FALSE(meaning.starts_with("import.help.")) << meaning;
  }
}

// What `patronage export households` writes for the unit subtree of `actor`, as CSV text.
std::string export_households(const app::Services& services, const app::Actor& actor) {
  std::ostringstream out;
  util::CsvWriter writer(out);
  auto translate = [](const std::string& key) { return http::translate(http::Lang::ru, key); };
  auto written = app::export_list(services, actor, {"", ""}, {storage::ExportList::households, std::nullopt,
                                                              std::nullopt, std::nullopt},
                                  writer, translate);
  EXPECT_TRUE(written) << written.error().key;
  return out.str();
}

TEST_P(Importer, ExportImportExportGivesTheSameExport) {
  for (const auto& [address, phone, categories] :
       std::vector<std::tuple<std::string, std::string, std::vector<std::string>>>{
           {"г. Самара, ул. Победы, д. 86, кв. 3", "+7 900 000-00-00", {"low_income", "single_parent"}},
           {"г. Тула, ул. Оружейная, д. 4, кв. 17", "", {}},
           {"с. Ивановка, ул. Лесная, д. 3", "=1+2", {"refugee_or_migrant"}}}) {
    ASSERT_TRUE(app::create_household(services(), head, meta(), {address, phone, categories, "", std::nullopt}));
  }
  const auto first = export_households(services(), head);

  // An empty database with the same units (by name), at the same time.
  TestDatabase empty(GetParam());
  app::Services other{empty.db(), clock(), settings()};
  auto other_region = app::create_unit(other, app::command_line_actor(), meta(), {"Region", "region", std::nullopt});
  ASSERT_TRUE(other_region);
  auto other_dept =
      app::create_unit(other, app::command_line_actor(), meta(), {"Отделение", "department", other_region->id});
  ASSERT_TRUE(other_dept);
  app::Actor other_head = head;
  other_head.id = "cli";
  other_head.unit_id = other_region->id;
  other_head.unit_path = other_region->path;

  auto table = import::read_table(first);
  ASSERT_TRUE(table);
  const auto mapping = import::default_mapping(http::translations);
  auto columns = import::resolve_columns(mapping, table->header);
  ASSERT_TRUE(columns) << columns.error().key;
  const auto plan = import::plan_rows(*table, *columns, import::vocabulary(http::translations, mapping),
                                      *util::parse_date("2026-11-23"));
  import::ImportOptions options;
  options.file_sha256 = util::sha256_hex(first);
  options.apply = true;
  auto report = import::import_households(other, other_head, meta(), plan, options);
  ASSERT_TRUE(report) << report.error().key;
  ASSERT_TRUE(report->issues.empty()) << report->issues.front().key << " " << report->issues.front().value;
  EXPECT_EQ(report->households_created, 3U);

  EXPECT_EQ(export_households(other, other_head), first);
}

INSTANTIATE_TEST_SUITE_P(Backends, Importer, ::testing::ValuesIn(test_backends()),
                         [](const auto& info) { return backend_name(info.param); });

// Cases (docs/import.md "Cases"): a family's row may bring its open case, held to the rules of opening and moving one.
class ImporterCases : public Importer {
protected:
  void SetUp() override {
    Importer::SetUp();
    other = add_unit("Другое отделение", "department", region.id);
    ivanova = add_user("ivanova", "specialist", dept.id);
    add_user("petrov", "specialist", other.id);
    add_user("psych", "expert", dept.id);
  }

  std::vector<storage::CaseRecord> stored_cases() {
    std::vector<storage::CaseRecord> out;
    EXPECT_TRUE(db().transact([&](storage::Tx& tx) -> util::Status {
      std::vector<std::string> ids;
      std::string id;
      soci::statement st = (tx.sql().prepare << "SELECT id FROM cases ORDER BY opened_on", soci::into(id));
      st.execute();
      while (st.fetch()) {
        ids.push_back(id);
      }
      for (const auto& each : ids) {
        out.push_back(*storage::find_case(tx, each));
      }
      return {};
    }));
    return out;
  }

  std::vector<storage::TransitionRecord> transitions_of(const std::string& case_id) {
    std::vector<storage::TransitionRecord> out;
    EXPECT_TRUE(db().transact([&](storage::Tx& tx) -> util::Status {
      out = storage::list_transitions(tx, case_id);
      return {};
    }));
    return out;
  }

  std::string household_of(const std::string& last_name) { return persons_named(last_name).at(0).household_id; }

  storage::UnitRecord other;
  storage::UserRecord ivanova;
};

const std::string k_case_header =
    "Семья;Адрес;Фамилия;Имя;Пол;Состояние дела;Ведущий специалист (логин);Дело открыто;В состоянии с;Основания\n";

const std::string k_families_with_cases =
    k_case_header + "A;г. Тула, ул. Оружейная, д. 4;Петрова;Анна;ж;Сигнал;ivanova;01.10.2026;;\n"
                    "A;;Петров;Иван;м;;;;;\n"
                    "B;г. Тула, ул. Ленина, д. 1;Сидорова;Мария;ж;обследование;ivanova;2026-09-01;2026-09-15;"
                    "Жалоба школы: сын не посещает занятия\n"
                    "C;г. Тула, ул. Мира, д. 2;Козлова;Ольга;ж;Awaiting decision;;2026-08-01;2026-10-01;"
                    "Согласие получено, обследование проведено\n"
                    "D;г. Тула, ул. Садовая, д. 3;Орлова;Нина;ж;;;;;\n";

TEST_P(ImporterCases, FamiliesBringTheirOpenCasesInSeveralStates) {
  auto checked = run(k_families_with_cases, false);
  ASSERT_TRUE(checked) << checked.error().key;
  ASSERT_TRUE(checked->issues.empty()) << checked->issues.front().key << " row " << checked->issues.front().row;
  EXPECT_EQ(checked->cases_opened, 3U);
  ASSERT_EQ(checked->cases.size(), 3U);
  EXPECT_EQ(checked->cases[0].row, 2);
  EXPECT_EQ(checked->cases[0].state, "signal");
  EXPECT_EQ(checked->cases[1].state, "assessment");
  EXPECT_EQ(checked->cases[2].state, "awaiting_decision");
  EXPECT_TRUE(checked->cases[2].open);
  EXPECT_EQ(count("cases"), 0) << "a dry run opens nothing";
  // The dry run's report says which cases will be opened, in the operator's language.
  std::ostringstream text;
  import::print_report(text, *checked, [](const std::string& key, const auto& params) {
    return http::translate(http::Lang::ru, key, params);
  });
  EXPECT_THAT(text.str(), HasSubstr("будет открыто дело: Обследование, ведущий ivanova, открыто 2026-09-01"));
  EXPECT_THAT(text.str(), HasSubstr("дел к открытию 3"));

  auto applied = run(k_families_with_cases, true);
  ASSERT_TRUE(applied) << applied.error().key;
  ASSERT_TRUE(applied->applied);
  EXPECT_EQ(applied->cases_opened, 3U);
  const auto cases = stored_cases();
  ASSERT_EQ(cases.size(), 3U);
  const auto& awaiting = cases[0]; // opened 2026-08-01
  EXPECT_EQ(awaiting.household_id, household_of("Козлова"));
  EXPECT_EQ(awaiting.state, domain::CaseState::awaiting_decision);
  EXPECT_EQ(awaiting.state_entered_on, "2026-10-01");
  EXPECT_FALSE(awaiting.lead_id.has_value());
  EXPECT_EQ(awaiting.unit_id, dept.id);
  const auto& assessment = cases[1];
  EXPECT_EQ(assessment.household_id, household_of("Сидорова"));
  EXPECT_EQ(assessment.state, domain::CaseState::assessment);
  EXPECT_EQ(assessment.lead_id, ivanova.id);
  const auto& signal = cases[2];
  EXPECT_EQ(signal.household_id, household_of("Петрова"));
  EXPECT_EQ(signal.state, domain::CaseState::signal);
  EXPECT_EQ(signal.opened_on, "2026-10-01");
  EXPECT_EQ(signal.state_entered_on, "2026-10-01");
  EXPECT_THAT(signal.number, ::testing::StartsWith("2026-"));
  EXPECT_EQ(applied->cases[0].number, signal.number);
  // The history walks the lifecycle's table, each step with the grounds as its reason.
  const auto history = transitions_of(awaiting.id);
  ASSERT_EQ(history.size(), 3U);
  EXPECT_EQ(history[0].to_state, "signal");
  EXPECT_EQ(history[0].on_date, "2026-08-01");
  EXPECT_EQ(history[1].to_state, "assessment");
  EXPECT_EQ(history[2].from_state, "assessment");
  EXPECT_EQ(history[2].to_state, "awaiting_decision");
  EXPECT_EQ(history[2].reason, "Согласие получено, обследование проведено");
  EXPECT_EQ(history[2].on_date, "2026-10-01");
  EXPECT_EQ(count("case_members"), 2) << "the leads";
  EXPECT_THAT(audited("import.apply").at(0).details, HasSubstr("\"cases_opened\":3"));

  // The same file again opens nothing twice: each family keeps the case it has.
  auto again = run(k_families_with_cases, true);
  ASSERT_TRUE(again);
  ASSERT_TRUE(again->issues.empty()) << again->issues.front().key;
  EXPECT_EQ(again->cases_opened, 0U);
  ASSERT_EQ(again->cases.size(), 3U);
  EXPECT_FALSE(again->cases[0].open);
  EXPECT_EQ(again->cases[0].number, signal.number);
  EXPECT_EQ(count("cases"), 3);

  // Undo of the batch removes its cases with their history and leads.
  auto undone = import::undo_import(services(), head, meta(), applied->batch_id);
  ASSERT_TRUE(undone) << undone.error().key;
  EXPECT_EQ(count("cases"), 0);
  EXPECT_EQ(count("case_transitions"), 0);
  EXPECT_EQ(count("case_members"), 0);
  EXPECT_EQ(count("households"), 0);
}

TEST_P(ImporterCases, ACaseBreakingARuleIsReportedAtItsCellAndNothingIsWritten) {
  const std::string bytes =
      k_case_header + "A;г. Тула, ул. Оружейная, д. 1;Аксёнова;Анна;ж;Активный патронаж;ivanova;2026-01-10;;решение\n"
                      "B;г. Тула, ул. Оружейная, д. 2;Белова;Вера;ж;закрыт;;2026-01-10;;\n"
                      "C;г. Тула, ул. Оружейная, д. 3;Волкова;Галина;ж;в работе;;;;\n"
                      "D;г. Тула, ул. Оружейная, д. 5;Громова;Дарья;ж;;ivanova;;;\n"
                      "E;г. Тула, ул. Оружейная, д. 6;Егорова;Елена;ж;обследование;ivanova;2026-01-10;;\n"
                      "F;г. Тула, ул. Оружейная, д. 7;Жукова;Жанна;ж;сигнал;nobody;2026-01-10;;\n"
                      "G;г. Тула, ул. Оружейная, д. 8;Зуева;Зоя;ж;сигнал;petrov;2026-01-10;;\n"
                      "H;г. Тула, ул. Оружейная, д. 9;Ильина;Инна;ж;сигнал;psych;2026-01-10;;\n"
                      "I;г. Тула, ул. Оружейная, д. 10;Климова;Ксения;ж;сигнал;;2026-10-01;2026-09-01;\n"
                      "J;г. Тула, ул. Оружейная, д. 11;Лебедева;Лидия;ж;сигнал;;2026-12-01;;\n"
                      "K;г. Тула, ул. Оружейная, д. 12;Мухина;Марина;ж;обследование;;;2026-10-01;жалоба\n"
                      "L;г. Тула, ул. Оружейная, д. 14;Носова;Нина;ж;сигнал;;2026-01-10;2026-02-10;\n"
                      "M;г. Тула, ул. Оружейная, д. 15;Орлова;Ольга;ж;сигнал;;2026-01-10;;\n";
  const auto before = snapshot();
  auto report = run(bytes, true);
  ASSERT_TRUE(report) << report.error().key;
  EXPECT_FALSE(report->applied);
  const std::vector<std::tuple<int, std::string, std::string, std::string>> expected{
      {2, "import.case_state_needs_decision", "Состояние дела", "Активный патронаж"},
      {3, "import.case_state_not_open", "Состояние дела", "закрыт"},
      {4, "import.case_state_unknown", "Состояние дела", "в работе"},
      {5, "import.case_state_required", "Состояние дела", ""},
      {6, "import.case_grounds_required", "Основания", ""},
      {7, "import.case_lead_invalid", "Ведущий специалист (логин)", "nobody"},
      {8, "import.case_lead_invalid", "Ведущий специалист (логин)", "petrov"},
      {9, "import.case_lead_invalid", "Ведущий специалист (логин)", "psych"},
      {10, "import.case_dates_order", "В состоянии с", "2026-09-01"},
      {11, "validation.date_in_future", "Дело открыто", "2026-12-01"},
      {12, "import.case_dates_order", "В состоянии с", "2026-10-01"},
      {13, "import.case_signal_since", "В состоянии с", "2026-02-10"},
  };
  for (const auto& [row, key, column, value] : expected) {
    const auto* issue = issue_at(*report, row, key);
    ASSERT_NE(issue, nullptr) << row << " " << key;
    EXPECT_EQ(issue->column, column) << row;
    EXPECT_EQ(issue->value, value) << row;
  }
  EXPECT_EQ(report->issues.size(), expected.size());
  EXPECT_EQ(outcome(*report, 14)->status, import::RowStatus::create) << "the sound family is not an error";
  EXPECT_EQ(snapshot(), before);
  EXPECT_EQ(count("cases"), 0);
  EXPECT_EQ(count("case_transitions"), 0);

  // The reason in the operator's language.
  const auto table = import::report_table(*report, [](const std::string& key, const auto& params) {
    return http::translate(http::Lang::en, key, params);
  });
  bool found = false;
  for (const auto& cells : table.rows) {
    if (std::get<long long>(cells[0]) == 2 && std::get<std::string>(cells[1]) == "error") {
      found = std::get<std::string>(cells[4]).find("signed council decision") != std::string::npos;
    }
  }
  EXPECT_TRUE(found);
}

TEST_P(ImporterCases, AFamilysOpenCaseIsKeptNotDuplicated) {
  auto household = app::create_household(services(), head, meta(),
                                         {"г. Тула, ул. Оружейная, д. 4", "", {}, "", std::nullopt});
  ASSERT_TRUE(household);
  auto open = app::open_case(services(), head, meta(), household->household.id);
  ASSERT_TRUE(open) << open.error().key;
  const std::string bytes = k_case_header + household->household.id + ";;;;;обследование;ivanova;2026-09-01;;жалоба\n";
  auto report = run(bytes, true);
  ASSERT_TRUE(report) << report.error().key;
  ASSERT_TRUE(report->issues.empty()) << report->issues.front().key;
  ASSERT_TRUE(report->applied);
  ASSERT_EQ(report->cases.size(), 1U);
  EXPECT_FALSE(report->cases[0].open);
  EXPECT_EQ(report->cases[0].number, open->number);
  EXPECT_EQ(report->cases_opened, 0U);
  EXPECT_EQ(count("cases"), 1);
  EXPECT_EQ(stored_cases().at(0).state, domain::CaseState::signal) << "the stored case is not moved by a file";
}

TEST_P(ImporterCases, UndoIsRefusedOnceAnImportedCaseIsWorkedOn) {
  const std::string bytes = k_case_header + "A;г. Тула, ул. Оружейная, д. 4;Петрова;Анна;ж;сигнал;ivanova;;;\n";
  auto report = run(bytes, true);
  ASSERT_TRUE(report);
  ASSERT_TRUE(report->applied);
  const auto opened = stored_cases().at(0);
  EXPECT_EQ(opened.opened_on, "2026-11-23") << "empty: the day of the import";
  auto moved = app::transition_case(services(), head, meta(), opened.id, {"assessment", "первый визит", ""});
  ASSERT_TRUE(moved) << moved.error().key;
  const auto before = snapshot();
  auto refused = import::undo_import(services(), head, meta(), report->batch_id);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().key, "import.undo_refused");
  EXPECT_EQ(count("cases"), 1);
  EXPECT_EQ(snapshot(), before);
}

// Issue 16: an import writes no visit; a visit planned on an imported case is counted where the scan counts it,
// through a second import of the same file, and an undo that would delete the case is refused, so no bucket
// outlives its visits.
TEST_P(ImporterCases, TheVisitCountersStayEqualToTheScanThroughImportsAndUndo) {
  auto applied = run(k_families_with_cases, true);
  ASSERT_TRUE(applied && applied->applied);
  const auto cases = stored_cases();
  ASSERT_EQ(cases.size(), 3U);
  auto match = [&](const std::string& what) {
    int compared = 0;
    EXPECT_TRUE(db().transact([&](storage::Tx& tx) -> util::Status {
      compared = expect_visit_counts_match_scan(tx, what, {{"2026-11-01", "2026-11-30"}});
      return {};
    }));
    return compared;
  };
  match("imported");
  EXPECT_TRUE(db().transact([&](storage::Tx& tx) -> util::Status {
    storage::VisitRecord visit;
    visit.id = "visit-of-an-imported-case";
    visit.case_id = cases[1].id;
    visit.planned_on = "2026-11-23";
    visit.actual_on = "2026-11-23";
    visit.kind = "home";
    visit.created_by = ivanova.id;
    storage::insert_visit(tx, visit);
    return {};
  }));
  EXPECT_GT(match("visit planned"), 3);
  ASSERT_TRUE(run(k_families_with_cases, true));
  EXPECT_GT(match("imported again"), 3);
  EXPECT_FALSE(import::undo_import(services(), head, meta(), applied->batch_id));
  EXPECT_GT(match("undo refused"), 3);
}

TEST_P(ImporterCases, TheTemplateListsTheCaseColumns) {
  const auto tables = import::template_tables(
      [](const std::string& key, const auto& params) { return http::translate(http::Lang::ru, key, params); });
  std::vector<std::string> titles;
  for (const auto& column : tables[0].columns) {
    titles.push_back(column.title);
  }
  for (const auto* title : {"Состояние дела", "Ведущий специалист (логин)", "Дело открыто", "В состоянии с",
                            "Основания"}) {
    EXPECT_THAT(titles, ::testing::Contains(std::string(title)));
  }
  bool explained = false;
  for (const auto& row : tables[1].rows) {
    if (std::get<std::string>(row[1]) == "case_state") {
      explained = std::get<std::string>(row[3]).find("решение совета") != std::string::npos;
    }
  }
  EXPECT_TRUE(explained);
}

INSTANTIATE_TEST_SUITE_P(Backends, ImporterCases, ::testing::ValuesIn(test_backends()),
                         [](const auto& info) { return backend_name(info.param); });


} // namespace
} // namespace patronage::testing
