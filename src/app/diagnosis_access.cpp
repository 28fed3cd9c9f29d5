#include "app/diagnosis_access.hpp"

namespace patronage::app {

util::Result<LoadedCase> load_case_records(storage::Tx& tx, const Actor& actor, const std::string& case_id,
                                           domain::Action action) {
  auto loaded = load_case(tx, actor, case_id, domain::Action::case_read);
  if (!loaded) {
    return util::fail(util::Error::not_found("case.not_found"));
  }
  if (!may(actor, *loaded, domain::Action::household_read)) {
    return util::fail(util::Error::not_found("case.not_found"));
  }
  if (!may(actor, *loaded, action)) {
    return util::fail(util::Error::forbidden());
  }
  return loaded;
}

bool may(const Actor& actor, const LoadedCase& loaded, domain::Action action) {
  return domain::can(actor.subject(), action, {loaded.record.unit_path, "", loaded.relation});
}

} // namespace patronage::app
