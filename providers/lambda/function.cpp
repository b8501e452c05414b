// AWS::Lambda::Function on the Lambda REST-JSON API. Code and configuration
// updates are never concurrent: each waits for LastUpdateStatus Successful.
// Environment variable values are secrets: a Delta names the variables that
// differ, never their values.
#include <chrono>
#include <functional>

#include "providers/aws/client.h"
#include "providers/aws/crypto.h"
#include "providers/common/errors.h"
#include "providers/common/provider_base.h"
#include "providers/common/tag_snapshot.h"
#include "providers/common/tags.h"
#include "providers/common/validate.h"
#include "providers/common/wait.h"
#include "providers/compare.h"
#include "providers/lambda/function.h"
#include "providers/lambda/function_listing.h"
#include "providers/lambda/schema.h"
#include "providers/lambda/zip.h"
#include "providers/redact.h"

namespace driftless::lambda {

namespace {

using common::withContext;
using redact::kMask;

// Records which S3 object the code came from: Lambda reports only CodeSha256.
constexpr std::string_view kCodeTag = "driftless:code";
constexpr std::string_view kApi = "/2015-03-31/functions/";
constexpr std::string_view kCodeSigningApi = "/2020-06-30/functions/";

// The config fields UpdateFunctionConfiguration takes, by manifest name.
constexpr std::string_view kConfigProperties[] = {"Role",
                                                  "Runtime",
                                                  "Handler",
                                                  "MemorySize",
                                                  "Timeout",
                                                  "Environment",
                                                  "Description",
                                                  "EphemeralStorage",
                                                  "Layers",
                                                  "TracingConfig",
                                                  "DeadLetterConfig",
                                                  "VpcConfig",
                                                  "KmsKeyArn",
                                                  "FileSystemConfigs",
                                                  "LoggingConfig",
                                                  "SnapStart",
                                                  "ImageConfig",
                                                  "DurableConfig",
                                                  "CapacityProviderConfig"};

// Configuration blocks whose manifest shape is the API's, by manifest and API
// name; `extra` is what the API adds to its answer (dropped by observe);
// `absent` (JSON) is what the API's silence means, which is also how a
// manifest switches the block off ("TargetArn": "" removes a dead-letter queue).
struct ConfigBlock {
  std::string_view property;
  std::string_view api;
  std::string_view extra;
  std::string_view absent;
};
constexpr ConfigBlock kConfigBlocks[] = {
    {"TracingConfig", "TracingConfig", "", R"({"Mode": "PassThrough"})"},
    {"DeadLetterConfig", "DeadLetterConfig", "", R"({"TargetArn": ""})"},
    {"VpcConfig", "VpcConfig", "VpcId", R"({"SubnetIds": [], "SecurityGroupIds": []})"},
    {"KmsKeyArn", "KMSKeyArn", "", R"("")"},
    {"FileSystemConfigs", "FileSystemConfigs", "", "[]"},
    {"LoggingConfig", "LoggingConfig", "", ""},
    {"SnapStart", "SnapStart", "OptimizationStatus", R"({"ApplyOn": "None"})"},
    {"DurableConfig", "DurableConfig", "", ""},
    {"CapacityProviderConfig", "CapacityProviderConfig", "", ""}};

// Settings that are sub-resources of their own, read and put at
// /<version>/functions/<name>/<suffix>; read only when the manifest has them.
struct SubResource {
  std::string_view property;
  std::string_view version;
  std::string_view suffix;
  std::string_view getOp;
  std::string_view putOp;
};
constexpr SubResource kSubResources[] = {
    {"RuntimeManagementConfig", "2021-07-20", "runtime-management-config",
     "GetRuntimeManagementConfig", "PutRuntimeManagementConfig"},
    {"RecursiveLoop", "2024-08-31", "recursion-config", "GetFunctionRecursionConfig",
     "PutFunctionRecursionConfig"}};

// The Put body of a sub-resource: RuntimeManagementConfig's fields as they
// are, RecursiveLoop as {"RecursiveLoop": ...}.
Value subResourceBody(const SubResource& s, const Value& v) {
  if (v.isObject()) return v;
  Value b = Value::object();
  b[s.property] = Value(v.scalarText());
  return b;
}

// The manifest's value from a Get answer.
Value subResourceValue(const SubResource& s, const Value& answer) {
  if (s.property == "RecursiveLoop") {
    const Value* v = answer.find("RecursiveLoop");
    return v ? *v : Value("Terminate");
  }
  Value out = Value::object();
  for (const char* k : {"UpdateRuntimeOn", "RuntimeVersionArn"})
    if (const Value* v = answer.find(k); v && !v->isNull() && !v->scalarText().empty()) out[k] = *v;
  return out;
}

// The request form of a configuration block: Ipv6AllowedForDualStack as a
// JSON boolean (a manifest may say "true"), a durable function's limits as
// JSON integers.
Value blockRequest(std::string_view property, const Value& v) {
  Value out = v;
  if (property == "VpcConfig" && v.isObject())
    if (auto b = common::boolLike(v.find("Ipv6AllowedForDualStack")))
      out["Ipv6AllowedForDualStack"] = Value(*b);
  if (property == "DurableConfig" && v.isObject())
    for (const char* k : {"ExecutionTimeout", "RetentionPeriodInDays"})
      if (auto n = common::intLike(v.find(k))) out[k] = Value(*n);
  if (const Value* m = v.find("LambdaManagedInstancesCapacityProviderConfig");
      property == "CapacityProviderConfig" && m && m->isObject()) {
    Value& managed = out["LambdaManagedInstancesCapacityProviderConfig"];
    if (auto n = common::intLike(m->find("PerExecutionEnvironmentMaxConcurrency")))
      managed["PerExecutionEnvironmentMaxConcurrency"] = Value(*n);
    if (const Value* g = m->find("ExecutionEnvironmentMemoryGiBPerVCpu"); g && g->isString())
      managed["ExecutionEnvironmentMemoryGiBPerVCpu"] = Value(std::stod(g->asString()));
  }
  return out;
}

// What observe reports for one block: the API's answer without what it adds.
void observeBlocks(const Value& cfg, Properties& p) {
  for (const auto& b : kConfigBlocks) {
    const Value* v = cfg.find(b.api);
    if (!v || v->isNull()) {
      if (auto absent = Value::fromJson(b.absent); !b.absent.empty() && absent)
        p[b.property] = std::move(*absent);
      continue;
    }
    Value out = *v;
    if (!b.extra.empty() && out.isObject()) out.erase(b.extra);
    p[b.property] = std::move(out);
  }
}

std::string zipOf(const Properties& p) {
  const Value* src = p.findPath("Code.ZipFile");
  const Value* rt = p.find("Runtime");
  return zipSingleFile(inlineFileName(rt ? rt->scalarText() : ""), src ? src->scalarText() : "");
}

// sha256 of the desired S3 location + the CodeSha256 it produced.
std::string s3CodeMarker(const Value& code, std::string_view codeSha) {
  Value loc = Value::object();
  for (const char* k : {"S3Bucket", "S3Key", "S3ObjectVersion"})
    if (const Value* v = code.find(k)) loc[k] = Value(v->scalarText());
  return aws::sha256Hex(loc.toJson()).substr(0, 32) + " " + std::string(codeSha);
}

void maskedVariables(const Value* desired, const Value* live, Delta& out) {
  Value::Object d = desired && desired->isObject() ? desired->asObject() : Value::Object{};
  Value::Object l = live && live->isObject() ? live->asObject() : Value::Object{};
  for (const auto& [k, v] : d) {
    auto it = l.find(k);
    if (it == l.end())
      out.changes.push_back({"Environment.Variables." + k, Value(kMask), std::nullopt});
    else if (it->second.scalarText() != v.scalarText())
      out.changes.push_back({"Environment.Variables." + k, Value(kMask), Value(kMask)});
  }
  for (const auto& [k, v] : l)
    if (!d.contains(k))
      out.changes.push_back({"Environment.Variables." + k, std::nullopt, Value(kMask)});
}

bool roleNotReady(const Error& e) {
  return e.code == "InvalidParameterValueException" &&
         e.message.find("cannot be assumed") != std::string::npos;
}

class FunctionProvider final : public common::ProviderBase {
 public:
  explicit FunctionProvider(const ProviderContext& ctx)
      : ProviderBase(ctx, functionTypeInfo()), listing_(functionListing(ctx_)) {}

