"""run_in_env and install_kernel on a real applied env."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from apply_support import (  # noqa: F401 (private_state: an autouse fixture)
    find_python,
    installer_args,
    make_plan,
    private_state,
    read_only,
    shared_wheelhouse,
)

from tfgpu_setup.apply.apply import apply_plan
from tfgpu_setup.apply.kernel import install_kernel, jupyter_data_dir, uninstall_kernel
from tfgpu_setup.apply.run import run_in_env
from tfgpu_setup.errors import ExitCode, UserError
from tfgpu_setup.plan import ActivateSpec

REPORT_ENV = (
    "import json, os, sys\n"
    "names = ['PATH', 'LD_LIBRARY_PATH', 'CUDA_VISIBLE_DEVICES', 'XLA_FLAGS', 'VIRTUAL_ENV',"
    " 'TF_FORCE_GPU_ALLOW_GROWTH', 'PYTHONHOME']\n"
    "report = {n: os.environ.get(n) for n in names}\n"
    "report['prefix'] = sys.prefix\n"
    "json.dump(report, open(sys.argv[1], 'w'))\n"
    "sys.exit(int(sys.argv[2]))\n"
)


@pytest.fixture(scope="module")
def applied(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, ActivateSpec]:
    """One env with every kind of variable the activate script sets (a path with a space)."""
    root = tmp_path_factory.mktemp("run kernel")
    venv = root / "env"
    libs = (root / "cuda libs" / "cudnn", root / "cuda libs" / "cublas")
    ptxas = root / "nvcc bin"
    spec = ActivateSpec(
        venv=str(venv),
        cuda_visible_devices="",
        ld_library_path=tuple(map(str, libs)),
        path=(str(ptxas),),
        xla_flags="--xla_gpu_cuda_data_dir=/opt/cuda 12",
        extra={"TF_FORCE_GPU_ALLOW_GROWTH": "true"},
    )
    plan = make_plan(
        venv,
        [("tfgpu-demo-alpha", "1.0"), ("ipykernel", "0.0.0.dev0")],
        python=find_python(11),
        activate=spec,
    )
    wheels = shared_wheelhouse(tmp_path_factory)
    apply_plan(plan, **installer_args(wheels))
    return venv, spec


def _run_and_report(venv: Path, tmp_path: Path, code: int) -> tuple[int, dict[str, str]]:
    out = tmp_path / "report.json"
    status = run_in_env(venv, ["python", "-c", REPORT_ENV, str(out), str(code)])
    return status, json.loads(out.read_text())


def test_run_passes_the_activate_variables_and_the_exit_code(
    applied: tuple[Path, ActivateSpec], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    venv, spec = applied
    monkeypatch.delenv("LD_LIBRARY_PATH", raising=False)
    monkeypatch.setenv("PYTHONHOME", "/somewhere/else")
    monkeypatch.setenv("PATH", "/usr/bin:/bin")
    monkeypatch.delenv("XLA_FLAGS", raising=False)

    status, seen = _run_and_report(venv, tmp_path, 7)

    assert status == 7
    assert seen["prefix"] == str(venv)  # 'python' resolved to the env's interpreter
    assert seen["VIRTUAL_ENV"] == str(venv)
    assert seen["PATH"] == f"{venv}/bin:{spec.path[0]}:/usr/bin:/bin"
    assert seen["LD_LIBRARY_PATH"] == ":".join(spec.ld_library_path)  # no empty entry
    assert seen["CUDA_VISIBLE_DEVICES"] == ""
    assert seen["XLA_FLAGS"] == "--xla_gpu_cuda_data_dir=/opt/cuda 12"
    assert seen["TF_FORCE_GPU_ALLOW_GROWTH"] == "true"
    assert seen["PYTHONHOME"] is None


def test_run_keeps_the_users_own_xla_flags_before_the_plans(
    applied: tuple[Path, ActivateSpec], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    venv, _ = applied
    monkeypatch.setenv("XLA_FLAGS", "--xla_dump_to=/tmp/mine")

    _, seen = _run_and_report(venv, tmp_path, 0)

    assert seen["XLA_FLAGS"] == "--xla_dump_to=/tmp/mine --xla_gpu_cuda_data_dir=/opt/cuda 12"


def _xla_reads(flags: str) -> dict[str, str]:
    """The flags as XLA's own parser reads XLA_FLAGS (parse_flags_from_env.cc's
    ParseArgvFromString): split at whitespace, except inside a value quoted with ' (literal)
    or " (backslash escapes the next character)."""
    read: dict[str, str] = {}
    i = 0
    while i < len(flags):
        while i < len(flags) and flags[i] in " \t\r\n":
            i += 1
        if not flags.startswith("-", i):
            break  # not a flag: XLA gives up on the rest
        name_end = i
        while name_end < len(flags) and (flags[name_end].isalnum() or flags[name_end] in "-_"):
            name_end += 1
        name, i = flags[i:name_end], name_end + 1
        if name_end >= len(flags) or flags[name_end] != "=":
            read[name] = ""
            i = name_end
            continue
        if i < len(flags) and flags[i] in "'\"":
            quote, value, i = flags[i], "", i + 1
            while i < len(flags) and flags[i] != quote:
                if quote == '"' and flags[i] == "\\" and i + 1 < len(flags):
                    i += 1
                value += flags[i]
                i += 1
            i += 1
        else:
            end = min(
                (j for j in range(i, len(flags)) if flags[j] in " \t\r\n"), default=len(flags)
            )
            value, i = flags[i:end], end
        read[name] = value
    return read


