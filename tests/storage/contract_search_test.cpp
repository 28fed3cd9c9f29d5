// The quick-search index (storage/search.hpp) and personal-data requests (storage/personal_data.hpp) on both
// backends.
#include "domain/search_terms.hpp"
#include "storage/assessments.hpp"
#include "storage/history.hpp"
#include "storage/migrations.hpp"
#include "storage/personal_data.hpp"
#include "storage/search.hpp"
#include "storage/storage_contract.hpp"
#include "support/search_index.hpp"

#include <algorithm>
#include <iterator>

#include <soci/soci.h>

namespace patronage::testing {
namespace {

using storage::Tx;
using SearchContract = RepositoryContract;
using PersonalDataContract = RepositoryContract;

TEST_P(SearchContract, PersonsAreIndexedWhenInsertedAndScannedUnderAUnit) {
  const auto terms = domain::person_search_terms("Смирнова", "Татьяна", "Викторовна", std::string("1988-04-17"));
  ASSERT_FALSE(terms.empty());
  const std::string prefix = terms.front().term;
  must(db(), [&](Tx& tx) -> util::Status {
    const auto hits = storage::scan_search_terms(tx, prefix, "/r/", 0, 10);
    EXPECT_FALSE(hits.empty());
    for (const auto& hit : hits) {
      EXPECT_EQ(hit.household_id, "h");
      EXPECT_EQ(hit.unit_path, "/r/d/");
      EXPECT_EQ(hit.address, "г. Энск, ул. Ленина, д. 12, кв. 34");
    }
    EXPECT_TRUE(storage::scan_search_terms(tx, prefix, "/s/", 0, 10).empty()) << "another unit's tree";
    EXPECT_TRUE(storage::scan_search_terms(tx, "zzzz-none", "/r/", 0, 10).empty());
    return {};
  });
}

TEST_P(SearchContract, ReplaceTermsOfOneOwner) {
  must(db(), [](Tx& tx) -> util::Status {
    storage::replace_search_terms(tx, "h", "p-adult", {{"особый-термин", domain::SearchField::name}});
    const auto hits = storage::scan_search_terms(tx, "особый", "/", 0, 10);
    EXPECT_EQ(hits.size(), 1U);
    if (!hits.empty()) {
      EXPECT_EQ(hits[0].person_id, "p-adult");
      EXPECT_EQ(hits[0].field, domain::SearchField::name);
    }
    storage::replace_search_terms(tx, "h", "p-adult", {});
    EXPECT_TRUE(storage::scan_search_terms(tx, "особый", "/", 0, 10).empty());
    return {};
  });
}

// Issue 16: the scan before the terms knew their unit, kept as the oracle of the scoped one: every entry of the
// prefix in term order, joined to its household's unit and filtered by the unit's path.
std::vector<std::string> scan_as_before(Tx& tx, const std::string& prefix, const std::string& root, int offset,
                                        int limit) {
  const std::string end = domain::prefix_end(prefix);
  const std::string upper = end.empty() ? std::string(1, '\x7f') : end;
  const int root_length = static_cast<int>(root.size());
  std::string term;
  std::string field;
  std::string household_id;
  std::string person_id;
  std::string path;
  std::string address;
  soci::statement st =
      (tx.sql().prepare << "SELECT t.term, t.field, t.household_id, t.person_id, n.path, h.address FROM search_terms t "
                           "JOIN households h ON h.id = t.household_id JOIN units n ON n.id = h.unit_id "
                           "WHERE t.term >= :lo AND t.term < :hi AND substr(n.path, 1, :len) = :root "
                           "ORDER BY t.term, t.household_id, t.person_id LIMIT :lim OFFSET :off",
       soci::use(prefix), soci::use(upper), soci::use(root_length), soci::use(root), soci::use(limit),
       soci::use(offset), soci::into(term), soci::into(field), soci::into(household_id), soci::into(person_id),
       soci::into(path), soci::into(address));
  st.execute();
  std::vector<std::string> out;
  while (st.fetch()) {
    out.push_back(term + "|" + field + "|" + household_id + "|" + person_id + "|" + path + "|" + address);
  }
  return out;
}

std::vector<std::string> scan_now(Tx& tx, const std::string& prefix, const std::string& root, int offset, int limit) {
  std::vector<std::string> out;
  for (const auto& hit : storage::scan_search_terms(tx, prefix, root, offset, limit)) {
    out.push_back(hit.term + "|" + std::string(domain::to_string(hit.field)) + "|" + hit.household_id + "|" +
                  hit.person_id + "|" + hit.unit_path + "|" + hit.address);
  }
  return out;
}

// Kuznetsov families (and a Kuznetskaya street) in the department "d" (/r/d/), its sub-unit "d1" (/r/d/d1/) and its
// sibling "e" (/r/e/).
void add_kuznetsovs(Tx& tx) {
  storage::insert_unit(tx, {"e", std::string("r"), "Sibling", "department", "/r/e/", 1000});
  storage::insert_unit(tx, {"d1", std::string("d"), "Sub-unit", "department", "/r/d/d1/", 1000});
  const std::vector<std::pair<std::string, int>> families{{"d", 5}, {"e", 6}, {"d1", 3}};
  int n = 0;
  for (const auto& [unit, count] : families) {
    for (int i = 0; i < count; ++i, ++n) {
      storage::HouseholdRecord household;
      household.id = "hh" + std::to_string(n * 7 % 23); // ids out of insertion order
      household.unit_id = unit;
      household.address = n % 3 == 0 ? "ул. Кузнецкая, д. " + std::to_string(n) : "ул. Мира, д. " + std::to_string(n);
      household.created_by = "head";
      household.created_at = 3000;
      household.updated_at = 3000;
      storage::insert_household(tx, household);
      for (int m = 0; m < 1 + n % 2; ++m) {
        storage::PersonRecord person;
        person.id = "pp" + std::to_string(n) + "-" + std::to_string(m);
        person.household_id = household.id;
        person.last_name = m == 0 ? "Кузнецова" : "Кузнецов";
        person.first_name = m == 0 ? "Ольга" : "Павел";
        person.patronymic = "Андреевна";
        person.sex = m == 0 ? "female" : "male";
        person.household_role = "other";
        person.created_at = 3000;
        person.updated_at = 3000;
        storage::insert_person(tx, person);
      }
    }
  }
}

TEST_P(SearchContract, AScanRootedAtAUnitReadsOnlyItsSubtreeInTheOrderOfTheScanBefore) {
  must(db(), [](Tx& tx) -> util::Status {
    add_kuznetsovs(tx);
    const std::string prefix = "kuzn";
    const auto whole = scan_now(tx, prefix, "/r/", 0, 1000);
    EXPECT_EQ(whole, scan_as_before(tx, prefix, "/r/", 0, 1000));
    const auto in_d = scan_now(tx, prefix, "/r/d/", 0, 1000);
    std::vector<std::string> brute_force;
    std::copy_if(whole.begin(), whole.end(), std::back_inserter(brute_force),
                 [](const std::string& line) { return line.find("|/r/d/") != std::string::npos; });
    EXPECT_EQ(in_d, brute_force) << "the department and its sub-unit, not its sibling";
    EXPECT_TRUE(std::any_of(in_d.begin(), in_d.end(),
                            [](const std::string& line) { return line.find("|/r/d/d1/|") != std::string::npos; }));
    EXPECT_TRUE(std::any_of(in_d.begin(), in_d.end(),
                            [](const std::string& line) { return line.find("|address|") != std::string::npos; }));
    EXPECT_LT(in_d.size(), whole.size());
    for (const std::string root : {"/", "/r/", "/r/d/", "/r/e/", "/r/d/d1/", "/s/"}) {
      for (const auto& [offset, limit] : std::vector<std::pair<int, int>>{{0, 1000}, {0, 3}, {2, 4}, {5, 5}, {7, 100},
                                                                          {40, 10}, {1000, 10}}) {
        EXPECT_EQ(scan_now(tx, prefix, root, offset, limit), scan_as_before(tx, prefix, root, offset, limit))
            << root << " offset " << offset << " limit " << limit;
      }
    }
    EXPECT_TRUE(scan_now(tx, prefix, "/s/", 0, 10).empty());

    // A root over more units than the scan reads one by one: the same hits, in the same order.
    for (int i = 0; i < 130; ++i) {
      const std::string id = "e" + std::to_string(i);
      storage::insert_unit(tx, {id, std::string("e"), "Sub-unit " + id, "department", "/r/e/" + id + "/", 1000});
    }
    auto household = *storage::find_household(tx, "hh0");
    household.id = "hh-e7";
    household.unit_id = "e7";
    storage::insert_household(tx, household);
    const auto in_e = scan_now(tx, prefix, "/r/e/", 0, 1000);
    EXPECT_TRUE(std::any_of(in_e.begin(), in_e.end(),
                            [](const std::string& line) { return line.find("|hh-e7||/r/e/e7/|") != std::string::npos; }));
    for (const std::string root : {"/r/", "/r/e/", "/r/d/"}) {
      for (const auto& [offset, limit] : std::vector<std::pair<int, int>>{{0, 1000}, {2, 4}, {7, 100}}) {
        EXPECT_EQ(scan_now(tx, prefix, root, offset, limit), scan_as_before(tx, prefix, root, offset, limit))
            << root << " offset " << offset << " limit " << limit;
      }
    }
    return {};
  });
}

TEST_P(SearchContract, EveryTermCarriesItsHouseholdsUnitWhenWrittenAndRebuilt) {
  must(db(), [](Tx& tx) -> util::Status {
    add_kuznetsovs(tx);
    auto household = *storage::find_household(tx, "h");
    household.address = "ул. Кузнецкая, д. 1";
    EXPECT_TRUE(storage::update_household(tx, household, household.version));
    auto person = *storage::find_person(tx, "p-adult");
    person.last_name = "Кузнецова";
    EXPECT_TRUE(storage::update_person(tx, person, person.version));
    const auto written = search_term_units(tx);
    EXPECT_GT(written.rows, 0);
    EXPECT_EQ(written.off_their_unit, 0);
    const auto before = scan_now(tx, "kuzn", "/r/d/", 0, 1000);
    storage::rebuild_search_terms(tx);
    const auto rebuilt = search_term_units(tx);
    EXPECT_EQ(rebuilt.rows, written.rows);
    EXPECT_EQ(rebuilt.off_their_unit, 0);
    EXPECT_EQ(scan_now(tx, "kuzn", "/r/d/", 0, 1000), before);
    return {};
  });
}

// Migrations 20 and 26 on a database that already has families: search_terms is made again as migrations 8 and 17
// left it (without units, filled by migration 8's backfill), then migration 20 gives every term its household's unit
// and migration 26 keys the terms by unit and term.
TEST_P(SearchContract, Migrations20And26GiveTheTermsOfStoredFamiliesTheirUnitsAndKeyThemByUnit) {
  must(db(), [](Tx& tx) -> util::Status {
    add_kuznetsovs(tx);
    const auto stored = search_term_units(tx);
    tx.sql() << "DROP TABLE search_terms";
    for (const auto& migration : storage::migrations()) {
      if (migration.version != 8 && migration.version != 17 && migration.version != 20 && migration.version != 26) {
        continue;
      }
      for (const auto& statement : migration.statements) {
        tx.sql() << statement;
      }
      if (migration.backfill) {
        migration.backfill(tx);
      }
    }
    const auto migrated = search_term_units(tx);
    EXPECT_EQ(migrated.rows, stored.rows);
    EXPECT_EQ(migrated.off_their_unit, 0);
    for (const std::string root : {"/", "/r/d/", "/r/e/"}) {
      EXPECT_EQ(scan_now(tx, "kuzn", root, 0, 1000), scan_as_before(tx, "kuzn", root, 0, 1000)) << root;
    }
    return {};
  });
  expect_conflict([](Tx& tx) {
    tx.sql() << "INSERT INTO search_terms (term, household_id, person_id, field, unit_id) "
                "VALUES ('kuzn-x', 'h', '', 'address', 'nowhere')";
  });
  expect_conflict([](Tx& tx) {
    tx.sql() << "INSERT INTO search_terms (term, household_id, person_id, field) VALUES ('kuzn-x', 'h', '', 'address')";
  });
}

// Migration 26 on a register of some size: the table is built again within one transaction (SQLite: copied, then
// the old one dropped). That DROP's statement journal holds megabytes, which SQLite 3.40 fails to move to a file once
// told to keep up to 4 MiB of it in memory (it answered "database or disk is full": sqlite_dialect.cpp).
TEST_P(SearchContract, Migration26KeysALargeTableAgainWithEveryTerm) {
  constexpr int k_terms = 100000;
  long long before = 0;
  must(db(), [&](Tx& tx) -> util::Status {
    tx.sql() << "INSERT INTO search_terms (unit_id, term, household_id, person_id, field) "
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < :count) "
                "SELECT 'd', 'bulk-term-' || i, 'h', 'p-' || i, 'name' FROM n",
        soci::use(k_terms);
    tx.sql() << "SELECT COUNT(*) FROM search_terms", soci::into(before);
    return {};
  });
  EXPECT_GT(before, k_terms);
  must(db(), [&](Tx& tx) -> util::Status {
    for (const auto& migration : storage::migrations()) {
      if (migration.version == 26) {
        migration.backfill(tx);
      }
    }
    long long after = 0;
    tx.sql() << "SELECT COUNT(*) FROM search_terms", soci::into(after);
    EXPECT_EQ(after, before);
    EXPECT_EQ(scan_now(tx, "bulk-term-99999", "/r/", 0, 10).size(), 1U);
    return {};
  });
}

TEST_P(PersonalDataContract, HistoryIsStrippedOfValues) {
  must(db(), [](Tx& tx) -> util::Status {
    storage::insert_history(tx, {"hi1", "person", "p-adult", 5000, "lead", {{"phone", "+7 1", "+7 2", false}}});
    storage::strip_person_history(tx, "p-adult");
    const auto history = storage::list_person_history(tx, "p-adult");
    EXPECT_EQ(history.size(), 1U);
    if (!history.empty() && !history[0].changes.empty()) {
      EXPECT_EQ(history[0].changes[0].field, "phone") << "who, when and which fields stay";
      EXPECT_FALSE(history[0].changes[0].old_value);
      EXPECT_FALSE(history[0].changes[0].new_value);
    }
    EXPECT_TRUE(storage::list_person_history(tx, "ghost").empty());
    return {};
  });
}

TEST_P(PersonalDataContract, FreeTextIsScrubbedAndMentionsFound) {
  must(db(), [](Tx& tx) -> util::Status {
    auto household = *storage::find_household(tx, "h");
    household.notes = "Татьяна работает посменно";
    EXPECT_TRUE(storage::update_household(tx, household, 1));
    storage::insert_assessment(tx, {"as1", "k", "ecomap", "2026-03-01", "lead", R"({"person_id":"p-adult"})", "{}",
                                    5000});
    storage::insert_assessment(tx, {"as2", "k", "needs", "2026-03-01", "lead", "{}", "{}", 5001});
    EXPECT_EQ(storage::assessments_mentioning(tx, "h", "p-adult"), std::vector<std::string>{"as1"});
    EXPECT_TRUE(storage::assessments_mentioning(tx, "h", "ghost").empty());
    storage::scrub_free_text(tx, "h", "p-adult", {"Татьяна"}, "[удалено]");
    EXPECT_EQ(storage::find_household(tx, "h")->notes, "[удалено] работает посменно");
    return {};
  });
}

PATRONAGE_CONTRACT_BACKENDS(SearchContract);
PATRONAGE_CONTRACT_BACKENDS(PersonalDataContract);

} // namespace
} // namespace patronage::testing
