// Repository against real repositories on disk (file:// and plain paths):
// fetch, resolve, snapshot, force-push, deleted branch, damaged cache, sharing.
#include "gitsource/repository.h"

#include <gtest/gtest.h>

#include <barrier>
#include <fstream>
#include <sstream>
#include <thread>

#include "tests/gitsource/log_capture.h"
#include "tests/support/git_peer.h"
#include "tests/support/peer.h"

namespace driftless::gitsource {
namespace {

namespace fs = std::filesystem;
using driftless::testing::GitChange;
using driftless::testing::GitRemote;
using driftless::testing::LogCapture;
using driftless::testing::TempDir;

const std::string kQueue = "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n";

class RepositoryTest : public ::testing::Test {
 protected:
  TempDir tmp;
  GitRemote remote{tmp.path()};
  fs::path cacheRoot = tmp.path() / "data" / "git";

  std::shared_ptr<Repository> open(SourceOptions options = {}) {
    if (options.url.empty()) options.url = remote.fileUrl();
    options.cacheRoot = cacheRoot;
    auto repo = Repository::open(options);
    EXPECT_TRUE(repo.has_value()) << (repo ? "" : repo.error().message);
    return repo ? *repo : nullptr;
  }

  std::string seedDev() {
    return remote.commit("env/dev", {{"manifests/orders.yaml", kQueue},
                                     {"manifests/parameters/dev.yaml", "Retention: 60\n"}});
  }
};

TEST_F(RepositoryTest, FetchResolvesBranchAndNoOpFetchIsUnchanged) {
  std::string c1 = seedDev();
  auto repo = open();
  ASSERT_TRUE(repo);
  auto f1 = repo->fetch({"env/dev"});
  ASSERT_TRUE(f1) << f1.error().message;
  EXPECT_EQ(f1->heads.at("env/dev"), c1);
  EXPECT_TRUE(f1->changed);
  ASSERT_EQ(f1->updates.size(), 1u);
  EXPECT_EQ(f1->updates[0].previous, "");
  EXPECT_FALSE(f1->updates[0].forced);

  auto f2 = repo->fetch({"env/dev"}, /*reuseRecent=*/false);
  ASSERT_TRUE(f2) << f2.error().message;
  EXPECT_FALSE(f2->changed);
  EXPECT_EQ(f2->heads.at("env/dev"), c1);
  EXPECT_EQ(repo->fetchCount(), 2u);

  EXPECT_EQ(repo->resolve("env/dev").value(), c1);
  EXPECT_EQ(repo->resolve(c1.substr(0, 10)).value(), c1);
  EXPECT_FALSE(repo->movedSince("env/dev", c1).value());
  EXPECT_TRUE(repo->movedSince("env/dev", std::string(40, '0')).value());
  auto missing = repo->resolve("env/none");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().kind, ErrorKind::NotFound);
}

TEST_F(RepositoryTest, PlainPathSourceWorksLikeFileUrl) {
  std::string c1 = seedDev();
  SourceOptions o;
  o.url = remote.barePath().string();
  auto repo = open(o);
  ASSERT_TRUE(repo);
  auto f = repo->fetch({"env/dev"});
  ASSERT_TRUE(f) << f.error().message;
  EXPECT_EQ(f->heads.at("env/dev"), c1);
}

TEST_F(RepositoryTest, SnapshotReadsManifestsOfThePathAndEnvironment) {
  GitChange change;
  change.write = {{"manifests/orders.yaml", kQueue},
                  {"manifests/billing.yml", kQueue},
                  {"manifests/README.md", "not a manifest"},
                  {"manifests/notes.txt", "{}"},
                  {"manifests/network.json", "{\"Resources\": {}}"},
                  {"manifests/legacy.template", "Resources: {}\n"},
                  {"manifests/nested/extra.yaml", kQueue},
                  {"manifests/parameters/dev.yaml", "Retention: 60\n"},
                  {"manifests/parameters/prod.yaml", "Retention: 600\n"},
                  {"other/ignored.yaml", kQueue}};
  change.message = "Add orders queue\n\nLonger body.";
  change.author = "Dana Dev <dana@example.com>";
  std::string c1 = remote.commit("env/dev", change);
  auto repo = open();
  ASSERT_TRUE(repo);
  ASSERT_TRUE(repo->fetch({"env/dev"}));

  auto snap = repo->snapshot(c1, "manifests", "dev");
  ASSERT_TRUE(snap) << snap.error().message;
  EXPECT_EQ(snap->commit, c1);
  EXPECT_EQ(snap->shortCommit, c1.substr(0, 7));
  EXPECT_EQ(snap->author, "Dana Dev <dana@example.com>");
  EXPECT_EQ(snap->subject, "Add orders queue");
  EXPECT_GT(snap->commitTime, 1700000000);
  EXPECT_EQ(snap->path, "manifests");
  std::vector<std::string> paths;
  for (const auto& f : snap->files)
    paths.push_back(f.path);
  EXPECT_EQ(paths, (std::vector<std::string>{"billing.yml", "legacy.template", "network.json",
                                             "orders.yaml", "parameters/dev.yaml"}));
  EXPECT_EQ(snap->files[3].content, kQueue);
  ASSERT_NE(snap->parameters(), nullptr);
  EXPECT_EQ(snap->parameters()->content, "Retention: 60\n");

  // The same path spelled differently, and an environment without parameters.
  auto again = repo->snapshot("env/dev", "./manifests/", "test");
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_EQ(again->files.size(), 4u);
  EXPECT_EQ(again->parameters(), nullptr);
  // The cache is bare: nothing was checked out.
  EXPECT_FALSE(fs::exists(repo->cacheDir() / "manifests"));
}

TEST_F(RepositoryTest, SnapshotErrorsNameThePathAndCommit) {
  std::string c1 = remote.commit("env/dev", {{"manifests/orders.yaml", kQueue}, {"file", "x"}});
  auto repo = open();
  ASSERT_TRUE(repo);
  ASSERT_TRUE(repo->fetch({"env/dev"}));
  struct Case {
    const char* why;
    std::string commit, path;
    ErrorKind kind;
    std::vector<std::string> mentions;
  } cases[] = {
      {"path missing", c1, "deploy", ErrorKind::Invalid, {"'deploy'", c1.substr(0, 7)}},
      {"path is a file", c1, "file", ErrorKind::Invalid, {"'file'", "not a folder"}},
      {"unknown commit",
       std::string(40, 'a'),
       "manifests",
       ErrorKind::NotFound,
       {std::string(40, 'a')}},
  };
  for (const auto& c : cases) {
    auto snap = repo->snapshot(c.commit, c.path, "dev");
    ASSERT_FALSE(snap) << c.why;
    EXPECT_EQ(snap.error().kind, c.kind) << c.why;
    for (const auto& m : c.mentions)
      EXPECT_NE(snap.error().message.find(m), std::string::npos)
          << c.why << ": " << snap.error().message;
  }
}

TEST_F(RepositoryTest, HugeFileIsRefusedWithoutLoading) {
  std::string big(std::size_t{11} << 20, 'x');
  std::string c1 = remote.commit("env/dev", {{"manifests/orders.yaml", kQueue},
                                             {"manifests/huge.yaml", big},
                                             {"manifests/huge.bin", big}});
  auto repo = open();
  ASSERT_TRUE(repo);
  ASSERT_TRUE(repo->fetch({"env/dev"}));
  auto snap = repo->snapshot(c1, "manifests", "dev");
  ASSERT_FALSE(snap);
  EXPECT_EQ(snap.error().kind, ErrorKind::Invalid);
  EXPECT_NE(snap.error().message.find("manifests/huge.yaml"), std::string::npos)
      << snap.error().message;
  EXPECT_NE(snap.error().message.find("11534336 bytes"), std::string::npos) << snap.error().message;
  EXPECT_NE(snap.error().message.find("10485760"), std::string::npos) << snap.error().message;
  // A non-manifest file of that size is not even looked at.
  auto root = repo->snapshot(c1, "", "dev");
  EXPECT_TRUE(root) << root.error().message;
}

TEST_F(RepositoryTest, ForcePushUsesNewHeadAndSaysOldHeadIsNoLongerAnAncestor) {
  remote.commit("env/dev", {{"manifests/orders.yaml", kQueue}}, "first");
  std::string c2 = remote.commit("env/dev", {{"manifests/billing.yaml", kQueue}}, "second");
  auto repo = open();
  ASSERT_TRUE(repo);
  ASSERT_TRUE(repo->fetch({"env/dev"}));
  GitChange change;
  change.write = {{"manifests/rewritten.yaml", kQueue}};
  change.message = "rewritten";
  std::string c3 = remote.rewrite("env/dev", change);
  ASSERT_FALSE(c3.empty());

  LogCapture log;
  auto f = repo->fetch({"env/dev"}, false);
  ASSERT_TRUE(f) << f.error().message;
  EXPECT_EQ(f->heads.at("env/dev"), c3);
  ASSERT_EQ(f->updates.size(), 1u);
  EXPECT_TRUE(f->updates[0].forced);
  EXPECT_EQ(f->updates[0].previous, c2);
  ASSERT_EQ(f->notices.size(), 1u);
  EXPECT_NE(f->notices[0].find("force-pushed"), std::string::npos) << f->notices[0];
  EXPECT_NE(f->notices[0].find(c2.substr(0, 7) + " is no longer an ancestor"), std::string::npos)
      << f->notices[0];
  EXPECT_NE(log.text().find("is no longer an ancestor"), std::string::npos) << log.text();
  EXPECT_FALSE(repo->isAncestor(c2, c3).value());
  auto snap = repo->snapshot(f->heads.at("env/dev"), "manifests", "dev");
  ASSERT_TRUE(snap) << snap.error().message;
  std::vector<std::string> paths;
  for (const auto& file : snap->files)
    paths.push_back(file.path);
  EXPECT_EQ(paths, (std::vector<std::string>{"orders.yaml", "rewritten.yaml"}));
}

TEST_F(RepositoryTest, FastForwardIsNotReportedAsForced) {
  std::string c1 = seedDev();
  auto repo = open();
  ASSERT_TRUE(repo);
  ASSERT_TRUE(repo->fetch({"env/dev"}));
  std::string c2 = remote.commit("env/dev", {{"manifests/b.yaml", kQueue}});
  auto f = repo->fetch({"env/dev"}, false);
  ASSERT_TRUE(f);
  ASSERT_EQ(f->updates.size(), 1u);
  EXPECT_EQ(f->updates[0].previous, c1);
  EXPECT_EQ(f->updates[0].current, c2);
  EXPECT_FALSE(f->updates[0].forced);
  EXPECT_TRUE(f->notices.empty());
  EXPECT_TRUE(repo->isAncestor(c1, c2).value());
}

TEST_F(RepositoryTest, DeletedBranchIsAnErrorAndOtherBranchesStillWork) {
  std::string dev = seedDev();
  std::string prod = remote.commit("env/prod", {{"manifests/orders.yaml", kQueue}});
  auto repo = open();
  ASSERT_TRUE(repo);
  ASSERT_TRUE(repo->fetch({"env/dev", "env/prod"}));
  remote.deleteBranch("env/dev");

  auto f = repo->fetch({"env/dev"}, false);
  ASSERT_FALSE(f);
  EXPECT_EQ(f.error().kind, ErrorKind::NotFound);
  EXPECT_NE(f.error().message.find("branch env/dev not found"), std::string::npos)
      << f.error().message;
  EXPECT_NE(f.error().message.find(remote.fileUrl()), std::string::npos) << f.error().message;
  // The deleted branch no longer resolves, but the commit last applied from it
  // is still readable (the caller's last state stays usable).
  EXPECT_FALSE(repo->resolve("env/dev"));
  EXPECT_TRUE(repo->snapshot(dev, "manifests", "dev"));
  auto p = repo->fetch({"env/prod"}, false);
  ASSERT_TRUE(p) << p.error().message;
  EXPECT_EQ(p->heads.at("env/prod"), prod);
}

TEST_F(RepositoryTest, FetchRevisionFindsTagsAndBranches) {
  std::string c1 = seedDev();
  remote.commit("env/dev", {{"manifests/b.yaml", kQueue}});
  remote.tag("v1", c1);
  remote.commit("release", {{"manifests/r.yaml", kQueue}});
  auto repo = open();
  ASSERT_TRUE(repo);
  ASSERT_TRUE(repo->fetch({"env/dev"}));
  auto tag = repo->fetchRevision("v1");
  ASSERT_TRUE(tag) << tag.error().message;
  EXPECT_EQ(*tag, c1);
  EXPECT_EQ(repo->resolve("v1").value(), c1);
  auto branch = repo->fetchRevision("release");
  ASSERT_TRUE(branch) << branch.error().message;
  EXPECT_EQ(*branch, remote.head("release"));
  EXPECT_EQ(repo->fetchRevision(c1.substr(0, 8)).value(), c1);
  auto none = repo->fetchRevision("nope");
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().kind, ErrorKind::NotFound);
}

