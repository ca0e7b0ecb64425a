#!/usr/bin/python3
"""Files as researchers' tools write them (tests/io/formats/researcher_test.cpp), made with Debian's
python3-networkx and python3-igraph, and what those tools see in them (expected.json).

Run from this folder: /usr/bin/python3 make_researcher_fixtures.py
"""
import json

import igraph
import networkx as nx

KITE_NAMES = ["Andre", "Beverly", "Carol", "Diane", "Ed", "Fernando", "Garth", "Heather", "Ike", "Jane"]


def kite():
    g = igraph.Graph.Famous("Krackhardt_Kite")
    g.vs["name"] = KITE_NAMES
    return g


def main():
    expected = {"made_with": {"networkx": nx.__version__, "igraph": igraph.__version__}}

    # igraph GraphML: node ids n0, n1, ...; the person is the vertex attribute `name`.
    g = kite()
    g.write_graphml("kite.igraph.graphml")
    back = igraph.Graph.Read_GraphML("kite.igraph.graphml")
    expected["kite.igraph.graphml"] = {"names": back.vs["name"], "degree": dict(zip(back.vs["name"], back.degree())),
                                       "ties": back.ecount(), "directed": back.is_directed()}

    # UCINET DL edgelist1 listing each undirected tie once, with SYMMETRIC YES (as UCINET's DL
    # editor saves a symmetric edge list). Neither peer writes the keyword, so the text is built here.
    lines = ["DL N=10", "FORMAT = EDGELIST1", "SYMMETRIC YES", "LABELS:", ",".join(KITE_NAMES), "DATA:"]
    lines += [f"{a + 1} {b + 1}" for a, b in g.get_edgelist()]
    with open("kite_symmetric.dl", "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    view = nx.Graph()
    view.add_nodes_from(KITE_NAMES)
    view.add_edges_from((KITE_NAMES[a], KITE_NAMES[b]) for a, b in g.get_edgelist())
    expected["kite_symmetric.dl"] = {"ties": view.number_of_edges(), "density": nx.density(view),
                                     "degree": dict(view.degree())}

    # NetworkX Pajek: string attributes follow the coordinates and shape (`1 a 0.0 0.0 ellipse school S1`).
    h = nx.Graph()
    h.add_node("a", school="S1", role="staff")
    h.add_node("b", school="S1")
    h.add_node("c", school="S 2", role="district_team")
    h.add_edges_from([("a", "b"), ("b", "c")])
    nx.write_pajek(h, "schools.networkx.net")
    back = nx.read_pajek("schools.networkx.net")
    expected["schools.networkx.net"] = {n: {k: v for k, v in d.items() if k in ("school", "role")} for n, d in back.nodes(data=True)}

    with open("expected.json", "w", encoding="utf-8") as f:
        json.dump(expected, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
