#pragma once
// What the EC2 provider tests share (ec2_test.cpp, ec2_properties_test.cpp):
// the binary's moto, boto3 against it, a create checked for a no-op diff, a
// delete checked twice, and stubs answering as EC2 does where moto cannot.
#include <gtest/gtest.h>

#include <string>

#include "tests/support/http_stub.h"
#include "tests/support/peer.h"

namespace driftless::testing {
inline MotoServer& moto() {
  return sharedMoto();
}
}  // namespace driftless::testing

#include "tests/support/provider_harness.h"

namespace driftless::ec2test {

using testing::Harness;
using testing::json;
using testing::paths;
using testing::uniqueName;

// boto3's answer to `code` (an ec2 client `c`), stripped of the trailing newline.
inline std::string boto(const std::string& code) {
  int rc = 0;
  std::string out = testing::moto().python(
      "c = boto3.client('ec2', endpoint_url=ep, aws_access_key_id=ak, aws_secret_access_key=sk, "
      "region_name='us-east-1')\n" +
          code,
      &rc);
  EXPECT_EQ(rc, 0) << out;
  while (!out.empty() && out.back() == '\n')
    out.pop_back();
  return out;
}

inline Observed created(Harness& h, Desired& d) {
  EXPECT_FALSE(h.observe(d).exists) << "exists before create";
  Observed live = h.create(d);
  EXPECT_TRUE(live.exists);
  d.physicalId = live.physicalId;
  Delta after = h.p().diff(d, h.observe(d));
  EXPECT_TRUE(after.empty()) << ::testing::PrintToString(paths(after));
  return live;
}

inline void removed(Harness& h, const Desired& d, const Observed& live) {
  h.remove(d, live);
  EXPECT_FALSE(h.observe(d).exists);
  h.remove(d, live);  // already gone: success
}

// A VPC made directly (a dependency of the type under test); its id.
inline std::string makeVpc(const std::string& cidr) {
  return boto("print(c.create_vpc(CidrBlock='" + cidr + "')['Vpc']['VpcId'])");
}

// An EC2 query answer of `action` with `result` inside, as EC2 sends it (for stubs
// answering what moto cannot).
inline testing::StubResponse ec2Answer(const std::string& action, const std::string& result) {
  return testing::StubResponse{
      .headers = {{"Content-Type", "text/xml"}},
      .body = "<" + action + "Response xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\">" +
              "<requestId>r</requestId>" + result + "</" + action + "Response>"};
}

// The body of the last request with `action` the stub saw.
inline std::string lastSent(const testing::HttpStub& stub, const std::string& action) {
  std::string out;
  for (const auto& r : stub.requests())
    if (r.body.find("Action=" + action + "&") != std::string::npos) out = r.body;
  return out;
}

}  // namespace driftless::ec2test
