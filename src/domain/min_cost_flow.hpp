#pragma once

#include <cstdint>
#include <vector>

namespace patronage::domain {

// A flow network with integer capacities and costs, solved exactly by successive
// shortest paths (Dijkstra with potentials). Each phase augments a maximum flow
// over all currently cheapest paths, so the number of phases is bounded by the
// range of path costs, not by the amount of flow. Not thread-safe; one solve per object.
class MinCostFlow {
public:
  explicit MinCostFlow(int node_count);

  // Adds a directed edge and returns its id for flow(). `capacity` ≥ 0; `cost` may
  // be negative as long as the network has no negative-cost cycle.
  int add_edge(int from, int to, std::int64_t capacity, std::int64_t cost);

  // Sends flow from `source` to `sink` along cheapest paths for as long as a path
  // still lowers the total cost (costs < 0), then stops: the result is the minimum
  // total cost over every feasible flow amount (0 when no path has negative cost).
  std::int64_t minimise_cost(int source, int sink);

  // The flow on edge `edge` after minimise_cost().
  std::int64_t flow(int edge) const;

private:
  struct Edge {
    int to;
    std::int64_t capacity; // residual
    std::int64_t cost;
  };

  void init_potentials(int source);
  bool shortest_paths(int source, int sink);
  void collect_admissible();
  bool build_levels(int source, int sink);
  std::int64_t augment(int node, int sink, std::int64_t limit);

  std::vector<Edge> m_edges; // edge 2k is forward, 2k+1 its reverse
  std::vector<std::vector<int>> m_adjacent;
  std::vector<std::int64_t> m_potential;
  std::vector<bool> m_reachable;
  // The zero reduced cost edges of the current phase, by tail node (CSR).
  std::vector<std::size_t> m_admissible_begin;
  std::vector<int> m_admissible;
  std::vector<int> m_level;
  std::vector<std::size_t> m_next_arc;
};

} // namespace patronage::domain
