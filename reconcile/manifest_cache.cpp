#include <functional>

#include "reconcile/loader.h"
#include "reconcile/yaml_tree.h"

namespace driftless::reconcile {

std::shared_ptr<const ParsedFile> ManifestCache::get(const std::string& path,
                                                     const std::string& content) {
  std::lock_guard lock(mutex_);
  auto it = entries_.find(Key{path, std::hash<std::string>{}(content)});
  if (it == entries_.end() || it->second.content != content) {
    ++misses_;
    return nullptr;
  }
  ++hits_;
  lru_.splice(lru_.begin(), lru_, it->second.lru);
  return it->second.parsed;
}

void ManifestCache::put(const std::string& path, const std::string& content,
                        std::shared_ptr<const ParsedFile> parsed) {
  std::lock_guard lock(mutex_);
  Key key{path, std::hash<std::string>{}(content)};
  if (auto it = entries_.find(key); it != entries_.end()) {
    bytes_ -= it->second.content.size();
    it->second.content = content;
    it->second.parsed = std::move(parsed);
    bytes_ += content.size();
    lru_.splice(lru_.begin(), lru_, it->second.lru);
  } else {
    lru_.push_front(key);
    entries_.emplace(std::move(key), Entry{content, std::move(parsed), lru_.begin()});
    bytes_ += content.size();
  }
  evictLocked();
}

void ManifestCache::evictLocked() {
  // The newest entry stays even when it alone is over the bound.
  while (bytes_ > maxBytes_ && lru_.size() > 1) {
    auto it = entries_.find(lru_.back());
    bytes_ -= it->second.content.size();
    entries_.erase(it);
    lru_.pop_back();
  }
}

std::size_t ManifestCache::size() const {
  std::lock_guard lock(mutex_);
  return entries_.size();
}
std::size_t ManifestCache::bytes() const {
  std::lock_guard lock(mutex_);
  return bytes_;
}
std::size_t ManifestCache::hits() const {
  std::lock_guard lock(mutex_);
  return hits_;
}
std::size_t ManifestCache::misses() const {
  std::lock_guard lock(mutex_);
  return misses_;
}

}  // namespace driftless::reconcile
