#pragma once

#include <string>

#include "app/context.hpp"
#include "domain/case_facts.hpp"
#include "storage/cases.hpp"
#include "util/error.hpp"

namespace patronage::app {

// A case with the actor's relation to it, loaded for `action`. 404 when the
// actor may not even read it (so ids cannot be probed), 403 when they may
// read it but not do `action`.
struct LoadedCase {
  storage::CaseRecord record;
  domain::CaseRelation relation = domain::CaseRelation::none;
};

util::Result<LoadedCase> load_case(storage::Tx& tx, const Actor& actor, const std::string& case_id,
                                   domain::Action action);

// The facts the lifecycle rules need, read from storage.
domain::CaseFacts load_case_facts(storage::Tx& tx, const storage::CaseRecord& record);

util::Date today(const Services& services);

} // namespace patronage::app
