#pragma once
#include <memory>

#include "providers/common/provider_base.h"
#include "providers/provider.h"

namespace driftless::glue {

// AWS::Glue::Job over the Glue JSON protocol. Identity: the name. Observe:
// GetJob and GetTags (2 calls). A change is one UpdateJob with the manifest's
// whole definition (JobUpdate replaces the job: what the manifest does not
// write returns to AWS's defaults, as with CloudFormation); tags through
// TagResource/UntagResource; a new name replaces.
extern const common::MakeProvider makeJobProvider;

}  // namespace driftless::glue
