#include "providers/aws/protocol.h"

#include <sstream>

#include "providers/aws/errors.h"
#include "providers/aws/retry.h"

namespace driftless::aws {
namespace {

Error malformed(std::string_view service, std::string_view operation, std::string_view why,
                const HttpResponse& response) {
  Error e;
  e.kind = ErrorKind::Transient;
  e.code = "MalformedResponse";
  e.httpStatus = response.status;
  e.requestId = requestIdOf(response);
  e.message = std::string(service) + ":" + std::string(operation) + ": unreadable response (" +
              std::string(why) + ")";
  return e;
}

bool blank(std::string_view s) {
  return s.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

std::string trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())))
    s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())))
    s.remove_suffix(1);
  return std::string(s);
}

}  // namespace

Result<Xml> parseQueryResponse(std::string_view service, std::string_view action,
                               const HttpResponse& response) {
  Xml xml;
  xml.doc = std::make_shared<pugi::xml_document>();
  auto parsed = xml.doc->load_buffer(response.body.data(), response.body.size());
  if (!parsed) return fail(malformed(service, action, parsed.description(), response));
  pugi::xml_node root = xml.root();
  if (!root) return fail(malformed(service, action, "no root element", response));
  const std::string resultName = std::string(action) + "Result";
  xml.result = root.child(resultName.c_str());
  if (!xml.result) xml.result = root;
  xml.requestId = root.child("ResponseMetadata").child("RequestId").text().as_string();
  if (xml.requestId.empty()) xml.requestId = requestIdOf(response);
  return xml;
}

Result<Value> parseJsonResponse(std::string_view service, std::string_view operation,
                                const HttpResponse& response) {
  if (blank(response.body)) return Value::object();
  auto value = Value::fromJson(response.body);
  if (!value) return fail(malformed(service, operation, value.error().message, response));
  return std::move(*value);
}

Result<Xml> parseXmlResponse(std::string_view service, std::string_view operation,
                             const HttpResponse& response) {
  Xml xml;
  xml.doc = std::make_shared<pugi::xml_document>();
  xml.requestId = requestIdOf(response);
  if (!blank(response.body)) {
    auto parsed = xml.doc->load_buffer(response.body.data(), response.body.size());
    if (!parsed) return fail(malformed(service, operation, parsed.description(), response));
  }
  xml.result = xml.root();
  return xml;
}

Result<Credentials> parseStsCredentials(pugi::xml_node result, std::string_view what) {
  pugi::xml_node c = result.child("Credentials");
  Credentials out;
  out.accessKeyId = c.child("AccessKeyId").text().as_string();
  out.secretAccessKey = c.child("SecretAccessKey").text().as_string();
  out.sessionToken = c.child("SessionToken").text().as_string();
  if (auto exp = parseServerTime(c.child("Expiration").text().as_string())) out.expiration = *exp;
  if (out.accessKeyId.empty() || out.secretAccessKey.empty())
    return fail(ErrorKind::Transient, std::string(what) + ": STS returned no credentials");
  return out;
}

Result<Credentials> parseMetadataCredentials(std::string_view body, std::string_view what) {
  auto v = Value::fromJson(body);
  if (!v || !v->isObject())
    return fail(ErrorKind::Transient, std::string(what) + ": credentials response is not JSON");
  auto str = [&](std::string_view key) -> std::string {
    const Value* f = v->find(key);
    return f && f->isString() ? f->asString() : std::string();
  };
  if (const Value* code = v->find("Code");
      code && code->isString() && code->asString() != "Success")
    return fail(ErrorKind::Transient,
                std::string(what) + ": credentials not ready (" + code->asString() + ")");
  Credentials c;
  c.accessKeyId = str("AccessKeyId");
  c.secretAccessKey = str("SecretAccessKey");
  c.sessionToken = str("Token");
  if (auto exp = parseServerTime(str("Expiration"))) c.expiration = *exp;
  if (c.accessKeyId.empty() || c.secretAccessKey.empty())
    return fail(ErrorKind::Transient,
                std::string(what) + ": response has no AccessKeyId/SecretAccessKey");
  return c;
}

IniFile parseIni(std::string_view text) {
  IniFile out;
  std::string section;
  std::istringstream in{std::string(text)};
  std::string line;
  while (std::getline(in, line)) {
    std::string t = trim(line);
    if (t.empty() || t[0] == '#' || t[0] == ';') continue;
    if (t.front() == '[') {
      auto close = t.find(']');
      section = trim(t.substr(1, close == std::string::npos ? std::string::npos : close - 1));
      out[section];
      continue;
    }
    auto eq = t.find('=');
    if (eq == std::string::npos || section.empty()) continue;
    out[section][trim(t.substr(0, eq))] = trim(t.substr(eq + 1));
  }
  return out;
}

}  // namespace driftless::aws
