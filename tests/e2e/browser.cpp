#include "tests/e2e/browser.h"

#include <gtest/gtest.h>

#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <chrono>
#include <fstream>
#include <regex>
#include <thread>

#include "gitsource/known_hosts.h"
#include "providers/asio.h"

namespace driftless::e2e {

namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;

struct Browser::Impl {
  asio::io_context io;
  websocket::stream<tcp::socket> ws{io};
  int nextId = 1;
};

namespace {

std::string httpGet(int port, const std::string& target) {
  asio::io_context io;
  tcp::socket socket(io);
  socket.connect({asio::ip::make_address("127.0.0.1"), static_cast<unsigned short>(port)});
  http::request<http::empty_body> req{http::verb::get, target, 11};
  req.set(http::field::host, "127.0.0.1");
  http::write(socket, req);
  beast::flat_buffer buffer;
  http::response<http::string_body> res;
  http::read(socket, buffer, res);
  return res.body();
}

std::string chromiumBinary() {
  for (const char* candidate : {"/usr/bin/chromium", "/usr/bin/chromium-browser"})
    if (std::filesystem::exists(candidate)) return candidate;
  return "";
}

}  // namespace

std::unique_ptr<Browser> Browser::launch(const std::filesystem::path& profileDir,
                                         std::string* error) {
  std::string binary = chromiumBinary();
  if (binary.empty()) {
    *error = "chromium is not installed (Debian package chromium; scripts/deps installs it)";
    return nullptr;
  }
  std::filesystem::create_directories(profileDir);
  std::unique_ptr<Browser> b(new Browser());
  std::string log = (profileDir / "chromium.log").string();
  b->process_ = std::make_unique<testing::Process>(
      std::vector<std::string>{
          binary, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
          "--no-first-run", "--no-default-browser-check", "--hide-scrollbars",
          "--remote-debugging-port=0", "--window-size=1400,1000",
          "--user-data-dir=" + (profileDir / "profile").string(), "about:blank"},
      // Its singleton socket's directory goes to TMPDIR: inside the profile, removed with it.
      testing::EnvVars{{"TMPDIR", profileDir.string()}}, log);
  // "DevTools listening on ws://127.0.0.1:PORT/devtools/browser/<id>" on stderr.
  std::regex listening(R"(DevTools listening on ws://127\.0\.0\.1:(\d+)/)");
  int port = 0;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (port == 0) {
    std::smatch m;
    std::string text = b->process_->log();
    if (std::regex_search(text, m, listening)) port = std::stoi(m[1]);
    if (port) break;
    if (!b->process_->running() || std::chrono::steady_clock::now() > deadline) {
      *error = "chromium did not start its DevTools endpoint; its log:\n" + text;
      return nullptr;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));  // polling its log
  }
  // The page target chromium opened for about:blank.
  std::string wsPath;
  auto list = Value::fromJson(httpGet(port, "/json/list"));
  if (list && list->isArray())
    for (const auto& t : list->asArray()) {
      const Value* type = t.find("type");
      const Value* url = t.find("webSocketDebuggerUrl");
      if (type && type->isString() && type->asString() == "page" && url && url->isString()) {
        std::string u = url->asString();
        wsPath = u.substr(u.find('/', std::string("ws://").size()));
        break;
      }
    }
  if (wsPath.empty()) {
    *error = "chromium lists no page target";
    return nullptr;
  }
  b->impl_ = std::make_unique<Impl>();
  auto& ws = b->impl_->ws;
  ws.next_layer().connect({asio::ip::make_address("127.0.0.1"), static_cast<unsigned short>(port)});
  ws.read_message_max(64 << 20);
  ws.handshake("127.0.0.1:" + std::to_string(port), wsPath);
  b->call("Page.enable");
  b->call("Runtime.enable");
  return b;
}

Browser::~Browser() {
  if (impl_) {
    beast::error_code ec;
    impl_->ws.close(websocket::close_code::normal, ec);
  }
}

Value Browser::call(const std::string& method, Value params) {
  int id = impl_->nextId++;
  Value msg = Value::object();
  msg["id"] = id;
  msg["method"] = method;
  msg["params"] = std::move(params);
  impl_->ws.text(true);
  impl_->ws.write(asio::buffer(msg.toJson()));
  for (;;) {
    beast::flat_buffer buffer;
    impl_->ws.read(buffer);
    auto answer = Value::fromJson(beast::buffers_to_string(buffer.data()));
    if (!answer || !answer->isObject()) continue;
    const Value* got = answer->find("id");
    if (!got || !got->isInt() || got->asInt() != id) continue;  // an event
    if (const Value* err = answer->find("error")) {
      ADD_FAILURE() << method << " failed: " << err->toJson();
      return Value();
    }
    const Value* result = answer->find("result");
    return result ? *result : Value();
  }
}

void Browser::navigate(const std::string& url) {
  Value p = Value::object();
  p["url"] = url;
  call("Page.navigate", std::move(p));
}

Value Browser::evaluate(const std::string& expression) {
  Value p = Value::object();
  p["expression"] = expression;
  p["returnByValue"] = true;
  p["awaitPromise"] = true;
  Value r = call("Runtime.evaluate", std::move(p));
  if (const Value* ex = r.find("exceptionDetails")) {
    ADD_FAILURE() << "JavaScript threw: " << expression << "\n" << ex->toJson();
    return Value();
  }
  const Value* result = r.find("result");
  const Value* value = result ? result->find("value") : nullptr;
  return value ? *value : Value();
}

bool Browser::waitUntil(const std::string& expression, int timeoutMs) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs);
  std::string wrapped =
      "(() => { try { return !!(" + expression + "); } catch (e) { return false; } })()";
  for (;;) {
    Value v = evaluate(wrapped);
    if (v.isBool() && v.asBool()) return true;
    if (std::chrono::steady_clock::now() > deadline) {
      ADD_FAILURE() << "the page never satisfied: " << expression << "\nits text:\n"
                    << evaluate("document.body.innerText").toJson();
      return false;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));  // polling the page
  }
}

bool Browser::screenshot(const std::filesystem::path& file) {
  Value height = evaluate("document.documentElement.scrollHeight");
  Value metrics = Value::object();
  metrics["width"] = 1400;
  metrics["height"] = height.isInt() ? std::max<std::int64_t>(height.asInt(), 600) : 1000;
  metrics["deviceScaleFactor"] = 1;
  metrics["mobile"] = false;
  call("Emulation.setDeviceMetricsOverride", std::move(metrics));
  Value p = Value::object();
  p["format"] = "png";
  Value shot = call("Page.captureScreenshot", std::move(p));
  call("Emulation.clearDeviceMetricsOverride");
  const Value* data = shot.find("data");
  if (!data || !data->isString()) return false;
  std::string png = gitsource::base64Decode(data->asString());
  std::filesystem::create_directories(file.parent_path());
  std::ofstream(file, std::ios::binary) << png;
  return !png.empty();
}

}  // namespace driftless::e2e
