#pragma once
// AWS::EC2::Instance's settings as EC2 spells them (providers/ec2/instance.cpp):
// the RunInstances parameters, the DescribeInstances elements they read back
// as, the AWS defaults an absent element stands for, and the calls that change
// them in place.
#include <string>
#include <vector>

#include "providers/aws/client.h"
#include "providers/provider.h"

namespace driftless::ec2::instance {

// The settings of a DescribeInstances item (placement, options, network, the
// volumes attached beyond the root one).
void readSettings(pugi::xml_node item, Observed& o);
// What depends on the manifest: Volumes without the BlockDeviceMappings'
// devices; the lists compared as sets in the manifest's order.
void settle(const Desired& desired, Observed& o);

// RunInstances parameters of `desired`'s settings.
void runParams(const TypeInfo& info, const Desired& desired, aws::Params& params);

// One call that sets a setting on a live instance.
struct Change {
  std::string action;
  aws::Params params;
};

// The calls that make a running instance's in-place settings `desired`'s:
// after create (`live` null: what RunInstances does not take) or on update
// (only what `delta` touches; `live` as observed).
std::vector<Change> changes(const std::string& id, const Desired& desired, const Observed* live,
                            const Delta* delta);

// The reads beyond DescribeInstances, each only when `desired` manages its
// setting: DescribeInstanceAttribute (DisableApiTermination,
// InstanceInitiatedShutdownBehavior), DescribeInstanceCreditSpecifications.
struct Read {
  std::string property;
  std::string action;
  aws::Params params;
  std::string element;  // the answer's element holding the value
};
std::vector<Read> extraReads(const std::string& id, const Desired& desired);
// Their answers -> `o`.
void readExtra(const Read& read, pugi::xml_node answer, Observed& o);

}  // namespace driftless::ec2::instance
