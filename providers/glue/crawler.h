#pragma once
#include <memory>

#include "providers/common/provider_base.h"
#include "providers/provider.h"

namespace driftless::glue {

// AWS::Glue::Crawler over the Glue JSON protocol. Identity: the name. Observe:
// GetCrawler and GetTags (2 calls). A change is one UpdateCrawler of the
// manifest's definition (fields it does not write are left as they are);
// tags through TagResource/UntagResource; a new name replaces. The schedule
// is CloudFormation's {ScheduleExpression}, the API's string; Configuration a
// JSON document sent as its text.
extern const common::MakeProvider makeCrawlerProvider;

}  // namespace driftless::glue
