#include "storage/units.hpp"

#include <soci/soci.h>

namespace patronage::storage {
namespace {

constexpr auto k_columns = "SELECT id, parent_id, name, kind, path, created_at FROM units ";

struct UnitRow {
  UnitRecord unit;
  std::string parent;
  soci::indicator parent_ind = soci::i_ok;

  UnitRecord take() {
    unit.parent_id = parent_ind == soci::i_ok ? std::optional<std::string>(parent) : std::nullopt;
    return unit;
  }
};

} // namespace

void insert_unit(Tx& tx, const UnitRecord& unit) {
  std::string parent = unit.parent_id.value_or("");
  soci::indicator parent_ind = unit.parent_id ? soci::i_ok : soci::i_null;
  tx.sql() << "INSERT INTO units (id, parent_id, name, kind, path, created_at) "
              "VALUES (:id, :parent, :name, :kind, :path, :created)",
      soci::use(unit.id), soci::use(parent, parent_ind), soci::use(unit.name), soci::use(unit.kind),
      soci::use(unit.path), soci::use(unit.created_at);
}

std::optional<UnitRecord> find_unit(Tx& tx, const std::string& id) {
  UnitRow row;
  tx.sql() << std::string(k_columns) + "WHERE id = :id", soci::use(id), soci::into(row.unit.id),
      soci::into(row.parent, row.parent_ind), soci::into(row.unit.name), soci::into(row.unit.kind),
      soci::into(row.unit.path), soci::into(row.unit.created_at);
  if (!tx.sql().got_data()) {
    return std::nullopt;
  }
  return row.take();
}

std::vector<UnitRecord> list_units_under(Tx& tx, const std::string& path_prefix) {
  UnitRow row;
  std::string pattern = path_prefix + "%";
  soci::statement st = (tx.sql().prepare << std::string(k_columns) + "WHERE path LIKE :p ORDER BY path",
                        soci::use(pattern), soci::into(row.unit.id), soci::into(row.parent, row.parent_ind),
                        soci::into(row.unit.name), soci::into(row.unit.kind), soci::into(row.unit.path),
                        soci::into(row.unit.created_at));
  st.execute();
  std::vector<UnitRecord> out;
  while (st.fetch()) {
    out.push_back(row.take());
  }
  return out;
}

} // namespace patronage::storage
