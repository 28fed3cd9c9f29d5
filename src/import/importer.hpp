#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/context.hpp"
#include "import/plan.hpp"
#include "util/error.hpp"

namespace patronage::import {

// What the operator decided for a row the matcher held: create a new person, or take it as the stored person
// `person_id` (then only the row's non-empty cells are written to that person).
struct Decision {
  bool same = false;
  std::string person_id;
};
using Decisions = std::map<int, Decision>; // by file row

// Whether `actor` may import a register at all (household_import on their own subtree: a head). The import itself
// checks it again, with every unit and record the file names.
bool may_import(const app::Actor& actor);

// "new" or "same:<person id>"; std::nullopt for anything else ("" included: no decision).
std::optional<Decision> parse_decision(std::string_view text);

struct ImportOptions {
  std::string file_name;
  std::string file_sha256; // hex SHA-256 of the file's bytes
  std::optional<std::string> unit_id; // for rows without a unit column
  Decisions decisions;
  bool apply = false;
  std::string operator_name; // the OS login, for the batch and the audit entry
  // Called every few hundred rows with the rows checked (then written) so far and the total.
  std::function<void(std::size_t done, std::size_t total)> progress = {};
};

// A registry or in-file match of a row's person.
struct RowMatch {
  std::string person_id; // empty for an in-file match
  int row = 0;           // the earlier file row of an in-file match; 0 otherwise
  double score = 0.0;
  std::vector<std::string> reasons; // domain::DuplicateReason wire names
  std::string name;
  std::optional<std::string> birth_date;
};

enum class RowStatus {
  create,    // a new household and/or person
  update,    // an existing one, its non-empty cells
  held,      // a probable duplicate without a decision, or in a family with one: not loaded
  error,     // an issue of its own: nothing loads with --apply
};
std::string_view to_string(RowStatus status);

struct RowOutcome {
  int row = 0;
  RowStatus status = RowStatus::create;
  std::string household_id; // the stored household (created or matched) when known
  std::string person_id;    // the stored person when known
  std::vector<RowMatch> matches;
};

// A family's case the file names: opened by the import (`open`), or the family's open case already stored, which the
// file's is taken for (nothing is opened).
struct CaseOutcome {
  int row = 0;
  bool open = true;
  std::string household_id; // when known
  std::string state;        // the file's state (a code)
  std::string lead_login;
  std::string opened_on; // YYYY-MM-DD
  std::string number;    // the stored case's, or the opened one's after --apply
};

struct ImportReport {
  std::vector<Issue> issues; // file order
  std::vector<RowOutcome> rows;
  std::vector<CaseOutcome> cases; // file order
  std::size_t cases_opened = 0;
  std::size_t households_created = 0;
  std::size_t households_updated = 0;
  std::size_t persons_created = 0;
  std::size_t persons_updated = 0;
  std::size_t held = 0;
  bool applied = false;
  std::string batch_id;
};

// Checks `plan` against the registry in ONE transaction and, with `options.apply` and no issue at all, loads it in
// that same transaction as one batch (storage::ImportBatchRecord); otherwise writes nothing but its audit entry.
// A family's case (HouseholdRows::open_case) is checked by CaseChecker with the rules of opening and moving a case
// and opened with the family (not for a held family); a family with an open case keeps it.
// Households and persons matched (by the household column holding a stored id, an earlier batch of the same file,
// a СНИЛС, or a decision "same:<id>") are updated only in their non-empty cells; categories are added, never
// removed. A person the matcher (app::person_duplicates_in_tx, as at intake) or an earlier row of the file finds
// above the threshold is held, with its family, unless decided. Audited once: "import.check" or "import.apply"
// with the file hash, the counts and the operator (never the file's name or contents). Refused, writing nothing, for
// an actor without household_import on their subtree (403: heads only) and with field "unit"
// "import.unit_not_found" for a --unit that is unknown or outside the subtree.
// Reach (the web route imports as the signed-in head): units named in the file are looked up in the actor's
// subtree only; the matcher sees only persons of that subtree, so a report never shows a family from elsewhere;
// a household id in the file, a "same:<id>" decision or an earlier batch of the same file that points outside the
// subtree is treated as unknown ("import.household_not_found", "import.decision_person_unknown", a new record);
// a СНИЛС held by a person outside it is an issue "import.snils_elsewhere" without that person's data.
util::Result<ImportReport> import_households(const app::Services& services, const app::Actor& actor,
                                             const app::RequestMeta& meta, const Plan& plan,
                                             const ImportOptions& options);

struct UndoResult {
  std::size_t removed = 0;
  std::size_t restored = 0;
};

// Removes what batch `batch_id` created (cases, with their history and lead, included) and puts back what it updated,
// in one transaction, then deletes the batch. Refused with 409 "import.undo_refused" ({entity}, {id}: the first in
// the file's order) when a record of the batch was changed since (a case moved or reassigned) or a later record
// refers to one it created (a case's visit, consent, decision, team member…: storage::referenced_batch_records);
// "import.batch_not_found" (404) for an unknown batch or one with a record outside the actor's subtree; 403 without
// household_import. Audited "import.undo".
util::Result<UndoResult> undo_import(const app::Services& services, const app::Actor& actor,
                                     const app::RequestMeta& meta, const std::string& batch_id);

} // namespace patronage::import
