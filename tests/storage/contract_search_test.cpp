// The quick-search index (storage/search.hpp) and personal-data requests (storage/personal_data.hpp) on both
// backends.
#include "domain/search_terms.hpp"
#include "storage/assessments.hpp"
#include "storage/history.hpp"
#include "storage/personal_data.hpp"
#include "storage/search.hpp"
#include "storage/storage_contract.hpp"

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