@pytest.mark.parametrize(
    "folder",
    [
        "/home/ada/tf legacy/lib/python3.10/site-packages/nvidia/cuda_nvcc",
        "C:\\Program Files\\NVIDIA GPU Computing Toolkit\\CUDA\\v11.2",
        "/home/o'brien/my env/nvidia/cuda_nvcc",
        "/opt/cuda-11.8",
    ],
)
def test_xla_reads_back_the_data_dir_the_activate_variables_give_it(folder: str) -> None:
    # a path with a space, a Windows path's backslashes, a quote: XLA would otherwise cut the
    # value at the space and look for libdevice under '/home/ada/tf'
    spec = ActivateSpec(venv="/env", xla_cuda_data_dir=folder)
    value = spec.xla_value()
    assert value is not None
    assert _xla_reads(value)["--xla_gpu_cuda_data_dir"] == folder


@pytest.mark.parametrize(
    ("before", "after_suffix"), [("", ""), ("/usr/lib/wsl/lib", ":/usr/lib/wsl/lib")]
)
def test_run_prepends_library_folders_without_empty_entries(
    applied: tuple[Path, ActivateSpec],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    before: str,
    after_suffix: str,
) -> None:
    venv, spec = applied
    monkeypatch.setenv("LD_LIBRARY_PATH", before)

    _, seen = _run_and_report(venv, tmp_path, 0)

    assert seen["LD_LIBRARY_PATH"] == ":".join(spec.ld_library_path) + after_suffix


def test_run_reports_a_signal_death_as_128_plus_the_signal(
    applied: tuple[Path, ActivateSpec],
) -> None:
    venv, _ = applied
    kill_self = "import os, signal; os.kill(os.getpid(), signal.SIGTERM)"
    assert run_in_env(venv, ["python", "-c", kill_self]) == 128 + 15


def test_run_refuses_an_env_tfgpu_setup_did_not_apply(tmp_path: Path) -> None:
    with pytest.raises(UserError) as caught:
        run_in_env(tmp_path / "nowhere", ["python", "-V"])
    assert caught.value.code == ExitCode.NO_TARGET_ENV


def test_run_names_a_missing_command(applied: tuple[Path, ActivateSpec]) -> None:
    venv, _ = applied
    with pytest.raises(UserError) as caught:
        run_in_env(venv, ["no-such-command-tfgpu"])
    assert "no-such-command-tfgpu" in caught.value.message


