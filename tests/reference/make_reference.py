#!/usr/bin/python3
"""Generate staffnet's reference metric values with NetworkX, cross-checked against python-igraph.

Run with Debian's Python (networkx 2.8.8, python-igraph 0.10.2), see README.md here:
    /usr/bin/python3 tests/reference/make_reference.py [--data DIR] [--out DIR]
Writes <dataset>/<variant>.csv, <dataset>/<variant>_graph.json and igraph_agreement.md;
exits 1 if NetworkX and igraph disagree where they should not.
"""
import argparse
import csv
import json
import heapq
import math
import random
import sys
from fractions import Fraction
from pathlib import Path

import igraph as ig
import networkx as nx

HERE = Path(__file__).resolve().parent
DEFAULT_DATA = Path(__file__).resolve().parents[3] / "shared" / "data"
DATASETS = ["bankwiring_room", "freeman_eies", "kapferer_tailorshop", "krackhardt_hightech",
            "lazega_lawfirm", "padgett_florentine", "sampson_monastery", "zachary_karate"]
COLUMNS = ["id", "degree", "in_degree", "out_degree", "strength", "betweenness", "closeness",
           "closeness_out", "harmonic", "eigenvector", "pagerank", "clustering", "core",
           "constraint", "effective_size", "component", "articulation_point"]
INT_COLUMNS = {"degree", "in_degree", "out_degree", "core", "component", "articulation_point"}
TOL = 1e-9
NOTES = []  # surprises worth reporting (eigenvector non-convergence, NaN cells, ...)


# ---------------------------------------------------------------- network building
def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def build_graph(people, ties, directed):
    """staffnet reference mode: drop self-ties; per (type, pair) MAX of weight; SUM across types."""
    index = {p["id"]: i for i, p in enumerate(people)}
    per_type = {}
    for t in ties:
        s, d = index[t["source"]], index[t["target"]]
        if s == d:
            continue
        pair = (s, d) if directed else (min(s, d), max(s, d))
        key = (t["type"], pair)
        w = float(t["weight"])
        per_type[key] = max(per_type.get(key, w), w)
    combined = {}
    for (_, pair), w in sorted(per_type.items()):
        combined[pair] = combined.get(pair, 0.0) + w
    G = nx.DiGraph() if directed else nx.Graph()
    G.add_nodes_from(range(len(people)))
    for (a, b), w in sorted(combined.items()):
        G.add_edge(a, b, weight=w, distance=1.0 / w)
    return G


def to_igraph(G):
    edges = sorted(G.edges())
    g = ig.Graph(n=G.number_of_nodes(), edges=edges, directed=G.is_directed())
    g.es["weight"] = [G.edges[e]["weight"] for e in edges]
    g.es["distance"] = [G.edges[e]["distance"] for e in edges]
    return g


def components(G):
    """Weak components as sorted vertex lists, by size descending then smallest vertex index."""
    comps = nx.weakly_connected_components(G) if G.is_directed() else nx.connected_components(G)
    return sorted((sorted(c) for c in comps), key=lambda c: (-len(c), c[0]))


def membership(comps, n):
    m = [0] * n
    for k, c in enumerate(comps, start=1):
        for v in c:
            m[v] = k
    return m


# ---------------------------------------------------------------- NetworkX metrics
def node_metrics(G, weighted, label, ids):
    w, dist = ("weight", "distance") if weighted else (None, None)
    n, directed = G.number_of_nodes(), G.is_directed()
    m = {"degree": dict(G.degree())}
    m["in_degree"] = dict(G.in_degree()) if directed else m["degree"]
    m["out_degree"] = dict(G.out_degree()) if directed else m["degree"]
    m["strength"] = {v: float(s) for v, s in G.degree(weight=w)}
    m["betweenness"] = nx.betweenness_centrality(G, normalized=True, weight=dist)
    m["closeness"] = nx.closeness_centrality(G, distance=dist, wf_improved=True)
    m["closeness_out"] = (nx.closeness_centrality(G.reverse(), distance=dist, wf_improved=True)
                          if directed else m["closeness"])
    m["harmonic"] = nx.harmonic_centrality(G, distance=dist)  # incoming: sum_v 1/d(v,u)
    try:
        m["eigenvector"] = nx.eigenvector_centrality(G, max_iter=100000, tol=1e-13, weight=w)
    except nx.PowerIterationFailedConvergence:
        m["eigenvector"] = {v: None for v in G}
        NOTES.append(f"{label}: eigenvector_centrality did not converge (empty cells)")
    m["pagerank"] = nx.pagerank(G, alpha=0.85, tol=1e-13, max_iter=100000, weight=w)
    m["clustering"] = nx.clustering(G, weight=w)
    m["core"] = nx.core_number(G)
    m["constraint"] = nx.constraint(G, weight=w)
    m["effective_size"] = nx.effective_size(G, weight=w)
    m["component"] = dict(enumerate(membership(components(G), n)))
    cut = set(nx.articulation_points(G.to_undirected(as_view=True)))
    m["articulation_point"] = {v: int(v in cut) for v in G}
    nan = [ids[v] for v in G if math.isnan(m["constraint"][v])]
    if nan:
        NOTES.append(f"{label}: constraint/effective_size nan for {' '.join(nan)}"
                     + (" (no out-ties)" if directed else " (isolate)"))
    return m


