#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "app/clock.hpp"
#include "app/context.hpp"
#include "domain/case_facts.hpp"
#include "domain/staff.hpp"
#include "storage/case_records.hpp"
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

// Whether load_case_facts counts the lead's other cases: only a transition to active weighs them (SPEC §3).
enum class Caseload { count, skip };

// The facts the lifecycle rules need, read from storage.
domain::CaseFacts load_case_facts(storage::Tx& tx, const storage::CaseRecord& record,
                                  Caseload caseload = Caseload::count);
// The same from the case's consents and decisions already read (storage::list_consents, storage::list_decisions).
domain::CaseFacts load_case_facts(storage::Tx& tx, const storage::CaseRecord& record,
                                  const std::vector<storage::ConsentRecord>& consents,
                                  const std::vector<storage::DecisionRow>& decisions, Caseload caseload);

// SPEC §3: the one way a head exceeds a limit. A blank `override_reason` asks for nothing; a reason is honoured
// only when the actor may grant caseload_override on `resource` (a head of the case's subtree), else
// Error::forbidden("case.override_head_only"). The caller stores the reason with what it changes and audits it.
util::Result<domain::HeadOverride> head_override(const Actor& actor, const domain::Resource& resource,
                                                 const std::string& override_reason);

// The user `user_id` as the staff rules (domain::eligible_staff) see it; std::nullopt when no user has that id.
std::optional<domain::StaffUser> staff_user(storage::Tx& tx, const std::string& user_id);

// SPEC §1, §11: pushes Error field `field` with `key` unless `user_id` may hold `place` on a record of
// `unit_path` (domain::eligible_staff). True when it may.
bool check_staff(storage::Tx& tx, std::vector<util::FieldError>& fields, const std::string& field,
                 const std::string& user_id, domain::StaffPlace place, const std::string& unit_path,
                 const std::string& key);

// SPEC §3: success when `lead_id` may be responsible for `record` with `intensity` — when the case counts toward
// a caseload (domain::counts_toward_caseload of `state`) the lead's other cases stay within the limit, or
// `head_override` allows it. Failure: the errors of domain::check_caseload.
util::Status check_lead_load(storage::Tx& tx, const Services& services, const std::string& case_id,
                             domain::CaseState state, const std::string& lead_id,
                             domain::PatronageIntensity intensity, const domain::HeadOverride& head_override);

// SPEC §3: the children a foster educator `user_id` has now (the minors of the households of the open cases
// they are foster educator of, `except_case_id` left out) and the minors of `household_id`, on `on`.
struct FosterCount {
  int current = 0;
  int adding = 0;
};
FosterCount count_foster_children(storage::Tx& tx, const Services& services, const std::string& user_id,
                                  const std::string& except_case_id, const std::string& household_id);

// SPEC §3, §11: keeps the reason of a granted head override with the case (its change history, field
// "override_reason"); nothing when `granted` is not. The reason is free text, so it never goes into the
// append-only audit log: the caller's audit details say only {"head_override": true}.
void keep_override_reason(storage::Tx& tx, const Services& services, const Actor& actor, const std::string& case_id,
                          const domain::HeadOverride& granted);

} // namespace patronage::app
