#pragma once
#include <memory>

#include "providers/common/provider_base.h"
#include "providers/provider.h"

namespace driftless::lambda {

// AWS::Lambda::LayerVersion. Observe: GetLayerVersion of the version in
// state (a version not yet published is absent). Create: PublishLayerVersion;
// delete: DeleteLayerVersion. The physical id is "<LayerVersionArn>|<S3Bucket>|
// <S3Key>|<S3ObjectVersion>": the content's source, which AWS does not report,
// so a changed Content in the manifest is a replace.
extern const common::MakeProvider makeLayerVersionProvider;

}  // namespace driftless::lambda
