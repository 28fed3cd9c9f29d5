#pragma once

#include <string>
#include <vector>

#include "domain/search_terms.hpp"
#include "storage/database.hpp"

namespace patronage::storage {

// The quick-search index (table search_terms, migration 8): the domain::search_terms of every person and household.
// `person_id` is empty for a household's own (address) terms.

// Replaces the terms of one owner: a person (`person_id` set) or a household's address (`person_id` empty).
void replace_search_terms(Tx& tx, const std::string& household_id, const std::string& person_id,
                          const std::vector<domain::SearchTerm>& terms);

// Recomputes the terms of every household and person: migration 8 runs it once over the existing rows.
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

// Entries whose term starts with `prefix`, in (term, household, person) order, skipping the first `offset`, at most
// `limit`, only of households whose unit lies under `unit_root` ("/a/b/"). Index range scan; no full scan.
std::vector<SearchHit> scan_search_terms(Tx& tx, const std::string& prefix, const std::string& unit_root, int offset,
                                         int limit);

} // namespace patronage::storage
