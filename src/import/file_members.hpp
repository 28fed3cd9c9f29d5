#pragma once

#include "domain/batch_duplicates.hpp"
#include "import/importer.hpp"
#include "import/plan.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace patronage::import {

// Every member row of a plan in the order the check meets them (families in plan order, each family's members in
// order), folded once for the file and the registry, with its blocking keys and the earlier members of the file it
// looks like (domain::find_batch_duplicates: the latest 300 earlier holders of each of its keys, the intake matcher's
// score and threshold). Holds pointers into the plan, which must outlive it.
class FileMembers {
public:
  // Folds every member of `plan` (at its family's address) and compares it with the earlier ones, on `threads`
  // threads (the caller's included); returns when all is done.
  FileMembers(const Plan& plan, unsigned threads);

  std::size_t size() const { return m_rows.size(); }
  const PersonRow& row(std::size_t member) const { return *m_rows[member]; }
  const domain::PreparedIdentity& identity(std::size_t member) const { return m_people[member]; }
  const std::vector<std::string>& keys(std::size_t member) const { return m_keys[member]; }
  // The earlier rows `member` looks like, best score first (each with the earlier row's number, name and birth date).
  std::vector<RowMatch> matches(std::size_t member) const;

private:
  std::vector<const PersonRow*> m_rows;
  std::vector<domain::PreparedIdentity> m_people;
  std::vector<std::vector<std::string>> m_keys;
  std::vector<std::vector<domain::EarlierMatch>> m_matches;
};

} // namespace patronage::import
