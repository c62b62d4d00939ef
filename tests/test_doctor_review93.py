"""The doctor on review 93's cases and on the readings left from earlier stops: NVML's
driver/library mismatch under WSL 2. Logs are composed in the tools' own words."""

from __future__ import annotations

from pathlib import Path

import pytest
from doctor_support import doctor_document

pytestmark = pytest.mark.usefixtures("fixture_matrix_in_use")

run = doctor_document


@pytest.mark.parametrize("os_flag", ["wsl2", "linux"])
def test_nvmls_mismatch_under_wsl2_is_a_linux_driver_inside_wsl(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], os_flag: str
) -> None:
    """nvidia-smi inside WSL 2 printing NVML's mismatch: WSL 2 loads no NVIDIA kernel module, so
    the second version is a Linux driver's libraries installed inside WSL; on Linux the
    kernel-module steps stay."""
    log = (
        "$ nvidia-smi\n"
        "Failed to initialize NVML: Driver/library version mismatch\n"
        "NVML library version: 535.183\n"
    )
    first = run(tmp_path, capsys, log, "--os", os_flag)["findings"][0]
    assert first["id"] == "driver-library-mismatch"
    if os_flag == "wsl2":
        assert "inside WSL" in first["fix"] and "wsl --shutdown" in first["fix"]
        assert "dkms" not in first["fix"] and "initramfs" not in first["fix"]
    else:
        assert "dkms" in first["fix"]


def test_mesas_loader_failing_is_the_desktops_noise_not_an_unknown_gpu_failure(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Mesa's 'libGL error: failed to load driver: swrast' is a plotting library's software GL,
    not the GPU stack: the verdict asks TensorFlow, and does not say to fix Mesa first."""
    log = (
        "$ python train.py\n"
        "libGL error: MESA-LOADER: failed to open swrast: /usr/lib/dri/swrast_dri.so: cannot"
        " open shared object file: No such file or directory (search paths"
        " /usr/lib/x86_64-linux-gnu/dri, suffix _dri)\n"
        "libGL error: failed to load driver: swrast\n"
        "Epoch 1/10\n"
        "1875/1875 [==============================] - 41s 21ms/step - loss: 0.4990\n"
    )
    verdict = run(tmp_path, capsys, log, "--os", "linux")["verdict"]
    assert "libGL" not in verdict and "fix what it says first" not in verdict


def test_a_package_pip_lists_versions_of_is_not_a_misspelling(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """pip listing versions proves the name exists (tensorflowcv is a real package two edits
    from tensorflow); pip's first line alone with '(from versions: none)' still reads as one."""
    exists = (
        "$ pip install tensorflowcv==0.0.40\n"
        "ERROR: Could not find a version that satisfies the requirement tensorflowcv==0.0.40"
        " (from versions: 0.0.1, 0.0.2, 0.0.38)\n"
        "ERROR: No matching distribution found for tensorflowcv==0.0.40\n"
    )
    titles = [f["title"] for f in run(tmp_path, capsys, exists)["findings"]]
    assert not any("misspelling" in t for t in titles)
    typo = (
        "C:\\Users\\ravi>pip install tensorfow-gpu==2.10.1\n"
        "ERROR: Could not find a version that satisfies the requirement tensorfow-gpu==2.10.1"
        " (from versions: none)\n"
    )
    first = run(tmp_path, capsys, typo)["findings"][0]
    assert first["id"] == "tensorflow-not-installed" and "'tensorflow-gpu'" in first["title"]


def test_a_circular_import_among_the_users_own_modules_is_not_a_package_shadowed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Python's 'partially initialized module' names a shadowed package only where the module
    is one the stack imports (keras, numpy, Python's own); models.py importing utils.py
    importing models.py is the user's own circle."""
    log = (
        "Traceback (most recent call last):\n"
        '  File "/home/u/proj/train.py", line 3, in <module>\n'
        "    from models import build_model\n"
        '  File "/home/u/proj/models.py", line 4, in <module>\n'
        "    from utils import make_optimizer\n"
        '  File "/home/u/proj/utils.py", line 2, in <module>\n'
        "    from models import BATCH_SIZE\n"
        "ImportError: cannot import name 'BATCH_SIZE' from partially initialized module"
        " 'models' (most likely due to a circular import) (/home/u/proj/models.py)\n"
    )
    findings = run(tmp_path, capsys, log)["findings"]
    assert not any("Rename your models.py" in f["fix"] for f in findings)


def test_apples_tensorflow_deps_refused_on_a_linux_conda_is_not_a_python_question(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = (
        "(base) dev@box:~$ conda install -c apple tensorflow-deps\n"
        "PackagesNotFoundError: The following packages are not available from current"
        " channels:\n"
        "\n"
        "  - tensorflow-deps\n"
        "\n"
        "Current channels:\n"
        "\n"
        "  - https://conda.anaconda.org/apple/linux-64\n"
        "  - https://conda.anaconda.org/apple/noarch\n"
        "  - https://repo.anaconda.com/pkgs/main/linux-64\n"
    )
    first = run(tmp_path, capsys, log)["findings"][0]
    assert first["id"] == "tensorflow-not-installed" and first["severity"] == "error"
    assert "and-cuda" in first["fix"] and "Miniforge" not in first["fix"]


def test_tf_contrib_under_tensorflow_2_is_removed_not_kept_under_compat(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = (
        "Traceback (most recent call last):\n"
        '  File "train.py", line 3, in <module>\n'
        "    slim = tf.contrib.slim\n"
        "AttributeError: module 'tensorflow' has no attribute 'contrib'\n"
    )
    first = run(tmp_path, capsys, log)["findings"][0]
    assert first["id"] == "dependency-version-mismatch"
    assert "tf.compat.v1.contrib" not in first["fix"] and "tf-slim" in first["fix"]
