#pragma once

#include "domain/availability.hpp"
#include "domain/volunteer.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace patronage::domain {

// What a ward asked for in their volunteer (SPEC §9). Gender is a code as stored
// on the person ("female", "male"); an empty optional or set means no wish.
struct VolunteerWishes {
  std::optional<std::string> gender;
  std::optional<std::string> language;
  std::set<std::string> interests;
  std::optional<std::string> district;
};

struct WardProfile {
  std::string id;
  std::set<std::string> needs; // skill codes the ward needs help with
  std::set<std::string> interests;
  std::set<std::string> languages;
  std::string district; // "" when unknown
  AvailabilityMask availability = 0;
  VolunteerWishes wishes;
};

struct VolunteerProfile {
  std::string id;
  VolunteerStatus status = VolunteerStatus::candidate;
  std::string gender;
  std::set<std::string> skills;
  std::set<std::string> interests;
  std::set<std::string> languages;
  std::string district;
  AvailabilityMask availability = 0;
  int current_wards = 0;
};

// Points per factor. The score of a pair is the sum of the points of its reasons.
struct MatchWeights {
  int skill = 10;            // per ward need the volunteer has as a skill
  int shared_interest = 3;   // per shared interest
  int language = 6;          // once, for at least one common language
  int district = 4;          // same district
  int availability_slot = 2; // per common weekly slot, counting at most max_counted_slots
  int max_counted_slots = 3;
  int wish_met = 5;   // per wish met: gender, language, interests (any one), district
  int wish_unmet = 8; // subtracted per language, interests or district wish not met
};

struct MatchSettings {
  // SPEC §9: a volunteer's load is respected; default at most 3 wards at a time.
  int load_limit = 3;
  MatchWeights weights;
};

// One explanation of a proposal: a message key with its `{name}` parameters and
// the points it added (negative for an unmet wish).
struct MatchReason {
  std::string key;
  std::vector<std::pair<std::string, std::string>> params;
  int points = 0;
};

struct MatchProposal {
  std::string volunteer_id;
  int score = 0;
  std::vector<MatchReason> reasons;
};

// Scores `volunteer` for `ward`. Returns std::nullopt when the volunteer may not
// take the ward: not `active`, already at the load limit, or of another gender
// than the ward wished for (an unmet gender wish excludes; other unmet wishes
// only cost wish_unmet points). Reasons come in a fixed order: skills, shared
// interests, language, district, availability, wishes (gender, language,
// interests, district); items within a reason kind in alphabetical order.
// Keys: match.skill {skill}, match.shared_interest {interest}, match.language
// {language}, match.district {district}, match.availability {slots},
// match.wish_gender {gender}, match.wish_language {language},
// match.wish_language_unmet {language}, match.wish_interests {interests},
// match.wish_interests_unmet {interests}, match.wish_district {district},
// match.wish_district_unmet {district}.
std::optional<MatchProposal> evaluate_match(const WardProfile& ward, const VolunteerProfile& volunteer,
                                            const MatchSettings& settings);

// At most `limit` eligible volunteers for `ward`, best score first, ties by
// volunteer id ascending. Every eligible volunteer is ranked, whatever the score.
std::vector<MatchProposal> propose_volunteers(const WardProfile& ward, std::span<const VolunteerProfile> volunteers,
                                              const MatchSettings& settings, std::size_t limit);

struct BatchMatch {
  std::string ward_id;
  std::string volunteer_id;
  int score = 0;
};

struct BatchAssignment {
  std::vector<BatchMatch> matches;           // in the order of the wards given
  std::vector<std::string> unassigned_wards; // in the order of the wards given
  std::int64_t total_score = 0;
};

// Assigns each ward at most one volunteer so that the sum of the scores of the
// assigned pairs is the maximum possible, where a volunteer takes at most
// load_limit − current_wards more wards and only pairs that evaluate_match
// accepts with a positive score count. A ward with no such pair stays
// unassigned. Exact (min-cost flow); deterministic for the same input. Ward and
// volunteer ids must be unique.
BatchAssignment assign_batch(std::span<const WardProfile> wards, std::span<const VolunteerProfile> volunteers,
                             const MatchSettings& settings);

} // namespace patronage::domain
