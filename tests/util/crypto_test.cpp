// util/crypto: the base64 the API's uploads arrive in, and the shape of record ids.
#include "util/crypto.hpp"

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

} // namespace
} // namespace patronage::util
