#include "domain/case_state.hpp"

#include "domain/named_enum.hpp"

namespace patronage::domain {
namespace {

constexpr NameTable<CaseState, 8> k_state_names{{
    {CaseState::signal, "signal"},
    {CaseState::assessment, "assessment"},
    {CaseState::awaiting_decision, "awaiting_decision"},
    {CaseState::active, "active"},
    {CaseState::closing, "closing"},
    {CaseState::supervision, "supervision"},
    {CaseState::closed, "closed"},
    {CaseState::rejected, "rejected"},
}};

constexpr NameTable<PatronageIntensity, 2> k_intensity_names{{
    {PatronageIntensity::intensive, "intensive"},
    {PatronageIntensity::standard, "standard"},
}};

} // namespace

std::string_view to_string(CaseState state) {
  return name_of(k_state_names, state);
}
std::optional<CaseState> parse_case_state(std::string_view text) {
  return value_of(k_state_names, text);
}

std::string_view to_string(PatronageIntensity intensity) {
  return name_of(k_intensity_names, intensity);
}
std::optional<PatronageIntensity> parse_patronage_intensity(std::string_view text) {
  return value_of(k_intensity_names, text);
}

bool is_terminal(CaseState state) {
  return state == CaseState::closed || state == CaseState::rejected;
}

} // namespace patronage::domain
