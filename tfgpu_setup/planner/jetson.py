"""A Jetson: NVIDIA's own TensorFlow for its JetPack release is the GPU route.

PyPI has no CUDA build for Linux on Arm, and NVIDIA builds TensorFlow for each JetPack release,
for the Python that JetPack ships and with kernels for the Jetson's integrated GPU ('Installing
TensorFlow for Jetson Platform'). A Python PyPI's releases no longer support (JetPack 4.6's
3.6), and a compute capability PyPI's wheels lack (the Nano's 5.3), say nothing of that route:
notes beside the one finding that names it. Pure: data in, data out.
"""

from __future__ import annotations

import dataclasses
import re

from ..facts import Facts, Gpu
from ..findings import Finding, Severity, rank
from ..versions import xy

JETSON_GPU = re.compile(r"^(?:NVIDIA )?(?:Tegra X\d|Xavier|Orin|Jetson)\b")
"""A Jetson's GPU as TensorFlow or the user names it."""
TEGRA_CCS = frozenset({"5.3", "6.2", "7.2", "8.7"})
"""Compute capabilities only NVIDIA's Tegra chips have: Jetson Nano and TX1 (5.3), TX2 (6.2),
Xavier (7.2), Orin (8.7) (https://developer.nvidia.com/cuda-gpus, its Jetson products)."""


def is_jetson(gpu: Gpu) -> bool:
    """A Jetson's GPU, by its name or by a compute capability only Tegra chips have (review
    105: an Orin stated as '8.7')."""
    return bool(JETSON_GPU.match(gpu.name)) or gpu.compute_capability in TEGRA_CCS


JETPACK_SOURCE = (
    "https://docs.nvidia.com/deeplearning/frameworks/install-tf-jetson-platform/index.html"
)
JETPACK_FIX = (
    "Install NVIDIA's TensorFlow for this Jetson's JetPack release, with the Python JetPack"
    " ships, pinned to its +nv version: 'pip3 install --extra-index-url https://"
    "developer.download.nvidia.com/compute/redist/jp/vXY tensorflow==X.Y.Z+nvYY.MM' (vXY: the"
    " JetPack version, v46 for JetPack 4.6 on a Nano or Xavier, v512 for JetPack 5.1.2, v60 for"
    " JetPack 6.0 on an Orin; 'cat /etc/nv_tegra_release' names the L4T release, 'pip3 index"
    " versions tensorflow --extra-index-url ...' the builds), or NVIDIA's l4t-tensorflow"
    " container. Unpinned, pip may take PyPI's newer wheel, which has no CUDA on Arm."
)


@dataclasses.dataclass(frozen=True)
class JetPack:
    release: str
    cuda: str
    cudnn: str
    l4t: str
    python: str
    index: str
    tensorflow: str
    """A build NVIDIA's index for that JetPack lists (its install guide's form: X.Y.Z+nvYY.MM)."""


JETPACKS = (
    JetPack("4.6", "10.2", "8.2", "R32.6 or R32.7", "3.6", "v46", "2.6.2+nv21.12"),
    JetPack("5.1.2", "11.4", "8.6", "R35.4", "3.8", "v512", "2.12.0+nv23.06"),
    JetPack("6.0", "12.2", "8.9", "R36.3", "3.10", "v60", "2.15.0+nv24.05"),
)
"""JetPack releases by the CUDA and cuDNN each ships (JetPack's release notes), with the index
NVIDIA's 'Installing TensorFlow for Jetson Platform' names for it and a build listed there.
CUDA 10.2 is JetPack 4.4 to 4.6 and 11.4 is 5.0.2 to 5.1.x: the cuDNN, or the L4T release,
tells which (JetPack 4.4 and 4.5 ship cuDNN 8.0, and 4.6's wheels do not load there)."""


def jetpack_of(facts: Facts) -> JetPack | None:
    """The JetPack whose CUDA (and cuDNN, where known) is the one stated or probed here."""
    if not facts.knows("cuda"):
        return None
    versions = {xy(c.version) for c in facts.cuda if c.version}
    cudnns = {xy(c.version) for c in facts.cudnn if c.version} if facts.knows("cudnn") else set()
    return next(
        (j for j in JETPACKS if j.cuda in versions and (not cudnns or j.cudnn in cudnns)), None
    )


