#pragma once
// The controller's least-privilege IAM policy, made from the declarations
// (`driftless iam-policy`, docs/operations.md#iam-policy): one statement per
// service with every action its registered types declare (TypeInfo::iamActions),
// an iam:PassRole statement per service whose types pass roles (conditioned on
// iam:PassedToService), and the statements that belong to no type (the state
// store, the controller's own calls, narrowed resources), which are data in
// iam_policy.cpp. Adding a type changes the output without any edit here.
#include <string>
#include <vector>

#include "providers/registry.h"

namespace driftless::iampolicy {

struct Options {
  std::string stateBucket = "REPLACE-WITH-STATE-BUCKET";
  std::string statePrefix;  // the controller's state.prefix ("" or ending with '/')
  std::string eventsQueue = "REPLACE-WITH-EVENTS-QUEUE";  // the change-events queue's name
  // The notification topics' ARNs (sns:Publish); empty = a placeholder topic.
  std::vector<std::string> notificationTopics;
};

struct Statement {
  std::string sid;
  std::vector<std::string> actions;  // sorted, no duplicates
  std::vector<std::string> resources;
  std::string passedToService;  // "lambda.amazonaws.com": an iam:PassedToService condition
};

// The statements, in the order they are printed.
std::vector<Statement> statements(const Registry& registry, const Options& options);

// The policy document (JSON, two-space indented, ending with a newline).
std::string render(const std::vector<Statement>& statements);

}  // namespace driftless::iampolicy
