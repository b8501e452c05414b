#pragma once
// AWS's own change events: CloudTrail management events delivered by an
// EventBridge rule ("AWS API Call via CloudTrail") to an SQS queue. This file
// is the pure part: parse one message body, decide whether it matters, and map
// it to the managed resources it touches (each type declares the events that
// change it: TypeInfo::changeEvents). The daemon's queue consumer
// (daemon_events.cpp) turns the matches into targeted cycles.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "providers/error.h"
#include "providers/registry.h"
#include "providers/resource_id.h"
#include "providers/value.h"
#include "state/state_types.h"

namespace driftless::controller {

// One CloudTrail record as EventBridge delivers it (the fields driftless reads).
struct ChangeEvent {
  std::string id;           // the EventBridge event id
  std::string source;       // "aws.sqs"
  std::string eventSource;  // "sqs.amazonaws.com"
  std::string eventName;    // "SetQueueAttributes"
  std::string eventTime;    // RFC 3339, when AWS recorded the call
  std::string principal;    // detail.userIdentity.arn ("" when absent)
  std::string sourceIp;     // detail.sourceIPAddress
  std::string userAgent;    // detail.userAgent
  bool readOnly = false;    // detail.readOnly, or a Get/List/Describe/Head call
  Value detail;             // the whole CloudTrail record

  // Who changed what, for drift records and the log: {principal, eventName,
  // eventTime, sourceIPAddress, userAgent}.
  Value cause() const;
};

// Parses an SQS message body holding an EventBridge event. An error (kind
// Invalid) says what is wrong in one line; the body is never echoed (it may hold
// request parameters of someone's call).
Result<ChangeEvent> parseChangeEvent(std::string_view body);

enum class EventVerdict {
  Matched,    // changes at least one managed resource
  Own,        // made by driftless itself (its User-Agent or, if asked, its principal)
  ReadOnly,   // a read; changes nothing
  Unmanaged,  // a write to nothing this controller manages
  Invalid,    // not an EventBridge-delivered CloudTrail record
};
std::string_view toString(EventVerdict verdict);

struct EventTarget {
  std::string environment;
  ResourceId id;
  std::string type;
};

// The managed resources of every environment by the names AWS uses for them
// in events: physical id, ARN, URL (by its path, so an endpoint's host does not
// matter), as recorded in state. Rebuilt from state after every cycle.
class ResourceIndex {
 public:
  void rebuild(const std::string& environment, const state::EnvironmentState& st);
  void remove(const std::string& environment);
  // Without `events:` nothing reads the index: rebuild() then keeps nothing (35,000
  // entries, 6.7 MiB held between cycles at 10,000 resources).
  void disable() {
    enabled_ = false;
    byName_.clear();
  }
  // Resources of `type` known under `name` (any environment).
  std::vector<EventTarget> find(std::string_view type, std::string_view name) const;
  std::size_t size() const { return byName_.size(); }

 private:
  std::multimap<std::string, EventTarget, std::less<>> byName_;  // "type|normalized name"
  bool enabled_ = true;
};

// The form names are compared in: a URL by its path, an ARN without a trailing ":*".
std::string normalizeIdentity(std::string_view name);

struct Classified {
  EventVerdict verdict = EventVerdict::Invalid;
  std::vector<EventTarget> targets;  // Matched: sorted, unique
};

struct ClassifyOptions {
  std::vector<std::string> ownPrincipals;  // the caller ARNs driftless runs as (STS)
  bool ignoreOwnPrincipal = false;
};

Classified classify(const ChangeEvent& event, const Registry& registry, const ResourceIndex& index,
                    const ClassifyOptions& options);

}  // namespace driftless::controller
