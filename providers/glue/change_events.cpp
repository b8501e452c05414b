#include "providers/glue/change_events.h"

namespace driftless::glue {

std::vector<ChangeEventRule> databaseChangeEvents() {
  return {{"glue.amazonaws.com", {"UpdateDatabase", "DeleteDatabase"}, {"requestParameters.name"}}};
}

std::vector<ChangeEventRule> tableChangeEvents() {
  // The identity is "<database>|<table>": UpdateTable names the table in its input.
  return {{"glue.amazonaws.com",
           {"UpdateTable"},
           {"{requestParameters.databaseName}|{requestParameters.tableInput.name}"}},
          {"glue.amazonaws.com",
           {"DeleteTable"},
           {"{requestParameters.databaseName}|{requestParameters.name}"}}};
}

}  // namespace driftless::glue
