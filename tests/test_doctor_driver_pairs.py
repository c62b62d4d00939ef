"""What two driver versions in one log mean: a driver updated and not yet booted into on a host,
or, inside a container, an image's own libcuda newer than the host's driver."""

from __future__ import annotations

from pathlib import Path

import pytest
from doctor_support import doctor

pytestmark = pytest.mark.usefixtures("fixture_matrix_in_use")

# https://github.com/tensorflow/tensorflow/issues/48722 (verbatim, as quoted there): the
# tensorflow/tensorflow:2.5.0-gpu image on a host whose driver is 455.32.
IMAGE_NEWER = (
    "> `E tensorflow/stream_executor/cuda/cuda_driver.cc:328] failed call to cuInit:"
    " CUDA_ERROR_NO_DEVICE: no CUDA-capable device is detected`\n"
    "> `I tensorflow/stream_executor/cuda/cuda_diagnostics.cc:169] retrieving CUDA diagnostic"
    " information for host: f7b7a8f85319`\n"
    "> `I tensorflow/stream_executor/cuda/cuda_diagnostics.cc:176] hostname: f7b7a8f85319`\n"
    "> `I tensorflow/stream_executor/cuda/cuda_diagnostics.cc:200] libcuda reported version is:"
    " 460.73.1`\n"
    "> `I tensorflow/stream_executor/cuda/cuda_diagnostics.cc:204] kernel reported version is:"
    " 455.32.0`\n"
    "> `E tensorflow/stream_executor/cuda/cuda_diagnostics.cc:313] kernel version 455.32.0 does"
    " not match DSO version 460.73.1 -- cannot find working devices in this configuration`\n"
)


