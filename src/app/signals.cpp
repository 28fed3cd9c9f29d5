#include "app/signals.hpp"

#include <algorithm>

#include <boost/json.hpp>

#include "app/audit_trail.hpp"
#include "app/case_access.hpp"
#include "app/cases.hpp"
#include "app/clock.hpp"
#include "domain/signal_deadline.hpp"
#include "storage/households.hpp"
#include "util/crypto.hpp"
#include "util/strings.hpp"

namespace patronage::app {
namespace {

domain::PersonIdentity identity_of(const storage::SignalPerson& p, const std::string& address) {
  domain::PersonIdentity out{"", p.last_name, p.first_name, p.patronymic, std::nullopt, address};
  if (p.birth_date) {
    out.birth_date = util::parse_date(*p.birth_date);
  }
  return out;
}

SignalDuplicates duplicates_of(storage::Tx& tx, const Actor& actor, const storage::SignalRecord& signal) {
  SignalDuplicates out;
  domain::HouseholdIdentity household{signal.household_id.value_or(""), signal.address, {}};
  for (const auto& person : signal.persons) {
    out.persons.push_back(person_duplicates_in_tx(tx, actor, identity_of(person, signal.address)));
    household.members.push_back(identity_of(person, ""));
  }
  out.households = household_duplicates_in_tx(tx, actor, household);
  return out;
}

// The same person beyond doubt: name typed alike, same birth date, same address.
bool is_exact(const PersonDuplicate& match) {
  const auto has = [&](std::string_view reason) {
    return std::find(match.reasons.begin(), match.reasons.end(), reason) != match.reasons.end();
  };
  return has("name_exact") && has("same_birth_date") && has("same_address");
}

std::vector<MatchedCase> open_cases_of(storage::Tx& tx, const SignalDuplicates& duplicates) {
  std::vector<const PersonDuplicate*> exact;
  for (const auto& list : duplicates.persons) {
    for (const auto& match : list) {
      if (is_exact(match)) {
        exact.push_back(&match);
      }
    }
  }
  std::stable_sort(exact.begin(), exact.end(),
                   [](const PersonDuplicate* x, const PersonDuplicate* y) { return x->score > y->score; });
  std::vector<MatchedCase> out;
  for (const auto* match : exact) {
    for (const auto& c : storage::list_cases_of_household(tx, match->household_id)) {
      const bool listed = std::any_of(out.begin(), out.end(), [&](const MatchedCase& m) { return m.case_id == c.id; });
      if (!domain::is_terminal(c.state) && !listed) {
        out.push_back({c.id, c.number, std::string(domain::to_string(c.state)), c.household_id, c.family_name});
      }
    }
  }
  return out;
}

boost::json::object found_json(const SignalDuplicates& d) {
  size_t persons = 0;
  for (const auto& list : d.persons) {
    persons += list.size();
  }
  return {{"persons_found", persons}, {"households_found", d.households.size()}};
}

// A household the actor may link a signal to with `action`; the field error names `household_id`.
util::Status check_household_link(storage::Tx& tx, const Actor& actor, const std::string& household_id,
                                  domain::Action action) {
  auto household = storage::find_household(tx, household_id);
  if (!household || !domain::can(actor.subject(), action, {household->unit_path, ""})) {
    return util::fail(util::Error::field("household_id", "household.not_found"));
  }
  return {};
}

util::Result<storage::SignalRecord> load_signal(storage::Tx& tx, const Actor& actor, const std::string& id,
                                                domain::Action action) {
  auto signal = storage::find_signal(tx, id);
  if (!signal || !domain::can(actor.subject(), domain::Action::signal_read, {signal->unit_path, ""})) {
    return util::fail(util::Error::not_found("signal.not_found"));
  }
  if (!domain::can(actor.subject(), action, {signal->unit_path, ""})) {
    return util::fail(util::Error::forbidden());
  }
  return *signal;
}

} // namespace

util::Result<SignalView> create_signal(const Services& services, const Actor& actor, const RequestMeta& meta,
                                       const SignalInput& input) {
  std::vector<util::FieldError> fields;
  const auto received = util::parse_timestamp(input.received_at);
  if (!received) {
    fields.push_back({"received_at", "validation.timestamp_invalid"});
  } else if (*received > services.clock.now()) {
    fields.push_back({"received_at", "validation.date_in_future"});
  }
  const auto source = domain::parse_signal_source(input.source);
  if (!source) {
    fields.push_back({"source", "signal.source_invalid"});
  }
  const auto urgency = domain::parse_urgency(input.urgency);
  if (!urgency) {
    fields.push_back({"urgency", "signal.urgency_invalid"});
  }
  if (util::blank(input.reported)) {
    fields.push_back({"reported", "validation.required"});
  }
  const auto today = app::today(services);
  for (size_t i = 0; i < input.persons.size(); ++i) {
    const auto& p = input.persons[i];
    const std::string prefix = "persons[" + std::to_string(i) + "].";
    if (util::blank(p.last_name) && util::blank(p.first_name)) {
      fields.push_back({prefix + "last_name", "validation.required"});
    }
    if (p.birth_date) {
      const auto birth = util::parse_date(*p.birth_date);
      if (!birth) {
        fields.push_back({prefix + "birth_date", "validation.date_invalid"});
      } else if (*birth > today) {
        fields.push_back({prefix + "birth_date", "validation.date_in_future"});
      }
    }
  }
  if (!fields.empty()) {
    return util::fail(util::Error::invalid("validation.failed", std::move(fields)));
  }
  if (!domain::can(actor.subject(), domain::Action::signal_create, {actor.unit_path, ""})) {
    return util::fail(util::Error::forbidden());
  }
  return services.db.transact([&](storage::Tx& tx) -> util::Result<SignalView> {
    if (input.household_id) {
      if (auto linked = check_household_link(tx, actor, *input.household_id, domain::Action::signal_create);
          !linked) {
        return util::fail(linked.error());
      }
    }
    storage::SignalRecord signal;
    signal.id = util::random_id();
    signal.unit_id = actor.unit_id;
    signal.unit_path = actor.unit_path;
    signal.received_at = received->time_since_epoch().count();
    signal.source = input.source;
    signal.source_details = input.source_details;
    signal.reported = input.reported;
    signal.address = util::trim(input.address);
    signal.persons = input.persons;
    for (auto& person : signal.persons) {
      person.last_name = util::trim(person.last_name);
      person.first_name = util::trim(person.first_name);
      person.patronymic = util::trim(person.patronymic);
    }
    signal.urgency = input.urgency;
    signal.deadline_at =
        domain::response_deadline(*received, *urgency, services.settings.signals).time_since_epoch().count();
    signal.household_id = input.household_id;
    signal.created_by = actor.id;
    signal.created_at = now_of(services);
    storage::insert_signal(tx, signal);
    SignalView view{signal, duplicates_of(tx, actor, signal), {}};
    view.open_cases = open_cases_of(tx, view.duplicates);
    audit(tx, services, actor.id, meta, "signal.create", "signal", signal.id, found_json(view.duplicates));
    return view;
  });
}

util::Result<std::vector<storage::SignalRecord>> list_open_signals(const Services& services, const Actor& actor,
                                                                   const RequestMeta& meta, int limit) {
  if (!domain::can(actor.subject(), domain::Action::signal_read, {actor.unit_path, ""})) {
    return util::fail(util::Error::forbidden());
  }
  return services.db.transact([&](storage::Tx& tx) -> util::Result<std::vector<storage::SignalRecord>> {
    auto signals = storage::list_open_signals(tx, actor.unit_path, limit);
    std::erase_if(signals, [&](const storage::SignalRecord& s) {
      return !domain::can(actor.subject(), domain::Action::signal_read, {s.unit_path, ""});
    });
    audit(tx, services, actor.id, meta, "signal.list", "signal", "", {{"count", signals.size()}});
    return signals;
  });
}

util::Result<SignalView> get_signal(const Services& services, const Actor& actor, const RequestMeta& meta,
                                    const std::string& id) {
  return services.db.transact([&](storage::Tx& tx) -> util::Result<SignalView> {
    auto signal = load_signal(tx, actor, id, domain::Action::signal_read);
    if (!signal) {
      return util::fail(signal.error());
    }
    SignalView view{*signal, duplicates_of(tx, actor, *signal), {}};
    view.open_cases = open_cases_of(tx, view.duplicates);
    audit(tx, services, actor.id, meta, "signal.read", "signal", id, found_json(view.duplicates));
    return view;
  });
}

util::Result<storage::SignalRecord> triage_signal(const Services& services, const Actor& actor,
                                                  const RequestMeta& meta, const std::string& id,
                                                  const TriageInput& input) {
  const auto outcome = domain::parse_triage_outcome(input.outcome);
  if (!outcome) {
    return util::fail(util::Error::field("outcome", "signal.outcome_invalid"));
  }
  if (auto checked = domain::check_triage(*outcome, input.reason); !checked) {
    return util::fail(checked.error());
  }
  if (*outcome == domain::TriageOutcome::attach && (!input.case_id || util::blank(*input.case_id))) {
    return util::fail(util::Error::field("case_id", "validation.required"));
  }
  return services.db.transact([&](storage::Tx& tx) -> util::Result<storage::SignalRecord> {
    auto signal = load_signal(tx, actor, id, domain::Action::signal_triage);
    if (!signal) {
      return util::fail(signal.error());
    }
    if (signal->triaged_at) {
      return util::fail(util::Error::conflict("signal.already_triaged"));
    }
    if (input.household_id) {
      if (auto linked = check_household_link(tx, actor, *input.household_id, domain::Action::signal_triage);
          !linked) {
        return util::fail(linked.error());
      }
      signal->household_id = input.household_id;
    }
    if (*outcome == domain::TriageOutcome::attach) {
      auto attached = load_case(tx, actor, *input.case_id, domain::Action::case_write);
      if (!attached) {
        return util::fail(attached.error());
      }
      if (domain::is_terminal(attached->record.state)) {
        return util::fail(util::Error::conflict("signal.attach_case_closed").with("case_number", attached->record.number));
      }
      signal->household_id = attached->record.household_id;
      signal->case_id = attached->record.id;
      audit(tx, services, actor.id, meta, "case.signal_attached", "case", attached->record.id,
            {{"signal_id", signal->id}, {"number", attached->record.number}});
    }
    if (*outcome == domain::TriageOutcome::open_case) {
      if (!signal->household_id) {
        return util::fail(util::Error::field("household_id", "validation.required"));
      }
      // SPEC §4: no parallel cases by default. A family matched exactly with an open case elsewhere gets a new
      // case only by an explicit choice with a reason (the chosen household itself answers 409 below).
      const auto matched = open_cases_of(tx, duplicates_of(tx, actor, *signal));
      const bool elsewhere = std::any_of(matched.begin(), matched.end(), [&](const MatchedCase& m) {
        return m.household_id != *signal->household_id;
      });
      if (elsewhere && util::blank(input.parallel_reason)) {
        return util::fail(util::Error::field("parallel_reason", "signal.parallel_reason_required")
                              .with("case_number", matched.front().number));
      }
      auto opened = open_case_in_tx(tx, services, actor, meta, *signal->household_id, signal->id);
      if (!opened) {
        return util::fail(opened.error());
      }
      signal->case_id = opened->id;
      if (elsewhere) {
        signal->parallel_reason = util::trim(input.parallel_reason);
      }
    }
    signal->triage_outcome = input.outcome;
    signal->triage_reason = util::trim(input.reason);
    signal->triaged_at = now_of(services);
    signal->triaged_by = actor.id;
    if (!storage::record_triage(tx, *signal)) {
      return util::fail(util::Error::conflict("signal.already_triaged"));
    }
    boost::json::object details{{"outcome", input.outcome}, {"case_id", signal->case_id.value_or("")}};
    if (!signal->parallel_reason.empty()) {
      details["parallel"] = true; // the reason itself is free text: it stays with the signal, not in the log
    }
    audit(tx, services, actor.id, meta, "signal.triage", "signal", id, details);
    return *signal;
  });
}

} // namespace patronage::app
