// Files that hold personal data are readable by their owner only (issue 12,
// finding 2): the SQLite database, its -wal and -shm, and backups. SQLite only:
// a PostgreSQL server keeps its own files.
#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>
#include <soci/soci.h>
#include <sys/stat.h>

#include "storage/sqlite/backup.hpp"
#include "support/test_db.hpp"
#include "util/files.hpp"

namespace patronage::testing {
namespace {

namespace fs = std::filesystem;

// The permission bits of `path`, or -1 when it does not exist.
int mode_of(const fs::path& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 ? static_cast<int>(st.st_mode & 07777) : -1;
}

std::string sqlite_path(const TestDatabase& db) { return db.url().substr(std::string("sqlite:").size()); }

TEST(FileModes, NewDatabaseWalShmAndBackupAreOwnerOnly) {
  TestDatabase db(storage::Backend::sqlite);
  const fs::path file = sqlite_path(db);
  ASSERT_TRUE(db.db().transact([](storage::Tx& tx) -> util::Status {
    tx.sql() << "CREATE TABLE mode_probe (x INTEGER)";
    tx.sql() << "INSERT INTO mode_probe VALUES (1)";
    return {};
  }));
  EXPECT_EQ(mode_of(file), 0600);
  ASSERT_TRUE(fs::exists(file.string() + "-wal")) << "the database is in WAL mode while open";
  EXPECT_EQ(mode_of(file.string() + "-wal"), 0600);
  EXPECT_EQ(mode_of(file.string() + "-shm"), 0600);

  const fs::path backup = file.parent_path() / "backup.db";
  ASSERT_TRUE(storage::sqlite::backup(file.string(), backup.string()));
  EXPECT_EQ(mode_of(backup), 0600);

  // A backup never writes into a file that is already there.
  const fs::path existing = file.parent_path() / "existing.db";
  std::ofstream(existing) << "keep";
  auto refused = storage::sqlite::backup(file.string(), existing.string());
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().key, "backup.destination_exists");
}

TEST(FileModes, RestoreToANewPathCreatesItOwnerOnly) {
  TestDatabase db(storage::Backend::sqlite);
  const fs::path file = sqlite_path(db);
  const fs::path backup = file.parent_path() / "backup.db";
  ASSERT_TRUE(storage::sqlite::backup(file.string(), backup.string()));
  const fs::path restored = file.parent_path() / "restored.db";
  ASSERT_TRUE(storage::sqlite::restore(backup.string(), restored.string()));
  EXPECT_EQ(mode_of(restored), 0600);
}

TEST(FileModes, PrivateFileIsCreatedOwnerOnlyEvenOverALooserOne) {
  const fs::path dir = fs::temp_directory_path() / ("patronage-modes-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const fs::path fresh = dir / "fresh";
  EXPECT_EQ(util::create_private_file(fresh.string(), false), 0);
  EXPECT_EQ(mode_of(fresh), 0600);
  EXPECT_EQ(util::create_private_file(fresh.string(), false), EEXIST);

  const fs::path loose = dir / "loose";
  std::ofstream(loose) << "old";
  ::chmod(loose.c_str(), 0644);
  EXPECT_EQ(util::create_private_file(loose.string(), true), 0);
  EXPECT_EQ(mode_of(loose), 0600);
  EXPECT_EQ(fs::file_size(loose), 0U);
  fs::remove_all(dir);
}

} // namespace
} // namespace patronage::testing
