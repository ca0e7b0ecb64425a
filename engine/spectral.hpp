#pragma once
// Spectral centrality: importance that flows along ties.
#include "engine/network.hpp"

namespace staffnet {

struct EigenvectorOptions {
    double tolerance = 1e-12;  // stop when the L1 change is below n * tolerance
    std::size_t max_iterations = 100'000;
};

/// Eigenvector centrality, as NetworkX `eigenvector_centrality`: power iteration on A + I from the
/// uniform vector, L2-normalised, scores flowing along arcs (a directed network rewards ties
/// received). Weighted networks use tie strength. On a disconnected network the iteration keeps
/// its NetworkX meaning: the component with the largest leading eigenvalue dominates and people in
/// smaller components tend to 0; isolates score 0 once anyone has a tie. Undefined (NaN for
/// everyone, a blank column) when there is no cycle to circulate in — a network with no ties, or
/// a directed one without cycles (NetworkX raises, igraph returns zeros) — or when the iteration
/// does not converge. O(iterations * E).
VertexScores eigenvector(const Network& net, const EigenvectorOptions& options = {});

struct PageRankOptions {
    double alpha = 0.85;
    double tolerance = 1e-12;
    std::size_t max_iterations = 100'000;
};

/// PageRank, as NetworkX `pagerank`: a random walk that follows an arc with probability alpha
/// (chosen in proportion to tie strength when weighted) or jumps anywhere; people with no outgoing
/// ties (dangling) hand their score to everyone equally. Undirected ties walk both ways. Sums to 1.
/// O(iterations * E).
VertexScores pagerank(const Network& net, const PageRankOptions& options = {});

}  // namespace staffnet
