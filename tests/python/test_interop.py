"""from_networkx / from_igraph and back: people, attributes, ties and weights survive the round trip,
and a network scores the same whichever library it came from."""
import igraph as ig
import networkx as nx
import pandas as pd
import pytest

import staffnet


def school_graph():
    G = nx.Graph()
    G.add_node("ana", role="staff", school="S1", subject="math")
    G.add_node("ben", role="school_leader", school="S1")
    G.add_node("cy", name="Cy Young", school="S2", subject="art")
    G.add_node("dee")  # an isolate keeps its place
    G.add_edge("ana", "ben", weight=2.0)
    G.add_edge("ben", "cy", weight=0.5)
    return G


def test_a_networkx_graph_round_trips():
    G = school_graph()
    net = staffnet.from_networkx(G)
    assert (len(net), net.number_of_ties(), net.directed) == (4, 2, False)
    assert net.attribute_names == ["subject"]
    people = net.people()
    assert list(people.index) == ["ana", "ben", "cy", "dee"]
    assert people.loc["cy", "name"] == "Cy Young" and people.loc["dee", "name"] == "dee"  # no name: the id
    assert people.loc["ben", "role"] == "school_leader" and people.loc["dee", "school"] == ""
    back = net.to_networkx()
    assert type(back) is nx.Graph
    assert dict(back.nodes(data=True)) == dict(G.nodes(data=True))
    assert {frozenset((s, t)): d for s, t, d in back.edges(data=True)} == \
           {frozenset((s, t)): d for s, t, d in G.edges(data=True)}


def test_node_labels_index_the_results_and_direction_is_kept():
    G = nx.DiGraph([(1, 2), (2, 1), (2, 3)])
    net = staffnet.from_networkx(G)
    assert net.ids == ["1", "2", "3"] and list(net.index) == [1, 2, 3]
    table = staffnet.metrics(net, ["in_degree", "out_degree"])
    assert table["in_degree"].to_dict() == {1: 1, 2: 1, 3: 1}
    assert table["out_degree"].to_dict() == {1: 1, 2: 2, 3: 0}
    back = net.to_networkx()
    assert type(back) is nx.DiGraph and sorted(back.edges()) == [(1, 2), (2, 1), (2, 3)]


def test_parallel_ties_combine_as_ties_csv_rows_do():
    M = nx.MultiGraph()
    M.add_edge("a", "b", weight=1.0, kind="social")
    M.add_edge("a", "b", weight=3.0, kind="social")   # same type: the larger weight
    M.add_edge("a", "b", weight=0.5, kind="project")  # another type: added
    assert staffnet.from_networkx(M, type="kind").ties() == [("a", "b", 3.5)]
    assert staffnet.from_networkx(M).ties() == [("a", "b", 3.0)]  # one type: max of the three
    assert staffnet.from_networkx(M, weight=None).ties() == [("a", "b", 1.0)]
    assert staffnet.from_networkx(M, type="kind").tie_types == ["social", "project"]


def test_an_igraph_graph_round_trips_by_vertex_name():
    g = ig.Graph(n=4, edges=[(0, 1), (1, 2), (2, 0)], directed=True)
    g.vs["name"] = ["w", "x", "y", "z"]
    g.vs["school"] = ["S1", "S1", "S2", None]
    g.es["weight"] = [1.0, 2.0, 4.0]
    net = staffnet.from_igraph(g)
    assert list(net.index) == ["w", "x", "y", "z"] and net.directed
    assert net.people()["school"].tolist() == ["S1", "S1", "S2", ""]
    back = net.to_igraph()
    assert back.is_directed() and back.vs["name"] == g.vs["name"] and back.vs["school"] == g.vs["school"]
    assert sorted(zip(back.get_edgelist(), back.es["weight"])) == sorted(zip(g.get_edgelist(), g.es["weight"]))


def test_igraph_without_unique_names_is_indexed_by_vertex():
    g = ig.Graph.Famous("Zachary")
    net = staffnet.from_igraph(g)
    assert list(net.index) == list(range(34)) and net.number_of_ties() == 78
    g.vs["name"] = ["same"] * 34
    assert list(staffnet.from_igraph(g).index) == list(range(34))


def test_all_three_sources_score_alike():
    G = nx.karate_club_graph()  # its edges carry weights 1-7
    from_nx = staffnet.from_networkx(G, weighted=True)
    from_ig = staffnet.from_igraph(from_nx.to_igraph(), weighted=True)
    names = ["strength", "betweenness", "pagerank", "core"]
    a = staffnet.metrics(from_nx, names)
    b = staffnet.metrics(from_ig, names)
    b.index = a.index  # igraph's names are the ids as text
    pd.testing.assert_frame_equal(a[names], b[names])
    assert a["strength"].tolist() == [float(d) for _, d in G.degree(weight="weight")]


def test_bad_graphs_are_refused_with_the_node_named():
    with pytest.raises(ValueError, match="^'a' is tied to themselves; pass drop_self_ties=True to leave such ties out$"):
        staffnet.from_networkx(nx.Graph([("a", "a"), ("a", "b")]))
    with pytest.warns(staffnet.InputWarning, match="^left out the tie of 'a' to themselves$"):
        assert staffnet.from_networkx(nx.Graph([("a", "a"), ("a", "b")]), drop_self_ties=True).number_of_ties() == 1
    with pytest.raises(ValueError, match="^two nodes have the id '1' as text; give every node a distinct label$"):
        staffnet.from_networkx(nx.Graph([(1, "1")]))
    bad = nx.Graph()
    bad.add_edge("a", "b", weight=-1)
    with pytest.raises(ValueError, match=r"^the tie a - b has weight -1; weights must be numbers above 0$"):
        staffnet.from_networkx(bad)
