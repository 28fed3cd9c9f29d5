#include "domain/search_terms.hpp"

#include <gtest/gtest.h>

namespace patronage::domain {
namespace {

bool finds(std::string_view typed, const std::vector<SearchTerm>& terms) {
  const auto query = parse_search_query(typed);
  return query && query_matches(*query, terms);
}

TEST(SearchTerms, NamesMatchInEitherScriptAndByPrefix) {
  const auto terms = person_search_terms("Щербакова", "Алёна", "Юрьевна", std::string("2015-03-12"));
  for (const char* typed : {"Щербакова", "щерб", "Shcherbakova", "Scherbakova", "shch", "Алена", "alyona", "Alena",
                            "Щербакова Алёна", "Alena Shcherbakova", "Юрьевна", "Yurevna", "12.03.2015",
                            "2015-03-12", "Щербакова 12.03.2015", "2015"}) {
    EXPECT_TRUE(finds(typed, terms)) << typed;
  }
  for (const char* typed : {"Щербаков Иван", "Петрова", "13.03.2015", "31.02.2015"}) {
    EXPECT_FALSE(finds(typed, terms)) << typed;
  }
}

TEST(SearchTerms, AddressesDropTheTypeWords) {
  const auto terms = household_search_terms("г. Самара, улица Победы, д. 86, кв. 3");
  for (const auto& t : terms) {
    EXPECT_EQ(t.field, SearchField::address);
    EXPECT_NE(t.term, "ul");
    EXPECT_NE(t.term, "d");
  }
  EXPECT_TRUE(finds("ул. Победы 86", terms));
  EXPECT_TRUE(finds("pobedy", terms));
  EXPECT_FALSE(finds("Победы 87", terms));
}

TEST(SearchTerms, TooShortOrTooLongQueriesAreRefused) {
  EXPECT_FALSE(parse_search_query(""));
  EXPECT_FALSE(parse_search_query("а"));
  EXPECT_FALSE(parse_search_query(std::string(201, 'a')));
  EXPECT_TRUE(parse_search_query("ив"));
  EXPECT_TRUE(parse_search_query("1.2.2015")) << "a date alone is enough";
  const auto query = parse_search_query("ул Ив");
  ASSERT_TRUE(query);
  EXPECT_EQ(query->words.size(), 1U) << "the type word is dropped when other words remain";
  EXPECT_EQ(query->scan_variants().front(), "iv");
}

TEST(SearchTerms, PrefixEndBoundsTheRange) {
  EXPECT_EQ(prefix_end("ab"), "ac");
  EXPECT_EQ(prefix_end("az"), "b");
  EXPECT_EQ(prefix_end("a9"), "aa");
  EXPECT_EQ(prefix_end("2015-03-12"), "2015-03-13");
  EXPECT_EQ(prefix_end("zz"), "");
}

} // namespace
} // namespace patronage::domain
