#include "providers/events/tags.h"

namespace driftless::events {

Awaitable<Result<Value>> listTags(aws::Client& client, const std::string& arn) {
  Value request = Value::object();
  request["ResourceARN"] = Value(arn);
  auto tags = co_await common::jsonCall(client, "events", "ListTagsForResource", request);
  if (!tags) co_return fail(tags.error());
  co_return common::manifestTags(kTagApi, tags->find("Tags"));
}

}  // namespace driftless::events
