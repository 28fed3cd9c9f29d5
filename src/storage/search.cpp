#include "storage/search.hpp"

#include <soci/soci.h>


namespace patronage::storage {
namespace {

domain::SearchField field_of(const std::string& text) {
  if (text == "birth_date") {
    return domain::SearchField::birth_date;
  }
  return text == "address" ? domain::SearchField::address : domain::SearchField::name;
}

// Roots with more units under them than this read their subtree in one statement that each database plans as it
// will; up to this many (a region of districts of centres), one key range per unit.
constexpr std::size_t k_max_unit_ranges = 128;

// The ids of the units under a scan's root.
std::vector<std::string> subtree_at(Tx& tx, const std::string& unit_root) {
  const int root_length = static_cast<int>(unit_root.size());
  std::vector<std::string> out;
  std::string id;
  soci::statement st = (tx.sql().prepare << "SELECT id FROM units WHERE substr(path, 1, :len) = :root ORDER BY id",
                        soci::use(root_length), soci::use(unit_root), soci::into(id));
  st.execute();
  while (st.fetch()) {
    out.push_back(id);
  }
  return out;
}

} // namespace

void replace_search_terms(Tx& tx, const std::string& household_id, const std::string& person_id,
                          const std::vector<domain::SearchTerm>& terms) {
  tx.sql() << "DELETE FROM search_terms WHERE household_id = :h AND person_id = :p", soci::use(household_id),
      soci::use(person_id);
  if (terms.empty()) {
    return;
  }
  // No household: unit_id stays NULL and the insert breaks a constraint (a conflict), as it always did.
  std::string unit_id;
  soci::indicator unit_ind = soci::i_null;
  tx.sql() << "SELECT unit_id FROM households WHERE id = :h", soci::use(household_id), soci::into(unit_id, unit_ind);
  for (const auto& term : terms) {
    const std::string field(domain::to_string(term.field));
    tx.sql() << "INSERT INTO search_terms (term, household_id, person_id, field, unit_id) "
                "VALUES (:t, :h, :p, :f, :u)",
        soci::use(term.term), soci::use(household_id), soci::use(person_id), soci::use(field),
        soci::use(unit_id, unit_ind);
  }
}

void for_each_search_term_owner(
    Tx& tx, const std::function<void(const SearchTermOwner&, const std::vector<domain::SearchTerm>&)>& visit) {
  SearchTermOwner owner;
  {
    std::string address;
    soci::statement st = (tx.sql().prepare << "SELECT id, unit_id, address FROM households",
                          soci::into(owner.household_id), soci::into(owner.unit_id), soci::into(address));
    st.execute();
    while (st.fetch()) {
      visit(owner, domain::household_search_terms(address));
    }
  }
  {
    std::string last;
    std::string first;
    std::string patronymic;
    std::string birth;
    soci::indicator birth_ind = soci::i_ok;
    soci::statement st =
        (tx.sql().prepare << "SELECT p.id, p.household_id, h.unit_id, p.last_name, p.first_name, p.patronymic, "
                             "p.birth_date FROM persons p JOIN households h ON h.id = p.household_id",
         soci::into(owner.person_id), soci::into(owner.household_id), soci::into(owner.unit_id), soci::into(last),
         soci::into(first), soci::into(patronymic), soci::into(birth, birth_ind));
    st.execute();
    while (st.fetch()) {
      visit(owner, domain::person_search_terms(last, first, patronymic,
                                               birth_ind == soci::i_ok ? std::optional<std::string>(birth)
                                                                       : std::nullopt));
    }
  }
}

void rebuild_search_terms(Tx& tx) {
  tx.sql() << "DELETE FROM search_terms";
  // One prepared insert for every term.
  std::string term;
  std::string household_id;
  std::string person_id;
  std::string field;
  std::string unit_id;
  soci::statement insert =
      (tx.sql().prepare << "INSERT INTO search_terms (term, household_id, person_id, field, unit_id) "
                           "VALUES (:t, :h, :p, :f, :u)",
       soci::use(term), soci::use(household_id), soci::use(person_id), soci::use(field), soci::use(unit_id));
  for_each_search_term_owner(tx, [&](const SearchTermOwner& owner, const std::vector<domain::SearchTerm>& terms) {
    household_id = owner.household_id;
    person_id = owner.person_id;
    unit_id = owner.unit_id;
    for (const auto& t : terms) {
      term = t.term;
      field = std::string(domain::to_string(t.field));
      insert.execute(true);
    }
  });
}

std::vector<SearchHit> scan_search_terms(Tx& tx, const std::string& prefix, const std::string& unit_root, int offset,
                                         int limit) {
  const std::vector<std::string> unit_ids = subtree_at(tx, unit_root);
  if (unit_ids.empty() || limit <= 0) {
    return {};
  }
  const std::string end = domain::prefix_end(prefix);
  const std::string upper = end.empty() ? std::string(1, '\x7f') : end;
  const int root_length = static_cast<int>(unit_root.size());
  const int per_unit = offset + limit;
  constexpr auto k_columns = "SELECT term, field, household_id, person_id, unit_id FROM search_terms ";
  constexpr auto k_order = " ORDER BY term, household_id, person_id, field";
  // The hits are chosen (ordered, skipped, limited) from the index alone, then joined for what they show.
  SearchHit hit;
  std::string field;
  soci::statement st(tx.sql());
  for (auto* column : {&hit.term, &field, &hit.household_id, &hit.person_id, &hit.unit_path, &hit.address}) {
    st.exchange(soci::into(*column));
  }
  std::string chosen;
  if (unit_ids.size() <= k_max_unit_ranges) {
    // One range of the key (unit, term, …) per unit, already in order, each stopping after `offset + limit` entries,
    // merged (PostgreSQL: Merge Append; SQLite: MERGE (UNION ALL)). No other unit's terms are read.
    for (std::size_t i = 0; i < unit_ids.size(); ++i) {
      const std::string n = std::to_string(i);
      chosen += (i == 0 ? "" : " UNION ALL ") + std::string("SELECT * FROM (") + k_columns + "WHERE unit_id = :u" + n +
                " AND term >= :lo" + n + " AND term < :hi" + n + k_order + " LIMIT :n" + n + ") u" + n;
      st.exchange(soci::use(unit_ids[i]));
      st.exchange(soci::use(prefix));
      st.exchange(soci::use(upper));
      st.exchange(soci::use(per_unit));
    }
  } else {
    chosen = std::string(k_columns) + "WHERE unit_id IN (SELECT id FROM units WHERE substr(path, 1, :len) = :root) "
                                      "AND term >= :lo AND term < :hi";
    st.exchange(soci::use(root_length));
    st.exchange(soci::use(unit_root));
    st.exchange(soci::use(prefix));
    st.exchange(soci::use(upper));
  }
  st.exchange(soci::use(limit));
  st.exchange(soci::use(offset));
  st.alloc();
  st.prepare("SELECT t.term, t.field, t.household_id, t.person_id, n.path, h.address FROM (" + chosen + k_order +
             " LIMIT :lim OFFSET :off) t JOIN households h ON h.id = t.household_id JOIN units n ON n.id = t.unit_id "
             "ORDER BY t.term, t.household_id, t.person_id, t.field");
  st.define_and_bind();
  st.execute(false);
  std::vector<SearchHit> out;
  while (st.fetch()) {
    hit.field = field_of(field);
    out.push_back(hit);
  }
  return out;
}

} // namespace patronage::storage
