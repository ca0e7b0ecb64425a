#!/usr/bin/python3
"""staffnet from Python against NetworkX and python-igraph: betweenness and PageRank of one seeded
Barabási–Albert graph, timed in this process and printed as ratios (peer time / staffnet time).

    PYTHONPATH=build/python /usr/bin/python3 benchmarks/python/compare_peers.py [--people 3000] [--repeat 3]

staffnet runs once on one thread (as igraph and NetworkX do) and once on every core; its time
includes nothing but the call (the graph is converted once, as a notebook would). The values are
checked against NetworkX's before anything is printed.
"""
import argparse
import os
import time

import igraph as ig
import networkx as nx
from networkx.algorithms.link_analysis import pagerank_alg

import staffnet

try:
    import scipy  # noqa: F401  (NetworkX's pagerank needs it)
    nx_pagerank = nx.pagerank
except ImportError:  # the same power iteration in pure Python
    nx_pagerank = pagerank_alg._pagerank_python


def best(fn, repeat):
    """The fastest of `repeat` runs, in seconds, and the last result."""
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return min(times), result


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--people", type=int, default=3000)
    ap.add_argument("--ties-per-person", type=int, default=3, help="Barabási–Albert m")
    ap.add_argument("--repeat", type=int, default=3, help="runs of the fast libraries (NetworkX runs once)")
    args = ap.parse_args()

    G = nx.barabasi_albert_graph(args.people, args.ties_per_person, seed=42)
    g = ig.Graph(n=G.number_of_nodes(), edges=list(G.edges()))
    net = staffnet.from_networkx(G)
    print(f"Barabási–Albert graph: {G.number_of_nodes()} people, {G.number_of_edges()} ties (seed 42); "
          f"{os.cpu_count()} cores")

    def networkx_run():
        return nx.betweenness_centrality(G), nx_pagerank(G, alpha=0.85, tol=1e-10)

    def igraph_run():
        n = g.vcount()
        return [b * 2 / ((n - 1) * (n - 2)) for b in g.betweenness(directed=False)], g.pagerank(damping=0.85)

    def staffnet_run(threads):
        return lambda: staffnet.metrics(net, ["betweenness", "pagerank"], threads=threads)

    t_nx, (nx_btw, nx_pr) = best(networkx_run, 1)
    t_ig, (ig_btw, ig_pr) = best(igraph_run, args.repeat)
    t_one, one = best(staffnet_run(1), args.repeat)
    t_all, _ = best(staffnet_run(None), args.repeat)

    worst = max(max(abs(one["betweenness"].iloc[v] - nx_btw[v]) for v in G),
                max(abs(one["pagerank"].iloc[v] - nx_pr[v]) for v in G),
                max(abs(one["betweenness"].iloc[v] - ig_btw[v]) for v in G),
                max(abs(one["pagerank"].iloc[v] - ig_pr[v]) for v in G))
    assert worst < 1e-6, f"staffnet differs from its peers by {worst}"

    print(f"{'betweenness + pagerank':<28}{'seconds':>10}{'NetworkX / this':>18}{'igraph / this':>16}")
    for name, t in [("NetworkX 2.8", t_nx), ("python-igraph 0.10", t_ig), ("staffnet, 1 thread", t_one),
                    ("staffnet, all cores", t_all)]:
        print(f"{name:<28}{t:>10.4f}{t_nx / t:>18.1f}{t_ig / t:>16.2f}")
    print(f"(values agree with NetworkX and igraph to {worst:.1e})")


if __name__ == "__main__":
    main()
