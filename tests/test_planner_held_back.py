"""An older release's open-ended requirements: the plan pins what it imports with.

TensorFlow 2.7 to 2.11 ask for NumPy >= 1.20 and releases before 2.10 for any protobuf >= 3.x
(their wheels' METADATA on PyPI), so pip alone installs a NumPy 2 or a protobuf 4 that they
cannot import with (tensorflow#62832, tensorflow#56266)."""

from __future__ import annotations

from typing import Any

import pytest
from doctor_support import plan_document


@pytest.fixture(autouse=True)
def _no_overrides_from_the_outside(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("TFGPU_OVERRIDE_DRIVER", "TFGPU_OVERRIDE_GPU", "CONDA_OVERRIDE_CUDA"):
        monkeypatch.delenv(var, raising=False)


plan = plan_document


def pinned(document: dict[str, Any], name: str) -> str | None:
    return next(
        (r.split("==")[1] for r in document["requirements"] if r.split("==")[0] == name), None
    )


@pytest.mark.parametrize(
    "machine",
    [
        # native Windows' last GPU release
        '--os windows --python 3.10 --gpu "GeForce RTX 3060" --driver 546.33',
        "--os linux --python 3.9 --tf 2.8",
        "--os linux --python 3.8 --tf 2.11 --gpu none",
    ],
)
def test_tensorflow_2_7_to_2_11_gets_numpy_below_1_24(
    capsys: pytest.CaptureFixture[str], machine: str
) -> None:
    doc = plan(capsys, machine)
    assert pinned(doc, "numpy") == "1.23.5"
    decision = next(d for d in doc["decisions"] if d["subject"] == "numpy")
    assert "np.object" in decision["reason"] and decision["source"].startswith("https://")


@pytest.mark.parametrize(
    "machine", ["--os linux --python 3.8 --tf 2.3", "--os linux --python 3.10 --tf 2.9"]
)
def test_tensorflow_before_2_10_gets_protobuf_3(
    capsys: pytest.CaptureFixture[str], machine: str
) -> None:
    assert pinned(plan(capsys, machine), "protobuf") == "3.19.6"


@pytest.mark.parametrize(
    "machine",
    [
        "--os linux --python 3.12",  # newest: its own requirements cap both
        "--os linux --python 3.10 --tf 2.13",  # caps NumPy at 1.24.3 itself
        "--os linux --python 3.7 --tf 2.10",  # no NumPy 1.24 or protobuf 4 for Python 3.7
        "--os linux --python 3.6 --tf 2.4",  # nor protobuf 4 for Python 3.6
    ],
)
def test_nothing_held_back_where_pip_cannot_pick_a_breaking_version(
    capsys: pytest.CaptureFixture[str], machine: str
) -> None:
    doc = plan(capsys, machine)
    assert doc["tensorflow"] is not None
    assert (pinned(doc, "numpy"), pinned(doc, "protobuf")) == (None, None)