  Delta diff(const Desired& desired, const Observed& live) const override {
    Delta d = compareProperties(info_, desired.properties, live.properties);
    Delta out;
    bool envDone = false;
    for (auto& c : d.changes) {
      if (c.path == "Environment" || c.path.starts_with("Environment.Variables")) {
        if (!envDone)
          maskedVariables(desired.properties.findPath("Environment.Variables"),
                          live.properties.findPath("Environment.Variables"), out);
        envDone = true;
        continue;
      }
      out.changes.push_back(std::move(c));
    }
    return out;
  }

  // In a full observation, from the one ListFunctions listing when the cost
  // model chose it and the listed configuration is enough (function_listing.h).
  Awaitable<Result<Observed>> observe(const Desired& desired) override {
    const std::string n = name(desired);
    auto listed = co_await common::bulkFind(ctx_, listing_, n);
    if (!listed) co_return co_await read(n, desired.properties);
    if (!listed->item) co_return Observed{};  // not in the listing: absent
    const Value* arn = listed->item->find("FunctionArn");
    std::string arnText = arn ? arn->scalarText() : "";
    auto tags = co_await common::awaitAgreedTags(ctx_, desired, std::move(arnText));
    if (!tags || !listedIsEnough(desired.properties, *listed->item))
      co_return co_await read(n, desired.properties);
    const Value function = Value::object();  // no Code, no Concurrency beside it
    const Value::Object tagsOf = tagMap(*tags, false);
    co_return co_await observed(n, desired.properties, *listed->item, function, tagsOf);
  }

