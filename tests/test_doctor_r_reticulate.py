"""R's tensorflow package finding no TensorFlow: a base Python alone searched means R missed the
environment install_tensorflow() made; an environment searched means TensorFlow is not there.
Logs are the reporters' own lines (each test names its thread) or R's own wording."""

from __future__ import annotations

from test_doctor_evidence import doctor, ids, top

# rstudio/tensorflow#349: R searched only the base Anaconda Python; the environment the
# install guide had made held TensorFlow (a reticulate fix made R find it)
SEARCHED_BASE_ONLY = (
    "Error: Installation of TensorFlow not found.\n"
    "Python environments searched for 'tensorflow' package:\n"
    " C:\\Users\\Glender\\Anaconda3\\python.exe\n"
    "You can install TensorFlow using the install_tensorflow() function.\n"
)
# rstudio/keras3#858: R bound to base Anaconda's Python 2.7 (use_condaenv('r-reticulate') fixed it)
BOUND_TO_BASE = (
    "Error: Python module tensorflow.python.keras was not found. Detected Python configuration:"
    " python: C:\\Anaconda\\python.exe libpython: C:/Anaconda/python27.dll pythonhome:"
    " C:\\Anaconda version: 2.7.16 |Anaconda, Inc.| (default, Mar 14 2019, 15:42:17) [MSC"
    " v.1500 64 bit (AMD64)] Architecture: 64bit numpy: C:\\Anaconda\\lib\\site-packages\\numpy"
    " numpy_version: 1.16.3 tensorflow: [NOT FOUND]\n"
)


def test_r_looking_only_in_a_base_python_missed_the_environment(tmp_path, capsys):
    for log in (SEARCHED_BASE_ONLY, BOUND_TO_BASE):
        doc = doctor(tmp_path, capsys, log, "--no-probe")
        first = doc["findings"][0]
        assert (first["id"], first["severity"]) == ("wrong-python-environment", "error")
        assert any("Anaconda" in e for e in first["evidence"])
        assert "use_virtualenv" in first["fix"] and "install_tensorflow()" in first["fix"]


def test_r_looking_in_an_environment_that_lacks_tensorflow_is_not_installed(tmp_path, capsys):
    searched_env = SEARCHED_BASE_ONLY.replace(
        " C:\\Users\\Glender\\Anaconda3\\python.exe\n",
        " /home/me/.virtualenvs/r-tensorflow/bin/python\n /usr/bin/python3\n",
    )
    py_config = (
        "> reticulate::py_config()\n"
        "python:         /home/me/miniconda3/envs/r-reticulate/bin/python\n"
        "libpython:      /home/me/miniconda3/envs/r-reticulate/lib/libpython3.9.so\n"
        "numpy:          /home/me/miniconda3/envs/r-reticulate/lib/python3.9/site-packages/numpy\n"
        "tensorflow:     [NOT FOUND]\n"
    )
    for log in (searched_env, py_config):
        doc = doctor(tmp_path, capsys, log, "--no-probe")
        assert top(doc) == "tensorflow-not-installed", log
        assert "wrong-python-environment" not in ids(doc)
        assert "install_tensorflow()" in doc["findings"][0]["fix"]
    # py_config of the system Python, where TensorFlow was never installed by R
    system = py_config.replace("/home/me/miniconda3/envs/r-reticulate", "/usr")
    assert top(doctor(tmp_path, capsys, system, "--no-probe")) == "wrong-python-environment"


def test_the_exception_todays_package_prints_is_read_for_absence(tmp_path, capsys):
    # the tensorflow package now always adds the import's exception: 'No module named
    # 'tensorflow'' is absence, and a base Python alone searched still missed the environment
    modern = SEARCHED_BASE_ONLY.replace(
        "You can install",
        "Python exception encountered:\n Traceback (most recent call last):\n"
        "ModuleNotFoundError: No module named 'tensorflow'\n\nYou can install",
    )
    assert top(doctor(tmp_path, capsys, modern, "--no-probe")) == "wrong-python-environment"


def test_more_base_pythons_are_known_as_base(tmp_path, capsys):
    for python in (
        "C:\\Program Files\\Python310\\python.exe",
        "/home/me/.pyenv/versions/3.10.13/bin/python3",
        "/Users/me/miniforge3/bin/python",
        "/opt/homebrew/opt/python@3.11/bin/python3.11",
    ):
        log = SEARCHED_BASE_ONLY.replace("C:\\Users\\Glender\\Anaconda3\\python.exe", python)
        assert top(doctor(tmp_path, capsys, log, "--no-probe")) == "wrong-python-environment", (
            python
        )
    # on a Mac, macOS having no CUDA is not what stops a TensorFlow R cannot find
    mac = SEARCHED_BASE_ONLY.replace(
        "C:\\Users\\Glender\\Anaconda3\\python.exe", "/Users/me/miniforge3/bin/python"
    )
    doc = doctor(tmp_path, capsys, mac, "--no-probe", "--os", "macos")
    assert top(doc) == "wrong-python-environment"


