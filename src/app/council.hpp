#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/context.hpp"
#include "domain/council_agenda.hpp"
#include "storage/cases.hpp"
#include "storage/council.hpp"
#include "util/error.hpp"

namespace patronage::app {

// A case the council should decide on (SPEC §6), with why.
struct AgendaEntry {
  storage::CaseRecord record; // household_address and lead_name filled
  std::vector<domain::AgendaItem> items;
};

// The agenda of the unit `unit_id` (the actor's own when absent) and its subtree on today's date: cases for which
// domain::council_agenda gives a reason, longest waiting first. Only for those who may record decisions there
// (heads, secretaries); 403 otherwise, 404 for a unit outside the actor's subtree. Audited as "council.agenda".
util::Result<std::vector<AgendaEntry>> council_agenda(const Services& services, const Actor& actor,
                                                      const RequestMeta& meta, const std::optional<std::string>& unit_id);

// One meeting: a body, a date and a protocol number, with its decisions in recording order.
struct Meeting {
  std::string body;
  std::string meeting_date;
  std::string protocol_number;
  std::vector<std::string> members_present; // of all its decisions, first seen first
  std::vector<storage::MeetingDecision> decisions;
};

// Recorded decisions of the actor's subtree with a meeting date in [`from`, `to`] ("YYYY-MM-DD"; by default the
// year up to today), grouped into meetings, newest first. Field errors "validation.date_invalid" on "from"/"to",
// "validation.out_of_range" on "to" when it is before `from`; 403 for those who may not record decisions.
// Audited as "council.meetings".
util::Result<std::vector<Meeting>> council_meetings(const Services& services, const Actor& actor,
                                                    const RequestMeta& meta, const std::optional<std::string>& from,
                                                    const std::optional<std::string>& to);

// A colleague as lists of names show them.
struct StaffMember {
  std::string id;
  std::string full_name;
  std::string role;
  std::string unit_id;
  bool disabled = false;
};

// Users whose names `actor` may see (Action::staff_directory): those of the actor's subtree and of the units above
// it, or of the subtree of `unit_id` when given (404 when the actor may not read that unit). Ordered by name.
// Audited as "staff.list".
util::Result<std::vector<StaffMember>> list_staff(const Services& services, const Actor& actor,
                                                  const RequestMeta& meta, const std::optional<std::string>& unit_id);

} // namespace patronage::app
