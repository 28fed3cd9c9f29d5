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

struct SignalView {
  storage::SignalRecord signal;
  SignalDuplicates duplicates;
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
};

// Records the outcome (domain::check_triage); open_case opens a case for the
// household in the same transaction (app::open_case_in_tx). A signal is
// triaged once: 409 "signal.already_triaged" after that.
util::Result<storage::SignalRecord> triage_signal(const Services& services, const Actor& actor,
                                                  const RequestMeta& meta, const std::string& id,
                                                  const TriageInput& input);

} // namespace patronage::app
