"""staffnet for Python: the engine's metrics, graph measures, QAP tests and whole analyses as pandas tables.

    import staffnet
    net = staffnet.read("examples/district")                # any file `staffnet convert` reads
    net = staffnet.from_networkx(G)                           # or from_igraph(g)
    people = staffnet.metrics(net, ["betweenness", "pagerank"], alpha=0.9, threads=2)
    staffnet.graph_measures(net)                              # summary.json's measures, as a dict
    staffnet.qap(net, ["same:school", "layer:social"], permutations=1000, seed=42)
    tables = staffnet.analyse("examples/district/config.yaml")

Every computation runs without the GIL, on `threads` OpenMP threads (default: OMP_NUM_THREADS, else
every core); results do not depend on the thread count. Bad input raises staffnet.InputError, which
carries file, line, column and message as the command line reports them.
"""
import io
import json
import math
import warnings

import pandas as pd

from . import _core
from ._core import InputError

__all__ = ["InputError", "InputWarning", "Network", "read", "from_networkx", "from_igraph", "metrics",
           "metric_list", "graph_measures", "qap", "analyse"]

InputError.__doc__ = """A problem with an input file or value, as `file:line:column: error: what; fix`.

Attributes: file, line, column (None when the problem is about the whole file or line), message and
fix of the first problem; diagnostics, a list of dicts with those keys for every problem found."""


class InputWarning(UserWarning):
    """Something a reader left out or changed (the command line prints these as warnings)."""


def _warn(messages):
    for text in messages:
        warnings.warn(text, InputWarning, stacklevel=3)


class Network:
    """A network of people and their ties, as the engine holds it: vertex i is person i.

    Build one with read(), from_networkx() or from_igraph(). Results are indexed by `index`: the
    person ids, or the original node labels of a NetworkX or igraph graph.
    """

    def __init__(self, core, labels=None, notes=()):
        self._core = core
        self._labels = list(core.ids) if labels is None else list(labels)
        self.warnings = list(notes)  # what the reader left out or changed

    @property
    def ids(self):
        """The person ids (text), in vertex order."""
        return self._core.ids

    @property
    def index(self):
        """The labels results are indexed by, in vertex order, as a pandas Index named 'id'."""
        return pd.Index(self._labels, name="id")

    @property
    def directed(self):
        return self._core.directed

    @property
    def weighted(self):
        """Whether metrics use tie weights (strength always does)."""
        return self._core.weighted

    @property
    def tie_types(self):
        return self._core.tie_types

    @property
    def attribute_names(self):
        return self._core.attribute_names

    def number_of_ties(self):
        """Ties of the combined simple graph: arcs when directed, pairs when undirected."""
        return self._core.tie_count

    def __len__(self):
        return self._core.size

    def __repr__(self):
        kind = "directed" if self.directed else "undirected"
        return f"<staffnet.Network: {len(self)} people, {self.number_of_ties()} ties, {kind}>"

    def people(self):
        """id (the index), name, role, school and every attribute, as text ("" when blank)."""
        columns = ["id", "name", "role", "school"] + list(self.attribute_names)
        frame = pd.DataFrame(self._core.people, columns=columns).drop(columns="id")
        frame.index = self.index
        return frame

    def ties(self):
        """The combined simple graph as (source label, target label, weight) triples; an undirected pair once."""
        sources, targets, weights = self._core.edges()
        return [(self._labels[s], self._labels[t], w) for s, t, w in zip(sources, targets, weights)]

    def _node_attributes(self):
        """Per vertex, the non-blank name (when it is not the id), role, school and attributes."""
        names = ["name", "role", "school"] + list(self.attribute_names)
        out = []
        for row in self._core.people:
            attrs = {k: v for k, v in zip(names, row[1:]) if v != "" and not (k == "name" and v == row[0])}
            out.append(attrs)
        return out

    def to_networkx(self):
        """A networkx Graph or DiGraph: nodes are the labels with their attributes, ties carry 'weight'."""
        import networkx as nx

        G = nx.DiGraph() if self.directed else nx.Graph()
        for label, attrs in zip(self._labels, self._node_attributes()):
            G.add_node(label, **attrs)
        for s, t, w in self.ties():
            G.add_edge(s, t, weight=w)
        return G

    def to_igraph(self):
        """An igraph Graph: vertex attribute 'name' holds the ids, ties carry 'weight'."""
        import igraph as ig

        sources, targets, weights = self._core.edges()
        g = ig.Graph(n=len(self), edges=list(zip(sources, targets)), directed=self.directed)
        g.vs["name"] = list(self.ids)
        attrs = self._node_attributes()
        for key in dict.fromkeys(k for a in attrs for k in a if k != "name"):
            g.vs[key] = [a.get(key) for a in attrs]
        g.es["weight"] = list(weights)
        return g


