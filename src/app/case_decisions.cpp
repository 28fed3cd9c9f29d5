#include "app/audit_trail.hpp"
#include "app/case_access.hpp"
#include "app/cases.hpp"
#include "util/crypto.hpp"

namespace patronage::app {
namespace {

std::optional<std::string> text_of(const std::optional<util::Date>& date) {
  return date ? std::optional<std::string>(util::format_date(*date)) : std::nullopt;
}

} // namespace

util::Result<storage::DecisionRow> record_decision(const Services& services, const Actor& actor,
                                                   const RequestMeta& meta, const std::string& case_id,
                                                   const domain::DecisionDraft& draft) {
  if (auto valid = domain::validate_decision(draft, today(services)); !valid) {
    return util::fail(valid.error());
  }
  return services.db.transact([&](storage::Tx& tx) -> util::Result<storage::DecisionRow> {
    auto loaded = load_case(tx, actor, case_id, domain::Action::decision_record);
    if (!loaded) {
      return util::fail(loaded.error());
    }
    if (draft.is_correction) {
      auto corrected = storage::find_decision(tx, draft.corrects_decision_id);
      if (!corrected || corrected->case_id != case_id) {
        return util::fail(util::Error::field("corrects_decision_id", "decision.not_found"));
      }
      if (corrected->kind != std::string(domain::to_string(draft.kind))) {
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
    row.kind = std::string(domain::to_string(draft.kind));
    for (const auto type : draft.patronage_types) {
      row.patronage_types.emplace_back(domain::to_string(type));
    }
    if (!draft.lead_specialist_id.empty()) {
      row.lead_id = draft.lead_specialist_id;
    }
    row.team = draft.team;
    row.grounds = draft.grounds;
    if (draft.intensity) {
      row.intensity = std::string(domain::to_string(*draft.intensity));
    }
    row.planned_end = text_of(draft.planned_end);
    if (draft.is_correction) {
      row.corrects_id = draft.corrects_decision_id;
    }
    row.created_by = actor.id;
    row.created_at = services.clock.now().time_since_epoch().count();
    storage::insert_decision(tx, row);
    audit(tx, services, actor.id, meta, "decision.record", "case", case_id, R"({"decision_id":")" + row.id + R"("})");
    return row;
  });
}

util::Result<storage::DecisionRow> sign_decision(const Services& services, const Actor& actor,
                                                 const RequestMeta& meta, const std::string& decision_id) {
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
    const long long now = services.clock.now().time_since_epoch().count();
    storage::sign_decision(tx, decision_id, actor.id, now);
    audit(tx, services, actor.id, meta, "decision.sign", "case", decision->case_id,
          R"({"decision_id":")" + decision_id + R"("})");
    decision->is_signed = true;
    decision->signed_at = now;
    decision->signed_by = actor.id;
    return *decision;
  });
}

} // namespace patronage::app