// Damage the cache the ways a crash or a full disk does; each is detected,
// logged, re-cloned, and the fetch succeeds.
TEST_F(RepositoryTest, DamagedCacheIsDetectedAndRecloned) {
  std::string c1 = seedDev();
  struct Case {
    const char* why;
    std::function<void(const fs::path&)> damage;
  } cases[] = {
      {"truncated ref",
       [](const fs::path& dir) { fs::resize_file(dir / "refs/remotes/origin/env/dev", 0); }},
      {"truncated objects",
       [](const fs::path& dir) {
         for (const auto& e : fs::recursive_directory_iterator(dir / "objects"))
           if (e.is_regular_file()) fs::resize_file(e.path(), 0);
       }},
      {"half-written directory",
       [](const fs::path& dir) {
         fs::remove_all(dir);
         fs::create_directories(dir / "objects");
         std::ofstream(dir / "config") << "[core\n";
       }},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.why);
    fs::remove_all(cacheRoot);
    {
      auto repo = open();
      ASSERT_TRUE(repo);
      ASSERT_TRUE(repo->fetch({"env/dev"}));
      c.damage(repo->cacheDir());
      LogCapture log;
      auto f = repo->fetch({"env/dev"}, false);
      ASSERT_TRUE(f) << f.error().message;
      EXPECT_EQ(f->heads.at("env/dev"), c1);
      EXPECT_NE(log.text().find("is damaged"), std::string::npos) << log.text();
      EXPECT_TRUE(repo->snapshot(c1, "manifests", "dev"));
    }
    // Also when the damage is found by open() (a restart after a crash).
    {
      auto repo = open();
      ASSERT_TRUE(repo);
      c.damage(repo->cacheDir());
      LogCapture log;
      auto again = open();
      ASSERT_TRUE(again);
      auto f = again->fetch({"env/dev"}, false);
      ASSERT_TRUE(f) << f.error().message;
      EXPECT_EQ(f->heads.at("env/dev"), c1);
      EXPECT_TRUE(again->snapshot(c1, "manifests", "dev"));
    }
  }
}

