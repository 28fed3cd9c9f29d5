#pragma once

#include <string>

#include "app/context.hpp"
#include "storage/database.hpp"

namespace patronage::app {

// Appends one audit entry inside the use case's transaction, so that the
// entry and the change it records commit or vanish together.
void audit(storage::Tx& tx, const Services& services, const std::string& user_id, const RequestMeta& meta,
           std::string action, std::string entity, std::string entity_id, std::string details = "{}");

} // namespace patronage::app
