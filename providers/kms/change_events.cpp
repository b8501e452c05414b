#include "providers/kms/change_events.h"

namespace driftless::kms {

std::vector<ChangeEventRule> keyChangeEvents() {
  return {{"kms.amazonaws.com",
           {"UpdateKeyDescription", "PutKeyPolicy", "EnableKeyRotation", "DisableKeyRotation",
            "EnableKey", "DisableKey", "TagResource", "UntagResource", "ScheduleKeyDeletion",
            "CancelKeyDeletion"},
           {"requestParameters.keyId"}}};
}

std::vector<ChangeEventRule> aliasChangeEvents() {
  return {{"kms.amazonaws.com",
           {"CreateAlias", "UpdateAlias", "DeleteAlias"},
           {"requestParameters.aliasName"}}};
}

}  // namespace driftless::kms