def centralization(scores, tmax):
    """igraph_centralization: (n * max(c) - sum(c)) / tmax."""
    return (len(scores) * max(scores) - sum(scores)) / tmax


def tmax_values(n, directed):
    """igraph's theoretical maxima (degree: mode=ALL, loops=False; closeness: mode IN/ALL)."""
    return {"degree": (2 if directed else 1) * (n - 1) * (n - 2),
            "betweenness": (n - 1) * (n - 1) * (n - 2) / (1.0 if directed else 2.0),
            "closeness": (n - 1) * (1.0 - 1.0 / n) if directed else (n - 1) * (n - 2) / (2.0 * n - 3)}


def clean(x):  # JSON has no NaN: write null
    return None if isinstance(x, float) and math.isnan(x) else x


def graph_metrics(G, weighted, people, m, m_unweighted):
    w = "weight" if weighted else None
    n, directed = G.number_of_nodes(), G.is_directed()
    ids = [p["id"] for p in people]
    comps = components(G)
    U = G.to_undirected() if directed else G
    largest = U.subgraph(comps[0])
    raw_btw = nx.betweenness_centrality(G, normalized=False)  # undirected: each pair once, as igraph
    tmax = tmax_values(n, directed)
    gl = {"nodes": n, "ties": G.number_of_edges(), "density": nx.density(G)}
    if directed:
        gl["reciprocity"] = nx.reciprocity(G)
    gl["transitivity"] = nx.transitivity(G)
    gl["average_clustering"] = nx.average_clustering(G, weight=w)
    gl["components"] = len(comps)
    gl["isolates"] = sum(1 for v in G if G.degree(v) == 0)
    gl["largest_component_size"] = len(comps[0])
    gl["diameter"] = nx.diameter(largest)
    gl["average_path_length"] = nx.average_shortest_path_length(largest)
    gl["degree_centralization"] = centralization([m["degree"][v] for v in G], tmax["degree"])
    gl["betweenness_centralization"] = centralization([raw_btw[v] for v in G], tmax["betweenness"])
    gl["closeness_centralization"] = centralization([m_unweighted["closeness"][v] for v in G],
                                                    tmax["closeness"])
    gl["bridges"] = [[ids[a], ids[b]] for a, b in sorted(tuple(sorted(e)) for e in nx.bridges(U))]
    gl["assortativity"] = {a: clean(v) for a, v in attribute_assortativity(G, people).items()}
    gl["degree_assortativity"] = clean(nx.degree_assortativity_coefficient(G))
    if weighted:
        gl["strength_assortativity"] = clean(nx.degree_assortativity_coefficient(G, weight="weight"))
    return gl


def attribute_values(people):
    """{attribute: {vertex: value}} for non-blank values (values are categorical strings)."""
    attrs = [k for k in people[0] if k not in ("id", "name")]
    return {a: {i: p[a].strip() for i, p in enumerate(people) if p[a].strip() != ""} for a in attrs}


def attribute_assortativity(G, people):
    out = {}
    for a, vals in attribute_values(people).items():
        H = G.subgraph(sorted(vals)).copy()  # categories as ints: string-set order varies by hash seed
        cats = {c: k for k, c in enumerate(sorted(set(vals.values())))}
        nx.set_node_attributes(H, {v: cats[x] for v, x in vals.items()}, a)
        out[a] = nx.attribute_assortativity_coefficient(H, a)
    return out


