#include "storage/audit.hpp"

#include <soci/soci.h>

#include "util/crypto.hpp"

namespace patronage::storage {
namespace {

void add_field(std::string& out, std::string_view value) {
  out += std::to_string(value.size());
  out += ':';
  out += value;
}

constexpr auto k_select = "SELECT seq, at, user_id, action, entity, entity_id, address, request_id, details, "
                          "prev_hash, hash FROM audit_log ";

struct AuditRow {
  AuditEntry e;
  template <typename Target> void bind(Target& target) {
    target, soci::into(e.seq), soci::into(e.at), soci::into(e.user_id), soci::into(e.action), soci::into(e.entity),
        soci::into(e.entity_id), soci::into(e.address), soci::into(e.request_id), soci::into(e.details),
        soci::into(e.prev_hash), soci::into(e.hash);
  }
};

} // namespace

std::string audit_hash(const AuditEntry& e, const std::string& prev_hash) {
  std::string text;
  text.reserve(256);
  add_field(text, prev_hash);
  add_field(text, std::to_string(e.seq));
  add_field(text, std::to_string(e.at));
  add_field(text, e.user_id);
  add_field(text, e.action);
  add_field(text, e.entity);
  add_field(text, e.entity_id);
  add_field(text, e.address);
  add_field(text, e.request_id);
  add_field(text, e.details);
  return util::sha256_hex(text);
}

AuditEntry append_audit(Tx& tx, AuditEntry e) {
  long long head_seq = 0;
  std::string head_hash;
  tx.sql() << tx.dialect().lock_audit_head(), soci::into(head_seq), soci::into(head_hash);
  e.seq = head_seq + 1;
  e.prev_hash = head_hash;
  e.hash = audit_hash(e, head_hash);
  tx.sql() << "INSERT INTO audit_log (seq, at, user_id, action, entity, entity_id, address, request_id, details, "
              "prev_hash, hash) VALUES (:seq, :at, :u, :a, :e, :eid, :addr, :rid, :d, :p, :h)",
      soci::use(e.seq), soci::use(e.at), soci::use(e.user_id), soci::use(e.action), soci::use(e.entity),
      soci::use(e.entity_id), soci::use(e.address), soci::use(e.request_id), soci::use(e.details),
      soci::use(e.prev_hash), soci::use(e.hash);
  tx.sql() << "UPDATE audit_head SET seq = :s, hash = :h WHERE id = 1", soci::use(e.seq), soci::use(e.hash);
  return e;
}

void append_audit_batch(Tx& tx, std::vector<AuditEntry>& entries) {
  if (entries.empty()) {
    return;
  }
  long long head_seq = 0;
  std::string head_hash;
  tx.sql() << tx.dialect().lock_audit_head(), soci::into(head_seq), soci::into(head_hash);
  AuditEntry row;
  soci::statement insert =
      (tx.sql().prepare << "INSERT INTO audit_log (seq, at, user_id, action, entity, entity_id, address, request_id, "
                           "details, prev_hash, hash) VALUES (:seq, :at, :u, :a, :e, :eid, :addr, :rid, :d, :p, :h)",
       soci::use(row.seq), soci::use(row.at), soci::use(row.user_id), soci::use(row.action), soci::use(row.entity),
       soci::use(row.entity_id), soci::use(row.address), soci::use(row.request_id), soci::use(row.details),
       soci::use(row.prev_hash), soci::use(row.hash));
  for (AuditEntry& e : entries) {
    e.seq = ++head_seq;
    e.prev_hash = head_hash;
    e.hash = audit_hash(e, head_hash);
    head_hash = e.hash;
    row = e;
    insert.execute(true);
  }
  tx.sql() << "UPDATE audit_head SET seq = :s, hash = :h WHERE id = 1", soci::use(head_seq), soci::use(head_hash);
}

std::vector<AuditEntry> list_audit(Tx& tx, const AuditFilter& f) {
  std::string where = "WHERE 1 = 1";
  const std::string user = f.user_id.value_or("");
  const std::string entity = f.entity.value_or("");
  const std::string entity_id = f.entity_id.value_or("");
  const long long from = f.from.value_or(0);
  const long long to = f.to.value_or(0);
  const long long before = f.before_seq.value_or(0);
  const int limit = std::clamp(f.limit, 1, 1000);
  where += f.user_id ? " AND user_id = :u" : " AND :u = ''";
  where += f.entity ? " AND entity = :e" : " AND :e = ''";
  where += f.entity_id ? " AND entity_id = :eid" : " AND :eid = ''";
  where += f.from ? " AND at >= :f" : " AND :f = 0";
  where += f.to ? " AND at < :t" : " AND :t = 0";
  where += f.before_seq ? " AND seq < :b" : " AND :b = 0";
  const std::string units = f.unit_path_prefix ? *f.unit_path_prefix + "%" : "";
  where += f.unit_path_prefix ? " AND user_id IN (SELECT us.id FROM users us JOIN units n ON n.id = us.unit_id "
                                "WHERE n.path LIKE :up)"
                              : " AND :up = ''";
  AuditRow row;
  auto prepared = (tx.sql().prepare << std::string(k_select) + where + " ORDER BY seq DESC LIMIT :lim",
                   soci::use(user), soci::use(entity), soci::use(entity_id), soci::use(from), soci::use(to),
                   soci::use(before), soci::use(units), soci::use(limit));
  row.bind(prepared);
  soci::statement st(prepared);
  st.execute();
  std::vector<AuditEntry> out;
  while (st.fetch()) {
    out.push_back(row.e);
  }
  return out;
}

AuditVerification verify_audit(Tx& tx) {
  AuditVerification report;
  AuditRow row;
  auto prepared = (tx.sql().prepare << std::string(k_select) + "ORDER BY seq");
  row.bind(prepared);
  soci::statement st(prepared);
  st.execute();
  std::string prev = "genesis";
  long long expected_seq = 1;
  auto fail = [&](long long seq, const char* problem) {
    report.ok = false;
    report.bad_seq = seq;
    report.problem = problem;
    return report;
  };
  while (st.fetch()) {
    const AuditEntry& e = row.e;
    if (e.seq != expected_seq) {
      return fail(expected_seq, "gap");
    }
    if (e.prev_hash != prev) {
      return fail(e.seq, "prev_mismatch");
    }
    if (audit_hash(e, prev) != e.hash) {
      return fail(e.seq, "hash_mismatch");
    }
    prev = e.hash;
    ++expected_seq;
    ++report.checked;
  }
  long long head_seq = 0;
  std::string head_hash;
  tx.sql() << "SELECT seq, hash FROM audit_head WHERE id = 1", soci::into(head_seq), soci::into(head_hash);
  if (head_seq != expected_seq - 1 || head_hash != prev) {
    return fail(expected_seq, "head_mismatch");
  }
  return report;
}

} // namespace patronage::storage
