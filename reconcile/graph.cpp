#include "reconcile/graph.h"

#include <algorithm>
#include <functional>
#include <set>

namespace driftless::reconcile {

std::vector<int> DependencyGraph::depths() const {
  std::vector<int> depth(dependsOn.size(), -1);
  std::vector<char> visiting(dependsOn.size(), 0);
  std::function<int(std::size_t)> visit = [&](std::size_t i) -> int {
    if (depth[i] >= 0) return depth[i];
    if (visiting[i]) return 0;
    visiting[i] = 1;
    int d = 0;
    for (std::size_t dep : dependsOn[i])
      d = std::max(d, visit(dep) + 1);
    visiting[i] = 0;
    return depth[i] = d;
  };
  for (std::size_t i = 0; i < dependsOn.size(); ++i)
    visit(i);
  return depth;
}

std::vector<std::vector<std::size_t>> DependencyGraph::cycles() const {
  enum Color : char { White, Grey, Black };
  std::vector<Color> color(dependsOn.size(), White);
  std::vector<std::size_t> path;
  std::set<std::set<std::size_t>> reported;
  std::vector<std::vector<std::size_t>> out;
  std::function<void(std::size_t)> visit = [&](std::size_t i) {
    color[i] = Grey;
    path.push_back(i);
    for (std::size_t dep : dependsOn[i]) {
      if (color[dep] == Grey) {
        auto start = std::find(path.begin(), path.end(), dep);
        std::vector<std::size_t> cycle(start, path.end());
        if (reported.insert(std::set<std::size_t>(cycle.begin(), cycle.end())).second)
          out.push_back(std::move(cycle));
      } else if (color[dep] == White) {
        visit(dep);
      }
    }
    path.pop_back();
    color[i] = Black;
  };
  for (std::size_t i = 0; i < dependsOn.size(); ++i)
    if (color[i] == White) visit(i);
  return out;
}

DependencyGraph DependencyGraph::of(const DesiredState& desired) {
  DependencyGraph g;
  g.dependsOn.resize(desired.resources.size());
  for (std::size_t i = 0; i < desired.resources.size(); ++i)
    for (const auto& dep : desired.resources[i].dependencies)
      if (const DesiredResource* r = desired.find(dep))
        g.dependsOn[i].push_back(static_cast<std::size_t>(r - desired.resources.data()));
  return g;
}

std::vector<int> dependencyDepths(const DesiredState& desired) {
  return DependencyGraph::of(desired).depths();
}

}  // namespace driftless::reconcile
