"""staffnet.qap against `staffnet qap` (itself checked against R sna) and a plain Pearson correlation."""
import io
import subprocess

import numpy as np
import pandas as pd
import pytest

import staffnet

PREDICTORS = ["same:school", "same:role", "layer:social"]


def cli_tables(staffnet_exe, district_dir, method):
    run = subprocess.run([str(staffnet_exe), "qap", str(district_dir / "config.yaml"), "--predictors", ",".join(PREDICTORS),
                          "--method", method, "--permutations", "200", "--seed", "7"],
                         capture_output=True, text=True, check=True)
    return [pd.read_csv(io.StringIO(part), float_precision="round_trip") for part in run.stdout.split("\n\n")]


@pytest.fixture(scope="module")
def district(district_dir):
    return staffnet.read(district_dir)


def test_qap_correlations_equal_the_command_line(district, staffnet_exe, district_dir):
    ours = staffnet.qap(district, PREDICTORS, permutations=200, seed=7)
    (theirs,) = cli_tables(staffnet_exe, district_dir, "qap")
    pd.testing.assert_frame_equal(ours.reset_index()[list(theirs.columns)], theirs, check_dtype=False, check_exact=True)


def test_mrqap_equals_the_command_line(district, staffnet_exe, district_dir):
    ours = staffnet.qap(district, PREDICTORS, method="mrqap", permutations=200, seed=7)
    terms, fit = cli_tables(staffnet_exe, district_dir, "mrqap")
    pd.testing.assert_frame_equal(ours.reset_index()[list(terms.columns)], terms, check_dtype=False, check_exact=True)
    theirs = dict(zip(fit["measure"], fit["value"]))
    for key in ["dyads", "r_squared", "adj_r_squared", "f_statistic", "residual_std_error", "permutations"]:
        assert ours.attrs["fit"][key] == float(theirs[key]), key


def test_the_observed_correlation_is_pearson_over_ordered_pairs(district):
    people = district.people()
    ids = list(people.index)
    n = len(ids)
    ties = np.zeros((n, n))
    for s, t, _ in district.ties():
        ties[ids.index(s), ids.index(t)] = ties[ids.index(t), ids.index(s)] = 1
    school = people["school"].to_numpy()
    same = (school[:, None] == school[None, :]).astype(float)
    off = ~np.eye(n, dtype=bool)  # every ordered pair; a blank school (the central office) is a group too
    expected = np.corrcoef(ties[off], same[off])[0, 1]
    result = staffnet.qap(district, "same:school", permutations=20)
    assert result.loc["same:school", "correlation"] == pytest.approx(expected, abs=1e-9)
    assert result.loc["same:school", "dyads"] == off.sum()


def test_a_predictor_is_checked_before_anything_runs(district):
    with pytest.raises(ValueError, match=r"^no attribute named 'shcool' \(did you mean 'school'\?\); use school, role or "
                                         "another attribute of the people$"):
        staffnet.qap(district, ["same:shcool"])
    with pytest.raises(ValueError, match="^unknown predictor 'school'; write same:ATTRIBUTE, diff:ATTRIBUTE or layer:TYPE, "
                                         "for example same:school$"):
        staffnet.qap(district, ["school"])
