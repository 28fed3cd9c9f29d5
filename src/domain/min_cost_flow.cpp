#include "domain/min_cost_flow.hpp"

#include <algorithm>
#include <functional>
#include <limits>
#include <queue>
#include <utility>

namespace patronage::domain {
namespace {

constexpr auto k_unreached = std::numeric_limits<std::int64_t>::max();

} // namespace

MinCostFlow::MinCostFlow(int node_count) : m_adjacent(static_cast<std::size_t>(node_count)) {}

int MinCostFlow::add_edge(int from, int to, std::int64_t capacity, std::int64_t cost) {
  const auto id = static_cast<int>(m_edges.size() / 2);
  m_adjacent[from].push_back(static_cast<int>(m_edges.size()));
  m_edges.push_back({to, capacity, cost});
  m_adjacent[to].push_back(static_cast<int>(m_edges.size()));
  m_edges.push_back({from, 0, -cost});
  return id;
}

std::int64_t MinCostFlow::flow(int edge) const {
  return m_edges[2 * static_cast<std::size_t>(edge) + 1].capacity;
}

// Bellman–Ford once, so that Dijkstra can run on non-negative reduced costs.
// Nodes unreachable now stay unreachable: augmenting only reverses edges between reachable nodes.
void MinCostFlow::init_potentials(int source) {
  const auto n = m_adjacent.size();
  std::vector<std::int64_t> distance(n, k_unreached);
  distance[source] = 0;
  for (std::size_t round = 0; round < n; ++round) {
    bool changed = false;
    for (std::size_t from = 0; from < n; ++from) {
      if (distance[from] == k_unreached) {
        continue;
      }
      for (const int e : m_adjacent[from]) {
        const auto& edge = m_edges[e];
        if (edge.capacity > 0 && distance[from] + edge.cost < distance[edge.to]) {
          distance[edge.to] = distance[from] + edge.cost;
          changed = true;
        }
      }
    }
    if (!changed) {
      break;
    }
  }
  m_potential.assign(n, 0);
  m_reachable.assign(n, false);
  for (std::size_t v = 0; v < n; ++v) {
    if (distance[v] != k_unreached) {
      m_potential[v] = distance[v];
      m_reachable[v] = true;
    }
  }
}

// Dijkstra on reduced costs; folds the distances into the potentials, so that
// afterwards m_potential[sink] is the real cost of a cheapest source→sink path.
bool MinCostFlow::shortest_paths(int source, int sink) {
  const auto n = m_adjacent.size();
  std::vector<std::int64_t> distance(n, k_unreached);
  using Item = std::pair<std::int64_t, int>;
  std::priority_queue<Item, std::vector<Item>, std::greater<>> queue;
  distance[source] = 0;
  queue.emplace(0, source);
  while (!queue.empty()) {
    const auto [d, from] = queue.top();
    queue.pop();
    if (d != distance[from]) {
      continue;
    }
    for (const int e : m_adjacent[from]) {
      const auto& edge = m_edges[e];
      if (edge.capacity == 0) {
        continue;
      }
      const auto candidate = d + edge.cost + m_potential[from] - m_potential[edge.to];
      if (candidate < distance[edge.to]) {
        distance[edge.to] = candidate;
        queue.emplace(candidate, edge.to);
      }
    }
  }
  for (std::size_t v = 0; v < n; ++v) {
    m_reachable[v] = distance[v] != k_unreached;
    if (m_reachable[v]) {
      m_potential[v] += distance[v];
    }
  }
  return m_reachable[sink];
}

// The edges on some cheapest path: zero reduced cost between reachable nodes. Their
// reverses have zero reduced cost too, so augmenting inside a phase keeps this set
// fixed and Dinic only walks it (few edges) instead of the whole network.
void MinCostFlow::collect_admissible() {
  const auto n = m_adjacent.size();
  m_admissible_begin.assign(n + 1, 0);
  m_admissible.clear();
  for (std::size_t from = 0; from < n; ++from) {
    m_admissible_begin[from] = m_admissible.size();
    if (!m_reachable[from]) {
      continue;
    }
    for (const int e : m_adjacent[from]) {
      const auto& edge = m_edges[e];
      if (m_reachable[edge.to] && edge.cost + m_potential[from] - m_potential[edge.to] == 0) {
        m_admissible.push_back(e);
      }
    }
  }
  m_admissible_begin[n] = m_admissible.size();
}

// Dinic levels over the admissible edges with capacity left.
bool MinCostFlow::build_levels(int source, int sink) {
  m_level.assign(m_adjacent.size(), -1);
  std::queue<int> queue;
  m_level[source] = 0;
  queue.push(source);
  while (!queue.empty()) {
    const int from = queue.front();
    queue.pop();
    for (auto i = m_admissible_begin[from]; i < m_admissible_begin[from + 1]; ++i) {
      const auto& edge = m_edges[m_admissible[i]];
      if (edge.capacity > 0 && m_level[edge.to] < 0) {
        m_level[edge.to] = m_level[from] + 1;
        queue.push(edge.to);
      }
    }
  }
  return m_level[sink] >= 0;
}

std::int64_t MinCostFlow::augment(int node, int sink, std::int64_t limit) {
  if (node == sink) {
    return limit;
  }
  for (auto& i = m_next_arc[node]; i < m_admissible_begin[node + 1]; ++i) {
    const int e = m_admissible[i];
    auto& edge = m_edges[e];
    if (edge.capacity == 0 || m_level[edge.to] != m_level[node] + 1) {
      continue;
    }
    const auto pushed = augment(edge.to, sink, std::min(limit, edge.capacity));
    if (pushed > 0) {
      edge.capacity -= pushed;
      m_edges[e ^ 1].capacity += pushed;
      return pushed;
    }
  }
  return 0;
}

std::int64_t MinCostFlow::minimise_cost(int source, int sink) {
  init_potentials(source);
  std::int64_t total_cost = 0;
  // Each phase saturates every cheapest path, so the next cheapest path costs strictly more.
  while (shortest_paths(source, sink)) {
    const auto path_cost = m_potential[sink] - m_potential[source];
    if (path_cost >= 0) {
      break;
    }
    collect_admissible();
    while (build_levels(source, sink)) {
      m_next_arc.assign(m_admissible_begin.begin(), m_admissible_begin.end() - 1);
      while (const auto pushed = augment(source, sink, k_unreached)) {
        total_cost += pushed * path_cost;
      }
    }
  }
  return total_cost;
}

} // namespace patronage::domain
