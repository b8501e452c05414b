// AWS::IAM::InstanceProfile round trip (issue 17): create from a manifest, a
// clean plan right after, an out-of-band change (another role) detected as
// drift and corrected, pushed changes applied in place (the role) or as a
// replace (the path), delete and Retain.
#include "tests/integration/providers/iam_inline_policy.h"

namespace driftless::wiring {
namespace {

TEST(IamInstanceProfile, RoundTrip) {
  Stack st;
  const std::string p = st.prefix();
  auto manifest = [&](const std::string& role, const std::string& path, bool profiles = true) {
    if (!profiles) return roles(p);
    return roles(p) +
           "  Profile:\n    Type: AWS::IAM::InstanceProfile\n"
           "    Metadata: {driftless: {allowReplace: true}}\n    Properties:\n"
           "      InstanceProfileName: " +
           p + "-ip\n      Path: " + path + "\n      Roles: [!Ref " + role +
           "]\n"
           "  Keep:\n    Type: AWS::IAM::InstanceProfile\n    DeletionPolicy: Retain\n"
           "    Properties:\n      InstanceProfileName: " +
           p + "-keep\n      Roles: [!Ref RoleB]\n";
  };
  // "<path> <role names>" of an instance profile, or "none".
  auto profile = [&](const std::string& name) {
    return st.boto("iam", "try:\n  ip = c.get_instance_profile(InstanceProfileName='" + name +
                              "')['InstanceProfile']\n"
                              "  print(ip['Path'], ','.join(r['RoleName'] for r in ip['Roles']))\n"
                              "except c.exceptions.NoSuchEntityException:\n  print('none')");
  };
  st.push(manifest("RoleA", "/app/"));
  st.apply();
  EXPECT_EQ(profile(p + "-ip"), "/app/ " + p + "-RoleA");
  st.expectClean();

  // Out of band: another role is drift on Roles, corrected in place.
  st.boto("iam", "c.remove_role_from_instance_profile(InstanceProfileName='" + p +
                     "-ip', RoleName='" + p +
                     "-RoleA')\n"
                     "c.add_role_to_instance_profile(InstanceProfileName='" +
                     p + "-ip', RoleName='" + p + "-RoleB')");
  st.expectPlanned("Profile", "update", "drift", {"Roles"});
  st.apply();
  EXPECT_EQ(profile(p + "-ip"), "/app/ " + p + "-RoleA");
  st.expectClean();

  // Pushed: another role in place; another path replaces.
  st.push(manifest("RoleB", "/app/"));
  st.expectPlanned("Profile", "update");
  st.apply();
  EXPECT_EQ(profile(p + "-ip"), "/app/ " + p + "-RoleB");
  st.push(manifest("RoleB", "/other/"));
  st.expectPlanned("Profile", "replace", "", {"Path"});
  st.apply();
  EXPECT_EQ(profile(p + "-ip"), "/other/ " + p + "-RoleB");
  st.expectClean();

  // Removed from git: deleted; Keep stays (DeletionPolicy Retain).
  st.push(manifest("", "", false));
  Value plan = st.plan();
  EXPECT_EQ(Stack::action(plan, "Profile"), "delete");
  EXPECT_EQ(Stack::action(plan, "Keep"), "release");
  st.apply();
  EXPECT_EQ(profile(p + "-ip"), "none");
  EXPECT_EQ(profile(p + "-keep"), "/ " + p + "-RoleB");
  st.expectClean();
}

}  // namespace
}  // namespace driftless::wiring
