"""Where the doctor's advice comes from, and how a log line is quoted as evidence."""

from __future__ import annotations

TF_TESTED = "https://www.tensorflow.org/install/source#gpu"
CONTAINER_TOOLKIT = (
    "https://docs.nvidia.com/datacenter/cloud-native/container-toolkit/latest/install-guide.html"
)
VENV_DOCS = "https://docs.python.org/3/library/venv.html"
CUDA_GPUS = "https://developer.nvidia.com/cuda-gpus"
WSL_GUIDE = "https://docs.nvidia.com/cuda/wsl-user-guide/index.html"
TF_INSTALL = "https://www.tensorflow.org/install/pip"
COLAB_CUDA = "https://github.com/googlecolab/colabtools/issues/3433"
"""Colab's runtimes come with a CUDA of their own, upgraded with the runtime."""


def quoted(line: str) -> str:
    """A log line as evidence: stripped, and cut at 300 characters."""
    line = line.strip()
    return line if len(line) <= 300 else line[:297] + "..."
