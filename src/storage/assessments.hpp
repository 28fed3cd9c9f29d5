#pragma once

#include <optional>
#include <string>
#include <vector>

#include "storage/database.hpp"

namespace patronage::storage {

// One instrument of the social diagnosis (SPEC §5): a dated, authored record
// on a case. `data` and `sensitive` are JSON object texts; `sensitive` holds
// the health, addiction, violence and police parts, read only by those who
// may read sensitive fields.
struct AssessmentRecord {
  std::string id;
  std::string case_id;
  std::string kind; // inspection, family_card, child_card, ecomap, conflict_map, needs
  std::string on_date;
  std::string author_id;
  std::string data;
  std::string sensitive;
  long long created_at = 0;
};

void insert_assessment(Tx& tx, const AssessmentRecord& record);
std::optional<AssessmentRecord> find_assessment(Tx& tx, const std::string& id);
// The case's assessments, newest first (by date, then by creation); only `kind` when given.
std::vector<AssessmentRecord> list_assessments(Tx& tx, const std::string& case_id,
                                               const std::optional<std::string>& kind = std::nullopt);

} // namespace patronage::storage
