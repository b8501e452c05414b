#include "providers/s3/s3_util.h"

#include <openssl/evp.h>
#include <openssl/md5.h>

#include <sstream>

namespace driftless::s3 {

std::string contentMd5(std::string_view body) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(body.data(), body.size(), digest, &len, EVP_md5(), nullptr);
  std::string out(4 * ((len + 2) / 3) + 1, '\0');
  int n =
      EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), digest, static_cast<int>(len));
  out.resize(static_cast<std::size_t>(n));
  return out;
}

aws::RestRequest bucketRequest(std::string method, const std::string& bucket,
                               std::string_view subresource, std::string operation,
                               std::string body) {
  aws::RestRequest r;
  r.method = std::move(method);
  r.path = "/";
  r.bucket = bucket;
  if (!subresource.empty()) r.query.emplace_back(std::string(subresource), "");
  r.operation = std::move(operation);
  if (!body.empty()) {
    r.headers.emplace_back("Content-MD5", contentMd5(body));
    if (body.front() == '<') r.headers.emplace_back("Content-Type", "application/xml");
  }
  r.body = std::move(body);
  return r;
}

pugi::xml_document newDocument(const char* root) {
  pugi::xml_document doc;
  auto r = doc.append_child(root);
  r.append_attribute("xmlns") = kS3Namespace;
  return doc;
}

std::string toString(const pugi::xml_document& doc) {
  std::ostringstream out;
  doc.save(out, "", pugi::format_raw | pugi::format_no_declaration);
  return out.str();
}

void addText(pugi::xml_node parent, const char* name, const std::string& text) {
  parent.append_child(name).text().set(text.c_str());
}

std::string boolText(const Value& v) {
  if (v.isBool()) return v.asBool() ? "true" : "false";
  return v.scalarText();
}

}  // namespace driftless::s3