  Awaitable<Result<Observed>> create(const Desired& desired) override {
    const std::string n = name(desired);
    const Properties& p = desired.properties;
    Value body = configBody(p);
    body["FunctionName"] = Value(n);
    body["Code"] = codeBody(p);
    if (const Value* a = p.find("Architectures")) body["Architectures"] = *a;
    if (const Value* t = p.find("PackageType")) body["PackageType"] = Value(t->scalarText());
    if (const Value* c = p.find("CodeSigningConfigArn"); c && !c->scalarText().empty())
      body["CodeSigningConfigArn"] = Value(c->scalarText());
    // Set once: UpdateFunctionConfiguration does not take it (a change replaces).
    if (const Value* t = p.find("TenancyConfig")) body["TenancyConfig"] = *t;
    auto tags = common::createTags(p.find("Tags"), ctx_.ownershipTags(desired.id));
    Value tagObj = Value::object();
    for (auto& [k, v] : tags)
      tagObj[k] = v;
    body["Tags"] = std::move(tagObj);
    // A role created moments ago may not be assumable by Lambda yet (IAM is
    // eventually consistent): retry a few times, then report it as a wait.
    auto r = co_await call("CreateFunction", "POST", std::string(kApi.substr(0, kApi.size() - 1)),
                           body, n);
    for (std::chrono::milliseconds delay{1000};
         !r && roleNotReady(r.error()) && delay <= std::chrono::milliseconds(8000); delay *= 2) {
      co_await common::sleepFor(delay);
      r = co_await call("CreateFunction", "POST", std::string(kApi.substr(0, kApi.size() - 1)),
                        body, n);
    }
    if (!r) {
      Error e = r.error();
      if (roleNotReady(e)) e = common::waiting(std::move(e), std::chrono::seconds(15));
      co_return fail(std::move(e));
    }
    if (auto w = co_await waitReady(n); !w) co_return fail(w.error());
    if (auto t = co_await recordS3Code(n, p, *r); !t) co_return fail(t.error());
    if (auto c = co_await putConcurrency(n, p); !c) co_return fail(c.error());
    for (const auto& sub : kSubResources)
      if (auto c = co_await putSubResource(sub, n, p); !c) co_return fail(c.error());
    co_return co_await read(n, p);
  }

