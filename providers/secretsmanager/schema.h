#pragma once
// AWS::SecretsManager::Secret as data: property schema, Ref/GetAtt, name rules
// and validation.
#include <string>
#include <string_view>
#include <vector>

#include "providers/type_info.h"

namespace driftless::secretsmanager {

inline constexpr std::string_view kSecretType = "AWS::SecretsManager::Secret";

// Properties that only steer a call and are never observed or compared:
// GenerateSecretString (the value is generated once, at create), and the
// driftless extensions that say how a delete goes.
inline constexpr std::string_view kNotObserved[] = {"GenerateSecretString", "RecoveryWindowInDays",
                                                    "ForceDeleteWithoutRecovery"};

TypeInfo secretTypeInfo();
// Name: 1-512 of [A-Za-z0-9/_+=.@-]; SecretString xor GenerateSecretString;
// GenerateStringKey iff SecretStringTemplate (a JSON object); PasswordLength
// 1-4096; RecoveryWindowInDays 7-30 and not with ForceDeleteWithoutRecovery.
std::vector<std::string> validateSecret(const Properties& props);

}  // namespace driftless::secretsmanager