# ---------------------------------------------------------------- igraph cross-check
class Agreement:
    def __init__(self):
        self.rows, self.failures, self.reasons = {}, [], {}

    def check(self, metric, column, a, b, legit=None):
        """Max abs difference of two equal-length sequences (nan == nan); legit = reason or None."""
        a, b = [float(x) for x in a], [float(y) for y in b]
        assert len(a) == len(b), (metric, column)
        diff = max((0.0 if math.isnan(x) and math.isnan(y) else math.inf if math.isnan(x) or math.isnan(y)
                    else abs(x - y)) for x, y in zip(a, b))
        self.rows[(metric, column)] = (diff, legit if diff > TOL else None)
        if diff > TOL:
            if legit:
                self.reasons.setdefault(metric, set()).add(legit)
            else:
                self.failures.append(f"{metric} [{' '.join(column)}]: max abs diff {diff:.3g}")

    def table(self, columns):
        metrics = list(dict.fromkeys(k[0] for k in self.rows if k[1] in columns))
        lines = ["| metric | " + " | ".join(c[1] for c in columns) + " |", "|---" * (len(columns) + 1) + "|"]
        for metric in metrics:
            cells = [(f"{self.rows[metric, c][0]:.1e}" + (" *" if self.rows[metric, c][1] else ""))
                     if (metric, c) in self.rows else "" for c in columns]
            lines.append(f"| {metric} | " + " | ".join(cells) + " |")
        return "\n".join(lines)

    def legend(self):
        lines = ["`*` = differs for a documented, legitimate reason:"]
        for metric in sorted(self.reasons):
            lines += [f"- {metric}: {r}" for r in sorted(self.reasons[metric])]
        return "\n".join(lines)


def brandes(G, length):
    """Brandes betweenness (igraph scaling): lengths summed from the source, ties found with ==."""
    bc = dict.fromkeys(G, 0)
    for s in G:
        dist, sigma, preds, order, heap = {s: 0}, {s: 1}, {s: []}, [], [(0, s)]
        while heap:
            d, v = heapq.heappop(heap)
            if d > dist[v]:
                continue  # stale heap entry
            order.append(v)
            for u in G[v]:
                du = d + length(G[v][u]["weight"])
                if u not in dist or du < dist[u]:
                    dist[u], sigma[u], preds[u] = du, sigma[v], [v]
                    heapq.heappush(heap, (du, u))
                elif du == dist[u]:
                    sigma[u] += sigma[v]
                    preds[u].append(v)
        delta = dict.fromkeys(order, 0)
        for w in reversed(order):
            for v in preds[w]:
                delta[v] += Fraction(sigma[v], sigma[w]) * (1 + delta[w])
            bc[w] += delta[w] if w != s else 0
    return [float(bc[v]) / (1 if G.is_directed() else 2) for v in G]


def wf_closeness(g, mode, weights):
    """igraph closeness (reachable vertices only) times Wasserman-Faust factor (r-1)/(n-1)."""
    n = g.vcount()
    c = g.closeness(mode=mode, weights=weights, normalized=True)
    r = g.neighborhood_size(order=n, mode=mode)
    return [0.0 if ri <= 1 else ci * (ri - 1) / (n - 1) for ci, ri in zip(c, r)]


