#include "app/duplicate_search.hpp"

#include <map>

#include "app/audit_trail.hpp"
#include "domain/text_rules.hpp"
#include "storage/households.hpp"
#include "util/strings.hpp"

namespace patronage::app {
namespace {

// Enough candidates for a real family; a common name with a common birth year never floods the scorer.
constexpr size_t k_max_candidates = 300;

std::vector<std::string> reason_names(const std::vector<domain::DuplicateReason>& reasons) {
  std::vector<std::string> out;
  for (const auto reason : reasons) {
    out.emplace_back(domain::to_string(reason));
  }
  return out;
}

bool may_search(const Actor& actor, const std::string& unit_path) {
  return domain::can(actor.subject(), domain::Action::duplicate_search, {unit_path, ""});
}

} // namespace

domain::PersonIdentity person_identity(const storage::PersonRecord& p, const std::string& address) {
  domain::PersonIdentity out{p.id,         p.last_name, p.first_name,        p.patronymic,
                             std::nullopt, address,     p.snils.value_or("")};
  if (p.birth_date) {
    out.birth_date = util::parse_date(*p.birth_date);
  }
  return out;
}

void refresh_duplicate_keys(storage::Tx& tx, const storage::HouseholdRecord& household,
                            const storage::PersonRecord* person) {
  if (person != nullptr) {
    storage::replace_person_keys(tx, person->id, domain::blocking_keys(person_identity(*person, household.address)));
  }
  domain::HouseholdIdentity identity{household.id, household.address, {}};
  for (const auto& member : storage::list_persons(tx, household.id)) {
    identity.members.push_back(person_identity(member, ""));
  }
  storage::replace_household_keys(tx, household.id, domain::household_blocking_keys(identity));
}

std::vector<PersonDuplicate> person_duplicates_in_tx(storage::Tx& tx, const Actor& actor,
                                                     const domain::PersonIdentity& person) {
  storage::PersonCandidateFinder finder(tx);
  return person_duplicates_in_tx(finder, actor, domain::PreparedIdentity(person), domain::blocking_keys(person));
}

std::vector<PersonDuplicate> person_duplicates_in_tx(storage::PersonCandidateFinder& finder, const Actor& actor,
                                                     const domain::PreparedIdentity& person,
                                                     const std::vector<std::string>& keys) {
  if (keys.empty()) {
    return {};
  }
  std::map<std::string, storage::PersonRecord> records;
  std::vector<domain::PersonIdentity> existing;
  for (auto& candidate : finder.find(keys, k_max_candidates)) {
    if (!may_search(actor, candidate.unit_path)) {
      continue;
    }
    existing.push_back(person_identity(candidate.person, candidate.address));
    records.emplace(candidate.person.id, std::move(candidate.person));
  }
  std::vector<PersonDuplicate> out;
  for (const auto& match : domain::find_duplicates(person, existing, domain::DuplicateSettings{})) {
    const auto& record = records.at(match.id);
    out.push_back({record.id, record.household_id, match.score, reason_names(match.reasons),
                   domain::full_name(record.last_name, record.first_name, record.patronymic), record.birth_date});
  }
  return out;
}

std::vector<HouseholdDuplicate> household_duplicates_in_tx(storage::Tx& tx, const Actor& actor,
                                                           const domain::HouseholdIdentity& household) {
  const auto keys = domain::household_blocking_keys(household);
  if (keys.empty()) {
    return {};
  }
  std::map<std::string, std::string> addresses;
  std::vector<domain::HouseholdIdentity> existing;
  for (const auto& candidate : storage::find_household_candidates(tx, keys, k_max_candidates)) {
    if (!may_search(actor, candidate.unit_path)) {
      continue;
    }
    domain::HouseholdIdentity identity{candidate.id, candidate.address, {}};
    for (const auto& member : storage::list_persons(tx, candidate.id)) {
      identity.members.push_back(person_identity(member, ""));
    }
    existing.push_back(std::move(identity));
    addresses.emplace(candidate.id, candidate.address);
  }
  std::vector<HouseholdDuplicate> out;
  for (const auto& match : domain::find_household_duplicates(household, existing, domain::DuplicateSettings{})) {
    out.push_back({match.id, match.score, reason_names(match.reasons), addresses.at(match.id)});
  }
  return out;
}

boost::json::array duplicate_ids(const std::vector<PersonDuplicate>& matches) {
  boost::json::array out;
  for (const auto& match : matches) {
    out.emplace_back(match.person_id);
  }
  return out;
}

util::Result<std::vector<PersonDuplicate>> search_person_duplicates(const Services& services, const Actor& actor,
                                                                    const RequestMeta& meta,
                                                                    const DuplicateQuery& query) {
  domain::PersonIdentity person{"", query.last_name, query.first_name, query.patronymic, std::nullopt, query.address};
  if (query.birth_date) {
    person.birth_date = util::parse_date(*query.birth_date);
    if (!person.birth_date) {
      return util::fail(util::Error::field("birth_date", "validation.date_invalid"));
    }
  }
  if (util::blank(query.last_name) && util::blank(query.first_name) && !person.birth_date) {
    return util::fail(util::Error::field("last_name", "duplicates.query_empty"));
  }
  if (!may_search(actor, actor.unit_path)) {
    return util::fail(util::Error::forbidden());
  }
  return services.db.transact([&](storage::Tx& tx) -> util::Result<std::vector<PersonDuplicate>> {
    auto matches = person_duplicates_in_tx(tx, actor, person);
    audit(tx, services, actor.id, meta, "person.duplicate_search", "person", "", {{"found", duplicate_ids(matches)}});
    return matches;
  });
}

} // namespace patronage::app