TEST_F(RepositoryTest, DamagedBlobFoundBySnapshotIsReclonedOnNextFetch) {
  std::string c1 = seedDev();
  auto repo = open();
  ASSERT_TRUE(repo);
  ASSERT_TRUE(repo->fetch({"env/dev"}));
  // Garble the compressed bytes of orders.yaml's blob inside the pack: refs,
  // commits and trees stay readable, only reading that file fails.
  int rc = 0;
  std::string blob = GitRemote::git(
      {"-C", remote.barePath().string(), "rev-parse", c1 + ":manifests/orders.yaml"}, &rc);
  ASSERT_EQ(rc, 0);
  blob.resize(40);
  fs::path pack, idx;
  for (const auto& e : fs::directory_iterator(repo->cacheDir() / "objects/pack")) {
    if (e.path().extension() == ".pack") pack = e.path();
    if (e.path().extension() == ".idx") idx = e.path();
  }
  ASSERT_FALSE(pack.empty()) << "the fetch wrote no pack";
  std::string listing = GitRemote::git({"verify-pack", "-v", idx.string()}, &rc);
  auto at = listing.find(blob);
  ASSERT_NE(at, std::string::npos) << listing;
  std::istringstream line(listing.substr(at, listing.find('\n', at) - at));
  std::string id, type;
  long size = 0, packed = 0, offset = 0;
  line >> id >> type >> size >> packed >> offset;
  ASSERT_GT(packed, 6);
  {
    std::fstream f(pack, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(offset + 3);
    std::string junk(static_cast<size_t>(packed - 4), '\x5a');
    f.write(junk.data(), static_cast<std::streamsize>(junk.size()));
  }
  auto bad = repo->snapshot(c1, "manifests", "dev");
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("manifests/orders.yaml"), std::string::npos)
      << bad.error().message;
  EXPECT_NE(bad.error().message.find("re-cloned"), std::string::npos) << bad.error().message;
  LogCapture log;
  ASSERT_TRUE(repo->fetch({"env/dev"}, false));
  EXPECT_NE(log.text().find("is damaged"), std::string::npos);
  auto good = repo->snapshot(c1, "manifests", "dev");
  ASSERT_TRUE(good) << good.error().message;
  EXPECT_EQ(good->files.size(), 2u);
}

