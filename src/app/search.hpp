#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/context.hpp"
#include "util/error.hpp"

namespace patronage::app {

// One record found by the quick search (issue #6).
struct SearchResult {
  std::string kind;          // "person" or "household"
  std::string household_id;
  std::string person_id;     // empty for a household
  std::optional<std::string> case_id;    // the household's open case, else its latest one
  std::optional<std::string> case_state;
  std::optional<std::string> case_number; // "2026-0042"
  std::string display_name;  // "Last First Patronymic"; a household shows its address
  std::optional<std::string> birth_date;
  std::string address;
  std::string matched_field; // domain::SearchField wire name of the term the index scan hit, or "case_number"
};

inline constexpr int k_search_default_limit = 10;
inline constexpr int k_search_max_limit = 50;

// Households and persons `actor` may read (household_read) whose name (any script or spelling, prefixes too),
// birth date ("dd.mm.yyyy" or ISO) or address words match every word of `text`; at most `limit` (1..50). Field
// error "search.query_too_short" on "q" when `text` has no word of two letters and no date, "validation.too_long"
// when it is over 200 bytes, "validation.out_of_range" on "limit". Index-based: reads at most a bounded number
// of index entries, however large the database. Audited as "search" with the ids shown and the query's length, never
// its text. A case number with its year ("2026-0042", "2026-42") finds the cases of that number the actor may read,
// as households (kind "household", matched_field "case_number") leading to the case.
util::Result<std::vector<SearchResult>> search(const Services& services, const Actor& actor, const RequestMeta& meta,
                                               const std::string& text, int limit);

} // namespace patronage::app