def test_r_finding_tensorflow_later_leaves_the_later_failure_first(tmp_path, capsys):
    later = SEARCHED_BASE_ONLY.replace(
        "C:\\Users\\Glender\\Anaconda3\\python.exe", "/usr/bin/python3"
    ) + (
        "> install_tensorflow()\nInstallation complete.\n"
        "2023-05-02 10:14:11.402119: W tensorflow/stream_executor/platform/default/"
        "dso_loader.cc:64] Could not load dynamic library 'libcudnn.so.8'; dlerror: libcudnn.so.8:"
        " cannot open shared object file: No such file or directory\n"
    )
    doc = doctor(tmp_path, capsys, later, "--no-probe", "--os", "linux")
    assert top(doc) == "cudnn-not-found"
    assert "wrong-python-environment" not in ids(doc)


def test_a_tensorflow_r_found_whose_import_raised_is_not_missing(tmp_path, capsys):
    # rstudio/tensorflow#584: reticulate found the environment's TensorFlow; its import raised
    raised = (
        "Error: Valid installation of TensorFlow not found.\n\n"
        "Python environments searched for 'tensorflow' package:\n"
        " C:\\Users\\jaca\\Documents\\.virtualenvs\\r-reticulate\\Scripts\\python.exe\n\n"
        "Python exception encountered:\n"
        " Traceback (most recent call last):\n"
        "ImportError: DLL load failed while importing _pywrap_tensorflow_internal: The specified"
        " module could not be found.\n"
    )
    doc = doctor(tmp_path, capsys, raised, "--no-probe")
    assert not {"tensorflow-not-installed", "wrong-python-environment"} & ids(doc)
    # keras saying its module was not found while py_config names TensorFlow's folder
    present = BOUND_TO_BASE.replace(
        "tensorflow: [NOT FOUND]", "tensorflow: C:\\Anaconda\\lib\\site-packages\\tensorflow"
    )
    doc = doctor(tmp_path, capsys, present, "--no-probe")
    assert not {"tensorflow-not-installed", "wrong-python-environment"} & ids(doc)


def test_py_config_finding_tensorflow_in_another_python_is_the_wrong_one(tmp_path, capsys):
    # R searched the system Pythons; py_discover_config() finds TensorFlow in a conda env
    other = SEARCHED_BASE_ONLY.replace(
        " C:\\Users\\Glender\\Anaconda3\\python.exe\n", " /usr/bin/python3.6\n"
    ) + (
        "> reticulate::py_discover_config('tensorflow')\n"
        "python:         /home/alice/anaconda3/envs/tf/bin/python\n"
        "tensorflow:     /home/alice/anaconda3/envs/tf/lib/python3.6/site-packages/tensorflow\n"
    )
    doc = doctor(tmp_path, capsys, other, "--no-probe", "--os", "linux")
    first = doc["findings"][0]
    assert first["id"] == "wrong-python-environment"
    assert any("envs/tf" in e for e in first["evidence"])
    # the same folder under the Python R looked in: there, its import failed
    same = other.replace("/usr/bin/python3.6", "/home/alice/anaconda3/envs/tf/bin/python")
    doc = doctor(tmp_path, capsys, same, "--no-probe", "--os", "linux")
    assert not {"wrong-python-environment", "tensorflow-not-installed"} & ids(doc)


def test_r_markdowns_output_prefix_and_later_sessions_are_read(tmp_path, capsys):
    knitted = "".join("## " + line + "\n" for line in SEARCHED_BASE_ONLY.splitlines())
    assert top(doctor(tmp_path, capsys, knitted, "--no-probe")) == "wrong-python-environment"
    # after install_tensorflow() and a restart, the package says it loaded TensorFlow, or
    # TensorFlow 2.16+ writes its early records: R's earlier word no longer holds
    for later in (
        "Loaded Tensorflow version 2.15.0\nlist()\n",
        "W0000 00:00:1712345678.123456   12345 gpu_device.cc:2344] Cannot dlopen some GPU"
        " libraries.\n",
    ):
        doc = doctor(tmp_path, capsys, SEARCHED_BASE_ONLY + later, "--no-probe", "--os", "linux")
        assert "wrong-python-environment" not in ids(doc), later
