#include "app/case_access.hpp"

#include "domain/case_load.hpp"
#include "domain/month_arithmetic.hpp"
#include "storage/case_records.hpp"
#include "storage/history.hpp"
#include "storage/stored_enum.hpp"
#include "storage/users.hpp"
#include "util/crypto.hpp"
#include "util/strings.hpp"

namespace patronage::app {
namespace {

constexpr util::Date k_unknown_birth{std::chrono::year{1900} / 1 / 1};

} // namespace

util::Result<LoadedCase> load_case(storage::Tx& tx, const Actor& actor, const std::string& case_id,
                                   domain::Action action) {
  auto record = storage::find_case(tx, case_id);
  if (!record) {
    return util::fail(util::Error::not_found("case.not_found"));
  }
  const auto relation = storage::case_relation(tx, case_id, actor.id);
  const domain::Resource resource{record->unit_path, "", relation};
  const bool readable = domain::can(actor.subject(), domain::Action::case_read, resource) ||
                        domain::can(actor.subject(), domain::Action::volunteer_view, resource);
  if (!readable) {
    return util::fail(util::Error::not_found("case.not_found"));
  }
  if (!domain::can(actor.subject(), action, resource)) {
    return util::fail(util::Error::forbidden());
  }
  return LoadedCase{std::move(*record), relation};
}

domain::CaseFacts load_case_facts(storage::Tx& tx, const storage::CaseRecord& record, Caseload caseload) {
  return load_case_facts(tx, record, storage::list_consents(tx, record.id), storage::list_decisions(tx, record.id),
                         caseload);
}

domain::CaseFacts load_case_facts(storage::Tx& tx, const storage::CaseRecord& record,
                                  const std::vector<storage::ConsentRecord>& consents,
                                  const std::vector<storage::DecisionRow>& decisions, Caseload caseload) {
  domain::CaseFacts facts;
  facts.state = record.state;
  facts.state_entered_on = storage::stored_date("cases", "state_entered_on", record.state_entered_on);
  facts.opened_on = storage::stored_date("cases", "opened_on", record.opened_on);
  facts.intensity = record.intensity;
  facts.planned_end = util::parse_optional_date(record.planned_end);
  for (const auto& person : storage::list_consent_persons(tx, record.household_id)) {
    facts.persons.push_back({person.id, util::parse_optional_date(person.birth_date).value_or(k_unknown_birth),
                             true, person.represents, person.display_name});
  }
  for (const auto& consent : consents) {
    facts.consents.push_back({consent.signed_by, consent.covers, consent.scope, util::parse_date(consent.signed_on),
                              util::parse_optional_date(consent.valid_until),
                              util::parse_optional_date(consent.withdrawn_on)});
  }
  for (const auto& decision : decisions) {
    domain::DecisionRecord d;
    d.id = decision.id;
    d.kind = decision.kind;
    d.date = storage::stored_date("decisions", "meeting_date", decision.meeting_date);
    d.is_signed = decision.is_signed;
    d.planned_end = util::parse_optional_date(decision.planned_end);
    d.intensity = decision.intensity;
    d.corrects_id = decision.corrects_id.value_or("");
    facts.decisions.push_back(std::move(d));
  }
  facts.has_lead = record.lead_id.has_value() && !record.lead_id->empty();
  if (record.lead_id && caseload == Caseload::count) {
    const auto counts = storage::count_led_cases(tx, *record.lead_id, record.id);
    facts.lead_caseload = {counts.intensive, counts.standard};
  }
  return facts;
}

util::Result<domain::HeadOverride> head_override(const Actor& actor, const domain::Resource& resource,
                                                 const std::string& override_reason) {
  if (util::blank(override_reason)) {
    return domain::HeadOverride{};
  }
  if (!domain::can(actor.subject(), domain::Action::caseload_override, resource)) {
    return util::fail(util::Error::forbidden("case.override_head_only"));
  }
  return domain::HeadOverride{true, override_reason};
}

std::optional<domain::StaffUser> staff_user(storage::Tx& tx, const std::string& user_id) {
  if (user_id.empty()) {
    return std::nullopt;
  }
  auto user = storage::find_user(tx, user_id);
  if (!user) {
    return std::nullopt;
  }
  return domain::StaffUser{user->role, user->unit_path, user->disabled};
}

bool check_staff(storage::Tx& tx, std::vector<util::FieldError>& fields, const std::string& field,
                 const std::string& user_id, domain::StaffPlace place, const std::string& unit_path,
                 const std::string& key) {
  if (domain::eligible_staff(staff_user(tx, user_id), place, unit_path)) {
    return true;
  }
  fields.push_back({field, key});
  return false;
}

util::Status check_lead_load(storage::Tx& tx, const Services& services, const std::string& case_id,
                             domain::CaseState state, const std::string& lead_id,
                             domain::PatronageIntensity intensity, const domain::HeadOverride& head_override) {
  if (!domain::counts_toward_caseload(state)) {
    return {};
  }
  const auto counts = storage::count_led_cases(tx, lead_id, case_id);
  return domain::check_caseload({counts.intensive, counts.standard}, intensity, head_override,
                                services.settings.lifecycle);
}

FosterCount count_foster_children(storage::Tx& tx, const Services& services, const std::string& user_id,
                                  const std::string& except_case_id, const std::string& household_id) {
  // A minor was born after this day.
  const std::string born_after =
      util::format_date(domain::add_months(today(services), -12 * services.settings.lifecycle.adult_age));
  return {storage::count_foster_children(tx, user_id, except_case_id, born_after),
          storage::count_minors(tx, household_id, born_after)};
}

void keep_override_reason(storage::Tx& tx, const Services& services, const Actor& actor, const std::string& case_id,
                          const domain::HeadOverride& granted) {
  if (!granted.granted) {
    return;
  }
  storage::insert_history(tx, {util::random_id(),
                               "case",
                               case_id,
                               now_of(services),
                               actor.id,
                               {storage::FieldChange{"override_reason", std::nullopt, granted.reason}}});
}

} // namespace patronage::app
