#include "storage/assessments.hpp"

#include <soci/soci.h>

namespace patronage::storage {
namespace {

constexpr auto k_select_assessments =
    "SELECT id, case_id, kind, on_date, author_id, data, sensitive, created_at FROM assessments ";

std::vector<AssessmentRecord> fetch_assessments(Tx& tx, const std::string& where, const std::string& first,
                                                const std::string& second) {
  AssessmentRecord a;
  soci::statement st = (tx.sql().prepare << std::string(k_select_assessments) + where, soci::use(first),
                        soci::use(second), soci::into(a.id), soci::into(a.case_id), soci::into(a.kind),
                        soci::into(a.on_date), soci::into(a.author_id), soci::into(a.data), soci::into(a.sensitive),
                        soci::into(a.created_at));
  st.execute();
  std::vector<AssessmentRecord> out;
  while (st.fetch()) {
    out.push_back(a);
  }
  return out;
}

} // namespace

void insert_assessment(Tx& tx, const AssessmentRecord& a) {
  // The sequence keeps the order of assessments made within the same second ("the latest" never flips).
  long long seq = 0;
  tx.sql() << "SELECT COALESCE(MAX(seq), 0) + 1 FROM assessments WHERE case_id = :c", soci::use(a.case_id),
      soci::into(seq);
  tx.sql() << "INSERT INTO assessments (id, case_id, kind, on_date, author_id, data, sensitive, created_at, seq) "
              "VALUES (:id, :c, :k, :d, :a, :data, :s, :at, :seq)",
      soci::use(a.id), soci::use(a.case_id), soci::use(a.kind), soci::use(a.on_date), soci::use(a.author_id),
      soci::use(a.data), soci::use(a.sensitive), soci::use(a.created_at), soci::use(seq);
}

std::optional<AssessmentRecord> find_assessment(Tx& tx, const std::string& id) {
  auto rows = fetch_assessments(tx, "WHERE id = :id AND :unused = ''", id, "");
  return rows.empty() ? std::nullopt : std::optional<AssessmentRecord>(rows.front());
}

std::vector<AssessmentRecord> list_assessments(Tx& tx, const std::string& case_id,
                                               const std::optional<std::string>& kind) {
  const std::string k = kind.value_or("");
  const std::string where = kind ? "WHERE case_id = :c AND kind = :k" : "WHERE case_id = :c AND :k = ''";
  return fetch_assessments(tx, where + " ORDER BY on_date DESC, created_at DESC, COALESCE(seq, 0) DESC, id DESC",
                           case_id, k);
}

} // namespace patronage::storage
