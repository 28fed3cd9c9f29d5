#include "domain/case_decisions.hpp"

#include <algorithm>

namespace patronage::domain {

bool is_decision_in_force(const DecisionRecord& decision, const std::vector<DecisionRecord>& all, util::Date today) {
  if (!decision.is_signed || decision.date > today) {
    return false;
  }
  return std::none_of(all.begin(), all.end(), [&](const DecisionRecord& other) {
    return !decision.id.empty() && other.corrects_id == decision.id && other.is_signed && other.date <= today;
  });
}

const DecisionRecord* latest_decision(const CaseFacts& facts, std::initializer_list<DecisionKind> kinds,
                                      util::Date not_before, util::Date today) {
  const DecisionRecord* latest = nullptr;
  for (const auto& decision : facts.decisions) {
    const bool kind_matches = std::find(kinds.begin(), kinds.end(), decision.kind) != kinds.end();
    if (kind_matches && decision.date >= not_before && is_decision_in_force(decision, facts.decisions, today) &&
        (latest == nullptr || decision.date >= latest->date)) {
      latest = &decision;
    }
  }
  return latest;
}

} // namespace patronage::domain
