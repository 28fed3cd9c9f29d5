#include "import/file_members.hpp"

#include "util/parallel.hpp"

#include <algorithm>
#include <optional>

namespace patronage::import {
namespace {

// Earlier rows scored per row and key, as the intake matcher's candidates per search: a common name in a large file
// must not make the check quadratic.
constexpr std::size_t k_max_in_file_candidates = 300;
constexpr std::size_t k_fold_chunk = 1024;

domain::PersonIdentity identity_of(const PersonRow& p, const std::string& address) {
  domain::PersonIdentity out{"", p.last_name, p.first_name, p.patronymic, std::nullopt, address, p.snils};
  if (p.birth_date) {
    out.birth_date = util::parse_date(*p.birth_date);
  }
  return out;
}

} // namespace

FileMembers::FileMembers(const Plan& plan, unsigned threads) {
  std::vector<const std::string*> addresses;
  for (const auto& household : plan.households) {
    for (const auto& member : household.members) {
      m_rows.push_back(&member);
      addresses.push_back(&household.address);
    }
  }
  // Folding (ICU transliteration) is a large part of the check: each row is folded on whichever thread is free.
  std::vector<std::optional<domain::PreparedIdentity>> folded(m_rows.size());
  m_keys.resize(m_rows.size());
  util::parallel_for(m_rows.size(), threads, k_fold_chunk, [&](std::size_t begin, std::size_t end) {
    for (auto i = begin; i < end; ++i) {
      folded[i].emplace(identity_of(*m_rows[i], *addresses[i]));
      m_keys[i] = domain::blocking_keys(folded[i]->identity());
    }
  });
  m_people.reserve(folded.size());
  for (auto& person : folded) {
    m_people.push_back(std::move(*person));
  }
  m_matches = domain::find_batch_duplicates(
      m_people, m_keys, {domain::DuplicateSettings{}.person_threshold, k_max_in_file_candidates, threads});
}

std::vector<RowMatch> FileMembers::matches(std::size_t member) const {
  std::vector<RowMatch> out;
  for (const auto& [earlier, match] : m_matches[member]) {
    const auto& other = m_people[earlier].identity();
    std::vector<std::string> reasons;
    for (const auto reason : match.reasons) {
      reasons.emplace_back(domain::to_string(reason));
    }
    out.push_back({"", m_rows[earlier]->row, match.score, std::move(reasons), other.last_name + " " + other.first_name,
                   other.birth_date ? std::optional<std::string>(util::format_date(*other.birth_date)) : std::nullopt});
  }
  // Unstable as it always was: equal scores keep the order std::sort gives the earlier rows in file order.
  std::sort(out.begin(), out.end(), [](const RowMatch& a, const RowMatch& b) { return a.score > b.score; });
  return out;
}

} // namespace patronage::import
