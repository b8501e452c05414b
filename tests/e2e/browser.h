#pragma once
// A real browser for the status page tests: Debian's headless Chromium,
// driven over the Chrome DevTools Protocol (a websocket, Boost.Beast). Just
// what the tests need: navigate, evaluate JavaScript, wait on a condition in
// the page, and take screenshots.
#include <filesystem>
#include <memory>
#include <string>

#include "providers/value.h"
#include "tests/support/peer.h"

namespace driftless::e2e {

class Browser {
 public:
  // Starts `chromium --headless`; nullptr with *error set when it cannot.
  static std::unique_ptr<Browser> launch(const std::filesystem::path& profileDir,
                                         std::string* error);
  ~Browser();

  // One CDP command; the `result` member of the answer (an error is a failure).
  Value call(const std::string& method, Value params = Value::object());
  void navigate(const std::string& url);
  // The value of a JavaScript expression (awaited if it is a promise).
  Value evaluate(const std::string& expression);
  // Polls `expression` until it is true; false (and a failure naming it) after timeoutMs.
  bool waitUntil(const std::string& expression, int timeoutMs = 30000);
  // A PNG of the viewport (full page height) written to `file`.
  bool screenshot(const std::filesystem::path& file);

 private:
  Browser() = default;
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::unique_ptr<testing::Process> process_;
};

}  // namespace driftless::e2e
