#include "domain/signal_deadline.hpp"

#include "domain/named_enum.hpp"
#include "domain/text_rules.hpp"

#include <algorithm>

namespace patronage::domain {
namespace {

constexpr NameTable<Urgency, 3> k_urgency_names{{
    {Urgency::emergency, "emergency"},
    {Urgency::urgent, "urgent"},
    {Urgency::routine, "routine"},
}};

constexpr NameTable<SignalSource, 11> k_source_names{{
    {SignalSource::school, "school"},
    {SignalSource::kindergarten, "kindergarten"},
    {SignalSource::police_juvenile_unit, "police_juvenile_unit"},
    {SignalSource::clinic, "clinic"},
    {SignalSource::commission_for_minors, "commission_for_minors"},
    {SignalSource::guardianship_authority, "guardianship_authority"},
    {SignalSource::neighbour, "neighbour"},
    {SignalSource::relative, "relative"},
    {SignalSource::self_referral, "self_referral"},
    {SignalSource::hotline, "hotline"},
    {SignalSource::anonymous, "anonymous"},
}};

constexpr NameTable<TriageOutcome, 5> k_triage_outcome_names{{
    {TriageOutcome::open_case, "open_case"},
    {TriageOutcome::attach, "attach"},
    {TriageOutcome::consultation_only, "consultation_only"},
    {TriageOutcome::forward_to_agency, "forward_to_agency"},
    {TriageOutcome::no_grounds, "no_grounds"},
}};

bool is_listed(const std::vector<util::Date>& days, util::Date day) {
  return std::find(days.begin(), days.end(), day) != days.end();
}

} // namespace

std::string_view to_string(Urgency urgency) {
  return name_of(k_urgency_names, urgency);
}
std::optional<Urgency> parse_urgency(std::string_view text) {
  return value_of(k_urgency_names, text);
}

std::string_view to_string(SignalSource source) {
  return name_of(k_source_names, source);
}
std::optional<SignalSource> parse_signal_source(std::string_view text) {
  return value_of(k_source_names, text);
}

std::string_view to_string(TriageOutcome outcome) {
  return name_of(k_triage_outcome_names, outcome);
}
std::optional<TriageOutcome> parse_triage_outcome(std::string_view text) {
  return value_of(k_triage_outcome_names, text);
}

bool is_working_day(util::Date day, const SignalSettings& settings) {
  if (is_listed(settings.working_weekend_days, day)) {
    return true;
  }
  const std::chrono::weekday weekday{day};
  const bool weekend = weekday == std::chrono::Saturday || weekday == std::chrono::Sunday;
  return !weekend && !is_listed(settings.public_holidays, day);
}

util::Date add_working_days(util::Date from, int count, const SignalSettings& settings) {
  util::Date day = from;
  for (int found = 0; found < count;) {
    day += std::chrono::days{1};
    if (is_working_day(day, settings)) {
      ++found;
    }
  }
  return day;
}

util::Timestamp response_deadline(util::Timestamp received, Urgency urgency, const SignalSettings& settings) {
  switch (urgency) {
  case Urgency::emergency:
    return received + settings.emergency_response;
  case Urgency::urgent:
    return received + settings.urgent_response;
  case Urgency::routine:
    break;
  }
  const auto day = std::chrono::floor<std::chrono::days>(received);
  return add_working_days(day, settings.routine_working_days, settings) + (received - day);
}

bool is_overdue(util::Timestamp received, Urgency urgency, std::optional<util::Timestamp> responded_at,
                util::Timestamp now, const SignalSettings& settings) {
  return responded_at.value_or(now) > response_deadline(received, urgency, settings);
}

util::Status check_triage(TriageOutcome /*outcome*/, std::string_view reason) {
  if (is_blank(reason)) {
    return util::fail(util::Error::field("reason", "signal.triage_reason_required"));
  }
  return {};
}

} // namespace patronage::domain
