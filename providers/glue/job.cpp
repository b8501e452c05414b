#include "providers/glue/job.h"

#include "providers/glue/schema.h"
#include "providers/glue/tagged.h"

namespace driftless::glue {

namespace {

// What GetJob answers that the manifest may manage, under the same names.
constexpr std::string_view kJobFields[] = {"Role",
                                           "Command",
                                           "DefaultArguments",
                                           "NonOverridableArguments",
                                           "Description",
                                           "GlueVersion",
                                           "MaxRetries",
                                           "Timeout",
                                           "WorkerType",
                                           "NumberOfWorkers",
                                           "MaxCapacity",
                                           "AllocatedCapacity",
                                           "Connections",
                                           "ExecutionProperty",
                                           "NotificationProperty",
                                           "ExecutionClass",
                                           "LogUri",
                                           "SecurityConfiguration",
                                           "JobMode",
                                           "JobRunQueuingEnabled",
                                           "MaintenanceWindow"};
constexpr std::string_view kArgumentMaps[] = {"DefaultArguments", "NonOverridableArguments"};

class JobProvider final : public TaggedProvider {
 public:
  explicit JobProvider(ProviderContext ctx)
      : TaggedProvider(std::move(ctx), jobTypeInfo(),
                       {.arnKind = "job",
                        .createOp = "CreateJob",
                        .updateOp = "UpdateJob",
                        .getOp = "GetJob",
                        .deleteOp = "DeleteJob",
                        .nameField = "JobName",
                        .item = "Job",
                        .fields = kJobFields}) {}

 protected:
  Value definition(const Desired& d) const override { return requestFields(d, kArgumentMaps); }
  // {JobName, JobUpdate: the whole definition}: JobUpdate replaces the job.
  Value updateBody(const Desired& d, const std::string& name) const override {
    Value body = Value::object();
    body["JobName"] = Value(name);
    body["JobUpdate"] = definition(d);
    return body;
  }
};

}  // namespace

const common::MakeProvider makeJobProvider = common::make<JobProvider>;

}  // namespace driftless::glue
