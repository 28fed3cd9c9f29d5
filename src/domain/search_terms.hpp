#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace patronage::domain {

// Quick search across households and persons (issue #6): by name in any spelling, birth date, address.
//
// How storage uses this: every person and household keeps its search_terms() in an index (term, owner); a query
// scans the index for the terms that start with the query's scan_variants() and keeps the owners whose terms
// match every word of the query (query_matches). Terms are lowercase ASCII, so a byte-order range scan finds
// a prefix on any backend.

enum class SearchField { name, birth_date, address };

std::string_view to_string(SearchField field);

struct SearchTerm {
  std::string term;
  SearchField field = SearchField::name;

  bool operator==(const SearchTerm&) const = default;
};

// A person's terms: every word of the name transliterated (fold_name: "Щербакова" → "shcherbakova") and its
// skeleton when that differs (name_skeleton: "Scherbakova" and "Shcherbakova" meet), and the birth date as
// "YYYY-MM-DD". Each term once.
std::vector<SearchTerm> person_search_terms(std::string_view last_name, std::string_view first_name,
                                            std::string_view patronymic, const std::optional<std::string>& birth_date);

// A household's terms: the words of fold_address without the address-type words ("ul", "d", "kv" ...).
std::vector<SearchTerm> household_search_terms(std::string_view address);

// What was typed, folded. Every word and the date must match for a record to be found.
struct SearchQuery {
  // Each typed word as its spellings to try as a prefix: the folded word and its skeleton when different.
  std::vector<std::vector<std::string>> words;
  std::optional<std::string> birth_date; // "YYYY-MM-DD", from "dd.mm.yyyy" or ISO

  // The spellings of the most selective part (the date, else the longest word), for the index scan.
  std::vector<std::string> scan_variants() const;
};

inline constexpr std::size_t k_search_min_chars = 2;
inline constexpr std::size_t k_search_max_chars = 200;

// Folds `text`. Nullopt when it holds no word of at least k_search_min_chars letters or digits and no date
// (too short to search), or is longer than k_search_max_chars bytes. A token shaped like a date but not a real
// one ("31.02.2015") is kept as a word, so it finds nothing rather than everything.
std::optional<SearchQuery> parse_search_query(std::string_view text);

// True when every word of `query` is a prefix of at least one of `terms` and the date, if any, is one of them.
bool query_matches(const SearchQuery& query, const std::vector<SearchTerm>& terms);

// The end of the range of terms that start with `prefix` (non-empty, of "-0-9a-z"), for
// `term >= prefix AND term < prefix_end(prefix)`: the prefix with its last character raised by one in that
// alphabet ("ab" → "ac", "az" → "b"), so no punctuation enters the bound and any collation orders it alike.
// Empty when there is no bound (all "z").
std::string prefix_end(std::string_view prefix);

} // namespace patronage::domain
