#pragma once
// What `driftless history` and `driftless drift` print, so the controller's
// subcommands only read the Store and call these.
#include <string>
#include <vector>

#include "providers/value.h"
#include "state/records.h"

namespace driftless::state {

// Text table, one cycle a line, in the order given (listHistory: newest first):
//   CYCLE  COMMIT  TRIGGER  RESULT  CREATED UPDATED REPLACED DELETED FAILED DRIFTED  DURATION
// "No cycles recorded for environment <env>." when empty.
std::string formatHistoryText(const std::string& env, const std::vector<CycleMetadata>& cycles);
// {"environment": env, "cycles": [metadata.json objects]}
Value historyToValue(const std::string& env, const std::vector<CycleMetadata>& cycles);

// Text table, one drift event a line:
//   TIME  CYCLE  RESOURCE  TYPE  PROPERTY  EXPECTED  LIVE  CORRECTED
// Secret properties show "(secret)" for both values; long values are cut.
std::string formatDriftText(const std::string& env, const std::vector<DriftRecord>& records);
// {"environment": env, "events": [{cycleId, timestamp, commit, resource, ...}]}
// with secret values replaced by "(secret)".
Value driftToReportValue(const std::string& env, const std::vector<DriftRecord>& records);

// `--since DATE`: "2026-11-22", "2026-11-22T10:15:00Z", or a duration back
// from now ("24h", "7d"). One-line error naming the value otherwise.
Result<TimePoint> parseSince(std::string_view text, TimePoint now);

}  // namespace driftless::state
