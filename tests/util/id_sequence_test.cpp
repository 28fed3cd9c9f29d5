// util/id_sequence: ids of one bulk load that follow each other in byte order.
#include "util/id_sequence.hpp"

#include <algorithm>
#include <set>

#include <gtest/gtest.h>

#include "util/crypto.hpp"

namespace patronage::util {
namespace {

TEST(IdSequence, IdsHaveTheShapeOfRandomIdsAndFollowEachOtherInByteOrder) {
  IdSequence ids;
  std::vector<std::string> made;
  for (int i = 0; i < 3000; ++i) { // past 32 and 1,024: the counter carries into its second and third characters
    made.push_back(ids.next());
  }
  for (const auto& id : made) {
    EXPECT_TRUE(looks_like_random_id(id)) << id;
  }
  EXPECT_TRUE(std::is_sorted(made.begin(), made.end()));
  EXPECT_EQ(std::set<std::string>(made.begin(), made.end()).size(), made.size());
}

TEST(IdSequence, NeighboursDifferInTheirRandomTailAndSequencesInTheirPrefix) {
  IdSequence one;
  IdSequence two;
  const auto a = one.next();
  const auto b = one.next();
  EXPECT_EQ(a.substr(0, 6), b.substr(0, 6));
  EXPECT_NE(a.substr(12), b.substr(12)) << "the tail is drawn for each id";
  EXPECT_NE(a.substr(0, 6), two.next().substr(0, 6)) << "each sequence draws its own prefix";
}

} // namespace
} // namespace patronage::util
