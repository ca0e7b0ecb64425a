#!/usr/bin/python3
"""Fixtures for staffnet's network-file tests, made with Debian's python3-networkx and python3-igraph.

Run from the repository root, after building staffnet:

    /usr/bin/python3 tests/io/formats/make_fixtures.py --staffnet build/staffnet

1. fixtures/: NetworkX and igraph WRITE each dataset of ../shared/data in the formats they write
   (GraphML, GEXF, Pajek, node-link JSON); staffnet's tests read them and compare with the CSVs.
2. golden/: staffnet WRITES some datasets in every format (`staffnet convert`); the tests check
   that staffnet still writes the same bytes.
3. golden/peer_view.json: NetworkX and igraph READ those golden files; what they saw (people, ties,
   weights, tie types, attribute values) is recorded, and the tests check it against the CSVs.
"""
import argparse
import warnings
import csv
import json
import math
import os
import subprocess
import sys

import igraph
import networkx as nx

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.normpath(os.path.join(HERE, "..", "..", "..", "..", "shared", "data"))
# Read as directed unless every tie type is undirected (see each dataset's README).
UNDIRECTED = {"padgett_florentine", "zachary_karate"}
ALL_PEER_FILES = ["networkx.graphml", "networkx.gexf", "networkx.net", "networkx.json", "igraph.graphml", "igraph.net"]
# Every file each tool writes, for the datasets that cover multiplex, mixed direction, valued ties,
# typed and missing attributes; Freeman's self-loops in two small ones (its files are large).
PEER_FILES = {"bankwiring_room": ALL_PEER_FILES, "krackhardt_hightech": ALL_PEER_FILES, "padgett_florentine": ALL_PEER_FILES,
              "sampson_monastery": ALL_PEER_FILES, "zachary_karate": ALL_PEER_FILES,
              "freeman_eies": ["networkx.graphml", "igraph.net"]}
GOLDEN_DATASETS = ["bankwiring_room", "krackhardt_hightech", "padgett_florentine", "zachary_karate"]
GOLDEN_FORMATS = ["graphml", "gexf", "net", "dl", "json", "adj.csv"]


def typed_column(values):
    """The values of a people.csv column as staffnet types them: int, then float, else str."""
    filled = [v for v in values if v != ""]
    for kind in (int, float):
        try:
            [kind(v) for v in filled]
            if kind is int and any(v != str(int(v)) for v in filled):
                continue
            return [kind(v) if v != "" else None for v in values]
        except ValueError:
            pass
    return [v if v != "" else None for v in values]


