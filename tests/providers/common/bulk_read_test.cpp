// The bulk-read cost model (providers/common/bulk_read.h): per observation
// and listing, one listing only when it takes fewer requests than one read per
// managed resource, with the account's size learned from the previous listing.
#include "providers/common/bulk_read.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "providers/common/observe_batch.h"

namespace driftless::common {
namespace {

TEST(BulkCost, ListsOnlyWhenTheListingTakesFewerRequestsThanOneReadEach) {
  // The case: 3 Lambda functions managed in an account of 2,000
  // (40 pages of 50) are read one by one; 100 of them are listed.
  EXPECT_EQ(listingRequests({.managed = 3, .pageSize = 50, .listed = 2000}), 40u);
  EXPECT_FALSE(bulkIsCheaper({.managed = 3, .pageSize = 50, .listed = 2000}));
  EXPECT_FALSE(bulkIsCheaper({.managed = 40, .pageSize = 50, .listed = 2000}));
  EXPECT_TRUE(bulkIsCheaper({.managed = 41, .pageSize = 50, .listed = 2000}));
  // An account of 60 functions: 2 pages, cheaper than 3 reads.
  EXPECT_TRUE(bulkIsCheaper({.managed = 3, .pageSize = 50, .listed = 60}));
  EXPECT_FALSE(bulkIsCheaper({.managed = 2, .pageSize = 50, .listed = 60}));
  // One resource is never listed; nothing managed, nothing read.
  EXPECT_FALSE(bulkIsCheaper({.managed = 1, .pageSize = 50, .listed = 1}));
  EXPECT_FALSE(bulkIsCheaper({.managed = 0, .pageSize = 50, .listed = 0}));
  // The listing covers at least the managed resources (a learned count may be
  // older than resources created since).
  EXPECT_EQ(listingRequests({.managed = 120, .pageSize = 50, .listed = 10}), 3u);
}

TEST(BulkCost, BeforeAnyListingTheAccountIsAssumedToHoldTenPages) {
  EXPECT_EQ(listingRequests({.managed = 3, .pageSize = 50}), kAssumedPages);
  EXPECT_FALSE(bulkIsCheaper({.managed = 3, .pageSize = 50})) << "first cycle, few: one by one";
  EXPECT_FALSE(bulkIsCheaper({.managed = kAssumedPages, .pageSize = 50}));
  EXPECT_TRUE(bulkIsCheaper({.managed = kAssumedPages + 1, .pageSize = 50}))
      << "first cycle, many: listed";
  EXPECT_EQ(listingRequests({.managed = 2000, .pageSize = 50}), 40u);
}

TEST(BulkCost, ReadsByIdsCostOneRequestPerPageOfManagedIds) {
  // SSM GetParameters (10 names a call): the listing covers exactly the managed.
  EXPECT_EQ(listingRequests({.managed = 25, .pageSize = 10, .listed = 25}), 3u);
  EXPECT_TRUE(bulkIsCheaper({.managed = 2, .pageSize = 10, .listed = 2}));
  EXPECT_FALSE(bulkIsCheaper({.managed = 1, .pageSize = 10, .listed = 1}));
}

TEST(BulkCost, CommonPrefixOfNames) {
  EXPECT_EQ(commonPrefix({"/app/a", "/app/b", "/app/bc"}), "/app/");
  EXPECT_EQ(commonPrefix({"/app/a"}), "/app/a");
  EXPECT_EQ(commonPrefix({"a", "b"}), "");
  EXPECT_EQ(commonPrefix({}), "");
}

TEST(BulkCost, TheExpectedIdsPrefixOncePerObservation) {
  asio::io_context io;
  ProviderContext ctx;
  ctx.observeBatch = std::make_shared<ObserveBatch>();
  auto prefix = [&] {
    std::string out = "unset";
    asio::co_spawn(
        io,
        [&]() -> Awaitable<void> {
          const std::string type = "AWS::Logs::LogGroup";
          out = co_await expectedPrefix(ctx, type);
        },
        asio::detached);
    io.restart();
    io.run();
    return out;
  };
  EXPECT_EQ(prefix(), "") << "no full observation";
  ctx.observeBatch->expect("AWS::Logs::LogGroup", "/app/orders");
  ctx.observeBatch->expect("AWS::Logs::LogGroup", "/app/payments");
  EXPECT_EQ(prefix(), "/app/");
  ctx.observeBatch->clear();
  ctx.observeBatch->expect("AWS::Logs::LogGroup", "/other/x");
  EXPECT_EQ(prefix(), "/other/x") << "the next observation computes it afresh";
}

// bulkFind over a listing of names: one decision and one listing per
// observation, the size learned for the next, absence for a name not listed.
TEST(BulkFind, DecidesOncePerObservationAndLearnsTheListingsSize) {
  asio::io_context io;
  ProviderContext ctx;
  ctx.observeBatch = std::make_shared<ObserveBatch>();
  std::vector<std::string> account;
  for (int i = 0; i < 30; ++i)
    account.push_back("fn-" + std::to_string(i));
  int pages = 0;
  BulkSource source{.type = "AWS::Lambda::Function", .scope = "lambda:functions", .pageSize = 20};
  source.page = [&](const std::string& token,
                    const std::vector<std::string>&) -> Awaitable<Result<ListedPage>> {
    ++pages;
    ListedPage page;
    const std::size_t from = token.empty() ? 0 : std::stoul(token);
    for (std::size_t i = from; i < std::min(account.size(), from + 20); ++i)
      page.items.push_back(Value(account[i]));
    if (from + 20 < account.size()) page.next = std::to_string(from + 20);
    co_return page;
  };
  source.idOf = [](const Value& v) { return v.asString(); };
  // Observes `names`, returning how many were found in the listing (-1: read on its own).
  auto observe = [&](const std::vector<std::string>& names) {
    ctx.observeBatch->clear();
    for (const auto& n : names)
      ctx.observeBatch->expect(source.type, n);
    std::vector<int> out;
    asio::co_spawn(
        io,
        [&]() -> Awaitable<void> {
          for (const auto& n : names) {
            auto found = co_await bulkFind(ctx, source, n);
            out.push_back(!found ? -1 : found->item ? 1 : 0);
          }
        },
        asio::detached);
    io.restart();
    io.run();
    return out;
  };
  std::vector<std::string> few = {"fn-1", "fn-2", "fn-3"};
  EXPECT_EQ(observe(few), (std::vector<int>{-1, -1, -1})) << "first cycle, 3: one by one";
  EXPECT_EQ(pages, 0);

  std::vector<std::string> many;
  for (int i = 0; i < 12; ++i)
    many.push_back("fn-" + std::to_string(i * 2));
  many.push_back("fn-gone");
  auto seen = observe(many);
  EXPECT_EQ(pages, 2) << "13 managed: listed once (2 pages), whoever asks";
  EXPECT_EQ(seen.front(), 1);
  EXPECT_EQ(seen.back(), 0) << "not listed: absent";
  EXPECT_EQ(ctx.observeBatch->learned("lambda:functions"), 30u);

  pages = 0;
  EXPECT_EQ(observe(few), (std::vector<int>{1, 1, 1})) << "an account of 30: 2 pages < 3 reads";
  EXPECT_EQ(pages, 2);

  ctx.observeBatch->clear();
  pages = 0;
  std::vector<int> targeted;
  asio::co_spawn(
      io,
      [&]() -> Awaitable<void> {
        const std::string name = "fn-1";
        auto found = co_await bulkFind(ctx, source, name);
        targeted.push_back(found ? 1 : -1);
      },
      asio::detached);
  io.restart();
  io.run();
  EXPECT_EQ(targeted, (std::vector<int>{-1})) << "not expected (a targeted cycle): on its own";
  EXPECT_EQ(pages, 0);
}

TEST(BulkFind, AFailedListingLeavesEveryResourceToItsOwnRead) {
  asio::io_context io;
  ProviderContext ctx;
  ctx.observeBatch = std::make_shared<ObserveBatch>();
  int pages = 0;
  BulkSource source{.type = "AWS::SSM::Parameter", .scope = "ssm", .pageSize = 10, .byIds = true};
  source.page = [&](const std::string&,
                    const std::vector<std::string>& ids) -> Awaitable<Result<ListedPage>> {
    ++pages;
    EXPECT_LE(ids.size(), 10u);
    co_return std::unexpected(Error::make(ErrorKind::Transient, "throttled"));
  };
  source.idOf = [](const Value& v) { return v.asString(); };
  for (int i = 0; i < 15; ++i)
    ctx.observeBatch->expect(source.type, "p" + std::to_string(i));
  int own = 0;
  asio::co_spawn(
      io,
      [&]() -> Awaitable<void> {
        for (int i = 0; i < 15; ++i) {
          const std::string name = "p" + std::to_string(i);
          if (!co_await bulkFind(ctx, source, name)) ++own;
        }
      },
      asio::detached);
  io.run();
  EXPECT_EQ(pages, 1) << "the first page failed: tried once per observation";
  EXPECT_EQ(own, 15);
}

// A provider of one property, State, for listedOrRead: its diff is the
// default one, by schema.
class StateProvider final : public Provider {
 public:
  StateProvider() { info_.properties = {PropertySpec::string("State")}; }
  const TypeInfo& info() const override { return info_; }
  Awaitable<Result<Observed>> observe(const Desired&) override { co_return Observed{}; }
  Awaitable<Result<Observed>> create(const Desired&) override { co_return Observed{}; }
  Awaitable<Result<Observed>> update(const Desired&, const Observed&, const Delta&) override {
    co_return Observed{};
  }
  Awaitable<Result<void>> remove(const Desired&, const Observed&) override {
    co_return Result<void>{};
  }

