// util/crypto: the base64 the API's uploads arrive in, and the shape and order of record ids.
#include "util/crypto.hpp"

#include <algorithm>
#include <chrono>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace patronage::util {
namespace {

TEST(DecodeBase64, ReadsStandardPaddedBase64) {
  EXPECT_EQ(decode_base64("JVBERi0="), std::optional<std::string>("%PDF-"));
  EXPECT_EQ(decode_base64("iVBORw0KGgo="), std::optional<std::string>("\x89PNG\r\n\x1A\n"));
  EXPECT_EQ(decode_base64(""), std::optional<std::string>(""));
}

TEST(DecodeBase64, RefusesWhatIsNotBase64) {
  EXPECT_EQ(decode_base64("not base64!"), std::nullopt);
  EXPECT_EQ(decode_base64("JVBERi0"), std::nullopt) << "padding is required";
  EXPECT_EQ(decode_base64("JVBER_0="), std::nullopt) << "the URL-safe alphabet is not accepted";
}

TEST(LooksLikeRandomId, KnowsTheShapeOfARecordId) {
  EXPECT_TRUE(looks_like_random_id(random_id()));
  EXPECT_TRUE(looks_like_random_id("abcdefghijklmnopqr27"));
  EXPECT_FALSE(looks_like_random_id("abcdefghijklmnopqr2")) << "19 characters";
  EXPECT_FALSE(looks_like_random_id("abcdefghijklmnopqr28")) << "8 is not base32";
  EXPECT_FALSE(looks_like_random_id("Abcdefghijklmnopqr27")) << "upper case";
  EXPECT_FALSE(looks_like_random_id("F1")) << "a register's own family key";
}

// Decodes an ordered id's first 9 characters: the milliseconds it was made at.
long long millis_of(const std::string& id) {
  constexpr std::string_view k_sorted = "234567abcdefghijklmnopqrstuvwxyz";
  long long ms = 0;
  for (size_t i = 0; i < 9; ++i) {
    ms = ms * 32 + static_cast<long long>(k_sorted.find(id[i]));
  }
  return ms;
}

long long now_millis() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

TEST(OrderedId, HasTheShapeOfARecordIdAndStartsWithTheTimeItWasMade) {
  const long long before = now_millis();
  const auto id = ordered_id();
  const long long after = now_millis();
  EXPECT_TRUE(looks_like_random_id(id)) << id;
  EXPECT_GE(millis_of(id), before) << id;
  EXPECT_LE(millis_of(id), after) << id;
}

TEST(OrderedId, IdsMadeLaterSortLaterAndIdsOfOneMillisecondDiffer) {
  std::vector<std::string> ids;
  for (int i = 0; i < 2000; ++i) {
    ids.push_back(ordered_id());
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(2));
  const auto later = ordered_id();
  for (size_t i = 1; i < ids.size(); ++i) {
    EXPECT_LE(ids[i - 1].substr(0, 9), ids[i].substr(0, 9)) << "at " << i;
  }
  EXPECT_GT(later, *std::max_element(ids.begin(), ids.end()));
  std::sort(ids.begin(), ids.end());
  EXPECT_EQ(std::adjacent_find(ids.begin(), ids.end()), ids.end()) << "55 random bits after the time";
}

} // namespace
} // namespace patronage::util
