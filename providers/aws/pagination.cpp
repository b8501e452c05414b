#include "providers/aws/pagination.h"

namespace driftless::aws {

Awaitable<Result<int>> forEachJsonPage(Client& client, std::string service, std::string operation,
                                       Value request, std::string outputToken,
                                       std::function<bool(const Value& page)> onPage,
                                       std::string inputToken) {
  if (inputToken.empty()) inputToken = outputToken;
  int pages = 0;
  for (;;) {
    auto page = co_await client.json(service, operation, request);
    if (!page) co_return fail(std::move(page.error()));
    ++pages;
    if (!onPage(*page)) co_return pages;
    const Value* token = page->find(outputToken);
    if (!token || token->isNull() || (token->isString() && token->asString().empty()))
      co_return pages;
    // a token equal to the one just sent would loop forever: the service is done
    if (const Value* sent = request.find(inputToken); sent && *sent == *token) co_return pages;
    request[inputToken] = *token;
  }
}

Awaitable<Result<int>> forEachQueryPage(Client& client, std::string service, std::string action,
                                        Params params, std::string inputToken,
                                        std::function<bool(const Xml& page)> onPage) {
  int pages = 0;
  std::string sent;
  for (;;) {
    Params request = params;
    if (!sent.empty()) request.emplace_back(inputToken, sent);
    auto page = co_await client.query(service, action, std::move(request));
    if (!page) co_return fail(std::move(page.error()));
    ++pages;
    if (!onPage(*page)) co_return pages;
    pugi::xml_node r = page->result;
    std::string next;
    if (r.child("IsTruncated")) {
      if (std::string_view(r.child("IsTruncated").text().as_string()) != "true") co_return pages;
      next = r.child("Marker").text().as_string();
    } else {
      next = r.child("NextToken").text().as_string();
      if (next.empty()) next = r.child("NextMarker").text().as_string();
    }
    if (next.empty() || next == sent) co_return pages;
    sent = next;
  }
}

}  // namespace driftless::aws
