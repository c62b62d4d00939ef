"""The GPU name table: every listed name resolves, however nvidia-smi spells it, or asks."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tfgpu_setup.errors import ExitCode, UserError
from tfgpu_setup.matrix import query
from tfgpu_setup.matrix.gpu_names import build_index, name_key
from tfgpu_setup.matrix.load import GPUS_FILE, decode_gpus, load_matrix, shipped_dir

MATRIX = load_matrix()
INDEX = build_index(MATRIX.gpus)
ALL_NAMES = [(name, group.cc) for group in MATRIX.gpus.names for name in group.names]


def test_the_table_covers_nvidias_lists_and_names_its_sources() -> None:
    assert len(ALL_NAMES) > 800
    sources = {group.source for group in MATRIX.gpus.names}
    assert any("developer.nvidia.com/cuda-gpus" in s for s in sources)
    assert all(s.strip() for s in sources)


def test_every_name_in_the_table_resolves_to_its_compute_capability_or_asks() -> None:
    """Walk the whole table: a name answers with its compute capability, or, where NVIDIA sold
    (or the sources list) it with another one too, is refused with the hint and exit 3, unless
    every one of them is older than any TensorFlow build."""
    ambiguous: set[str] = set()
    for name, cc in ALL_NAMES:
        for spelling in (name, f"NVIDIA {name}", name.upper()):
            found = INDEX.lookup(spelling)
            assert cc in {g.cc for g in found}, spelling
            if len(found) == 1:
                resolved = query.gpu_cc_from_name(MATRIX, spelling)
                assert resolved is not None and resolved.cc == cc, spelling
                continue
            if all(query.older_than_every_build(g.cc) for g in found):
                # whichever it is, no TensorFlow runs on it: the name answers for all
                resolved = query.gpu_cc_from_name(MATRIX, spelling)
                assert resolved is not None and query.older_than_every_build(resolved.cc)
                continue
            with pytest.raises(UserError) as caught:
                query.gpu_cc_from_name(MATRIX, spelling)
            assert caught.value.code == ExitCode.INPUT
            assert "give the compute capability instead" in caught.value.message
            ambiguous.add(name)
    assert 0 < len(ambiguous) < len(ALL_NAMES) // 10


@pytest.mark.parametrize(
    ("printed", "cc"),
    [
        ("NVIDIA GeForce MX330", "6.1"),
        ("NVIDIA GeForce MX130", "5.0"),
        ("NVIDIA RTX A500 Laptop GPU", "8.6"),
        ("GeForce GTX 1080 Ti", "6.1"),
        ("Tesla V100-SXM2-16GB", "7.0"),
        ("Tesla P100-PCIE-16GB", "6.0"),
        ("NVIDIA A100 80GB PCIe", "8.0"),
        ("NVIDIA A100-SXM4-40GB", "8.0"),
        ("NVIDIA H100 80GB HBM3", "9.0"),
        ("NVIDIA GeForce RTX 3060 Laptop GPU", "8.6"),
        ("NVIDIA GeForce GTX 1650 Ti with Max-Q Design", "7.5"),
        ("NVIDIA GeForce GTX 1650", "7.5"),
        ("Quadro P2000", "6.1"),
        ("Quadro M1200", "5.0"),
        ("NVIDIA RTX A2000 12GB", "8.6"),
        ("NVIDIA GeForce GTX 980M", "5.2"),
        ("NVIDIA GeForce 940MX", "5.0"),
        ("TITAN X (Pascal)", "6.1"),
        ("GeForce GTX TITAN X", "5.2"),
        ("NVIDIA L4", "8.9"),
    ],
)
def test_names_as_nvidia_smi_prints_them_across_driver_eras(printed: str, cc: str) -> None:
    found = query.gpu_cc_from_name(MATRIX, printed)
    assert found is not None and found.cc == cc


@pytest.mark.parametrize(
    ("printed", "ccs"),
    [
        ("NVIDIA GeForce GT 730", {"2.1", "3.5"}),
        ("GeForce GT 640", {"2.1", "3.5"}),
        ("GeForce GTX 860M", {"3.0", "5.0"}),
    ],
)
def test_a_name_sold_with_two_architectures_asks_for_the_compute_capability(
    printed: str, ccs: set[str]
) -> None:
    assert ccs <= {g.cc for g in INDEX.lookup(printed)}
    with pytest.raises(UserError) as caught:
        query.gpu_cc_from_name(MATRIX, printed)
    assert caught.value.code == ExitCode.INPUT
    assert "--gpu " in caught.value.message and "compute_cap" in caught.value.message


def test_the_gtx_1650_is_one_compute_capability_whatever_its_chip() -> None:
    """TU117, TU116 and TU106 boards all sell as 'GeForce GTX 1650': all Turing 7.5."""
    assert {g.cc for g in INDEX.lookup("NVIDIA GeForce GTX 1650")} == {"7.5"}


@pytest.mark.parametrize(
    ("printed", "key"),
    [
        ("NVIDIA Tesla V100-SXM2-16GB", "v 100"),
        ("NVIDIA RTX A500 Laptop GPU", "rtx a 500"),
        ("NVIDIA GeForce GTX 1650 Ti with Max-Q Design", "gtx 1650 ti"),
        ("NVIDIA A100 80GB PCIe", "a 100"),
        ("NVIDIA GH200 480GB", "gh 200"),
        ("Quadro RTX 8000", "rtx 8000"),
    ],
)
def test_name_key_drops_only_what_does_not_change_the_chip(printed: str, key: str) -> None:
    assert name_key(printed) == key


@pytest.mark.parametrize(
    ("written", "cc"),
    [
        ("RTX2060", "7.5"),
        ("rtx 3090", "8.6"),
        ("gtx1080ti", "6.1"),
        ("GTX 1080Ti", "6.1"),
        ("RTX 4090", "8.9"),
        ("A100", "8.0"),
        ("1050ti", "6.1"),
        ("4080 RTX", "8.9"),
        ("2080 super", "7.5"),
        ("960M", "5.0"),
        ("rtx 3050 ti laptop", "8.6"),
        ("P1000", "6.1"),
        ("TeslaV100", "7.0"),
    ],
)
def test_names_as_people_write_them_resolve(written: str, cc: str) -> None:
    """Reporters drop 'NVIDIA GeForce' and the series, run the words together and reorder
    them; the chip is the same."""
    found = query.gpu_cc_from_name(MATRIX, written)
    assert found is not None and found.cc == cc


def test_a_names_group_with_an_unknown_compute_capability_is_refused() -> None:
    data: dict[str, Any] = json.loads((shipped_dir() / GPUS_FILE).read_text(encoding="utf-8"))
    data["names"].append({"cc": "4.0", "source": "test", "names": ["GeForce Imaginary"]})
    with pytest.raises(UserError) as caught:
        decode_gpus(data, "matrices/gpus.json")
    assert caught.value.code == ExitCode.MATRIX
    assert caught.value.message == (
        "matrices/gpus.json: names 4.0: field 'cc': '4.0' is no architecture's compute capability"
    )


@pytest.mark.parametrize("written", ["gtx 1060 Ti", "1234", "rtx"])
def test_a_series_is_only_left_out_where_a_model_number_stays_and_the_chip_exists(
    written: str,
) -> None:
    assert query.gpu_cc_from_name(MATRIX, written) is None


def test_a_name_nvidia_smi_cut_short_resolves_where_every_gpu_it_may_be_agrees() -> None:
    """nvidia-smi's table cuts long names ('GeForce RTX 207...', tensorflow#35539): every
    GPU the rest may name is a Turing 7.5 there; a cut that leaves a series open stays unknown."""
    cut = query.gpu_cc_from_name(MATRIX, "GeForce RTX 207...")
    assert cut is not None and cut.cc == "7.5"
    with pytest.raises(UserError):
        query.gpu_cc_from_name(MATRIX, "GeForce GT 7...")  # Fermi to Kepler: asks
    assert query.gpu_cc_from_name(MATRIX, "NVIDIA GeForce ...") is None


def test_a_product_the_table_lists_only_by_its_variants_is_found_by_its_name() -> None:
    """nvidia-smi prints 'NVIDIA GeForce MX450'; the table lists only 'GeForce MX450 12W' and
    its 30.5W variants, all compute capability 7.5 (review 65, laptops P03). A name whose
    variants disagree, or a series without a model number, stays unanswered."""
    found = query.gpu_cc_from_name(MATRIX, "NVIDIA GeForce MX450")
    assert found is not None and found.cc == "7.5"
    assert query.gpu_cc_from_name(MATRIX, "Tesla") is None
