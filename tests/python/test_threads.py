"""threads= is honoured and changes nothing; the GIL is released while the engine computes."""
import math
import sys
import threading
import time

import networkx as nx
import pandas as pd
import pytest

import staffnet


@pytest.fixture(scope="module")
def ba():
    return staffnet.from_networkx(nx.barabasi_albert_graph(400, 3, seed=7))


def same(a, b):
    return a.keys() == b.keys() and all(a[k] == b[k] or (math.isnan(a[k]) and math.isnan(b[k])) for k in a)


def test_one_and_two_threads_give_identical_results(ba):
    names = list(staffnet.metric_list().index)
    one = staffnet.metrics(ba, names, threads=1)
    two = staffnet.metrics(ba, names, threads=2)
    pd.testing.assert_frame_equal(one, two, check_exact=True)
    assert same(staffnet.graph_measures(ba, threads=1), staffnet.graph_measures(ba, threads=2))
    sampled1 = staffnet.metrics(ba, ["betweenness", "closeness"], samples=50, seed=3, threads=1)
    sampled2 = staffnet.metrics(ba, ["betweenness", "closeness"], samples=50, seed=3, threads=2)
    pd.testing.assert_frame_equal(sampled1, sampled2, check_exact=True)


def test_threads_must_be_positive(ba):
    with pytest.raises(ValueError, match="^threads must be 1 or more, got 0$"):
        staffnet.metrics(ba, ["degree"], threads=0)
    assert staffnet.metrics(ba, ["degree"], threads=1)["degree"].sum() == 2 * ba.number_of_ties()


def test_other_python_threads_run_while_the_engine_computes():
    big = staffnet.from_networkx(nx.barabasi_albert_graph(3000, 4, seed=1))
    worker = threading.Thread(target=staffnet.metrics, args=(big, ["betweenness"]), kwargs={"threads": 1})
    interval = sys.getswitchinterval()
    sys.setswitchinterval(100.0)  # Python threads now switch only where one lets go of the GIL
    try:
        worker.start()
        time.sleep(0.02)
        # This thread runs again once it holds the GIL. Had the worker kept the GIL through its search
        # of 3,000 people (a tenth of a second or more), it would have run to its end first.
        still_computing = worker.is_alive()
    finally:
        sys.setswitchinterval(interval)
        worker.join()
    assert still_computing
