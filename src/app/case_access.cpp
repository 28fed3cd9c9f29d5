#include "app/case_access.hpp"

#include "storage/case_records.hpp"

namespace patronage::app {
namespace {

constexpr util::Date k_unknown_birth{std::chrono::year{1900} / 1 / 1};

template <typename E, typename Parse> std::optional<E> parse_optional(const std::optional<std::string>& text, Parse parse) {
  return text ? parse(*text) : std::nullopt;
}

std::optional<util::Date> date_of(const std::optional<std::string>& text) {
  return text ? util::parse_date(*text) : std::nullopt;
}

} // namespace

util::Date today(const Services& services) { return std::chrono::floor<std::chrono::days>(services.clock.now()); }

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

domain::CaseFacts load_case_facts(storage::Tx& tx, const storage::CaseRecord& record) {
  domain::CaseFacts facts;
  facts.state = domain::parse_case_state(record.state).value_or(domain::CaseState::signal);
  facts.state_entered_on = util::parse_date(record.state_entered_on).value_or(k_unknown_birth);
  facts.opened_on = util::parse_date(record.opened_on).value_or(k_unknown_birth);
  facts.intensity = parse_optional<domain::PatronageIntensity>(record.intensity, domain::parse_patronage_intensity);
  facts.planned_end = date_of(record.planned_end);
  for (const auto& person : storage::list_consent_persons(tx, record.household_id)) {
    facts.persons.push_back({person.id, date_of(person.birth_date).value_or(k_unknown_birth), true,
                             person.represents});
  }
  for (const auto& consent : storage::list_consents(tx, record.id)) {
    facts.consents.push_back({consent.signed_by, consent.covers,
                              domain::parse_consent_scope(consent.scope).value_or(domain::ConsentScope::personal_data),
                              util::parse_date(consent.signed_on), date_of(consent.valid_until),
                              date_of(consent.withdrawn_on)});
  }
  for (const auto& decision : storage::list_decisions(tx, record.id)) {
    domain::DecisionRecord d;
    d.id = decision.id;
    d.kind = domain::parse_decision_kind(decision.kind).value_or(domain::DecisionKind::refer_elsewhere);
    d.date = util::parse_date(decision.meeting_date).value_or(k_unknown_birth);
    d.is_signed = decision.is_signed;
    d.planned_end = date_of(decision.planned_end);
    d.intensity = parse_optional<domain::PatronageIntensity>(decision.intensity, domain::parse_patronage_intensity);
    d.corrects_id = decision.corrects_id.value_or("");
    facts.decisions.push_back(std::move(d));
  }
  if (record.lead_id) {
    const auto counts = storage::count_led_cases(tx, *record.lead_id, record.id);
    facts.lead_caseload = {counts.intensive, counts.standard};
  }
  return facts;
}

} // namespace patronage::app
