#include "providers/aws/http_client.h"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <deque>
#include <mutex>
#include <unordered_map>
#include <vector>

namespace driftless::aws {
namespace {

// Type-erased completion of one send(): Boost 1.74 has no any_completion_handler.
struct Completion {
  virtual ~Completion() = default;
  virtual void complete(Result<HttpResponse> result) = 0;
};

template <typename Handler>
struct CompletionImpl final : Completion {
  CompletionImpl(Handler h, asio::io_context::executor_type ex)
      : handler(std::move(h)), executor(ex) {}
  void complete(Result<HttpResponse> result) override {
    // Posted, never run inline: the caller is inside curl's callbacks.
    auto ex = asio::get_associated_executor(handler, executor);
    asio::post(ex, [h = std::move(handler), r = std::move(result)]() mutable {
      std::move(h)(std::move(r));
    });
  }
  Handler handler;
  asio::io_context::executor_type executor;
};

void globalInit() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool iequals(std::string_view a, std::string_view lowerB) {
  return a.size() == lowerB.size() &&
         std::equal(a.begin(), a.end(), lowerB.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == y;
         });
}

// The URL's host is an IPv4 or IPv6 address, not a name.
bool addressHost(std::string_view url) {
  auto scheme = url.find("://");
  if (scheme == std::string_view::npos) return false;
  std::string_view host = url.substr(scheme + 3);
  host = host.substr(0, host.find_first_of("/?#"));
  if (auto at = host.rfind('@'); at != std::string_view::npos) host.remove_prefix(at + 1);
  if (host.starts_with('[')) return true;
  host = host.substr(0, host.find(':'));
  in_addr address{};
  return inet_pton(AF_INET, std::string(host).c_str(), &address) == 1;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
    s.remove_prefix(1);
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n'))
    s.remove_suffix(1);
  return s;
}

struct Transfer {
  CURL* easy = nullptr;
  curl_slist* headerList = nullptr;
  HttpRequest request;
  HttpResponse response;
  std::unique_ptr<Completion> completion;
  char errorBuffer[CURL_ERROR_SIZE] = {};

  ~Transfer() {
    if (headerList) curl_slist_free_all(headerList);
  }
};

struct Socket {
  explicit Socket(asio::io_context& io) : descriptor(io) {}
  asio::posix::stream_descriptor descriptor;
  int what = 0;
  bool reading = false;
  bool writing = false;
  bool closed = false;
};

size_t onBody(char* data, size_t size, size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  t->response.body.append(data, size * count);
  return size * count;
}

size_t onHeader(char* data, size_t size, size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  std::string_view line(data, size * count);
  if (line.starts_with("HTTP/")) {
    // a new response (after 100 Continue or a redirect): forget earlier headers
    t->response.headers.clear();
    return size * count;
  }
  auto colon = line.find(':');
  if (colon != std::string_view::npos)
    t->response.headers.emplace_back(lower(trim(line.substr(0, colon))),
                                     std::string(trim(line.substr(colon + 1))));
  return size * count;
}

}  // namespace

struct HttpTransport::Impl : std::enable_shared_from_this<Impl> {
  Impl(asio::io_context& ioc, TransportOptions opts)
      : io(ioc), options(std::move(opts)), timer(ioc) {}

  asio::io_context& io;
  TransportOptions options;
  asio::steady_timer timer;
  bool timerArmed = false;
  std::chrono::steady_clock::time_point timerAt;
  bool kickPosted = false;
  CURLM* multi = nullptr;
  std::unordered_map<curl_socket_t, std::shared_ptr<Socket>> sockets;
  std::unordered_map<CURL*, std::unique_ptr<Transfer>> active;
  std::deque<std::unique_ptr<Transfer>> waiting;
  std::deque<std::unique_ptr<Transfer>> waitingAhead;  // HttpRequest::ahead: served first
  std::vector<CURL*> idleHandles;
  std::size_t peak = 0;
  std::uint64_t connections = 0;
  std::uint64_t done = 0;

