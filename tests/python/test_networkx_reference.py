"""staffnet.metrics and staffnet.graph_measures against NetworkX on the classic networks of
../shared/data, to 1e-6 (relative, floor 1), as tests/reference/reference_test.cpp checks the engine.
The networks are built as tests/reference/make_reference.py builds them (self-ties dropped, the
largest weight per type and pair, types summed) and scored by the same NetworkX calls."""
import math
from pathlib import Path

import networkx as nx
import pytest
from networkx.algorithms.link_analysis import pagerank_alg

import make_reference as ref
import staffnet

# NetworkX's pagerank needs SciPy; its pure-Python power iteration gives the same values without it.
nx_pagerank = getattr(pagerank_alg, "_pagerank_python", nx.pagerank)

REFERENCE = Path(ref.__file__).resolve().parent
pytestmark = pytest.mark.filterwarnings("ignore::staffnet.InputWarning")  # freeman_eies: self-ties dropped
VARIANTS = [(d, w) for d in (False, True) for w in (False, True)]


def networkx_scores(G, weighted, stored):
    """Per-person reference values, keyed by staffnet column (the calls of make_reference.node_metrics).
    Burt's constraint and effective size take NetworkX seconds a network in pure Python: theirs are
    read from `stored`, the table make_reference.py wrote with those calls."""
    w, dist = ("weight", "distance") if weighted else (None, None)
    m = {"degree": dict(G.degree())}
    m["in_degree"] = dict(G.in_degree()) if G.is_directed() else m["degree"]
    m["out_degree"] = dict(G.out_degree()) if G.is_directed() else m["degree"]
    m["strength"] = dict(G.degree(weight="weight"))  # strength always sums weights
    m["betweenness"] = nx.betweenness_centrality(G, normalized=True, weight=dist)
    m["closeness"] = nx.closeness_centrality(G, distance=dist, wf_improved=True)
    m["harmonic"] = nx.harmonic_centrality(G, distance=dist)
    try:
        m["eigenvector"] = nx.eigenvector_centrality(G, max_iter=100000, tol=1e-13, weight=w)
    except nx.PowerIterationFailedConvergence:  # a directed network without cycles: undefined
        m["eigenvector"] = {v: math.nan for v in G}
    m["pagerank"] = nx_pagerank(G, alpha=0.85, tol=1e-13, max_iter=100000, weight=w)
    m["clustering"] = nx.clustering(G, weight=w)
    m["core"] = nx.core_number(G)
    for column in ("constraint", "effective_size"):
        m[column] = {v: float(x) if x != "" else math.nan for v, x in enumerate(stored[column])}
    m["component"] = dict(enumerate(ref.membership(ref.components(G), G.number_of_nodes())))
    cut = set(nx.articulation_points(G.to_undirected(as_view=True)))
    m["articulation_point"] = {v: int(v in cut) for v in G}
    return m


def close(ours, theirs):
    return abs(ours - theirs) <= 1e-6 * max(1.0, abs(theirs))


def check_columns(table, G, reference, columns):
    assert list(table.columns[:3]) == ["name", "role", "school"]
    for column in columns:
        for v, (person, ours) in enumerate(table[column].items()):
            theirs = reference[column][v]
            if math.isnan(theirs):
                # NetworkX gives constraint NaN to anyone without out-ties; staffnet (as igraph)
                # only to people with no ties at all.
                assert math.isnan(ours) or (G.out_degree(v) == 0 and G.in_degree(v) > 0), (column, person)
            else:
                assert close(ours, theirs), (column, person, ours, theirs)


@pytest.fixture(scope="module")
def classic(data_dir):
    """(dataset, people, ties) of every classic network."""
    return [(ds, ref.read_csv(data_dir / ds / "people.csv"), ref.read_csv(data_dir / ds / "ties.csv"))
            for ds in ref.DATASETS]