TEST_F(RepositoryTest, TwoEnvironmentsShareOneCacheAndOneFetch) {
  seedDev();
  remote.commit("env/prod", {{"manifests/orders.yaml", kQueue}});
  RepositoryCache cache(cacheRoot);
  SourceOptions o;
  o.url = remote.fileUrl();
  o.fetchReuseWindow = std::chrono::minutes(10);
  auto dev = cache.get(o);
  auto prod = cache.get(o);
  ASSERT_TRUE(dev && prod);
  EXPECT_EQ(dev->get(), prod->get());
  EXPECT_EQ(cache.size(), 1u);
  ASSERT_TRUE((*dev)->fetch({"env/dev"}));
  ASSERT_TRUE((*prod)->fetch({"env/prod"}, false));  // both branches are watched now

  // One cycle: a push to each branch, then dev's fetch and prod's right after.
  std::string newDev = remote.commit("env/dev", {{"manifests/a.yaml", kQueue}});
  std::string newProd = remote.commit("env/prod", {{"manifests/a.yaml", kQueue}});
  std::size_t before = (*dev)->fetchCount();
  auto rd = (*dev)->fetch({"env/dev"}, /*reuseRecent=*/false);
  auto rp = (*prod)->fetch({"env/prod"});
  ASSERT_TRUE(rd && rp);
  EXPECT_EQ(rd->heads.at("env/dev"), newDev);
  EXPECT_FALSE(rd->shared);
  EXPECT_EQ(rp->heads.at("env/prod"), newProd);
  EXPECT_TRUE(rp->shared);
  EXPECT_TRUE(rp->changed);
  EXPECT_EQ((*dev)->fetchCount(), before + 1);
  EXPECT_EQ(std::distance(fs::directory_iterator(cacheRoot), fs::directory_iterator()), 1);
}

