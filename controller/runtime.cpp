#include "controller/runtime.h"

#include <unistd.h>

#include "controller/credentials_setup.h"
#include "providers/aws/budget.h"
#include "providers/aws/http_client.h"
#include "providers/builtin/builtin.h"

namespace driftless::controller {

Runtime::Runtime(asio::io_context& io, const config::ControllerConfig& config)
    : io_(io), config_(config) {}

Runtime::~Runtime() {
  blocking_.join();
}

const Registry& Runtime::registry() const {
  return builtinRegistry();
}

EnvironmentRuntime* Runtime::environment(const std::string& name) {
  auto it = envs_.find(name);
  return it == envs_.end() ? nullptr : it->second.get();
}

std::shared_ptr<aws::ApiBudget> Runtime::budgetFor(const aws::ClientConfig& client) const {
  return client.endpointUrl ? emulatorBudget_ : budget_;
}

Result<std::unique_ptr<Runtime>> Runtime::create(asio::io_context& io,
                                                 const config::ControllerConfig& config,
                                                 const std::vector<std::string>& only) {
  std::unique_ptr<Runtime> rt(new Runtime(io, config));
  const auto& dataDir = config.controller.dataDir;
  std::error_code ec;
  std::filesystem::create_directories(dataDir, ec);
  if (ec)
    return fail(ErrorKind::Invalid,
                "controller.dataDir " + dataDir.string() + " cannot be created: " + ec.message());

  char host[256] = {};
  ::gethostname(host, sizeof host - 1);
  rt->holderId_ = config.controller.id + "@" + host + ":" + std::to_string(::getpid());

  aws::TransportOptions transport;
  transport.maxInFlight = static_cast<std::size_t>(config.controller.maxInFlightRequests);
  rt->transport_ = std::make_unique<aws::HttpTransport>(io, transport);
  rt->budget_ = std::make_shared<aws::ApiBudget>(config.controller.apiBudget);
  rt->emulatorBudget_ =
      std::make_shared<aws::ApiBudget>(config.controller.apiBudget, nullptr, false);
  rt->metrics_.setBudgetSource([aws = rt->budget_, emulator = rt->emulatorBudget_] {
    std::vector<Metrics::BudgetRate> out;
    for (const auto* budget : {aws.get(), emulator.get()})
      for (const auto& e : budget->snapshot())
        out.push_back({e.service, e.region, e.rate, e.throttled});
    return out;
  });
  rt->repositories_ = std::make_unique<gitsource::RepositoryCache>(dataDir / "git");

  auto hasher = state::SecretHasher::load(dataDir);
  if (!hasher) return fail(hasher.error());
  rt->hasher_ = std::move(*hasher);

  if (config.state.backend == config::StateBackend::S3) {
    aws::ClientConfig cc;
    cc.region = config.state.region;
    if (!config.state.endpointUrl.empty()) cc.endpointUrl = config.state.endpointUrl;
    cc.credentials =
        makeCredentials(*rt->transport_, config.state.region, config.state.endpointUrl, "");
    auto stats = std::make_shared<aws::RequestStats>();
    cc.stats = stats;
    cc.budget = rt->budgetFor(cc);
    rt->metrics_.addRequestSource([stats] { return stats->byServiceStatus(); });
    rt->stateClient_ = std::make_unique<aws::Client>(*rt->transport_, cc);
    state::S3StoreConfig sc;
    sc.bucket = config.state.bucket;
    sc.prefix = config.state.prefix;
    sc.spoolDir = dataDir / "spool";
    rt->store_ = state::makeS3Store(*rt->stateClient_, sc);
  } else {
    rt->store_ = state::makeLocalStore(dataDir / "state");
  }

  if (!config.controller.events) rt->changeIndex_.disable();  // nothing would read it
  if (const auto& ev = config.controller.events) {
    aws::ClientConfig cc;
    cc.region = ev->region;
    if (!ev->endpointUrl.empty()) cc.endpointUrl = ev->endpointUrl;
    cc.credentials = makeCredentials(*rt->transport_, ev->region, ev->endpointUrl, "");
    // A long poll holds its request for 20 s: leave it room.
    cc.requestTimeout = std::chrono::seconds(40);
    cc.budget = rt->budgetFor(cc);
    rt->eventsClient_ = std::make_unique<aws::Client>(*rt->transport_, cc);
  }

  for (const auto& [name, envConfig] : config.environments) {
    if (!only.empty() && std::find(only.begin(), only.end(), name) == only.end()) continue;
    auto env = std::make_unique<EnvironmentRuntime>();
    env->config = envConfig;
    const auto& source = config.sourceOf(envConfig);
    gitsource::SourceOptions so;
    so.url = source.url;
    so.auth.tokenEnv = source.auth.tokenEnv;
    so.auth.sshKeyFile = source.auth.sshKeyFile.string();
    so.auth.knownHostsFile = source.auth.knownHostsFile.string();
    so.auth.sshPassphraseEnv = source.auth.sshPassphraseEnv;
    so.cacheRoot = dataDir / "git";
    auto repo = rt->repositories_->get(so);
    if (!repo)
      return fail(repo.error().kind,
                  "environments." + name + ": source " + source.name + ": " + repo.error().message);
    env->repository = *repo;

    aws::ClientConfig cc;
    cc.region = envConfig.region;
    if (!envConfig.endpointUrl.empty()) cc.endpointUrl = envConfig.endpointUrl;
    cc.credentials = makeCredentials(*rt->transport_, envConfig.region, envConfig.endpointUrl,
                                     envConfig.assumeRoleArn);
    env->stats = std::make_shared<aws::RequestStats>();
    cc.stats = env->stats;
    cc.budget = rt->budgetFor(cc);
    auto stats = env->stats;
    rt->metrics_.addRequestSource([stats] { return stats->byServiceStatus(); });
    env->aws = std::make_unique<aws::Client>(*rt->transport_, cc);
    rt->envs_[name] = std::move(env);
  }
  for (const auto& name : only)
    if (!rt->envs_.count(name))
      return fail(ErrorKind::Invalid,
                  "environment '" + name + "' is not in " + config.file.string());
  return rt;
}

}  // namespace driftless::controller
