// parseYaml builds its tree from libyaml's events and hands to yaml-cpp what
// it gives up on: every YAML file of the repository, and the edge cases below,
// must give the tree and messages yaml-cpp alone gives (parseYamlReference).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "fuzz/yaml_tree_diff.h"
#include "reconcile/yaml_tree.h"
#include "tests/support/peer.h"

namespace driftless::reconcile {
namespace {

namespace fs = std::filesystem;

std::string compare(const std::string& name, const std::string& content) {
  return yamldiff::compare(parseYaml(name, content), parseYamlReference(name, content));
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
      // found by fuzz/manifest_fuzz.cpp (its corpus holds them too):
      // text after the first document; a key without a value in a flow map; an
      // empty value at the end without a line break; a tag and nothing else at the end
      "a\n: b\n",
      "- { K team, Value: payments }\n",
      "a:\n  b: 1\n  c:",
      "!",
      "!Ref\n",
      "a: !",
      // `? key` without a value; `?` in a flow scalar (yaml-cpp: "unknown token")
      "[? a]\n",
      "{? a}\n",
      "? a\n",
      "{a?b: c}\n",
      "[a?b]\n",
      "{?b: c}\n",
      "[?\"a\"]\n",
      // two tags (yaml-cpp rejects them, also in a skipped value); a tagged plain
      // scalar of two lines; a byte order mark past the start
      "c: !!str!5\n",
      "a: 1\na: !'!x 5\n",
      "!A x\ny\n",
      "a:\n !A b\n c\n",
      "a: 1\n\xEF\xBB\xBF"
      "b: 2\n",
      // the same past a character of two bytes (libyaml's marks count characters)
      "\xC3\xA9: !",
      "? \xC3\xA9\n",
      "a:\n  \xC3\xA9: 1\n  c:",
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