TEST_F(RepositoryTest, ConcurrentFetchesOfOneRepositoryAreSharedNotRepeated) {
  seedDev();
  remote.commit("env/prod", {{"manifests/orders.yaml", kQueue}});
  SourceOptions o;
  o.fetchReuseWindow = std::chrono::milliseconds(0);
  auto repo = open(o);
  ASSERT_TRUE(repo);
  ASSERT_TRUE(repo->fetch({"env/dev", "env/prod"}));
  std::string newDev = remote.commit("env/dev", {{"manifests/a.yaml", kQueue}});
  std::size_t before = repo->fetchCount();
  constexpr int kCallers = 4;
  std::barrier sync(kCallers);
  std::vector<Result<FetchResult>> results(kCallers);
  std::vector<std::thread> threads;
  for (int i = 0; i < kCallers; ++i)
    threads.emplace_back([&, i] {
      sync.arrive_and_wait();
      results[i] = repo->fetch({i % 2 ? "env/prod" : "env/dev"}, /*reuseRecent=*/false);
    });
  for (auto& t : threads)
    t.join();
  std::size_t own = 0;
  for (int i = 0; i < kCallers; ++i) {
    ASSERT_TRUE(results[i]) << results[i].error().message;
    if (i % 2 == 0) {
      EXPECT_EQ(results[i]->heads.at("env/dev"), newDev);
    }
    if (!results[i]->shared) ++own;
  }
  // Every network round has exactly one caller that ran it; the others waited
  // for it. (How many rounds there were depends on how the threads interleave.)
  EXPECT_EQ(repo->fetchCount() - before, own);
  EXPECT_GE(own, 1u);
}

TEST(RedactUrlTest, CredentialsNeverShown) {
  struct Case {
    std::string url, shown;
  } cases[] = {
      {"https://git.example.com/acme/infra.git", "https://git.example.com/acme/infra.git"},
      {"https://user:s3cret@git.example.com/x.git", "https://git.example.com/x.git"},
      {"https://ghp_TOKEN@github.com/x.git", "https://github.com/x.git"},
      {"ssh://git@host:2222/x.git", "ssh://git@host:2222/x.git"},
      {"ssh://git:pw@host/x.git", "ssh://git@host/x.git"},
      {"git://127.0.0.1:9418/x.git", "git://127.0.0.1:9418/x.git"},
      {"/srv/git/x.git", "/srv/git/x.git"},
  };
  for (const auto& c : cases)
    EXPECT_EQ(redactUrl(c.url), c.shown) << c.url;
}

TEST(RepositoryOpenTest, RejectsUnusableOptions) {
  TempDir tmp;
  SourceOptions o;
  o.cacheRoot = tmp.path();
  EXPECT_FALSE(Repository::open(o));
  o.url = "ftp://example.com/x.git";
  auto r = Repository::open(o);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("unsupported URL scheme 'ftp'"), std::string::npos);
}

}  // namespace
}  // namespace driftless::gitsource
