#include "providers/lambda/zip.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <cstdint>

namespace driftless {
namespace {

std::uint32_t u32(const std::string& s, std::size_t at) {
  std::uint32_t v = 0;
  for (int i = 3; i >= 0; --i)
    v = (v << 8) | static_cast<unsigned char>(s[at + i]);
  return v;
}
std::uint16_t u16(const std::string& s, std::size_t at) {
  return static_cast<std::uint16_t>(static_cast<unsigned char>(s[at]) |
                                    (static_cast<unsigned char>(s[at + 1]) << 8));
}

// Reads the single entry back the way an unzip tool does.
struct Entry {
  std::string name;
  std::string content;
  std::uint16_t method = 0;
};
Entry unzip(const std::string& zip) {
  Entry e;
  EXPECT_EQ(u32(zip, 0), 0x04034b50u);
  e.method = u16(zip, 8);
  std::uint32_t crc = u32(zip, 14), csize = u32(zip, 18), usize = u32(zip, 22);
  std::uint16_t nlen = u16(zip, 26), xlen = u16(zip, 28);
  e.name = zip.substr(30, nlen);
  std::string data = zip.substr(30 + nlen + xlen, csize);
  if (e.method == 0) {
    e.content = data;
  } else {
    e.content.resize(usize);
    z_stream zs{};
    inflateInit2(&zs, -15);
    zs.next_in = reinterpret_cast<Bytef*>(data.data());
    zs.avail_in = static_cast<uInt>(data.size());
    zs.next_out = reinterpret_cast<Bytef*>(e.content.data());
    zs.avail_out = static_cast<uInt>(e.content.size());
    EXPECT_EQ(inflate(&zs, Z_FINISH), Z_STREAM_END);
    inflateEnd(&zs);
  }
  EXPECT_EQ(crc32(0L, reinterpret_cast<const Bytef*>(e.content.data()),
                  static_cast<uInt>(e.content.size())),
            crc);
  // End of central directory: one entry, pointing at a central header.
  std::size_t eocd = zip.size() - 22;
  EXPECT_EQ(u32(zip, eocd), 0x06054b50u);
  EXPECT_EQ(u16(zip, eocd + 10), 1u);
  EXPECT_EQ(u32(zip, u32(zip, eocd + 16)), 0x02014b50u);
  return e;
}

TEST(ZipSingleFile, HoldsTheSourceUnderTheRuntimesFileName) {
  struct Case {
    const char* why;
    std::string content;
    std::uint16_t method;
  };
  std::string large;
  for (int i = 0; i < 200; ++i)
    large += "def handler(event, context):\n    return 1\n";
  const Case cases[] = {
      {"repetitive source is deflated", large, 8},
      {"a tiny source is stored", "x", 0},
      {"empty source", "", 0},
  };
  for (const auto& c : cases) {
    Entry e = unzip(lambda::zipSingleFile("index.py", c.content));
    EXPECT_EQ(e.name, "index.py") << c.why;
    EXPECT_EQ(e.content, c.content) << c.why;
    EXPECT_EQ(e.method, c.method) << c.why;
  }
}

TEST(ZipSingleFile, IsDeterministicSoCodeShaDetectsDrift) {
  EXPECT_EQ(lambda::zipSingleFile("index.js", "exports.handler = 1"),
            lambda::zipSingleFile("index.js", "exports.handler = 1"));
  EXPECT_NE(lambda::zipSingleFile("index.js", "exports.handler = 1"),
            lambda::zipSingleFile("index.js", "exports.handler = 2"));
}

TEST(InlineFileName, FollowsCloudFormation) {
  EXPECT_EQ(lambda::inlineFileName("python3.12"), "index.py");
  EXPECT_EQ(lambda::inlineFileName("nodejs20.x"), "index.js");
  EXPECT_EQ(lambda::inlineFileName("ruby3.3"), "index.rb");
  EXPECT_EQ(lambda::inlineFileName("provided.al2023"), "index");
}

}  // namespace
}  // namespace driftless
