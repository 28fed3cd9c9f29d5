#pragma once

#include <string>

#include "app/case_access.hpp"

namespace patronage::app {

// A case loaded to read or change its family records (diagnosis, agreements,
// plans, visits, services, referrals, consent scans): the family's personal
// data, for the case team and the heads only (SPEC §11).
// 404 for everyone else, including those who may see the case itself (a
// secretary, the case's volunteer), so these records cannot be probed; 403
// when the actor reads them but may not do `action`.
util::Result<LoadedCase> load_case_records(storage::Tx& tx, const Actor& actor, const std::string& case_id,
                                           domain::Action action);

// Whether the actor may read / write the sensitive parts on the loaded case.
bool may(const Actor& actor, const LoadedCase& loaded, domain::Action action);

} // namespace patronage::app
