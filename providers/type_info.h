#pragma once
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "providers/value.h"

namespace driftless {

// The shape of one property, declared as data by each provider. reconcile/
// validates manifests against it; diff and state use `secret` and `immutable`.
struct PropertySpec {
  enum class Kind {
    String,
    Integer,  // accepts 5 and "5" (CloudFormation does)
    Number,
    Boolean,  // accepts true and "true"
    Object,   // fields listed in `fields`; unknown fields are errors
    List,     // elements described by `element` (first entry)
    Map,      // free-form string → element map (e.g. Environment.Variables)
    Json,     // any JSON (policy documents, filter policies): compared semantically
    Tags,     // [{Key, Value}] managed as a set
  };
  std::string name;
  Kind kind = Kind::String;
  bool required = false;
  bool immutable = false;             // a change is a replace
  bool secret = false;                // never printed, stored as a keyed hash
  std::vector<PropertySpec> fields;   // Object: its fields
  std::vector<PropertySpec> element;  // List/Map: exactly one entry, the element's spec
  std::vector<std::string> allowed;   // allowed string values, if restricted

  // Builders keep provider declarations short.
  static PropertySpec string(std::string n) { return {std::move(n), Kind::String}; }
  static PropertySpec integer(std::string n) { return {std::move(n), Kind::Integer}; }
  static PropertySpec number(std::string n) { return {std::move(n), Kind::Number}; }
  static PropertySpec boolean(std::string n) { return {std::move(n), Kind::Boolean}; }
  static PropertySpec json(std::string n) { return {std::move(n), Kind::Json}; }
  static PropertySpec tags(std::string n = "Tags") { return {std::move(n), Kind::Tags}; }
  static PropertySpec object(std::string n, std::vector<PropertySpec> f) {
    PropertySpec s{std::move(n), Kind::Object};
    s.fields = std::move(f);
    return s;
  }
  static PropertySpec list(std::string n, PropertySpec e) {
    PropertySpec s{std::move(n), Kind::List};
    s.element.push_back(std::move(e));
    return s;
  }
  static PropertySpec map(std::string n, PropertySpec e) {
    PropertySpec s{std::move(n), Kind::Map};
    s.element.push_back(std::move(e));
    return s;
  }
  PropertySpec& req() {
    required = true;
    return *this;
  }
  PropertySpec& immut() {
    immutable = true;
    return *this;
  }
  PropertySpec& sec() {
    secret = true;
    return *this;
  }
  PropertySpec& oneOf(std::vector<std::string> values) {
    allowed = std::move(values);
    return *this;
  }
};

// The AWS API calls, as CloudTrail records them (and EventBridge delivers them
// as "AWS API Call via CloudTrail"), that change a resource of a type, and
// where the resource's identity is in the event. Declared as data by each
// provider folder (change_events.cpp); the controller maps an event to the
// managed resources it touches and observes only those.
struct ChangeEventRule {
  std::string eventSource;              // "sqs.amazonaws.com"
  std::vector<std::string> eventNames;  // "SetQueueAttributes"; Lambda's dated names
                                        // ("UpdateFunctionConfiguration20150331v2") match
                                        // their undated prefix
  // Dotted paths into the CloudTrail record (`detail`) whose string value names
  // the resource: a name, an ARN or a URL ("requestParameters.queueUrl").
  std::vector<std::string> identityPaths;
};

// The AWS error codes a service answers with, by the kind they mean, beyond
// the generic ones the AWS client knows (providers/aws/errors.cpp). Declared as
// data once per service folder (register.cpp) and carried by each of its types;
// providers/common/errors.h applies them.
struct ErrorCodes {
  std::vector<std::string> notFound;    // "QueueDoesNotExist"
  std::vector<std::string> conflict;    // "QueueNameExists"
  std::vector<std::string> throttling;  // "LimitExceededException" (DynamoDB)
};

// Everything reconcile/ needs to know about a resource type without talking to AWS.
struct TypeInfo {
  std::string type;     // "AWS::SQS::Queue"
  std::string service;  // "sqs": for metrics and the IAM policy
  // "QueueName"; empty when the id comes from AWS (subscriptions).
  std::string physicalNameProperty;
  std::vector<PropertySpec> properties;
  // What `!Ref` returns: the name of an attribute in Observed::attributes
  // ("Arn", "QueueUrl") or "" for the physical id.
  std::string refAttribute;
  std::vector<std::string> getAttributes;  // valid `!GetAtt X.<name>` names
  bool taggable = true;
  // The Resource Groups Tagging API's resource type ("sqs", "dynamodb:table")
  // when observe takes this type's tags from the bulk snapshot
  // (providers/common/tag_snapshot.h); "" = read per resource.
  std::string taggingType;
  // Checks the physical name and cross-property rules (FIFO suffix, ...) of
  // fully resolved properties. Returns problems as "Property: message".
  std::function<std::vector<std::string>(const Properties&)> validate;
  // Dotted paths that are secret for these properties beyond PropertySpec::secret:
  // secrecy that depends on another property (an SSM parameter's Value is secret
  // when its Type is SecureString). Unset = none.
  std::function<std::vector<std::string>(const Properties&)> conditionalSecrets;
  // Every IAM action the provider may call ("sqs:CreateQueue"), so the
  // controller's least-privilege policy (`driftless iam-policy`) is checked
  // against what the code does.
  std::vector<std::string> iamActions;
  // Write events that change it (see ChangeEventRule); empty: only full scans see drift.
  std::vector<ChangeEventRule> changeEvents;
  // The service's own error codes (see ErrorCodes).
  ErrorCodes errors;

  const PropertySpec* property(std::string_view name) const {
    for (const auto& p : properties)
      if (p.name == name) return &p;
    return nullptr;
  }
};

// `info` with its change events (keeps each service's registry line one call).
inline TypeInfo withChangeEvents(TypeInfo info, std::vector<ChangeEventRule> rules) {
  info.changeEvents = std::move(rules);
  return info;
}

}  // namespace driftless
