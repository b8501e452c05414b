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

// Tags of jobs and crawlers: TagResource/UntagResource name the ARN, which
// names the type (job/, crawler/).
std::vector<ChangeEventRule> jobChangeEvents() {
  return {
      {"glue.amazonaws.com", {"UpdateJob", "DeleteJob"}, {"requestParameters.jobName"}},
      {"glue.amazonaws.com", {"TagResource", "UntagResource"}, {"requestParameters.resourceArn"}}};
}

std::vector<ChangeEventRule> crawlerChangeEvents() {
  return {
      {"glue.amazonaws.com", {"UpdateCrawler", "DeleteCrawler"}, {"requestParameters.name"}},
      {"glue.amazonaws.com", {"TagResource", "UntagResource"}, {"requestParameters.resourceArn"}}};
}

}  // namespace driftless::glue
