#include "domain/matching.hpp"

#include "domain/min_cost_flow.hpp"

#include <algorithm>
#include <iterator>
#include <string_view>
#include <unordered_map>

namespace patronage::domain {
namespace {

// Words (skills, languages, districts ...) are compared as small integers, so
// that scoring the 500k pairs of a large batch does not compare strings.
using Code = int;
constexpr Code k_no_code = -1;

class Vocabulary {
public:
  Code code(const std::string& word) {
    const auto [it, added] = m_codes.try_emplace(word, static_cast<Code>(m_words.size()));
    if (added) {
      m_words.push_back(&it->first);
    }
    return it->second;
  }
  Code optional_code(const std::optional<std::string>& word) {
    return word && !word->empty() ? code(*word) : k_no_code;
  }
  Code optional_code(const std::string& word) { return word.empty() ? k_no_code : code(word); }
  const std::string& word(Code code) const { return *m_words[code]; }

private:
  std::unordered_map<std::string, Code> m_codes;
  std::vector<const std::string*> m_words;
};

// Ward codes keep the alphabetical order of the sets, so reasons come out sorted.
struct CompiledWard {
  std::vector<Code> needs;
  std::vector<Code> interests;
  std::vector<Code> languages;
  Code district = k_no_code;
  AvailabilityMask availability = 0;
  Code wish_gender = k_no_code;
  Code wish_language = k_no_code;
  std::vector<Code> wish_interests;
  Code wish_district = k_no_code;
};

// Volunteer codes are sorted by value for binary search.
struct CompiledVolunteer {
  int capacity = 0; // how many more wards the volunteer may take
  Code gender = k_no_code;
  std::vector<Code> skills;
  std::vector<Code> interests;
  std::vector<Code> languages;
  Code district = k_no_code;
  AvailabilityMask availability = 0;
};

std::vector<Code> codes_of(const std::set<std::string>& words, Vocabulary& vocabulary) {
  std::vector<Code> codes;
  codes.reserve(words.size());
  for (const auto& word : words) {
    codes.push_back(vocabulary.code(word));
  }
  return codes;
}

std::vector<Code> sorted_codes_of(const std::set<std::string>& words, Vocabulary& vocabulary) {
  auto codes = codes_of(words, vocabulary);
  std::ranges::sort(codes);
  return codes;
}

CompiledWard compile(const WardProfile& ward, Vocabulary& vocabulary) {
  return {
      .needs = codes_of(ward.needs, vocabulary),
      .interests = codes_of(ward.interests, vocabulary),
      .languages = codes_of(ward.languages, vocabulary),
      .district = vocabulary.optional_code(ward.district),
      .availability = ward.availability,
      .wish_gender = vocabulary.optional_code(ward.wishes.gender),
      .wish_language = vocabulary.optional_code(ward.wishes.language),
      .wish_interests = codes_of(ward.wishes.interests, vocabulary),
      .wish_district = vocabulary.optional_code(ward.wishes.district),
  };
}

// SPEC §9: only active volunteers below their load limit take new wards.
int remaining_capacity(const VolunteerProfile& volunteer, const MatchSettings& settings) {
  if (volunteer.status != VolunteerStatus::active) {
    return 0;
  }
  return std::max(0, settings.load_limit - volunteer.current_wards);
}

CompiledVolunteer compile(const VolunteerProfile& volunteer, const MatchSettings& settings, Vocabulary& vocabulary) {
  return {
      .capacity = remaining_capacity(volunteer, settings),
      .gender = vocabulary.optional_code(volunteer.gender),
      .skills = sorted_codes_of(volunteer.skills, vocabulary),
      .interests = sorted_codes_of(volunteer.interests, vocabulary),
      .languages = sorted_codes_of(volunteer.languages, vocabulary),
      .district = vocabulary.optional_code(volunteer.district),
      .availability = volunteer.availability,
  };
}

bool has(const std::vector<Code>& sorted, Code code) {
  return std::ranges::binary_search(sorted, code);
}

// An unmet gender wish excludes the volunteer outright: it is about the ward's safety
// and comfort, not a preference to trade against other factors.
bool is_eligible(const CompiledWard& ward, const CompiledVolunteer& volunteer) {
  return volunteer.capacity > 0 && (ward.wish_gender == k_no_code || ward.wish_gender == volunteer.gender);
}

// Adds reasons to `out` only when it is not null, so batch scoring stays cheap.
class Scorer {
public:
  Scorer(const MatchWeights& weights, const Vocabulary& vocabulary, std::vector<MatchReason>* out)
      : m_weights(weights), m_vocabulary(vocabulary), m_out(out) {}