  Awaitable<Result<Observed>> update(const Desired& desired, const Observed& live,
                                     const Delta& delta) override {
    const std::string n = name(desired);
    const Properties& p = desired.properties;
    bool config = false;
    for (auto prop : kConfigProperties)
      if (delta.differentAt(prop)) config = true;
    if (config) {
      if (auto w = co_await waitReady(n); !w) co_return fail(w.error());
      auto r = co_await call("UpdateFunctionConfiguration", "PUT",
                             std::string(kApi) + n + "/configuration", configBody(p), n);
      if (!r) co_return fail(r.error());
      if (auto w = co_await waitReady(n); !w) co_return fail(w.error());
    }
    std::optional<Value> codeResult;
    if (delta.differentAt("Code") || delta.differentAt("Architectures")) {
      if (auto w = co_await waitReady(n); !w) co_return fail(w.error());
      Value body = codeBody(p);
      if (const Value* a = p.find("Architectures")) body["Architectures"] = *a;
      auto r = co_await call("UpdateFunctionCode", "PUT", std::string(kApi) + n + "/code", body, n);
      if (!r) co_return fail(r.error());
      codeResult = *r;
      if (auto w = co_await waitReady(n); !w) co_return fail(w.error());
    }
    auto plan = common::tagUpdate(ctx_, desired, live, delta);
    const Value* arnV = live.attributes.find("Arn");
    const std::string arn = arnV ? arnV->scalarText() : "";
    if (!plan.set.empty()) {
      Value body = Value::object();
      Value t = Value::object();
      for (auto& [k, v] : plan.set)
        t[k] = v;
      body["Tags"] = std::move(t);
      if (auto r = co_await call("TagResource", "POST", "/2017-03-31/tags/" + arn, body, n); !r)
        co_return fail(r.error());
    }
    if (!plan.remove.empty()) {
      aws::RestRequest req;
      req.method = "DELETE";
      req.path = "/2017-03-31/tags/" + arn;
      for (auto& k : plan.remove)
        req.query.emplace_back("tagKeys", k);
      if (auto r = co_await send("UntagResource", std::move(req), n); !r) co_return fail(r.error());
    }
    if (codeResult)
      if (auto t = co_await recordS3Code(n, p, *codeResult); !t) co_return fail(t.error());
    if (delta.differentAt("ReservedConcurrentExecutions"))
      if (auto c = co_await putConcurrency(n, p); !c) co_return fail(c.error());
    if (delta.differentAt("CodeSigningConfigArn"))
      if (auto c = co_await putCodeSigning(n, p); !c) co_return fail(c.error());
    for (const auto& sub : kSubResources)
      if (delta.differentAt(sub.property))
        if (auto c = co_await putSubResource(sub, n, p); !c) co_return fail(c.error());
    co_return co_await read(n, p);
  }

  Awaitable<Result<void>> remove(const Desired& desired, const Observed& live) override {
    std::string n = name(desired, live);
    aws::RestRequest req;
    req.method = "DELETE";
    req.path = std::string(kApi) + n;
    auto r = co_await send("DeleteFunction", std::move(req), n);
    co_return common::deleted(r);
  }

 private:
  static Value configBody(const Properties& p) {
    Value b = Value::object();
    for (const char* k : {"Role", "Runtime", "Handler", "Description"})
      if (const Value* v = p.find(k)) b[k] = Value(v->scalarText());
    for (const char* k : {"MemorySize", "Timeout"})
      if (auto n = common::intLike(p.find(k))) b[k] = Value(*n);
    if (const Value* vars = p.findPath("Environment.Variables")) {
      Value env = Value::object();
      Value out = Value::object();
      if (vars->isObject())
        for (const auto& [k, v] : vars->asObject())
          out[k] = Value(v.scalarText());
      env["Variables"] = std::move(out);
      b["Environment"] = std::move(env);
    } else if (p.find("Environment")) {
      Value env = Value::object();
      env["Variables"] = Value::object();
      b["Environment"] = std::move(env);
    }
    if (auto size = common::intLike(p.findPath("EphemeralStorage.Size"))) {
      Value e = Value::object();
      e["Size"] = Value(*size);
      b["EphemeralStorage"] = std::move(e);
    }
    if (const Value* l = p.find("Layers")) b["Layers"] = *l;
    for (const auto& block : kConfigBlocks)
      if (const Value* v = p.find(block.property)) b[block.api] = blockRequest(block.property, *v);
    if (const Value* ic = p.find("ImageConfig")) b["ImageConfig"] = *ic;
    return b;
  }

  static Value codeBody(const Properties& p) {
    Value c = Value::object();
    if (const Value* uri = p.findPath("Code.ImageUri")) {
      c["ImageUri"] = Value(uri->scalarText());
      return c;
    }
    if (p.findPath("Code.ZipFile")) {
      c["ZipFile"] = Value(aws::base64(zipOf(p)));
      return c;
    }
    for (const char* k : {"S3Bucket", "S3Key", "S3ObjectVersion"})
      if (const Value* v = p.findPath(std::string("Code.") + k)) c[k] = Value(v->scalarText());
    return c;
  }

