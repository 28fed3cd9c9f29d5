#include "storage/partners.hpp"

#include <soci/soci.h>

#include "storage/stored_enum.hpp"

namespace patronage::storage {
namespace {

constexpr auto k_partner_select = "SELECT p.id, p.unit_id, n.path, p.name, p.partner_type, p.phone, p.email, "
                                  "p.address, p.contact_person, p.created_by, p.created_at, p.updated_at "
                                  "FROM partners p JOIN units n ON n.id = p.unit_id ";

std::vector<PartnerRecord> fetch_partners(Tx& tx, const std::string& where, const std::string& value) {
  PartnerRecord p;
  soci::statement st = (tx.sql().prepare << std::string(k_partner_select) + where, soci::use(value), soci::into(p.id),
                        soci::into(p.unit_id), soci::into(p.unit_path), soci::into(p.name), soci::into(p.type),
                        soci::into(p.phone), soci::into(p.email), soci::into(p.address), soci::into(p.person),
                        soci::into(p.created_by), soci::into(p.created_at), soci::into(p.updated_at));
  st.execute();
  std::vector<PartnerRecord> out;
  while (st.fetch()) {
    out.push_back(p);
  }
  return out;
}

constexpr auto k_referral_select = "SELECT r.id, r.case_id, r.partner_id, p.name, r.reason, r.sent_on, r.due_on, "
                                   "r.status, r.response, r.created_by, r.created_at, r.updated_at "
                                   "FROM referrals r JOIN partners p ON p.id = r.partner_id ";

struct ReferralFetch {
  ReferralRecord r;
  std::string status;
  template <typename Target> void bind(Target& t) {
    t, soci::into(r.id), soci::into(r.case_id), soci::into(r.partner_id), soci::into(r.partner_name),
        soci::into(r.reason), soci::into(r.sent_on), soci::into(r.due_on), soci::into(status),
        soci::into(r.response), soci::into(r.created_by), soci::into(r.created_at), soci::into(r.updated_at);
  }
  ReferralRecord take() const {
    ReferralRecord out = r;
    out.status = stored_enum(domain::parse_referral_status, "referrals", "status", status);
    return out;
  }
};

std::vector<ReferralRecord> fetch_referrals(Tx& tx, const std::string& where, const std::string& value) {
  ReferralFetch row;
  auto prepared = (tx.sql().prepare << std::string(k_referral_select) + where, soci::use(value));
  row.bind(prepared);
  soci::statement st(prepared);
  st.execute();
  std::vector<ReferralRecord> out;
  while (st.fetch()) {
    out.push_back(row.take());
  }
  return out;
}

} // namespace

void insert_partner(Tx& tx, const PartnerRecord& p) {
  tx.sql() << "INSERT INTO partners (id, unit_id, name, partner_type, phone, email, address, contact_person, "
              "created_by, created_at, updated_at) VALUES (:id, :u, :n, :t, :ph, :em, :ad, :pe, :by, :c, :up)",
      soci::use(p.id), soci::use(p.unit_id), soci::use(p.name), soci::use(p.type), soci::use(p.phone),
      soci::use(p.email), soci::use(p.address), soci::use(p.person), soci::use(p.created_by),
      soci::use(p.created_at), soci::use(p.updated_at);
}

void update_partner(Tx& tx, const PartnerRecord& p) {
  tx.sql() << "UPDATE partners SET unit_id = :u, name = :n, partner_type = :t, phone = :ph, email = :em, "
              "address = :ad, contact_person = :pe, updated_at = :up WHERE id = :id",
      soci::use(p.unit_id), soci::use(p.name), soci::use(p.type), soci::use(p.phone), soci::use(p.email),
      soci::use(p.address), soci::use(p.person), soci::use(p.updated_at), soci::use(p.id);
}

std::optional<PartnerRecord> find_partner(Tx& tx, const std::string& id) {
  auto rows = fetch_partners(tx, "WHERE p.id = :v", id);
  return rows.empty() ? std::nullopt : std::optional<PartnerRecord>(rows.front());
}

std::vector<PartnerRecord> list_partners_under(Tx& tx, const std::string& unit_path_prefix) {
  return fetch_partners(tx, "WHERE n.path LIKE :v ORDER BY p.name, p.id", unit_path_prefix + "%");
}

void insert_referral(Tx& tx, const ReferralRecord& r) {
  const std::string status(domain::to_string(r.status));
  tx.sql() << "INSERT INTO referrals (id, case_id, partner_id, reason, sent_on, due_on, status, response, "
              "created_by, created_at, updated_at) VALUES (:id, :c, :p, :r, :s, :d, :st, :re, :by, :ca, :ua)",
      soci::use(r.id), soci::use(r.case_id), soci::use(r.partner_id), soci::use(r.reason), soci::use(r.sent_on),
      soci::use(r.due_on), soci::use(status), soci::use(r.response), soci::use(r.created_by),
      soci::use(r.created_at), soci::use(r.updated_at);
}

std::optional<ReferralRecord> find_referral(Tx& tx, const std::string& id) {
  auto rows = fetch_referrals(tx, "WHERE r.id = :v", id);
  return rows.empty() ? std::nullopt : std::optional<ReferralRecord>(rows.front());
}

void update_referral_status(Tx& tx, const ReferralRecord& r) {
  const std::string status(domain::to_string(r.status));
  tx.sql() << "UPDATE referrals SET status = :s, response = :re, updated_at = :u WHERE id = :id", soci::use(status),
      soci::use(r.response), soci::use(r.updated_at), soci::use(r.id);
}

std::vector<ReferralRecord> list_referrals(Tx& tx, const std::string& case_id) {
  return fetch_referrals(tx, "WHERE r.case_id = :v ORDER BY r.sent_on, r.created_at, r.id", case_id);
}

void insert_referral_status(Tx& tx, const ReferralStatusRow& h) {
  // The ordinal keeps the order of changes made within the same second.
  tx.sql() << "INSERT INTO referral_history (id, referral_id, ordinal, from_status, to_status, on_date, response, "
              "user_id, at) SELECT :id, :r, COALESCE(MAX(ordinal), 0) + 1, :f, :t, :o, :re, :u, CAST(:a AS BIGINT) "
              "FROM referral_history WHERE referral_id = :r2",
      soci::use(h.id), soci::use(h.referral_id), soci::use(h.from_status), soci::use(h.to_status),
      soci::use(h.on_date), soci::use(h.response), soci::use(h.user_id), soci::use(h.at), soci::use(h.referral_id);
}

std::vector<ReferralStatusRow> list_referral_history(Tx& tx, const std::string& referral_id) {
  ReferralStatusRow h;
  soci::statement st =
      (tx.sql().prepare << "SELECT id, referral_id, from_status, to_status, on_date, response, user_id, at "
                           "FROM referral_history WHERE referral_id = :r ORDER BY ordinal",
       soci::use(referral_id), soci::into(h.id), soci::into(h.referral_id), soci::into(h.from_status),
       soci::into(h.to_status), soci::into(h.on_date), soci::into(h.response), soci::into(h.user_id), soci::into(h.at));
  st.execute();
  std::vector<ReferralStatusRow> out;
  while (st.fetch()) {
    out.push_back(h);
  }
  return out;
}

std::vector<OverdueReferral> list_overdue_referrals_for_lead(Tx& tx, const std::string& lead_id,
                                                             const std::string& today) {
  ReferralFetch row;
  std::string household_id;
  auto prepared = (tx.sql().prepare << "SELECT r.id, r.case_id, r.partner_id, p.name, r.reason, r.sent_on, r.due_on, "
                                         "r.status, r.response, r.created_by, r.created_at, r.updated_at, "
                                         "c.household_id FROM referrals r JOIN partners p ON p.id = r.partner_id "
                                         "JOIN cases c ON c.id = r.case_id WHERE c.lead_id = :l AND r.due_on < :t "
                                         "AND r.status NOT IN ('done', 'declined') "
                                         "AND c.state NOT IN ('closed', 'rejected') ORDER BY r.due_on, r.id",
                   soci::use(lead_id), soci::use(today));
  row.bind(prepared);
  prepared, soci::into(household_id);
  soci::statement st(prepared);
  st.execute();
  std::vector<OverdueReferral> out;
  while (st.fetch()) {
    out.push_back({row.take(), household_id});
  }
  return out;
}

} // namespace patronage::storage
