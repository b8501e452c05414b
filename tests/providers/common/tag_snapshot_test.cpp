// splitListings (providers/common/tag_snapshot.h): which independent Tagging
// API listings cover an observation's resources.
#include "providers/common/tag_snapshot.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace driftless::common {
namespace {

using Types = std::vector<std::string>;

// A few resources: one listing of every type, no stack filter (the request a
// small environment made before the split).
TEST(TagListings, FewResourcesAreOneListingOfEveryType) {
  TagCounts counts{{"s3", {{"app", 3}}}, {"sqs", {{"app", 2}, {"data", 4}}}};
  EXPECT_EQ(splitListings(counts), (std::vector<TagListing>{TagListing{Types{"s3", "sqs"}, {}}}));
  EXPECT_TRUE(splitListings({}).empty());
}

// Many: small types share a listing, a large type is split into groups of
// whole stacks of about equal size; every (type, stack) is covered once.
TEST(TagListings, ALargeTypeIsSplitByGroupsOfStacks) {
  TagCounts counts;
  for (int s = 0; s < 10; ++s)
    counts["sqs"]["stack" + std::to_string(s)] = 50;  // 500 queues
  counts["sns"]["stack0"] = 30;
  counts["s3"]["stack0"] = 40;
  auto listings = splitListings(counts, 200);
  ASSERT_EQ(listings.size(), 5u);  // groups of at most 500 / 3 queues: 150, 150, 150, 50
  // std::map order: s3, sns, sqs
  EXPECT_EQ(listings[0], (TagListing{Types{"s3", "sns"}, {}}));
  std::size_t queues = 0;
  std::vector<std::string> stacks;
  for (std::size_t i = 1; i < listings.size(); ++i) {
    EXPECT_EQ(listings[i].resourceTypes, Types{"sqs"});
    EXPECT_LE(listings[i].stacks.size() * 50, 167u);
    for (const auto& s : listings[i].stacks) {
      stacks.push_back(s);
      queues += 50;
    }
  }
  EXPECT_EQ(queues, 500u);
  EXPECT_EQ(stacks.size(), 10u);
}

// A large type in one stack: one listing of it, without a stack filter; more
// stacks than one tag filter may name (AWS takes 20 values) make more groups.
TEST(TagListings, OneStackNeedsNoFilterAndAFilterNamesAtMost20Stacks) {
  EXPECT_EQ(splitListings(TagCounts{{"dynamodb:table", {{"big", 900}}}}, 200),
            (std::vector<TagListing>{TagListing{Types{"dynamodb:table"}, {}}}));
  TagCounts many;
  for (int s = 0; s < 45; ++s)
    many["sqs"]["s" + std::to_string(100 + s)] = 5;  // 225 queues in 45 stacks
  auto listings = splitListings(many, 200);
  std::size_t stacks = 0;
  for (const auto& l : listings) {
    EXPECT_LE(l.stacks.size(), kStacksPerListing);
    EXPECT_FALSE(l.stacks.empty());
    stacks += l.stacks.size();
  }
  EXPECT_EQ(stacks, 45u);
  EXPECT_GE(listings.size(), 3u);
}

}  // namespace
}  // namespace driftless::common
