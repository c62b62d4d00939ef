"""The public pages the tool's advice cites, each written once: the planner, the doctor and the
probe quote the same documentation."""

from __future__ import annotations

TF_TESTED = "https://www.tensorflow.org/install/source#gpu"
"""TensorFlow's table of tested builds: the CUDA, cuDNN and Python each release was built with."""
TF_INSTALL = "https://www.tensorflow.org/install/pip"
TF_WINDOWS = "https://www.tensorflow.org/install/pip#windows-native"
PYPI_FILES = "https://pypi.org/project/tensorflow/#files"
CUDA_GPUS = "https://developer.nvidia.com/cuda-gpus"
WSL_GUIDE = "https://docs.nvidia.com/cuda/wsl-user-guide/index.html"
MVC = "https://docs.nvidia.com/deploy/cuda-compatibility/minor-version-compatibility.html"
DRIVER_GUIDE = "https://docs.nvidia.com/datacenter/tesla/driver-installation-guide/index.html"
METAL = "https://developer.apple.com/metal/tensorflow-plugin/"
CONTAINER_TOOLKIT = (
    "https://docs.nvidia.com/datacenter/cloud-native/container-toolkit/latest/install-guide.html"
)