  void init() {
    globalInit();
    multi = curl_multi_init();
    curl_multi_setopt(multi, CURLMOPT_SOCKETFUNCTION, &Impl::onSocket);
    curl_multi_setopt(multi, CURLMOPT_SOCKETDATA, this);
    curl_multi_setopt(multi, CURLMOPT_TIMERFUNCTION, &Impl::onTimer);
    curl_multi_setopt(multi, CURLMOPT_TIMERDATA, this);
    curl_multi_setopt(multi, CURLMOPT_MAXCONNECTS, options.maxIdleConnections);
  }

  void shutdown() {
    timer.cancel();
    timerArmed = false;
    for (auto& [fd, s] : sockets) {
      s->closed = true;
      s->descriptor.release();
    }
    sockets.clear();
    auto fail = [](Transfer& t) {
      if (t.completion)
        t.completion->complete(
            std::unexpected(Error::make(ErrorKind::Transient, "HTTP transport shut down")));
      t.completion.reset();
    };
    for (auto& [easy, t] : active) {
      curl_multi_remove_handle(multi, easy);
      curl_easy_cleanup(easy);
      fail(*t);
    }
    active.clear();
    for (auto* queue : {&waitingAhead, &waiting}) {
      for (auto& t : *queue)
        fail(*t);
      queue->clear();
    }
    for (CURL* e : idleHandles)
      curl_easy_cleanup(e);
    idleHandles.clear();
    if (multi) curl_multi_cleanup(multi);
    multi = nullptr;
  }

  // A socket stays registered with the reactor from curl's first use of it until
  // curl closes it (onClose): curl reports CURL_POLL_REMOVE after every transfer on a
  // kept-alive connection, and re-registering it per request cost three epoll_ctl
  // calls and a Socket. A wait left pending on an unwatched socket completes at most
  // once; curl ignores an event on a socket it does not watch.
  static int onSocket(CURL*, curl_socket_t fd, int what, void* user, void*) {
    auto* self = static_cast<Impl*>(user);
    if (what == CURL_POLL_REMOVE) {
      if (auto it = self->sockets.find(fd); it != self->sockets.end()) it->second->what = 0;
      return 0;
    }
    auto& s = self->sockets[fd];
    if (!s) {
      s = std::make_shared<Socket>(self->io);
      boost::system::error_code ec;
      s->descriptor.assign(fd, ec);
      if (ec) {
        self->sockets.erase(fd);
        return -1;
      }
    }
    s->what = what;
    self->arm(fd, s);
    return 0;
  }

  // Forget a socket: release, not close (curl owns its sockets); pending waits are
  // cancelled.
  void forget(curl_socket_t fd) {
    if (auto it = sockets.find(fd); it != sockets.end()) {
      it->second->closed = true;
      it->second->descriptor.release();
      sockets.erase(it);
    }
  }

  // Every socket curl opens and closes passes here, so a number the kernel reuses
  // never finds a registration of the socket it had before.
  static curl_socket_t onOpen(void* user, curlsocktype, curl_sockaddr* address) {
    curl_socket_t fd = ::socket(address->family, address->socktype, address->protocol);
    if (fd != CURL_SOCKET_BAD) static_cast<Impl*>(user)->forget(fd);
    return fd;
  }
  static int onClose(void* user, curl_socket_t fd) {
    static_cast<Impl*>(user)->forget(fd);
    return ::close(fd);
  }

