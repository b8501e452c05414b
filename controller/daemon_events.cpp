// The daemon's consumer of AWS change events (controller.events): CloudTrail
// management events that an EventBridge rule delivers to an SQS queue. Each
// write event that names a managed resource wakes that resource's environment
// for a targeted cycle; a burst for one resource is one cycle. A message is
// deleted once every environment it named has recorded a cycle after it
// arrived (or at once, when it names nothing managed), so a crash re-delivers
// what was not yet acted on.
#include "controller/daemon.h"

#include <algorithm>

#include "controller/unmanaged.h"

namespace driftless::controller {

namespace {

constexpr int kWaitSeconds = 20;  // SQS long poll
constexpr int kBatch = 10;        // SQS maximum per ReceiveMessage
constexpr std::chrono::seconds kRetryAfterError{5};

std::string member(const Value& v, const char* key) {
  const Value* f = v.find(key);
  return f && f->isString() ? f->asString() : std::string();
}

}  // namespace

void Daemon::routeChangeEvent(const std::string& body, const std::string& receipt,
                              std::vector<std::string>& unused, std::set<std::string>& wake) {
  auto event = parseChangeEvent(body);
  if (!event) {
    runtime_->metrics().changeEvent(std::string(toString(EventVerdict::Invalid)));
    Event e;
    e.name = "change_event.invalid";
    e.level = "warn";
    e.fields["error"] = event.error().message;
    runtime_->events().publish(std::move(e));
    unused.push_back(receipt);
    return;
  }
  ClassifyOptions options;
  options.ignoreOwnPrincipal = config_.controller.events->ignoreOwnPrincipal;
  for (auto& [name, slot] : slots_)
    if (!slot.env->principal.empty()) options.ownPrincipals.push_back(slot.env->principal);
  Classified c = classify(*event, runtime_->registry(), runtime_->changeIndex(), options);
  runtime_->metrics().changeEvent(std::string(toString(c.verdict)));
  if (c.verdict != EventVerdict::Matched) {
    unused.push_back(receipt);
    return;
  }
  std::set<std::string> woken;
  for (const auto& t : c.targets) {
    auto slot = slots_.find(t.environment);
    if (slot == slots_.end()) continue;
    slot->second.eventTargets.insert(t.id);
    slot->second.eventCauses[t.id] = event->cause();
    woken.insert(t.environment);
  }
  if (woken.empty()) {
    unused.push_back(receipt);
    return;
  }
  messageOwners_[receipt] += static_cast<int>(woken.size());
  for (const auto& env : woken) {
    slots_.at(env).eventReceipts.push_back(receipt);
    Event e;
    e.name = "change_event.received";
    e.env = env;
    e.fields["eventName"] = event->eventName;
    e.fields["principal"] = event->principal;
    Value ids = Value::array();
    for (const auto& t : c.targets)
      if (t.environment == env) ids.push(t.id.str());
    e.fields["resources"] = std::move(ids);
    runtime_->events().publish(std::move(e));
    wake.insert(env);
  }
}

Awaitable<void> Daemon::changeEvents() {
  aws::Client& sqs = *runtime_->eventsClient();
  const std::string queueUrl = config_.controller.events->queueUrl;
  // An event can only be mapped once the first cycles have indexed the resources.
  firstCycles_ = std::make_unique<asio::steady_timer>(io_);
  auto started = [&] {
    return std::all_of(slots_.begin(), slots_.end(), [](const auto& s) {
      return s.second.cycledOnce || s.second.suspended || s.second.settled;
    });
  };
  while (!stopping_ && !started()) {
    firstCycles_->expires_after(std::chrono::hours(1));
    boost::system::error_code ec;
    co_await firstCycles_->async_wait(asio::redirect_error(asio::use_awaitable, ec));
  }
  asio::steady_timer pause(io_);
  std::set<std::string> woken;  // environments to wake once the queue is drained
  while (!stopping_) {
    Value request = Value::object();
    request["QueueUrl"] = queueUrl;
    request["MaxNumberOfMessages"] = kBatch;
    request["WaitTimeSeconds"] = kWaitSeconds;
    auto received = co_await sqs.json("sqs", "ReceiveMessage", request);
    if (stopping_) break;
    if (!received) {
      Event e;
      e.name = "change_event.receive_failed";
      e.level = "warn";
      e.fields["error"] = received.error().describe();
      runtime_->events().publish(std::move(e));
      pause.expires_after(kRetryAfterError);
      boost::system::error_code ec;
      co_await pause.async_wait(asio::redirect_error(asio::use_awaitable, ec));
      continue;
    }
    std::vector<std::string> unused;
    std::size_t count = 0;
    if (const Value* messages = received->find("Messages"); messages && messages->isArray()) {
      count = messages->asArray().size();
      for (const auto& m : messages->asArray())
        routeChangeEvent(member(m, "Body"), member(m, "ReceiptHandle"), unused, woken);
    }
    if (!unused.empty()) co_await deleteMessages(std::move(unused));
    // A burst already queued is read whole before its cycles start, so many events
    // for one resource make one observation of it.
    if (count < static_cast<std::size_t>(kBatch)) {
      for (const auto& env : woken)
        trigger(env, Trigger::Event);
      woken.clear();
    }
  }
}

Awaitable<void> Daemon::unmanagedScans(Slot& slot) {
  asio::steady_timer timer(io_);
  while (!stopping_) {
    timer.expires_after(slot.env->config.unmanagedScanInterval);
    boost::system::error_code ec;
    co_await timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    if (stopping_) break;
    if (slot.suspended || !slot.env->lease) continue;  // the holder of the lease scans
    auto report = co_await findUnmanaged(*runtime_, *slot.env, false);
    if (!report) {
      Event e;
      e.name = "unmanaged.failed";
      e.env = slot.env->config.name;
      e.level = "warn";
      e.fields["error"] = report.error().describe();
      runtime_->events().publish(std::move(e));
      continue;
    }
    runtime_->metrics().setUnmanaged(slot.env->config.name, "leaked", report->count("leaked"));
  }
}

std::vector<std::string> Daemon::takeChangeEvents(Slot& slot, CycleRequest& request) {
  if (request.trigger == Trigger::Event) request.targets = std::move(slot.eventTargets);
  request.causes = std::move(slot.eventCauses);
  slot.eventTargets.clear();
  slot.eventCauses.clear();
  return std::exchange(slot.eventReceipts, {});
}

Awaitable<void> Daemon::settleChangeEvents(std::vector<std::string> receipts) {
  std::vector<std::string> done;
  for (auto& r : receipts) {
    auto it = messageOwners_.find(r);
    if (it == messageOwners_.end() || --it->second > 0) continue;
    messageOwners_.erase(it);
    done.push_back(std::move(r));
  }
  if (!done.empty()) co_await deleteMessages(std::move(done));
}

Awaitable<void> Daemon::deleteMessages(std::vector<std::string> receipts) {
  aws::Client* sqs = runtime_->eventsClient();
  if (!sqs) co_return;
  for (std::size_t start = 0; start < receipts.size(); start += kBatch) {
    Value entries = Value::array();
    for (std::size_t i = start; i < receipts.size() && i < start + kBatch; ++i) {
      Value entry = Value::object();
      entry["Id"] = "m" + std::to_string(i);
      entry["ReceiptHandle"] = receipts[i];
      entries.push(std::move(entry));
    }
    Value request = Value::object();
    request["QueueUrl"] = config_.controller.events->queueUrl;
    request["Entries"] = std::move(entries);
    auto deleted = co_await sqs->json("sqs", "DeleteMessageBatch", request);
    if (!deleted) {  // re-delivered after the visibility timeout: acted on twice, never lost
      Event e;
      e.name = "change_event.delete_failed";
      e.level = "warn";
      e.fields["error"] = deleted.error().describe();
      runtime_->events().publish(std::move(e));
    }
  }
}

}  // namespace driftless::controller
