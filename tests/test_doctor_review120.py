"""The doctor on review 120's cases (tests/fixtures/review120/README.md says where each log
comes from)."""

from __future__ import annotations

from pathlib import Path

import pytest
from doctor_support import doctor_document, errors, ids, review_log

from tfgpu_setup.diagnose.cuda_absent import cuda_shown_absent
from tfgpu_setup.diagnose.import_runners import imported_by_another_runner
from tfgpu_setup.diagnose.paste import unwrap
from tfgpu_setup.diagnose.pip_apart import pythons_apart

pytestmark = pytest.mark.usefixtures("fixture_matrix_in_use")

run = doctor_document


def log_of(name: str) -> str:
    return review_log("review120", name)


_CANNOT_DLOPEN = (
    "2023-05-01 10:00:00.123456: W tensorflow/core/common_runtime/gpu/gpu_device.cc:1956]"
    " Cannot dlopen some GPU libraries. Please make sure the missing libraries mentioned above"
    " are installed properly if you would like to use GPU. Follow the guide at"
    " https://www.tensorflow.org/install/gpu for how to download and setup the required"
    " libraries for your platform.\nSkipping registering GPU devices...\n"
)


def test_a_printed_interpreter_path_stays_a_line_of_its_own_after_a_tensorflow_record() -> None:
    text = (
        "$ which python\n/home/me/miniconda3/bin/python\n"
        ">>> import sys, tensorflow as tf; print(sys.executable)\n"
        f"{_CANNOT_DLOPEN}/home/me/.venvs/tf/bin/python\n"
    )
    read = unwrap(text)
    assert "\n/home/me/.venvs/tf/bin/python" in read
    assert read.count("Skipping registering GPU devices...") == 1
    assert len(pythons_apart(read)) == 2


def test_a_windows_interpreter_path_is_not_glued_to_the_record_above_it() -> None:
    read = unwrap(f"{_CANNOT_DLOPEN}C:\\Users\\me\\venv\\Scripts\\Python.exe\n")
    assert read.splitlines()[-1] == "C:\\Users\\me\\venv\\Scripts\\Python.exe"


