#include "domain/similarity.hpp"

#include <gtest/gtest.h>

namespace patronage::domain {
namespace {

TEST(SimilarityEditDistance, CountsSingleEdits) {
  EXPECT_EQ(edit_distance("", ""), 0u);
  EXPECT_EQ(edit_distance("abc", ""), 3u);
  EXPECT_EQ(edit_distance("", "abc"), 3u);
  EXPECT_EQ(edit_distance("sokolov", "sokolov"), 0u);
  EXPECT_EQ(edit_distance("sokolov", "sakolov"), 1u);          // substitution
  EXPECT_EQ(edit_distance("aleksandrova", "alesandrova"), 1u); // deletion
  EXPECT_EQ(edit_distance("viktor", "vitkor"), 1u);            // adjacent swap
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3u);
}

TEST(SimilarityEditDistance, IsOptimalStringAlignmentNotFullDamerau) {
  // Full Damerau–Levenshtein gives 2 (swap, then insert between); OSA may not edit a swapped pair again.
  EXPECT_EQ(edit_distance("ca", "abc"), 3u);
}

TEST(SimilarityEditDistance, IsSymmetric) {
  EXPECT_EQ(edit_distance("ekaterina", "ekateiran"), edit_distance("ekateiran", "ekaterina"));
  EXPECT_EQ(edit_distance("polina", "alina"), edit_distance("alina", "polina"));
  EXPECT_EQ(edit_distance("polina", "alina"), 2u);
}

TEST(SimilarityScore, NormalisesByTheLongerString) {
  EXPECT_DOUBLE_EQ(similarity("", ""), 1.0);
  EXPECT_DOUBLE_EQ(similarity("anna", "anna"), 1.0);
  EXPECT_DOUBLE_EQ(similarity("abc", "xyz"), 0.0);
  EXPECT_DOUBLE_EQ(similarity("abc", ""), 0.0);
  EXPECT_DOUBLE_EQ(similarity("sokolov", "sakolov"), 1.0 - 1.0 / 7.0);
  EXPECT_DOUBLE_EQ(similarity("ivanov", "ivanova"), 1.0 - 1.0 / 7.0);
}

} // namespace
} // namespace patronage::domain