def test_a_containers_libcuda_newer_than_the_host_module_is_a_host_driver_too_old(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = doctor(tmp_path, capsys, IMAGE_NEWER, "--container", "--tf", "2.5")["findings"][0]
    assert first["id"] == "driver-too-old" and first["severity"] == "error"
    assert "Update the host's NVIDIA driver" in first["fix"]


def test_the_same_pair_on_a_host_is_an_update_not_yet_booted_into(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    host = IMAGE_NEWER.replace("f7b7a8f85319", "gpu-box")
    first = doctor(tmp_path, capsys, host, "--os", "linux", "--tf", "2.5")["findings"][0]
    assert first["id"] == "driver-library-mismatch" and "reboot" in first["fix"].lower()


def test_an_image_libcuda_older_than_the_host_module_stays_a_mismatch(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # https://github.com/NVIDIA/nvidia-docker/issues/95: an image with 352.79's libcuda built in,
    # on a 361.42 host: the stale copy is the image's, not the host's driver's age
    older = (
        "E tensorflow/stream_executor/cuda/cuda_diagnostics.cc:296] kernel version 361.42.0 does"
        " not match DSO version 352.79.0 -- cannot find working devices in this configuration\n"
    )
    first = doctor(tmp_path, capsys, older, "--container")["findings"][0]
    assert first["id"] == "driver-library-mismatch"


def test_the_same_branch_in_a_container_is_the_hosts_update_not_yet_booted_into(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # (review 47) 535.129 over 535.104: the runtime mounted the host's updated libcuda; an image's
    # or a compatibility package's copy is of a newer branch
    same = IMAGE_NEWER.replace("460.73.1", "535.129.3").replace("455.32.0", "535.104.5")
    first = doctor(tmp_path, capsys, same, "--container")["findings"][0]
    assert first["id"] == "driver-library-mismatch"


def test_nvml_saying_the_halves_differ_keeps_a_container_pair_a_mismatch(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # NVML is not in a compatibility package: its mismatch is the host's own update
    log = "Failed to initialize NVML: Driver/library version mismatch\n" + IMAGE_NEWER
    first = doctor(tmp_path, capsys, log, "--container")["findings"][0]
    assert first["id"] == "driver-library-mismatch"


# (review 47, written in TensorFlow's and the shell's wording) CUDA 12.2's compat libcuda on
# a 525 driver and a GPU that does not support it
COMPAT_ON_A_525_HOST = (
    "ana@ws:~$ echo $LD_LIBRARY_PATH\n"
    "/usr/local/cuda-12.2/compat:/usr/local/cuda-12.2/lib64\n"
    "E tensorflow/compiler/xla/stream_executor/cuda/cuda_driver.cc:268] failed call to cuInit:"
    " CUDA_ERROR_COMPAT_NOT_SUPPORTED_ON_DEVICE: forward compatibility was attempted on non"
    " supported HW\n"
    "E tensorflow/compiler/xla/stream_executor/cuda/cuda_diagnostics.cc:312] kernel version"
    " 525.147.5 does not match DSO version 535.104.5 -- cannot find working devices in this"
    " configuration\n"
)


def test_a_compatibility_package_on_a_host_is_a_driver_too_old(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = COMPAT_ON_A_525_HOST
    first = doctor(tmp_path, capsys, log, "--os", "linux")["findings"][0]
    assert first["id"] == "driver-too-old" and "compat" in first["fix"]


def test_a_compatibility_package_on_a_geforce_is_the_package_to_remove(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # (review 57) the same lines with the GPU stated: a GeForce refuses the package whatever
    # the host driver, so taking it off the loader path comes first, not a host driver update
    log = COMPAT_ON_A_525_HOST
    gpu = ("--os", "linux", "--gpu", "NVIDIA GeForce RTX 3090")
    first = doctor(tmp_path, capsys, log, *gpu)["findings"][0]
    assert first["id"] == "driver-library-mismatch" and "refuses it" in first["title"]
    assert first["fix"].startswith("Take the compatibility package's folder")
    # a data-center GPU may use the package: there the host driver is what is too old
    a100 = doctor(tmp_path, capsys, log, "--os", "linux", "--gpu", "NVIDIA A100-SXM4-40GB")
    assert a100["findings"][0]["id"] == "driver-too-old"


# (review 48, written in TensorFlow's words) a host that installed the 545 driver and was not
# rebooted: libcuda 545 over the 535 module
HOST_UPDATED = (
    "E external/local_xla/xla/stream_executor/cuda/cuda_diagnostics.cc:244] kernel version"
    " 535.154.5 does not match DSO version 545.23.8 -- cannot find working devices in this"
    " configuration\n"
)


@pytest.mark.parametrize(
    "before",
    [
        # XLA's advice names forward compatibility; no compatibility package is in use
        "W external/local_xla/xla/service/gpu/nvptx_compiler.cc:742] The NVIDIA driver's CUDA"
        " version is 12.2 which is older than the ptxas CUDA version (12.3.107). You should"
        " update your NVIDIA driver or use the NVIDIA-provided CUDA forward compatibility"
        " packages.\n",
        # a 'docker run' tried once, then TensorFlow on the host it names
        "$ docker run --rm --gpus all nvidia/cuda:12.2.0-base-ubuntu22.04 nvidia-smi\n"
        "I external/local_xla/xla/stream_executor/cuda/cuda_diagnostics.cc:136] hostname:"
        " lab-ws02\n",
        # the host's package manager installing the driver in the paste
        "Setting up nvidia-driver-545 (545.23.08-0ubuntu1) ...\n",
    ],
)
def test_a_host_driver_update_not_booted_into_stays_a_mismatch(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], before: str
) -> None:
    first = doctor(tmp_path, capsys, before + HOST_UPDATED)["findings"][0]
    assert first["id"] == "driver-library-mismatch"


# tensorflow#38164's shape (written): CUDA 10.1's compatibility libcuda put on LD_LIBRARY_PATH
# of a host whose driver is newer
COMPAT_OLDER = (
    'ENV LD_LIBRARY_PATH "$LD_LIBRARY_PATH:/usr/local/cuda-10.1/compat"\n'
    "E tensorflow/stream_executor/cuda/cuda_driver.cc:313] failed call to cuInit:"
    " CUDA_ERROR_SYSTEM_DRIVER_MISMATCH: system has unsupported display driver / cuda driver"
    " combination\n"
    "I tensorflow/stream_executor/cuda/cuda_diagnostics.cc:200] libcuda reported version is:"
    " 418.87.1\n"
    "I tensorflow/stream_executor/cuda/cuda_diagnostics.cc:204] kernel reported version is:"
    " 440.64.0\n"
)


def test_an_older_compatibility_libcuda_on_the_loader_path_shadows_the_driver(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = doctor(tmp_path, capsys, COMPAT_OLDER)["findings"][0]
    assert first["id"] == "ld-library-path-shadows"
    assert "compat" in first["fix"]


def test_an_older_libcuda_without_the_compatibility_folder_stays_a_mismatch(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = COMPAT_OLDER.split("\n", 1)[1]
    assert doctor(tmp_path, capsys, log)["findings"][0]["id"] == "driver-library-mismatch"


# https://github.com/illinois-scicomp/machine-shop-maintenance/issues/70 (verbatim): the
# kernel module still loaded and the driver's packages installed since.
PACKAGES_NEWER = (
    "kgk2@bock:~$ cat /proc/driver/nvidia/version \n"
    "NVRM version: NVIDIA UNIX x86_64 Kernel Module  520.56.06  Thu Oct  6 21:38:55 UTC 2022\n"
    "GCC version:  gcc version 12.2.0 (Debian 12.2.0-14) \n"
    "kgk2@bock:~$ dpkg -l nvidia-smi\n"
    "Desired=Unknown/Install/Remove/Purge/Hold\n"
    "| Status=Not/Inst/Conf-files/Unpacked/halF-conf/Half-inst/trig-aWait/Trig-pend\n"
    "|/ Err?=(none)/Reinst-required (Status,Err: uppercase=bad)\n"
    "||/ Name           Version      Architecture Description\n"
    "+++-==============-============-============-==================================\n"
    "ii  nvidia-smi     525.85.12-1  amd64        NVIDIA System Management Interface\n"
)


def test_driver_packages_newer_than_the_loaded_module_are_a_mismatch(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = doctor(tmp_path, capsys, PACKAGES_NEWER)["findings"][0]
    assert (first["id"], first["severity"]) == ("driver-library-mismatch", "error")
    assert "525.85.12" in first["title"] and "520.56.06" in first["title"]
    assert first["fix"].startswith("The driver was updated")


@pytest.mark.parametrize(
    ("old", "new"),
    [
        # the package of the module's own version
        ("525.85.12-1", "520.56.06-1"),
        # a package removed, its configuration left ('rc'), is not installed
        ("ii  nvidia-smi", "rc  nvidia-smi"),
    ],
)
def test_driver_packages_of_the_module_s_version_or_not_installed_are_no_mismatch(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], old: str, new: str
) -> None:
    found = doctor(tmp_path, capsys, PACKAGES_NEWER.replace(old, new))["findings"]
    assert "driver-library-mismatch" not in [f["id"] for f in found]


# (review 52) the package list of a login node, the module of the GPU node a job moved to
PACKAGES_OF_ANOTHER_NODE = (
    "# login node (no GPU), where I installed nothing myself\n"
    "[me@login01 ~]$ dpkg -l | grep nvidia-utils\n"
    "ii  nvidia-utils-535-server   535.161.08-0ubuntu0.22.04.1   amd64   NVIDIA Server Driver "
    "support binaries\n"
    "[me@login01 ~]$ srun -p gpu --gres=gpu:1 --pty bash\n"
    "[me@gpu017 ~]$ cat /proc/driver/nvidia/version\n"
    "NVRM version: NVIDIA UNIX x86_64 Kernel Module  550.54.15  Tue Mar  5 22:23:56 UTC 2024\n"
    '[me@gpu017 ~]$ python -c "import tensorflow as tf; '
    "print(tf.config.list_physical_devices('GPU'))\"\n"
    "2024-03-08 12:00:41.332004: W tensorflow/core/common_runtime/gpu/gpu_device.cc:2256] Cannot "
    "dlopen some GPU libraries. Please make sure the missing libraries mentioned above are "
    "installed properly if you would like to use GPU. Follow the guide at "
    "https://www.tensorflow.org/install/gpu for how to download and setup the required libraries "
    "for your platform.\n"
    "Skipping registering GPU devices...\n"
    "[]\n"
)


def test_driver_packages_of_another_machine_in_the_paste_are_no_mismatch(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    found = doctor(tmp_path, capsys, PACKAGES_OF_ANOTHER_NODE)["findings"]
    assert found[0]["id"] == "cuda-libs-not-found"
    assert "driver-library-mismatch" not in [f["id"] for f in found]


def test_a_stale_libcuda_is_not_the_driver_judged_too_old(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # (review 58, in TensorFlow 2.16's words) a 470 libcuda first on the path over the loaded
    # 535 module: taking it off the path is the fix, after which the driver is 535, new enough
    log = (
        "E external/local_xla/xla/stream_executor/cuda/cuda_driver.cc:274] failed call to cuInit:"
        " CUDA_ERROR_SYSTEM_DRIVER_MISMATCH: system has unsupported display driver / cuda driver"
        " combination\n"
        "I external/local_xla/xla/stream_executor/cuda/cuda_diagnostics.cc:159] libcuda reported"
        " version is: 470.57.2\n"
        "I external/local_xla/xla/stream_executor/cuda/cuda_diagnostics.cc:163] kernel reported"
        " version is: 535.104.5\n"
        "E external/local_xla/xla/stream_executor/cuda/cuda_diagnostics.cc:244] kernel version"
        " 535.104.5 does not match DSO version 470.57.2 -- cannot find working devices in this"
        " configuration\n"
    )
    found = doctor(tmp_path, capsys, log, "--os", "linux")["findings"]
    assert found[0]["id"] == "driver-library-mismatch"
    assert "driver-too-old" not in {f["id"] for f in found}
    # the other way round, a module older than an upgraded libcuda: the reboot brings 545
    upgraded = log.replace("470.57.2", "545.23.6").replace("535.104.5", "470.57.2")
    assert "driver-too-old" not in {
        f["id"] for f in doctor(tmp_path, capsys, upgraded, "--os", "linux")["findings"]
    }


def test_a_legacy_branch_the_module_names_for_a_gpu_no_release_runs_on_is_not_the_cause(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The 535 module ignoring a GT 750M ('supported through the 470.xx Legacy drivers', the
    kernel module's own words): the GPU is named there, and its compute capability 3.0 has no
    TensorFlow 2.x build, so installing R470 changes nothing for TensorFlow; the plan for the
    same machine ranks it so (review 65, laptops D13)."""
    log = (
        "[    4.812233] NVRM: The NVIDIA GeForce GT 750M GPU installed in this system is\n"
        "               NVRM:  supported through the NVIDIA 470.xx Legacy drivers. Please\n"
        "               NVRM:  visit http://www.nvidia.com/object/unix.html for more\n"
        "               NVRM:  information.  The 535.154.05 NVIDIA driver will ignore\n"
        "               NVRM:  this GPU.  Continuing probe...\n"
        "[    4.812419] NVRM: No NVIDIA GPU found.\n"
    )
    doc = doctor(tmp_path, capsys, log, "--os", "linux", "--python", "3.10")
    found = {f["id"]: f["severity"] for f in doc["findings"]}
    assert doc["findings"][0]["id"] == "compute-capability-unsupported"
    assert found["no-nvidia-driver"] == "warning"


def test_error_804_on_a_host_with_no_compat_package_shown_is_first_a_reboot(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A GeForce laptop's libcuda 560 over a loaded 550 module, error 804, and nothing showing a
    compatibility package or a container: a driver updated across branches and not yet booted
    into reads as 804 too (pytorch#40671, rapidsai/cusignal#398), so the reboot leads (review
    67, driver d01b). Inside a container the newer libcuda is still the image's."""
    log = (
        "E external/local_xla/xla/stream_executor/cuda/cuda_driver.cc:152] failed call to cuInit:"
        " INTERNAL: CUDA error: Failed call to cuInit: CUDA_ERROR_COMPAT_NOT_SUPPORTED_ON_DEVICE:"
        " forward compatibility was attempted on non supported HW\n"
        "I external/local_xla/xla/stream_executor/cuda/cuda_diagnostics.cc:137] retrieving CUDA"
        " diagnostic information for host: givasile-ubuntu-XPS-15-9500\n"
        "E external/local_xla/xla/stream_executor/cuda/cuda_diagnostics.cc:262] kernel version"
        " 550.120.0 does not match DSO version 560.35.5 -- cannot find working devices in this"
        " configuration\n"
    )
    flags = ("--os", "linux", "--gpu", "NVIDIA GeForce GTX 1650 Ti")
    first = doctor(tmp_path, capsys, log, *flags)["findings"][0]
    assert first["id"] == "driver-library-mismatch" and first["fix"].startswith(
        "The driver was updated"
    )
    contained = doctor(tmp_path, capsys, log, *flags, "--container")["findings"][0]
    assert "compatibility" in contained["title"] or "image" in contained["title"]


def test_an_image_too_new_for_a_gpu_at_its_last_branch_wants_another_image(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """NVIDIA/nvidia-docker#1704's pair on a Tesla K80: the image's libcuda 515 over the host's
    R470 module. R470 is the K80's last branch, so 'update the host driver to 515' cannot be
    done: an image whose CUDA R470 runs is the fix (review 69, cloud and docker V02c)."""
    log = (
        "kernel version 470.141.03 does not match DSO version 515.65.01 -- cannot find working"
        " devices in this configuration\n"
    )
    flags = ("--gpu", "Tesla K80", "--driver", "470", "--container")
    first = doctor(tmp_path, capsys, log, *flags)["findings"][0]
    assert first["id"] == "driver-too-old" and "last driver branch is R470" in first["fix"]
    assert "CUDA 11.4" in first["fix"]
    newer = doctor(tmp_path, capsys, log, "--gpu", "NVIDIA A100-SXM4-40GB", "--container")
    assert newer["findings"][0]["fix"].startswith("Update the host's NVIDIA driver to the 515")
