#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/referral.hpp"
#include "storage/database.hpp"

namespace patronage::storage {

// A partner organisation (SPEC §9). `type` is a domain::PartnerType wire name.
struct PartnerRecord {
  std::string id;
  std::string unit_id;
  std::string unit_path; // filled on read
  std::string name;
  std::string type;
  std::string phone;
  std::string email;
  std::string address;
  std::string person; // the contact person
  std::string created_by;
  long long created_at = 0;
  long long updated_at = 0;
};

void insert_partner(Tx& tx, const PartnerRecord& record);
// Stores name, type, contacts and unit.
void update_partner(Tx& tx, const PartnerRecord& record);
std::optional<PartnerRecord> find_partner(Tx& tx, const std::string& id);
// Partners whose unit lies under `unit_path_prefix`, by name.
std::vector<PartnerRecord> list_partners_under(Tx& tx, const std::string& unit_path_prefix);

// A referral from a case to a partner (SPEC §9). Dates are "YYYY-MM-DD".
struct ReferralRecord {
  std::string id;
  std::string case_id;
  std::string partner_id;
  std::string partner_name; // filled on read
  std::string reason;
  std::string sent_on;
  std::string due_on;
  domain::ReferralStatus status = domain::ReferralStatus::sent;
  std::string response;
  std::string created_by;
  long long created_at = 0;
  long long updated_at = 0;
};

struct ReferralStatusRow {
  std::string id;
  std::string referral_id;
  std::string from_status; // "" for the first row (the referral was sent)
  std::string to_status;
  std::string on_date;
  std::string response;
  std::string user_id;
  long long at = 0;
};

void insert_referral(Tx& tx, const ReferralRecord& record);
std::optional<ReferralRecord> find_referral(Tx& tx, const std::string& id);
// Stores status, response and updated_at.
void update_referral_status(Tx& tx, const ReferralRecord& record);
// The case's referrals, oldest sent first.
std::vector<ReferralRecord> list_referrals(Tx& tx, const std::string& case_id);
void insert_referral_status(Tx& tx, const ReferralStatusRow& row);
std::vector<ReferralStatusRow> list_referral_history(Tx& tx, const std::string& referral_id);

// A referral the partner has not finished by its due date, of a case that
// `lead_id` leads.
struct OverdueReferral {
  ReferralRecord referral;
  std::string household_id;
};

// SPEC §10 "referrals waiting": referrals not done or declined whose due date
// is before `today` ("YYYY-MM-DD"), of open cases led by `lead_id`, oldest due
// first. The rule itself is domain::is_overdue; this query only pre-selects.
std::vector<OverdueReferral> list_overdue_referrals_for_lead(Tx& tx, const std::string& lead_id,
                                                             const std::string& today);

} // namespace patronage::storage
