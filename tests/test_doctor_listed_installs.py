"""What package listings say of TensorFlow installed: a listing's row (pip list, conda list, pip
freeze) beside 'No module named tensorflow', conda's and pip's installs of one distribution, and
pip installing a second distribution over one. Logs are written in the tools' own wording
(reviews 47 and 48)."""

from __future__ import annotations

from pathlib import Path

import pytest
from doctor_support import doctor

pytestmark = pytest.mark.usefixtures("fixture_matrix_in_use")

NOTEBOOK_MISSING = (
    "ModuleNotFoundError                       Traceback (most recent call last)\n"
    "Cell In[1], line 1\n"
    "----> 1 import tensorflow as tf\n"
    "\n"
    "ModuleNotFoundError: No module named 'tensorflow'\n"
)


def _first(tmp_path: Path, capsys: pytest.CaptureFixture[str], log: str, *flags: str) -> str:
    found = doctor(tmp_path, capsys, log, *flags)["findings"]
    return str(found[0]["id"]) if found else ""


@pytest.mark.parametrize(
    "shown",
    [
        "$ pip freeze | grep -i tensorflow\ntensorflow==2.15.0\n",
        "$ pip install tensorflow-gpu==2.10.0\n"
        "Requirement already satisfied: tensorflow-gpu==2.10.0 in"
        " c:\\users\\lena\\anaconda3\\lib\\site-packages (2.10.0)\n",
        "$ pip list\ntensorflow                   2.13.1\n",
        # pip 9's listing format
        "$ pip3 list\nnumpy (1.13.3)\ntensorflow-gpu (1.4.0)\n",
    ],
)
def test_tensorflow_listed_in_the_shell_and_missing_in_the_kernel_is_another_python(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], shown: str
) -> None:
    assert _first(tmp_path, capsys, shown + NOTEBOOK_MISSING) == "wrong-python-environment"


@pytest.mark.parametrize(
    "shown",
    [
        # a search's rows are offers, not installs
        "$ conda search tensorflow | tail -2\n"
        "tensorflow                    2.10.0 gpu_py310h6559e04_0  pkgs/main\n",
        # listed, then removed by conda
        "$ conda list tensorflow\ntensorflow                2.15.0          pypi_0    pypi\n"
        "$ conda remove tensorflow\n",
        # the Metal plug-in is not TensorFlow
        "$ pip list | grep tensorflow\ntensorflow-metal             1.1.0\n",
        # two Pythons, and TensorFlow shown in neither
        "$ which python\n/usr/bin/python3\n$ source venv/bin/activate\n$ which python\n"
        "/home/a/venv/bin/python\n",
    ],
)
def test_no_listing_of_an_installed_tensorflow_leaves_it_not_installed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], shown: str
) -> None:
    assert _first(tmp_path, capsys, shown + NOTEBOOK_MISSING) == "tensorflow-not-installed"