@pytest.mark.parametrize("directed,weighted", VARIANTS)
def test_every_metric_matches_networkx_on_the_classic_networks(classic, data_dir, directed, weighted):
    columns = ["degree", "in_degree", "out_degree", "strength", "betweenness", "closeness", "harmonic",
               "eigenvector", "pagerank", "clustering", "core", "constraint", "effective_size", "component",
               "articulation_point"]
    for ds, people, ties in classic:
        G = ref.build_graph(people, ties, directed)
        variant = ("directed" if directed else "undirected") + ("_weighted" if weighted else "_unweighted")
        stored = ref.read_csv(REFERENCE / ds / f"{variant}.csv")
        assert [row["id"] for row in stored] == [p["id"] for p in people]
        reference = networkx_scores(G, weighted, {c: [row[c] for row in stored] for c in stored[0]})
        net = staffnet.read(data_dir / ds, directed=directed, weighted=weighted, drop_self_ties=True)
        table = staffnet.metrics(net, columns)
        assert list(table.index) == [p["id"] for p in people]
        assert list(table.columns) == ["name", "role", "school"] + columns
        check_columns(table, G, reference, columns)
        # The same graph handed over from NetworkX scores the same.
        from_nx = staffnet.metrics(staffnet.from_networkx(G, weighted=weighted), columns)
        assert list(from_nx.index) == list(G.nodes)
        check_columns(from_nx, G, reference, columns)
        # closeness of outgoing distances is NetworkX's closeness on the reversed graph.
        out = staffnet.metrics(net, ["closeness"], direction="out")["closeness"]
        theirs = nx.closeness_centrality(G.reverse() if directed else G, distance="distance" if weighted else None)
        assert all(close(out.iloc[v], theirs[v]) for v in G), ds


def test_metric_options_are_keyword_arguments(classic, data_dir):
    ds, people, ties = classic[ref.DATASETS.index("zachary_karate")]
    G = ref.build_graph(people, ties, False)
    net = staffnet.from_networkx(G)
    raw = staffnet.metrics(net, ["betweenness"], normalized=False)["betweenness"]
    theirs = nx.betweenness_centrality(G, normalized=False)
    assert all(close(raw[v], theirs[v]) for v in G)
    both = staffnet.metrics(net, ["pagerank", "closeness"], pagerank={"alpha": 0.7}, closeness={"direction": "out"})
    theirs = nx_pagerank(G, alpha=0.7, tol=1e-13, max_iter=100000, weight=None)
    assert all(close(both["pagerank"][v], theirs[v]) for v in G)
    assert math.isclose(both["pagerank"].sum(), 1.0, rel_tol=1e-9)


def test_graph_measures_match_networkx(classic, data_dir):
    for ds, people, ties in classic:
        for directed in (False, True):
            G = ref.build_graph(people, ties, directed)
            measures = staffnet.graph_measures(staffnet.read(data_dir / ds, directed=directed, drop_self_ties=True))
            U = G.to_undirected() if directed else G
            largest = U.subgraph(ref.components(G)[0])
            comps, n = ref.components(G), G.number_of_nodes()
            tmax = ref.tmax_values(n, directed)
            raw_betweenness = nx.betweenness_centrality(G, normalized=False)
            expected = {"nodes": n, "ties": G.number_of_edges(), "components": len(comps),
                        "isolates": sum(1 for v in G if G.degree(v) == 0), "largest_component": len(comps[0]),
                        "degree_centralization": ref.centralization([d for _, d in G.degree()], tmax["degree"]),
                        "betweenness_centralization": ref.centralization(list(raw_betweenness.values()),
                                                                         tmax["betweenness"]),
                        "density": nx.density(G), "transitivity": nx.transitivity(U),
                        "diameter": nx.diameter(largest),
                        "average_path_length": nx.average_shortest_path_length(largest)}
            if directed:
                expected["reciprocity"] = nx.reciprocity(G)
            for name, value in expected.items():
                assert close(measures[name], value), (ds, directed, name, measures[name], value)
