#pragma once
// IAM policy documents as the providers read and compare them: IAM returns
// them URL-encoded, other services as JSON text, manifests as objects.
#include <string_view>

#include "providers/value.h"

namespace driftless::iam {

// A policy document as IAM returns it (URL-encoded or plain JSON) -> Value;
// the raw text if it does not parse.
Value policyDocument(std::string_view text);
// Semantic equality of IAM policy documents: key order, string vs one-element
// list, the order of Action/Resource/Principal values, and a missing Version
// equal to IAM's implicit "2008-10-17".
bool samePolicy(const Value& a, const Value& b);
Value canonicalPolicy(const Value& v);

}  // namespace driftless::iam
