#include "domain/batch_duplicates.hpp"

#include "util/parallel.hpp"

#include <algorithm>
#include <bit>
#include <chrono>
#include <cstdint>
#include <string_view>
#include <unordered_map>

namespace patronage::domain {
namespace {

// Persons per range handed to a thread: small enough that two threads finish together.
constexpr std::size_t k_chunk = 512;

// A birth date as the digits YYYYMMDD (the year's last four, as score_pair compares them), four bits each; 0 for
// none and for a year outside 0..9999, which is then compared as unknown (scored, never passed over).
std::uint32_t packed_date(const std::optional<util::Date>& date) {
  if (!date) {
    return 0;
  }
  const std::chrono::year_month_day ymd{*date};
  const int year = static_cast<int>(ymd.year());
  if (!ymd.ok() || year < 0 || year > 9999) {
    return 0;
  }
  const auto y = static_cast<unsigned>(year);
  const auto m = static_cast<unsigned>(ymd.month());
  const auto d = static_cast<unsigned>(ymd.day());
  std::uint32_t packed = 0;
  for (const unsigned digit : {y / 1000 % 10, y / 100 % 10, y / 10 % 10, y % 10, m / 10, m % 10, d / 10, d % 10}) {
    packed = (packed << 4) | digit;
  }
  return packed;
}

// Whether score_pair's birth-date comparison calls two packed dates conflicting: both known, unequal, not day and
// month swapped within one year, and their digits neither one substitution nor one swap of two adjacent digits apart
// (their optimal-string-alignment distance is not 1; with eight digits each, nothing else is at distance 1).
bool conflict(std::uint32_t a, std::uint32_t b) {
  if (a == 0 || b == 0 || a == b) {
    return false;
  }
  const std::uint32_t x = a ^ b;
  const std::uint32_t differing = (x | x >> 1 | x >> 2 | x >> 3) & 0x11111111U; // one bit per differing digit
  const int count = std::popcount(differing);
  if (count == 1) {
    return false;
  }
  if (count == 2) {
    const int low = std::countr_zero(differing);
    const std::uint32_t pair_a = (a >> low) & 0xFFU;
    const std::uint32_t pair_b = (b >> low) & 0xFFU;
    if ((differing >> low) == 0x11U && (((pair_a & 0xFU) << 4) | (pair_a >> 4)) == pair_b) {
      return false;
    }
  }
  const bool day_month_swapped =
      (a >> 16) == (b >> 16) && (a & 0xFFU) == ((b >> 8) & 0xFFU) && ((a >> 8) & 0xFFU) == (b & 0xFFU);
  return !day_month_swapped;
}

// Every blocking key of the batch with its holders in batch order, and where each person stands in each of its keys.
class KeyIndex {
public:
  struct Holder {
    std::uint32_t person;
    std::uint32_t date; // packed_date
  };
  struct Place {
    std::uint32_t key;
    std::uint32_t position; // among the key's holders
  };

  KeyIndex(std::span<const PreparedIdentity> people, std::span<const std::vector<std::string>> keys)
      : m_first_place(keys.size() + 1, 0), m_dates(people.size()), m_snils(people.size(), 0) {
    std::unordered_map<std::string_view, std::uint32_t> ids;
    std::unordered_map<std::string_view, std::uint32_t> snils_ids;
    for (std::size_t i = 0; i < keys.size(); ++i) {
      const auto& identity = people[i].identity();
      m_dates[i] = packed_date(identity.birth_date);
      if (!identity.snils.empty()) {
        m_snils[i] = snils_ids.emplace(identity.snils, static_cast<std::uint32_t>(snils_ids.size() + 1)).first->second;
      }
      for (const auto& key : keys[i]) {
        const auto id = ids.emplace(key, static_cast<std::uint32_t>(m_holders.size())).first->second;
        if (id == m_holders.size()) {
          m_holders.emplace_back();
        }
        m_places.push_back({id, static_cast<std::uint32_t>(m_holders[id].size())});
        m_holders[id].push_back({static_cast<std::uint32_t>(i), m_dates[i]});
      }
      m_first_place[i + 1] = m_places.size();
    }
  }

  // The earlier persons `person` is compared with, ascending: the latest `window` earlier holders of each of its keys,
  // without those whose birth dates conflict with its own when `pass_conflicts`.
  void candidates(std::size_t person, std::size_t window, bool pass_conflicts, std::vector<std::uint32_t>& out) const {
    out.clear();
    const auto date = m_dates[person];
    const auto snils = m_snils[person];
    for (auto at = m_first_place[person]; at < m_first_place[person + 1]; ++at) {
      const auto [key, position] = m_places[at];
      const auto& holders = m_holders[key];
      for (auto p = position > window ? position - window : 0; p < position; ++p) {
        const auto& holder = holders[p];
        if (pass_conflicts && conflict(date, holder.date) && (snils == 0 || m_snils[holder.person] != snils)) {
          continue;
        }
        out.push_back(holder.person);
      }
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
  }

private:
  std::vector<std::vector<Holder>> m_holders; // by key id
  std::vector<Place> m_places;                // each person's keys, in turn
  std::vector<std::size_t> m_first_place;     // by person, into m_places
  std::vector<std::uint32_t> m_dates;         // by person
  std::vector<std::uint32_t> m_snils;         // by person: an id per distinct СНИЛС, 0 for none
};

} // namespace

std::vector<std::vector<EarlierMatch>> find_batch_duplicates(std::span<const PreparedIdentity> people,
                                                             std::span<const std::vector<std::string>> keys,
                                                             const BatchSettings& settings) {
  const KeyIndex index(people, keys);
  const bool pass_conflicts = settings.threshold > best_score_with_birth_conflict();
  std::vector<std::vector<EarlierMatch>> out(people.size());
  util::parallel_for(people.size(), settings.threads, k_chunk, [&](std::size_t begin, std::size_t end) {
    std::vector<std::uint32_t> candidates;
    for (auto i = begin; i < end; ++i) {
      index.candidates(i, settings.window, pass_conflicts, candidates);
      for (const auto j : candidates) {
        if (auto match = score_pair_at_least(people[i], people[j], settings.threshold)) {
          out[i].push_back({j, std::move(*match)});
        }
      }
    }
  });
  return out;
}

} // namespace patronage::domain
