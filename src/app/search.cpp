#include "app/search.hpp"

#include <algorithm>
#include <map>
#include <set>

#include <boost/json.hpp>

#include "app/audit_trail.hpp"
#include "domain/search_terms.hpp"
#include "domain/text_rules.hpp"
#include "storage/cases.hpp"
#include "storage/households.hpp"
#include "storage/search.hpp"

namespace patronage::app {
namespace {

// Index entries read per round trip, and at most in all: a common prefix ("iv") in a region of a million families
// stops after k_max_scanned entries instead of walking them all.
constexpr int k_batch = 100;
constexpr int k_max_scanned = 1000;

// What the search needs to know about a household once: may the actor read it, and its case.
struct HouseholdInfo {
  bool readable = false;
  std::optional<std::string> case_id;
  std::optional<std::string> case_state;
  std::optional<std::string> case_number;
};

class Searcher {
public:
  Searcher(storage::Tx& tx, const Actor& actor, const domain::SearchQuery& query, int limit)
      : m_tx(tx), m_actor(actor), m_query(query), m_limit(static_cast<size_t>(limit)) {}

  std::vector<SearchResult> run() {
    for (const auto& variant : m_query.scan_variants()) {
      scan(variant);
    }
    return std::move(m_results);
  }

private:
  void scan(const std::string& prefix) {
    int offset = 0;
    while (m_results.size() < m_limit && m_scanned < k_max_scanned) {
      const auto hits = storage::scan_search_terms(m_tx, prefix, m_actor.unit_path, offset, k_batch);
      offset += static_cast<int>(hits.size());
      m_scanned += static_cast<int>(hits.size());
      for (const auto& hit : hits) {
        if (m_results.size() >= m_limit) {
          return;
        }
        consider(hit);
      }
      if (hits.size() < static_cast<size_t>(k_batch)) {
        return;
      }
    }
  }

  const HouseholdInfo& household(const storage::SearchHit& hit) {
    auto found = m_households.find(hit.household_id);
    if (found != m_households.end()) {
      return found->second;
    }
    HouseholdInfo info;
    const domain::Resource resource{hit.unit_path, "", storage::household_relation(m_tx, hit.household_id, m_actor.id)};
    info.readable = domain::can(m_actor.subject(), domain::Action::household_read, resource);
    if (info.readable) {
      const storage::CaseRecord* best = nullptr;
      const auto cases = storage::list_cases_of_household(m_tx, hit.household_id);
      for (const auto& c : cases) {
        const bool better = best == nullptr ||
                            (domain::is_terminal(best->state) && !domain::is_terminal(c.state)) ||
                            (domain::is_terminal(best->state) == domain::is_terminal(c.state) &&
                             c.created_at > best->created_at);
        if (better) {
          best = &c;
        }
      }
      if (best != nullptr) {
        info.case_id = best->id;
        info.case_state = std::string(domain::to_string(best->state));
        info.case_number = best->number;
      }
    }
    return m_households.emplace(hit.household_id, std::move(info)).first->second;
  }

  void add_person(const storage::SearchHit& hit, const HouseholdInfo& info, const storage::PersonRecord& person) {
    if (!m_seen.insert(hit.household_id + "/" + person.id).second) {
      return;
    }
    m_results.push_back({"person", hit.household_id, person.id, info.case_id, info.case_state, info.case_number,
                         domain::full_name(person.last_name, person.first_name, person.patronymic),
                         person.birth_date, hit.address, std::string(domain::to_string(hit.field))});
  }

  bool person_matches(const storage::PersonRecord& person, const std::vector<domain::SearchTerm>& address_terms) {
    auto terms = domain::person_search_terms(person.last_name, person.first_name, person.patronymic, person.birth_date);
    terms.insert(terms.end(), address_terms.begin(), address_terms.end());
    return domain::query_matches(m_query, terms);
  }

