#pragma once
// A minimal ZIP writer for Lambda's inline `Code.ZipFile`: one file, deflated,
// with a fixed timestamp so the same source always gives the same bytes (and so
// the same CodeSha256, which is how drift of inline code is detected).
#include <string>
#include <string_view>

namespace driftless::lambda {

// A ZIP archive holding `content` as `fileName` (mode 0644).
std::string zipSingleFile(std::string_view fileName, std::string_view content);

// The file CloudFormation puts inline code in: index.py for Python runtimes,
// index.js for Node.js, index.rb for Ruby, otherwise "index".
std::string inlineFileName(std::string_view runtime);

}  // namespace driftless::lambda
