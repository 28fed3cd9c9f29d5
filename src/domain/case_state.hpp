#pragma once

#include <optional>
#include <string_view>

namespace patronage::domain {

// SPEC §3: the states of a case; `closed` and `rejected` are terminal.
enum class CaseState { signal, assessment, awaiting_decision, active, closing, supervision, closed, rejected };

// SPEC §3: intensive patronage runs 4–9 months under its own caseload limit; standard has a separate limit.
enum class PatronageIntensity { intensive, standard };

std::string_view to_string(CaseState state);
std::optional<CaseState> parse_case_state(std::string_view text);

std::string_view to_string(PatronageIntensity intensity);
std::optional<PatronageIntensity> parse_patronage_intensity(std::string_view text);

// True for `closed` and `rejected`: no transition leaves them (SPEC §3: reopening makes a new case).
bool is_terminal(CaseState state);

} // namespace patronage::domain
