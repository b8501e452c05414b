// AWS::Lambda::Version and AWS::Lambda::Alias round trips (issue 17): create
// from a manifest, a clean plan right after, out-of-band changes (an alias
// rewritten, a version and alias deleted) detected as drift and corrected,
// pushed changes (a new version replaces; the alias follows in place; a new
// alias name replaces), delete and Retain.
#include "tests/integration/providers/wiring_harness.h"

namespace driftless::wiring {
namespace {

std::string functions(const std::string& p) {
  std::string y =
      "Resources:\n  Role:\n    Type: AWS::IAM::Role\n    Properties:\n      RoleName: " + p +
      "-role\n      AssumeRolePolicyDocument:\n        Statement:\n"
      "          - {Effect: Allow, Principal: {Service: lambda.amazonaws.com}, "
      "Action: sts:AssumeRole}\n";
  for (const char* f : {"Fn", "FnKeep"})
    y += std::string("  ") + f + ":\n    Type: AWS::Lambda::Function\n    Properties:\n" +
         "      FunctionName: " + p + "-" + f +
         "\n      Role: !GetAtt Role.Arn\n      Runtime: python3.12\n"
         "      Handler: index.handler\n"
         "      Code: {ZipFile: \"def handler(event, context):\\n    return 1\\n\"}\n";
  return y;
}

std::string manifest(const std::string& p, const std::string& description,
                     const std::string& alias) {
  return functions(p) +
         "  V1:\n    Type: AWS::Lambda::Version\n"
         "    Metadata: {driftless: {allowReplace: true}}\n    Properties:\n"
         "      FunctionName: !Ref Fn\n      Description: " +
         description +
         "\n"
         "  Live:\n    Type: AWS::Lambda::Alias\n"
         "    Metadata: {driftless: {allowReplace: true}}\n    Properties:\n"
         "      FunctionName: !Ref Fn\n      Name: " +
         alias +
         "\n      FunctionVersion: !GetAtt V1.Version\n      Description: serving\n"
         "  KeepV:\n    Type: AWS::Lambda::Version\n    DeletionPolicy: Retain\n"
         "    Properties: {FunctionName: !Ref FnKeep}\n"
         "  KeepA:\n    Type: AWS::Lambda::Alias\n    DeletionPolicy: Retain\n"
         "    Properties: {FunctionName: !Ref FnKeep, Name: kept, FunctionVersion: !GetAtt "
         "KeepV.Version}\n";
}

TEST(LambdaVersionAlias, RoundTrip) {
  Stack st;
  const std::string p = st.prefix();
  // "<alias name>=<version> <description>" for each alias of a function, or "none".
  auto aliases = [&](const std::string& fn) {
    return st.boto("lambda", "a = c.list_aliases(FunctionName='" + p + "-" + fn +
                                 "')['Aliases']\nprint(' / '.join('%s=%s %s' % (x['Name'], "
                                 "x['FunctionVersion'], x.get('Description', '')) for x in a) or "
                                 "'none')");
  };
  auto version = [&](const std::string& fn, const std::string& v) {
    return st.boto("lambda", "try:\n  print(c.get_function_configuration(FunctionName='" + p + "-" +
                                 fn + "', Qualifier='" + v +
                                 "').get('Description', ''))\n"
                                 "except c.exceptions.ResourceNotFoundException:\n  print('none')");
  };
  st.push(manifest(p, "first", "live"));
  st.apply();
  EXPECT_EQ(version("Fn", "1"), "first");
  EXPECT_EQ(aliases("Fn"), "live=1 serving");
  EXPECT_EQ(aliases("FnKeep"), "kept=1");
  st.expectClean();

  // Out of band: the alias rewritten is drift, corrected in place.
  st.boto("lambda",
          "c.update_alias(FunctionName='" + p + "-Fn', Name='live', Description='hijacked')");
  st.expectPlanned("Live", "update", "drift", {"Description"});
  st.apply();
  EXPECT_EQ(aliases("Fn"), "live=1 serving");
  st.expectClean();

  // Out of band: alias and version deleted are missing resources, created again.
  st.boto("lambda", "c.delete_alias(FunctionName='" + p + "-Fn', Name='live')\n" +
                        "c.delete_function(FunctionName='" + p + "-Fn', Qualifier='1')");
  Value planned = st.expectPlanned("V1", "create", "drift");
  EXPECT_EQ(Stack::action(planned, "Live"), "create");
  st.apply();
  std::string now = aliases("Fn");
  EXPECT_TRUE(now.starts_with("live=") && now.ends_with(" serving")) << now;
  EXPECT_EQ(version("Fn", now.substr(5, now.find(' ') - 5)), "first");
  st.expectClean();

  // Pushed: another description publishes a new version (replace); the alias follows in place.
  st.push(manifest(p, "second", "live"));
  st.expectPlanned("V1", "replace", "change");
  st.apply();
  now = aliases("Fn");
  EXPECT_EQ(version("Fn", now.substr(5, now.find(' ') - 5)), "second") << now;
  st.expectClean();

  // Pushed: another alias name replaces the alias.
  st.push(manifest(p, "second", "current"));
  st.expectPlanned("Live", "replace");
  st.apply();
  EXPECT_TRUE(aliases("Fn").starts_with("current=")) << aliases("Fn");
  st.expectClean();

  // Removed from git: deleted; KeepV and KeepA stay (DeletionPolicy Retain).
  st.push(functions(p));
  Value plan = st.plan();
  EXPECT_EQ(Stack::action(plan, "V1"), "delete");
  EXPECT_EQ(Stack::action(plan, "Live"), "delete");
  EXPECT_EQ(Stack::action(plan, "KeepV"), "release");
  EXPECT_EQ(Stack::action(plan, "KeepA"), "release");
  st.apply();
  EXPECT_EQ(aliases("Fn"), "none");
  EXPECT_EQ(aliases("FnKeep"), "kept=1");
  st.expectClean();
}

}  // namespace
}  // namespace driftless::wiring