def test_a_notebook_kernel_missing_tensorflow_an_environment_imports_is_the_wrong_python(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = run(
        tmp_path,
        capsys,
        log_of("notebook-kernel-without-tensorflow-beside-an-env"),
        "--os",
        "windows",
    )
    first = document["findings"][0]
    assert first["id"] == "wrong-python-environment" and first["severity"] == "error"
    assert "notebook's kernel" in first["evidence"][0]
    assert "tensorflow-not-installed" not in errors(document)


def test_sudo_python_missing_tensorflow_the_venv_imports_is_the_wrong_python(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = run(tmp_path, capsys, log_of("sudo-python-without-the-venv"))
    assert errors(document)[:1] == ["wrong-python-environment"]
    assert "under sudo" in document["findings"][0]["evidence"][0]


_VENV_IMPORTS = (
    '(venv) me@box:~/proj$ python -c "import tensorflow as tf; print(tf.__version__)"\n2.15.1\n'
)
_MISSING = (
    "(venv) me@box:~/proj$ {command}\nTraceback (most recent call last):\n"
    '  File "/home/me/proj/train.py", line 1, in <module>\n    import tensorflow as tf\n'
    "ModuleNotFoundError: No module named 'tensorflow'\n"
)


def test_the_same_shell_importing_then_missing_tensorflow_is_not_read_as_two_pythons() -> None:
    assert (
        imported_by_another_runner(_VENV_IMPORTS + _MISSING.format(command="python train.py")) == ""
    )


def test_tensorflow_removed_between_the_runs_is_not_read_as_two_pythons() -> None:
    between = (
        "(venv) me@box:~/proj$ pip uninstall -y tensorflow\n"
        "Successfully uninstalled tensorflow-2.15.1\n"
    )
    text = _VENV_IMPORTS + between + _MISSING.format(command="sudo python train.py")
    assert imported_by_another_runner(text) == ""
    assert imported_by_another_runner(
        _VENV_IMPORTS + _MISSING.format(command="sudo python train.py")
    )


def test_a_32_bit_pointer_size_makes_pips_refusal_the_platforms(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = run(tmp_path, capsys, log_of("pip-on-a-32-bit-python"), "--os", "windows")
    assert ids(document)[:1] == ["platform-unsupported"]
    assert "python-unsupported" not in errors(document)


def test_a_64_bit_pointer_size_leaves_the_refusal_to_the_python_version(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = log_of("pip-on-a-32-bit-python").replace("\n32\n", "\n64\n")
    document = run(tmp_path, capsys, log, "--os", "windows")
    assert "platform-unsupported" not in ids(document)


@pytest.mark.parametrize(
    ("name", "flags"),
    [
        ("tf-2.4-with-no-cuda-11-at-all", ()),
        ("tf-1.12-on-a-machine-without-cuda", ()),
        ("windows-tf-1.13-without-a-toolkit-folder", ("--os", "windows")),
    ],
)
def test_a_runtime_missing_where_the_paste_shows_no_cuda_is_none_installed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, flags: tuple[str, ...]
) -> None:
    document = run(tmp_path, capsys, log_of(name), *flags)
    assert errors(document)[:1] == ["cuda-libs-not-found"]
    assert "cuda-version-mismatch" not in ids(document)


def test_cusolver_10_missing_alone_beside_tensorflow_2_4_is_another_cuda_11(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Only cuSOLVER's .so.10 missing: the rest of a CUDA 11 loads, one from 11.1 on."""
    log = "\n".join(
        line
        for line in log_of("tf-2.4-with-no-cuda-11-at-all").splitlines()
        if "Could not load dynamic library" not in line or "cusolver" in line
    )
    assert errors(run(tmp_path, capsys, log))[:1] == ["cuda-version-mismatch"]


def test_a_listing_that_shows_a_cuda_folder_leaves_another_version_the_likely_cause(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = log_of("tf-1.12-on-a-machine-without-cuda").replace(
        "bin  etc  games", "bin  cuda  cuda-9.2  etc  games"
    )
    assert cuda_shown_absent(log) == ""
    assert errors(run(tmp_path, capsys, log))[:1] == ["cuda-version-mismatch"]


def test_a_grep_that_cannot_list_the_runtime_shows_nothing_of_it() -> None:
    text = (
        "$ ldconfig -p | grep libcuda.so\n"
        "\tlibcuda.so.1 (libc6,x86-64) => /usr/lib/x86_64-linux-gnu/libcuda.so.1\n$ \n"
    )
    assert cuda_shown_absent(text) == ""
    assert cuda_shown_absent(text.replace("grep libcuda.so", "grep cuda"))


@pytest.mark.parametrize(
    "name", ["k20-ignored-beside-its-physical-listing", "gtx-760-ignored-beside-a-gpu-count"]
)
def test_a_physical_gpu_listed_then_ignored_for_its_compute_capability_is_not_used(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    document = run(tmp_path, capsys, log_of(name))
    assert document["gpu_used"] == "no"
    assert errors(document)[:1] == ["compute-capability-unsupported"]


def test_two_gpus_listed_and_one_ignored_leaves_the_other_at_work(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = log_of("gtx-760-ignored-beside-a-gpu-count").replace(
        "Num GPUs Available:  1", "Num GPUs Available:  2"
    )
    assert run(tmp_path, capsys, log)["gpu_used"] == "yes"


@pytest.mark.parametrize(
    "name", ["colab-found-gpu-at", "colab-version-and-device-name-then-a-missing-file"]
)
def test_a_device_name_printed_by_the_usual_checks_shows_the_gpu_works(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    document = run(tmp_path, capsys, log_of(name))
    assert document["gpu_used"] == "yes"
    assert errors(document) == []


@pytest.mark.parametrize(
    ("name", "flags", "cause"),
    [
        ("windows-nvidia-smi-by-its-full-path", ("--os", "windows"), "cuda-libs-not-found"),
        ("wsl-nvidia-smi-list-by-its-path", (), "cudnn-not-found"),
        ("nvidia-smi-missing-beside-the-modules-version-file", (), "cudnn-not-found"),
    ],
)
def test_nvidia_smi_off_path_says_nothing_of_the_driver_its_own_output_shows(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    flags: tuple[str, ...],
    cause: str,
) -> None:
    document = run(tmp_path, capsys, log_of(name), *flags)
    assert errors(document)[:1] == [cause]
    assert "no-nvidia-driver" not in ids(document)


def test_nvidia_smi_missing_before_another_machines_driver_file_still_counts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = log_of("nvidia-smi-missing-beside-the-modules-version-file").replace(
        "$ cat /proc/driver/nvidia/version", "$ ssh gpu01 cat /proc/driver/nvidia/version"
    )
    assert "no-nvidia-driver" in ids(run(tmp_path, capsys, log))


@pytest.mark.parametrize(
    "name",
    [
        "keras-json-backend-jax",
        "keras-backend-answered-torch",
        "keras-config-backend-in-a-notebook",
    ],
)
def test_the_keras_backend_keras_itself_names_is_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    document = run(tmp_path, capsys, log_of(name))
    assert ids(document)[:1] == ["keras-backend-not-tensorflow"]
    assert errors(document) == []


def test_keras_answering_the_tensorflow_backend_is_no_finding(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = log_of("keras-backend-answered-torch").replace("'torch'", "'tensorflow'")
    assert "keras-backend-not-tensorflow" not in ids(run(tmp_path, capsys, log))


@pytest.mark.parametrize("name", ["node-alpine-image-build", "community-alpine-python-image"])
def test_any_alpine_image_makes_pips_refusal_musls(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    document = run(tmp_path, capsys, log_of(name))
    assert errors(document) == ["glibc-too-old"]
    assert "musl" in document["findings"][0]["title"]


def test_a_rule_of_dashes_is_never_part_of_the_record_above_it() -> None:
    text = "4.982 ERROR: No matching distribution found for tensorflow\n------\n"
    assert "tensorflow------" not in unwrap(text)


def test_cudnn_failing_at_work_for_libcuda_under_wsl_is_not_refuted_by_the_gpu_found(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = run(tmp_path, capsys, log_of("wsl-cudnn-sublibrary-needs-libcuda"))
    assert errors(document) == ["wsl-libcuda-missing"]
    assert document["gpu_used"] == "no"


def test_cudnn_failing_for_libcuda_beside_a_native_drivers_files_is_the_missing_link(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = run(
        tmp_path, capsys, log_of("container-cudnn-sublibrary-needs-libcuda"), "--container"
    )
    first = document["findings"][0]
    assert first["id"] == "no-nvidia-driver" and "libcuda.so link" in first["title"]
    assert "wsl-libcuda-missing" not in ids(document)


def test_the_cudnn_pytorch_brings_in_first_is_the_mismatch_not_the_loader_path(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = run(tmp_path, capsys, log_of("torch-imported-before-tensorflow"))
    assert errors(document) == ["cudnn-version-mismatch"]


def test_the_same_mismatch_without_pytorch_first_is_a_copy_ahead_on_the_path(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = log_of("torch-imported-before-tensorflow").replace("import torch\n", "")
    assert errors(run(tmp_path, capsys, log))[:1] == ["ld-library-path-shadows"]


def test_a_context_refused_on_a_gpu_with_its_memory_taken_is_out_of_memory(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = run(tmp_path, capsys, log_of("context-refused-on-a-full-gpu"))
    assert errors(document) == ["gpu-out-of-memory"]
    assert "6012MiB of 6071MiB" in document["findings"][0]["evidence"][0]


def test_a_context_refused_on_a_gpu_with_memory_free_is_not_read_as_memory(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = log_of("context-refused-on-a-full-gpu").replace("6012MiB /", "  12MiB /")
    assert "gpu-out-of-memory" not in ids(run(tmp_path, capsys, log))


def test_tensorflows_cpu_image_given_the_gpu_ships_no_cuda_rather_than_another(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = run(tmp_path, capsys, log_of("cpu-image-run-with-gpus-all"), "--container")
    assert errors(document)[:1] == ["cuda-libs-not-found"]
    assert "cuda-version-mismatch" not in ids(document)


def test_another_image_given_the_gpu_without_the_cuda_asked_for_ships_another(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = log_of("cpu-image-run-with-gpus-all").replace(
        "tensorflow/tensorflow:2.4.1", "nvidia/cuda:10.2-cudnn7-runtime-ubuntu18.04"
    )
    assert errors(run(tmp_path, capsys, log, "--container"))[:1] == ["cuda-version-mismatch"]


def test_a_part_of_cudnn_from_another_release_is_two_copies_mixing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = run(tmp_path, capsys, log_of("cudnn-parts-of-two-releases"))
    assert errors(document) == ["ld-library-path-shadows"]
    assert document["gpu_used"] == "no"


@pytest.mark.parametrize(
    ("name", "flags", "cause"),
    [
        ("alpine-release-file-read", (), "glibc-too-old"),
        ("alpine-stage-before-a-slim-python-stage", (), "python-unsupported"),
        ("keras-backend-printenv", (), "keras-backend-not-tensorflow"),
        (
            "notebook-kernel-beside-tf-version-attribute",
            ("--os", "windows"),
            "wrong-python-environment",
        ),
        ("nvidia-smi-missing-beside-sysfs-module-version", (), "cuda-libs-not-found"),
        ("wsl-cudnn-needs-libcuda-beside-cuda-compat", (), "wsl-libcuda-missing"),
        ("platform-architecture-32bit", (), "platform-unsupported"),
        ("pip-takes-a-win32-wheel", (), "platform-unsupported"),
        ("context-refused-beside-smi-csv-and-free-memory", (), "gpu-out-of-memory"),
    ],
)
def test_review_121s_other_wordings_of_the_same_facts(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    flags: tuple[str, ...],
    cause: str,
) -> None:
    assert ids(run(tmp_path, capsys, log_of(name), *flags))[:1] == [cause]


def test_a_backend_the_code_sets_outranks_keras_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = run(tmp_path, capsys, log_of("keras-backend-set-in-code-over-keras-json"))
    assert "keras-backend-not-tensorflow" not in ids(document)
    assert document["gpu_used"] == "yes"


@pytest.mark.parametrize(
    "name",
    ["cmd-dir-lists-cudnn-7-for-tf-2.4", "powershell-dir-lists-cudnn-7-for-tf-2.4"],
)
def test_a_windows_folder_listing_of_another_cudnn_major_is_a_mismatch(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    document = run(tmp_path, capsys, log_of(name), "--os", "windows")
    assert errors(document)[:1] == ["cudnn-version-mismatch"]


def test_memory_growth_refused_beside_virtual_devices_is_the_device_configuration(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = run(tmp_path, capsys, log_of("memory-growth-refused-beside-virtual-devices"))
    assert ids(document)[:1] == ["device-config-after-init"]
    assert errors(document) == []
