#pragma once
#include <memory>

#include "providers/common/provider_base.h"
#include "providers/provider.h"

namespace driftless::glue {

// AWS::Glue::Table over the Glue JSON protocol, a child of its database.
// Identity: "<database>|<table>" (the catalog from CatalogId). Observe: one
// GetTable. Not taggable: ownership is the database's and the state entry. A
// change is one UpdateTable with the whole TableInput (the live value of each
// field the manifest does not manage); a new name, database or catalog replaces.
extern const common::MakeProvider makeTableProvider;

}  // namespace driftless::glue
