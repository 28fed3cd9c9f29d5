#include "import/stored_matches.hpp"

#include <set>

#include "app/audit_trail.hpp"
#include "domain/policy.hpp"
#include "import/importer.hpp"
#include "storage/cases.hpp"

namespace patronage::import {

util::Result<std::vector<StoredMatch>> stored_matches(const app::Services& services, const app::Actor& actor,
                                                      const app::RequestMeta& meta,
                                                      const std::vector<std::string>& person_ids) {
  if (!may_import(actor)) {
    return util::fail(util::Error::forbidden());
  }
  if (person_ids.size() > k_max_stored_matches) {
    return util::fail(util::Error::invalid("request.bad_query").with("name", "ids"));
  }
  return app::read_audited(services, meta, [&](storage::Tx& tx) -> util::Result<std::vector<StoredMatch>> {
    std::vector<StoredMatch> out;
    std::set<std::string> seen;
    for (const auto& id : person_ids) {
      if (!seen.insert(id).second) {
        continue;
      }
      auto person = storage::find_person(tx, id);
      if (!person) {
        continue;
      }
      auto household = storage::find_household(tx, person->household_id);
      if (!household) {
        continue;
      }
      const domain::Resource resource{household->unit_path, "",
                                      storage::household_relation(tx, household->id, actor.id)};
      // The import's reach (its matcher looks no further) within what the policy lets the actor read at all.
      if (!domain::can(actor.subject(), domain::Action::household_read, resource) ||
          !domain::can(actor.subject(), domain::Action::household_import, {household->unit_path, ""})) {
        continue;
      }
      const bool sensitive = domain::can(actor.subject(), domain::Action::sensitive_read, resource);
      if (!sensitive) {
        person->snils.reset(); // issue 18: sensitive by default, under the same permission as elsewhere
      }
      const bool snils_shown = person->snils.has_value();
      app::audit(tx, services, actor.id, meta, "import.match_read", "person", person->id,
                 {{"household_id", household->id}, {"snils", snils_shown}});
      if (snils_shown) {
        app::audit(tx, services, actor.id, meta, "person.sensitive_read", "person", person->id);
      }
      out.push_back({std::move(*person), household->address, household->phone});
    }
    return out;
  });
}

} // namespace patronage::import
