#pragma once
// The status page's static files (controller/ui/), compiled into the binary by
// cmake/EmbedUiAssets.cmake: no files to install, no build chain at runtime.
#include <cstddef>

namespace driftless::controller {

struct UiAsset {
  const char* name;  // "index.html", "app.js", "style.css"
  const char* contentType;
  const char* body;
};

extern const UiAsset kUiAssets[];
extern const std::size_t kUiAssetCount;

}  // namespace driftless::controller
