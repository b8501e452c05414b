#pragma once
// AWS::SecretsManager::Secret as data: property schema, Ref/GetAtt, name rules
// and validation.
#include <string_view>

#include "providers/type_info.h"

namespace driftless::secretsmanager {

// Properties that only steer a call and are never observed or compared:
// GenerateSecretString (the value is generated once, at create), and the
// driftless extensions that say how a delete goes.
inline constexpr std::string_view kNotObserved[] = {"GenerateSecretString", "RecoveryWindowInDays",
                                                    "ForceDeleteWithoutRecovery"};

TypeInfo secretTypeInfo();

}  // namespace driftless::secretsmanager