  // curl's timer, with as few timerfd updates as possible (each is a syscall, and curl
  // reports a new timeout several times per transfer): 0 ms is a posted call, not a
  // timer; a later deadline than the armed one keeps the armed one, whose early firing
  // only makes curl report the remaining time again. -1 (no transfer needs a timer)
  // cancels an armed wait: left armed, a connect timeout set at a transfer's start
  // (5 s) kept the io_context busy after the last answer, and a one-shot command
  // waited for it before it could return. curl forbids calling socket_action from
  // inside this callback.
  static int onTimer(CURLM*, long ms, void* user) {
    auto* self = static_cast<Impl*>(user);
    if (ms < 0) {
      if (self->timerArmed) {
        self->timerArmed = false;
        self->timer.cancel();
      }
      return 0;
    }
    std::weak_ptr<Impl> weak = self->weak_from_this();
    if (ms == 0) {
      if (!self->kickPosted) {
        self->kickPosted = true;
        asio::post(self->io, [weak] {
          if (auto impl = weak.lock()) {
            impl->kickPosted = false;
            impl->action(CURL_SOCKET_TIMEOUT, 0);
          }
        });
      }
      return 0;
    }
    auto when = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
    if (self->timerArmed && self->timerAt <= when) return 0;
    self->timerArmed = true;
    self->timerAt = when;
    self->timer.expires_at(when);  // cancels the wait armed for later
    self->timer.async_wait([weak](boost::system::error_code ec) {
      if (ec) return;
      if (auto impl = weak.lock()) {
        impl->timerArmed = false;
        impl->action(CURL_SOCKET_TIMEOUT, 0);
      }
    });
    return 0;
  }

  void arm(curl_socket_t fd, const std::shared_ptr<Socket>& s) {
    std::weak_ptr<Impl> weakSelf = weak_from_this();
    std::weak_ptr<Socket> weakSock = s;
    if ((s->what & CURL_POLL_IN) && !s->reading) {
      s->reading = true;
      s->descriptor.async_wait(asio::posix::stream_descriptor::wait_read,
                               [weakSelf, weakSock, fd](boost::system::error_code ec) {
                                 onReady(weakSelf, weakSock, fd, ec, CURL_CSELECT_IN);
                               });
    }
    if ((s->what & CURL_POLL_OUT) && !s->writing) {
      s->writing = true;
      s->descriptor.async_wait(asio::posix::stream_descriptor::wait_write,
                               [weakSelf, weakSock, fd](boost::system::error_code ec) {
                                 onReady(weakSelf, weakSock, fd, ec, CURL_CSELECT_OUT);
                               });
    }
  }

  static void onReady(const std::weak_ptr<Impl>& weakSelf, const std::weak_ptr<Socket>& weakSock,
                      curl_socket_t fd, boost::system::error_code ec, int event) {
    auto self = weakSelf.lock();
    auto sock = weakSock.lock();
    if (!self || !sock) return;
    (event == CURL_CSELECT_IN ? sock->reading : sock->writing) = false;
    if (sock->closed) return;
    if (ec == asio::error::operation_aborted) return;
    self->action(fd, ec ? CURL_CSELECT_ERR : event);
    // still the same socket and curl still wants it: wait again
    if (!sock->closed) self->arm(fd, sock);
  }

  void action(curl_socket_t fd, int event) {
    if (!multi) return;
    int running = 0;
    curl_multi_socket_action(multi, fd, event, &running);
    collect();
  }

  void collect() {
    int left = 0;
    while (CURLMsg* msg = curl_multi_info_read(multi, &left)) {
      if (msg->msg != CURLMSG_DONE) continue;
      CURL* easy = msg->easy_handle;
      CURLcode code = msg->data.result;
      auto it = active.find(easy);
      if (it == active.end()) continue;
      std::unique_ptr<Transfer> t = std::move(it->second);
      active.erase(it);
      curl_multi_remove_handle(multi, easy);
      long opened = 0;
      curl_easy_getinfo(easy, CURLINFO_NUM_CONNECTS, &opened);
      connections += static_cast<std::uint64_t>(opened);
      ++done;
      Result<HttpResponse> result = finish(*t, code);
      park(easy);
      t->easy = nullptr;
      t->completion->complete(std::move(result));
    }
    startWaiting();
  }

