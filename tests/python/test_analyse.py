"""staffnet.analyse: the tables of one analysis equal the files `staffnet analyze` writes for the
same config (same seed, so the permutation and bootstrap columns too)."""
import json
import subprocess

import pandas as pd
import pytest

import staffnet

INDEXED_BY_ID = {"people", "isolation_risk", "schools", "schools_at_risk"}


@pytest.fixture(scope="module")
def both(district_dir, staffnet_exe, tmp_path_factory):
    out = tmp_path_factory.mktemp("analyze") / "out"
    config = district_dir / "config.yaml"
    subprocess.run([str(staffnet_exe), "analyze", str(config), "--out", str(out)], check=True, capture_output=True)
    return staffnet.analyse(config), out


def csv_table(path, by_id):
    table = pd.read_csv(path, float_precision="round_trip")
    for column in table.columns:
        if table[column].dtype == object:
            table[column] = table[column].fillna("")
    return table.set_index("id") if by_id else table


@pytest.mark.parametrize("name", ["people", "isolation_risk", "schools", "schools_at_risk", "correlations", "regression",
                                  "patterns"])
def test_each_table_equals_its_csv_file(both, name):
    tables, out = both
    ours = tables[name]
    theirs = csv_table(out / f"{name}.csv", name in INDEXED_BY_ID)
    assert isinstance(ours, pd.DataFrame)
    assert list(ours.columns) == list(theirs.columns)
    assert list(ours.index) == list(theirs.index)
    pd.testing.assert_frame_equal(ours, theirs, check_dtype=False, check_exact=True, check_index_type=False)


def test_the_people_table_holds_the_engine_values(both, district_dir):
    tables, _ = both
    net = staffnet.read(district_dir)
    direct = staffnet.metrics(net, ["betweenness", "pagerank"])
    assert tables["people"]["betweenness"].equals(direct["betweenness"])
    assert tables["people"]["pagerank"].equals(direct["pagerank"])


def test_the_summary_equals_summary_json(both):
    tables, out = both
    theirs = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert tables["summary"] == theirs
    assert tables["summary"]["nodes"] == len(tables["people"])


def test_a_bad_config_is_an_input_error(tmp_path):
    config = tmp_path / "config.yaml"
    config.write_text("network:\n  directd: true\n", encoding="utf-8")
    with pytest.raises(staffnet.InputError) as caught:
        staffnet.analyse(config)
    assert (caught.value.file, caught.value.line, caught.value.column) == (str(config), 2, 3)
    assert caught.value.message.startswith("unknown key 'directd' in network (did you mean 'directed'?)")
