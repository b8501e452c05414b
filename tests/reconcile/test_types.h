#pragma once
// Resource types for reconcile/ tests, declared here so the tests do not move
// when a provider's real schema changes: SQS-, S3-, SNS- and SSM-like types
// with the same names, physical names, attributes and rules as the real ones.
#include <string>
#include <vector>

#include "providers/registry.h"

namespace driftless::reconcile::test {

inline bool validQueueChars(const std::string& s) {
  for (char c : s)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.'))
      return false;
  return true;
}

inline TypeInfo queueType() {
  TypeInfo t;
  t.type = "AWS::SQS::Queue";
  t.service = "sqs";
  t.physicalNameProperty = "QueueName";
  t.properties = {
      PropertySpec::string("QueueName").immut(),
      PropertySpec::boolean("FifoQueue").immut(),
      PropertySpec::integer("MessageRetentionPeriod"),
      PropertySpec::integer("VisibilityTimeout"),
      PropertySpec::integer("DelaySeconds"),
      PropertySpec::object("RedrivePolicy", {PropertySpec::string("deadLetterTargetArn").req(),
                                             PropertySpec::integer("maxReceiveCount").req()}),
      PropertySpec::tags(),
  };
  t.refAttribute = "QueueUrl";
  t.getAttributes = {"Arn", "QueueName", "QueueUrl"};
  t.validate = [](const Properties& p) {
    std::vector<std::string> problems;
    const Value* name = p.find("QueueName");
    const Value* fifo = p.find("FifoQueue");
    bool isFifo = fifo && fifo->isBool() && fifo->asBool();
    if (name && name->isString()) {
      const std::string& n = name->asString();
      bool suffix = n.size() > 5 && n.ends_with(".fifo");
      std::string base = suffix ? n.substr(0, n.size() - 5) : n;
      if (n.empty() || n.size() > 80 || !validQueueChars(base) ||
          base.find('.') != std::string::npos)
        problems.push_back("QueueName: '" + n +
                           "' must be 1-80 characters of letters, digits, '-' and '_'");
      else if (isFifo && !suffix)
        problems.push_back("QueueName: a FIFO queue name must end with .fifo");
      else if (!isFifo && suffix)
        problems.push_back("QueueName: a name ending with .fifo needs FifoQueue: true");
    }
    return problems;
  };
  return t;
}

inline TypeInfo bucketType() {
  TypeInfo t;
  t.type = "AWS::S3::Bucket";
  t.service = "s3";
  t.physicalNameProperty = "BucketName";
  t.properties = {
      PropertySpec::string("BucketName").immut(),
      PropertySpec::object("VersioningConfiguration",
                           {PropertySpec::string("Status").req().oneOf({"Enabled", "Suspended"})}),
      PropertySpec::tags(),
  };
  t.getAttributes = {"Arn", "DomainName"};
  t.validate = [](const Properties& p) {
    std::vector<std::string> problems;
    const Value* name = p.find("BucketName");
    if (name && name->isString()) {
      const std::string& n = name->asString();
      bool ok = n.size() >= 3 && n.size() <= 63;
      for (char c : n)
        if (!(std::islower(static_cast<unsigned char>(c)) ||
              std::isdigit(static_cast<unsigned char>(c)) || c == '-' || c == '.'))
          ok = false;
      if (ok && (!std::isalnum(static_cast<unsigned char>(n.front())) ||
                 !std::isalnum(static_cast<unsigned char>(n.back()))))
        ok = false;
      if (!ok)
        problems.push_back("BucketName: '" + n +
                           "' is not a valid bucket name (3-63 lowercase letters, digits, '.', "
                           "'-'; starts and ends with a letter or digit)");
    }
    return problems;
  };
  return t;
}

inline TypeInfo bucketPolicyType() {
  TypeInfo t;
  t.type = "AWS::S3::BucketPolicy";
  t.service = "s3";
  t.physicalNameProperty = "Bucket";
  t.properties = {PropertySpec::string("Bucket").req().immut(),
                  PropertySpec::json("PolicyDocument").req()};
  t.taggable = false;
  return t;
}

inline TypeInfo topicType() {
  TypeInfo t;
  t.type = "AWS::SNS::Topic";
  t.service = "sns";
  t.physicalNameProperty = "TopicName";
  t.properties = {PropertySpec::string("TopicName").immut(), PropertySpec::string("DisplayName"),
                  PropertySpec::tags()};
  t.refAttribute = "TopicArn";
  t.getAttributes = {"TopicArn", "TopicName"};
  return t;
}

inline TypeInfo parameterType() {
  TypeInfo t;
  t.type = "AWS::SSM::Parameter";
  t.service = "ssm";
  t.physicalNameProperty = "Name";
  t.properties = {
      PropertySpec::string("Name").immut(),
      PropertySpec::string("Type").req().oneOf({"String", "StringList", "SecureString"}),
      PropertySpec::string("Value").req().sec(), PropertySpec::string("Description"),
      PropertySpec::tags()};
  t.getAttributes = {"Type", "Value"};
  return t;
}

// Like AWS::SNS::Subscription: no physical name; AWS assigns the id, and the
// identity is made of properties (topic, protocol, endpoint).
inline TypeInfo subscriptionType() {
  TypeInfo t;
  t.type = "AWS::SNS::Subscription";
  t.service = "sns";
  t.properties = {PropertySpec::string("TopicArn").req().immut(),
                  PropertySpec::string("Protocol").req().immut(),
                  PropertySpec::string("Endpoint").immut()};
  t.taggable = false;
  return t;
}

// The registry of the types above, without provider factories (offline).
inline const Registry& testRegistry() {
  static const Registry registry = [] {
    Registry r;
    for (auto t : {queueType(), bucketType(), bucketPolicyType(), topicType(), parameterType(),
                   subscriptionType()})
      r.add(std::move(t), nullptr);
    return r;
  }();
  return registry;
}

}  // namespace driftless::reconcile::test
