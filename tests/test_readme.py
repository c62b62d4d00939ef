"""The README never lies: its commands parse and run, its tables match the code."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from tfgpu_setup.cli import build_parser, main
from tfgpu_setup.errors import ExitCode
from tfgpu_setup.findings import FINDING_IDS

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
LOGS = Path(__file__).parent / "fixtures" / "logs"


def fenced_commands() -> list[str]:
    """Every tfgpu-setup command shown in a fenced block ('$ ' prompts included)."""
    commands = []
    for block in re.findall(r"```(?:sh|text)\n(.*?)```", README, flags=re.S):
        for line in block.splitlines():
            line = line.removeprefix("$ ").split("  #", 1)[0].strip()
            for part in line.split("&&"):
                part = part.strip()
                if part.startswith("tfgpu-setup"):
                    commands.append(part)
    return commands


def the_two_commands() -> list[str]:
    blocks = re.findall(r"```sh\n(.*?)```", README, flags=re.S)
    return [blocks[0].strip(), blocks[1].strip()]


def test_every_finding_id_is_documented():
    documented = set(re.findall(r"^\| `([a-z0-9-]+)` \|", README, flags=re.M))
    assert documented == set(FINDING_IDS)


def test_every_exit_code_is_documented_with_its_number():
    for code in ExitCode:
        assert re.search(rf"^\| {int(code)} \| {code.name.lower()} \|", README, flags=re.M), code


def test_the_test_command_is_what_ci_runs():
    _install, tests = the_two_commands()
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert tests.split("&&")[-1].strip() in ci


@pytest.mark.parametrize("command", fenced_commands())
def test_every_documented_command_parses(command: str):
    argv = shlex.split(command)[1:]
    argv = [a for a in argv if a != "--json"]
    build_parser().parse_args(argv)


RUNNABLE = [
    (
        "plan --no-probe --os linux --python 3.11 --driver 535.104.05 "
        "--gpu 'NVIDIA GeForce RTX 3090'",
        {ExitCode.OK},
    ),
    ("matrix show --tf 2.17", {ExitCode.OK}),
    ("matrix check", {ExitCode.OK}),
    (f"doctor --log {LOGS / 'kernel-dso-mismatch-352-361.log'}", {ExitCode.CPU_ONLY}),
]


@pytest.mark.parametrize(("command", "codes"), RUNNABLE)
def test_documented_commands_run_with_documented_exit_codes(command, codes, capsys):
    assert main(shlex.split(command)) in codes
    assert capsys.readouterr().out


@pytest.mark.hardware
def test_probe_and_plan_run_here(capsys):
    """The README's first command, minus the install: no GPU here, so plan says cpu (10)."""
    assert main(["probe"]) == ExitCode.OK
    assert main(["plan"]) in (ExitCode.OK, ExitCode.CPU_ONLY)


@pytest.mark.e2e
@pytest.mark.hardware
def test_install_command_works_in_a_fresh_virtualenv(tmp_path):
    install, _tests = the_two_commands()
    assert install.startswith("python3 -m pip install . && ")
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    bin_dir = venv / "bin"
    script = install.replace("python3", str(bin_dir / "python"), 1).replace(
        "tfgpu-setup", str(bin_dir / "tfgpu-setup")
    )
    result = subprocess.run(
        ["bash", "-c", f"cd {shlex.quote(str(ROOT))} && {script}"],
        capture_output=True,
        text=True,
        timeout=900,
    )
    # plan exits 10 (CPU only) on a machine without a GPU; probe must have printed its table.
    assert result.returncode in (0, 10), result.stderr[-2000:]
    assert "Platform" in result.stdout and "Driver" in result.stdout
