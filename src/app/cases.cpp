#include "app/cases.hpp"

#include <algorithm>

#include "app/audit_trail.hpp"
#include "app/case_access.hpp"
#include "app/case_risk.hpp"
#include "app/clock.hpp"
#include "domain/transition.hpp"
#include "domain/case_load.hpp"
#include "storage/units.hpp"
#include "storage/volunteers.hpp"
#include "storage/users.hpp"
#include "util/crypto.hpp"
#include "util/strings.hpp"

namespace patronage::app {
namespace {

constexpr size_t k_max_reason = 2000;

void record_transition(storage::Tx& tx, const Services& services, const Actor& actor, const std::string& case_id,
                       const std::string& from, const std::string& to, const std::string& reason,
                       const std::string& override_reason) {
  storage::insert_transition(tx, {util::random_id(), case_id, from, to, now_of(services),
                                  util::format_date(today(services)), actor.id, reason, override_reason});
}

} // namespace

util::Result<storage::CaseRecord> open_case_in_tx(storage::Tx& tx, const Services& services, const Actor& actor,
                                                  const RequestMeta& meta, const std::string& household_id,
                                                  const std::string& signal_id) {
  const auto unit = storage::household_unit(tx, household_id);
  if (!unit || !domain::can(actor.subject(), domain::Action::signal_triage, {unit->path, ""})) {
    return util::fail(util::Error::field("household_id", "household.not_found"));
  }
  const std::string& unit_id = unit->id;
  const std::string& unit_path = unit->path;
  const long long now = now_of(services);
  const std::string on = util::format_date(today(services));
  storage::CaseRecord record;
  record.id = util::random_id();
  record.unit_id = unit_id;
  record.unit_path = unit_path;
  record.household_id = household_id;
  record.signal_id = signal_id;
  record.state = domain::CaseState::signal;
  record.state_entered_on = on;
  record.opened_on = on;
  if (actor.role == domain::Role::specialist) {
    record.lead_id = actor.id;
  }
  for (const auto& previous : storage::list_cases_of_household(tx, household_id)) {
    if (previous.state == domain::CaseState::closed) {
      record.previous_case_id = previous.id; // SPEC §3: a reopened case links to the old one
    } else if (!domain::is_terminal(previous.state)) {
      return util::fail(
          util::Error::conflict("case.already_open").with("case_id", previous.id).with("case_number", previous.number));
    }
  }
  record.created_at = now;
  record.updated_at = now;
  storage::insert_case(tx, record);
  if (record.lead_id) {
    storage::upsert_case_member(tx, {record.id, *record.lead_id, "lead", now});
  }
  record_transition(tx, services, actor, record.id, "", "signal", "case.opened", "");
  audit(tx, services, actor.id, meta, "case.open", "case", record.id, {{"number", record.number}});
  return record;
}

util::Result<storage::CaseRecord> open_case(const Services& services, const Actor& actor, const RequestMeta& meta,
                                            const std::string& household_id) {
  // Roles that open no case anywhere are refused as such, not told the household is "not found".
  if (!domain::can(actor.subject(), domain::Action::signal_triage, {actor.unit_path, ""})) {
    return util::fail(util::Error::forbidden());
  }
  if (household_id.empty()) {
    return util::fail(util::Error::field("household_id", "validation.required"));
  }
  return services.db.transact([&](storage::Tx& tx) -> util::Result<storage::CaseRecord> {
    return open_case_in_tx(tx, services, actor, meta, household_id, "");
  });
}

util::Result<CaseView> get_case(const Services& services, const Actor& actor, const RequestMeta& meta,
                                const std::string& case_id) {
  return read_audited(services, meta, [&](storage::Tx& tx) -> util::Result<CaseView> {
    auto loaded = load_case(tx, actor, case_id, domain::Action::case_read);
    if (!loaded) {
      return util::fail(loaded.error());
    }
    CaseView view;
    view.record = loaded->record;
    view.relation = loaded->relation;
    view.members = storage::list_case_members(tx, case_id);
    view.transitions = storage::list_transitions(tx, case_id);
    view.consents = storage::list_consents(tx, case_id);
    view.decisions = storage::list_decisions(tx, case_id);
    const auto next_states = domain::next_states(view.record.state);
    // Only a transition to active weighs the lead's caseload.
    const bool may_activate =
        std::find(next_states.begin(), next_states.end(), domain::CaseState::active) != next_states.end();
    const auto facts = load_case_facts(tx, view.record, view.consents, view.decisions,
                                       may_activate ? Caseload::count : Caseload::skip);
    const auto day = today(services);
    view.warnings = domain::case_warnings(facts, day, services.settings.lifecycle);
    view.supervision_end = domain::supervision_deadline(facts, services.settings.lifecycle);
    for (const auto next : next_states) {
      auto allowed = domain::check_transition(facts, next, {"-", {}}, services.settings.lifecycle, day);
      view.next_states.push_back({std::string(domain::to_string(next)),
                                  allowed ? std::nullopt : std::optional<util::Error>(allowed.error())});
    }
    auto standing = case_risk(tx, case_id, day, services.settings.assessment);
    view.next_visit = case_schedule(tx, services, view.record, facts, day, standing).next_visit;
    if (domain::can(actor.subject(), domain::Action::household_read,
                    {view.record.unit_path, "", view.relation})) {
      view.risk = std::move(standing);
    }
    if (domain::can(actor.subject(), domain::Action::signal_read, {view.record.unit_path, ""})) {
      view.signals = storage::list_signals_of_case(tx, case_id);
    }
    audit(tx, services, actor.id, meta, "case.read", "case", case_id);
    return view;
  });
}

util::Result<std::vector<storage::CaseRecord>> list_cases(const Services& services, const Actor& actor,
                                                          const RequestMeta& meta, std::optional<std::string> state,
                                                          std::optional<std::string> number) {
  std::optional<std::string> number_pattern;
  if (number) {
    number_pattern = storage::case_number_pattern(*number);
    if (!number_pattern) {
      return util::fail(util::Error::field("number", "case.number_invalid"));
    }
  }
  const bool whole_unit =
      domain::can(actor.subject(), domain::Action::case_read, {actor.unit_path, "", domain::CaseRelation::none});
  const auto day = today(services);
  return read_audited(services, meta, [&](storage::Tx& tx) -> util::Result<std::vector<storage::CaseRecord>> {
    storage::CaseFilter filter;
    filter.unit_path_prefix = actor.unit_path;
    filter.state = state;
    filter.number_pattern = number_pattern;
    if (!whole_unit) {
      filter.member_user_id = actor.id;
    }
    auto cases = storage::list_cases(tx, filter);
    std::erase_if(cases, [&](storage::CaseRecord& c) {
      const auto relation = whole_unit ? domain::CaseRelation::none : storage::case_relation(tx, c.id, actor.id);
      if (!domain::can(actor.subject(), domain::Action::case_read, {c.unit_path, "", relation})) {
        return true;
      }
      // The family's categories and risk only to those who read the family's records (as on the case page).
      if (domain::can(actor.subject(), domain::Action::household_read, {c.unit_path, "", relation})) {
        if (const auto level = current_risk_level(tx, c.id, day, services.settings.assessment)) {
          c.risk_level = std::string(domain::to_string(*level));
        }
      } else {
        c.categories.clear();
      }
      return false;
    });
    audit(tx, services, actor.id, meta, "case.list", "case", "", {{"count", cases.size()}});
    return cases;
  });
}

util::Result<storage::CaseRecord> transition_case(const Services& services, const Actor& actor,
                                                  const RequestMeta& meta, const std::string& case_id,
                                                  const TransitionInput& input) {
  const auto to = domain::parse_case_state(input.to);
  if (!to) {
    return util::fail(util::Error::field("to", "case.state_invalid"));
  }
  if (input.reason.size() > k_max_reason || input.override_reason.size() > k_max_reason) {
    return util::fail(util::Error::field(input.reason.size() > k_max_reason ? "reason" : "override_reason",
                                         "validation.too_long"));
  }
  return services.db.transact([&](storage::Tx& tx) -> util::Result<storage::CaseRecord> {
    auto loaded = load_case(tx, actor, case_id, domain::Action::case_write);
    if (!loaded) {
      return util::fail(loaded.error());
    }
    auto granted = head_override(actor, {loaded->record.unit_path, "", loaded->relation}, input.override_reason);
    if (!granted) {
      return util::fail(granted.error());
    }
    const auto facts = load_case_facts(tx, loaded->record);
    const auto day = today(services);
    const domain::TransitionRequest request{input.reason, *granted};
    if (auto allowed = domain::check_transition(facts, *to, request, services.settings.lifecycle, day); !allowed) {
      return util::fail(allowed.error());
    }
    storage::CaseRecord record = loaded->record;
    const std::string from(domain::to_string(record.state));
    const std::string to_name(domain::to_string(*to));
    record.state = *to;
    record.state_entered_on = util::format_date(day);
    record.updated_at = now_of(services);
    if (*to == domain::CaseState::active) {
      if (auto terms = domain::activation_terms(facts, day)) {
        record.intensity = terms->intensity;
        record.planned_end = terms->planned_end ? std::optional<std::string>(util::format_date(*terms->planned_end))
                                                : std::nullopt;
      }
    }
    storage::update_case(tx, record);
    record_transition(tx, services, actor, case_id, from, to_name, input.reason, input.override_reason);
    audit(tx, services, actor.id, meta, "case.transition", "case", case_id, {{"from", from}, {"to", to_name}});
    ++record.version;
    return record;
  });
}

util::Result<std::vector<storage::CaseMember>> assign_team(const Services& services, const Actor& actor,
                                                           const RequestMeta& meta, const std::string& case_id,
                                                           const TeamInput& input) {
  if (input.override_reason.size() > k_max_reason) {
    return util::fail(util::Error::field("override_reason", "validation.too_long"));
  }
  return services.db.transact([&](storage::Tx& tx) -> util::Result<std::vector<storage::CaseMember>> {
    auto loaded = load_case(tx, actor, case_id, domain::Action::case_assign);
    if (!loaded) {
      return util::fail(loaded.error());
    }
    const storage::CaseRecord& current = loaded->record;
    const std::string& path = current.unit_path;
    std::vector<util::FieldError> fields;
    const std::string key = "case.member_invalid";
    if (input.lead_id) {
      check_staff(tx, fields, "lead_id", *input.lead_id, domain::StaffPlace::lead, path, key);
    }
    for (size_t i = 0; i < input.experts.size(); ++i) {
      check_staff(tx, fields, "experts[" + std::to_string(i) + "]", input.experts[i], domain::StaffPlace::team_member,
                  path, key);
    }
    for (size_t i = 0; i < input.volunteers.size(); ++i) {
      check_staff(tx, fields, "volunteers[" + std::to_string(i) + "]", input.volunteers[i],
                  domain::StaffPlace::case_volunteer, path, key);
    }
    if (input.foster_educator_id) {
      check_staff(tx, fields, "foster_educator_id", *input.foster_educator_id, domain::StaffPlace::foster_educator,
                  path, key);
    }
    if (!fields.empty()) {
      return util::fail(util::Error::invalid("validation.failed", std::move(fields)));
    }
    auto granted = head_override(actor, {path, "", loaded->relation}, input.override_reason);
    if (!granted) {
      return util::fail(granted.error());
    }
    // SPEC §3: a limit holds on every path that makes someone responsible, a team change too.
    const auto state = current.state;
    if (input.lead_id && *input.lead_id != current.lead_id.value_or("")) {
      const auto intensity = current.intensity.value_or(domain::PatronageIntensity::standard);
      if (auto ok = check_lead_load(tx, services, case_id, state, *input.lead_id, intensity, *granted); !ok) {
        return util::fail(ok.error());
      }
    }
    const bool open = !domain::is_terminal(state);
    for (const auto& id : input.volunteers) {
      if (open && storage::case_relation(tx, case_id, id) != domain::CaseRelation::volunteer) {
        const int wards = storage::count_open_wards(tx, id);
        if (auto ok = domain::check_volunteer_load(wards, services.settings.matching.load_limit, *granted); !ok) {
          return util::fail(ok.error());
        }
      }
    }
    if (input.foster_educator_id && open) {
      const auto children =
          count_foster_children(tx, services, *input.foster_educator_id, case_id, current.household_id);
      if (auto ok = domain::check_foster_load(children.current, services.settings.lifecycle, *granted,
                                              children.adding);
          !ok) {
        return util::fail(ok.error());
      }
    }
    const long long now = now_of(services);
    for (const auto& member : storage::list_case_members(tx, case_id)) {
      storage::remove_case_member(tx, case_id, member.user_id);
    }
    storage::CaseRecord record = current;
    if (input.lead_id) {
      record.lead_id = input.lead_id;
      record.updated_at = now;
      storage::update_case(tx, record);
    }
    if (input.foster_educator_id) {
      storage::upsert_case_member(tx, {case_id, *input.foster_educator_id, "foster_educator", now});
    }
    for (const auto& id : input.experts) {
      storage::upsert_case_member(tx, {case_id, id, "expert", now});
    }
    for (const auto& id : input.volunteers) {
      storage::upsert_case_member(tx, {case_id, id, "volunteer", now});
    }
    if (record.lead_id) {
      storage::upsert_case_member(tx, {case_id, *record.lead_id, "lead", now});
    }
    keep_override_reason(tx, services, actor, case_id, *granted);
    audit(tx, services, actor.id, meta, "case.team", "case", case_id,
          granted->granted ? boost::json::object{{"head_override", true}} : boost::json::object{});
    return storage::list_case_members(tx, case_id);
  });
}

} // namespace patronage::app
