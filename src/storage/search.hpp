#pragma once

#include <functional>
#include <string>
#include <vector>

#include "domain/search_terms.hpp"
#include "storage/database.hpp"

namespace patronage::storage {

// The quick-search index (table search_terms, migration 8): the domain::search_terms of every person and household,
// each with the household's unit (migration 20; a household never changes unit), so that a search reads only the
// terms of the searcher's units. `person_id` is empty for a household's own (address) terms.

// Replaces the terms of one owner: a person (`person_id` set) or a household's address (`person_id` empty). The
// household must exist: its unit is read from it.
void replace_search_terms(Tx& tx, const std::string& household_id, const std::string& person_id,
                          const std::vector<domain::SearchTerm>& terms);

// Whose terms they are: a household's address (`person_id` empty) or a person, and the household's unit.
struct SearchTermOwner {
  std::string household_id;
  std::string person_id;
  std::string unit_id;
};

// Calls `visit` with the terms of every household and then of every person, one owner at a time, streaming (a
// million households are never held in memory). `visit` may write to search_terms on the same `tx`.
void for_each_search_term_owner(
    Tx& tx, const std::function<void(const SearchTermOwner&, const std::vector<domain::SearchTerm>&)>& visit);

// Recomputes the terms of every household and person.
void rebuild_search_terms(Tx& tx);

// One index entry whose term starts with the scanned prefix, with what the result shows.
struct SearchHit {
  std::string term;
  domain::SearchField field = domain::SearchField::name;
  std::string household_id;
  std::string person_id; // empty: the household's address matched
  std::string unit_path;
  std::string address;
};

// Entries whose term starts with `prefix`, in (term, household, person, field) order, skipping the first `offset`, at
// most `limit`, only of households whose unit lies under `unit_root` ("/a/b/"). Reads one range of the index per unit
// of the subtree, each stopping after `offset + limit` entries, and no other unit's terms: a centre's search costs
// the same in a region of ten thousand families as in one of a million. Under a root of more than 128 units, one
// statement planned by the database.
std::vector<SearchHit> scan_search_terms(Tx& tx, const std::string& prefix, const std::string& unit_root, int offset,
                                         int limit);

} // namespace patronage::storage
