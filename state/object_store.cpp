#include "state/object_store.h"

#include <algorithm>
#include <functional>

namespace driftless::state::detail {
namespace {

constexpr std::string_view kHistoryFiles[] = {"metadata.json", "plan.json", "state-before.json",
                                              "state-after.json", "execution-log.jsonl"};

std::unexpected<Error> invalid(std::string message) {
  return std::unexpected(Error::make(ErrorKind::Invalid, std::move(message)));
}

// The last path segment without ".json": the cycle id of a drift key.
std::string driftKeyCycleId(std::string_view key) {
  auto slash = key.rfind('/');
  std::string_view name = slash == std::string_view::npos ? key : key.substr(slash + 1);
  if (name.ends_with(".json")) name.remove_suffix(5);
  return std::string(name);
}

}  // namespace

std::string Layout::drift(std::string_view env, std::string_view cycleId) {
  // The cycle id starts with yyyymmdd.
  std::string date = cycleId.size() >= 8 ? std::string(cycleId.substr(0, 4)) + "/" +
                                               std::string(cycleId.substr(4, 2)) + "/" +
                                               std::string(cycleId.substr(6, 2))
                                         : std::string("0000/00/00");
  return driftPrefix(env) + date + "/" + std::string(cycleId) + ".json";
}

std::string Layout::replica(std::string_view id) {
  // Holder ids are "<controller>@<host>:<pid>": keep them readable and key-safe.
  std::string name;
  for (char c : id) {
    bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                 c == '.' || c == '_' || c == '-' || c == '@';
    name += plain ? c : '_';
  }
  return replicasPrefix() + name + ".json";
}

Result<void> checkEnvironmentName(std::string_view env) {
  bool ok =
      !env.empty() && env != "." && env != ".." && env.size() <= 128 && env != Layout::kReplicas;
  for (char c : env) {
    bool allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                   c == '.' || c == '_' || c == '-';
    ok = ok && allowed;
  }
  if (!ok) {
    return invalid("environment name \"" + std::string(env) +
                   "\" cannot be a state key: use letters, digits, '.', '_' and '-'");
  }
  return {};
}

ObjectStore::ObjectStore(StoreOptions options)
    : clock_(options.clock ? std::move(options.clock) : [] { return Clock::now(); }) {}

Awaitable<Result<std::optional<EnvironmentState>>> ObjectStore::readState(std::string env) {
  if (auto ok = checkEnvironmentName(env); !ok) co_return std::unexpected(ok.error());
  std::string key = Layout::state(env);
  auto body = co_await getObject(key);
  if (!body) co_return co_await readStateOffline(env, body.error());
  if (!*body) co_return std::optional<EnvironmentState>{};
  auto st = stateFromJson(**body, where(key));
  if (!st) co_return std::unexpected(st.error());
  co_return std::optional<EnvironmentState>(std::move(*st));
}

Awaitable<Result<std::optional<EnvironmentState>>> ObjectStore::readStateKept(std::string env) {
  if (auto ok = checkEnvironmentName(env); !ok) co_return std::unexpected(ok.error());
  std::string key = Layout::state(env);
  auto got = co_await readVersioned(env);
  if (got && !*got) {
    // Unchanged since it was kept: handed out by move (the next keepState takes it back).
    auto k = kept_.find(env);
    if (k != kept_.end() && k->second.state) {
      EnvironmentState st = std::move(*k->second.state);
      k->second.state.reset();
      k->second.lent = true;
      st.kept = true;
      ++reads_.kept;
      co_return std::optional<EnvironmentState>(std::move(st));
    }
    // Dropped while the version was asked (the lease was lost): read it whole.
    auto whole = co_await getVersioned(key);
    if (whole)
      got = std::optional<Versioned>(std::move(*whole));
    else
      got = std::unexpected(whole.error());
  }
  kept_.erase(env);
  if (!got) co_return co_await readStateOffline(env, got.error());
  Versioned& current = **got;
  if (!current.body) co_return std::optional<EnvironmentState>{};
  ++reads_.full;
  auto st = stateFromJson(*current.body, where(key));
  if (!st) co_return std::unexpected(st.error());
  if (!current.version.empty()) kept_[env] = Kept{current.version, "", false, true, std::nullopt};
  co_return std::optional<EnvironmentState>(std::move(*st));
}

// nullopt: state.json is still the version of the kept copy.
Awaitable<Result<std::optional<Versioned>>> ObjectStore::readVersioned(const std::string& env) {
  std::string key = Layout::state(env);
  auto k = kept_.find(env);
  if (k != kept_.end() && k->second.state && !k->second.version.empty()) {
    std::string version = k->second.version;
    co_return co_await getIfChanged(key, version);
  }
  auto whole = co_await getVersioned(key);
  if (!whole) co_return std::unexpected(whole.error());
  co_return std::optional<Versioned>(std::move(*whole));
}

void ObjectStore::keepState(std::string env, EnvironmentState state) {
  auto k = kept_.find(env);
  if (k == kept_.end() || !k->second.lent) return;  // not what state.json holds now
  k->second.lent = false;
  // What a read of it would give: the lease its write named, as parsed.
  if (k->second.written) state.lease = k->second.lease;
  // A state whose text would not read back (corrupt) is not kept: the next read says so.
  if (normaliseAsRead(state)) k->second.state = std::move(state);
}

Awaitable<Result<std::optional<EnvironmentState>>> ObjectStore::readStateOffline(
    const std::string& env, Error error) {
  // Only a fenced environment: nobody else can have written state.json since
  // this store last did, as long as its lease lives (the caller checks that).
  auto fenced = fences_.find(env);
  if (fenced == fences_.end() || !isUnreachable(error)) co_return std::unexpected(error);
  if (fenced->second.version.empty()) co_return std::optional<EnvironmentState>{};
  auto copy = localCopy(env);
  if (!copy) co_return std::unexpected(error);
  auto st = stateFromJson(*copy, where(Layout::state(env)) + " (local copy)");
  if (!st) co_return std::unexpected(st.error());
  st->localCopy = true;
  co_return std::optional<EnvironmentState>(std::move(*st));
}

Awaitable<Result<void>> ObjectStore::writeState(std::string env, const EnvironmentState& state) {
  if (auto ok = checkEnvironmentName(env); !ok) co_return ok;
  std::string key = Layout::state(env);
  kept_.erase(env);  // kept again only after a fenced write that landed
  auto fenced = fences_.find(env);
  if (fenced == fences_.end()) {
    std::string body = stateToJson(state);
    co_return co_await putObject(key, body);
  }
  std::string leaseId = fenced->second.leaseId;
  std::string body = stateToJson(state, leaseId);
  auto put = co_await putIfVersion(key, body, fenced->second.version);
  if (!put) {
    if (put.error().kind != ErrorKind::Conflict) co_return std::unexpected(put.error());
    Error e = Error::make(ErrorKind::Conflict,
                          where(key) +
                              " was written by another controller since this one took "
                              "the lease of " +
                              env + ": the lease was lost, this write is refused");
    e.code = "LeaseLost";
    co_return std::unexpected(std::move(e));
  }
  fences_[env].version = *put;
  kept_[env] = Kept{*put, std::move(leaseId), true, true, std::nullopt};
  keepLocalCopy(env, body);
  co_return Result<void>{};
}

Awaitable<Result<void>> ObjectStore::fence(std::string env, std::string leaseId) {
  std::string key = Layout::state(env);
  kept_.erase(env);  // a lease (re)acquired: nothing kept from before counts
  // A write of the previous holder may land between our read and our write:
  // then we read again (its state is the newest truth) and fence that.
  for (int attempt = 0; attempt < 3; ++attempt) {
    auto current = co_await getVersioned(key);
    if (!current) co_return std::unexpected(current.error());
    if (!current->body) {
      // Nothing to fence yet: our first write must create it (If-None-Match).
      fences_[env] = Fence{leaseId, ""};
      co_return Result<void>{};
    }
    auto st = stateFromJson(*current->body, where(key));
    if (!st) {
      // Corrupt: the cycle refuses to prune and says so; the next write replaces it.
      fences_[env] = Fence{leaseId, current->version};
      co_return Result<void>{};
    }
    std::string body = stateToJson(*st, leaseId);
    auto put = co_await putIfVersion(key, body, current->version);
    if (put) {
      fences_[env] = Fence{leaseId, *put};
      keepLocalCopy(env, body);
      co_return Result<void>{};
    }
    if (put.error().kind != ErrorKind::Conflict) co_return std::unexpected(put.error());
  }
  co_return fail(ErrorKind::Conflict,
                 where(key) + " keeps changing while taking the lease of " + env + "; try again");
}

Awaitable<Result<void>> ObjectStore::writeStatus(std::string env, const StatusRecord& status) {
  if (auto ok = checkEnvironmentName(env); !ok) co_return ok;
  std::string body = statusToValue(status).toPrettyJson() + "\n";
  co_return co_await putObject(Layout::status(env), body);
}

Awaitable<Result<std::optional<StatusRecord>>> ObjectStore::readStatus(std::string env) {
  if (auto ok = checkEnvironmentName(env); !ok) co_return std::unexpected(ok.error());
  std::string key = Layout::status(env);
  auto body = co_await getObject(key);
  if (!body) co_return std::unexpected(body.error());
  if (!*body) co_return std::optional<StatusRecord>{};
  auto s = statusFromJson(**body, where(key));
  if (!s) co_return std::unexpected(s.error());
  co_return std::optional<StatusRecord>(std::move(*s));
}

Awaitable<Result<void>> ObjectStore::writeCycle(std::string env, const CycleRecord& record) {
  if (auto ok = checkEnvironmentName(env); !ok) co_return ok;
  const std::string& id = record.metadata.cycleId;
  if (!isCycleId(id)) {
    co_return invalid("cycle id \"" + id + "\" is not of the form 20261122T101500Z-<commit>-<n>");
  }
  // metadata.json goes last: a cycle whose metadata is listed is complete. Each
  // body is made just before its put and dropped after it, so at most one of them
  // is in memory (at 10,000 resources each state file is megabytes of text).
  std::vector<std::pair<std::string, std::function<std::string()>>> objects;
  objects.emplace_back(Layout::history(env, id, "plan.json"),
                       [&] { return record.plan.toPrettyJson() + "\n"; });
  if (record.stateBefore) {
    objects.emplace_back(Layout::history(env, id, "state-before.json"),
                         [&] { return stateToJson(*record.stateBefore); });
  }
  if (record.stateAfter) {
    objects.emplace_back(Layout::history(env, id, "state-after.json"),
                         [&] { return stateToJson(*record.stateAfter); });
  }
  objects.emplace_back(Layout::history(env, id, "execution-log.jsonl"), [&] {
    std::string log;
    for (const auto& line : record.executionLog)
      log += line.toJson() + "\n";
    return log;
  });
  if (!record.drift.empty()) {
    objects.emplace_back(Layout::drift(env, id), [&] {
      DriftRecord drift;
      drift.cycleId = id;
      drift.environment = env;
      drift.commit = record.metadata.commit;
      drift.timestamp = record.metadata.start;
      drift.events = record.drift;
      return driftToValue(drift).toPrettyJson() + "\n";
    });
  }
  objects.emplace_back(Layout::history(env, id, "metadata.json"), [&] {
    CycleMetadata meta = record.metadata;
    if (meta.environment.empty()) meta.environment = env;
    return metadataToValue(meta).toPrettyJson() + "\n";
  });
  for (const auto& [key, make] : objects) {
    std::string body = make();
    auto put = co_await putObject(key, body);
    if (!put) co_return put;
  }
  co_return Result<void>{};
}

Awaitable<Result<std::vector<CycleMetadata>>> ObjectStore::listHistory(std::string env,
                                                                       std::size_t limit) {
  if (auto ok = checkEnvironmentName(env); !ok) co_return std::unexpected(ok.error());
  std::string prefix = Layout::historyPrefix(env);
  auto listing = co_await listObjects(prefix, "", true);
  if (!listing) co_return std::unexpected(listing.error());
  std::vector<std::string> ids;
  for (const auto& p : listing->prefixes) {
    std::string id = p.substr(prefix.size());
    if (!id.empty() && id.back() == '/') id.pop_back();
    if (isCycleId(id)) ids.push_back(std::move(id));
  }
  std::sort(ids.begin(), ids.end(), std::greater<>());
  std::vector<CycleMetadata> out;
  for (const auto& id : ids) {
    if (limit != 0 && out.size() >= limit) break;
    std::string key = Layout::history(env, id, "metadata.json");
    auto body = co_await getObject(key);
    if (!body) co_return std::unexpected(body.error());
    if (!*body) continue;  // a cycle still being written (or cut off mid-write)
    auto meta = metadataFromJson(**body, where(key));
    if (!meta) co_return std::unexpected(meta.error());
    out.push_back(std::move(*meta));
  }
  co_return out;
}

Awaitable<Result<CycleRecord>> ObjectStore::readHistory(std::string env, std::string cycleId) {
  if (auto ok = checkEnvironmentName(env); !ok) co_return std::unexpected(ok.error());
  if (!isCycleId(cycleId)) {
    co_return invalid("\"" + cycleId + "\" is not a cycle id (20261122T101500Z-<commit>-<n>)");
  }
  CycleRecord rec;
  std::string metaKey = Layout::history(env, cycleId, "metadata.json");
  auto meta = co_await getObject(metaKey);
  if (!meta) co_return std::unexpected(meta.error());
  if (!*meta) {
    co_return fail(ErrorKind::NotFound, "no cycle " + cycleId + " in the history of " + env);
  }
  auto m = metadataFromJson(**meta, where(metaKey));
  if (!m) co_return std::unexpected(m.error());
  rec.metadata = std::move(*m);

  std::string planKey = Layout::history(env, cycleId, "plan.json");
  auto plan = co_await getObject(planKey);
  if (!plan) co_return std::unexpected(plan.error());
  if (*plan) {
    auto v = Value::fromJson(**plan);
    if (!v) co_return invalid(where(planKey) + ": " + v.error().message);
    rec.plan = std::move(*v);
  }
  for (bool before : {true, false}) {
    std::string key =
        Layout::history(env, cycleId, before ? "state-before.json" : "state-after.json");
    auto body = co_await getObject(key);
    if (!body) co_return std::unexpected(body.error());
    if (!*body) continue;
    auto st = stateFromJson(**body, where(key));
    if (!st) co_return std::unexpected(st.error());
    (before ? rec.stateBefore : rec.stateAfter) = std::move(*st);
  }
  std::string logKey = Layout::history(env, cycleId, "execution-log.jsonl");
  auto log = co_await getObject(logKey);
  if (!log) co_return std::unexpected(log.error());
  if (*log) {
    std::string_view text = **log;
    std::size_t lineNo = 0;
    while (!text.empty()) {
      auto nl = text.find('\n');
      std::string_view line = text.substr(0, nl);
      text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
      ++lineNo;
      if (line.empty()) continue;
      auto v = Value::fromJson(line);
      if (!v) {
        co_return invalid(where(logKey) + ":" + std::to_string(lineNo) + ": " + v.error().message);
      }
      rec.executionLog.push_back(std::move(*v));
    }
  }
  std::string driftKey = Layout::drift(env, cycleId);
  auto drift = co_await getObject(driftKey);
  if (!drift) co_return std::unexpected(drift.error());
  if (*drift) {
    auto d = driftFromJson(**drift, where(driftKey));
    if (!d) co_return std::unexpected(d.error());
    rec.drift = std::move(d->events);
  }
  co_return rec;
}

Awaitable<Result<std::vector<DriftRecord>>> ObjectStore::listDrift(std::string env,
                                                                   std::optional<TimePoint> since) {
  if (auto ok = checkEnvironmentName(env); !ok) co_return std::unexpected(ok.error());
  std::string prefix = Layout::driftPrefix(env);
  std::string startAfter;
  if (since) {
    // "drift/2026/11/21" sorts just before every key of that day.
    std::string day = formatTimestamp(*since).substr(0, 10);  // 2026-11-21
    startAfter = prefix + day.substr(0, 4) + "/" + day.substr(5, 2) + "/" + day.substr(8, 2);
  }
  auto listing = co_await listObjects(prefix, startAfter, false);
  if (!listing) co_return std::unexpected(listing.error());
  std::vector<DriftRecord> out;
  for (const auto& key : listing->keys) {
    if (!key.ends_with(".json")) continue;
    auto t = cycleIdTime(driftKeyCycleId(key));
    if (!t) continue;  // not ours
    if (since && *t < *since) continue;
    auto body = co_await getObject(key);
    if (!body) co_return std::unexpected(body.error());
    if (!*body) continue;  // deleted by retention meanwhile
    auto rec = driftFromJson(**body, where(key));
    if (!rec) co_return std::unexpected(rec.error());
    out.push_back(std::move(*rec));
  }
  co_return out;
}

Awaitable<Result<RetentionResult>> ObjectStore::applyRetention(std::string env, TimePoint now,
                                                               std::chrono::hours retention,
                                                               std::size_t batch) {
  if (auto ok = checkEnvironmentName(env); !ok) co_return std::unexpected(ok.error());
  if (batch == 0) batch = 1;
  TimePoint cutoff = now - retention;
  RetentionResult result;

  std::string historyPrefix = Layout::historyPrefix(env);
  auto cycles = co_await listObjects(historyPrefix, "", true);
  if (!cycles) co_return std::unexpected(cycles.error());
  for (const auto& p : cycles->prefixes) {
    std::string id = p.substr(historyPrefix.size());
    if (!id.empty() && id.back() == '/') id.pop_back();
    auto t = cycleIdTime(id);
    if (!t) continue;
    if (*t >= cutoff) break;  // ids sort by time
    auto files = co_await listObjects(p, "", false);
    if (!files) co_return std::unexpected(files.error());
    // metadata.json first: a half-deleted cycle is then no longer listed.
    std::vector<std::string> keys = files->keys;
    std::stable_partition(keys.begin(), keys.end(),
                          [](const std::string& k) { return k.ends_with("/metadata.json"); });
    for (const auto& key : keys) {
      if (result.deleted >= batch) {
        result.more = true;
        co_return result;
      }
      auto del = co_await deleteObject(key);
      if (!del) co_return std::unexpected(del.error());
      ++result.deleted;
    }
  }

  std::string driftPrefix = Layout::driftPrefix(env);
  auto drift = co_await listObjects(driftPrefix, "", false);
  if (!drift) co_return std::unexpected(drift.error());
  for (const auto& key : drift->keys) {
    auto t = cycleIdTime(driftKeyCycleId(key));
    if (!t) continue;
    if (*t >= cutoff) break;  // keys sort by date, then by cycle id
    if (result.deleted >= batch) {
      result.more = true;
      co_return result;
    }
    auto del = co_await deleteObject(key);
    if (!del) co_return std::unexpected(del.error());
    ++result.deleted;
  }
  co_return result;
}

Awaitable<Result<bool>> ObjectStore::isSuspended(std::string env) {
  if (auto ok = checkEnvironmentName(env); !ok) co_return std::unexpected(ok.error());
  std::string key = Layout::suspended(env);
  auto body = co_await getObject(key);
  if (!body) co_return std::unexpected(body.error());
  if (!*body) co_return false;
  auto v = Value::fromJson(**body);
  if (!v || !v->isObject()) co_return invalid(where(key) + ": not a JSON object");
  const Value* s = v->find("suspended");
  co_return s && s->isBool() && s->asBool();
}

Awaitable<Result<void>> ObjectStore::setSuspended(std::string env, bool suspended) {
  if (auto ok = checkEnvironmentName(env); !ok) co_return ok;
  Value v = Value::object();
  v["version"] = 1;
  v["suspended"] = suspended;
  v["since"] = formatTimestamp(now());
  std::string body = v.toPrettyJson() + "\n";
  co_return co_await putObject(Layout::suspended(env), body);
}

Awaitable<Result<void>> ObjectStore::writeHeartbeat(ReplicaHeartbeat heartbeat) {
  Value v = Value::object();
  v["version"] = 1;
  v["replica"] = heartbeat.replica;
  v["expires"] = formatTimestamp(heartbeat.expires);
  v["expiresMs"] = static_cast<std::int64_t>(
      std::chrono::duration_cast<std::chrono::milliseconds>(heartbeat.expires.time_since_epoch())
          .count());
  v["holds"] = heartbeat.holds;
  v["environments"] = heartbeat.environments;
  std::string body = v.toJson() + "\n";
  co_return co_await putEphemeral(Layout::replica(heartbeat.replica), body);
}

Awaitable<Result<std::vector<ReplicaHeartbeat>>> ObjectStore::listHeartbeats() {
  auto listing = co_await listObjects(Layout::replicasPrefix(), "", true);
  if (!listing) co_return std::unexpected(listing.error());
  std::vector<ReplicaHeartbeat> out;
  for (const auto& key : listing->keys) {
    auto body = co_await getObject(key);
    if (!body) co_return std::unexpected(body.error());
    if (!*body) continue;  // removed meanwhile
    auto v = Value::fromJson(**body);
    if (!v || !v->isObject()) continue;  // not ours, or cut off: ignored
    const Value* replica = v->find("replica");
    const Value* expires = v->find("expiresMs");
    if (!replica || !replica->isString() || !expires || !expires->isInt()) continue;
    ReplicaHeartbeat hb;
    hb.replica = replica->asString();
    hb.expires = TimePoint(std::chrono::milliseconds(expires->asInt()));
    if (const Value* h = v->find("holds"); h && h->isInt()) hb.holds = static_cast<int>(h->asInt());
    if (const Value* e = v->find("environments"); e && e->isInt())
      hb.environments = static_cast<int>(e->asInt());
    out.push_back(std::move(hb));
  }
  co_return out;
}

Awaitable<Result<void>> ObjectStore::removeHeartbeat(std::string replica) {
  co_return co_await deleteObject(Layout::replica(replica));
}

}  // namespace driftless::state::detail
