#pragma once
// Runs a Plan against the providers (SPEC §4): wave after wave, at most
// `concurrency` actions at a time; a failure skips the actions that depend on
// it and nothing else; cancellation stops starting actions and lets started
// ones finish.
#include <atomic>
#include <chrono>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "providers/asio.h"
#include "reconcile/plan.h"
#include "reconcile/provider_set.h"
#include "state/state_types.h"

namespace driftless::reconcile {

enum class Outcome {
  Succeeded,
  Failed,     // the provider returned an error (ResourceResult::error)
  Skipped,    // a dependency failed or was skipped
  Cancelled,  // not started because cancellation was requested
};
std::string_view toString(Outcome outcome);

struct ResourceResult {
  std::size_t action = 0;  // index into Plan::actions
  ResourceId id;
  std::string type;
  ActionKind kind = ActionKind::Noop;
  Outcome outcome = Outcome::Succeeded;
  std::string physicalId;
  std::optional<Observed> observed;  // Create/Update/Replace success: the live result
  std::optional<Error> error;        // Failed: the provider's error; Skipped: which dependency
  std::chrono::milliseconds duration{0};
};

// Emitted as actions start and end (on the executor's thread), for the
// reconcile log: "resource.created", ...
struct ExecutionEvent {
  enum class Phase { Started, Finished };
  Phase phase = Phase::Started;
  const Action* action = nullptr;
  const ResourceResult* result = nullptr;  // Finished only
};

struct ExecuteOptions {
  std::size_t concurrency = 8;
  // Polled before starting each action; when true nothing new starts.
  const std::atomic<bool>* cancel = nullptr;
  std::function<void(const ExecutionEvent&)> onEvent;
  // Hashes secret values for the new state (state::SecretHasher::hash);
  // required when any resource has secret paths, else those values are
  // replaced by "(secret)" in state (a later plan then sees them as changed).
  SecretHash hashSecret;
  std::string timestamp;  // for the new state (RFC 3339); the caller's clock
};

struct ExecutionResult {
  // One entry per executed-or-attempted action (Plan::waves order).
  std::vector<ResourceResult> results;
  // lastApplied with every successful action written (and Noops refreshed);
  // failed, skipped, blocked and cancelled ones keep their previous entry.
  state::EnvironmentState state;
  bool cancelled = false;
  std::size_t succeeded = 0, failed = 0, skipped = 0, cancelledCount = 0;
  // A refused plan (Plan::refusal) executes nothing and reports it here.
  std::string refusal;

  bool ok() const { return failed == 0 && skipped == 0 && !cancelled && refusal.empty(); }
};

// Properties as state keeps them: the value at each secret path hashed with
// `hash`, or replaced by "(secret)" without one. The one masker of what state
// records (the executor and `state rebuild`).
Value storedProperties(Value properties, const std::vector<std::string>& secretPaths,
                       const SecretHash& hash);

// Resolves "known after apply" values from the results of the actions an
// action depends on (Ref via TypeInfo::refAttribute, GetAtt via
// Observed::attributes), re-diffs updates against the resolved values, then
// calls create/update/remove. Replace = remove then create.
Awaitable<ExecutionResult> execute(const Plan& plan, const state::EnvironmentState& lastApplied,
                                   ProviderSet& providers, const ExecuteOptions& options = {});

}  // namespace driftless::reconcile