def cross_check(agree, col, G, weighted, people, m, gl):
    n, directed = G.number_of_nodes(), G.is_directed()
    w, dist = ("weight", "distance") if weighted else (None, None)
    g = to_igraph(G)
    gu = g.as_undirected() if directed else g
    order = list(range(n))
    val = lambda key: [m[key][v] for v in order]
    disc = not (nx.is_strongly_connected(G) if directed else nx.is_connected(G))  # legit reasons below

    agree.check("degree", col, val("degree"), g.degree())
    agree.check("in/out degree", col, val("in_degree") + val("out_degree"),
                g.degree(mode="in") + g.degree(mode="out"))
    agree.check("strength", col, val("strength"), g.strength(weights=w))
    scale = (1.0 if directed else 2.0) / ((n - 1) * (n - 2))
    ig_btw = [b * scale for b in g.betweenness(directed=directed, weights=dist)]
    if weighted:  # NetworkX == double Brandes with exact ==; igraph == exact rational arithmetic
        agree.check("betweenness: NetworkX vs double Brandes", col, val("betweenness"),
                    [b * scale for b in brandes(G, lambda w: 1.0 / w)])
        agree.check("betweenness: igraph vs rational Brandes", col, ig_btw,
                    [b * scale for b in brandes(G, lambda w: 1 / Fraction(w))])
    agree.check("betweenness", col, val("betweenness"), ig_btw, weighted and
                "NetworkX compares float path lengths with ==, so rounding splits some exact ties")
    mode_in = "in" if directed else "all"
    agree.check("closeness (igraph x WF factor)", col, val("closeness"), wf_closeness(g, mode_in, dist))
    agree.check("closeness_out (igraph x WF factor)", col, val("closeness_out"),
                wf_closeness(g, "out" if directed else "all", dist))
    raw = [0.0 if math.isnan(c) else c for c in g.closeness(mode=mode_in, weights=dist)]
    agree.check("closeness (raw igraph)", col, val("closeness"), raw,
                disc and "igraph 0.10 uses reachable vertices only, no Wasserman-Faust factor")
    agree.check("harmonic (igraph mode=in)", col, val("harmonic"),
                g.harmonic_centrality(mode=mode_in, weights=dist, normalized=False))
    if directed:
        agree.check("harmonic (igraph mode=out)", col, val("harmonic"),
                    g.harmonic_centrality(mode="out", weights=dist, normalized=False),
                    "NetworkX harmonic uses incoming distances")
    ev = g.eigenvector_centrality(directed=True, scale=True, weights=w)
    norm = math.sqrt(sum(x * x for x in ev)) or 1.0
    nx_ev = [math.nan if x is None else x for x in val("eigenvector")]
    agree.check("eigenvector (igraph, L2-rescaled)", col, nx_ev, [x / norm for x in ev],
                "NetworkX did not converge (acyclic digraph); igraph returns zeros" if None in val("eigenvector")
                else disc and "leading eigenvector not unique on a disconnected graph")
    agree.check("pagerank", col, val("pagerank"), g.pagerank(directed=directed, damping=0.85, weights=w))
    agree.check("core", col, val("core"), g.coreness(mode="all"))
    reason = ("igraph local transitivity ignores direction" if directed else
              "igraph weighted transitivity is Barrat's, NetworkX's is the geometric mean" if weighted else None)
    agree.check("clustering", col, val("clustering"),
                g.transitivity_local_undirected(mode="zero", weights=w), reason)
    ic = g.constraint(weights=w)
    sinks = [v for v in order if math.isnan(m["constraint"][v]) and G.degree(v) > 0]
    agree.check("constraint (non-nan NetworkX)", col,
                [m["constraint"][v] for v in order if v not in sinks], [ic[v] for v in order if v not in sinks])
    if sinks:
        agree.check("constraint (all)", col, val("constraint"), ic,
                    "NetworkX gives nan to directed vertices with no out-ties")
    comps = sorted((sorted(c) for c in g.connected_components(mode="weak")), key=lambda c: (-len(c), c[0]))
    agree.check("component", col, val("component"), membership(comps, n))
    aps = set(gu.articulation_points())
    agree.check("articulation_point", col, val("articulation_point"), [int(v in aps) for v in order])
    ibr = [[people[a]["id"], people[b]["id"]] for a, b in sorted(sorted(gu.es[e].tuple) for e in gu.bridges())]
    agree.check("bridges (1 = lists differ)", col, [0], [int(ibr != gl["bridges"])])

    # graph level
    agree.check("density", col, [gl["density"]], [g.density()])
    if directed:
        agree.check("reciprocity", col, [gl["reciprocity"]], [g.reciprocity(ignore_loops=True)])
    agree.check("transitivity", col, [gl["transitivity"]], [g.transitivity_undirected()],
                "nx.transitivity on a DiGraph counts out-neighbour pairs; igraph ignores direction"
                if directed else None)
    if not directed and not weighted:
        agree.check("average_clustering", col, [gl["average_clustering"]],
                    [g.transitivity_avglocal_undirected(mode="zero")])
    big = gu.induced_subgraph(components(G)[0])
    agree.check("diameter / average_path_length", col, [gl["diameter"], gl["average_path_length"]],
                [big.diameter(directed=False), big.average_path_length(directed=False)])
    tmax = tmax_values(n, directed)
    agree.check("degree_centralization", col, [gl["degree_centralization"]],
                [centralization(g.degree(), tmax["degree"])])
    agree.check("betweenness_centralization", col, [gl["betweenness_centralization"]],
                [centralization(g.betweenness(directed=directed), tmax["betweenness"])])
    agree.check("closeness_centralization", col, [gl["closeness_centralization"]],
                [centralization(g.closeness(mode=mode_in, normalized=True), tmax["closeness"])],
                disc and "igraph closeness has no Wasserman-Faust factor (nan for an isolate)")
    for a, vals in attribute_values(people).items():
        cats = {c: k for k, c in enumerate(sorted(set(vals.values())))}
        sub = g.induced_subgraph(sorted(vals))  # keeps vertex order
        agree.check(f"assortativity: {a}", col, [gl["assortativity"][a]],
                    [sub.assortativity_nominal([cats[vals[v]] for v in sorted(vals)], directed=True)])
    agree.check("degree_assortativity", col, [gl["degree_assortativity"]], [g.assortativity_degree(directed=True)])
    if weighted:
        s_out, s_in = g.strength(mode="out", weights="weight"), g.strength(mode="in", weights="weight")
        agree.check("strength_assortativity", col, [gl["strength_assortativity"]],
                    [g.assortativity(s_out, s_in if directed else None, directed=True)])


