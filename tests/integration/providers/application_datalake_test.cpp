// Issue 17, application 3, end to end: a KMS-encrypted data lake. A KMS key
// and its alias; a raw-data bucket and an Athena results bucket, both
// encrypted with the key (by its ARN and by its id); a Glue database with a
// table over the raw bucket, a crawler and a job running as a Glue service
// role; an Athena workgroup writing its results, encrypted with the key, to
// the results bucket. Converged from empty in one `driftless apply`, no drift
// right after, then changed (the table gains a column, the database a
// description): updates in place, nothing replaced.
#include "tests/integration/providers/wiring_harness.h"

namespace driftless::wiring {
namespace {

std::string lowered(std::string s) {
  for (auto& c : s)
    c = c == '-' ? '_' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// A bucket encrypted with the data key, named by `keyRef` (its ARN or its id).
std::string encryptedBucket(const std::string& logicalId, const std::string& name,
                            const std::string& keyRef, bool bucketKey) {
  return "  " + logicalId +
         ":\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: " + name +
         "\n      BucketEncryption:\n        ServerSideEncryptionConfiguration:\n"
         "          - ServerSideEncryptionByDefault:\n              SSEAlgorithm: aws:kms\n"
         "              KMSMasterKeyID: " +
         keyRef + "\n" + (bucketKey ? "            BucketKeyEnabled: true\n" : "");
}

std::string keyAndBuckets(const std::string& p) {
  return "  DataKey:\n    Type: AWS::KMS::Key\n    Properties:\n"
         "      Description: data lake\n      EnableKeyRotation: true\n"
         "      PendingWindowInDays: 7\n"
         "      KeyPolicy:\n        Version: '2012-10-17'\n        Statement:\n"
         "          - Effect: Allow\n"
         "            Principal: {AWS: !Sub 'arn:aws:iam::${AWS::AccountId}:root'}\n"
         "            Action: kms:*\n            Resource: '*'\n"
         "  DataKeyAlias:\n    Type: AWS::KMS::Alias\n    Properties:\n"
         "      AliasName: alias/" +
         p + "-lake\n      TargetKeyId: !Ref DataKey\n" +
         encryptedBucket("Raw", p + "-raw", "!GetAtt DataKey.Arn", true) +
         encryptedBucket("Results", p + "-results", "!Ref DataKey", false);
}

std::string glueRole(const std::string& p) {
  return "  GlueRole:\n    Type: AWS::IAM::Role\n    Properties:\n      RoleName: " + p +
         "-glue\n      AssumeRolePolicyDocument:\n        Statement:\n"
         "          - {Effect: Allow, Principal: {Service: glue.amazonaws.com}, Action: "
         "sts:AssumeRole}\n"
         "  ReadLake:\n    Type: AWS::IAM::RolePolicy\n    Properties:\n"
         "      RoleName: !Ref GlueRole\n      PolicyName: read-lake\n"
         "      PolicyDocument:\n        Version: '2012-10-17'\n        Statement:\n"
         "          - Effect: Allow\n            Action: [s3:GetObject, s3:ListBucket]\n"
         "            Resource: [!GetAtt Raw.Arn, !Sub '${Raw.Arn}/*']\n"
         "          - {Effect: Allow, Action: [kms:Decrypt], Resource: !GetAtt DataKey.Arn}\n";
}

std::string catalog(const std::string& p, const std::string& description, bool region) {
  const std::string db = lowered(p) + "_lake";
  return "  Lake:\n    Type: AWS::Glue::Database\n    Properties:\n"
         "      CatalogId: !Ref AWS::AccountId\n      DatabaseInput:\n        Name: " +
         db + "\n" + (description.empty() ? "" : "        Description: " + description + "\n") +
         "        LocationUri: !Sub 's3://${Raw}/'\n"
         "  Events:\n    Type: AWS::Glue::Table\n    Properties:\n"
         "      CatalogId: !Ref AWS::AccountId\n      DatabaseName: !Ref Lake\n"
         "      TableInput:\n        Name: events\n        TableType: EXTERNAL_TABLE\n"
         "        Parameters: {classification: parquet}\n"
         "        PartitionKeys: [{Name: dt, Type: string}]\n"
         "        StorageDescriptor:\n          Location: !Sub 's3://${Raw}/events/'\n"
         "          Columns:\n            - {Name: id, Type: bigint}\n"
         "            - {Name: body, Type: string}\n" +
         (region ? "            - {Name: region, Type: string}\n" : "") +
         "  RawCrawler:\n    Type: AWS::Glue::Crawler\n    Properties:\n      Name: " + p +
         "-raw\n      Role: !GetAtt GlueRole.Arn\n      DatabaseName: !Ref Lake\n"
         "      TablePrefix: raw_\n"
         "      Targets:\n        S3Targets:\n          - Path: !Sub 's3://${Raw}/incoming/'\n"
         "      Schedule: {ScheduleExpression: 'cron(0 2 * * ? *)'}\n"
         "      Tags: {team: data}\n"
         "  Compact:\n    Type: AWS::Glue::Job\n    Properties:\n      Name: " +
         p +
         "-compact\n      Role: !Ref GlueRole\n"
         "      Command: {Name: glueetl, ScriptLocation: !Sub 's3://${Raw}/scripts/compact.py', "
         "PythonVersion: '3'}\n"
         "      DefaultArguments: {'--database': !Ref Lake, '--table': !Ref Events}\n"
         "      GlueVersion: '4.0'\n      WorkerType: G.1X\n      NumberOfWorkers: 2\n"
         "      Tags: {team: data}\n";
}

std::string workgroup(const std::string& p) {
  return "  Analysts:\n    Type: AWS::Athena::WorkGroup\n    Properties:\n      Name: " + p +
         "-analysts\n      RecursiveDeleteOption: true\n      WorkGroupConfiguration:\n"
         "        EnforceWorkGroupConfiguration: true\n        ResultConfiguration:\n"
         "          OutputLocation: !Sub 's3://${Results}/athena/'\n"
         "          EncryptionConfiguration: {EncryptionOption: SSE_KMS, KmsKey: !GetAtt "
         "DataKey.Arn}\n";
}

std::string application(const std::string& p, const std::string& description, bool region) {
  return "Resources:\n" + keyAndBuckets(p) + glueRole(p) + catalog(p, description, region) +
         workgroup(p);
}

TEST(Application, EncryptedDataLakeConvergesInOneApplyThenChanges) {
  Stack st;
  const std::string p = st.prefix();
  const std::string db = lowered(p) + "_lake";
  st.push(application(p, "", false));
  std::string out = st.apply();
  EXPECT_NE(out.find("create=11"), std::string::npos) << out;
  st.expectClean();

  // The buckets are encrypted with the key: by its ARN and by its id.
  const std::string keyId =
      st.boto("kms", "print(c.describe_key(KeyId='alias/" + p + "-lake')['KeyMetadata']['KeyId'])");
  ASSERT_FALSE(keyId.empty());
  const std::string sse =
      "r = c.get_bucket_encryption(Bucket='%s')['ServerSideEncryption"
      "Configuration']['Rules'][0]['ApplyServerSideEncryptionByDefault']\n"
      "print(r['SSEAlgorithm'], r['KMSMasterKeyID'])";
  auto encryption = [&](const std::string& bucket) {
    std::string code = sse;
    code.replace(code.find("%s"), 2, bucket);
    return st.boto("s3", code);
  };
  EXPECT_EQ(encryption(p + "-raw"), "aws:kms arn:aws:kms:us-east-1:123456789012:key/" + keyId);
  EXPECT_EQ(encryption(p + "-results"), "aws:kms " + keyId);

  // The catalog and the jobs point at the lake; Athena's results go to the
  // results bucket, encrypted with the key.
  EXPECT_EQ(st.boto("glue", "t = c.get_table(DatabaseName='" + db +
                                "', Name='events')['Table']\n"
                                "print(t['StorageDescriptor']['Location'])"),
            "s3://" + p + "-raw/events/");
  EXPECT_EQ(st.boto("glue", "k = c.get_crawler(Name='" + p +
                                "-raw')['Crawler']\nprint(k['DatabaseName'], "
                                "k['Role'].split('/')[-1], k['Targets']['S3Targets'][0]['Path'])"),
            db + " " + p + "-glue s3://" + p + "-raw/incoming/");
  EXPECT_EQ(st.boto("glue", "j = c.get_job(JobName='" + p +
                                "-compact')['Job']\nprint(j['Role'], j['DefaultArguments'])"),
            p + "-glue {'--database': '" + db + "', '--table': 'events'}");
  EXPECT_EQ(st.boto("athena", "r = c.get_work_group(WorkGroup='" + p +
                                  "-analysts')['WorkGroup']['Configuration']"
                                  "['ResultConfiguration']\n"
                                  "print(r['OutputLocation'], "
                                  "r['EncryptionConfiguration']['KmsKey'].split('/')[-1])"),
            "s3://" + p + "-results/athena/ " + keyId);

  // Changed: a column and a description, in place.
  st.push(application(p, "curated lake", true));
  Value plan = st.plan();
  const Value* summary = plan.find("summary");
  ASSERT_TRUE(summary) << plan.toPrettyJson();
  EXPECT_EQ(summary->find("update")->scalarText(), "2") << plan.toPrettyJson();
  EXPECT_EQ(summary->find("replace")->scalarText(), "0");
  EXPECT_EQ(summary->find("create")->scalarText(), "0");
  EXPECT_EQ(Stack::paths(plan, "Events"),
            std::vector<std::string>{"TableInput.StorageDescriptor.Columns"});
  EXPECT_EQ(Stack::paths(plan, "Lake"), std::vector<std::string>{"DatabaseInput.Description"});
  st.apply();
  st.expectClean();
  EXPECT_EQ(st.boto("glue", "t = c.get_table(DatabaseName='" + db +
                                "', Name='events')['Table']\n"
                                "print([x['Name'] for x in t['StorageDescriptor']['Columns']], "
                                "c.get_database(Name='" +
                                db + "')['Database']['Description'])"),
            "['id', 'body', 'region'] curated lake");
}

}  // namespace
}  // namespace driftless::wiring
