#pragma once

#include <string>
#include <vector>

#include "app/context.hpp"
#include "storage/households.hpp"
#include "util/error.hpp"

namespace patronage::import {

// A stored person as the head deciding a held row sees it beside the file's row (issue 18: "each duplicate with a
// side-by-side of the existing record").
struct StoredMatch {
  storage::PersonRecord person; // `snils` reset unless the actor may read sensitive fields of its household
  std::string address;          // of its household
  std::string household_phone;
};

inline constexpr std::size_t k_max_stored_matches = 50;

// The stored persons `person_ids` (in that order, each once) that the actor may both read and import into:
// domain::can household_read on the person's household and household_import on its unit, the reach in which the
// matcher looked. Persons outside it and ids that name no one are left out alike, so ids cannot be probed. The
// СНИЛС is kept only under sensitive_read (as on the household page). Fails 403 without household_import on one's
// own subtree (heads only) and "request.bad_query" {name: ids} for more than k_max_stored_matches ids. A read of
// personal data: each person shown is audited "import.match_read" (person, its household and whether the СНИЛС
// was shown), and "person.sensitive_read" when it was; nothing is audited for persons left out.
util::Result<std::vector<StoredMatch>> stored_matches(const app::Services& services, const app::Actor& actor,
                                                      const app::RequestMeta& meta,
                                                      const std::vector<std::string>& person_ids);

} // namespace patronage::import
