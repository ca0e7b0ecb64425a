#include "engine/brokerage.hpp"

#include <algorithm>
#include <stdexcept>

namespace staffnet {

std::vector<std::string> group_labels(const Network& net, const std::string& attribute) {
    std::vector<std::string> labels;
    labels.reserve(net.size());
    if (attribute == "school" || attribute == "role") {
        for (const Person& p : net.people) labels.push_back(attribute == "school" ? p.school : p.role);
        return labels;
    }
    const auto it = std::find(net.attribute_names.begin(), net.attribute_names.end(), attribute);
    if (it == net.attribute_names.end()) throw std::invalid_argument("no people.csv column named '" + attribute + "'");
    const std::size_t k = std::size_t(it - net.attribute_names.begin());
    for (const Person& p : net.people) labels.push_back(p.attributes.at(k));
    return labels;
}

namespace {

bool has_arc(const Network& net, Vertex a, Vertex b) {
    auto [first, last] = boost::out_edges(a, net.graph);
    auto it = std::lower_bound(first, last, b, [&](const auto& e, Vertex t) { return boost::target(e, net.graph) < t; });
    return it != last && boost::target(*it, net.graph) == b;
}

BrokerageRole role_of(const std::string& a, const std::string& b, const std::string& c) {
    if (a == b && b == c) return BrokerageRole::coordinator;
    if (a == c) return BrokerageRole::itinerant;
    if (a == b) return BrokerageRole::representative;
    if (b == c) return BrokerageRole::gatekeeper;
    return BrokerageRole::liaison;
}

}  // namespace

VertexScores brokerage(const Network& net, const std::vector<std::string>& groups, BrokerageRole role) {
    VertexScores out(net.size(), 0.0);
#pragma omp parallel for schedule(dynamic, 64)
    for (std::size_t bi = 0; bi < net.size(); ++bi) {
        const Vertex b = Vertex(bi);
        double count = 0.0;
        net.for_each_in(b, [&](Vertex a, double) {
            for (auto e : boost::make_iterator_range(boost::out_edges(b, net.graph))) {
                const Vertex c = boost::target(e, net.graph);
                if (c == a || has_arc(net, a, c)) continue;
                if (role_of(groups[a], groups[b], groups[c]) == role) count += 1.0;
            }
        });
        out[b] = count;
    }
    return out;
}

}  // namespace staffnet