def read(path, format=None, *, people=None, directed=None, weighted=False, drop_self_ties=False):
    """Reads a network file, as `staffnet convert` and `staffnet metrics` do.

    path: a .graphml, .gexf, .net (Pajek), .dl (UCINET), .json (node-link) or .adj.csv file, a
    ties.csv, or a folder holding people.csv and ties.csv. format: csv, graphml, gexf, pajek, dl,
    adjacency or json when the ending does not say. people and directed apply to a ties.csv only
    (people.csv beside it is used when there is one; other formats say who the people are and
    whether ties are directed). weighted: metrics use tie weights (path length = 1/weight).
    drop_self_ties: leave out ties of a person to themselves instead of failing.
    Raises InputError at the file, line and column of every problem.
    """
    path, people, format = str(path), "" if people is None else str(people), "" if format is None else str(format)
    if _core.format_of(path, format) != "csv" and (directed is not None or people):
        option = "directed" if directed is not None else "people"
        raise ValueError(f"only a ties.csv input takes {option}=; a {_core.format_of(path, format)} file says itself "
                         "who the people are and whether ties are directed")
    core, notes = _core.read(path, format, people, bool(directed), bool(weighted), bool(drop_self_ties))
    _warn(notes)
    return Network(core, notes=notes)


def _text(value):
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _build(labels, node_attrs, edges, directed, weighted, drop_self_ties):
    """labels: node keys; node_attrs: a dict per node; edges: (source index, target index, weight, type)."""
    ids = [str(label) for label in labels]
    if len(set(ids)) != len(ids):
        seen = set()
        twice = next(i for i in ids if i in seen or seen.add(i))
        raise ValueError(f"two nodes have the id '{twice}' as text; give every node a distinct label")
    special = ("name", "role", "school")
    attribute_names = list(dict.fromkeys(k for a in node_attrs for k in a if k not in special))
    types = list(dict.fromkeys(t for *_, t in edges)) or ["tie"]
    type_index = {t: k for k, t in enumerate(types)}
    core, notes = _core.build(
        ids=ids,
        names=[_text(a.get("name")) or i for i, a in zip(ids, node_attrs)],
        roles=[_text(a.get("role")) for a in node_attrs],
        schools=[_text(a.get("school")) for a in node_attrs],
        attribute_names=attribute_names,
        attributes=[[_text(a.get(k)) for k in attribute_names] for a in node_attrs],
        sources=[e[0] for e in edges], targets=[e[1] for e in edges],
        weights=[float(e[2]) for e in edges], type_of=[type_index[e[3]] for e in edges], types=types,
        directed=directed, weighted=weighted, drop_self_ties=drop_self_ties)
    _warn(notes)
    return Network(core, labels, notes)


def from_networkx(G, weight="weight", *, type=None, weighted=False, drop_self_ties=False):
    """A Network from a NetworkX graph (Graph, DiGraph, or a multigraph, whose parallel ties combine).

    Node labels become ids (as text) and index the results; node attributes name, role and school
    fill those fields, other attributes become attributes (for same:/diff: predictors, ei_index
    and brokerage groups). weight: the edge attribute holding tie strength (1 when absent; None to
    ignore weights). type: the edge attribute holding a tie type (None: one type). Ties of one type
    between a pair combine by their largest weight, types add up, as ties.csv rows do.
    weighted: metrics use the weights (NetworkX's weight=... with distance = 1/weight).
    """
    labels = list(G.nodes)
    position = {label: k for k, label in enumerate(labels)}
    node_attrs = [dict(G.nodes[label]) for label in labels]
    edges = []
    for s, t, data in G.edges(data=True):
        w = data.get(weight, 1.0) if weight is not None else 1.0
        kind = _text(data.get(type)) or "tie" if type is not None else "tie"
        edges.append((position[s], position[t], w, kind))
    return _build(labels, node_attrs, edges, G.is_directed(), weighted, drop_self_ties)


def from_igraph(g, weight="weight", *, type=None, weighted=False, drop_self_ties=False):
    """A Network from a python-igraph Graph.

    The vertex attribute 'name' gives the ids and labels when every vertex has a distinct one, else
    the vertex indices do. Other vertex attributes are read as from_networkx reads node attributes;
    weight and type name edge attributes (absent: 1 and one type).
    """
    n = g.vcount()
    names = g.vs["name"] if "name" in g.vs.attributes() else None
    use_names = names is not None and None not in names and len(set(map(str, names))) == n
    labels = list(names) if use_names else list(range(n))
    keys = [k for k in g.vs.attributes() if k != "name" or not use_names]
    node_attrs = [{k: g.vs[v][k] for k in keys} for v in range(n)]
    has_weight = weight is not None and weight in g.es.attributes()
    has_type = type is not None and type in g.es.attributes()
    edges = [(e.source, e.target, e[weight] if has_weight else 1.0, (_text(e[type]) or "tie") if has_type else "tie")
             for e in g.es]
    return _build(labels, node_attrs, edges, g.is_directed(), weighted, drop_self_ties)


def metric_list():
    """Every metric as a DataFrame indexed by name: its column, summary and options."""
    rows = [{"name": n, "column": c, "summary": s, "options": list(o)} for n, c, s, o in _core.metric_list()]
    return pd.DataFrame(rows).set_index("name")


