#include "app/partners.hpp"

#include "app/audit_trail.hpp"
#include "app/case_access.hpp"
#include "app/clock.hpp"
#include "app/diagnosis_access.hpp"
#include "domain/partner.hpp"
#include "domain/referral.hpp"
#include "storage/units.hpp"
#include "util/crypto.hpp"
#include "util/strings.hpp"

namespace patronage::app {
namespace {

// A light check: one "@" with text on both sides and no spaces.
bool plausible_email(const std::string& email) {
  const auto at = email.find('@');
  return at != std::string::npos && at > 0 && at + 1 < email.size() && email.find('@', at + 1) == std::string::npos &&
         email.find(' ') == std::string::npos;
}

// Applies `input` to `partner`, collecting field errors.
void apply_partner_input(const PartnerInput& input, storage::PartnerRecord& partner,
                         std::vector<util::FieldError>& fields) {
  if (input.name) {
    partner.name = util::trim(*input.name);
    if (partner.name.empty()) {
      fields.push_back({"name", "validation.required"});
    }
  }
  if (input.type) {
    if (domain::parse_partner_type(*input.type)) {
      partner.type = *input.type;
    } else {
      fields.push_back({"type", "partner.type_invalid"});
    }
  }
  if (input.contacts) {
    partner.phone = util::trim(input.contacts->phone);
    partner.email = util::trim(input.contacts->email);
    partner.address = util::trim(input.contacts->address);
    partner.person = util::trim(input.contacts->person);
    if (!partner.email.empty() && !plausible_email(partner.email)) {
      fields.push_back({"contacts.email", "partner.email_invalid"});
    }
  }
}

// The unit a partner goes to: `unit_id` when given (inside the actor's subtree), else the actor's.
util::Result<storage::UnitRef> target_unit(storage::Tx& tx, const Actor& actor, const std::optional<std::string>& id) {
  if (!id) {
    return storage::UnitRef{actor.unit_id, actor.unit_path};
  }
  auto unit = storage::find_unit(tx, *id);
  if (!unit || !domain::in_subtree(unit->path, actor.unit_path)) {
    return util::fail(util::Error::field("unit_id", "unit.not_found"));
  }
  return storage::UnitRef{unit->id, unit->path};
}


ReferralView referral_view(storage::Tx& tx, storage::ReferralRecord record, util::Date today) {
  ReferralView view;
  const auto due = util::parse_date(record.due_on);
  view.overdue = due && domain::is_overdue(*due, today, record.status);
  view.history = storage::list_referral_history(tx, record.id);
  view.record = std::move(record);
  return view;
}

} // namespace

util::Result<std::vector<storage::PartnerRecord>> list_partners(const Services& services, const Actor& actor,
                                                                const RequestMeta& meta) {
  if (!domain::can(actor.subject(), domain::Action::partner_read, {actor.unit_path, ""})) {
    return util::fail(util::Error::forbidden());
  }
  return services.db.transact([&](storage::Tx& tx) -> util::Result<std::vector<storage::PartnerRecord>> {
    auto partners = storage::list_partners_under(tx, actor.unit_path);
    audit(tx, services, actor.id, meta, "partner.list", "partner", "", {{"count", partners.size()}});
    return partners;
  });
}

util::Result<storage::PartnerRecord> create_partner(const Services& services, const Actor& actor,
                                                    const RequestMeta& meta, const PartnerInput& input) {
  storage::PartnerRecord partner;
  std::vector<util::FieldError> fields;
  if (!input.name) {
    fields.push_back({"name", "validation.required"});
  }
  if (!input.type) {
    fields.push_back({"type", "validation.required"});
  }
  apply_partner_input(input, partner, fields);
  return services.db.transact([&](storage::Tx& tx) -> util::Result<storage::PartnerRecord> {
    auto unit = target_unit(tx, actor, input.unit_id);
    if (!unit) {
      fields.push_back(unit.error().fields.front());
    }
    if (!fields.empty()) {
      return util::fail(util::Error::invalid("validation.failed", fields));
    }
    if (!domain::can(actor.subject(), domain::Action::partner_manage, {unit->path, ""})) {
      return util::fail(util::Error::forbidden());
    }
    partner.id = util::random_id();
    partner.unit_id = unit->id;
    partner.unit_path = unit->path;
    partner.created_by = actor.id;
    partner.created_at = now_of(services);
    partner.updated_at = partner.created_at;
    storage::insert_partner(tx, partner);
    audit(tx, services, actor.id, meta, "partner.create", "partner", partner.id);
    return partner;
  });
}

util::Result<storage::PartnerRecord> update_partner(const Services& services, const Actor& actor,
                                                    const RequestMeta& meta, const std::string& id,
                                                    const PartnerInput& input) {
  return services.db.transact([&](storage::Tx& tx) -> util::Result<storage::PartnerRecord> {
    auto partner = storage::find_partner(tx, id);
    if (!partner || !domain::can(actor.subject(), domain::Action::partner_read, {partner->unit_path, ""})) {
      return util::fail(util::Error::not_found("partner.not_found"));
    }
    if (!domain::can(actor.subject(), domain::Action::partner_manage, {partner->unit_path, ""})) {
      return util::fail(util::Error::forbidden());
    }
    std::vector<util::FieldError> fields;
    apply_partner_input(input, *partner, fields);
    if (input.unit_id) {
      auto unit = target_unit(tx, actor, input.unit_id);
      if (unit) {
        partner->unit_id = unit->id;
        partner->unit_path = unit->path;
      } else {
        fields.push_back(unit.error().fields.front());
      }
    }
    if (!fields.empty()) {
      return util::fail(util::Error::invalid("validation.failed", std::move(fields)));
    }
    partner->updated_at = now_of(services);
    storage::update_partner(tx, *partner);
    audit(tx, services, actor.id, meta, "partner.update", "partner", partner->id);
    return *partner;
  });
}

std::optional<storage::PartnerRecord> usable_partner(storage::Tx& tx, const Actor& actor,
                                                     const std::string& case_unit_path, const std::string& partner_id) {
  auto partner = storage::find_partner(tx, partner_id);
  if (partner && (domain::in_subtree(case_unit_path, partner->unit_path) ||
                  domain::can(actor.subject(), domain::Action::partner_read, {partner->unit_path, ""}))) {
    return partner;
  }
  return std::nullopt;
}

util::Result<ReferralView> create_referral(const Services& services, const Actor& actor, const RequestMeta& meta,
                                           const std::string& case_id, const ReferralInput& input) {
  std::vector<util::FieldError> fields;
  if (util::blank(input.reason)) {
    fields.push_back({"reason", "validation.required"});
  }
  const auto sent = util::parse_date(input.sent_on);
  const auto due = util::parse_date(input.due_on);
  if (!sent) {
    fields.push_back({"sent_on", "validation.date_invalid"});
  }
  if (!due) {
    fields.push_back({"due_on", "validation.date_invalid"});
  }
  if (sent && due) {
    if (auto ok = domain::check_referral_dates(*sent, *due); !ok) {
      fields.push_back({"due_on", ok.error().fields.front().reason});
    }
  }
  return services.db.transact([&](storage::Tx& tx) -> util::Result<ReferralView> {
    auto loaded = load_case_records(tx, actor, case_id, domain::Action::case_write);
    if (!loaded) {
      return util::fail(loaded.error());
    }
    auto partner = usable_partner(tx, actor, loaded->record.unit_path, input.partner_id);
    if (!partner) {
      fields.insert(fields.begin(), {"partner_id", "partner.not_found"});
    }
    if (!fields.empty()) {
      return util::fail(util::Error::invalid("validation.failed", fields));
    }
    storage::ReferralRecord record;
    record.id = util::random_id();
    record.case_id = case_id;
    record.partner_id = partner->id;
    record.partner_name = partner->name;
    record.reason = util::trim(input.reason);
    record.sent_on = input.sent_on;
    record.due_on = input.due_on;
    record.status = domain::ReferralStatus::sent;
    record.created_by = actor.id;
    record.created_at = now_of(services);
    record.updated_at = record.created_at;
    storage::insert_referral(tx, record);
    storage::insert_referral_status(
        tx, {util::random_id(), record.id, "", std::string(domain::to_string(record.status)), record.sent_on, "",
                  actor.id, record.created_at});
    audit(tx, services, actor.id, meta, "referral.create", "case", case_id, {{"referral", record.id}});
    return referral_view(tx, std::move(record), today(services));
  });
}

util::Result<ReferralView> change_referral_status(const Services& services, const Actor& actor,
                                                  const RequestMeta& meta, const std::string& referral_id,
                                                  const ReferralStatusInput& input) {
  const auto to = domain::parse_referral_status(input.status);
  if (!to) {
    return util::fail(util::Error::field("status", "referral.status_invalid"));
  }
  return services.db.transact([&](storage::Tx& tx) -> util::Result<ReferralView> {
    auto record = storage::find_referral(tx, referral_id);
    if (!record) {
      return util::fail(util::Error::not_found("referral.not_found"));
    }
    auto loaded = load_case_records(tx, actor, record->case_id, domain::Action::case_write);
    if (!loaded) {
      return util::fail(loaded.error().code == util::ErrorCode::not_found
                            ? util::Error::not_found("referral.not_found")
                            : loaded.error());
    }
    if (auto ok = domain::check_referral_transition(record->status, *to); !ok) {
      return util::fail(ok.error());
    }
    const std::string from_text(domain::to_string(record->status));
    const std::string to_text(domain::to_string(*to));
    record->status = *to;
    if (input.response) {
      record->response = util::trim(*input.response);
    }
    record->updated_at = now_of(services);
    storage::update_referral_status(tx, *record);
    const auto day = today(services);
    storage::insert_referral_status(tx, {util::random_id(), record->id, from_text, to_text,
                                         util::format_date(day), input.response.value_or(""), actor.id,
                                         record->updated_at});
    audit(tx, services, actor.id, meta, "referral.status", "case", record->case_id,
          {{"referral", record->id}, {"from", from_text}, {"to", to_text}});
    return referral_view(tx, std::move(*record), day);
  });
}

util::Result<std::vector<ReferralView>> list_referrals(const Services& services, const Actor& actor,
                                                       const RequestMeta& meta, const std::string& case_id) {
  return services.db.transact([&](storage::Tx& tx) -> util::Result<std::vector<ReferralView>> {
    auto loaded = load_case_records(tx, actor, case_id, domain::Action::case_read);
    if (!loaded) {
      return util::fail(loaded.error());
    }
    std::vector<ReferralView> views;
    const auto day = today(services);
    for (auto& record : storage::list_referrals(tx, case_id)) {
      views.push_back(referral_view(tx, std::move(record), day));
    }
    audit(tx, services, actor.id, meta, "referral.list", "case", case_id);
    return views;
  });
}

std::vector<storage::OverdueReferral> overdue_referrals_for_lead(storage::Tx& tx, const std::string& lead_id,
                                                                 util::Date today) {
  auto rows = storage::list_overdue_referrals_for_lead(tx, lead_id, util::format_date(today));
  std::erase_if(rows, [&](const storage::OverdueReferral& row) {
    const auto due = util::parse_date(row.referral.due_on);
    return !due || !domain::is_overdue(*due, today, row.referral.status);
  });
  return rows;
}

} // namespace patronage::app