  int score(const CompiledWard& ward, const CompiledVolunteer& volunteer) {
    m_score = 0;
    score_profile(ward, volunteer);
    score_wishes(ward, volunteer);
    return m_score;
  }

private:
  void score_profile(const CompiledWard& ward, const CompiledVolunteer& volunteer) {
    for (const Code need : ward.needs) {
      if (has(volunteer.skills, need)) {
        add(m_weights.skill, "match.skill", "skill", need);
      }
    }
    for (const Code interest : ward.interests) {
      if (has(volunteer.interests, interest)) {
        add(m_weights.shared_interest, "match.shared_interest", "interest", interest);
      }
    }
    const auto language =
        std::ranges::find_if(ward.languages, [&](Code code) { return has(volunteer.languages, code); });
    if (language != ward.languages.end()) {
      add(m_weights.language, "match.language", "language", *language);
    }
    if (ward.district != k_no_code && ward.district == volunteer.district) {
      add(m_weights.district, "match.district", "district", ward.district);
    }
    if (const int slots = common_slots(ward.availability, volunteer.availability); slots > 0) {
      m_score += m_weights.availability_slot * std::min(slots, m_weights.max_counted_slots);
      if (m_out) {
        m_out->push_back({"match.availability",
                          {{"slots", std::to_string(slots)}},
                          m_weights.availability_slot * std::min(slots, m_weights.max_counted_slots)});
      }
    }
  }

  void score_wishes(const CompiledWard& ward, const CompiledVolunteer& volunteer) {
    if (ward.wish_gender != k_no_code) {
      add(m_weights.wish_met, "match.wish_gender", "gender", ward.wish_gender);
    }
    if (ward.wish_language != k_no_code) {
      if (has(volunteer.languages, ward.wish_language)) {
        add(m_weights.wish_met, "match.wish_language", "language", ward.wish_language);
      } else {
        add(-m_weights.wish_unmet, "match.wish_language_unmet", "language", ward.wish_language);
      }
    }
    if (!ward.wish_interests.empty()) {
      std::vector<Code> shared;
      std::ranges::copy_if(ward.wish_interests, std::back_inserter(shared),
                           [&](Code code) { return has(volunteer.interests, code); });
      if (!shared.empty()) {
        add_list(m_weights.wish_met, "match.wish_interests", shared);
      } else {
        add_list(-m_weights.wish_unmet, "match.wish_interests_unmet", ward.wish_interests);
      }
    }
    if (ward.wish_district != k_no_code) {
      if (ward.wish_district == volunteer.district) {
        add(m_weights.wish_met, "match.wish_district", "district", ward.wish_district);
      } else {
        add(-m_weights.wish_unmet, "match.wish_district_unmet", "district", ward.wish_district);
      }
    }
  }

  void add(int points, std::string_view key, std::string_view param, Code value) {
    m_score += points;
    if (m_out) {
      m_out->push_back({std::string(key), {{std::string(param), m_vocabulary.word(value)}}, points});
    }
  }

  void add_list(int points, std::string_view key, const std::vector<Code>& values) {
    m_score += points;
    if (m_out) {
      std::string text;
      for (const Code value : values) {
        if (!text.empty()) {
          text += ", ";
        }
        text += m_vocabulary.word(value);
      }
      m_out->push_back({std::string(key), {{"interests", std::move(text)}}, points});
    }
  }

