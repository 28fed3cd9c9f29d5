#include "storage/plans.hpp"

#include <soci/soci.h>

#include "storage/nullable.hpp"

namespace patronage::storage {
namespace {

constexpr auto k_plan_select =
    "SELECT id, case_id, plan_number, supersedes_id, superseded_by, period_from, period_to, review_on, term, goals, "
    "approved_at, approved_by, created_by, created_at, updated_at, version FROM plans ";

std::vector<PlanRecord> fetch_plans(Tx& tx, const std::string& where, const std::string& value) {
  PlanRecord p;
  Nullable supersedes(std::nullopt);
  Nullable superseded(std::nullopt);
  Nullable approved_by(std::nullopt);
  long long approved_at = 0;
  soci::indicator approved_at_ind = soci::i_null;
  soci::statement st =
      (tx.sql().prepare << std::string(k_plan_select) + where, soci::use(value), soci::into(p.id),
       soci::into(p.case_id), soci::into(p.number), soci::into(supersedes.text, supersedes.ind),
       soci::into(superseded.text, superseded.ind), soci::into(p.period_from), soci::into(p.period_to),
       soci::into(p.review_on), soci::into(p.term), soci::into(p.goals), soci::into(approved_at, approved_at_ind),
       soci::into(approved_by.text, approved_by.ind), soci::into(p.created_by), soci::into(p.created_at),
       soci::into(p.updated_at), soci::into(p.version));
  st.execute();
  std::vector<PlanRecord> out;
  while (st.fetch()) {
    PlanRecord item = p;
    item.supersedes_id = supersedes.get();
    item.superseded_by = superseded.get();
    item.approved_by = approved_by.get();
    item.approved_at = approved_at_ind == soci::i_ok ? std::optional<long long>(approved_at) : std::nullopt;
    out.push_back(std::move(item));
  }
  return out;
}

} // namespace

void insert_agreement(Tx& tx, const AgreementRecord& a) {
  tx.sql() << "INSERT INTO agreements (id, case_id, signed_on, valid_from, valid_until, content, created_by, "
              "created_at) VALUES (:id, :c, :s, :f, :u, :content, :by, :at)",
      soci::use(a.id), soci::use(a.case_id), soci::use(a.signed_on), soci::use(a.valid_from), soci::use(a.valid_until),
      soci::use(a.content), soci::use(a.created_by), soci::use(a.created_at);
}

std::vector<AgreementRecord> list_agreements(Tx& tx, const std::string& case_id) {
  AgreementRecord a;
  soci::statement st =
      (tx.sql().prepare << "SELECT id, case_id, signed_on, valid_from, valid_until, content, created_by, created_at "
                           "FROM agreements WHERE case_id = :c ORDER BY signed_on DESC, created_at DESC, id DESC",
       soci::use(case_id), soci::into(a.id), soci::into(a.case_id), soci::into(a.signed_on), soci::into(a.valid_from),
       soci::into(a.valid_until), soci::into(a.content), soci::into(a.created_by), soci::into(a.created_at));
  st.execute();
  std::vector<AgreementRecord> out;
  while (st.fetch()) {
    out.push_back(a);
  }
  return out;
}

void insert_plan(Tx& tx, const PlanRecord& p) {
  Nullable supersedes(p.supersedes_id);
  Nullable superseded(p.superseded_by);
  tx.sql() << "INSERT INTO plans (id, case_id, plan_number, supersedes_id, superseded_by, period_from, period_to, "
              "review_on, term, goals, created_by, created_at, updated_at, version) VALUES (:id, :c, :n, :sup, :sby, "
              ":f, :t, :r, :term, :g, :by, :at, :up, :v)",
      soci::use(p.id), soci::use(p.case_id), soci::use(p.number), soci::use(supersedes.text, supersedes.ind),
      soci::use(superseded.text, superseded.ind), soci::use(p.period_from), soci::use(p.period_to),
      soci::use(p.review_on), soci::use(p.term), soci::use(p.goals), soci::use(p.created_by), soci::use(p.created_at),
      soci::use(p.updated_at), soci::use(p.version);
}

std::optional<PlanRecord> find_plan(Tx& tx, const std::string& id) {
  auto rows = fetch_plans(tx, "WHERE id = :v", id);
  return rows.empty() ? std::nullopt : std::optional<PlanRecord>(rows.front());
}

std::vector<PlanRecord> list_plans(Tx& tx, const std::string& case_id) {
  return fetch_plans(tx, "WHERE case_id = :v ORDER BY plan_number DESC", case_id);
}

void set_plan_superseded(Tx& tx, const std::string& id, const std::string& superseded_by, long long at) {
  tx.sql() << "UPDATE plans SET superseded_by = :s, updated_at = :at, version = version + 1 WHERE id = :id",
      soci::use(superseded_by), soci::use(at), soci::use(id);
}

bool bump_plan_version(Tx& tx, const std::string& id, int expected, long long at) {
  soci::statement st = (tx.sql().prepare << "UPDATE plans SET version = version + 1, updated_at = :at "
                                            "WHERE id = :id AND version = :v",
                        soci::use(at), soci::use(id), soci::use(expected));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

void approve_plan(Tx& tx, const std::string& id, const std::string& user_id, long long at) {
  tx.sql() << "UPDATE plans SET approved_at = :at, approved_by = :u, updated_at = :up, version = version + 1 "
              "WHERE id = :id",
      soci::use(at), soci::use(user_id), soci::use(at), soci::use(id);
}

void insert_measure(Tx& tx, const MeasureRecord& m) {
  tx.sql() << "INSERT INTO plan_measures (id, plan_id, case_id, ordinal, goal_id, patronage_type, what, "
              "responsible_kind, responsible_ref, due_on, status, result, updated_at, updated_by) VALUES (:id, :p, :c, "
              ":o, :g, :t, :w, :rk, :rr, :d, :s, :r, :at, :by)",
      soci::use(m.id), soci::use(m.plan_id), soci::use(m.case_id), soci::use(m.ordinal), soci::use(m.goal_id),
      soci::use(m.patronage_type), soci::use(m.what), soci::use(m.responsible_kind), soci::use(m.responsible_ref),
      soci::use(m.due_on), soci::use(m.status), soci::use(m.result), soci::use(m.updated_at), soci::use(m.updated_by);
}

std::vector<MeasureRecord> list_measures(Tx& tx, const std::string& plan_id) {
  MeasureRecord m;
  soci::statement st =
      (tx.sql().prepare << "SELECT id, plan_id, case_id, ordinal, goal_id, patronage_type, what, responsible_kind, "
                           "responsible_ref, due_on, status, result, updated_at, updated_by FROM plan_measures "
                           "WHERE plan_id = :p ORDER BY ordinal",
       soci::use(plan_id), soci::into(m.id), soci::into(m.plan_id), soci::into(m.case_id), soci::into(m.ordinal),
       soci::into(m.goal_id), soci::into(m.patronage_type), soci::into(m.what), soci::into(m.responsible_kind),
       soci::into(m.responsible_ref), soci::into(m.due_on), soci::into(m.status), soci::into(m.result),
       soci::into(m.updated_at), soci::into(m.updated_by));
  st.execute();
  std::vector<MeasureRecord> out;
  while (st.fetch()) {
    out.push_back(m);
  }
  return out;
}

void update_measure(Tx& tx, const MeasureRecord& m) {
  tx.sql() << "UPDATE plan_measures SET status = :s, result = :r, updated_at = :at, updated_by = :by WHERE id = :id",
      soci::use(m.status), soci::use(m.result), soci::use(m.updated_at), soci::use(m.updated_by), soci::use(m.id);
}

} // namespace patronage::storage
