#include "storage/audit.hpp"

#include <soci/soci.h>

#include "storage/audit_anchor.hpp"
#include "util/crypto.hpp"

namespace patronage::storage {
namespace {

void add_field(std::string& out, std::string_view value) {
  out += std::to_string(value.size());
  out += ':';
  out += value;
}

constexpr auto k_select_audit = "SELECT seq, at, user_id, action, entity, entity_id, address, request_id, details, "
                                "prev_hash, hash, mac FROM audit_log ";
constexpr auto k_insert = "INSERT INTO audit_log (seq, at, user_id, action, entity, entity_id, address, request_id, "
                          "details, prev_hash, hash, mac) VALUES (:seq, :at, :u, :a, :e, :eid, :addr, :rid, :d, :p, "
                          ":h, :m)";

// The length-prefixed encoding both the hash and the MAC cover.
std::string encode_entry(const AuditEntry& e, const std::string& prev_hash) {
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
  return text;
}

struct Head {
  long long seq = 0;
  std::string link;
  long long mac_from = 0;
};

Head lock_head(Tx& tx) {
  Head head;
  tx.sql() << tx.dialect().lock_audit_head(), soci::into(head.seq), soci::into(head.link), soci::into(head.mac_from);
  return head;
}

// Assigns seq, links, hash and MAC of `e` as the entry after `head`, and moves `head` on.
void seal_next(const Tx& tx, Head& head, AuditEntry& e) {
  e.seq = ++head.seq;
  e.prev_hash = head.link;
  const std::string text = encode_entry(e, head.link);
  e.hash = util::sha256_hex(text);
  const std::string& key = tx.audit_seal().key;
  e.mac = key.empty() ? std::string() : util::hmac_sha256_hex(key, text);
  if (!key.empty() && head.mac_from == 0) {
    head.mac_from = e.seq;
  }
  head.link = e.link();
}

void store_head(Tx& tx, const Head& head) {
  tx.sql() << "UPDATE audit_head SET seq = :s, hash = :h, mac_from = :m WHERE id = 1", soci::use(head.seq),
      soci::use(head.link), soci::use(head.mac_from);
}

struct AuditRow {
  AuditEntry e;
  template <typename Target> void bind(Target& target) {
    target, soci::into(e.seq), soci::into(e.at), soci::into(e.user_id), soci::into(e.action), soci::into(e.entity),
        soci::into(e.entity_id), soci::into(e.address), soci::into(e.request_id), soci::into(e.details),
        soci::into(e.prev_hash), soci::into(e.hash), soci::into(e.mac);
  }
};

} // namespace

std::string audit_hash(const AuditEntry& e, const std::string& prev_hash) {
  return util::sha256_hex(encode_entry(e, prev_hash));
}

std::string audit_mac(std::string_view key, const AuditEntry& e, const std::string& prev_hash) {
  return util::hmac_sha256_hex(key, encode_entry(e, prev_hash));
}

AuditEntry append_audit(Tx& tx, AuditEntry e) {
  Head head = lock_head(tx);
  seal_next(tx, head, e);
  tx.sql() << k_insert, soci::use(e.seq), soci::use(e.at), soci::use(e.user_id), soci::use(e.action),
      soci::use(e.entity), soci::use(e.entity_id), soci::use(e.address), soci::use(e.request_id),
      soci::use(e.details), soci::use(e.prev_hash), soci::use(e.hash), soci::use(e.mac);
  store_head(tx, head);
  return e;
}

void append_audit_batch(Tx& tx, std::vector<AuditEntry>& entries) {
  if (entries.empty()) {
    return;
  }
  Head head = lock_head(tx);
  AuditEntry row;
  soci::statement insert =
      (tx.sql().prepare << k_insert, soci::use(row.seq), soci::use(row.at), soci::use(row.user_id),
       soci::use(row.action), soci::use(row.entity), soci::use(row.entity_id), soci::use(row.address),
       soci::use(row.request_id), soci::use(row.details), soci::use(row.prev_hash), soci::use(row.hash),
       soci::use(row.mac));
  for (AuditEntry& e : entries) {
    seal_next(tx, head, e);
    row = e;
    insert.execute(true);
  }
  store_head(tx, head);
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
  auto prepared = (tx.sql().prepare << std::string(k_select_audit) + where + " ORDER BY seq DESC LIMIT :lim",
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
  long long head_seq = 0;
  std::string head_link;
  tx.sql() << "SELECT seq, hash, mac_from FROM audit_head WHERE id = 1", soci::into(head_seq), soci::into(head_link),
      soci::into(report.mac_from);
  const AuditSeal& seal = tx.audit_seal();
  std::optional<AuditAnchor> anchor;
  auto fail = [&](long long seq, const char* problem) {
    report.ok = false;
    report.bad_seq = seq;
    report.problem = problem;
    return report;
  };
  if (!seal.anchor.empty() && !seal.key.empty()) {
    auto read = read_audit_anchor(seal.anchor, seal.key);
    if (!read) {
      return fail(0, read.error().code == util::ErrorCode::not_found ? "anchor_missing" : "anchor_invalid");
    }
    anchor = *read;
  }
  AuditRow row;
  // Up to the head read above: under PostgreSQL's READ COMMITTED entries appended meanwhile by a running
  // server may show in the walk, and they are not what the head vouches for.
  auto prepared =
      (tx.sql().prepare << std::string(k_select_audit) + "WHERE seq <= :head ORDER BY seq", soci::use(head_seq));
  row.bind(prepared);
  soci::statement st(prepared);
  st.execute();
  std::string prev = "genesis";
  std::string anchored_link = anchor && anchor->seq == 0 ? "genesis" : "";
  long long expected_seq = 1;
  while (st.fetch()) {
    const AuditEntry& e = row.e;
    if (e.seq != expected_seq) {
      return fail(expected_seq, "gap");
    }
    if (e.prev_hash != prev) {
      return fail(e.seq, "prev_mismatch");
    }
    const std::string text = encode_entry(e, prev);
    if (util::sha256_hex(text) != e.hash) {
      return fail(e.seq, "hash_mismatch");
    }
    const bool keyed_era = report.mac_from != 0 && e.seq >= report.mac_from;
    if (!e.mac.empty() || keyed_era) {
      if (e.mac.empty()) {
        return fail(e.seq, "mac_missing");
      }
      if (seal.key.empty()) {
        return fail(e.seq, "key_missing");
      }
      if (!keyed_era || !util::equal_constant_time(util::hmac_sha256_hex(seal.key, text), e.mac)) {
        return fail(e.seq, "mac_mismatch");
      }
    }
    prev = e.link();
    if (anchor && e.seq == anchor->seq) {
      anchored_link = prev;
    }
    ++expected_seq;
    ++report.checked;
  }
  if (head_seq != expected_seq - 1 || head_link != prev) {
    return fail(expected_seq, "head_mismatch");
  }
  if (anchor) {
    report.anchored = anchor->seq;
    if (anchored_link != anchor->link || (anchor->mac_from != 0 && anchor->mac_from != report.mac_from)) {
      return fail(anchor->seq, "anchor_mismatch");
    }
  }
  if (!tx.dialect().audit_guard_intact(tx.sql())) {
    return fail(0, "guard_missing");
  }
  return report;
}

} // namespace patronage::storage
