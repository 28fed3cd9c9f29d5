#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/context.hpp"
#include "storage/partners.hpp"
#include "util/error.hpp"

namespace patronage::app {

struct PartnerContacts {
  std::string phone;
  std::string email;
  std::string address;
  std::string person;
};

// A new partner, or a PATCH: absent optionals stay unchanged.
struct PartnerInput {
  std::optional<std::string> name;
  std::optional<std::string> type; // domain::PartnerType wire name
  std::optional<PartnerContacts> contacts;
  std::optional<std::string> unit_id; // default on create: the actor's unit
};

// SPEC §9. Partners of the actor's unit subtree, by name; 403 for a role
// that may not read partners. Audited as "partner.list".
util::Result<std::vector<storage::PartnerRecord>> list_partners(const Services& services, const Actor& actor,
                                                                const RequestMeta& meta);

// Field errors for a missing name, unknown type, malformed e-mail or a unit
// outside the actor's subtree; 403 unless the actor may manage partners there.
util::Result<storage::PartnerRecord> create_partner(const Services& services, const Actor& actor,
                                                    const RequestMeta& meta, const PartnerInput& input);
// 404 when the partner does not exist or lies outside what the actor may read.
util::Result<storage::PartnerRecord> update_partner(const Services& services, const Actor& actor,
                                                    const RequestMeta& meta, const std::string& id,
                                                    const PartnerInput& input);

struct ReferralInput {
  std::string partner_id;
  std::string reason;
  std::string sent_on; // "YYYY-MM-DD"
  std::string due_on;
};

struct ReferralStatusInput {
  std::string status;                  // domain::ReferralStatus wire name
  std::optional<std::string> response; // the partner's answer; unchanged when absent
};

// A referral with its history and whether it is overdue today (domain::is_overdue).
struct ReferralView {
  storage::ReferralRecord record;
  std::vector<storage::ReferralStatusRow> history;
  bool overdue = false;
};

// SPEC §9. Needs case_write on the case; the partner must be one the actor
// reads or one of a unit above the case. Dates by domain::check_referral_dates
// (field "due_on"). Starts in status "sent". Audited as "referral.create".
util::Result<ReferralView> create_referral(const Services& services, const Actor& actor, const RequestMeta& meta,
                                           const std::string& case_id, const ReferralInput& input);
// Moves the referral by domain::check_referral_transition (409 naming the
// rule) and appends a history row. Audited as "referral.status".
util::Result<ReferralView> change_referral_status(const Services& services, const Actor& actor,
                                                  const RequestMeta& meta, const std::string& referral_id,
                                                  const ReferralStatusInput& input);
// The case's referrals, oldest first; needs case_read. Audited as "referral.list".
util::Result<std::vector<ReferralView>> list_referrals(const Services& services, const Actor& actor,
                                                       const RequestMeta& meta, const std::string& case_id);

// SPEC §7, §9: the partner `partner_id` when a case of `case_unit_path` may name it (in a referral or as
// responsible for a plan measure): a partner of the case's unit or a unit above it, or one the actor reads.
std::optional<storage::PartnerRecord> usable_partner(storage::Tx& tx, const Actor& actor,
                                                     const std::string& case_unit_path, const std::string& partner_id);

// SPEC §10 "referrals waiting": the overdue referrals of the open cases
// `lead_id` leads, as of `today`, oldest due first (for the work list).
std::vector<storage::OverdueReferral> overdue_referrals_for_lead(storage::Tx& tx, const std::string& lead_id,
                                                                 util::Date today);

} // namespace patronage::app