def jetpack_fix(facts: Facts) -> str:
    jetpack = jetpack_of(facts)
    if jetpack is None:
        stated = (
            sorted({xy(c.version) for c in facts.cuda if c.version}) if facts.knows("cuda") else []
        )
        if not stated:
            return JETPACK_FIX
        # (a CUDA, or CUDA and cuDNN, of none of the JetPacks listed: no example index, which
        # would name another JetPack's build, one that does not load here)
        listed = ", ".join(f"{j.release} (CUDA {j.cuda}, cuDNN {j.cudnn})" for j in JETPACKS)
        cudnns = (
            sorted({xy(c.version) for c in facts.cudnn if c.version})
            if facts.knows("cudnn")
            else []
        )
        with_cudnn = f" with cuDNN {', '.join(cudnns)}" if cudnns else ""
        return (
            f"CUDA {', '.join(stated)}{with_cudnn} here is none of the JetPack releases whose"
            " TensorFlow"
            f" builds this tool knows ({listed}): 'cat /etc/nv_tegra_release' names the L4T"
            " release, and NVIDIA's 'Installing TensorFlow for Jetson Platform' lists the"
            " index for its JetPack, if NVIDIA built TensorFlow for it ('pip3 install"
            " --extra-index-url https://developer.download.nvidia.com/compute/redist/jp/vXY"
            " tensorflow==X.Y.Z+nvYY.MM'); otherwise NVIDIA's l4t-tensorflow container for that"
            " L4T release. Unpinned, pip may take PyPI's newer wheel, which has no CUDA on Arm."
        )
    url = f"https://developer.download.nvidia.com/compute/redist/jp/{jetpack.index}"
    cudnn_known = facts.knows("cudnn") and any(c.version for c in facts.cudnn)
    confirm = (
        ""
        if cudnn_known
        else f" ('cat /etc/nv_tegra_release' must name L4T {jetpack.l4t}; another release"
        " there is another JetPack, whose index differs)"
    )
    return (
        f"CUDA {jetpack.cuda} is JetPack {jetpack.release}'s{confirm}: install NVIDIA's"
        f" TensorFlow for it with JetPack's Python {jetpack.python}, pinned to its +nv"
        " version: 'pip3 install"
        f" --extra-index-url {url} tensorflow=={jetpack.tensorflow}' ('pip3 index versions"
        f" tensorflow --extra-index-url {url}' lists the others), or NVIDIA's l4t-tensorflow"
        " container. Unpinned, pip may take PyPI's newer wheel, which has no CUDA on Arm."
    )


_PYPI_ONLY = frozenset(
    {"python-unsupported", "compute-capability-unsupported", "platform-unsupported"}
)
"""What PyPI's wheels lack, which NVIDIA's JetPack wheels have."""


def on_a_jetson(findings: tuple[Finding, ...], facts: Facts) -> tuple[Finding, ...]:
    """Where every GPU known is a Jetson's: the JetPack route named, PyPI's gaps as notes."""
    if not facts.gpus or not all(is_jetson(g) for g in facts.gpus):
        return findings
    if not any(f.id == "cpu-only-tensorflow" for f in findings):
        return findings
    because = (
        "but on a Jetson NVIDIA's TensorFlow for JetPack is the GPU route: its wheels are built"
        " for JetPack's Python and the Jetson's GPU"
    )
    return rank(
        dataclasses.replace(f, fix=jetpack_fix(facts), source=JETPACK_SOURCE)
        if f.id == "cpu-only-tensorflow"
        else dataclasses.replace(f, severity=Severity.INFO, evidence=(*f.evidence, because))
        if f.id in _PYPI_ONLY and f.severity is not Severity.INFO
        else f
        for f in findings
    )


_VERSION_IDS = frozenset({"cuda-version-mismatch", "cudnn-version-mismatch"})
JETPACK_LIBRARIES = (
    "On a Jetson, CUDA and cuDNN come with JetPack and cannot be installed beside it: install"
    " the TensorFlow NVIDIA built for the JetPack release installed instead. "
)


def jetpack_libraries(findings: tuple[Finding, ...], facts: Facts) -> tuple[Finding, ...]:
    """Where every GPU known is a Jetson's, a CUDA or cuDNN of another version than the build's
    is mended by the TensorFlow of the JetPack installed, not by another CUDA beside it
    (TRT_object_detection#25: JetPack 4.2's wheel on JetPack 4.4)."""
    if not facts.knows("gpus") or not facts.gpus:
        return findings
    if not all(is_jetson(g) for g in facts.gpus):
        return findings
    return tuple(
        dataclasses.replace(f, fix=JETPACK_LIBRARIES + jetpack_fix(facts), source=JETPACK_SOURCE)
        if f.id in _VERSION_IDS
        else f
        for f in findings
    )
