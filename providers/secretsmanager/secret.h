#pragma once
#include <memory>

#include "providers/common/provider_base.h"
#include "providers/provider.h"

namespace driftless::secretsmanager {

// AWS::SecretsManager::Secret over the Secrets Manager JSON protocol.
// Identity: the secret name. Observe: DescribeSecret (settings and tags in one
// call), plus GetSecretValue only when SecretString is managed. SecretString is
// secret (hashed in state, masked in plans, logs and history); a
// GenerateSecretString value is generated once at create (GetRandomPassword)
// and never compared, so no cycle regenerates it. Delete is DeleteSecret with
// the recovery window (RecoveryWindowInDays, AWS's default 30) unless the
// manifest says ForceDeleteWithoutRecovery: true; a secret pending deletion is
// absent, and its name cannot be reused until the window ends (Waiting).
extern const common::MakeProvider makeSecretProvider;

}  // namespace driftless::secretsmanager
