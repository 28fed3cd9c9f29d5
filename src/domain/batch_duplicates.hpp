#pragma once

#include "domain/duplicates.hpp"

#include <cstddef>
#include <span>
#include <string>
#include <vector>

namespace patronage::domain {

// SPEC §4 "Duplicates" within one batch of new persons (issue 18: a register being imported): each person is compared
// with the earlier persons of the batch that share one of its blocking keys, as a new record is with the registry.

// An earlier person of the batch that looks like a later one.
struct EarlierMatch {
  std::size_t earlier = 0; // its index in the batch
  PersonMatch match;       // score_pair_at_least(later, earlier, threshold)
};

struct BatchSettings {
  double threshold = DuplicateSettings{}.person_threshold;
  // The latest earlier holders of a key a person is compared with (a duplicate in a register usually stands near its
  // twin): a common key must not make the check quadratic.
  std::size_t window = 300;
  unsigned threads = 1; // the caller's included
};

// For every `people[i]` with its blocking keys `keys[i]` (blocking_keys of its identity; both spans have the same
// size), the earlier persons j < i it matches: those among the latest `settings.window` earlier holders of any of its
// keys for which score_pair_at_least(people[i], people[j], threshold) gives a match, in ascending j, with that match.
// Exactly what scoring every such candidate finds; a candidate that cannot reach the threshold because the two birth
// dates conflict (both known, different without a typo, no shared СНИЛС) is passed over with one comparison of
// packed digits instead of being scored. Uses `settings.threads` threads and returns when all are done; only reads its
// inputs.
std::vector<std::vector<EarlierMatch>> find_batch_duplicates(std::span<const PreparedIdentity> people,
                                                             std::span<const std::vector<std::string>> keys,
                                                             const BatchSettings& settings);

} // namespace patronage::domain