 private:
  TypeInfo info_{.type = "AWS::Events::Rule"};
};

Observed withState(const std::string& state) {
  Observed o;
  o.exists = true;
  o.properties["State"] = Value(state);
  return o;
}

// A listing that lags writes: only an item that agrees with the manifest
// answers; a drifted or missing one is confirmed by the resource's own read.
TEST(ListedOrRead, TheListingAnswersOnlyWhatAgreesWithTheManifest) {
  asio::io_context io;
  ProviderContext ctx;
  ctx.observeBatch = std::make_shared<ObserveBatch>();
  const StateProvider provider;
  int pages = 0;
  BulkSource source{.type = "AWS::Events::Rule", .scope = "events:rules", .pageSize = 100};
  source.page = [&](const std::string&,
                    const std::vector<std::string>&) -> Awaitable<Result<ListedPage>> {
    ++pages;
    ListedPage page;
    for (auto [name, state] : {std::pair{"a", "ENABLED"}, std::pair{"b", "DISABLED"}}) {
      Value item = Value::object();
      item["Name"] = Value(name);
      item["State"] = Value(state);
      page.items.push_back(std::move(item));
    }
    co_return page;
  };
  source.idOf = idField("Name");
  std::vector<std::string> read;  // the names read on their own
  const std::vector<std::string> names = {"a", "b", "c"};
  for (const auto& n : names)
    ctx.observeBatch->expect(source.type, n);
  ctx.observeBatch->learn("events:rules", 2);  // one page: cheaper than 3 reads
  std::vector<Observed> seen;
  asio::co_spawn(
      io,
      [&]() -> Awaitable<void> {
        for (const auto& n : names) {
          Desired desired;
          desired.type = source.type;
          desired.properties["State"] = Value("ENABLED");
          const ItemObserver fromItem = [](const Value& item) -> Awaitable<Result<Observed>> {
            co_return withState(item.find("State")->asString());
          };
          const OwnRead own = [&read, n]() -> Awaitable<Result<Observed>> {
            read.push_back(n);
            co_return n == "c" ? Observed{} : withState("DISABLED");
          };
          auto o = co_await listedOrRead(ctx, source, provider, desired, n, fromItem, own);
          seen.push_back(o ? *o : Observed{});
        }
      },
      asio::detached);
  io.run();
  EXPECT_EQ(pages, 1);
  ASSERT_EQ(seen.size(), 3u);
  EXPECT_TRUE(seen[0].exists) << "listed and agreeing: from the listing";
  EXPECT_EQ(seen[1].properties["State"].asString(), "DISABLED") << "drift confirmed by its read";
  EXPECT_FALSE(seen[2].exists) << "not listed: absent once its read says so";
  EXPECT_EQ(read, (std::vector<std::string>{"b", "c"}));
}

}  // namespace
}  // namespace driftless::common