  void consider(const storage::SearchHit& hit) {
    const std::string key = hit.household_id + "/" + hit.person_id;
    if (m_seen.contains(key)) {
      return;
    }
    const auto& info = household(hit);
    if (!info.readable) {
      return;
    }
    const auto address_terms = domain::household_search_terms(hit.address);
    if (!hit.person_id.empty()) {
      auto person = storage::find_person(m_tx, hit.person_id);
      if (person && person_matches(*person, address_terms)) {
        add_person(hit, info, *person);
      }
      return;
    }
    if (domain::query_matches(m_query, address_terms)) {
      m_seen.insert(key);
      m_results.push_back({"household", hit.household_id, "", info.case_id, info.case_state, info.case_number,
                           hit.address,
                           std::nullopt, hit.address, std::string(domain::to_string(hit.field))});
      return;
    }
    // The address matched one word; a member's name may match the others ("Иванова Победы").
    for (const auto& member : storage::list_persons(m_tx, hit.household_id)) {
      if (m_results.size() < m_limit && person_matches(member, address_terms)) {
        add_person(hit, info, member);
      }
    }
  }

  storage::Tx& m_tx;
  const Actor& m_actor;
  const domain::SearchQuery& m_query;
  size_t m_limit;
  int m_scanned = 0;
  std::map<std::string, HouseholdInfo> m_households;
  std::set<std::string> m_seen;
  std::vector<SearchResult> m_results;
};

// SPEC §11: the ids shown and the length of the query in characters, never the query: the text is a name, an
// address or a birth date, and the audit log is append-only.
boost::json::object search_details(const std::string& text, const std::vector<SearchResult>& results) {
  boost::json::array shown;
  for (const auto& r : results) {
    shown.emplace_back(r.person_id.empty() ? r.household_id : r.person_id);
  }
  const auto characters = std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0U) != 0x80U; // not a UTF-8 continuation byte
  });
  return {{"query_length", characters}, {"shown", std::move(shown)}};
}

// The cases numbered `pattern` (storage::case_number_pattern) that the actor may read, as households.
std::vector<SearchResult> cases_numbered(storage::Tx& tx, const Actor& actor, const std::string& pattern, int limit) {
  storage::CaseFilter filter;
  filter.unit_path_prefix = actor.unit_path;
  filter.number_pattern = pattern;
  filter.limit = limit;
  std::vector<SearchResult> out;
  for (const auto& c : storage::list_cases(tx, filter)) {
    const domain::Resource resource{c.unit_path, "", storage::case_relation(tx, c.id, actor.id)};
    if (domain::can(actor.subject(), domain::Action::case_read, resource)) {
      const std::string name = c.family_name.empty() ? c.household_address : c.family_name;
      out.push_back({"household", c.household_id, "", c.id, std::string(domain::to_string(c.state)), c.number, name,
                     std::nullopt,
                     c.household_address, "case_number"});
    }
  }
  return out;
}

} // namespace

util::Result<std::vector<SearchResult>> search(const Services& services, const Actor& actor, const RequestMeta& meta,
                                               const std::string& text, int limit) {
  if (limit < 1 || limit > k_search_max_limit) {
    return util::fail(util::Error::field("limit", "validation.out_of_range"));
  }
  if (text.size() > domain::k_search_max_chars) {
    return util::fail(util::Error::field("q", "validation.too_long"));
  }
  if (text.find('-') != std::string::npos) {
    if (const auto number = storage::case_number_pattern(text)) {
      return read_audited(services, meta, [&](storage::Tx& tx) -> util::Result<std::vector<SearchResult>> {
        auto results = cases_numbered(tx, actor, *number, limit);
        audit(tx, services, actor.id, meta, "search", "household", "", search_details(text, results));
        return results;
      });
    }
  }
  const auto query = domain::parse_search_query(text);
  if (!query) {
    return util::fail(util::Error::field("q", "search.query_too_short"));
  }
  return read_audited(services, meta, [&](storage::Tx& tx) -> util::Result<std::vector<SearchResult>> {
    auto results = Searcher(tx, actor, *query, limit).run();
    audit(tx, services, actor.id, meta, "search", "household", "", search_details(text, results));
    return results;
  });
}

} // namespace patronage::app