  Awaitable<Result<aws::HttpResponse>> send(std::string_view op, aws::RestRequest req,
                                            const std::string& n) {
    req.operation = std::string(op);
    auto r = co_await ctx_.aws->rest("lambda", std::move(req));
    if (!r) {
      Error e = r.error();
      // Lambda validation messages can echo the request; the request may hold
      // environment values. Keep the code, drop such a message.
      if (e.message.find("Variables") != std::string::npos ||
          e.message.find("Environment") != std::string::npos)
        e.message = "lambda:" + std::string(op) + ": the request was rejected (" + e.code +
                    "; message withheld: it may quote environment values)";
      co_return fail(withContext(std::move(e), "lambda:" + std::string(op), "function " + n));
    }
    co_return std::move(*r);
  }

  Awaitable<Result<Value>> call(std::string_view op, std::string method, std::string path,
                                const Value& body, const std::string& n) {
    aws::RestRequest req;
    req.method = std::move(method);
    req.path = std::move(path);
    req.headers.emplace_back("Content-Type", "application/json");
    req.body = body.toJson();
    auto r = co_await send(op, std::move(req), n);
    if (!r) co_return fail(r.error());
    if (r->body.empty()) co_return Value::object();
    auto v = Value::fromJson(r->body);
    if (!v)
      co_return fail(ErrorKind::Transient,
                     "function " + n + ": lambda:" + std::string(op) + " returned unreadable JSON");
    co_return std::move(*v);
  }

  // Bounded wait until the function accepts the next change: State Active and
  // LastUpdateStatus Successful (or absent, on older functions).
  Awaitable<Result<void>> waitReady(const std::string& n) {
    std::function<Awaitable<Result<bool>>()> check = [this, n] { return ready(n); };
    std::string what = "function " + n + " to finish its last change";
    common::WaitOptions options{.initialDelay = std::chrono::milliseconds(200),
                                .maxDelay = std::chrono::milliseconds(5000),
                                .timeout = std::chrono::minutes(4),
                                .retryAfter = std::chrono::seconds(30)};
    co_return co_await common::waitUntil(check, what, options);
  }

  // Whether the function is Active with LastUpdateStatus Successful (or absent,
  // on older functions); an error when Lambda reports the last change failed.
  Awaitable<Result<bool>> ready(const std::string& n) {
    aws::RestRequest req;
    req.path = std::string(kApi) + n + "/configuration";
    auto r = co_await send("GetFunctionConfiguration", std::move(req), n);
    if (!r) co_return fail(r.error());
    auto v = Value::fromJson(r->body);
    if (!v) co_return fail(ErrorKind::Transient, "function " + n + ": unreadable configuration");
    const Value* state = v->find("State");
    const Value* last = v->find("LastUpdateStatus");
    std::string s = state ? state->scalarText() : "Active";
    std::string u = last ? last->scalarText() : "Successful";
    if (s == "Failed" || u == "Failed") {
      const Value* why = v->find(s == "Failed" ? "StateReason" : "LastUpdateStatusReason");
      co_return fail(ErrorKind::Invalid, "function " + n +
                                             ": Lambda reports the last change failed" +
                                             (why ? ": " + why->scalarText() : std::string()));
    }
    co_return s == "Active" && u == "Successful";
  }

  // Reserved concurrency is its own sub-resource (PutFunctionConcurrency).
  Awaitable<Result<void>> putConcurrency(const std::string& n, const Properties& p) {
    auto reserved = common::intLike(p.find("ReservedConcurrentExecutions"));
    if (!reserved) co_return Result<void>{};
    Value body = Value::object();
    body["ReservedConcurrentExecutions"] = Value(*reserved);
    auto r = co_await call("PutFunctionConcurrency", "PUT",
                           "/2017-10-31/functions/" + n + "/concurrency", body, n);
    if (!r) co_return fail(r.error());
    co_return Result<void>{};
  }

