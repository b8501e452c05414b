#include "providers/secretsmanager/change_events.h"

namespace driftless::secretsmanager {

std::vector<ChangeEventRule> secretChangeEvents() {
  return {{"secretsmanager.amazonaws.com",
           {"UpdateSecret", "PutSecretValue", "TagResource", "UntagResource", "DeleteSecret",
            "RestoreSecret", "RotateSecret", "UpdateSecretVersionStage"},
           {"requestParameters.secretId"}}};
}

}  // namespace driftless::secretsmanager
