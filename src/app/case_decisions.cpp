#include "app/audit_trail.hpp"
#include "app/case_access.hpp"
#include "app/cases.hpp"
#include "app/clock.hpp"
#include "domain/case_load.hpp"
#include "util/crypto.hpp"

namespace patronage::app {
namespace {

constexpr size_t k_max_override_reason = 2000;
constexpr auto k_member_invalid = "case.member_invalid";

// SPEC §6, §11: the lead and the team a decision names are staff of the case's unit line with fitting roles.
util::Status check_named_staff(storage::Tx& tx, const std::string& lead_id, const std::vector<std::string>& team,
                               const std::string& unit_path) {
  std::vector<util::FieldError> fields;
  if (!lead_id.empty()) {
    check_staff(tx, fields, "lead_specialist_id", lead_id, domain::StaffPlace::lead, unit_path, k_member_invalid);
  }
  for (size_t i = 0; i < team.size(); ++i) {
    check_staff(tx, fields, "team[" + std::to_string(i) + "]", team[i], domain::StaffPlace::team_member, unit_path,
                k_member_invalid);
  }
  if (!fields.empty()) {
    return util::fail(util::Error::invalid("validation.failed", std::move(fields)));
  }
  return {};
}

boost::json::object override_details(const std::string& decision_id, const domain::HeadOverride& granted) {
  boost::json::object details{{"decision_id", decision_id}};
  if (granted.granted) {
    details["head_override"] = true;
  }
  return details;
}

// SPEC §3, §6: once signed, the lead and team a decision names become the case's lead and team (the experts
// are replaced, volunteers and the foster educator stay). The lead's caseload holds: a register decision makes
// the case count, so it is checked as if active; other decisions count when the case does now.
util::Status apply_named_staff(storage::Tx& tx, const Services& services, const storage::CaseRecord& current,
                               const storage::DecisionRow& decision, const domain::HeadOverride& granted) {
  const auto state = current.state;
  const bool names_staff = (decision.lead_id && !decision.lead_id->empty()) || !decision.team.empty();
  if (domain::is_terminal(state) || !names_staff) {
    return {};
  }
  const std::string lead = decision.lead_id.value_or(current.lead_id.value_or(""));
  if (!lead.empty()) {
    const auto intensity =
        decision.intensity.value_or(current.intensity.value_or(domain::PatronageIntensity::standard));
    const auto counted_as = decision.kind == domain::DecisionKind::register_case ? domain::CaseState::active : state;
    if (auto ok = check_lead_load(tx, services, current.id, counted_as, lead, intensity, granted); !ok) {
      return ok;
    }
  }
  const long long now = now_of(services);
  for (const auto& member : storage::list_case_members(tx, current.id)) {
    if (member.member_role == "lead" || (member.member_role == "expert" && !decision.team.empty())) {
      storage::remove_case_member(tx, current.id, member.user_id);
    }
  }
  for (const auto& id : decision.team) {
    storage::upsert_case_member(tx, {current.id, id, "expert", now});
  }
  if (!lead.empty()) {
    storage::CaseRecord record = current;
    record.lead_id = lead;
    record.updated_at = now;
    storage::update_case(tx, record);
    storage::upsert_case_member(tx, {current.id, lead, "lead", now});
  }
  return {};
}

} // namespace

util::Result<storage::DecisionRow> record_decision(const Services& services, const Actor& actor,
                                                   const RequestMeta& meta, const std::string& case_id,
                                                   const domain::DecisionDraft& draft,
                                                   const std::string& override_reason) {
  if (auto valid = domain::validate_decision(draft, today(services)); !valid) {
    return util::fail(valid.error());
  }
  if (override_reason.size() > k_max_override_reason) {
    return util::fail(util::Error::field("override_reason", "validation.too_long"));
  }
  return services.db.transact([&](storage::Tx& tx) -> util::Result<storage::DecisionRow> {
    auto loaded = load_case(tx, actor, case_id, domain::Action::decision_record);
    if (!loaded) {
      return util::fail(loaded.error());
    }
    if (auto named = check_named_staff(tx, draft.lead_specialist_id, draft.team, loaded->record.unit_path); !named) {
      return util::fail(named.error());
    }
    auto granted = head_override(actor, {loaded->record.unit_path, "", loaded->relation}, override_reason);
    if (!granted) {
      return util::fail(granted.error());
    }
    // SPEC §3: the terms are checked when set, not only at activation.
    if (auto terms = domain::check_decision_terms(draft.kind, draft.intensity, draft.planned_end, *draft.meeting_date,
                                                  services.settings.lifecycle, *granted);
        !terms) {
      return util::fail(terms.error());
    }
    if (draft.is_correction) {
      auto corrected = storage::find_decision(tx, draft.corrects_decision_id);
      if (!corrected || corrected->case_id != case_id) {
        return util::fail(util::Error::field("corrects_decision_id", "decision.not_found"));
      }
      if (corrected->kind != draft.kind) {
        return util::fail(util::Error::field("kind", "decision.correction_kind_differs"));
      }
    }
    storage::DecisionRow row;
    row.id = util::random_id();
    row.case_id = case_id;
    row.body = std::string(domain::to_string(draft.body));
    row.meeting_date = util::format_date(*draft.meeting_date);
    row.protocol_number = draft.protocol_number;
    row.members_present = draft.members_present;
    row.kind = draft.kind;
    for (const auto type : draft.patronage_types) {
      row.patronage_types.emplace_back(domain::to_string(type));
    }
    if (!draft.lead_specialist_id.empty()) {
      row.lead_id = draft.lead_specialist_id;
    }
    row.team = draft.team;
    row.grounds = draft.grounds;
    row.intensity = draft.intensity;
    row.planned_end = util::format_optional_date(draft.planned_end);
    if (draft.is_correction) {
      row.corrects_id = draft.corrects_decision_id;
    }
    row.created_by = actor.id;
    row.created_at = now_of(services);
    storage::insert_decision(tx, row);
    keep_override_reason(tx, services, actor, case_id, *granted);
    audit(tx, services, actor.id, meta, "decision.record", "case", case_id, override_details(row.id, *granted));
    return row;
  });
}

util::Result<storage::DecisionRow> sign_decision(const Services& services, const Actor& actor,
                                                 const RequestMeta& meta, const std::string& decision_id,
                                                 const std::string& override_reason) {
  if (override_reason.size() > k_max_override_reason) {
    return util::fail(util::Error::field("override_reason", "validation.too_long"));
  }
  return services.db.transact([&](storage::Tx& tx) -> util::Result<storage::DecisionRow> {
    auto decision = storage::find_decision(tx, decision_id);
    if (!decision) {
      return util::fail(util::Error::not_found("decision.not_found"));
    }
    auto loaded = load_case(tx, actor, decision->case_id, domain::Action::decision_sign);
    if (!loaded) {
      return util::fail(loaded.error().code == util::ErrorCode::not_found ? util::Error::not_found("decision.not_found")
                                                                          : loaded.error());
    }
    if (decision->is_signed) {
      return util::fail(util::Error::conflict("decision.already_signed"));
    }
    // The named staff and the terms are checked again: a user may have been disabled since the recording.
    if (auto named = check_named_staff(tx, decision->lead_id.value_or(""), decision->team, loaded->record.unit_path);
        !named) {
      return util::fail(named.error());
    }
    auto granted = head_override(actor, {loaded->record.unit_path, "", loaded->relation}, override_reason);
    if (!granted) {
      return util::fail(granted.error());
    }
    const auto met = util::parse_date(decision->meeting_date);
    if (met) {
      if (auto terms = domain::check_decision_terms(decision->kind, decision->intensity,
                                                    util::parse_optional_date(decision->planned_end), *met,
                                                    services.settings.lifecycle, *granted);
          !terms) {
        return util::fail(terms.error());
      }
    }
    if (auto applied = apply_named_staff(tx, services, loaded->record, *decision, *granted); !applied) {
      return util::fail(applied.error());
    }
    const long long now = now_of(services);
    storage::sign_decision(tx, decision_id, actor.id, now);
    keep_override_reason(tx, services, actor, decision->case_id, *granted);
    audit(tx, services, actor.id, meta, "decision.sign", "case", decision->case_id,
          override_details(decision_id, *granted));
    decision->is_signed = true;
    decision->signed_at = now;
    decision->signed_by = actor.id;
    return *decision;
  });
}

} // namespace patronage::app
