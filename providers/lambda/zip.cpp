#include "providers/lambda/zip.h"

#include <zlib.h>

#include <cstdint>

namespace driftless::lambda {

namespace {

void put16(std::string& out, std::uint16_t v) {
  out += static_cast<char>(v & 0xff);
  out += static_cast<char>(v >> 8);
}
void put32(std::string& out, std::uint32_t v) {
  for (int i = 0; i < 4; ++i)
    out += static_cast<char>((v >> (8 * i)) & 0xff);
}

// Raw deflate (no zlib header), as ZIP method 8 stores it; empty on failure.
bool deflateRaw(std::string_view in, std::string& out) {
  z_stream zs{};
  if (deflateInit2(&zs, Z_BEST_COMPRESSION, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK)
    return false;
  out.resize(deflateBound(&zs, static_cast<uLong>(in.size())));
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  zs.avail_in = static_cast<uInt>(in.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  int rc = deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return rc == Z_STREAM_END;
}

}  // namespace

std::string zipSingleFile(std::string_view fileName, std::string_view content) {
  std::string data;
  std::uint16_t method = 8;
  if (!deflateRaw(content, data) || data.size() >= content.size()) {
    data.assign(content);  // stored: deflate did not help
    method = 0;
  }
  const auto crc = static_cast<std::uint32_t>(
      crc32(0L, reinterpret_cast<const Bytef*>(content.data()), static_cast<uInt>(content.size())));
  const std::uint16_t kTime = 0;                        // 00:00:00
  const std::uint16_t kDate = (0 << 9) | (1 << 5) | 1;  // 1980-01-01
  const auto nameLen = static_cast<std::uint16_t>(fileName.size());

  std::string out;
  put32(out, 0x04034b50);  // local file header
  put16(out, 20);
  put16(out, 0);
  put16(out, method);
  put16(out, kTime);
  put16(out, kDate);
  put32(out, crc);
  put32(out, static_cast<std::uint32_t>(data.size()));
  put32(out, static_cast<std::uint32_t>(content.size()));
  put16(out, nameLen);
  put16(out, 0);
  out += fileName;
  out += data;

  const auto centralOffset = static_cast<std::uint32_t>(out.size());
  put32(out, 0x02014b50);     // central directory header
  put16(out, (3 << 8) | 20);  // made by Unix, so the external attributes carry the mode
  put16(out, 20);
  put16(out, 0);
  put16(out, method);
  put16(out, kTime);
  put16(out, kDate);
  put32(out, crc);
  put32(out, static_cast<std::uint32_t>(data.size()));
  put32(out, static_cast<std::uint32_t>(content.size()));
  put16(out, nameLen);
  put16(out, 0);  // extra
  put16(out, 0);  // comment
  put16(out, 0);  // disk
  put16(out, 0);  // internal attributes
  put32(out, 0100644u << 16);
  put32(out, 0);  // local header offset
  out += fileName;
  const auto centralSize = static_cast<std::uint32_t>(out.size()) - centralOffset;

  put32(out, 0x06054b50);  // end of central directory
  put16(out, 0);
  put16(out, 0);
  put16(out, 1);
  put16(out, 1);
  put32(out, centralSize);
  put32(out, centralOffset);
  put16(out, 0);
  return out;
}

std::string inlineFileName(std::string_view runtime) {
  if (runtime.starts_with("python")) return "index.py";
  if (runtime.starts_with("nodejs")) return "index.js";
  if (runtime.starts_with("ruby")) return "index.rb";
  return "index";
}

}  // namespace driftless::lambda
