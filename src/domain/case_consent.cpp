#include "domain/case_consent.hpp"

#include <algorithm>

namespace patronage::domain {
namespace {

bool contains(const std::vector<std::string>& ids, const std::string& id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

bool is_adult(const CasePerson& person, util::Date day, const LifecycleSettings& settings) {
  return util::age_on(person.birth_date, day) >= settings.adult_age;
}

const CasePerson* find_person(const CaseFacts& facts, const std::string& id) {
  auto it = std::find_if(facts.persons.begin(), facts.persons.end(), [&](const CasePerson& p) { return p.id == id; });
  return it == facts.persons.end() ? nullptr : &*it;
}

bool names_person(const Consent& consent, const CasePerson& person) {
  return consent.scope == ConsentScope::patronage &&
         (consent.signed_by == person.id || contains(consent.covers, person.id));
}

// SPEC §3: an adult consents for themselves, a minor through a legal representative (a parent's representation
// ends on the child's 18th birthday, whatever the stored relation says).
bool signer_may_consent_for(const CaseFacts& facts, const Consent& consent, const CasePerson& person, util::Date day,
                            const LifecycleSettings& settings) {
  if (is_adult(person, day, settings)) {
    return consent.signed_by == person.id;
  }
  const CasePerson* signer = find_person(facts, consent.signed_by);
  return signer != nullptr && contains(signer->legal_representative_of, person.id);
}

bool is_covered_by(const CaseFacts& facts, const Consent& consent, const CasePerson& person, util::Date day,
                   const LifecycleSettings& settings) {
  return names_person(consent, person) && is_consent_in_force(consent, day) &&
         signer_may_consent_for(facts, consent, person, day, settings);
}

bool needs_cover(const CasePerson& person, util::Date day, const LifecycleSettings& settings) {
  return person.is_client || !is_adult(person, day, settings);
}

bool has_reconsented(const CaseFacts& facts, const CasePerson& person, util::Date withdrawn_on, util::Date day,
                     const LifecycleSettings& settings) {
  return std::any_of(facts.consents.begin(), facts.consents.end(), [&](const Consent& c) {
    return c.signed_on && *c.signed_on >= withdrawn_on && is_covered_by(facts, c, person, day, settings);
  });
}

} // namespace

bool is_consent_in_force(const Consent& consent, util::Date day) {
  return consent.scope == ConsentScope::patronage && consent.signed_on && *consent.signed_on <= day &&
         (!consent.valid_until || *consent.valid_until >= day) &&
         (!consent.withdrawn_on || *consent.withdrawn_on > day);
}

util::Status check_consent_cover(const CaseFacts& facts, util::Date day, const LifecycleSettings& settings) {
  for (const auto& person : facts.persons) {
    if (!needs_cover(person, day, settings)) {
      continue;
    }
    const bool covered = std::any_of(facts.consents.begin(), facts.consents.end(),
                                     [&](const Consent& c) { return is_covered_by(facts, c, person, day, settings); });
    if (!covered) {
      // The id, never the name: the rule's message reaches readers of the case card (a secretary), who may not
      // read the household's members; the web names the person for those who may.
      return util::fail(util::Error::conflict("case.consent_required").with("person", person.id));
    }
  }
  return {};
}

bool consent_withdrawn(const CaseFacts& facts, util::Date day, const LifecycleSettings& settings) {
  for (const auto& consent : facts.consents) {
    if (!consent.withdrawn_on || *consent.withdrawn_on > day) {
      continue;
    }
    for (const auto& person : facts.persons) {
      if (names_person(consent, person) && !has_reconsented(facts, person, *consent.withdrawn_on, day, settings)) {
        return true;
      }
    }
  }
  return false;
}

util::Status check_visit_allowed(const CaseFacts& facts, bool closing_visit, util::Date day,
                                 const LifecycleSettings& settings) {
  if (settings.block_visits_on_withdrawal && !closing_visit && consent_withdrawn(facts, day, settings)) {
    return util::fail(util::Error::conflict("case.consent_withdrawn_visits_blocked"));
  }
  return {};
}

} // namespace patronage::domain