def test_installing_the_metal_plug_in_beside_tensorflow_is_not_a_second_tensorflow(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = (
        "$ pip install tensorflow-metal jax-metal\n"
        "ERROR: pip's dependency resolver does not currently take into account all the packages"
        " that are installed. This behaviour is the source of the following dependency"
        " conflicts.\n"
        "tensorflow 2.15.0 requires ml-dtypes~=0.2.0, but you have ml-dtypes 0.3.2 which is"
        " incompatible.\n"
        "Successfully installed jax-metal-0.0.5 tensorflow-metal-1.1.0\n"
    )
    found = doctor(tmp_path, capsys, log, "--os", "macos")["findings"]
    assert "multiple-tensorflow-distributions" not in {f["id"] for f in found}


OLD_PIP_LIST = (
    "$ pip list\n"
    "DEPRECATION: The default format will switch to columns in the future. You can use"
    " --format=(legacy|columns) (or define a format=(legacy|columns) in your pip.conf under the"
    " [list] section) to disable this warning.\n"
    "numpy (1.13.3)\n"
    "tensorflow (1.4.0)\n"
    "tensorflow-gpu (1.4.0)\n"
    "tensorflow-tensorboard (0.4.0rc3)\n"
)


def test_two_tensorflows_in_pip_9s_listing_are_two_installs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = OLD_PIP_LIST + "Device mapping: no known devices.\n"
    assert _first(tmp_path, capsys, log) == "multiple-tensorflow-distributions"


def test_requirements_written_like_pip_9s_rows_are_not_installs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    readme = "- tensorflow (1.7.0) or preferably:\n- tensorflow-gpu (1.7.0)\n- numpy (1.14.0)\n"
    found = doctor(tmp_path, capsys, readme + "Device mapping: no known devices.\n")["findings"]
    assert "multiple-tensorflow-distributions" not in {f["id"] for f in found}


def test_pip_9_listings_of_two_environments_are_not_two_installs_in_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = (
        "$ pip list\nnumpy (1.13.3)\ntensorflow (1.3.0)\n"
        "$ source ~/venv/bin/activate\n"
        "(venv) $ pip list\nnumpy (1.14.0)\ntensorflow-gpu (1.5.0)\n"
        "Device mapping: no known devices.\n"
    )
    found = doctor(tmp_path, capsys, log)["findings"]
    assert "multiple-tensorflow-distributions" not in {f["id"] for f in found}


def test_rows_written_after_a_mention_of_pip_list_are_not_its_listing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = (
        "$ pip list | grep numpy\nnumpy (1.14.0)\n"
        "The README asks for these versions:\n"
        "tensorflow (1.7.0)\ntensorflow-gpu (1.7.0)\n"
    )
    found = doctor(tmp_path, capsys, log)["findings"]
    assert "multiple-tensorflow-distributions" not in {f["id"] for f in found}


def _listed_then_dlopen(tensorflow: str, cudnn: str) -> str:
    """'pip list' rows, then TensorFlow 2.16+'s only word on missing libraries (its source:
    gpu_device.cc, 'Cannot dlopen some GPU libraries ...'; it names none below VLOG 3)."""
    return (
        '$ pip list | grep -E "^(tensorflow|nvidia-)"\n'
        "nvidia-cublas-cu12           12.3.4.1\n"
        "nvidia-cuda-runtime-cu12     12.3.101\n"
        f"nvidia-cudnn-cu12            {cudnn}\n"
        f"tensorflow                   {tensorflow}\n"
        "$ python3 -c \"import tensorflow as tf; print(tf.config.list_physical_devices('GPU'))\"\n"
        "2024-08-20 10:00:02.400000: W tensorflow/core/common_runtime/gpu/gpu_device.cc:2343]"
        " Cannot dlopen some GPU libraries. Please make sure the missing libraries mentioned above"
        " are installed properly if you would like to use GPU. Follow the guide at"
        " https://www.tensorflow.org/install/gpu for how to download and setup the required"
        " libraries for your platform.\n"
        "Skipping registering GPU devices...\n"
        "[]\n"
    )


def test_wheels_pip_lists_that_tensorflow_cannot_open_are_off_the_loader_path(tmp_path, capsys):
    """(review 59) The wheels are there: installing '[and-cuda]' again is not the fix."""
    found = doctor(tmp_path, capsys, _listed_then_dlopen("2.17.0", "8.9.7.29"), "--os", "linux")
    top = found["findings"][0]
    assert (top["id"], top["severity"]) == ("pip-cuda-libs-not-on-path", "error")
    assert "LD_LIBRARY_PATH" in top["fix"]


def test_a_listed_cudnn_wheel_of_another_major_than_the_release_pins_is_the_mismatch(
    tmp_path, capsys
):
    # 2.18.0 pins nvidia-cudnn-cu12==9.3.0.75; a cuDNN 8 wheel left from 2.17 cannot serve it
    found = doctor(tmp_path, capsys, _listed_then_dlopen("2.18.0", "8.9.7.29"), "--os", "linux")
    top = found["findings"][0]
    assert (top["id"], top["severity"]) == ("cudnn-version-mismatch", "error")
    assert "9.3.0.75" in top["title"] and "8.9.7.29" in top["title"]


def test_zsh_globbing_the_extra_means_pip_never_ran(tmp_path, capsys):
    log = (
        "(venv) user@box ~ % pip install tensorflow[and-cuda]\n"
        "zsh: no matches found: tensorflow[and-cuda]\n"
    )
    top = doctor(tmp_path, capsys, log)["findings"][0]
    assert (top["id"], top["severity"]) == ("cuda-libs-not-found", "error")
    assert "pip install 'tensorflow[and-cuda]'" in top["fix"]
    # and where the import then finds no TensorFlow at all, that install was the only one: the
    # quoting is the fix, as the first and only error (review 65, first-timers FT-41)
    log += (
        '(venv) user@box ~ % python -c "import tensorflow"\n'
        "ModuleNotFoundError: No module named 'tensorflow'\n"
    )
    found = doctor(tmp_path, capsys, log)["findings"]
    assert (found[0]["id"], found[0]["severity"]) == ("tensorflow-not-installed", "error")
    assert "pip install 'tensorflow[and-cuda]'" in found[0]["fix"]
    assert [f["id"] for f in found if f["severity"] == "error"] == ["tensorflow-not-installed"]


def test_keras_3_refusing_a_tensorflow_hub_layer_is_the_keras_version(tmp_path, capsys):
    # tensorflow#65419 (TF 2.16.1, Keras 3): the traceback's last line, verbatim
    log = (
        "ValueError: Only instances of `keras.Layer` can be added to a Sequential model."
        " Received: <tensorflow_hub.keras_layer.KerasLayer object at 0x28ac6d4d0> (of type"
        " <class 'tensorflow_hub.keras_layer.KerasLayer'>)\n"
    )
    top = doctor(tmp_path, capsys, log)["findings"][0]
    assert (top["id"], top["severity"]) == ("dependency-version-mismatch", "error")
    assert "tf_keras" in top["fix"] and "TF_USE_LEGACY_KERAS=1" in top["fix"]


def test_a_cudnn_on_the_loader_path_ahead_of_the_listed_wheel_is_the_shadow(tmp_path, capsys):
    """(review 59) pip lists the cuDNN wheel 2.15 needs (8.9.4), TensorFlow loaded 8.6.0, and
    LD_LIBRARY_PATH holds CUDA 11.8's lib64: the older copy shadows the wheel. Installing the
    right cuDNN again (what a bare version mismatch says) is already done."""
    log = (
        '$ pip list | grep -E "^(tensorflow|nvidia-cudnn)"\n'
        "nvidia-cudnn-cu12            8.9.4.25\n"
        "tensorflow                   2.15.1\n"
        "$ python train.py\n"
        "2024-01-15 09:00:01.000001: I tensorflow/core/common_runtime/gpu/gpu_device.cc:1886]"
        " Created device /job:localhost/replica:0/task:0/device:GPU:0 with 9619 MB memory:  ->"
        " device: 0, name: NVIDIA GeForce RTX 3080 Ti, pci bus id: 0000:01:00.0, compute"
        " capability: 8.6\n"
        "2024-01-15 09:00:05.000001: E external/local_xla/xla/stream_executor/cuda/"
        "cuda_dnn.cc:439] Loaded runtime CuDNN library: 8.6.0 but source was compiled with:"
        " 8.9.4.  CuDNN library needs to have matching major version and equal or higher minor"
        " version.\n"
    )
    doc = doctor(
        tmp_path,
        capsys,
        log,
        "--os",
        "linux",
        "--cudnn",
        "8.6.0",
        "--env",
        "LD_LIBRARY_PATH=/usr/local/cuda-11.8/lib64",
    )
    top = doc["findings"][0]
    assert (top["id"], top["severity"]) == ("ld-library-path-shadows", "error")
    assert "8.9.4.25" in top["title"] and "LD_LIBRARY_PATH" in top["fix"]


def test_a_cudnn_wheel_another_framework_pins_asks_for_separate_environments(tmp_path, capsys):
    """(review 59) torch 2.4.0 pins nvidia-cudnn-cu12==9.1.0.70 and TensorFlow 2.17's
    [and-cuda] 8.9.7.29: installing TensorFlow's pins over it would break torch."""
    log = (
        '$ pip list | grep -E "^(tensorflow|torch|nvidia-cudnn)"\n'
        "nvidia-cudnn-cu12            9.1.0.70\n"
        "tensorflow                   2.17.0\n"
        "torch                        2.4.0\n"
        "$ python -c \"import tensorflow as tf; print(tf.config.list_physical_devices('GPU'))\"\n"
        "2024-08-10 10:11:15.390202: W tensorflow/core/common_runtime/gpu/gpu_device.cc:2343]"
        " Cannot dlopen some GPU libraries. Please make sure the missing libraries mentioned above"
        " are installed properly if you would like to use GPU.\n"
        "Skipping registering GPU devices...\n"
        "[]\n"
    )
    top = doctor(tmp_path, capsys, log, "--os", "linux")["findings"][0]
    assert (top["id"], top["severity"]) == ("cudnn-version-mismatch", "error")
    assert "environment of its own" in top["fix"] and "torch 2.4.0" in top["fix"]


def test_listed_wheels_under_2_16_1_are_its_known_defect(tmp_path, capsys):
    """(review 59 re-check) Under 2.16.1 the wheels pip lists go unfound for a reason the
    matrix knows (its RUNPATH): that reading, with its own fix, stays first."""
    found = doctor(tmp_path, capsys, _listed_then_dlopen("2.16.1", "8.9.7.29"), "--os", "linux")
    top = found["findings"][0]
    assert top["id"] == "pip-cuda-libs-not-on-path" and "known defect" in top["title"]
    assert "2.16.2" in top["fix"]


def test_review_60_listed_wheels(tmp_path, capsys):
    """Adversarial review 60 of the listed-wheels readings."""
    dlopen = (
        "2024-08-10 10:11:15.390202: W tensorflow/core/common_runtime/gpu/gpu_device.cc:2343]"
        " Cannot dlopen some GPU libraries. Please make sure the missing libraries mentioned above"
        " are installed properly if you would like to use GPU.\nSkipping registering GPU"
        " devices...\n[]\n"
    )
    # xgboost's NCCL wheel alone is not TensorFlow's set: its libraries are missing
    nccl_only = "nvidia-nccl-cu12              2.21.5\ntensorflow                   2.17.0\n"
    top = doctor(tmp_path, capsys, nccl_only + dlopen, "--os", "linux")["findings"][0]
    assert top["id"] == "cuda-libs-not-found"
    # 2.16.1 with torch's cuDNN 9 wheel: the cuDNN of another major comes before the RUNPATH
    torch_cudnn9 = (
        "nvidia-cudnn-cu12            9.1.0.70\n"
        "tensorflow                   2.16.1\n"
        "torch                        2.4.0\n"
    )
    top = doctor(tmp_path, capsys, torch_cudnn9 + dlopen, "--os", "linux")["findings"][0]
    assert top["id"] == "cudnn-version-mismatch" and "environment of its own" in top["fix"]


def test_a_venv_made_without_ensurepip_means_nothing_was_installed(tmp_path, capsys):
    # Ubuntu 24.04's python3 -m venv without python3.12-venv (CPython's own message), then the
    # pip the environment never got (review 65, first-timers FT-02)
    log = (
        "$ python3 -m venv ~/tf\n"
        "The virtual environment was not created successfully because ensurepip is not\n"
        "available.  On Debian/Ubuntu systems, you need to install the python3-venv\n"
        "package using the following command.\n\n"
        "    apt install python3.12-venv\n\n"
        '$ ~/tf/bin/pip install "tensorflow[and-cuda]"\n'
        "bash: /home/ada/tf/bin/pip: No such file or directory\n"
    )
    top = doctor(tmp_path, capsys, log, "--os", "linux")["findings"][0]
    assert (top["id"], top["severity"]) == ("tensorflow-not-installed", "error")
    assert "python3-venv" in top["fix"]


def test_a_conda_lib_folder_on_the_path_is_taken_off_where_the_fix_installs_the_wheels(
    tmp_path, capsys
):
    # the 2021 conda recipe (cudatoolkit 11.2, cudnn 8.1, $CONDA_PREFIX/lib on LD_LIBRARY_PATH)
    # under TensorFlow 2.17: the wheels' libcudnn.so.8 would lose to conda's (tensorflow/docs
    # #2251; review 65, first-timers FT-13). TensorFlow 2.17's cudart_stub wording.
    log = (
        '(tf) ada@desk:~$ conda list | grep -E "cudatoolkit|cudnn|tensorflow"\n'
        "cudatoolkit               11.2.2              hbe64b41_10    conda-forge\n"
        "cudnn                     8.1.0.77             h90431f1_0    conda-forge\n"
        "tensorflow                2.17.0                   pypi_0    pypi\n"
        "(tf) ada@desk:~$ echo $LD_LIBRARY_PATH\n"
        ":/home/ada/miniconda3/envs/tf/lib/\n"
        "2024-08-14 10:21:07.310646: I external/local_xla/xla/tsl/cuda/cudart_stub.cc:32] Could"
        " not find cuda drivers on your machine, GPU will not be used.\n"
    )
    found = doctor(tmp_path, capsys, log, "--os", "linux")["findings"]
    with_wheels = [f for f in found if "[and-cuda]" in f["fix"]]
    assert with_wheels and all(
        "take /home/ada/miniconda3/envs/tf/lib off LD_LIBRARY_PATH" in f["fix"] for f in with_wheels
    )