  // The code signing configuration is its own sub-resource: "" detaches it.
  Awaitable<Result<void>> putCodeSigning(const std::string& n, const Properties& p) {
    const Value* arn = p.find("CodeSigningConfigArn");
    if (!arn) co_return Result<void>{};
    const std::string path = std::string(kCodeSigningApi) + n + "/code-signing-config";
    if (arn->scalarText().empty()) {
      aws::RestRequest req;
      req.method = "DELETE";
      req.path = path;
      auto r = co_await send("DeleteFunctionCodeSigningConfig", std::move(req), n);
      co_return common::deleted(r);
    }
    Value body = Value::object();
    body["CodeSigningConfigArn"] = Value(arn->scalarText());
    auto r = co_await call("PutFunctionCodeSigningConfig", "PUT", path, body, n);
    if (!r) co_return fail(r.error());
    co_return Result<void>{};
  }

  Awaitable<Result<void>> putSubResource(const SubResource& sub, const std::string& n,
                                         const Properties& p) {
    const Value* v = p.find(sub.property);
    if (!v) co_return Result<void>{};
    const std::string path =
        "/" + std::string(sub.version) + "/functions/" + n + "/" + std::string(sub.suffix);
    const Value body = subResourceBody(sub, *v);
    auto r = co_await call(sub.putOp, "PUT", path, body, n);
    if (!r) co_return fail(r.error());
    co_return Result<void>{};
  }

  Awaitable<Result<void>> readSubResources(const std::string& n, const Properties& desired,
                                           Properties& out) {
    for (const auto& sub : kSubResources) {
      if (!desired.find(sub.property)) continue;
      aws::RestRequest req;
      req.path = "/" + std::string(sub.version) + "/functions/" + n + "/" + std::string(sub.suffix);
      auto r = co_await send(sub.getOp, std::move(req), n);
      if (!r) co_return fail(r.error());
      auto v = Value::fromJson(r->body.empty() ? "{}" : r->body);
      out[sub.property] = subResourceValue(sub, v ? *v : Value::object());
    }
    co_return Result<void>{};
  }

  // Reads CodeSigningConfigArn ("" when none) when the manifest manages it.
  Awaitable<Result<void>> readCodeSigning(const std::string& n, const Properties& desired,
                                          Properties& out) {
    if (!desired.find("CodeSigningConfigArn")) co_return Result<void>{};
    aws::RestRequest req;
    req.path = std::string(kCodeSigningApi) + n + "/code-signing-config";
    auto r = co_await send("GetFunctionCodeSigningConfig", std::move(req), n);
    if (!r) co_return fail(r.error());
    auto v = Value::fromJson(r->body);
    const Value* arn = v ? v->find("CodeSigningConfigArn") : nullptr;
    out["CodeSigningConfigArn"] = Value(arn && !arn->isNull() ? arn->scalarText() : "");
    co_return Result<void>{};
  }

  // For S3 code, tags the function with where its current code came from.
  Awaitable<Result<void>> recordS3Code(const std::string& n, const Properties& p,
                                       const Value& response) {
    const Value* code = p.find("Code");
    if (!code || code->find("ZipFile") || code->find("ImageUri")) co_return Result<void>{};
    const Value* arn = response.find("FunctionArn");
    const Value* sha = response.find("CodeSha256");
    if (!arn || !sha) co_return Result<void>{};
    Value body = Value::object();
    Value t = Value::object();
    t[kCodeTag] = Value(s3CodeMarker(*code, sha->scalarText()));
    body["Tags"] = std::move(t);
    auto r = co_await call("TagResource", "POST", "/2017-03-31/tags/" + arn->scalarText(), body, n);
    if (!r) co_return fail(r.error());
    co_return Result<void>{};
  }

  // Code: equal to the manifest's when what runs is what it describes; an
  // image function's ImageUri as Lambda reports it.
  static Value liveCode(const Properties& desired, const Value& function, const Value::Object& tags,
                        const std::string& codeSha) {
    Value code = Value::object();
    const Value* dc = desired.find("Code");
    if (const Value* uri = function.findPath("Code.ImageUri")) {
      const Value* want = dc ? dc->find("ImageUri") : nullptr;
      if (want && want->scalarText() == uri->scalarText()) return *dc;
      code["ImageUri"] = *uri;
      return code;
    }
    if (dc && dc->isObject()) {
      if (dc->find("ZipFile")) {
        if (aws::sha256Base64(zipOf(desired)) == codeSha) code = *dc;
      } else {
        auto it = tags.find(kCodeTag);
        if (it != tags.end() && it->second.scalarText() == s3CodeMarker(*dc, codeSha)) code = *dc;
      }
    }
    if (code.size() == 0) code["CodeSha256"] = Value(codeSha);
    return code;
  }

