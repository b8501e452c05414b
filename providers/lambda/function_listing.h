#pragma once
// Lambda functions in bulk (issue 20): ListFunctions, 50 functions a page,
// returns each function's configuration as GetFunction's "Configuration" has
// it, less State/LastUpdateStatus (AWS leaves them out of the listing; their
// absence reads as Active and settled) and without what GetFunction adds
// beside it: Tags (taken from the Tagging API snapshot, common/tag_snapshot.h),
// Code (an image's ImageUri) and Concurrency. So a listed function is used only
// when its tags are the snapshot's agreed ones, it is a Zip function, and the
// manifest does not manage ReservedConcurrentExecutions; any other is read
// with GetFunction, as are all of them when the cost model (common/bulk_read.h)
// prefers one read each.
#include "providers/common/bulk_read.h"

namespace driftless::lambda {

// The account's functions in this region, as a bulk source of the
// AWS::Lambda::Function type (scope "lambda:functions").
common::BulkSource functionListing(const ProviderContext& ctx);

// Whether a listed configuration is enough to observe the function `desired`
// (see above); its tags then come from the snapshot.
bool listedIsEnough(const Properties& desired, const Value& configuration);

}  // namespace driftless::lambda
