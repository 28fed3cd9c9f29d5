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
  const std::string end = domain::prefix_end(prefix);
  const std::string upper = end.empty() ? std::string(1, '\x7f') : end;
  const int root_length = static_cast<int>(unit_root.size());
  SearchHit hit;
  std::string field;
  soci::statement st =
      (tx.sql().prepare << "SELECT t.term, t.field, t.household_id, t.person_id, n.path, h.address FROM search_terms t "
                           "JOIN households h ON h.id = t.household_id JOIN units n ON n.id = h.unit_id "
                           "WHERE t.term >= :lo AND t.term < :hi AND substr(n.path, 1, :len) = :root "
                           "ORDER BY t.term, t.household_id, t.person_id LIMIT :lim OFFSET :off",
       soci::use(prefix), soci::use(upper), soci::use(root_length), soci::use(unit_root), soci::use(limit),
       soci::use(offset), soci::into(hit.term), soci::into(field), soci::into(hit.household_id),
       soci::into(hit.person_id), soci::into(hit.unit_path), soci::into(hit.address));
  st.execute();
  std::vector<SearchHit> out;
  while (st.fetch()) {
    hit.field = field_of(field);
    out.push_back(hit);
  }
  return out;
}

} // namespace patronage::storage
