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
constexpr std::string_view kNotSent[] = {"Name", "Tags"};
constexpr std::string_view kArgumentMaps[] = {"DefaultArguments", "NonOverridableArguments"};

class JobProvider final : public TaggedProvider {
 public:
  explicit JobProvider(ProviderContext ctx)
      : TaggedProvider(std::move(ctx), jobTypeInfo(),
                       {.arnKind = "job",
                        .getOp = "GetJob",
                        .deleteOp = "DeleteJob",
                        .nameField = "JobName",
                        .item = "Job",
                        .fields = kJobFields}) {}

  Awaitable<Result<Observed>> create(const Desired& desired) override {
    Value body = requestFields(desired, kNotSent, kArgumentMaps);
    body["Name"] = Value(name(desired));
    body["Tags"] = createTags(desired);
    auto r = co_await call("CreateJob", body);
    if (!r) co_return fail(r.error());
    co_return co_await read(name(desired));
  }

  Awaitable<Result<Observed>> update(const Desired& desired, const Observed& live,
                                     const Delta& delta) override {
    if (!delta.onlyAt({"Tags"})) {
      Value body = Value::object();
      body["JobName"] = Value(name(desired, live));
      body["JobUpdate"] = requestFields(desired, kNotSent, kArgumentMaps);
      auto r = co_await call("UpdateJob", body);
      if (!r) co_return fail(r.error());
    }
    co_return co_await finishUpdate(desired, live, delta);
  }
};

}  // namespace

std::unique_ptr<Provider> makeJobProvider(const ProviderContext& ctx) {
  return std::make_unique<JobProvider>(ctx);
}

}  // namespace driftless::glue