  Result<HttpResponse> finish(Transfer& t, CURLcode code) {
    if (code == CURLE_OK) {
      long status = 0;
      curl_easy_getinfo(t.easy, CURLINFO_RESPONSE_CODE, &status);
      t.response.status = static_cast<int>(status);
      return std::move(t.response);
    }
    Error e;
    e.kind = ErrorKind::Transient;
    e.code = code == CURLE_OPERATION_TIMEDOUT ? "RequestTimeout" : "ConnectionError";
    std::string detail = t.errorBuffer[0] ? t.errorBuffer : curl_easy_strerror(code);
    // the URL may carry a presigned query: name only scheme://host/path
    std::string where = t.request.url.substr(0, t.request.url.find('?'));
    e.message = t.request.method + " " + where + ": " + detail;
    return std::unexpected(std::move(e));
  }

  void startWaiting() {
    while (active.size() < std::max<std::size_t>(1, options.maxInFlight)) {
      auto& queue = waitingAhead.empty() ? waiting : waitingAhead;
      if (queue.empty()) break;
      auto t = std::move(queue.front());
      queue.pop_front();
      begin(std::move(t));
    }
  }

  void submit(std::unique_ptr<Transfer> t) {
    if (active.size() < std::max<std::size_t>(1, options.maxInFlight))
      begin(std::move(t));
    else
      (t->request.ahead ? waitingAhead : waiting).push_back(std::move(t));
  }

  // Options that are the same for every transfer, set once per easy handle: a
  // handle is reused without curl_easy_reset, so its connection cache entry and
  // parsed settings stay, and each transfer sets only what differs (setRequest).
  CURL* newHandle() {
    CURL* easy = curl_easy_init();
    curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, &onBody);
    curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, &onHeader);
    curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(easy, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(easy, CURLOPT_SSL_VERIFYHOST, 2L);
    if (!options.caBundle.empty()) curl_easy_setopt(easy, CURLOPT_CAINFO, options.caBundle.c_str());
    curl_easy_setopt(easy, CURLOPT_TCP_NODELAY, 1L);
    curl_easy_setopt(easy, CURLOPT_TCP_KEEPALIVE, 1L);
    curl_easy_setopt(easy, CURLOPT_OPENSOCKETFUNCTION, &Impl::onOpen);
    curl_easy_setopt(easy, CURLOPT_OPENSOCKETDATA, this);
    curl_easy_setopt(easy, CURLOPT_CLOSESOCKETFUNCTION, &Impl::onClose);
    curl_easy_setopt(easy, CURLOPT_CLOSESOCKETDATA, this);
    return easy;
  }

  // What differs per transfer. The method's state is reset first (no body, GET,
  // no custom verb): a reused handle remembers the previous transfer's.
  void setRequest(CURL* easy, Transfer& t) {
    HttpRequest& r = t.request;
    curl_easy_setopt(easy, CURLOPT_URL, r.url.c_str());
    curl_easy_setopt(easy, CURLOPT_PRIVATE, &t);
    curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, t.errorBuffer);
    curl_easy_setopt(easy, CURLOPT_WRITEDATA, &t);
    curl_easy_setopt(easy, CURLOPT_HEADERDATA, &t);
    const long connectMs =
        static_cast<long>(r.connectTimeout.value_or(options.connectTimeout).count());
    curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS, connectMs);
    // A host given as an address has one address, so no race between address
    // families: curl 7.88 leaves the 200 ms Happy Eyeballs timer armed after the
    // connection is made, and with a slow peer it woke the loop once per request.
    curl_easy_setopt(easy, CURLOPT_HAPPY_EYEBALLS_TIMEOUT_MS,
                     addressHost(r.url) ? connectMs : static_cast<long>(CURL_HET_DEFAULT));
    curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS,
                     static_cast<long>(r.timeout.value_or(options.requestTimeout).count()));
    curl_easy_setopt(easy, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(-1));
    curl_easy_setopt(easy, CURLOPT_POSTFIELDS, static_cast<const char*>(nullptr));
    curl_easy_setopt(easy, CURLOPT_HTTPGET, 1L);
    curl_easy_setopt(easy, CURLOPT_NOBODY, 0L);
    curl_easy_setopt(easy, CURLOPT_CUSTOMREQUEST, static_cast<const char*>(nullptr));

    bool hasContentType = false;
    std::string line;
    for (const auto& [k, v] : r.headers) {
      if (iequals(k, "content-type")) hasContentType = true;
      // "Name;" is curl's way to send an empty value ("Name:" would remove the header)
      line.assign(k);
      if (v.empty()) {
        line.push_back(';');
      } else {
        line.append(": ").append(v);
      }
      t.headerList = curl_slist_append(t.headerList, line.c_str());
    }
    // no 100-continue round trip, and no form Content-Type we did not ask for
    t.headerList = curl_slist_append(t.headerList, "Expect:");
    if (r.method == "HEAD") {
      curl_easy_setopt(easy, CURLOPT_NOBODY, 1L);
    } else if (r.method != "GET") {
      if (!r.body.empty() || r.method == "POST" || r.method == "PUT") {
        if (!hasContentType) t.headerList = curl_slist_append(t.headerList, "Content-Type:");
        curl_easy_setopt(easy, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(r.body.size()));
        curl_easy_setopt(easy, CURLOPT_POSTFIELDS, r.body.data());
      }
      curl_easy_setopt(easy, CURLOPT_CUSTOMREQUEST, r.method.c_str());
    }
    curl_easy_setopt(easy, CURLOPT_HTTPHEADER, t.headerList);
  }

  // An idle handle points at no freed Transfer's buffer.
  void park(CURL* easy) {
    curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, static_cast<char*>(nullptr));
    idleHandles.push_back(easy);
  }

  void begin(std::unique_ptr<Transfer> t) {
    CURL* easy = nullptr;
    if (!idleHandles.empty()) {
      easy = idleHandles.back();
      idleHandles.pop_back();
    } else {
      easy = newHandle();
    }
    t->easy = easy;
    setRequest(easy, *t);

    Transfer* raw = t.get();
    active.emplace(easy, std::move(t));
    peak = std::max(peak, active.size());
    if (curl_multi_add_handle(multi, easy) != CURLM_OK) {
      auto node = active.extract(easy);
      park(easy);
      raw->completion->complete(
          std::unexpected(Error::make(ErrorKind::Fatal, "curl_multi_add_handle failed")));
    }
  }
};

