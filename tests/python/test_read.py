"""staffnet.read: every format `staffnet convert` reads, and its errors as exceptions that carry
file, line and column, worded exactly as the command line words them."""
import subprocess
from pathlib import Path

import pytest

import staffnet

GOLDEN = Path(__file__).resolve().parents[1] / "io" / "formats" / "golden"
IO_FIXTURES = Path(__file__).resolve().parents[1] / "io" / "fixtures"


def pairs(net):
    return {(frozenset((s, t)) if not net.directed else (s, t)): w for s, t, w in net.ties()}


@pytest.mark.parametrize("ending", ["graphml", "gexf", "net", "dl", "json", "adj.csv"])
def test_every_format_reads_the_same_network(data_dir, ending):
    # The golden files are `staffnet convert` of zachary_karate (undirected, weights 1-7).
    original = staffnet.read(data_dir / "zachary_karate")
    net = staffnet.read(GOLDEN / f"zachary_karate.{ending}")
    assert net.ids == original.ids
    assert not net.directed and net.number_of_ties() == 78
    assert pairs(net) == pairs(original)
    names = ["degree", "strength", "betweenness"]
    assert staffnet.metrics(net, names)[names].equals(staffnet.metrics(original, names)[names])


def test_a_ties_csv_finds_people_csv_beside_it_and_takes_direction(data_dir):
    folder = staffnet.read(data_dir / "krackhardt_hightech", directed=True)
    ties = staffnet.read(data_dir / "krackhardt_hightech" / "ties.csv", directed=True)
    assert folder.ids == ties.ids and len(folder) == 21 and folder.directed
    assert folder.attribute_names == ["age", "tenure", "level", "department"]
    assert pairs(folder) == pairs(ties)
    with pytest.raises(ValueError, match="^only a ties.csv input takes directed=; a graphml file says itself who the "
                                         "people are and whether ties are directed$"):
        staffnet.read(GOLDEN / "zachary_karate.graphml", directed=True)


def cli_errors(staffnet_exe, path, tmp_path):
    """The diagnostics `staffnet convert` prints for a bad input (one a line; its own closing
    'staffnet: ...' line left out), and its exit status."""
    run = subprocess.run([str(staffnet_exe), "convert", str(path), str(tmp_path / "out.graphml")],
                         capture_output=True, text=True, check=False)
    lines = [line for line in run.stderr.splitlines() if not line.startswith("staffnet: ")]
    return run.returncode, "\n".join(lines)


def test_a_bad_weight_in_ties_csv_is_an_input_error_at_its_line_and_field(staffnet_exe, tmp_path):
    path = IO_FIXTURES / "ties_weight_not_number.csv"
    with pytest.raises(staffnet.InputError) as caught:
        staffnet.read(path)
    e = caught.value
    assert isinstance(e, ValueError)
    assert (e.file, e.line, e.column) == (str(path), 2, 4)
    assert e.message == "weight must be a positive number, got 'high'"
    assert str(e) == f"{path}:2:4: error: weight must be a positive number, got 'high'; {e.fix}"
    assert cli_errors(staffnet_exe, path, tmp_path) == (2, str(e))


def test_every_problem_of_a_graphml_file_is_reported(staffnet_exe, tmp_path):
    path = tmp_path / "a.graphml"
    path.write_text('<graphml>\n'
                    '  <key id="d0" for="node" attr.name="age" attr.type="int"/>\n'
                    '  <graph edgedefault="directed">\n'
                    '    <node id="a"><data key="d0">old</data></node>\n'
                    '    <node id="b"/>\n'
                    '    <edge source="a" target="c"/>\n'
                    '  </graph>\n'
                    '</graphml>\n', encoding="utf-8")
    with pytest.raises(staffnet.InputError) as caught:
        staffnet.read(path)
    e = caught.value
    assert str(e) == (f"{path}:4:18: error: attribute 'age' of node 'a' must be a whole number, got 'old'; correct the "
                      "value, or declare the attribute with another type\n"
                      f"{path}:6:5: error: unknown person 'c'; add a node with this id, or correct the tie")
    assert (e.file, e.line, e.column) == (str(path), 4, 18)
    assert [(d["line"], d["column"], d["message"]) for d in e.diagnostics] == [
        (4, 18, "attribute 'age' of node 'a' must be a whole number, got 'old'"), (6, 5, "unknown person 'c'")]
    assert cli_errors(staffnet_exe, path, tmp_path) == (2, str(e))


def test_a_missing_file_and_an_unknown_ending_name_no_line(tmp_path):
    with pytest.raises(staffnet.InputError) as caught:
        staffnet.read(tmp_path / "network.xlsx")
    assert caught.value.line is None and caught.value.column is None
    assert caught.value.file == str(tmp_path / "network.xlsx")
