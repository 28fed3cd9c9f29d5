#include "storage/aid.hpp"

#include <soci/soci.h>

#include "storage/delivery_day_counts.hpp"

namespace patronage::storage {
namespace {

constexpr auto k_catalogue_select = "SELECT code, category, default_unit, name_ru, name_en, active, sort_order, "
                                    "updated_at, version FROM service_catalogue ";

struct CatalogueFetch {
  CatalogueEntry e;
  int active = 1;

  template <typename Target> void bind(Target& t) {
    t, soci::into(e.code), soci::into(e.category), soci::into(e.default_unit), soci::into(e.name_ru),
        soci::into(e.name_en), soci::into(active), soci::into(e.sort_order), soci::into(e.updated_at),
        soci::into(e.version);
  }

  CatalogueEntry take() const {
    CatalogueEntry out = e;
    out.active = active != 0;
    return out;
  }
};

std::vector<CatalogueEntry> fetch_catalogue(Tx& tx, const std::string& where, const std::string& value) {
  CatalogueFetch row;
  auto prepared = (tx.sql().prepare << std::string(k_catalogue_select) + where, soci::use(value));
  row.bind(prepared);
  soci::statement st(prepared);
  st.execute();
  std::vector<CatalogueEntry> out;
  while (st.fetch()) {
    out.push_back(row.take());
  }
  return out;
}

} // namespace

std::vector<CatalogueEntry> list_catalogue(Tx& tx) {
  return fetch_catalogue(tx, "WHERE :v = '' ORDER BY sort_order, code", "");
}

std::optional<CatalogueEntry> find_catalogue_entry(Tx& tx, const std::string& code) {
  auto rows = fetch_catalogue(tx, "WHERE code = :v", code);
  return rows.empty() ? std::nullopt : std::optional<CatalogueEntry>(rows.front());
}

void insert_catalogue_entry(Tx& tx, const CatalogueEntry& e) {
  int last = 0;
  soci::indicator last_ind = soci::i_null;
  tx.sql() << "SELECT MAX(sort_order) FROM service_catalogue", soci::into(last, last_ind);
  const int sort_order = (last_ind == soci::i_ok ? last : 0) + 1;
  const int active = e.active ? 1 : 0;
  tx.sql() << "INSERT INTO service_catalogue (code, category, default_unit, name_ru, name_en, active, sort_order, "
              "updated_at, version) VALUES (:code, :cat, :unit, :ru, :en, :active, :sort, :at, 1)",
      soci::use(e.code), soci::use(e.category), soci::use(e.default_unit), soci::use(e.name_ru), soci::use(e.name_en),
      soci::use(active), soci::use(sort_order), soci::use(e.updated_at);
}

bool update_catalogue_entry(Tx& tx, const CatalogueEntry& e, int expected_version) {
  const int active = e.active ? 1 : 0;
  soci::statement st =
      (tx.sql().prepare << "UPDATE service_catalogue SET category = :cat, default_unit = :unit, name_ru = :ru, "
                           "name_en = :en, active = :active, updated_at = :at, version = version + 1 "
                           "WHERE code = :code AND version = :expected",
       soci::use(e.category), soci::use(e.default_unit), soci::use(e.name_ru), soci::use(e.name_en), soci::use(active),
       soci::use(e.updated_at), soci::use(e.code), soci::use(expected_version));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

void insert_delivery(Tx& tx, const DeliveryRecord& d) {
  const long long cost = d.cost.value_or(0);
  soci::indicator cost_ind = d.cost ? soci::i_ok : soci::i_null;
  tx.sql() << "INSERT INTO service_deliveries (id, case_id, service_code, delivered_on, quantity, unit, provider, "
              "cost, created_by, created_at) VALUES (:id, :c, :s, :on, :q, :u, :p, :cost, :by, :at)",
      soci::use(d.id), soci::use(d.case_id), soci::use(d.service_code), soci::use(d.delivered_on),
      soci::use(d.quantity), soci::use(d.unit), soci::use(d.provider), soci::use(cost, cost_ind),
      soci::use(d.created_by), soci::use(d.created_at);
  count_delivery(tx, d);
}

std::vector<DeliveryRecord> list_deliveries(Tx& tx, const std::string& case_id) {
  DeliveryRecord d;
  long long cost = 0;
  soci::indicator cost_ind = soci::i_null;
  soci::statement st =
      (tx.sql().prepare << "SELECT id, case_id, service_code, delivered_on, quantity, unit, provider, cost, created_by, "
                           "created_at FROM service_deliveries WHERE case_id = :c "
                           "ORDER BY delivered_on DESC, created_at DESC, id",
       soci::use(case_id), soci::into(d.id), soci::into(d.case_id), soci::into(d.service_code),
       soci::into(d.delivered_on), soci::into(d.quantity), soci::into(d.unit), soci::into(d.provider),
       soci::into(cost, cost_ind), soci::into(d.created_by), soci::into(d.created_at));
  st.execute();
  std::vector<DeliveryRecord> out;
  while (st.fetch()) {
    DeliveryRecord item = d;
    item.cost = cost_ind == soci::i_ok ? std::optional<long long>(cost) : std::nullopt;
    out.push_back(std::move(item));
  }
  return out;
}

} // namespace patronage::storage
