#include "engine/graph_measures.hpp"

#include "engine/groups.hpp"

namespace staffnet {

double density(const Network& net) {
    const double n = double(net.size());
    if (n < 2) return 0.0;
    const double m = double(net.tie_count());
    return (net.directed() ? m : 2.0 * m) / (n * (n - 1.0));
}

std::vector<std::pair<std::string, double>> graph_measures(const Network& net) {
    return {{"nodes", double(net.size())},
            {"ties", double(net.tie_count())},
            {"density", density(net)},
            {"components", double(count_components(net))},
            {"isolates", double(count_isolates(net))}};
}

}  // namespace staffnet
