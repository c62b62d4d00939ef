"""pip refusing TensorFlow, read against the machine stated: a Mac whose chip is not stated, a
32-bit Python on Windows, a nightly's preview name; and a memory error whose message was cut.
Logs are the reporters' own lines (each test names its thread) or written in pip's and
TensorFlow's wording."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_doctor_evidence import _pinned_refusal, doctor, doctor_exit, ids, top

# derrian-distro/LoRA_Easy_Training_Scripts#35: a Mac, Python 3.10, TensorFlow 2.10.1 pinned;
# 'tensorflow-macos' installed it
MAC_PIN_REFUSED = _pinned_refusal("tensorflow", "2.10.1")


def test_a_mac_seeing_no_tensorflow_for_a_python_intel_wheels_serve_is_apple_silicon(
    tmp_path, capsys
):
    mac = ("--no-probe", "--os", "macos", "--python", "3.10", "--tf", "2.10.1")
    doc = doctor(tmp_path, capsys, MAC_PIN_REFUSED, *mac)
    first = doc["findings"][0]
    assert (first["id"], first["severity"]) == ("platform-unsupported", "error")
    assert "Apple silicon" in first["title"]
    # the fix names the same release under Apple's name, and the first 'tensorflow' for it
    assert "tensorflow-macos==2.10.0" in first["fix"] and "2.13 or later" in first["fix"]
    assert "python-unsupported" not in ids(doc)


def test_the_apple_silicon_reading_needs_an_unknown_chip_no_versions_and_a_pin(tmp_path, capsys):
    flags = ("--no-probe", "--os", "macos", "--python", "3.10")
    # an Intel Mac stated: its 64-bit Python would see the wheels, so the Python is not that one
    intel = doctor(tmp_path, capsys, MAC_PIN_REFUSED, *flags, "--arch", "x86_64")
    assert top(intel) == "python-unsupported"
    # pip saw versions: this Python sees wheels, just not the one pinned
    seen = _pinned_refusal("tensorflow", "2.10.1", seen="2.12.0, 2.13.0")
    assert "platform-unsupported" not in ids(doctor(tmp_path, capsys, seen, *flags))
    # unpinned: Apple silicon has had 'tensorflow' wheels since 2.13, so 'none' is not its mark
    unpinned = (
        "ERROR: Could not find a version that satisfies the requirement tensorflow (from"
        " versions: none)\nERROR: No matching distribution found for tensorflow\n"
    )
    assert "platform-unsupported" not in ids(doctor(tmp_path, capsys, unpinned, *flags))
    # the pasted interpreter is another Python than the one stated
    other = "Python 3.12.1 (main, Dec  8 2023)\n" + MAC_PIN_REFUSED
    assert "platform-unsupported" not in ids(doctor(tmp_path, capsys, other, *flags))


# tensorflow/tensorflow#30158, the reporter's lines: a 32-bit Python 3.5 on Windows
WIN_AMD64_REFUSED = (
    "No matching distribution found for tensorflow-gpu\n"
    "ERROR: https://storage.googleapis.com/tensorflow/windows/gpu/"
    "tensorflow_gpu-1.13.1-cp35-cp35m-win_amd64.whl is not a supported wheel on this platform.\n"
)


def test_a_32_bit_sys_version_printed_is_a_32_bit_python(tmp_path, capsys):
    shown = (
        'PS C:\\Users\\me> python -c "import struct,sys; print(sys.version,'
        " struct.calcsize('P')*8)\"\n3.10.11 (tags/v3.10.11:7d4cc5a, Apr  5 2023, 00:12:47)"
        " [MSC v.1929 32 bit (Intel)] 32\nPS C:\\Users\\me> pip install tensorflow\n"
        "Looking in indexes: https://nexus.acme.corp/repository/python-all/simple\n"
    )
    doc = doctor(tmp_path, capsys, shown + _pinned_refusal("tensorflow", "2.10.0"), "--no-probe")
    first = doc["findings"][0]
    assert (first["id"], first["severity"]) == ("platform-unsupported", "error")
    assert "32-bit" in first["title"]


def test_a_windows_wheel_for_the_stated_python_refused_means_a_32_bit_python(tmp_path, capsys):
    doc = doctor(
        tmp_path, capsys, WIN_AMD64_REFUSED, "--no-probe", "--os", "windows", "--python", "3.5"
    )
    first = doc["findings"][0]
    assert (first["id"], first["severity"]) == ("platform-unsupported", "error")
    assert "32-bit" in first["title"] and "64-bit" in first["fix"]


def test_the_32_bit_reading_needs_windows_and_the_wheels_own_python(tmp_path, capsys):
    # another Python than the wheel's: the version is what pip refused
    py36 = doctor(
        tmp_path, capsys, WIN_AMD64_REFUSED, "--no-probe", "--os", "windows", "--python", "3.6"
    )
    assert "platform-unsupported" not in ids(py36)
    assert top(py36) == "python-unsupported"
    # a Windows wheel on Linux is the wrong file, not a 32-bit Python
    linux = doctor(
        tmp_path, capsys, WIN_AMD64_REFUSED, "--no-probe", "--os", "linux", "--python", "3.5"
    )
    first = linux["findings"][0]
    assert first["id"] == "platform-unsupported" and "32-bit" not in first["title"]
    assert "a Windows wheel, and this machine runs Linux" in first["title"]
    # nothing stated: nothing to compare the wheel with
    bare = doctor(tmp_path, capsys, WIN_AMD64_REFUSED, "--no-probe")
    assert "platform-unsupported" not in ids(bare)
    # the Python only as the refused wheel's own tag names it is no Python stated
    # (tensorflow#10061: Python 2.7 refusing a cp35 wheel)
    untold = doctor(tmp_path, capsys, WIN_AMD64_REFUSED, "--no-probe", "--os", "windows")
    assert "platform-unsupported" not in ids(untold)


def test_a_nightly_preview_name_refused_is_read_as_tensorflow(tmp_path, capsys):
    # cvicom/deep_learning_escuela_verano_19#2: tf-nightly-2.0-preview had no Python 3.7 wheel
    # for macOS; the refusal comes before 'macOS has no CUDA'
    log = (
        "Pip subprocess error:\n"
        "  ERROR: Could not find a version that satisfies the requirement"
        " tf-nightly-2.0-preview (from -r /Users/u/code/condaenv.requirements.txt (line 1))"
        " (from versions: none)\n"
        "ERROR: No matching distribution found for tf-nightly-2.0-preview (from -r"
        " /Users/u/code/condaenv.requirements.txt (line 1))\n"
    )
    doc = doctor(tmp_path, capsys, log, "--no-probe", "--os", "macos", "--python", "3.7")
    assert top(doc) == "python-unsupported"
    assert "tf-nightly-2.0-preview" in doc["findings"][0]["title"]


# IndicoDataSolutions/finetune#339: the notebook's header, the message cut from the paste
NOTEBOOK_OOM = (
    "Epoch 1/5:   2%|▏         | 172/10224 [00:00<00:24, 402.59it/s]\n"
    "---------------------------------------------------------------------------\n"
    "ResourceExhaustedError                    Traceback (most recent call last)\n"
    "~/.local/lib/python3.5/site-packages/tensorflow/python/client/session.py in _do_call(self,"
    " fn, *args)\n"
    "   1333     try:\n"
    "-> 1334       return fn(*args)\n"
)


def test_resource_exhausted_raised_alone_reads_as_memory(tmp_path, capsys):
    doc = doctor(tmp_path, capsys, NOTEBOOK_OOM, "--no-probe")
    first = doc["findings"][0]
    assert (first["id"], first["severity"]) == ("gpu-out-of-memory", "warning")
    assert "ResourceExhaustedError" in first["title"]
    # the full message keeps its own, more specific reading
    full = "tensorflow.python.framework.errors_impl.ResourceExhaustedError: OOM when allocating"
    full += " tensor with shape[16,12,512,512] and type float on /job:localhost/replica:0/task:0/"
    full += "device:CPU:0 by allocator cpu\n"
    assert "host" in doctor(tmp_path, capsys, full, "--no-probe")["findings"][0]["title"]


def test_code_that_catches_resource_exhausted_is_not_a_failure(tmp_path, capsys):
    code = (
        "try:\n    model.fit(x, y, batch_size=64)\n"
        "except tf.errors.ResourceExhaustedError:\n    model.fit(x, y, batch_size=8)\n"
        "[PhysicalDevice(name='/physical_device:GPU:0', device_type='GPU')]\n"
    )
    assert "gpu-out-of-memory" not in ids(doctor(tmp_path, capsys, code, "--no-probe"))


# Review 34's attacks: what the log shows about the Python that ran pip, or pip's index


def test_the_apple_silicon_reading_yields_to_what_the_log_shows(tmp_path, capsys):
    mac = ("--no-probe", "--os", "macos", "--python", "3.10")
    shown = {
        "an Intel wheel downloaded by the same pip": "Downloading numpy-1.23.5-cp310-cp310-"
        "macosx_10_9_x86_64.whl (18.1 MB)\n",
        "platform.machine() answering": "$ python3 -c 'import platform; print(platform.machine())'"
        "\nx86_64\n",
        "conda's platform": "          platform : osx-64\n",
        "macOS 10": "ProductName:\tMac OS X\nProductVersion:\t10.13.6\n",
        "no index": "$ pip install --no-index --find-links=./wheels tensorflow==2.10.1\n",
        "a private index": "Looking in indexes: https://packages.example.com/simple\n",
        "another project's index": "$ pip install -i https://download.pytorch.org/whl/cu118"
        " tensorflow==2.10.1\n",
        "pip too old for macOS 11": "WARNING: You are using pip version 20.2.3; however, version"
        " 20.3.3 is available.\n",
        "no network": "WARNING: Retrying (Retry(total=4, connect=None, read=None, redirect=None,"
        " status=None)) after connection broken by 'NewConnectionError('<pip._vendor.urllib3."
        "connection.HTTPSConnection object at 0x10f>: Failed to establish a new connection:"
        " [Errno 8] nodename nor servname provided, or not known')': /simple/tensorflow/\n",
    }
    for what, lines in shown.items():
        doc = doctor(tmp_path, capsys, lines + MAC_PIN_REFUSED, *mac)
        assert "platform-unsupported" not in ids(doc), what
    # 'none' said of another package, while the tensorflow line lists versions
    dependency = (
        "ERROR: Could not find a version that satisfies the requirement"
        " tensorflow-io-gcs-filesystem==0.27.0 (from versions: none)\n"
        + _pinned_refusal("tensorflow", "2.10.1", seen="2.12.0, 2.13.0")
    )
    assert "platform-unsupported" not in ids(doctor(tmp_path, capsys, dependency, *mac))
    # no arm64 build of CPython 3.7 or older exists
    old = _pinned_refusal("tensorflow", "2.1.0")
    assert "platform-unsupported" not in ids(doctor(tmp_path, capsys, old, *mac[:-1], "3.6"))
    # an arm64 answer keeps it
    arm = "$ uname -m\narm64\n" + MAC_PIN_REFUSED
    assert top(doctor(tmp_path, capsys, arm, *mac)) == "platform-unsupported"
    # and so does a mirror of PyPI, which serves the same wheels
    mirror = "Looking in indexes: https://pypi.tuna.tsinghua.edu.cn/simple\n" + MAC_PIN_REFUSED
    assert top(doctor(tmp_path, capsys, mirror, *mac)) == "platform-unsupported"


def test_a_refusal_from_an_index_that_is_not_pypi_says_nothing_of_the_python(tmp_path, capsys):
    linux = ("--no-probe", "--os", "linux", "--python", "3.10")
    refused = _pinned_refusal("tensorflow", "2.10.0")
    elsewhere = {
        "only a folder": "$ pip install --no-index --find-links /opt/wheels tensorflow==2.10.0\n"
        "Looking in links: /opt/wheels\n",
        "only another project's index": "Looking in indexes: https://download.pytorch.org/whl/cu118\n",
        "an index given on the command line": "$ pip install --index-url=https://packages.example"
        ".com/simple tensorflow==2.10.0\n",
    }
    for what, lines in elsewhere.items():
        doc = doctor(tmp_path, capsys, lines + refused, *linux)
        assert not [f for f in doc["findings"] if f["severity"] == "error"], what
        said = " ".join(" ".join(f["evidence"]) for f in doc["findings"])
        assert "not asking PyPI" in said, what
    # PyPI itself, a public mirror of it, or PyPI beside another index: PyPI's answer
    for index in (
        "https://pypi.org/simple",
        "https://mirrors.aliyun.com/pypi/simple/",
        "https://pypi.org/simple, https://pypi.ngc.nvidia.com",
    ):
        doc = doctor(tmp_path, capsys, f"Looking in indexes: {index}\n" + refused, *linux)
        assert top(doc) == "python-unsupported", index
        assert doc["findings"][0]["severity"] == "error", index
    # an index named like PyPI that is not it: NVIDIA's alone, TestPyPI, a private 'pypi' host
    for index in (
        "https://pypi.ngc.nvidia.com",
        "https://test.pypi.org/simple/",
        "http://pypi.internal.lab:8080/simple/",
    ):
        doc = doctor(tmp_path, capsys, f"Looking in indexes: {index}\n" + refused, *linux)
        assert doc["findings"][0]["severity"] == "warning", index


def test_only_the_pip_command_that_was_refused_says_which_index_it_asked(tmp_path, capsys):
    linux = ("--no-probe", "--os", "linux", "--python", "3.10")
    refused = _pinned_refusal("tensorflow", "2.10.0")
    asked_pypi = {
        "curl's -I": "$ curl -I https://files.pythonhosted.org\nHTTP/2 200\n",
        "wget's -i": "$ wget -i https://example.com/urls.txt\n",
        "pip's -I (--ignore-installed)": "$ pip install -I https://example.com/x.whl\n"
        "$ pip install tensorflow==2.10.0\n",
        "an earlier command's --no-index": "$ pip install --no-index --find-links=./vendor"
        " internal_utils\nSuccessfully installed internal_utils-0.3.1\n$ pip install"
        " tensorflow==2.10.0\n",
    }
    for what, lines in asked_pypi.items():
        doc = doctor(tmp_path, capsys, lines + refused, *linux)
        first = doc["findings"][0]
        assert (first["id"], first["severity"]) == ("python-unsupported", "error"), what
        assert not any("not asking PyPI" in e for e in first["evidence"]), what
    # an index that lists TensorFlow's releases serves PyPI's wheels, whatever its name
    listed = "Looking in indexes: https://nexus.example.net/repository/python-group/simple\n"
    doc = doctor(
        tmp_path, capsys, listed + _pinned_refusal("tensorflow", "2.10.0", "2.20.0"), *linux
    )
    assert (top(doc), doc["findings"][0]["severity"]) == ("python-unsupported", "error")
    # '--index' is pip's prefix of --index-url
    abbreviated = "$ pip install --index https://download.pytorch.org/whl/cu121 tensorflow\n"
    doc = doctor(tmp_path, capsys, abbreviated + refused, *linux)
    assert doc["findings"][0]["severity"] == "warning"
    # another package refused from another index first, then TensorFlow refused by PyPI
    torch_first = (
        "$ pip install torch==9.9 --index-url https://download.pytorch.org/whl/cu121\n"
        + _pinned_refusal("torch", "9.9")
        + "$ pip install tensorflow==2.10.0\n"
    )
    doc = doctor(tmp_path, capsys, torch_first + refused, *linux)
    assert not any("not asking PyPI" in e for f in doc["findings"] for e in f["evidence"])
    # a Python no TensorFlow release serves gets no wheel from any index
    newest = ("--no-probe", "--os", "linux", "--python", "3.14")
    corporate = "Looking in indexes: https://artifactory.acme.com/api/pypi/pypi-remote/simple\n"
    doc = doctor(tmp_path, capsys, corporate + _pinned_refusal("tensorflow", "2.20.0"), *newest)
    assert (top(doc), doc["findings"][0]["severity"]) == ("python-unsupported", "error")
    # an http index pip ignored: it asked no index at all
    ignored = (
        "Looking in indexes: http://mirrors.aliyun.com/pypi/simple/\nWARNING: The repository"
        " located at mirrors.aliyun.com is not a trusted or secure host and is being ignored.\n"
    )
    doc = doctor(tmp_path, capsys, ignored + refused, *linux)
    assert doc["findings"][0]["severity"] == "warning"


def test_the_32_bit_reading_yields_to_what_the_log_shows(tmp_path, capsys):
    win = ("--no-probe", "--os", "windows", "--python", "3.5")
    shown = {
        "pip of another Python": "pip 19.1.1 from c:\\users\\u\\appdata\\local\\programs\\python\\"
        "python37\\lib\\site-packages\\pip (python 3.7)\n",
        "a 64-bit banner": "Python 3.5.4 (v3.5.4:3f56838, Aug  8 2017, 02:17:05) [MSC v.1900 64"
        " bit (AMD64)] on win32\n",
        "MinGW's Python": "$ which python\n/mingw64/bin/python\n",
        "a WSL prompt": "user@DESKTOP-4F2KQ1A:/mnt/c/Users/u/Downloads$ pip3 install"
        " tensorflow_gpu-1.13.1-cp35-cp35m-win_amd64.whl\n",
        "a Dockerfile's step": "Step 4/9 : RUN pip install tensorflow_gpu-1.13.1-cp35-cp35m-"
        "win_amd64.whl\n",
        "an outdated pip": "WARNING: You are using pip version 9.0.1, however version 19.1.1 is"
        " available.\n",
    }
    for what, lines in shown.items():
        doc = doctor(tmp_path, capsys, lines + WIN_AMD64_REFUSED, *win)
        assert "platform-unsupported" not in ids(doc), what
    # a 32-bit banner keeps it
    banner = "Python 3.5.4 (v3.5.4:3f56838, Aug  8 2017) [MSC v.1900 32 bit (Intel)] on win32\n"
    assert top(doctor(tmp_path, capsys, banner + WIN_AMD64_REFUSED, *win)) == "platform-unsupported"


def test_resource_exhausted_with_a_message_of_its_own_is_not_read_as_memory(tmp_path, capsys):
    disk = (
        "tensorflow.python.framework.errors_impl.ResourceExhaustedError: checkpoints/variables/"
        "variables_temp/part-00000-of-00001.data-00000-of-00001.tempstate1; No space left on"
        " device [Op:SaveV2]\n"
    )
    assert "gpu-out-of-memory" not in ids(doctor(tmp_path, capsys, disk, "--no-probe"))
    # the notebook's header line, then the message that says what ran out
    header = NOTEBOOK_OOM.split("~/")[0] + "ResourceExhaustedError: /data/train-00871.tfrecord;"
    header += " Too many open files\n"
    assert "gpu-out-of-memory" not in ids(doctor(tmp_path, capsys, header, "--no-probe"))
    # pytest's prefix, the message TF 2.9+ gives before its details
    pytest_line = (
        "E       tensorflow.python.framework.errors_impl.ResourceExhaustedError: Graph execution"
        " error:\n"
    )
    assert top(doctor(tmp_path, capsys, pytest_line, "--no-probe")) == "gpu-out-of-memory"


def test_a_mac_whose_pip_lists_only_apple_silicons_releases_is_apple_silicon(tmp_path, capsys):
    # today's form of the same refusal: pip lists what this Python sees, and an arm64 one sees
    # nothing before 2.13, while an Intel Mac's Python 3.10 sees 2.8 on
    mac = ("--no-probe", "--os", "macos", "--python", "3.10")
    arm = _pinned_refusal("tensorflow", "2.10.1", seen="2.13.0rc0, 2.13.0, 2.14.0, 2.16.2")
    first = doctor(tmp_path, capsys, arm, *mac)["findings"][0]
    assert first["id"] == "platform-unsupported" and "from 2.13" in first["title"]
    intel = _pinned_refusal("tensorflow", "2.10.1", seen="2.8.0, 2.9.0, 2.12.0, 2.16.2")
    assert "platform-unsupported" not in ids(doctor(tmp_path, capsys, intel, *mac))


def test_a_gpu_build_refused_on_a_mac_is_macos_having_no_cuda(tmp_path, capsys):
    # ludwig-ai/ludwig#658: a project pinning tensorflow-gpu, installed on a Mac
    log = (
        "ERROR: Could not find a version that satisfies the requirement tensorflow-gpu==1.15.2"
        " (from ludwig) (from versions: none)\n"
        "ERROR: No matching distribution found for tensorflow-gpu==1.15.2 (from ludwig)\n"
    )
    mac = doctor(tmp_path, capsys, log, "--no-probe", "--os", "macos", "--python", "3.7")
    assert top(mac) == "macos-no-cuda" and "python-unsupported" not in ids(mac)
    assert "'tensorflow' instead of 'tensorflow-gpu'" in mac["findings"][0]["fix"]
    # PyPI had macOS GPU builds up to 1.1; elsewhere the Python is what pip refused
    old = log.replace("1.15.2", "1.1.0")
    assert top(doctor(tmp_path, capsys, old, "--no-probe", "--os", "macos")) != "macos-no-cuda"
    linux = doctor(tmp_path, capsys, log, "--no-probe", "--os", "linux", "--python", "3.9")
    assert top(linux) == "python-unsupported"


def test_addons_namespaced_op_refused_by_an_older_tensorflow_is_an_addon_mismatch(tmp_path, capsys):
    # tensorflow/addons#655: Addons 0.6 under TensorFlow 2.0.0b1, the reporter's line
    log = (
        "lib_handle = py_tf.TF_LoadLibrary(library_filename)\n"
        "tensorflow.python.framework.errors_impl.InvalidArgumentError: Invalid name: Addons>Gelu"
        ' (Did you use CamelCase?); in OpDef: name: "Addons>Gelu" input_arg { name: "features"'
        ' type_attr: "T" }\n'
    )
    assert top(doctor(tmp_path, capsys, log, "--no-probe")) == "addon-tensorflow-mismatch"


# Review 35's attacks


def test_the_macos_gpu_build_reading_yields_to_what_came_after_it(tmp_path, capsys):
    refused = (
        "$ pip install tensorflow-gpu\n"
        "ERROR: Could not find a version that satisfies the requirement tensorflow-gpu (from"
        " versions: none)\nERROR: No matching distribution found for tensorflow-gpu\n"
    )
    mac = ("--no-probe", "--os", "macos", "--python", "3.8")
    # the user went on to 'tensorflow': installed, then not found by another interpreter
    moved_on = refused + (
        "$ pip install tensorflow\nSuccessfully installed tensorflow-2.13.1\n"
        '$ python -c "import tensorflow as tf"\n'
        "ModuleNotFoundError: No module named 'tensorflow'\n"
    )
    assert top(doctor(tmp_path, capsys, moved_on, *mac)) != "macos-no-cuda"
    # 'tensorflow' refused in turn: that refusal is what stands
    then_refused = refused + _pinned_refusal("tensorflow", "2.10.0", seen="2.12.0rc0, 2.12.0")
    doc = doctor(tmp_path, capsys, then_refused, *mac[:-1], "3.11")
    assert top(doc) != "macos-no-cuda"
    # a Python no 'tensorflow' wheel serves on an Intel Mac: the Python stays a finding
    nightly = refused.replace("tensorflow-gpu", "tf-nightly-gpu")
    intel = ("--no-probe", "--os", "macos", "--arch", "x86_64", "--python", "3.13")
    assert "python-unsupported" in ids(doctor(tmp_path, capsys, nightly, *intel))


def test_the_32_bit_reading_takes_the_python_the_log_shows_outside_the_wheels_name(
    tmp_path, capsys
):
    # pip's own answer names its Python, a 32-bit one by its folder; nothing stated
    log = (
        "C:\\Users\\me>pip --version\n"
        "pip 19.0.3 from c:\\users\\me\\appdata\\local\\programs\\python\\python36-32\\lib\\"
        "site-packages\\pip (python 3.6)\n"
        "C:\\Users\\me>pip install tensorflow-2.0.0-cp36-cp36m-win_amd64.whl\n"
        "ERROR: tensorflow-2.0.0-cp36-cp36m-win_amd64.whl is not a supported wheel on this"
        " platform.\n"
    )
    doc = doctor(tmp_path, capsys, log, "--no-probe", "--os", "windows")
    assert top(doc) == "platform-unsupported" and "32-bit" in doc["findings"][0]["title"]


def test_distributions_asked_for_are_not_distributions_installed(tmp_path, capsys):
    # review 35's logs: an install command names what was asked for; a refusal worked around
    # by the plain name leaves one TensorFlow, not two
    apple = (
        "$ pip install tensorflow-macos==2.10.0 tensorflow-metal==0.6.0\n"
        "Successfully installed tensorflow-macos-2.10.0 tensorflow-metal-0.6.0\n"
        "[PhysicalDevice(name='/physical_device:GPU:0', device_type='GPU')]\n"
    )
    mac = ("--no-probe", "--os", "macos", "--python", "3.10")
    doc = doctor(tmp_path, capsys, "$ pip install tensorflow==2.10.1\n" + apple, *mac)
    assert "multiple-tensorflow-distributions" not in ids(doc)
    renamed = (
        "$ pip install tensorflow-gpu==2.4.0\n"
        "ERROR: Could not find a version that satisfies the requirement tensorflow-gpu==2.4.0"
        " (from versions: none)\n"
        "ERROR: No matching distribution found for tensorflow-gpu==2.4.0\n"
        "$ pip install tensorflow==2.4.0\nSuccessfully installed tensorflow-2.4.0\n"
    )
    doc = doctor(tmp_path, capsys, renamed, "--no-probe", "--os", "linux", "--python", "3.8")
    assert not ids(doc) & {"multiple-tensorflow-distributions", "python-unsupported"}
    # two installed are still two
    both = "Successfully installed tensorflow-2.10.0 tensorflow-gpu-2.9.1\n"
    doc = doctor(tmp_path, capsys, both, "--no-probe", "--os", "linux")
    assert "multiple-tensorflow-distributions" in ids(doc)


def _listed_up_to(last: str) -> str:
    minors = [f"2.{m}.0" for m in range(10, 16)] + ["2.16.1", last]
    return (
        "ERROR: Could not find a version that satisfies the requirement tensorflow==2.18.0"
        f" (from versions: {', '.join(minors)})\n"
        "ERROR: No matching distribution found for tensorflow==2.18.0\n"
    )


@pytest.mark.parametrize("before", ["", "$ nvidia-smi\n-bash: nvidia-smi: command not found\n"])
def test_a_list_that_ends_at_the_last_intel_mac_release_names_the_platform(
    tmp_path, capsys, before
):
    # tflite-micro#2927: pip on an Intel Mac (or an x86_64 Python under Rosetta) sees releases
    # up to 2.16.2, the last with a macOS x86_64 wheel; every Python it covers goes on later
    doc = doctor(tmp_path, capsys, before + _listed_up_to("2.16.2"), "--no-probe")
    first = doc["findings"][0]
    assert (first["id"], first["severity"]) == ("platform-unsupported", "error")
    assert "macOS on Intel" in first["title"] and "2.16.2" in first["fix"]


@pytest.mark.parametrize(
    ("log", "flags"),
    [
        # Python 3.8's last release is 2.13.1: the list may end there for the Python
        (_listed_up_to("2.16.2").replace("2.16.1, 2.16.2", "2.13.1"), ()),
        # a preview of the next release was listed: the platform had not ended
        (_listed_up_to("2.16.2").replace("2.16.2)", "2.16.2, 2.17.0rc0)"), ()),
        # the machine is known to be another platform
        (_listed_up_to("2.16.2"), ("--os", "linux")),
        # a Linux shell, and an index of its own, which may stop at any release
        ("me@box:~$ pip install tensorflow==2.18.0\n" + _listed_up_to("2.16.2"), ()),
        (
            "Looking in indexes: https://nexus.acme.corp/repository/pypi/simple\n"
            + _listed_up_to("2.16.2"),
            (),
        ),
    ],
    ids=["python-3.8-ends-there", "preview-listed", "linux-stated", "linux-shell", "own-index"],
)
def test_a_list_that_ends_elsewhere_names_no_platform(tmp_path, capsys, log, flags):
    doc = doctor(tmp_path, capsys, log, "--no-probe", *flags)
    assert "macOS on Intel" not in " ".join(f["title"] for f in doc["findings"])


# lengstrom/fast-style-transfer#266 (verbatim): conda on an Intel Mac asked for tensorflow-gpu
CONDA_MAC_GPU_REFUSED = (
    "Collecting package metadata (repodata.json): done\n"
    "Solving environment: failed\n"
    "\n"
    "PackagesNotFoundError: The following packages are not available from current channels:\n"
    "\n"
    "  - tensorflow-gpu\n"
    "\n"
    "Current channels:\n"
    "\n"
    "  - https://repo.anaconda.com/pkgs/main/osx-64\n"
    "  - https://repo.anaconda.com/pkgs/main/noarch\n"
)


def test_conda_finding_no_gpu_build_on_a_mac_is_macos_having_no_cuda(tmp_path, capsys):
    doc = doctor(tmp_path, capsys, CONDA_MAC_GPU_REFUSED, "--no-probe")
    assert top(doc) == "macos-no-cuda" and "python-unsupported" not in ids(doc)
    assert "tensorflow-gpu" in doc["findings"][0]["title"]
    # a CUDA build string asked for by name (tf-pwa#173: '=cuda112py39...') is the same
    build = CONDA_MAC_GPU_REFUSED.replace(
        "  - tensorflow-gpu\n", "  - tensorflow==2.6.0=cuda112py39h0bbbad9_2\n"
    )
    assert top(doctor(tmp_path, capsys, build, "--no-probe")) == "macos-no-cuda"


@pytest.mark.parametrize(
    ("old", "new"),
    [
        # plain 'tensorflow' missing on a Mac: a Python or channel matter, not CUDA
        ("  - tensorflow-gpu\n", "  - tensorflow=2.0\n"),
        # the same request on Linux: conda's channels there have GPU builds
        ("osx-64", "linux-64"),
        # CUDA's own package alone: not TensorFlow's refusal
        ("  - tensorflow-gpu\n", "  - cudatoolkit=11.2\n"),
    ],
)
def test_conda_refusals_that_are_not_a_gpu_build_on_a_mac_are_not_named_so(
    tmp_path, capsys, old, new
):
    doc = doctor(tmp_path, capsys, CONDA_MAC_GPU_REFUSED.replace(old, new), "--no-probe")
    assert not any("for this Mac" in f["title"] for f in doc["findings"])


# astral-sh/uv#13568 (an Apple silicon Mac, a lock that had backtracked to 2.9.0) and
# OpenMind/OM1#14 (uv naming an Intel macOS, 2.18.0): uv's hint names the platform
UV_HINT = (
    "error: Distribution `tensorflow=={version} @ registry+https://pypi.org/simple` can't be"
    " installed because it doesn't have a source distribution or wheel for the current platform\n"
    "\n"
    "hint: You're on macOS (`{tag}`), but `tensorflow` (v{version}) only has wheels for the"
    " following platforms: `manylinux_2_17_x86_64`, `win_amd64`\n"
)


@pytest.mark.parametrize(
    ("version", "tag", "published_as"),
    [("2.18.0", "macosx_15_0_x86_64", ""), ("2.9.0", "macosx_15_0_arm64", "tensorflow-macos")],
    ids=["intel-mac-after-2.16", "apple-silicon-before-2.13"],
)
def test_uv_naming_a_platform_the_release_has_no_wheel_for_is_the_platform(
    tmp_path, capsys, version, tag, published_as
):
    doc = doctor(tmp_path, capsys, UV_HINT.format(version=version, tag=tag), "--no-probe")
    first = doc["findings"][0]
    assert (first["id"], first["severity"]) == ("platform-unsupported", "error")
    assert published_as in first["title"] and "python-unsupported" not in ids(doc)


def test_uv_sync_refusing_a_pin_on_a_stated_platform_without_its_wheel(tmp_path, capsys):
    # astral-sh/uv#9420: uv sync of a lock pinning 2.8.1, on an Apple silicon Mac
    log = (
        "$ uv sync\nerror: distribution tensorflow==2.8.1 @ registry+https://pypi.org/simple"
        " can't be installed because it doesn't have a source distribution or wheel for the"
        " current platform\n"
    )
    mac = ("--no-probe", "--os", "macos", "--arch", "arm64")
    assert top(doctor(tmp_path, capsys, log, *mac)) == "platform-unsupported"
    # the chip and the Python not stated: Intel and Apple silicon Macs had different wheels
    assert "platform-unsupported" not in ids(doctor(tmp_path, capsys, log, *mac[:-2]))
    # a release with a wheel there: the platform is not what is missing
    served = log.replace("2.8.1", "2.15.0")
    assert "platform-unsupported" not in ids(doctor(tmp_path, capsys, served, *mac))
    # uv naming the Python's tags, for a release with wheels here, is the Python's case
    abi = (
        "  × No solution found when resolving dependencies:\n"
        "  ╰─▶ Because tensorflow==2.15.0 has no wheels with a matching Python ABI tag (e.g.,"
        " `cp313`) and you require tensorflow==2.15.0, we can conclude that your requirements"
        " are unsatisfiable.\n"
    )
    assert top(doctor(tmp_path, capsys, abi, *mac, "--python", "3.13")) == "python-unsupported"
    # ... and for one with none here, the platform's: no Python would do
    none_here = abi.replace("2.15.0", "2.8.1")
    assert top(doctor(tmp_path, capsys, none_here, *mac)) == "platform-unsupported"
    # a Mac whose chip is not stated, where the Intel wheels serve the Python: Apple silicon
    intel_served = doctor(tmp_path, capsys, log, *mac[:-2], "--python", "3.9")
    assert top(intel_served) == "platform-unsupported"
    assert "Apple silicon" in intel_served["findings"][0]["title"]


# northumber/person-autocrop#2: every tensorflow[and-cuda] release refused over its NCCL pin
NCCL_CONFLICT = (
    "ERROR: Cannot install tensorflow[and-cuda]==2.20.0 and tensorflow[and-cuda]==2.21.0 because"
    " these package versions have conflicting dependencies.\n\nThe conflict is caused by:\n"
    "    tensorflow[and-cuda] 2.21.0 depends on nvidia-nccl-cu12<3.0 and >=2.27.7; extra =="
    ' "and-cuda"\n'
    "    tensorflow[and-cuda] 2.20.0 depends on nvidia-nccl-cu12<3.0 and >=2.25.1; extra =="
    ' "and-cuda"\n'
)
NCCL_NONE = (
    "ERROR: Could not find a version that satisfies the requirement nvidia-nccl-cu12==2.16.5;"
    ' extra == "and-cuda" (from tensorflow[and-cuda]) (from versions: none)\n'
    'ERROR: No matching distribution found for nvidia-nccl-cu12==2.16.5; extra == "and-cuda"\n'
)


@pytest.mark.parametrize("log", [NCCL_CONFLICT, NCCL_NONE], ids=["conflict", "none-found"])
def test_no_nccl_wheel_for_the_cuda_extra_is_not_linux(tmp_path, capsys, log):
    doc = doctor(tmp_path, capsys, log, "--no-probe")
    assert (doc["findings"][0]["id"], doc["findings"][0]["severity"]) == (
        "windows-native-gpu-unsupported",
        "error",
    )
    # a Mac stated: the same refusal, and the Mac's own reason comes first
    assert top(doctor(tmp_path, capsys, log, "--no-probe", "--os", "macos")) == "macos-no-cuda"
    # Linux stated: NCCL has Linux wheels, so the refusal is something else (an index, a mirror)
    linux = doctor(tmp_path, capsys, log, "--no-probe", "--os", "linux")
    assert not [f for f in linux["findings"] if f["severity"] == "error"]


NCCL_PINS_CONFLICT = (
    "ERROR: Cannot install tensorflow[and-cuda]==2.15.0 and torch==2.1.0 because these"
    " package versions have conflicting dependencies.\n\nThe conflict is caused by:\n"
    '    tensorflow[and-cuda] 2.15.0 depends on nvidia-nccl-cu12==2.16.5; extra == "and-cuda"\n'
    "    torch 2.1.0 depends on nvidia-nccl-cu12==2.18.1\n"
)


@pytest.mark.parametrize(
    ("log", "flags"),
    [
        # another package pinning another NCCL: a conflict of pins
        (NCCL_PINS_CONFLICT, ()),
        # (review 54) a constraint file pinning another NCCL
        (
            "ERROR: Cannot install tensorflow[and-cuda]==2.15.0 because these package versions"
            " have conflicting dependencies.\n\nThe conflict is caused by:\n"
            "    The user requested (constraint) nvidia-nccl-cu12==2.18.1\n"
            "    tensorflow[and-cuda] 2.15.0 depends on nvidia-nccl-cu12==2.16.5; extra =="
            ' "and-cuda"\n',
            (),
        ),
        # pip fetching Linux wheels in the same paste: a mirror without NCCL, on Linux
        (
            "Downloading https://mirror.example.com/packages/tensorflow-2.15.0-cp311-cp311-"
            "manylinux_2_17_x86_64.manylinux2014_x86_64.whl (475.2 MB)\n" + NCCL_NONE,
            (),
        ),
        # Linux stated
        (NCCL_NONE, ("--os", "linux")),
    ],
    ids=["pins-conflict", "constraint", "linux-wheels-fetched", "linux-stated"],
)
def test_nccl_refusals_that_say_nothing_of_windows(tmp_path, capsys, log, flags):
    doc = doctor(tmp_path, capsys, log, "--no-probe", *flags)
    assert "windows-native-gpu-unsupported" not in ids(doc)


@pytest.mark.parametrize(
    ("version", "tag", "package"),
    [
        ("2.16.1", "manylinux_2_17_armv7l", "tensorflow"),
        ("2.16.1", "musllinux_1_2_x86_64", "tensorflow"),
        ("2.16.1", "musllinux_1_2_x86_64", "tensorflow-cpu"),
    ],
    ids=["32-bit-arm", "musl", "musl-cpu-build"],
)
def test_uv_naming_a_cpu_or_c_library_without_any_wheel(tmp_path, capsys, version, tag, package):
    hint = (
        UV_HINT.format(version=version, tag=tag)
        .replace("You're on macOS", "You're on Linux")
        .replace("`tensorflow`", f"`{package}`")
        .replace("tensorflow==", f"{package}==")
    )
    doc = doctor(tmp_path, capsys, hint, "--no-probe")
    # (musl is the C library, the tool's one reading of it everywhere: no release to pin)
    assert top(doc) == ("glibc-too-old" if "musl" in tag else "platform-unsupported")
    assert ("musl" if "musl" in tag else "armv7l") in doc["findings"][0]["title"]
    assert "Pin a tensorflow release" not in doc["findings"][0]["fix"] or "musl" not in tag


def test_a_mac_of_unstated_chip_is_the_one_the_release_has_no_wheel_for(tmp_path, capsys):
    # 2.18.0 has Apple silicon wheels only: with Python 3.10 served there, this is an Intel Mac
    log = UV_HINT.split("\n")[0].format(version="2.18.0") + "\n"
    doc = doctor(tmp_path, capsys, log, "--no-probe", "--os", "macos", "--python", "3.10")
    assert top(doc) == "platform-unsupported" and "Intel" in doc["findings"][0]["title"]


def test_a_python_newer_than_every_wheel_is_sent_to_the_newest_releases_pythons(tmp_path, capsys):
    # pip's own words for a Python no TensorFlow wheel covers yet: 'a Python from 2.7' would
    # lead to a release built for a CUDA too old for the GPU; the newest release's range is
    # the way out
    log = (
        "ERROR: Could not find a version that satisfies the requirement tensorflow (from"
        " versions: none)\nERROR: No matching distribution found for tensorflow\n"
    )
    flags = ("--no-probe", "--os", "linux", "--python", "3.14", "--gpu", "NVIDIA RTX A6000")
    doc = doctor(tmp_path, capsys, log, *flags)
    first = doc["findings"][0]
    assert first["id"] == "python-unsupported"
    assert "from 3.10 to 3.13" in first["fix"] and "2.7" not in first["fix"]


def test_the_directml_plugin_under_a_later_tensorflow_is_the_failed_import(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """microsoft/tensorflow-directml-plugin#352 (verbatim): the plug-in, built for
    tensorflow-cpu 2.10, under 2.11; its maintainer: 'please manually install
    tensorflow-cpu==2.10' (#331). TensorFlow does not import: exit 12, and the DirectML route
    is the user's, so 'no CUDA on native Windows' is not the lead (review 64, D16)."""
    log = (
        ">>> import tensorflow as tf\n"
        "Traceback (most recent call last):\n"
        '  File "<stdin>", line 1, in <module>\n'
        '  File "C:\\Users\\user\\AppData\\Local\\Programs\\Python\\Python310\\lib\\'
        'site-packages\\tensorflow\\__init__.py", line 440, in <module>\n'
        "    _ll.load_library(_plugin_dir)\n"
        "tensorflow.python.framework.errors_impl.NotFoundError: C:\\Users\\user\\AppData\\Local"
        "\\Programs\\Python\\Python310\\lib\\site-packages\\tensorflow-plugins\\tfdml_plugin.dll"
        " not found\n"
    )
    code, doc = doctor_exit(tmp_path, capsys, log, "--no-probe", "--tf", "2.11")
    first = doc["findings"][0]
    assert (first["id"], first["severity"], code) == ("addon-tensorflow-mismatch", "error", 12)
    assert "tensorflow-cpu==2.10.0" in first["fix"]
    # the error's shorter form, as #367 quotes it under 2.12
    short = "tensorflow.python.framework.errors_impl.NotFoundError: tfdml_plugin.dll not found\n"
    assert doctor(tmp_path, capsys, short)["findings"][0]["id"] == "addon-tensorflow-mismatch"


