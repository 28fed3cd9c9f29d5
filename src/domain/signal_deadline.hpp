#pragma once

#include "util/error.hpp"
#include "util/time.hpp"

#include <chrono>
#include <optional>
#include <string_view>
#include <vector>

namespace patronage::domain {

// SPEC §4: how fast a signal must be answered with a visit.
enum class Urgency { emergency, urgent, routine };

// SPEC §4: where a signal came from.
enum class SignalSource {
  school,
  kindergarten,
  police_juvenile_unit,
  clinic,
  commission_for_minors,
  guardianship_authority,
  neighbour,
  relative,
  self_referral,
  hotline,
  anonymous,
};

// SPEC §4: what triage decided about a signal. `attach` records it on the family's open case instead of opening
// a parallel one ("so that no family gets two parallel cases").
enum class TriageOutcome { open_case, attach, consultation_only, forward_to_agency, no_grounds };

std::string_view to_string(Urgency urgency);
std::optional<Urgency> parse_urgency(std::string_view text);

std::string_view to_string(SignalSource source);
std::optional<SignalSource> parse_signal_source(std::string_view text);

std::string_view to_string(TriageOutcome outcome);
std::optional<TriageOutcome> parse_triage_outcome(std::string_view text);

// SPEC §4: response times are settings. Saturdays and Sundays are days off unless listed in
// `working_weekend_days` (transferred working days); `public_holidays` are days off too.
struct SignalSettings {
  std::chrono::hours emergency_response{24};
  std::chrono::days urgent_response{3};
  int routine_working_days = 10;
  std::vector<util::Date> public_holidays;
  std::vector<util::Date> working_weekend_days;
};

bool is_working_day(util::Date day, const SignalSettings& settings);

// The `count`-th working day after `from` (`from` itself never counts); `from` when `count` <= 0.
util::Date add_working_days(util::Date from, int count, const SignalSettings& settings);

// SPEC §4: the moment by which a signal received at `received` must be answered: emergency 24 hours, urgent
// 3 calendar days, routine the same time of day on the 10th working day after the day of receipt.
util::Timestamp response_deadline(util::Timestamp received, Urgency urgency, const SignalSettings& settings);

// True when the response came (`responded_at`) or, with none yet, `now` is after the deadline.
bool is_overdue(util::Timestamp received, Urgency urgency, std::optional<util::Timestamp> responded_at,
                util::Timestamp now, const SignalSettings& settings);

// SPEC §4: every triage outcome is given with a reason. Failure:
// Error::field("reason", "signal.triage_reason_required").
util::Status check_triage(TriageOutcome outcome, std::string_view reason);

} // namespace patronage::domain
