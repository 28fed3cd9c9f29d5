#include "storage/write_hook.hpp"

#include <map>
#include <memory>
#include <shared_mutex>

namespace patronage::storage {
namespace {

// One kind of hook per database, kept beside Database rather than in it, so that its header (included everywhere)
// stays as it is. A hook is called outside the lock, on a copy that stays alive while it runs.
template <typename Hook> class HookTable {
public:
  void set(const Database& db, Hook hook) {
    std::unique_lock lock(m_mutex);
    if (hook) {
      m_by_database[&db] = std::make_shared<const Hook>(std::move(hook));
    } else {
      m_by_database.erase(&db);
    }
  }

  std::shared_ptr<const Hook> find(const Database& db) {
    std::shared_lock lock(m_mutex);
    const auto it = m_by_database.find(&db);
    return it == m_by_database.end() ? nullptr : it->second;
  }

private:
  std::shared_mutex m_mutex;
  std::map<const Database*, std::shared_ptr<const Hook>> m_by_database;
};

HookTable<std::function<void(Tx&)>>& write_hooks() {
  static HookTable<std::function<void(Tx&)>> all;
  return all;
}

HookTable<std::function<void()>>& commit_hooks() {
  static HookTable<std::function<void()>> all;
  return all;
}

} // namespace

void set_write_hook(const Database& db, std::function<void(Tx&)> hook) {
  write_hooks().set(db, std::move(hook));
}

void run_write_hook(const Database& db, Tx& tx) {
  if (const auto hook = write_hooks().find(db)) {
    (*hook)(tx);
  }
}

void set_commit_hook(const Database& db, std::function<void()> hook) {
  commit_hooks().set(db, std::move(hook));
}

void run_commit_hook(const Database& db) {
  if (const auto hook = commit_hooks().find(db)) {
    (*hook)();
  }
}

} // namespace patronage::storage
