#include "providers/glue/change_events.h"

namespace driftless::glue {

std::vector<ChangeEventRule> databaseChangeEvents() {
  return {{"glue.amazonaws.com", {"UpdateDatabase", "DeleteDatabase"}, {"requestParameters.name"}}};
}

}  // namespace driftless::glue
