#pragma once
// Helpers of the bulk-read tests (issue 20): a full observation as the cycle
// makes it, and the requests it saves printed as docs/performance.md quotes
// them. Included after the binary's harness (Harness, paths).
#include <gtest/gtest.h>

#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "tests/support/fault_proxy.h"

namespace driftless::testing::bulk {

using Calls = std::map<std::string, std::uint64_t>;

// A full observation of `ds` begins: the batch expects each of them, as the
// cycle fills it before the observes.
inline void expectAll(Harness& h, const std::vector<Desired>& ds) {
  h.observeBatch().clear();
  for (const auto& d : ds)
    h.observeBatch().expect(d.type, d.physicalId);
}

// A full observation of `ds` (as the cycle fills the batch), each observed
// and compared with its manifest: returns how many exist.
inline int observeAll(Harness& h, const std::vector<Desired>& ds) {
  expectAll(h, ds);
  int exist = 0;
  for (const auto& d : ds) {
    Observed live = h.observe(d);
    if (!live.exists) continue;
    ++exist;
    EXPECT_EQ(live.physicalId, d.physicalId);
    EXPECT_TRUE(h.p().diff(d, live).empty())
        << d.physicalId << ": " << ::testing::PrintToString(paths(h.p().diff(d, live)));
  }
  return exist;
}

// A full observation of `ds` through `proxy` whose JSON listing `target`
// ("ListAliases") is refused once (AccessDenied): every resource still
// observed, and the calls it took (the refused listing, then one read each).
inline Calls afterRefusedListing(FaultProxy& proxy, Harness& h, const std::vector<Desired>& ds,
                                 const std::string& target) {
  proxy.failNext({.match = {.target = target},
                  .fault = Fault::Status,
                  .status = 400,
                  .code = "AccessDeniedException"});
  h.resetStats();
  EXPECT_EQ(observeAll(h, ds), static_cast<int>(ds.size()));
  EXPECT_EQ(proxy.faultsInjected(), 1u);
  return h.calls();
}

// The ownership tags the harness's resource `logicalId` carries, as the
// Tagging API answers them.
inline std::string ownershipTagsJson(const std::string& logicalId) {
  return R"([{"Key": "driftless:controller", "Value": "ctl-test"},
      {"Key": "driftless:environment", "Value": "dev"}, {"Key": "driftless:stack", "Value": "app"},
      {"Key": "driftless:logical-id", "Value": ")" +
         logicalId + R"("}])";
}

inline void removeAll(Harness& h, const std::vector<Desired>& ds) {
  for (const auto& d : ds)
    h.remove(d, Observed{});
}

// The same resources observed as before issue 20 (no batch, no tag
// snapshot: one read per resource and setting), printed against `bulk`
// requests of the bulk observation (`k` of them the tag listing's pages), as
// docs/performance.md quotes it.
inline void printRatio(Harness& h, const std::vector<Desired>& ds, std::uint64_t bulk,
                       std::uint64_t k) {
  h.clearTagSnapshot();
  h.observeBatch().clear();
  h.resetStats();
  for (const auto& d : ds)
    EXPECT_TRUE(h.observe(d).exists) << d.physicalId;
  const std::uint64_t one = h.stats().total();
  const double n = static_cast<double>(ds.size());
  std::printf(
      "%s, %zu resources, no-op observe: one by one %llu requests (%.2f per resource); in bulk "
      "%llu (%.2f per resource, %llu of them the Tagging API listing); %.1fx fewer\n",
      ds.front().type.c_str(), ds.size(), static_cast<unsigned long long>(one), one / n,
      static_cast<unsigned long long>(bulk), bulk / n, static_cast<unsigned long long>(k),
      bulk ? static_cast<double>(one) / static_cast<double>(bulk) : 0.0);
}

}  // namespace driftless::testing::bulk