HttpTransport::HttpTransport(asio::io_context& io, TransportOptions options)
    : impl_(std::make_shared<Impl>(io, std::move(options))) {
  impl_->init();
}

HttpTransport::~HttpTransport() {
  impl_->shutdown();
}

Awaitable<Result<HttpResponse>> HttpTransport::send(HttpRequest request) {
  std::weak_ptr<Impl> weak = impl_;
  auto initiation = [weak, req = std::move(request)](auto handler) mutable {
    auto impl = weak.lock();
    using H = std::decay_t<decltype(handler)>;
    if (!impl) {
      auto ex = asio::get_associated_executor(handler);
      asio::post(ex, [h = std::move(handler)]() mutable {
        std::move(h)(Result<HttpResponse>(
            std::unexpected(Error::make(ErrorKind::Transient, "HTTP transport shut down"))));
      });
      return;
    }
    auto t = std::make_unique<Transfer>();
    t->request = std::move(req);
    t->completion =
        std::make_unique<CompletionImpl<H>>(std::move(handler), impl->io.get_executor());
    impl->submit(std::move(t));
  };
  co_return co_await asio::async_initiate<decltype(asio::use_awaitable),
                                          void(Result<HttpResponse>)>(std::move(initiation),
                                                                      asio::use_awaitable);
}

asio::io_context& HttpTransport::context() {
  return impl_->io;
}
const TransportOptions& HttpTransport::options() const {
  return impl_->options;
}
std::size_t HttpTransport::inFlight() const {
  return impl_->active.size();
}
std::size_t HttpTransport::queued() const {
  return impl_->waiting.size() + impl_->waitingAhead.size();
}
std::size_t HttpTransport::peakInFlight() const {
  return impl_->peak;
}
std::uint64_t HttpTransport::connectionsOpened() const {
  return impl_->connections;
}
std::uint64_t HttpTransport::completed() const {
  return impl_->done;
}

}  // namespace driftless::aws
