#include <gtest/gtest.h>

#include "util/password.hpp"

namespace patronage::util {
namespace {

TEST(Password, WeakerThanComparesPassesAndMemory) {
  const PasswordCost cheap{1, size_t{64} << 10};
  const PasswordCost more_passes{2, size_t{64} << 10};
  const PasswordCost more_memory{1, size_t{128} << 10};
  const std::string hash = hash_password("correct-horse-1", cheap);
  EXPECT_FALSE(password_weaker_than(hash, cheap));
  EXPECT_TRUE(password_weaker_than(hash, more_passes));
  EXPECT_TRUE(password_weaker_than(hash, more_memory));
  const std::string strong = hash_password("correct-horse-1", PasswordCost{2, size_t{128} << 10});
  EXPECT_FALSE(password_weaker_than(strong, cheap)) << "a stronger hash is kept";
  EXPECT_TRUE(password_weaker_than("$argon2i$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA", cheap)) << "not argon2id";
  EXPECT_TRUE(password_weaker_than("garbage", cheap));
  EXPECT_TRUE(password_weaker_than("$argon2id$v=19$m=x,t=2,p=1$c2FsdA$aGFzaA", cheap));
}

} // namespace
} // namespace patronage::util
