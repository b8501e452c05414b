#include "providers/ecr/change_events.h"

namespace driftless::ecr {

std::vector<ChangeEventRule> repositoryChangeEvents() {
  return {
      {"ecr.amazonaws.com",
       {"PutImageTagMutability", "PutImageScanningConfiguration", "PutLifecyclePolicy",
        "DeleteLifecyclePolicy", "SetRepositoryPolicy", "DeleteRepositoryPolicy",
        "DeleteRepository"},
       {"requestParameters.repositoryName"}},
      {"ecr.amazonaws.com", {"TagResource", "UntagResource"}, {"requestParameters.resourceArn"}}};
}

}  // namespace driftless::ecr
