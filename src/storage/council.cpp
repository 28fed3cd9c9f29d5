#include "storage/council.hpp"

#include <soci/soci.h>

#include "util/strings.hpp"

namespace patronage::storage {

std::vector<MeetingDecision> list_meeting_decisions(Tx& tx, const std::string& unit_path_prefix,
                                                    const std::string& from, const std::string& to, int limit) {
  const std::string pattern = unit_path_prefix + "%";
  MeetingDecision row;
  std::string members;
  std::string lead;
  soci::indicator lead_ind = soci::i_ok;
  int is_signed = 0;
  soci::statement st =
      (tx.sql().prepare << "SELECT d.id, d.case_id, c.state, h.address, d.body, d.meeting_date, d.protocol_number, "
                           "d.members_present, d.kind, d.lead_id, d.grounds, d.signed FROM decisions d "
                           "JOIN cases c ON c.id = d.case_id JOIN units n ON n.id = c.unit_id "
                           "JOIN households h ON h.id = c.household_id "
                           "WHERE n.path LIKE :p AND d.meeting_date >= :f AND d.meeting_date <= :t "
                           "ORDER BY d.meeting_date DESC, d.body, d.protocol_number, d.created_at, d.id LIMIT :lim",
       soci::use(pattern), soci::use(from), soci::use(to), soci::use(limit), soci::into(row.id),
       soci::into(row.case_id), soci::into(row.case_state), soci::into(row.address), soci::into(row.body),
       soci::into(row.meeting_date), soci::into(row.protocol_number), soci::into(members), soci::into(row.kind),
       soci::into(lead, lead_ind), soci::into(row.grounds), soci::into(is_signed));
  st.execute();
  std::vector<MeetingDecision> out;
  while (st.fetch()) {
    MeetingDecision item = row;
    item.members_present = util::split(members, '\n');
    item.lead_id = lead_ind == soci::i_ok ? std::optional<std::string>(lead) : std::nullopt;
    item.is_signed = is_signed != 0;
    out.push_back(std::move(item));
  }
  return out;
}

} // namespace patronage::storage
