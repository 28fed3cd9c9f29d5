#pragma once

#include <optional>
#include <string>
#include <vector>

#include "storage/database.hpp"

namespace patronage::storage {

// A decision as the meetings view lists it (SPEC §6), with where its case's family lives.
struct MeetingDecision {
  std::string id;
  std::string case_id;
  std::string case_state;
  std::string address;
  std::string body;
  std::string meeting_date;
  std::string protocol_number;
  std::vector<std::string> members_present;
  std::string kind;
  std::optional<std::string> lead_id;
  std::string grounds;
  bool is_signed = false;
};

// Decisions of cases of a unit subtree with a meeting date in [`from`, `to`] ('YYYY-MM-DD'), ordered by meeting
// date (newest first), body, protocol number and creation; at most `limit`.
std::vector<MeetingDecision> list_meeting_decisions(Tx& tx, const std::string& unit_path_prefix,
                                                    const std::string& from, const std::string& to, int limit);

} // namespace patronage::storage
