#include "storage/write_hook.hpp"

#include <map>
#include <memory>
#include <shared_mutex>

namespace patronage::storage {
namespace {

// Kept beside Database rather than in it, so that its header (included everywhere) stays as it is.
struct Hooks {
  std::shared_mutex mutex;
  std::map<const Database*, std::shared_ptr<const std::function<void(Tx&)>>> by_database;
  std::map<const Database*, std::shared_ptr<const std::function<void()>>> after_commit;
};

Hooks& hooks() {
  static Hooks all;
  return all;
}

} // namespace

void set_write_hook(const Database& db, std::function<void(Tx&)> hook) {
  Hooks& all = hooks();
  std::unique_lock lock(all.mutex);
  if (hook) {
    all.by_database[&db] = std::make_shared<const std::function<void(Tx&)>>(std::move(hook));
  } else {
    all.by_database.erase(&db);
  }
}

void run_write_hook(const Database& db, Tx& tx) {
  std::shared_ptr<const std::function<void(Tx&)>> hook;
  {
    Hooks& all = hooks();
    std::shared_lock lock(all.mutex);
    if (const auto it = all.by_database.find(&db); it != all.by_database.end()) {
      hook = it->second;
    }
  }
  if (hook) {
    (*hook)(tx);
  }
}

void set_commit_hook(const Database& db, std::function<void()> hook) {
  Hooks& all = hooks();
  std::unique_lock lock(all.mutex);
  if (hook) {
    all.after_commit[&db] = std::make_shared<const std::function<void()>>(std::move(hook));
  } else {
    all.after_commit.erase(&db);
  }
}

void run_commit_hook(const Database& db) {
  std::shared_ptr<const std::function<void()>> hook;
  {
    Hooks& all = hooks();
    std::shared_lock lock(all.mutex);
    if (const auto it = all.after_commit.find(&db); it != all.after_commit.end()) {
      hook = it->second;
    }
  }
  if (hook) {
    (*hook)();
  }
}

} // namespace patronage::storage
