"""NVIDIA's cuDNN wheel shared with another framework in the same environment.

PyTorch's and JAX's CUDA builds pin NVIDIA's cuDNN wheel exactly (torch 2.4.0 requires
nvidia-cudnn-cu12==9.1.0.70), as TensorFlow's [and-cuda] extra does its own (2.17.0:
==8.9.7.29). Where the cuDNN wheel installed is the other framework's and of another major
than TensorFlow's build, reinstalling TensorFlow's wheels puts its cuDNN in place of the
other's and breaks that framework: the fix is an environment of TensorFlow's own, or releases
of both whose pins agree. Pure: data in, data out.
"""

from __future__ import annotations

import dataclasses
import re

from ..facts import Facts
from ..findings import Finding
from ..matrix.model import Matrix
from ..versions import parsed

_OTHER_FRAMEWORK = re.compile(
    # 'pip list' / 'conda list' rows, or pip installing it
    r"^[> \t]*(?P<row>torch|jaxlib|jax-cuda1[12]-plugin|paddlepaddle-gpu)[ \t]{2,60}"
    r"(?P<row_version>\d[\w.+]{0,30})"
    r"|^[> \t]*Successfully installed [^\n]{0,3000}?\b(?P<pip>torch|jaxlib|jax-cuda1[12]-plugin"
    r"|paddlepaddle-gpu)-(?P<pip_version>\d[\w.+]{0,30})",
    re.MULTILINE,
)
_NAMES = {
    "torch": "PyTorch",
    "jaxlib": "JAX",
    "jax-cuda11-plugin": "JAX",
    "jax-cuda12-plugin": "JAX",
    "paddlepaddle-gpu": "PaddlePaddle",
}


def cudnn_shared_with_another_framework(
    findings: tuple[Finding, ...], facts: Facts, text: str, matrix: Matrix
) -> tuple[Finding, ...]:
    """A cuDNN mismatch whose installed cuDNN is a pip wheel, beside another framework the log
    lists in the same environment: its fix keeps that framework working."""
    found = _OTHER_FRAMEWORK.search(text)
    wheel = next((c for c in facts.cudnn if c.version and "nvidia-cudnn" in c.path), None)
    if found is None or wheel is None or wheel.version is None:
        return findings
    package = found["row"] or found["pip"]
    version = found["row_version"] or found["pip_version"]
    name = _NAMES[package]
    major = parsed(wheel.version).major
    same_major = [
        r.version
        for r in matrix.tensorflow.releases
        if r.nvidia_pins and r.cudnn and parsed(r.cudnn).major == major
    ]
    releases = (
        f" TensorFlow releases built for cuDNN {major} ({min(same_major, key=parsed)} and newer)"
        " can share it only where both pin the same nvidia-cudnn wheel: pip names a conflict."
        if same_major
        else ""
    )
    listed = " ".join(wheel.path.split()[:2]) if wheel.path.startswith("nvidia-cudnn") else ""
    fix = (
        f"{name} {version} in this environment pins the cuDNN wheel installed"
        f" ({listed or 'cuDNN ' + wheel.version}): installing TensorFlow's [and-cuda] wheels"
        f" would put its cuDNN in that one's place and break {name}. Give TensorFlow an"
        " environment of its own"
        " ('python -m venv', or 'tfgpu-setup apply')." + releases
    )
    return tuple(
        dataclasses.replace(
            f, evidence=(*f.evidence, f"{name} {version} in the same environment"), fix=fix
        )
        if f.id == "cudnn-version-mismatch"
        else f
        for f in findings
    )
