#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/context.hpp"
#include "app/duplicate_search.hpp"
#include "storage/signals.hpp"
#include "util/error.hpp"

namespace patronage::app {

struct SignalInput {
  std::string received_at; // ISO timestamp, not in the future
  std::string source;      // domain::SignalSource wire name
  std::string source_details;
  std::string reported;
  std::string address;
  std::vector<storage::SignalPerson> persons;
  std::string urgency; // domain::Urgency wire name
  std::optional<std::string> household_id;
};

// Likely existing records for what a signal names: one list per person (in
// the order of the signal's persons) and one for the address with the persons.
struct SignalDuplicates {
  std::vector<std::vector<PersonDuplicate>> persons;
  std::vector<HouseholdDuplicate> households;
};

// An open case of a household in which a person of the signal was found exactly (same name, birth date and
// address): triage should attach the signal to it rather than open a parallel case (SPEC §4).
struct MatchedCase {
  std::string case_id;
  std::string number;
  std::string state;
  std::string household_id;
  std::string family_name;
};

struct SignalView {
  storage::SignalRecord signal;
  SignalDuplicates duplicates;
  std::vector<MatchedCase> open_cases; // best match first, each case once
};

// SPEC §4. Registers a signal in the actor's unit with its response deadline
// (domain::response_deadline with settings.signals). Field errors for a bad
// time, source, urgency, person or household; 403 for a role that may not
// create signals. Audited as "signal.create".
util::Result<SignalView> create_signal(const Services& services, const Actor& actor, const RequestMeta& meta,
                                       const SignalInput& input);

// Untriaged signals of the actor's subtree, nearest deadline first. Audited as "signal.list".
util::Result<std::vector<storage::SignalRecord>> list_open_signals(const Services& services, const Actor& actor,
                                                                   const RequestMeta& meta, int limit = 200);

// One signal with its current likely duplicates; 404 outside what the actor may read.
util::Result<SignalView> get_signal(const Services& services, const Actor& actor, const RequestMeta& meta,
                                    const std::string& id);

struct TriageInput {
  std::string outcome; // domain::TriageOutcome wire name
  std::string reason;
  std::optional<std::string> household_id; // required for open_case unless the signal names one
  std::optional<std::string> case_id = {}; // required for attach: the open case the signal joins
  std::string parallel_reason = {};        // required for open_case when SignalView::open_cases is not empty
};

// Records the outcome (domain::check_triage); open_case opens a case for the
// household in the same transaction (app::open_case_in_tx). A signal is
// triaged once: 409 "signal.already_triaged" after that.
// attach records the signal on the open case `case_id` (its household becomes the signal's): the case must be
// one the actor may write (404 "case.not_found" outside what they may read, 403 when they may only read it) and
// not closed or rejected (409 "signal.attach_case_closed"); the case lists its signals (storage::list_signals_of_case).
// open_case for another household while an open case matches the signal exactly needs `parallel_reason`
// (field error "signal.parallel_reason_required" naming the case number); it is stored and audited.
util::Result<storage::SignalRecord> triage_signal(const Services& services, const Actor& actor,
                                                  const RequestMeta& meta, const std::string& id,
                                                  const TriageInput& input);

} // namespace patronage::app