def test_kernel_json_runs_the_env_python_with_the_activate_variables_expanded(
    applied: tuple[Path, ActivateSpec], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    venv, spec = applied
    monkeypatch.setenv("PATH", "/usr/local/bin:/usr/bin")
    monkeypatch.setenv("LD_LIBRARY_PATH", "/opt/extra")

    kernel = install_kernel(venv, "tf-gpu", user_dir=tmp_path / "jupyter")

    assert kernel.path == tmp_path / "jupyter" / "kernels" / "tf-gpu"
    written = json.loads((kernel.path / "kernel.json").read_text())
    assert written == kernel.spec
    assert written["argv"] == [
        f"{venv}/bin/python",
        "-m",
        "ipykernel_launcher",
        "-f",
        "{connection_file}",
    ]
    assert written["language"] == "python"
    assert "TensorFlow 2.21.0" in written["display_name"]
    # The caller's PATH and LD_LIBRARY_PATH are not frozen into the file: Jupyter puts its
    # own PATH where ${PATH} stands when it starts the kernel.
    assert written["env"] == {
        "VIRTUAL_ENV": str(venv),
        "PATH": f"{venv}/bin:{spec.path[0]}:${{PATH}}",
        "LD_LIBRARY_PATH": ":".join(spec.ld_library_path),
        "CUDA_VISIBLE_DEVICES": "",
        "XLA_FLAGS": "--xla_gpu_cuda_data_dir=/opt/cuda 12",
        "TF_FORCE_GPU_ALLOW_GROWTH": "true",
    }
    assert "/usr/local/bin" not in json.dumps(written) and "/opt/extra" not in json.dumps(written)


def test_kernel_install_refuses_an_env_without_ipykernel_and_writes_nothing(
    tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    venv = tmp_path / "env"
    plan = make_plan(venv, [("tfgpu-demo-alpha", "1.0")], python=find_python(11))
    apply_plan(plan, **installer_args(shared_wheelhouse(tmp_path_factory)))

    with pytest.raises(UserError) as caught:
        install_kernel(venv, "k", user_dir=tmp_path / "jupyter")

    assert caught.value.code == ExitCode.NO_TARGET_ENV
    assert "ipykernel is not installed" in caught.value.message
    assert "pip install ipykernel" in caught.value.message
    assert not (tmp_path / "jupyter").exists()


def test_kernel_uninstall_removes_what_install_wrote_and_nothing_else(
    applied: tuple[Path, ActivateSpec], tmp_path: Path
) -> None:
    venv, _ = applied
    data = tmp_path / "jupyter"
    kernel = install_kernel(venv, "mine", user_dir=data)
    foreign = data / "kernels" / "python3"
    foreign.mkdir()
    (foreign / "kernel.json").write_text('{"argv": ["python"], "display_name": "x"}')

    assert uninstall_kernel(venv, "mine", user_dir=data) == kernel.path
    assert not kernel.path.exists()
    with pytest.raises(UserError) as caught:
        uninstall_kernel(venv, "python3", user_dir=data)
    assert caught.value.code == ExitCode.INPUT and "jupyter kernelspec" in caught.value.message
    assert (foreign / "kernel.json").is_file()
    with pytest.raises(UserError) as missing:
        uninstall_kernel(venv, "mine", user_dir=data)
    assert missing.value.code == ExitCode.INPUT and "no kernel named" in missing.value.message


@pytest.mark.parametrize("name", ["..", ".", ".hidden", "a/b", "../../x"])
def test_kernel_names_that_leave_the_kernels_folder_are_refused(
    applied: tuple[Path, ActivateSpec], tmp_path: Path, name: str
) -> None:
    venv, _ = applied
    data = tmp_path / "jupyter"
    with pytest.raises(UserError) as caught:
        install_kernel(venv, name, user_dir=data)
    assert caught.value.code == ExitCode.USAGE
    assert not data.exists()


def test_kernel_install_does_not_write_through_planted_links(
    applied: tuple[Path, ActivateSpec], tmp_path: Path
) -> None:
    venv, _ = applied
    data = tmp_path / "jupyter"
    victim_dir = tmp_path / "victim-dir"
    victim_dir.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    (data / "kernels" / "real").mkdir(parents=True)
    (data / "kernels" / "linked").symlink_to(victim_dir)
    for leftover in ("kernel.json.tmp", "kernel.json"):
        (data / "kernels" / "real" / leftover).symlink_to(victim)

    with pytest.raises(UserError) as caught:
        install_kernel(venv, "linked", user_dir=data)
    assert caught.value.code == ExitCode.APPLY_FAILED and "not a folder of yours" in str(
        caught.value
    )
    install_kernel(venv, "real", user_dir=data)

    assert victim.read_text() == "precious" and list(victim_dir.iterdir()) == []
    written = data / "kernels" / "real" / "kernel.json"
    assert not written.is_symlink() and json.loads(written.read_text())["language"] == "python"


def test_kernel_install_into_a_read_only_folder_is_one_line_exit_21(
    applied: tuple[Path, ActivateSpec], tmp_path: Path
) -> None:
    venv, _ = applied
    data = tmp_path / "jupyter"
    data.mkdir()
    with read_only(data), pytest.raises(UserError) as caught:
        install_kernel(venv, "k", user_dir=data)
    assert caught.value.code == ExitCode.APPLY_FAILED
    assert "\n" not in caught.value.message and str(data) in caught.value.message
    assert not (data / "kernels").exists()


def test_kernel_goes_to_jupyter_data_dir_by_default(
    applied: tuple[Path, ActivateSpec], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    venv, _ = applied
    monkeypatch.setenv("JUPYTER_DATA_DIR", str(tmp_path / "data"))

    kernel = install_kernel(venv, None)

    assert kernel.name == "tfgpu-env"
    assert (tmp_path / "data" / "kernels" / "tfgpu-env" / "kernel.json").is_file()


def test_jupyter_data_dir_follows_xdg_on_linux(tmp_path: Path) -> None:
    if os.name == "nt" or os.uname().sysname == "Darwin":
        pytest.skip("Linux layout")
    assert jupyter_data_dir({"HOME": "/home/u"}) == Path("/home/u/.local/share/jupyter")
    assert jupyter_data_dir({"HOME": "/home/u", "XDG_DATA_HOME": "/x"}) == Path("/x/jupyter")
    assert jupyter_data_dir({"HOME": "/home/u", "JUPYTER_DATA_DIR": "/j"}) == Path("/j")


def test_kernel_name_must_be_one_jupyter_accepts(
    applied: tuple[Path, ActivateSpec], tmp_path: Path
) -> None:
    venv, _ = applied
    with pytest.raises(UserError) as caught:
        install_kernel(venv, "tf gpu/1", user_dir=tmp_path)
    assert caught.value.code == ExitCode.USAGE
    assert not (tmp_path / "kernels").exists()
