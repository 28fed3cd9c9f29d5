#include "domain/referral.hpp"

#include "domain/named_enum.hpp"

#include <algorithm>
#include <array>
#include <string>
#include <utility>

namespace patronage::domain {
namespace {

constexpr NameTable<ReferralStatus, 5> k_referral_status_names{{
    {ReferralStatus::sent, "sent"},
    {ReferralStatus::accepted, "accepted"},
    {ReferralStatus::in_progress, "in_progress"},
    {ReferralStatus::done, "done"},
    {ReferralStatus::declined, "declined"},
}};

// SPEC §9: referral statuses sent, accepted, in progress, done, declined.
constexpr std::array<std::pair<ReferralStatus, ReferralStatus>, 7> k_referral_moves{{
    {ReferralStatus::sent, ReferralStatus::accepted},
    {ReferralStatus::sent, ReferralStatus::declined},
    {ReferralStatus::accepted, ReferralStatus::in_progress},
    {ReferralStatus::accepted, ReferralStatus::done},
    {ReferralStatus::accepted, ReferralStatus::declined},
    {ReferralStatus::in_progress, ReferralStatus::done},
    {ReferralStatus::in_progress, ReferralStatus::declined},
}};

} // namespace

std::string_view to_string(ReferralStatus status) {
  return name_of(k_referral_status_names, status);
}

std::optional<ReferralStatus> parse_referral_status(std::string_view text) {
  return value_of(k_referral_status_names, text);
}

std::vector<ReferralStatus> next_referral_statuses(ReferralStatus from) {
  std::vector<ReferralStatus> next;
  for (const auto& [f, to] : k_referral_moves) {
    if (f == from) {
      next.push_back(to);
    }
  }
  return next;
}

bool is_terminal(ReferralStatus status) {
  return status == ReferralStatus::done || status == ReferralStatus::declined;
}

util::Status check_referral_transition(ReferralStatus from, ReferralStatus to) {
  if (std::ranges::find(k_referral_moves, std::pair{from, to}) == k_referral_moves.end()) {
    return util::fail(util::Error::conflict("referral.transition_not_allowed")
                          .with("from", std::string(to_string(from)))
                          .with("to", std::string(to_string(to))));
  }
  return {};
}

util::Status check_referral_dates(util::Date sent, util::Date due) {
  if (due < sent) {
    return util::fail(util::Error::field("due_date", "referral.due_before_sent"));
  }
  return {};
}

bool is_overdue(util::Date due, util::Date today, ReferralStatus status) {
  return today > due && !is_terminal(status);
}

} // namespace patronage::domain
