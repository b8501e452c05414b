// parseYaml builds its tree from libyaml's events and hands to yaml-cpp what
// it gives up on: every YAML file of the repository, and the edge cases below,
// must give the tree and messages yaml-cpp alone gives (parseYamlReference).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "reconcile/yaml_tree.h"
#include "tests/support/peer.h"

namespace driftless::reconcile {
namespace {

namespace fs = std::filesystem;

// The first difference between two trees, as "path: what", or "".
std::string diff(const YamlNode& a, const YamlNode& b, const std::string& at) {
  auto where = [&](const std::string& what) { return at + ": " + what; };
  if (a.kind != b.kind)
    return where("kind " + std::to_string(int(a.kind)) + " vs " + std::to_string(int(b.kind)));
  if (a.tag != b.tag) return where("tag '" + a.tag + "' vs '" + b.tag + "'");
  if (a.text != b.text) return where("text '" + a.text + "' vs '" + b.text + "'");
  if (a.quoted != b.quoted) return where("quoted");
  if (a.line != b.line || a.column != b.column)
    return where("mark " + std::to_string(a.line) + ":" + std::to_string(a.column) + " vs " +
                 std::to_string(b.line) + ":" + std::to_string(b.column));
  if (a.keys.size() != b.keys.size() || a.items.size() != b.items.size())
    return where("size " + std::to_string(a.items.size()) + " vs " +
                 std::to_string(b.items.size()));
  for (std::size_t i = 0; i < a.keys.size(); ++i) {
    const YamlKey& ka = a.keys[i];
    const YamlKey& kb = b.keys[i];
    if (ka.text != kb.text || ka.line != kb.line || ka.column != kb.column)
      return where("key " + ka.text + "@" + std::to_string(ka.line) + ":" +
                   std::to_string(ka.column) + " vs " + kb.text + "@" + std::to_string(kb.line) +
                   ":" + std::to_string(kb.column));
  }
  for (std::size_t i = 0; i < a.items.size(); ++i) {
    std::string sub = at + "/" + (i < a.keys.size() ? a.keys[i].text : std::to_string(i));
    if (auto d = diff(a.items[i], b.items[i], sub); !d.empty()) return d;
  }
  return "";
}

std::string compare(const std::string& name, const std::string& content) {
  ParsedFile fast = parseYaml(name, content);
  ParsedFile ref = parseYamlReference(name, content);
  if (fast.parsed != ref.parsed) return name + ": parsed differs";
  std::string messages;
  for (const auto& d : fast.diagnostics)
    messages += d.str() + "\n";
  std::string refMessages;
  for (const auto& d : ref.diagnostics)
    refMessages += d.str() + "\n";
  if (messages != refMessages) return name + ": messages\n" + messages + "vs\n" + refMessages;
  return diff(fast.root, ref.root, name);
}

TEST(YamlTree, EveryRepositoryYamlFileParsesAsYamlCppParsesIt) {
  const fs::path root = driftless::testing::sourceDir();
  std::size_t files = 0;
  for (const char* dir : {"tests", "deploy", "docs", "bench"}) {
    if (!fs::is_directory(root / dir)) continue;
    for (const auto& e : fs::recursive_directory_iterator(root / dir)) {
      const std::string ext = e.path().extension().string();
      if (!e.is_regular_file() || (ext != ".yaml" && ext != ".yml" && ext != ".template")) continue;
      std::ifstream in(e.path(), std::ios::binary);
      std::ostringstream text;
      text << in.rdbuf();
      EXPECT_EQ(compare(e.path().string(), text.str()), "");
      ++files;
    }
  }
  EXPECT_GE(files, 50u);
}

TEST(YamlTree, EdgeCasesParseAsYamlCppParsesThem) {
  const std::vector<std::string> cases = {
      "",
      "# only a comment\n",
      "---\n",
      "a: 1\n---\nb: 2\n",
      "a:\nb: 2\n",
      "a:\n  b:\n  c: 3\nd:\n",
      "a: !Ref\nb: !Ref x\nc: !GetAtt [A, B]\nd: !Sub\n  - x\n  - {y: z}\n",
      "a: 'q'\nb: \"d\"\nc: |\n  lit\nd: >\n  fold\ne: !!str 5\nf: ! x\n",
      "a: ~\nb: null\nc: Null\nd: NULL\ne: ''\nf: true\ng: 1.5\n",
      "~: 1\nnull: 2\nx: 3\n",
      "a: 1\na: {b: [1, 2, {c: d}]}\nb: 2\nb: [x]\nb: y\n",
      "a: [1, [2, [3]], {x: y}]\nb: {}\nc: []\n",
      "- a\n- b: c\n  d: e\n-\n- - x\n  - y\n",
      "k:\n- a\n- b\nm: n\n",
      "caf\xC3\xA9: 'd\xC3\xA9j\xC3\xA0'\n  \nx: \xC3\xA9t\xC3\xA9\n",
      "a: &x 1\nb: *x\n",
      "? [a]\n: b\n",
      "a: {b: c\n",
      "a: b: c\n",
      "\tx: 1\n",
      "a: 1\r\nb: 2\r\n",
      "\xEF\xBB\xBF"
      "a: 1\n",
      "a: \"unterminated\n",
      "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      Tags:\n"
      "        - Key: k\n          Value: v\n",
  };
  std::string wide;  // past the key count where duplicates are found with a set
  for (int i = 0; i < 40; ++i)
    wide += "k" + std::to_string(i) + ": " + std::to_string(i) + "\n";
  wide += "k3: again\nk30: again\nk40: new\n";
  std::vector<std::string> all = cases;
  all.push_back(wide);
  for (std::size_t i = 0; i < all.size(); ++i)
    EXPECT_EQ(compare("case" + std::to_string(i), all[i]), "") << all[i];
}

}  // namespace
}  // namespace driftless::reconcile