@pytest.mark.parametrize("name", ["get_default_graph", "ConfigProto", "Session"])
def test_tf1_graph_api_under_tensorflow_2_is_the_code_not_the_gpu(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    """Standalone Keras 2.2's backend (or TF 1.x code) under TensorFlow 2.2: the attribute
    moved to tf.compat.v1 (TensorFlow's migration guide); nothing points at CUDA (review 63,
    tf1-era c17)."""
    log = (
        "Using TensorFlow backend.\nTraceback (most recent call last):\n"
        '  File "/home/dl/anaconda3/envs/frcnn/lib/python3.7/site-packages/keras/backend/'
        'tensorflow_backend.py", line 68, in get_uid\n'
        "    graph = tf.get_default_graph()\n"
        f"AttributeError: module 'tensorflow' has no attribute '{name}'\n"
    )
    first = doctor(tmp_path, capsys, log, "--no-probe", "--tf", "2.2.0")["findings"][0]
    assert (first["id"], first["severity"]) == ("dependency-version-mismatch", "error")
    assert f"tf.compat.v1.{name}" in first["fix"]


def test_a_pinned_release_pip_found_no_wheel_for_names_its_pythons(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A conda env made with Python 3.11, then 'pip install tensorflow-gpu==2.10.0' (pip's own
    refusal): 2.10.0 has wheels for 3.7 to 3.10, which the fix names instead of 'a Python
    the release supports' (review 65, first-timers)."""
    log = (
        "(tf) C:\\Users\\ada> pip install tensorflow-gpu==2.10.0\n"
        "ERROR: Could not find a version that satisfies the requirement tensorflow-gpu==2.10.0"
        " (from versions: 2.12.0)\n"
        "ERROR: No matching distribution found for tensorflow-gpu==2.10.0\n"
    )
    first = doctor(tmp_path, capsys, log, "--no-probe", "--os", "windows")["findings"][0]
    assert first["id"] == "python-unsupported"
    assert "Python 3.7 to 3.10" in first["fix"] and "python=3.10" in first["fix"]


# piwheels/packages#300 and KumaTea/tensorflow-aarch64#10: Raspberry Pi OS, 32-bit and 64-bit
# alike, has pip look in piwheels beside PyPI
PI_REFUSED = (
    "pi@raspberrypi:~ $ pip3 install tensorflow\n"
    "Looking in indexes: https://pypi.org/simple, https://www.piwheels.org/simple\n"
    "ERROR: Could not find a version that satisfies the requirement tensorflow"
    " (from versions: none)\n"
    "ERROR: No matching distribution found for tensorflow\n"
)


def test_a_raspberry_pi_finding_no_tensorflow_is_first_its_32_bit_os(tmp_path, capsys):
    """No Python is stated and PyPI has aarch64 wheels: 'from versions: none' on a Pi is most
    often the 32-bit OS, to confirm with 'uname -m', not a Python error (review 66, D04b)."""
    doc = doctor(tmp_path, capsys, PI_REFUSED, "--no-probe")
    first = doc["findings"][0]
    assert (first["id"], first["severity"]) == ("platform-unsupported", "warning")
    assert "uname -m" in first["fix"] and "64-bit Raspberry Pi OS" in first["fix"]
    assert all(f["severity"] != "error" for f in doc["findings"])
    # the machine stated decides: armv7l is the platform for certain, aarch64 leaves the Python
    armv7l = doctor(tmp_path, capsys, PI_REFUSED, "--no-probe", "--arch", "armv7l")
    assert (top(armv7l), armv7l["findings"][0]["severity"]) == ("platform-unsupported", "error")
    aarch64 = doctor(tmp_path, capsys, PI_REFUSED, "--no-probe", "--arch", "aarch64")
    assert "piwheels" not in aarch64["findings"][0]["title"]


def test_an_aarch64_wheel_pip_took_without_the_extra_is_a_cpu_build(tmp_path, capsys):
    """An AWS Graviton's pip takes 2.15.0's aarch64 wheel, which declares no [and-cuda] and
    pulls in tensorflow-cpu-aws: a CPU build, not a release from before the extra (review 66,
    D09)."""
    log = (
        'ubuntu@ip-172-31-20-7:~$ pip install "tensorflow[and-cuda]==2.15.0"\n'
        "Collecting tensorflow[and-cuda]==2.15.0\n"
        "  Downloading tensorflow-2.15.0-cp310-cp310-manylinux_2_17_aarch64.manylinux2014_aarch64"
        ".whl (2.1 kB)\n"
        "WARNING: tensorflow 2.15.0 does not provide the extra 'and-cuda'\n"
        "Collecting tensorflow-cpu-aws==2.15.0 (from tensorflow[and-cuda]==2.15.0)\n"
        "Successfully installed tensorflow-2.15.0 tensorflow-cpu-aws-2.15.0\n"
    )
    doc = doctor(tmp_path, capsys, log, "--no-probe")
    first = doc["findings"][0]
    assert (first["id"], first["severity"]) == ("cpu-only-tensorflow", "error")
    assert "NGC" in first["fix"]
    assert "cuda-libs-not-found" not in ids(doc)


def test_tensorflow_gpu_past_2_10_refused_on_windows_is_no_gpu_build_there(tmp_path, capsys):
    # tensorflow#62073 (review 71): Python 3.9, which 2.11 covers; the list ends at 2.10.1 and
    # 2.12.0's empty stand-in, because no GPU build was published for native Windows after 2.10
    log = (
        "ERROR: Could not find a version that satisfies the requirement tensorflow-gpu==2.11"
        " (from versions: 2.5.0, 2.6.0, 2.7.0, 2.8.0, 2.9.0, 2.10.0, 2.10.1, 2.12.0)\n"
        "ERROR: No matching distribution found for tensorflow-gpu==2.11\n"
    )
    doc = doctor(tmp_path, capsys, log, "--no-probe", "--os", "windows", "--python", "3.9")
    first = doc["findings"][0]
    assert (first["id"], first["severity"]) == ("windows-native-gpu-unsupported", "error")
    assert "WSL2" in first["fix"] and "2.10.1" in first["fix"]
    assert "python-unsupported" not in ids(doc)
    # on Linux the same refusal says nothing of Windows
    linux = doctor(tmp_path, capsys, log, "--no-probe", "--os", "linux", "--python", "3.9")
    assert "windows-native-gpu-unsupported" not in ids(linux)
