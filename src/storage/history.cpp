#include "storage/history.hpp"

#include <boost/json.hpp>
#include <soci/soci.h>

namespace patronage::storage {
namespace {

std::string encode_changes(const std::vector<FieldChange>& changes) {
  boost::json::array out;
  for (const auto& change : changes) {
    boost::json::object item{{"field", change.field}};
    if (change.sensitive) {
      item["sensitive"] = true;
    } else if (change.rejected) {
      item["rejected"] = *change.rejected;
    } else {
      item["old"] = change.old_value ? boost::json::value(*change.old_value) : boost::json::value(nullptr);
      item["new"] = change.new_value ? boost::json::value(*change.new_value) : boost::json::value(nullptr);
    }
    out.push_back(std::move(item));
  }
  return boost::json::serialize(out);
}

std::optional<std::string> text_or_null(const boost::json::object& item, const char* key) {
  const auto* value = item.if_contains(key);
  return value != nullptr && value->is_string() ? std::optional<std::string>(value->as_string()) : std::nullopt;
}

std::vector<FieldChange> decode(const std::string& text) {
  std::vector<FieldChange> out;
  boost::system::error_code ec;
  auto value = boost::json::parse(text, ec);
  if (ec || !value.is_array()) {
    return out;
  }
  for (const auto& entry : value.as_array()) {
    if (!entry.is_object()) {
      continue;
    }
    const auto& item = entry.as_object();
    FieldChange change;
    change.field = text_or_null(item, "field").value_or("");
    const auto* sensitive = item.if_contains("sensitive");
    change.sensitive = sensitive != nullptr && sensitive->is_bool() && sensitive->as_bool();
    change.old_value = text_or_null(item, "old");
    change.new_value = text_or_null(item, "new");
    change.rejected = text_or_null(item, "rejected");
    out.push_back(std::move(change));
  }
  return out;
}

} // namespace

void insert_history(Tx& tx, const HistoryRecord& r) {
  const std::string changes = encode_changes(r.changes);
  // The sequence keeps the order of changes made within the same second.
  long long seq = 0;
  tx.sql() << "SELECT COALESCE(MAX(seq), 0) + 1 FROM change_history", soci::into(seq);
  tx.sql() << "INSERT INTO change_history (id, entity, entity_id, at, user_id, changes, seq) VALUES (:id, :e, :eid, "
              ":at, :u, :c, :seq)",
      soci::use(r.id), soci::use(r.entity), soci::use(r.entity_id), soci::use(r.at), soci::use(r.user_id),
      soci::use(changes), soci::use(seq);
}

namespace {

// The rows matching `where` (two string parameters), oldest first; changes made within the same second in order.
std::vector<HistoryRecord> fetch_history(Tx& tx, const std::string& where, const std::string& first,
                                         const std::string& second) {
  HistoryRecord r;
  std::string changes;
  soci::statement st =
      (tx.sql().prepare << "SELECT id, entity, entity_id, at, user_id, changes FROM change_history WHERE " + where +
                               " ORDER BY at, COALESCE(seq, 0), id",
       soci::use(first), soci::use(second), soci::into(r.id), soci::into(r.entity), soci::into(r.entity_id),
       soci::into(r.at), soci::into(r.user_id), soci::into(changes));
  st.execute();
  std::vector<HistoryRecord> out;
  while (st.fetch()) {
    HistoryRecord row = r;
    row.changes = decode(changes);
    out.push_back(std::move(row));
  }
  return out;
}

} // namespace

std::vector<HistoryRecord> list_history(Tx& tx, const std::string& entity, const std::string& entity_id) {
  return fetch_history(tx, "entity = :e AND entity_id = :id", entity, entity_id);
}

std::vector<HistoryRecord> list_household_history(Tx& tx, const std::string& household_id) {
  return fetch_history(tx,
                       "(entity = 'household' AND entity_id = :h) OR (entity = 'person' AND entity_id IN (SELECT id "
                       "FROM persons WHERE household_id = :h2))",
                       household_id, household_id);
}

} // namespace patronage::storage