def _option_text(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    return str(value)


def _requests(names, options):
    """[(metric, {option: text})]: kwargs that name a metric give its options; others go to each metric taking them."""
    catalogue = {n: list(o) for n, _, _, o in _core.metric_list()}
    requests = []
    for item in _core.default_metrics() if names is None else ([names] if isinstance(names, str) else names):
        name, own = (item, {}) if isinstance(item, str) else (item[0], dict(item[1]))
        requests.append((name, own))
    asked = {name for name, _ in requests}
    for key, value in options.items():
        if key in catalogue and isinstance(value, dict):
            if key not in asked:
                raise ValueError(f"options for {key}, which is not among the metrics asked for")
            for name, own in requests:
                if name == key:
                    own.update(value)
            continue
        takers = [own for name, own in requests if key in catalogue.get(name, [])]
        if not takers:
            raise ValueError(f"no metric asked for takes option '{key}'; see staffnet.metric_list()")
        for own in takers:
            own.setdefault(key, value)
    return [(name, {k: _option_text(v) for k, v in own.items()}) for name, own in requests]


def metrics(net, names=None, *, threads=None, seed=42, **options):
    """Per-person metrics as people.csv has them: a DataFrame indexed by person id (net.index) with
    name, role, school, then one column per metric in the registry's (people.csv's) order.

    names: metric names (default: those `staffnet analyze` computes), or (name, {option: value})
    pairs. A keyword option goes to every metric asked for that takes it (normalized=False,
    alpha=0.9, direction="out", samples=500, resolution=1.2, attribute="club"); a keyword named
    after a metric gives that metric's own options (closeness={"direction": "out"}). Options are
    checked as the config checks them. seed: for Louvain, Leiden and sampled path metrics.
    A score that is not defined for a person is NaN.
    """
    columns = _core.metrics(net._core, _requests(names, options), int(seed), threads)
    frame = net.people()[["name", "role", "school"]].copy()
    for column, scores in columns:
        frame[column] = scores
    return frame


def graph_measures(net, *, seed=42, threads=None):
    """Whole-network measures as summary.json's `measures`, in its order: a dict of name -> value
    (NaN where undefined). Louvain and Leiden are seeded by `seed`."""
    return dict(_core.graph_measures(net._core, int(seed), threads))


def qap(net, predictors, *, relation="all", method="qap", permutations=1000, seed=42, valued=False, threads=None):
    """QAP tests of ties against dyadic predictors, as `staffnet qap` (R sna's qaptest and netlm).

    predictors: "same:ATTRIBUTE", "diff:ATTRIBUTE" (numbers or ISO dates) or "layer:TYPE".
    relation: the ties tested, a tie type or "all". method "qap": one QAP correlation per predictor,
    a DataFrame indexed by predictor as qap's CSV. method "mrqap": one regression (Dekker's double
    semi-partialling), a DataFrame indexed by term, with the fit (r_squared, dyads, ...) in
    `.attrs["fit"]`. valued: tie matrices hold weights instead of 1. Deterministic for a seed on
    any number of threads.
    """
    if isinstance(predictors, str):
        predictors = [predictors]
    out = _core.qap(net._core, relation, list(predictors), method, int(permutations), int(seed), bool(valued), threads)
    for note in out["notes"]:
        warnings.warn(note, InputWarning, stacklevel=2)
    frame = pd.DataFrame(out["rows"])
    frame = frame.set_index("term" if method == "mrqap" else "predictor")
    if method == "mrqap":
        frame.attrs["fit"] = dict(out["fit"])
    return frame


# The tables of analyse() keyed by person or school id; the others keep the files' row order.
_BY_ID = {"people", "isolation_risk", "schools", "schools_at_risk"}


def _csv_frame(text, by_id):
    """A CSV table as `staffnet analyze` writes it: numbers as written (shortest round trip), blank text as ""."""
    frame = pd.read_csv(io.StringIO(text), float_precision="round_trip", dtype={"id": str})
    for column in frame.columns:
        if frame[column].dtype == object:
            frame[column] = frame[column].fillna("")
    return frame.set_index("id") if by_id else frame


def analyse(config, *, threads=None):
    """Runs the analysis of a config.yaml once, as `staffnet analyze` does (without the diagrams and
    the report), and returns its tables, equal to the files analyze writes:

    people (people.csv: id index, name, role, school, every metric and isolation_risk), isolation_risk,
    schools, schools_at_risk (indexed by id), correlations, regression, patterns (DataFrames), and
    summary (summary.json as a dict). Without schools.csv the school tables are None. Raises
    InputError for a bad config or data file; the loader's warnings are InputWarnings.
    """
    out = _core.analyse(str(config), threads)
    _warn(out["warnings"])
    ids, names, roles, schools, columns = out["people"]
    people = pd.DataFrame({"name": names, "role": roles, "school": schools}, index=pd.Index(ids, name="id"))
    for column, scores in columns:
        people[column] = scores
    tables = {"people": people}
    for name in ["isolation_risk", "schools", "schools_at_risk", "correlations", "regression", "patterns"]:
        text = out["tables"].get(name)
        tables[name] = None if text is None else _csv_frame(text, name in _BY_ID)
    tables["summary"] = json.loads(out["summary"])
    return tables
