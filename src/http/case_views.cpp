#include "http/case_views.hpp"
#include "http/json_time.hpp"

#include <boost/json/value_from.hpp>

#include "http/json_views.hpp"
#include "http/messages.hpp"
#include "http/risk_views.hpp"
#include "util/time.hpp"

namespace patronage::http {
namespace {

std::string_view relation_name(domain::CaseRelation relation) {
  switch (relation) {
  case domain::CaseRelation::lead:
    return "lead";
  case domain::CaseRelation::expert:
    return "expert";
  case domain::CaseRelation::volunteer:
    return "volunteer";
  case domain::CaseRelation::none:
  case domain::CaseRelation::unassigned:
    return "none";
  }
  return "none";
}

} // namespace

boost::json::object case_json(const storage::CaseRecord& r) {
  return {{"id", r.id},
          {"number", r.number},
          {"family_name", r.family_name},
          {"categories", boost::json::value_from(r.categories)},
          {"risk_level", r.risk_level ? boost::json::value(*r.risk_level) : boost::json::value(nullptr)},
          {"unit_id", r.unit_id},
          {"household_id", r.household_id},
          {"signal_id", r.signal_id.empty() ? boost::json::value(nullptr) : boost::json::value(r.signal_id)},
          {"state", domain::to_string(r.state)},
          {"state_entered_on", r.state_entered_on},
          {"opened_on", r.opened_on},
          {"intensity", nullable_name(r.intensity)},
          {"planned_end", nullable(r.planned_end)},
          {"lead_id", nullable(r.lead_id)},
          {"lead_name", r.lead_name.empty() ? boost::json::value(nullptr) : boost::json::value(r.lead_name)},
          {"address", r.household_address},
          {"previous_case_id",
           r.previous_case_id.empty() ? boost::json::value(nullptr) : boost::json::value(r.previous_case_id)},
          {"version", r.version}};
}

boost::json::object member_json(const storage::CaseMember& m) {
  return {{"user_id", m.user_id}, {"role", m.member_role}, {"added_at", iso(m.added_at)}};
}

boost::json::object consent_json(const storage::ConsentRecord& c) {
  return {{"id", c.id},
          {"signed_by", c.signed_by},
          {"covers", strings(c.covers)},
          {"scope", domain::to_string(c.scope)},
          {"signed_on", c.signed_on},
          {"valid_until", nullable(c.valid_until)},
          {"withdrawn_on", nullable(c.withdrawn_on)},
          {"document_id", nullable(c.document_id)}};
}

boost::json::object decision_json(const storage::DecisionRow& d) {
  return {{"id", d.id},
          {"case_id", d.case_id},
          {"body", d.body},
          {"meeting_date", d.meeting_date},
          {"protocol_number", d.protocol_number},
          {"members_present", strings(d.members_present)},
          {"kind", domain::to_string(d.kind)},
          {"patronage_types", strings(d.patronage_types)},
          {"lead_id", nullable(d.lead_id)},
          {"team", strings(d.team)},
          {"grounds", d.grounds},
          {"intensity", nullable_name(d.intensity)},
          {"planned_end", nullable(d.planned_end)},
          {"corrects_id", nullable(d.corrects_id)},
          {"signed", d.is_signed},
          {"signed_at", d.signed_at ? boost::json::value(iso(*d.signed_at)) : boost::json::value(nullptr)}};
}

boost::json::object case_view_json(const app::CaseView& view, Lang lang) {
  boost::json::object out = case_json(view.record);
  out["supervision_end"] =
      view.supervision_end ? boost::json::value(util::format_date(*view.supervision_end)) : boost::json::value(nullptr);
  out["my_relation"] = relation_name(view.relation);
  boost::json::array members;
  for (const auto& m : view.members) {
    members.push_back(member_json(m));
  }
  out["team"] = std::move(members);
  boost::json::array transitions;
  for (const auto& t : view.transitions) {
    transitions.push_back({{"from", t.from_state.empty() ? boost::json::value(nullptr) : boost::json::value(t.from_state)},
                           {"to", t.to_state},
                           {"at", iso(t.at)},
                           {"user_id", t.user_id},
                           {"reason", t.reason},
                           {"override_reason", t.override_reason}});
  }
  out["history"] = std::move(transitions);
  boost::json::array signals;
  for (const auto& s : view.signals) {
    signals.push_back(
        {{"id", s.id},
         {"received_at", iso(s.received_at)},
         {"source", s.source},
         {"urgency", s.urgency},
         {"outcome", nullable(s.triage_outcome)},
         {"triaged_at", s.triaged_at ? boost::json::value(iso(*s.triaged_at)) : boost::json::value(nullptr)},
         {"triaged_by", nullable(s.triaged_by)}});
  }
  out["signals"] = std::move(signals);
  boost::json::array consents;
  for (const auto& c : view.consents) {
    consents.push_back(consent_json(c));
  }
  out["consents"] = std::move(consents);
  boost::json::array decisions;
  for (const auto& d : view.decisions) {
    decisions.push_back(decision_json(d));
  }
  out["decisions"] = std::move(decisions);
  boost::json::array warnings;
  for (const auto& w : view.warnings) {
    warnings.push_back({{"key", w.key}, {"message", translate(lang, w.key, w.params)}});
  }
  out["warnings"] = std::move(warnings);
  boost::json::array next;
  for (const auto& n : view.next_states) {
    boost::json::object item{{"to", n.to}, {"allowed", !n.blocked_by.has_value()}};
    if (n.blocked_by) {
      item["blocked_by"] = {{"rule", n.blocked_by->key},
                            {"message", translate(lang, n.blocked_by->key, n.blocked_by->params)}};
    }
    next.push_back(std::move(item));
  }
  out["next_states"] = std::move(next);
  if (view.risk) {
    add_case_risk(out, *view.risk, lang);
  }
  if (view.next_visit) {
    out["next_visit"] = {{"due_on", util::format_date(view.next_visit->due_on)},
                         {"reason", {{"key", view.next_visit->reason}, {"message", translate(lang, view.next_visit->reason)}}},
                         {"overdue_days", view.next_visit->overdue_days}};
  } else {
    out["next_visit"] = nullptr;
  }
  return out;
}

} // namespace patronage::http
