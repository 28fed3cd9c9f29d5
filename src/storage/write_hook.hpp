#pragma once

#include <functional>

#include "storage/database.hpp"

namespace patronage::storage {

// Runs `hook` at the end of every write transaction of `db` whose work succeeded, inside that transaction: what it
// writes commits with the work, and an exception from it rolls the whole use case back as the work's own would.
// app::keep_case_due sets it at start-up; an empty `hook` removes it, and so does the database's destructor.
// Thread-safe; a transaction already running may still miss a hook set meanwhile.
void set_write_hook(const Database& db, std::function<void(Tx&)> hook);

// Called by Database after each write transaction's work succeeded; does nothing without a hook.
void run_write_hook(const Database& db, Tx& tx);

// Runs `hook` after every write transaction of `db` whose work succeeded, once it committed: outside the
// transaction and, on SQLite, after the writer's lock is released. app::CaseDueRefresher sets it; an empty `hook`
// removes it, and so does the database's destructor. It must not throw and should return at once.
void set_commit_hook(const Database& db, std::function<void()> hook);

// Called by Database after a write transaction with successful work committed; does nothing without a hook.
void run_commit_hook(const Database& db);

} // namespace patronage::storage
