#pragma once
// Manifest pieces and boto3 checks shared by the inline-policy round trips
// (iam_policy_test.cpp, iam_role_policy_test.cpp).
#include "tests/integration/providers/wiring_harness.h"

namespace driftless::wiring {

// Two roles, RoleA and RoleB, named <prefix>-RoleA / <prefix>-RoleB.
inline std::string roles(const std::string& prefix) {
  std::string y = "Resources:\n";
  for (const char* r : {"RoleA", "RoleB"})
    y += std::string("  ") + r +
         ":\n    Type: AWS::IAM::Role\n    Properties:\n      RoleName: " + prefix + "-" + r +
         "\n      AssumeRolePolicyDocument:\n        Statement:\n"
         "          - {Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: "
         "sts:AssumeRole}\n";
  return y;
}

inline std::string document(const std::string& action) {
  return "      PolicyDocument:\n        Version: '2012-10-17'\n        Statement:\n"
         "          - {Effect: Allow, Action: " +
         action + ", Resource: '*'}\n";
}

// boto3: the inline policy `name` of `kind` ("role", "user") `entity`, or "none".
inline std::string inlinePolicy(Stack& st, const std::string& kind, const std::string& entity,
                                const std::string& name) {
  std::string noun = kind == "role" ? "Role" : "User";
  return st.boto("iam", "try:\n  print(json.dumps(c.get_" + kind + "_policy(" + noun + "Name='" +
                            entity + "', PolicyName='" + name +
                            "')['PolicyDocument']))\nexcept c.exceptions.NoSuchEntityException:\n"
                            "  print('none')");
}

}  // namespace driftless::wiring
