#pragma once

#include "util/error.hpp"
#include "util/time.hpp"

#include <optional>
#include <string_view>
#include <vector>

namespace patronage::domain {

// SPEC §9: the status of a referral from a case to a partner organisation.
enum class ReferralStatus { sent, accepted, in_progress, done, declined };

std::string_view to_string(ReferralStatus status);
std::optional<ReferralStatus> parse_referral_status(std::string_view text);

// One entry of a referral's status history.
struct ReferralStatusChange {
  ReferralStatus from = ReferralStatus::sent;
  ReferralStatus to = ReferralStatus::sent;
  util::Date on;
};

// True for done and declined: nothing more is expected of the partner.
bool is_terminal(ReferralStatus status);

// SPEC §9: the statuses `from` may move to (empty for a terminal status).
std::vector<ReferralStatus> next_referral_statuses(ReferralStatus from);

// Ok when a referral may move from `from` to `to`:
//   sent → accepted | declined; accepted → in_progress | done | declined;
//   in_progress → done | declined; done and declined are final.
// Otherwise a conflict "referral.transition_not_allowed" (params `from`, `to`).
util::Status check_referral_transition(ReferralStatus from, ReferralStatus to);

// Ok when `due` is not before `sent`; otherwise an invalid error with the field
// error {"due_date", "referral.due_before_sent"}.
util::Status check_referral_dates(util::Date sent, util::Date due);

// True when the partner has not finished by the end of the `due` day: `today` is
// after `due` and `status` is not terminal.
bool is_overdue(util::Date due, util::Date today, ReferralStatus status);

} // namespace patronage::domain
