#pragma once

#include <string>
#include <vector>

#include "storage/database.hpp"
#include "storage/history.hpp"

namespace patronage::storage {

// Storage side of personal-data requests (SPEC §11): finding and scrubbing
// what the records of one household say about one person.

// The saved changes of one person, oldest first.
std::vector<HistoryRecord> list_person_history(Tx& tx, const std::string& person_id);

// Keeps the changes of the person's history (who, when, which fields) but
// drops every old and new value.
void strip_person_history(Tx& tx, const std::string& person_id);

// Replaces every occurrence of each of `names` by `marker` in the free text of
// the household and of its cases (notes, signals, visits, assessments,
// decisions, agreements, plans, measures, referrals, volunteers' notes,
// transition reasons, the household's change history), and blanks the
// visits' notes about the person. Ids, dates, codes and counts stay.
void scrub_free_text(Tx& tx, const std::string& household_id, const std::string& person_id,
                     const std::vector<std::string>& names, const std::string& marker);

// Ids of the assessments of the household's cases whose data or sensitive part mentions `person_id`.
std::vector<std::string> assessments_mentioning(Tx& tx, const std::string& household_id, const std::string& person_id);

} // namespace patronage::storage
