#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "app/context.hpp"
#include "util/error.hpp"
#include "util/time.hpp"

namespace patronage::app {

// One thing that needs the user's attention (SPEC §10). The title is a message key with its params; when
// `detail_key` is set, its translation (with `detail_params`) fills the param "detail" of the title.
struct WorkItem {
  std::string kind; // visit_due, measure_due, signal_triage, consent_expiring, plan_review, early_warning,
                    // critical_not_visited, referral_overdue
  std::string case_id;
  std::string case_number; // "2026-0042" with case_id
  std::string signal_id;
  std::string title_key;
  std::vector<std::pair<std::string, std::string>> title_params;
  std::string detail_key;
  std::vector<std::pair<std::string, std::string>> detail_params;
  util::Date due_on;
  std::optional<util::Timestamp> due_at; // signals: the response deadline
  bool overdue = false;
  // Lower is more urgent: 0 overdue, 1 emergency signal, 2 critical case, 3 the rest.
  int urgency = 3;
};

// The signed-in user's work list, only from what they may act on: for the cases they lead or are experts on
// (heads: every case of their subtree) visits due within a week or overdue (app::case_schedule), open plan
// measures due within a week or overdue, plans to review, consents expiring, patronage (active, planned end) and
// supervision ending within a month or overdue,
// early warnings, critical cases not visited within 24 hours; for those who triage signals (specialists and
// heads), the untriaged signals of their subtree with their response deadline. Sorted by urgency, then by due
// time. Audited as "worklist.read".
util::Result<std::vector<WorkItem>> work_list(const Services& services, const Actor& actor, const RequestMeta& meta);

} // namespace patronage::app
