#pragma once
#include <memory>

#include "providers/common/provider_base.h"
#include "providers/provider.h"

namespace driftless::kms {

// AWS::KMS::Key over the KMS JSON protocol. Identity: the key id AWS assigns,
// recorded in state (Ref). Observe: DescribeKey and ListResourceTags, plus
// GetKeyPolicy / GetKeyRotationStatus only when KeyPolicy / rotation are
// managed. A key pending deletion is absent. Delete is ScheduleKeyDeletion with
// the manifest's PendingWindowInDays (AWS's default, 30, when not given): the
// key stays, disabled, for that many days, and is absent to driftless at once.
extern const common::MakeProvider makeKeyProvider;

}  // namespace driftless::kms