# ---------------------------------------------------------------- output
def fmt(column, x):
    return "" if x is None else str(int(x)) if column in INT_COLUMNS else repr(float(x))


def write_csv(path, people, m):
    with open(path, "w", newline="", encoding="utf-8") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(COLUMNS)
        for v, p in enumerate(people):
            out.writerow([p["id"]] + [fmt(c, m[c][v]) for c in COLUMNS[1:]])


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder holding the datasets")
    ap.add_argument("--out", type=Path, default=HERE, help="output folder (default: this folder)")
    args = ap.parse_args()
    random.seed(20240601)  # python-igraph draws on Python's RNG (ARPACK start vectors)
    agree = Agreement()
    for ds in DATASETS:
        people = read_csv(args.data / ds / "people.csv")
        ties = read_csv(args.data / ds / "ties.csv")
        (args.out / ds).mkdir(parents=True, exist_ok=True)
        for direction in ("undirected", "directed"):
            G = build_graph(people, ties, direction == "directed")
            for weighting in ("unweighted", "weighted"):
                variant = f"{direction}_{weighting}"
                weighted = weighting == "weighted"
                m = node_metrics(G, weighted, f"{ds}/{variant}", [p["id"] for p in people])
                if not weighted:
                    m_unweighted = m
                else:  # core number is defined on the unweighted graph only
                    m["core"] = m_unweighted["core"]
                gl = graph_metrics(G, weighted, people, m, m_unweighted)
                write_csv(args.out / ds / f"{variant}.csv", people, m)
                with open(args.out / ds / f"{variant}_graph.json", "w", encoding="utf-8") as f:
                    json.dump({"dataset": ds, "variant": variant, **gl}, f, indent=2, allow_nan=False)
                    f.write("\n")
                short = {"undirected": "u", "directed": "d"}[direction] + ("w" if weighted else "uw")
                cross_check(agree, (ds, short), G, weighted, people, m, gl)
    columns = list(dict.fromkeys(k[1] for k in agree.rows))
    text = ("# NetworkX 2.8.8 vs python-igraph 0.10.2: max abs difference\n\n"
            "Generated by make_reference.py. Columns: u/d = undirected/directed, uw/w = unweighted/"
            f"weighted. Agreement threshold {TOL:g}.\n\n"
            + "".join(f"### {ds}\n\n{agree.table([c for c in columns if c[0] == ds])}\n\n" for ds in DATASETS)
            + agree.legend() + "\n\nNotes:\n" + "".join(f"- {note}\n" for note in NOTES))
    (args.out / "igraph_agreement.md").write_text(text, encoding="utf-8")
    print(text)
    if agree.failures:
        print("\nUNEXPECTED DISAGREEMENTS:\n  " + "\n  ".join(agree.failures), file=sys.stderr)
        return 1
    print("\nAll unexpected-difference checks passed.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
