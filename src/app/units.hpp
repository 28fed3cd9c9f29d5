#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/context.hpp"
#include "storage/units.hpp"
#include "util/error.hpp"

namespace patronage::app {

struct NewUnit {
  std::string name;
  std::string kind; // region, institution, department
  std::optional<std::string> parent_id;
};

// Admins add units under their own subtree; only the command line may add a
// root. Field errors for a bad name, kind or parent.
util::Result<storage::UnitRecord> create_unit(const Services& services, const Actor& actor, const RequestMeta& meta,
                                              const NewUnit& input);

// The units of `actor`'s subtree, ordered by path.
util::Result<std::vector<storage::UnitRecord>> list_units(const Services& services, const Actor& actor);

} // namespace patronage::app
