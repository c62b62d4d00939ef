"""The command line as the README promises it: flags, exit codes, help, and output that survives
a pipe. Commands run in-process through cli.main (capsys is not a terminal, like a pipe); what
needs a real pipe runs the installed entry point."""

from __future__ import annotations

import argparse
import io
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tfgpu_setup import textout
from tfgpu_setup.cli import build_parser, main
from tfgpu_setup.commands import probe_cmd
from tfgpu_setup.facts import Driver, Facts, Platform
from tfgpu_setup.matrix.load import load_matrix
from tfgpu_setup.results import ProbeResult

NO_PROBE = ["--no-probe", "--os", "linux", "--python", "3.11", "--driver", "535.104.05"]
LONG_VENV = "/srv/builds/team-with-a-long-name/project-with-an-even-longer-name/envs/.venv-tf"


@pytest.fixture(autouse=True)
def _plain_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for var in ("TFGPU_OVERRIDE_DRIVER", "TFGPU_OVERRIDE_GPU", "CONDA_OVERRIDE_CUDA", "COLUMNS"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("TFGPU_MATRIX_DIR", str(tmp_path / "no-refreshed-matrix"))


def one_line_error(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("error: ") and "Traceback" not in err
    return lines[0]


# ---------------------------------------------------------------------------------------------
# Output through a pipe: never hard-wrapped, no trailing spaces, no colour


def test_piped_plan_keeps_urls_paths_and_library_paths_on_one_line(capsys) -> None:
    argv = ["plan", *NO_PROBE, "--gpu", "NVIDIA GeForce RTX 3090", "--venv", LONG_VENV]
    assert main([*argv, "--json"]) == 0
    document: dict[str, Any] = json.loads(capsys.readouterr().out)
    assert main(argv) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert all(line == line.rstrip() for line in lines), "trailing spaces"
    assert "\x1b[" not in out
    library_path = document["environment"]["LD_LIBRARY_PATH"]
    assert len(library_path) > 80
    assert any(library_path in line for line in lines)
    sources = [d["source"] for d in document["decisions"] if d["source"].startswith("https://")]
    assert sources
    for url in sources:
        assert any(url in line for line in lines), url


def test_piped_matrix_show_is_one_line_per_release(capsys) -> None:
    assert main(["matrix", "show"]) == 0
    lines = capsys.readouterr().out.splitlines()
    releases = len(load_matrix(None).tensorflow.releases)
    assert releases < len(lines) <= releases + 6  # title, borders and the header
    assert all(line == line.rstrip() for line in lines)


def test_columns_bounds_the_table_width(capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    assert main(["matrix", "show", "--tf", ">=2.18"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert max(len(line) for line in lines) <= 100


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _colour_on_a_terminal(monkeypatch: pytest.MonkeyPatch, no_color: str | None) -> str:
    monkeypatch.setenv("TERM", "xterm-256color")
    for var in ("FORCE_COLOR", "TTY_COMPATIBLE", "NO_COLOR"):
        monkeypatch.delenv(var, raising=False)
    if no_color is not None:
        monkeypatch.setenv("NO_COLOR", no_color)
    return textout.render(lambda c: c.print("[red]error[/red] text"), FakeTerminal())


def test_no_color_is_honoured_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    assert "\x1b[" in _colour_on_a_terminal(monkeypatch, None)
    assert "\x1b[" not in _colour_on_a_terminal(monkeypatch, "1")


def test_a_lone_surrogate_is_printed_escaped(capsys) -> None:
    # A non-UTF-8 byte on the command line reaches Python as a lone surrogate.
    venv = "/tmp/caf\udce9/.venv-tf"
    code = main(["plan", *NO_PROBE, "--venv", venv])
    out, err = capsys.readouterr()
    assert code in (0, 10), err
    assert "/tmp/caf\\udce9/.venv-tf" in out


def test_broken_pipe_exits_0_quietly() -> None:
    # matrix show prints more than a pipe buffer holds, so 'head -1' closes the pipe mid-write.
    script = (
        f"{sys.executable!r} -m tfgpu_setup matrix show | head -1 >/dev/null; "
        'echo "status=${PIPESTATUS[0]}"'
    )
    env = {"PATH": "/usr/bin:/bin", "COLUMNS": "40", "TFGPU_MATRIX_DIR": "/nonexistent"}
    result = subprocess.run(
        ["bash", "-c", script], capture_output=True, text=True, timeout=120, env=env
    )
    assert "status=0" in result.stdout, result
    assert result.stderr == ""


# ---------------------------------------------------------------------------------------------
# Flags: malformed values are usage errors (2) naming the flag


@pytest.mark.parametrize(
    ("flag", "value"),
    [
        ("--driver", "535.x"),
        ("--driver", "５３５.104.05"),
        ("--python", "abc"),
        ("--python", "3"),
        ("--tf", "garbage"),
        ("--tf", "2" * 5000),
        ("--gpus", "²"),
        ("--gpus", "0,,1"),
        ("--glibc", "2"),
        ("--cuda-driver", "12..2"),
        ("--cuda-toolkit", "twelve"),
        ("--cudnn", "8.x"),
        ("--env", "=1"),
        ("--env", "NO_EQUALS"),
    ],
)
def test_malformed_flag_values_are_usage_errors(capsys, flag: str, value: str) -> None:
    code = main(["plan", "--no-probe", flag, value])
    _, err = capsys.readouterr()
    assert code == 2
    assert f"argument {flag}" in one_line_error(err)


@pytest.mark.parametrize(
    ("flag", "printed", "value"),
    [
        ("--python", "Python 3.8.10", "3.8.10"),  # python --version
        ("--python", "Python 3.6.9 :: Anaconda, Inc.", "3.6.9"),  # conda's python --version
        ("--python", "Python 3.7.6 (default, Jan  8 2020, 19:59:22)", "3.7.6"),  # its banner
        ("--driver", "Driver Version: 535.104.05", "535.104.05"),  # nvidia-smi's header
        ("--driver", "NVIDIA-SMI 470.82.01", "470.82.01"),
        ("--driver", "R535", "535"),  # a branch, as NVIDIA names it
        ("--cuda-toolkit", "Cuda compilation tools, release 11.2, V11.2.152", "11.2"),  # nvcc
        ("--cuda-toolkit", "V11.2.152", "11.2.152"),
        ("--cuda-toolkit", "cuda_11.2.r11.2/compiler.29618528_0", "11.2"),  # nvcc's build line
        ("--cuda-driver", "CUDA Version: 12.2", "12.2"),  # nvidia-smi's header
        ("--cudnn", "v8.1.1.33", "8.1.1.33"),
        ("--cudnn", "cudnn-11.2-windows-x64-v8.1.0.77.zip", "8.1.0.77"),  # NVIDIA's archive
        ("--tf", "v2.4.0-rc4-71-g582c8d236cb 2.4.0", "2.4.0"),  # tf_env.sh's version line
        ("--tf", "tensorflow-gpu 2.3.0", "2.3.0"),  # pip list
        ("--tf", "tensorflow==2.15.0", "2.15.0"),
        # as its wheel's name begins (review 68, TF 2.x era H3: tensorflow#97387)
        ("--tf", "tf-nightly-2.21.0.dev20250722", "2.21.0.dev20250722"),
        ("--tf", "tensorflow-gpu-2.3.0", "2.3.0"),
        ("--os", "Ubuntu 22.04", "linux"),
        # Ubuntu's flavours and other distributions (review 69, Linux installs L14)
        ("--os", "Kubuntu 22.04", "linux"),
        ("--os", "Xubuntu 20.04", "linux"),
        ("--os", "EndeavourOS", "linux"),
        ("--os", "ClearLinux", "linux"),
        ("--os", "elementary OS 7", "linux"),
        ("--os", "NixOS 23.11", "linux"),
        ("--os", "Windows 11", "windows"),
        ("--os", "WSL2 (Ubuntu 22.04)", "wsl2"),
        ("--os", "Windows Subsystem for Linux 2", "wsl2"),
        ("--os", "macOS 14.2 (Darwin)", "macos"),
        ("--os", "MacBook Pro M1", "macos"),
        ("--os", "win10", "windows"),
        # names inside other words are not names (a survey's 'CPU-only machine' was read as a Mac)
        ("--os", "windows (CPU-only machine)", "windows"),
        ("--os", "Arch Linux on a research cluster", "linux"),
    ],
)
def test_a_version_pasted_as_its_tool_prints_it_is_read(
    flag: str, printed: str, value: str
) -> None:
    parsed = vars(build_parser().parse_args(["plan", "--no-probe", flag, printed]))
    dest = {"--python": "pythons", "--os": "os"}.get(flag, flag[2:].replace("-", "_"))
    assert parsed[dest] in (value, [value])


def test_nvidia_smis_cuda_version_is_not_taken_for_a_toolkit(capsys) -> None:
    code = main(["plan", "--no-probe", "--cuda-toolkit", "CUDA Version: 12.2"])
    _, err = capsys.readouterr()
    assert code == 2
    line = one_line_error(err)
    assert "argument --cuda-toolkit" in line and "--cuda-driver" in line


@pytest.mark.parametrize("value", ["12.2", "CUDA Version: 12.2"])
@pytest.mark.parametrize("command", ["plan", "doctor"])
def test_nvidia_smis_cuda_version_is_not_taken_for_a_driver(capsys, command, value) -> None:
    # no NVIDIA driver is numbered below 100: '--driver 12.2' read as one was 'too old'
    code = main([command, "--no-probe", "--driver", value])
    _, err = capsys.readouterr()
    assert code == 2
    line = one_line_error(err)
    assert "argument --driver" in line and "--cuda-driver 12.2" in line


@pytest.mark.parametrize("tf", ["2.99", "9.9", "1.99"])
def test_doctor_refuses_a_release_that_does_not_exist_as_plan_does(capsys, tmp_path, tf) -> None:
    log = tmp_path / "run.log"
    log.write_text("Could not load dynamic library 'libcudnn.so.8'\n", encoding="utf-8")
    code = main(["doctor", "--log", str(log), "--no-probe", "--tf", tf])
    _, err = capsys.readouterr()
    assert code == 3
    assert "--tf" in one_line_error(err) and "matches no TensorFlow release" in err


@pytest.mark.parametrize("tf", ["1.15", "0.12.1", "2.0.0-beta1", "2.22.0.dev20251201", "2.5"])
def test_doctor_takes_releases_before_the_matrix_pre_releases_and_series(
    capsys, tmp_path, tf
) -> None:
    log = tmp_path / "run.log"
    log.write_text("Could not load dynamic library 'libcudnn.so.8'\n", encoding="utf-8")
    assert main(["doctor", "--log", str(log), "--no-probe", "--tf", tf]) == 10
    assert capsys.readouterr().err == ""


def test_doctor_asks_to_check_a_gpu_name_it_does_not_know(capsys, tmp_path) -> None:
    log = tmp_path / "run.log"
    log.write_text("Could not load dynamic library 'libcudnn.so.8'\n", encoding="utf-8")
    main(["doctor", "--log", str(log), "--no-probe", "--gpu", "NVIDIA GeForce RTX 3600", "--json"])
    doc = json.loads(capsys.readouterr().out)
    assert any("'NVIDIA GeForce RTX 3600' is no GPU name" in step for step in doc["next_steps"])


@pytest.mark.parametrize("command", ["plan", "doctor"])
def test_a_gpu_and_none_together_are_a_usage_error(capsys, command) -> None:
    code = main([command, "--no-probe", "--gpu", "NVIDIA GeForce RTX 3060", "--gpu", "none"])
    _, err = capsys.readouterr()
    assert code == 2 and "'none' alone" in one_line_error(err)


def test_matrix_show_with_no_matching_release_is_an_input_error(capsys) -> None:
    code = main(["matrix", "show", "--tf", "3.0"])
    _, err = capsys.readouterr()
    assert code == 3
    assert "3.0" in one_line_error(err) and "2.21.0" in err
    assert main(["matrix", "show", "--tf", "not a spec"]) == 2


def test_doctor_report_into_a_missing_folder_is_one_line_exit_3(tmp_path: Path, capsys) -> None:
    log = tmp_path / "run.log"
    log.write_text("failed call to cuInit: CUDA_ERROR_NO_DEVICE\n")
    report = "/nonexistent/r.md"
    code = main(["doctor", "--log", str(log), "--report", report])
    _, err = capsys.readouterr()
    assert code == 3
    line = one_line_error(err)
    assert report in line and "does not exist" in line


def test_run_json_is_refused_clearly(capsys) -> None:
    code = main(["run", "--json", "--", "true"])
    out, _ = capsys.readouterr()
    assert code == 2
    document = json.loads(out)
    assert document["schema"] == "tfgpu-setup/error"
    assert "run --json" in document["error"]


def test_version(capsys) -> None:
    assert main(["--version"]) == 0
    assert re.fullmatch(r"tfgpu-setup \d+\.\d+\S*\n", capsys.readouterr().out)


@pytest.mark.parametrize("where", ["before", "after"])
def test_global_options_go_before_or_after_the_command(capsys, where: str) -> None:
    command = ["plan", *NO_PROBE]
    argv = ["--json", "--traceback", *command] if where == "before" else [*command, "--json"]
    assert main(argv) in (0, 10)
    assert json.loads(capsys.readouterr().out)["schema"] == "tfgpu-setup/plan"


def _parsers(parser: argparse.ArgumentParser, name: str) -> list[tuple[str, Any]]:
    found = [(name, parser)]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub_name, sub in action.choices.items():
                found += _parsers(sub, f"{name} {sub_name}")
    return found


DEPRECATED = {("tfgpu-setup probe", "--env")}


def test_every_command_has_a_description_and_every_option_a_help_text() -> None:
    for name, parser in _parsers(build_parser(), "tfgpu-setup"):
        assert parser.description, name
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction) or not action.option_strings:
                continue
            if (name, action.option_strings[-1]) in DEPRECATED:
                assert action.help == argparse.SUPPRESS
                continue
            assert action.help and action.help != argparse.SUPPRESS, (name, action.option_strings)


def test_traceback_is_documented_in_the_top_level_help(capsys) -> None:
    assert main(["--help"]) == 0
    assert "--traceback" in capsys.readouterr().out


def test_probe_names_its_path_target_env_and_keeps_env_with_a_warning(
    capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    # plan --env NAME=VALUE is a variable; probe's folder has a name of its own.
    seen: list[str | None] = []

    def recorded(target_env: str | None) -> ProbeResult:
        seen.append(target_env)
        return ProbeResult(Facts(Platform("linux", "x86_64"), Driver(None, None, "test")))

    monkeypatch.setattr(probe_cmd, "run", recorded)
    assert main(["probe", "--target-env", "/srv/env"]) == 0
    assert capsys.readouterr().err == ""
    assert main(["probe", "--env", "/srv/old"]) == 0
    assert "probe --target-env" in capsys.readouterr().err
    assert seen == ["/srv/env", "/srv/old"]
    assert build_parser().parse_args(["plan", "--env", "A=1"]).env_pairs == ["A=1"]


# ---------------------------------------------------------------------------------------------
# matrix check: text for people


def test_matrix_check_prints_sentences_not_dicts(capsys) -> None:
    assert main(["matrix", "check"]) == 0
    out = capsys.readouterr().out
    assert "{'" not in out and "':" not in out
    assert "newest TensorFlow release: 2.21.0" in out
    assert re.search(r"holds: \d+ releases, \d+ defects", out)


def test_matrix_check_suggests_a_refresh_when_the_matrix_is_old(
    capsys, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tfgpu_setup.matrix.load import shipped_dir

    folder = tmp_path / "old"
    folder.mkdir()
    data = json.loads((shipped_dir() / "gpus.json").read_text())
    data["refreshed"] = "2020-01-01"
    (folder / "gpus.json").write_text(json.dumps(data))
    monkeypatch.setenv("TFGPU_MATRIX_DIR", str(folder))
    assert main(["matrix", "check"]) == 0
    out = capsys.readouterr().out
    assert "tfgpu-setup matrix refresh" in " ".join(out.split())
    assert main(["matrix", "check", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["stale"] is True
