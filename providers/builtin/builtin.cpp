#include "providers/builtin/builtin.h"
#include "providers/athena/register.h"
#include "providers/cloudwatch/register.h"
#include "providers/dynamodb/register.h"
#include "providers/ec2/register.h"
#include "providers/ecr/register.h"
#include "providers/events/register.h"
#include "providers/glue/register.h"
#include "providers/iam/register.h"
#include "providers/kinesis/register.h"
#include "providers/kms/register.h"
#include "providers/lambda/register.h"
#include "providers/logs/register.h"
#include "providers/s3/register.h"
#include "providers/scheduler/register.h"
#include "providers/secretsmanager/register.h"
#include "providers/sns/register.h"
#include "providers/sqs/register.h"
#include "providers/ssm/register.h"
#include "providers/stepfunctions/register.h"

namespace driftless {

const Registry& builtinRegistry() {
  static const Registry registry = [] {
    Registry r;
    // One line per service: <service>::registerTypes(r);
    athena::registerTypes(r);
    cloudwatch::registerTypes(r);
    dynamodb::registerTypes(r);
    ec2::registerTypes(r);
    ecr::registerTypes(r);
    events::registerTypes(r);
    glue::registerTypes(r);
    iam::registerTypes(r);
    kinesis::registerTypes(r);
    kms::registerTypes(r);
    lambda::registerTypes(r);
    logs::registerTypes(r);
    s3::registerTypes(r);
    scheduler::registerTypes(r);
    secretsmanager::registerTypes(r);
    sns::registerTypes(r);
    sqs::registerTypes(r);
    stepfunctions::registerTypes(r);
    ssm::registerTypes(r);
    return r;
  }();
  return registry;
}

}  // namespace driftless
