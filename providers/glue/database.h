#pragma once
#include <memory>

#include "providers/common/provider_base.h"
#include "providers/provider.h"

namespace driftless::glue {

// AWS::Glue::Database over the Glue JSON protocol. Identity: the catalog and
// the name (DatabaseName, else DatabaseInput.Name). Observe: one GetDatabase.
// Not taggable: ownership is the state entry. A change is one UpdateDatabase
// with the whole DatabaseInput (the live value of each field the manifest
// does not manage).
extern const common::MakeProvider makeDatabaseProvider;

}  // namespace driftless::glue
