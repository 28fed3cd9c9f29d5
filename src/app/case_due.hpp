#pragma once

#include <string>

#include "app/context.hpp"
#include "storage/case_due.hpp"
#include "storage/cases.hpp"
#include "util/error.hpp"
#include "util/time.hpp"

namespace patronage::app {

// The stored due values of the work list (issue 16: storage::CaseDue, migration 21). A row holds what does not
// depend on the day; the work list derives the rest (overdue, days overdue, the horizons, the critical case not
// visited) from its dates when it reads.

// Names the settings the values depend on (the schedule, the lifecycle, the risk and warning rules): a row stored
// under another key is computed again.
std::string case_due_settings_key(const Settings& settings);

// The values of `record` as of `today`, computed from its records with the work list's own rules
// (app::case_risk, app::case_schedule, domain::supervision_deadline, the open measures, plan reviews and consents).
// `recheck_on` is the first later day on which a record dated in the future (an assessment, a child-safety concern,
// a pregnancy's due date) starts to count, or the next day when a consent was withdrawn (whose effect depends on
// the day). Reads inside the caller's transaction; checks nothing.
storage::CaseDue derive_case_due(storage::Tx& tx, const Services& services, const storage::CaseRecord& record,
                                 util::Date today);

// True when the stored `due` stands for derive_case_due on `day`: computed on or before `day`, `day` before its
// `recheck_on`, under `settings_key`.
bool case_due_holds(const storage::CaseDue& due, util::Date day, const std::string& settings_key);

// The row of case `case_id` as of `today` (derive_case_due); none for a closed, rejected or missing case, which keeps
// no row.
std::optional<storage::CaseDue> derive_if_open(storage::Tx& tx, const Services& services, const std::string& case_id,
                                               util::Date today);

// Computes again the row of every case marked by the writes of this transaction: stores it for an open case,
// deletes it for a closed, rejected or missing one. Called at the end of every write transaction (keep_case_due).
void refresh_case_due(storage::Tx& tx, const Services& services);

// Makes every write transaction of `services.db` compute its marked cases again at its end (storage::set_write_hook;
// `services` must outlive the database's use).
void refresh_in_each_write(const Services& services);

// Makes every write transaction of `services.db` keep the rows (storage::set_write_hook; `services` must outlive
// the database's use), then computes the rows marked before (a new migration 21, the bulk loader, a change of
// settings) in transactions of a few hundred cases. Call once at start-up, before the database is shared. Returns
// how many rows it computed; fails with the first failed transaction's error.
util::Result<long long> keep_case_due(const Services& services);

} // namespace patronage::app
