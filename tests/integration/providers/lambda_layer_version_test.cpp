// AWS::Lambda::LayerVersion round trip (issue 17): create from a manifest (the
// content an S3 object), a clean plan right after, an out-of-band deletion
// detected and published again, pushed changes (description, content) applied
// as a replace (a layer version cannot change), delete and Retain.
#include "tests/integration/providers/wiring_harness.h"

namespace driftless::wiring {
namespace {

TEST(LambdaLayerVersion, RoundTrip) {
  Stack st;
  const std::string p = st.prefix();
  const std::string bucket = p + "-layers";
  st.boto("s3", "import io, zipfile\nc.create_bucket(Bucket='" + bucket +
                    "')\n"
                    "for key in ('one.zip', 'two.zip'):\n"
                    "  b = io.BytesIO()\n  z = zipfile.ZipFile(b, 'w')\n"
                    "  z.writestr('python/lib.py', 'X = ' + repr(key))\n  z.close()\n"
                    "  c.put_object(Bucket='" +
                    bucket + "', Key=key, Body=b.getvalue())");
  auto manifest = [&](const std::string& description, const std::string& key, bool layers = true) {
    if (!layers)
      return std::string(
                 "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n"
                 "    Properties: {QueueName: ") +
             p + "-q}\n";
    return "Resources:\n"
           "  Layer:\n    Type: AWS::Lambda::LayerVersion\n"
           "    Metadata: {driftless: {allowReplace: true}}\n    Properties:\n"
           "      LayerName: " +
           p + "-layer\n      Description: " + description +
           "\n      Content: {S3Bucket: " + bucket + ", S3Key: " + key +
           "}\n      CompatibleRuntimes: [python3.12]\n      LicenseInfo: MIT\n"
           "  Keep:\n    Type: AWS::Lambda::LayerVersion\n    DeletionPolicy: Retain\n"
           "    Properties:\n      LayerName: " +
           p + "-kept\n      Content: {S3Bucket: " + bucket + ", S3Key: one.zip}\n";
  };
  // "<version>:<description>" of each version of a layer, or "none".
  auto versions = [&](const std::string& layer) {
    return st.boto("lambda", "v = c.list_layer_versions(LayerName='" + p + "-" + layer +
                                 "')['LayerVersions']\nprint(' '.join('%s:%s' % (x['Version'], "
                                 "x.get('Description', '')) for x in sorted(v, key=lambda x: "
                                 "x['Version'])) or 'none')");
  };
  st.push(manifest("first", "one.zip"));
  st.apply();
  EXPECT_EQ(versions("layer"), "1:first");
  EXPECT_EQ(versions("kept"), "1:");
  st.expectClean();

  // Out of band: the version deleted is a missing resource, published again.
  st.boto("lambda", "c.delete_layer_version(LayerName='" + p + "-layer', VersionNumber=1)");
  st.expectPlanned("Layer", "create", "drift");
  st.apply();
  EXPECT_EQ(versions("layer"), "2:first");
  st.expectClean();

  // Pushed: another description, then another content object: each a replace.
  st.push(manifest("second", "one.zip"));
  st.expectPlanned("Layer", "replace", "", {"Description"});
  st.apply();
  EXPECT_EQ(versions("layer"), "3:second");
  st.expectClean();
  st.push(manifest("second", "two.zip"));
  st.expectPlanned("Layer", "replace", "", {"Content.S3Key"});
  st.apply();
  EXPECT_EQ(versions("layer"), "4:second");
  st.expectClean();

  // Removed from git: deleted; Keep stays (DeletionPolicy Retain).
  st.push(manifest("", "", false));
  Value plan = st.plan();
  EXPECT_EQ(Stack::action(plan, "Layer"), "delete");
  EXPECT_EQ(Stack::action(plan, "Keep"), "release");
  st.apply();
  EXPECT_EQ(versions("layer"), "none");
  EXPECT_EQ(versions("kept"), "1:");
  st.expectClean();
}

}  // namespace
}  // namespace driftless::wiring
