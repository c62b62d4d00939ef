"""A Jetson's container without CUDA's libraries: on JetPack 4 the NVIDIA runtime mounts CUDA,
cuDNN and TensorRT from the host into NVIDIA's l4t images (its CSV files list them), so a
container started without '--runtime nvidia' has none of them. dusty-nv/jetson-containers#222,
its maintainer: 'on JetPack 4, the CUDA/cuDNN/TensorRT libraries get mounted into container by
--runtime nvidia from the host device'. Pure: data in, data out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..facts import Facts
from ..findings import Finding, Severity
from .device_evidence import jetson_known
from .logfacts import LogFacts
from .logs import LogMatch
from .sources import quoted

SOURCE = "https://github.com/dusty-nv/jetson-containers/issues/222"
_RUNTIME_NAMED = re.compile(r"--runtime[ =]+nvidia\b|runtime: *nvidia\b|\bnvidia-docker\b")
_LIBRARY_IDS = frozenset({"cuda-libs-not-found", "cudnn-not-found"})


def jetson_container_without_runtime(
    facts: Facts, log: LogFacts, matches: Sequence[LogMatch], text: str
) -> list[Finding]:
    """container-gpu-not-exposed for a Jetson known to run in a container whose CUDA or cuDNN
    libraries TensorFlow could not load, where nothing shows the NVIDIA runtime was asked for
    (then its CSV files are what to check)."""
    jetson = jetson_known(facts) or log.tegra_line
    inside = facts.knows("container") and facts.platform.container
    missing = next((m for m in matches if m.signature.finding_id in _LIBRARY_IDS), None)
    if not jetson or not inside or missing is None:
        return []
    asked = _RUNTIME_NAMED.search(text)
    if asked is not None:
        return [
            Finding(
                "container-gpu-not-exposed",
                Severity.ERROR,
                "The NVIDIA runtime did not mount this Jetson's CUDA libraries into the container",
                (
                    f"Jetson: {jetson.strip()[:120]}",
                    f"runtime: {asked.group(0)}",
                    quoted(missing.line),
                ),
                "On the host, check that /etc/nvidia-container-runtime/host-files-for-container.d/"
                " lists cuda.csv and cudnn.csv and that the libraries are under /usr/local/cuda"
                " (JetPack installs them); reinstall nvidia-container-runtime from JetPack's apt"
                " repository if not, and use an l4t image of the host's L4T release ('cat"
                " /etc/nv_tegra_release').",
                SOURCE,
            )
        ]
    return [
        Finding(
            "container-gpu-not-exposed",
            Severity.ERROR,
            "This Jetson's container was started without the NVIDIA runtime, which mounts CUDA,"
            " cuDNN and TensorRT from the host on JetPack 4",
            (f"Jetson: {jetson.strip()[:120]}", quoted(missing.line)),
            "Start the container with '--runtime nvidia' (docker compose: 'runtime: nvidia'; for"
            " 'docker build', make nvidia the default runtime in /etc/docker/daemon.json), with an"
            " l4t image of the host's L4T release ('cat /etc/nv_tegra_release'); JetPack 5 and"
            " later images (l4t-jetpack, l4t-tensorflow) carry CUDA themselves.",
            SOURCE,
        )
    ]
