#pragma once
// Human and machine renderings of a Plan. Secret values (PropertySpec::secret,
// NoEcho parameters) are printed as "(secret)"; unresolved intrinsics as
// "(known after apply)".
#include <string>

#include "providers/value.h"
#include "reconcile/plan.h"

namespace driftless::reconcile {

// Like `terraform plan`:
//   # orders/OrdersQueue (AWS::SQS::Queue) will be updated in place
//   ~ orders/OrdersQueue  orders-dev
//       ~ MessageRetentionPeriod: 345600 → 1209600
//   ...
//   Plan: 1 to create, 2 to update, 0 to replace, 1 to delete; 1 drifted.
// Noops are not listed; conflicts, blocked actions and the refusal are.
std::string renderText(const Plan& plan);

// The stable JSON schema of docs/plan-format.md ("formatVersion": 1).
Value renderJson(const Plan& plan);

// A value as plan text: compact JSON for objects/arrays, strings quoted,
// unresolved intrinsics as (known after apply).
std::string renderValue(const Value& v);

}  // namespace driftless::reconcile