  const MatchWeights& m_weights;
  const Vocabulary& m_vocabulary;
  std::vector<MatchReason>* m_out;
  int m_score = 0;
};

std::optional<MatchProposal> explain(const CompiledWard& ward, const CompiledVolunteer& volunteer,
                                     const std::string& volunteer_id, const MatchSettings& settings,
                                     const Vocabulary& vocabulary) {
  if (!is_eligible(ward, volunteer)) {
    return std::nullopt;
  }
  MatchProposal proposal{volunteer_id, 0, {}};
  proposal.score = Scorer(settings.weights, vocabulary, &proposal.reasons).score(ward, volunteer);
  return proposal;
}

} // namespace

std::optional<MatchProposal> evaluate_match(const WardProfile& ward, const VolunteerProfile& volunteer,
                                            const MatchSettings& settings) {
  Vocabulary vocabulary;
  const auto compiled_ward = compile(ward, vocabulary);
  const auto compiled_volunteer = compile(volunteer, settings, vocabulary);
  return explain(compiled_ward, compiled_volunteer, volunteer.id, settings, vocabulary);
}

std::vector<MatchProposal> propose_volunteers(const WardProfile& ward, std::span<const VolunteerProfile> volunteers,
                                              const MatchSettings& settings, std::size_t limit) {
  Vocabulary vocabulary;
  const auto compiled_ward = compile(ward, vocabulary);
  std::vector<MatchProposal> proposals;
  for (const auto& volunteer : volunteers) {
    const auto compiled = compile(volunteer, settings, vocabulary);
    if (auto proposal = explain(compiled_ward, compiled, volunteer.id, settings, vocabulary)) {
      proposals.push_back(std::move(*proposal));
    }
  }
  std::ranges::sort(proposals, [](const MatchProposal& a, const MatchProposal& b) {
    return a.score != b.score ? a.score > b.score : a.volunteer_id < b.volunteer_id;
  });
  if (proposals.size() > limit) {
    proposals.erase(proposals.begin() + static_cast<std::ptrdiff_t>(limit), proposals.end());
  }
  return proposals;
}

BatchAssignment assign_batch(std::span<const WardProfile> wards, std::span<const VolunteerProfile> volunteers,
                             const MatchSettings& settings) {
  Vocabulary vocabulary;
  std::vector<CompiledVolunteer> compiled_volunteers;
  compiled_volunteers.reserve(volunteers.size());
  for (const auto& volunteer : volunteers) {
    compiled_volunteers.push_back(compile(volunteer, settings, vocabulary));
  }

  // Nodes: source, wards, volunteers, sink. Cost = −score, so the cheapest flow is the best fit.
  const int ward_count = static_cast<int>(wards.size());
  const int volunteer_count = static_cast<int>(volunteers.size());
  const int source = 0;
  const int sink = ward_count + volunteer_count + 1;
  MinCostFlow network(sink + 1);

  struct Candidate {
    int edge;
    int volunteer;
    int score;
  };
  std::vector<Candidate> candidates;
  std::vector<std::size_t> first_candidate(wards.size() + 1, 0);
  Scorer scorer(settings.weights, vocabulary, nullptr);
  for (int w = 0; w < ward_count; ++w) {
    const auto ward = compile(wards[w], vocabulary);
    first_candidate[w] = candidates.size();
    for (int v = 0; v < volunteer_count; ++v) {
      if (!is_eligible(ward, compiled_volunteers[v])) {
        continue;
      }
      if (const int score = scorer.score(ward, compiled_volunteers[v]); score > 0) {
        candidates.push_back({network.add_edge(1 + w, 1 + ward_count + v, 1, -score), v, score});
      }
    }
    if (candidates.size() > first_candidate[w]) {
      network.add_edge(source, 1 + w, 1, 0);
    }
  }
  first_candidate[wards.size()] = candidates.size();
  for (int v = 0; v < volunteer_count; ++v) {
    if (compiled_volunteers[v].capacity > 0) {
      network.add_edge(1 + ward_count + v, sink, compiled_volunteers[v].capacity, 0);
    }
  }

  BatchAssignment result;
  result.total_score = -network.minimise_cost(source, sink);
  for (std::size_t w = 0; w < wards.size(); ++w) {
    const auto begin = candidates.begin() + static_cast<std::ptrdiff_t>(first_candidate[w]);
    const auto end = candidates.begin() + static_cast<std::ptrdiff_t>(first_candidate[w + 1]);
    const auto chosen = std::find_if(begin, end, [&](const Candidate& c) { return network.flow(c.edge) > 0; });
    if (chosen == end) {
      result.unassigned_wards.push_back(wards[w].id);
    } else {
      result.matches.push_back({wards[w].id, volunteers[chosen->volunteer].id, chosen->score});
    }
  }
  return result;
}

} // namespace patronage::domain
