// `driftless explain` and the generated coverage section of docs/manifest-reference.md.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "controller/cli/app.h"
#include "providers/builtin/builtin.h"
#include "providers/cfnspec/cfnspec.h"
#include "providers/cfnspec/coverage.h"
#include "tests/support/peer.h"

namespace driftless::cli {
namespace {

struct Outcome {
  int exitCode;
  std::string out;
  std::string err;
};

Outcome explain(std::vector<std::string> args) {
  args.insert(args.begin(), {"driftless", "explain"});
  std::vector<char*> argv;
  for (auto& a : args)
    argv.push_back(a.data());
  std::ostringstream out, err;
  const int code = run(static_cast<int>(argv.size()), argv.data(), out, err);
  return {code, out.str(), err.str()};
}

bool has(const std::string& text, const std::string& what) {
  return text.find(what) != std::string::npos;
}

TEST(Explain, AManagedTypeListsPropertiesStatusAndAttributes) {
  auto r = explain({"AWS::S3::Bucket"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  EXPECT_TRUE(has(r.out, "TYPE:        AWS::S3::Bucket\nDRIFTLESS:   managed (")) << r.out;
  EXPECT_TRUE(has(r.out, "IDENTIFIER:  BucketName\nTAGS:        Tags\n")) << r.out;
  EXPECT_TRUE(has(r.out, "DESCRIPTION:\n  The `AWS::S3::Bucket` resource creates")) << r.out;
  EXPECT_TRUE(has(r.out, "<String> replaces  implemented\n")) << r.out;  // BucketName
  EXPECT_TRUE(has(r.out,
                  "  not supported yet (driftless does not generate physical names: give "
                  "BucketName)\n"))
      << r.out;  // BucketNamePrefix
  EXPECT_TRUE(has(r.out, "ATTRIBUTES (!GetAtt):\n  Arn\n")) << r.out;
}

TEST(Explain, APropertyShowsTypeFlagsDocumentationAndFields) {
  auto r = explain({"AWS::S3::Bucket.BucketName"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  EXPECT_TRUE(has(r.out,
                  "PROPERTY:    BucketName\nVALUE:       String\nREQUIRED:    no\n"
                  "UPDATE:      replaces the resource\nDRIFTLESS:   implemented\n"))
      << r.out;
  r = explain({"AWS::S3::Bucket.LifecycleConfiguration.Rules"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  EXPECT_TRUE(has(r.out, "VALUE:       List of Rule\nREQUIRED:    yes\n")) << r.out;
  EXPECT_TRUE(has(r.out, "FIELDS (Rule):\n")) << r.out;
  EXPECT_TRUE(has(r.out, "  Status ")) << r.out;
  r = explain({"AWS::EC2::TransitGatewayAttachment.VpcId"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  EXPECT_TRUE(has(r.out,
                  "DRIFTLESS:   not managed: driftless has no provider for "
                  "AWS::EC2::TransitGatewayAttachment "
                  "yet\n"))
      << r.out;
  r = explain({"AWS::S3::Bucket.Arn"});
  ASSERT_EQ(r.exitCode, 0) << r.err;
  EXPECT_TRUE(has(r.out, "ATTRIBUTE:   Arn (!GetAtt)\n")) << r.out;
}

TEST(Explain, UnknownNamesExitOneWithDidYouMean) {
  auto r = explain({"AWS::S3::Buckt"});
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_EQ(r.err,
            "driftless explain: unknown resource type 'AWS::S3::Buckt' (did you mean "
            "'AWS::S3::Bucket'?)\n");
  r = explain({"AWS::S3::Bucket.LoggingConfiguration.DestinationBucketNam"});
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_EQ(r.err,
            "driftless explain: AWS::S3::Bucket has no property "
            "'LoggingConfiguration.DestinationBucketNam' (did you mean "
            "'DestinationBucketName'?)\n");
  r = explain({});
  EXPECT_EQ(r.exitCode, 1);
}

TEST(Explain, WorksForEveryTypeOfTheDatabase) {
  std::size_t n = 0;
  for (const auto& t : cfnspec::database().types()) {
    auto r = explain({t.name});
    ASSERT_EQ(r.exitCode, 0) << t.name << ": " << r.err;
    ASSERT_TRUE(has(r.out, "TYPE:        " + t.name + "\n")) << r.out;
    ++n;
  }
  EXPECT_GT(n, 1500u);
}

TEST(Coverage, EveryPropertyOfTheManagedTypesIsImplementedOrRefusedWithAReason) {
  auto all = cfnspec::coverage(builtinRegistry());
  EXPECT_EQ(all.size(), builtinRegistry().types().size());
  for (const auto& c : all) {
    for (const auto& p : c.properties)
      EXPECT_TRUE(p.implemented || !p.reason.empty()) << c.type << "." << p.name;
  }
}

TEST(Coverage, DocsManifestReferenceHasTheGeneratedTables) {
  std::ifstream in(driftless::testing::sourceDir() / "docs/manifest-reference.md");
  std::stringstream text;
  text << in.rdbuf();
  const std::string begin =
      "<!-- BEGIN GENERATED: cfnspec coverage (scripts/gen-cfnspec docs) -->\n";
  const std::string end = "<!-- END GENERATED: cfnspec coverage -->";
  auto s = text.str().find(begin);
  auto e = text.str().find(end);
  ASSERT_NE(s, std::string::npos) << "generated-section markers missing";
  ASSERT_NE(e, std::string::npos);
  EXPECT_EQ(text.str().substr(s + begin.size(), e - s - begin.size()),
            cfnspec::coverageMarkdown(builtinRegistry()))
      << "docs/manifest-reference.md is out of date: run scripts/gen-cfnspec docs --binary "
         "build/driftless";
}

}  // namespace
}  // namespace driftless::cli