  Awaitable<Result<Observed>> read(const std::string& n, const Properties& desired) {
    Observed o;
    aws::RestRequest req;
    req.path = std::string(kApi) + n;
    auto r = co_await send("GetFunction", std::move(req), n);
    if (!r) {
      if (r.error().kind == ErrorKind::NotFound) co_return o;
      co_return fail(r.error());
    }
    auto v = Value::fromJson(r->body);
    if (!v)
      co_return fail(ErrorKind::Transient, "function " + n + ": unreadable GetFunction reply");
    const Value* cfg = v->find("Configuration");
    if (!cfg)
      co_return fail(ErrorKind::Transient, "function " + n + ": GetFunction had no Configuration");
    Value::Object tags;
    if (const Value* t = v->find("Tags")) tags = tagMap(*t, false);
    co_return co_await observed(n, desired, *cfg, *v, tags);
  }

  // The function from its configuration (GetFunction's Configuration, or a
  // ListFunctions item), what GetFunction has beside it (`function`: Code,
  // Concurrency; empty for a listed one) and its tags.
  Awaitable<Result<Observed>> observed(const std::string& n, const Properties& desired,
                                       const Value& configuration, const Value& function,
                                       const Value::Object& tags) {
    Observed o;
    const Value* cfg = &configuration;
    const Value* v = &function;
    o.exists = true;
    o.physicalId = n;
    Properties& p = o.properties;
    p["FunctionName"] = Value(n);
    for (const char* k : {"Role", "Runtime", "Handler", "Description", "MemorySize", "Timeout"})
      if (const Value* f = cfg->find(k)) p[k] = *f;
    Value vars = Value::object();
    if (const Value* ev = cfg->findPath("Environment.Variables"); ev && ev->isObject()) vars = *ev;
    p["Environment"]["Variables"] = std::move(vars);
    if (const Value* a = cfg->find("Architectures"))
      p["Architectures"] = *a;
    else
      p["Architectures"] = Value(Value::Array{Value("x86_64")});
    if (const Value* e = cfg->findPath("EphemeralStorage.Size"))
      p["EphemeralStorage"]["Size"] = *e;
    else
      p["EphemeralStorage"]["Size"] = Value(512);
    Value layers = Value::array();
    if (const Value* ls = cfg->find("Layers"); ls && ls->isArray())
      for (const auto& l : ls->asArray())
        if (const Value* a = l.find("Arn")) layers.push(*a);
    p["Layers"] = std::move(layers);
    observeBlocks(*cfg, p);
    if (const Value* t = cfg->find("TenancyConfig"); t && t->isObject()) p["TenancyConfig"] = *t;
    const Value* package = cfg->find("PackageType");
    p["PackageType"] = package ? *package : Value("Zip");
    if (const Value* ic = cfg->findPath("ImageConfigResponse.ImageConfig"); ic && ic->isObject())
      p["ImageConfig"] = *ic;
    if (const Value* rc = v->findPath("Concurrency.ReservedConcurrentExecutions"))
      p["ReservedConcurrentExecutions"] = *rc;

    const std::string codeSha =
        cfg->find("CodeSha256") ? cfg->find("CodeSha256")->scalarText() : "";
    p["Code"] = liveCode(desired, *v, tags, codeSha);
    common::setLiveTags(o, common::tagList(tags));
    if (auto c = co_await readCodeSigning(n, desired, p); !c) co_return fail(c.error());
    if (auto c = co_await readSubResources(n, desired, p); !c) co_return fail(c.error());
    if (const Value* arn = cfg->find("FunctionArn")) o.attributes["Arn"] = *arn;
    std::string state = cfg->find("State") ? cfg->find("State")->scalarText() : "Active";
    std::string last =
        cfg->find("LastUpdateStatus") ? cfg->find("LastUpdateStatus")->scalarText() : "Successful";
    if (state == "Pending")
      o.status = "CREATING";
    else if (last == "InProgress")
      o.status = "UPDATING";
    co_return o;
  }

  const common::BulkSource listing_;
};

}  // namespace

const common::MakeProvider makeFunctionProvider = common::make<FunctionProvider>;

}  // namespace driftless::lambda
