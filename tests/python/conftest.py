"""Paths the Python tests share: the repository, the classic networks of ../shared/data, the CLI."""
import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "reference"))  # make_reference: how NetworkX reads and scores the data


def _shared_data():
    given = os.environ.get("STAFFNET_SHARED_DATA")
    return Path(given) if given else ROOT.parent / "shared" / "data"


@pytest.fixture(scope="session")
def data_dir():
    path = _shared_data()
    assert (path / "zachary_karate" / "ties.csv").exists(), f"the classic networks are not in {path}"
    return path


@pytest.fixture(scope="session")
def staffnet_exe():
    path = Path(os.environ.get("STAFFNET_EXECUTABLE", ROOT / "build" / "staffnet"))
    assert path.exists(), f"no staffnet executable at {path}; set STAFFNET_EXECUTABLE"
    return path


@pytest.fixture(scope="session")
def district_dir():
    return ROOT / "examples" / "district"
