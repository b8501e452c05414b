#include "providers/iam/iam_query.h"

namespace driftless::iam {

Awaitable<Result<aws::Xml>> iamCall(aws::Client& client, std::string_view action,
                                    aws::Params params, std::string_view resource) {
  auto r = co_await client.query("iam", action, std::move(params));
  if (!r) co_return fail(common::withContext(r.error(), "iam:" + std::string(action), resource));
  co_return std::move(*r);
}

Awaitable<Result<void>> iamPages(aws::Client& client, std::string_view action, aws::Params params,
                                 std::string_view resource,
                                 const std::function<void(pugi::xml_node)>& collect) {
  std::string marker;
  for (int page = 0; page < 1000; ++page) {
    aws::Params p = params;
    if (!marker.empty()) p.emplace_back("Marker", marker);
    auto r = co_await iamCall(client, action, std::move(p), resource);
    if (!r) co_return fail(r.error());
    collect(r->result);
    if (std::string_view(r->result.child("IsTruncated").text().as_string()) != "true") break;
    marker = r->result.child("Marker").text().as_string();
    if (marker.empty()) break;
  }
  co_return Result<void>{};
}

Value tagsFromXml(pugi::xml_node tags) {
  Value out = Value::array();
  for (auto m : tags.children("member")) {
    Value t = Value::object();
    t["Key"] = Value(m.child("Key").text().as_string());
    t["Value"] = Value(m.child("Value").text().as_string());
    out.push(std::move(t));
  }
  return out;
}

void addTagParams(aws::Params& params, const Value::Object& tags) {
  int i = 1;
  for (const auto& [k, v] : tags) {
    params.emplace_back("Tags.member." + std::to_string(i) + ".Key", k);
    params.emplace_back("Tags.member." + std::to_string(i) + ".Value", v.scalarText());
    ++i;
  }
}

std::vector<std::string> memberTexts(pugi::xml_node list, const char* field) {
  std::vector<std::string> out;
  for (auto m : list.children("member"))
    out.emplace_back(field ? m.child(field).text().as_string() : m.text().as_string());
  return out;
}

}  // namespace driftless::iam