def dataset(name):
    with open(os.path.join(DATA, name, "people.csv"), newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    ids = [r["id"] for r in rows]
    attributes = {c: typed_column([r[c] for r in rows]) for c in rows[0] if c != "id"}
    with open(os.path.join(DATA, name, "ties.csv"), newline="", encoding="utf-8") as f:
        ties = [(t["source"], t["target"], t["type"], float(t["weight"])) for t in csv.DictReader(f)]
    return ids, attributes, ties, name not in UNDIRECTED


def networkx_graph(name):
    ids, attributes, ties, directed = dataset(name)
    g = nx.MultiDiGraph() if directed else nx.MultiGraph()
    for i, person in enumerate(ids):
        g.add_node(person, **{a: v[i] for a, v in attributes.items() if v[i] is not None})
    for s, t, kind, w in ties:
        g.add_edge(s, t, type=kind, weight=w)
    return g


def igraph_graph(name):
    ids, attributes, ties, directed = dataset(name)
    g = igraph.Graph(n=len(ids), directed=directed)
    g.vs["id"] = ids  # igraph's own vertex ids are 0, 1, ...; it writes this attribute as the person's id
    for a, values in attributes.items():
        numbers = any(isinstance(v, (int, float)) for v in values)
        g.vs[a] = [(math.nan if numbers else "") if v is None else v for v in values]
    index = {p: i for i, p in enumerate(ids)}
    g.add_edges([(index[s], index[t]) for s, t, _, _ in ties])
    g.es["type"] = [k for _, _, k, _ in ties]
    g.es["weight"] = [w for _, _, _, w in ties]
    return g


def write_json(g, path):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(nx.node_link_data(g), f, indent=1)
        f.write("\n")


WRITERS = {"networkx.graphml": nx.write_graphml, "networkx.gexf": nx.write_gexf, "networkx.net": nx.write_pajek,
           "networkx.json": write_json, "igraph.graphml": igraph.Graph.write_graphml, "igraph.net": igraph.Graph.write_pajek}


def write_peer_fixtures():
    for name, files in PEER_FILES.items():
        graphs = {"networkx": networkx_graph(name), "igraph": igraph_graph(name)}
        for file in files:
            WRITERS[file](graphs[file.split(".")[0]], os.path.join(HERE, "fixtures", f"{name}.{file}"))


def write_golden(staffnet):
    for name in GOLDEN_DATASETS:
        for ext in GOLDEN_FORMATS:
            args = [staffnet, "convert", os.path.join(DATA, name, "ties.csv"), os.path.join(HERE, "golden", f"{name}.{ext}"), "--force"]
            if name not in UNDIRECTED:
                args.append("--directed")
            subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def plain(value):
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def networkx_view(g):
    edges = list(g.edges(data=True))
    view = {"directed": g.is_directed(), "nodes": [str(n) for n in g.nodes], "edges": len(edges),
            "weight": sum(d.get("weight", 1) for _, _, d in edges)}
    kinds = [d.get("type", d.get("l")) for _, _, d in edges]
    if any(k is not None for k in kinds):
        view["types"] = {k: kinds.count(k) for k in sorted(set(kinds), key=str)}
    names = sorted({a for _, d in g.nodes(data=True) for a in d if a not in ("label", "id")})
    if names:
        view["attributes"] = {a: [plain(d.get(a)) for _, d in g.nodes(data=True)] for a in names}
    return view


def igraph_view(g, id_attribute, copies=()):
    view = {"directed": g.is_directed(), "nodes": [str(v) for v in g.vs[id_attribute]], "edges": g.ecount(),
            "weight": sum(g.es["weight"]) if "weight" in g.es.attributes() else g.ecount()}
    for key in ("type", "label"):
        if key in g.es.attributes():
            kinds = g.es[key]
            view["types"] = {k: kinds.count(k) for k in sorted(set(kinds))}
    names = sorted(a for a in g.vs.attributes() if a not in ("id", id_attribute, *copies))
    if names:
        view["attributes"] = {a: [plain(v) for v in g.vs[a]] for a in names}
    return view


def adjacency_view(path):
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    ids = rows[0][1:]
    matrix = [[float(x) for x in r[1:]] for r in rows[1:]]
    symmetric = all(matrix[i][j] == matrix[j][i] for i in range(len(ids)) for j in range(len(ids)))
    import numpy
    g = nx.from_numpy_array(numpy.array(matrix), create_using=nx.Graph if symmetric else nx.DiGraph)
    return networkx_view(nx.relabel_nodes(g, dict(enumerate(ids))))


def peer_view():
    views = {}
    for name in GOLDEN_DATASETS:
        for ext in GOLDEN_FORMATS:
            path = os.path.join(HERE, "golden", f"{name}.{ext}")
            seen = {}
            if ext == "graphml":
                seen["networkx"] = networkx_view(nx.read_graphml(path))
                seen["igraph"] = igraph_view(igraph.Graph.Read_GraphML(path), "id")
            elif ext == "gexf":
                seen["networkx"] = networkx_view(nx.read_gexf(path))
            elif ext == "net":
                seen["networkx"] = networkx_view(nx.read_pajek(path))
                seen["igraph"] = igraph_view(igraph.Graph.Read_Pajek(path), "id", copies=("name",))  # igraph copies the label to name
            elif ext == "dl":
                try:  # igraph reads a DL file of one matrix only
                    seen["igraph"] = igraph_view(igraph.Graph.Read_DL(path, directed=True), "name")
                except igraph.InternalError:
                    seen["igraph"] = {"unreadable": "igraph reads no DL file with several matrices (NM > 1)"}
            elif ext == "json":
                with open(path, encoding="utf-8") as f:
                    seen["networkx"] = networkx_view(nx.node_link_graph(json.load(f)))
            elif ext == "adj.csv":
                seen["networkx"] = adjacency_view(path)
            views[f"{name}.{ext}"] = seen
    with open(os.path.join(HERE, "golden", "peer_view.json"), "w", encoding="utf-8") as f:
        json.dump({"made_with": {"networkx": nx.__version__, "igraph": igraph.__version__}, "files": views}, f, indent=1, sort_keys=True)
        f.write("\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--staffnet", required=True, help="the staffnet binary that writes golden/")
    args = parser.parse_args()
    warnings.filterwarnings("ignore", message="Node attribute .* is not processed")  # NetworkX's Pajek writer skips numbers
    write_peer_fixtures()
    write_golden(os.path.abspath(args.staffnet))
    peer_view()


if __name__ == "__main__":
    sys.exit(main())
