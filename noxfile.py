"""Sessions: tests (default), lint, typecheck, e2e, matrix-online, validate, bench, fuzz."""

from __future__ import annotations

import glob
import os
import shutil
import subprocess

import nox

nox.options.sessions = ["tests"]
nox.options.default_venv_backend = "uv|virtualenv"
SUPPORTED = ("3.10", "3.11", "3.12", "3.13")


def _working_interpreter(version: str) -> str | None:
    """python3.X on PATH, or a pyenv install, that really starts (pyenv shims may not)."""
    candidates = [shutil.which(f"python{version}")]
    root = os.environ.get("PYENV_ROOT", os.path.expanduser("~/.pyenv"))
    candidates += sorted(
        glob.glob(f"{root}/versions/{version}.*/bin/python{version}"), reverse=True
    )
    for candidate in candidates:
        if (
            candidate
            and subprocess.run(
                [candidate, "-c", "pass"], capture_output=True, timeout=30
            ).returncode
            == 0
        ):
            return candidate
    return None


def _supported_pythons() -> list[str] | None:
    """The supported versions found here; their folders go first on PATH for nox to find."""
    found = {v: p for v in SUPPORTED if (p := _working_interpreter(v))}
    folders = dict.fromkeys(os.path.dirname(p) for p in found.values())
    os.environ["PATH"] = os.pathsep.join([*folders, os.environ.get("PATH", "")])
    return list(found) or None


PYTHONS = _supported_pythons()


HANG_GUARD = (
    "tests/test_log_reading.py::test_every_reading_of_a_log_runs_in_linear_time_on_long_lines"
)
"""Minutes of regular expressions on long lines, whose backtracking is the same on every
Python: it runs on the newest one found."""


@nox.session(python=PYTHONS)
def tests(session: nox.Session) -> None:
    """Unit and integration tests (no TensorFlow install), on every supported Python found."""
    session.install("-e", ".[test]")
    once = [] if not PYTHONS or session.python == PYTHONS[-1] else ["--deselect", HANG_GUARD]
    session.run("pytest", "-m", "not e2e and not online", *once, *session.posargs)


@nox.session
def e2e(session: nox.Session) -> None:
    """Real TensorFlow from PyPI in real virtualenvs: apply, activate, verify, doctor."""
    session.install("-e", ".[test]")
    session.run("pytest", "-m", "e2e and not fleet", *session.posargs)


@nox.session
def fuzz(session: nox.Session) -> None:
    """Thousands of seeded fuzz cases (facts, plans, matrices, logs, flags, printed strings):
    no internal error, no hang. 'nox -s fuzz -- 20000 7' runs 20,000 cases with seed 7."""
    session.install("-e", ".[test]")
    cases, seed = ([*session.posargs, "5000", "20261130"])[:2]
    session.run(
        "pytest",
        "-p",
        "no:cacheprovider",
        "-q",
        "-s",  # the tally line, and a hang's traceback, reach the terminal
        "tests/test_fuzz.py",
        env={"TFGPU_FUZZ_CASES": cases, "TFGPU_FUZZ_SEED": seed},
    )


@nox.session
def lint(session: nox.Session) -> None:
    session.install("ruff")
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")


@nox.session
def typecheck(session: nox.Session) -> None:
    session.install("-e", ".", "mypy", "types-requests")
    session.run("mypy")


@nox.session
def fleet(session: nox.Session) -> None:
    """The Ansible collection end to end: local hosts probe, plan, apply, verify, report."""
    session.install("-e", ".[test]", "ansible-core", "pip")
    session.run("pytest", "-m", "fleet", *session.posargs)


@nox.session(name="matrix-online")
def matrix_online(session: nox.Session) -> None:
    """Refresh the matrix from the real sources and compare with the shipped one."""
    session.install("-e", ".[test]")
    session.run("pytest", "-m", "online", *session.posargs)


def _split_validate_args(posargs: list[str]) -> tuple[str | None, list[str], list[str]]:
    """(--plan FILE, the --tf releases, every other flag for 'tfgpu-setup plan')."""
    plan_file, releases, rest = None, [], []
    args = iter(posargs)
    for arg in args:
        if arg == "--plan":
            plan_file = next(args)
        elif arg == "--tf":
            releases.append(next(args))
        else:
            rest.append(arg)
    return plan_file, releases, rest


@nox.session
def validate(session: nox.Session) -> None:
    """Validate a fix before rolling it out: apply into a scratch dir, source, verify, clean up.

    nox -s validate -- --plan plan.json
    nox -s validate -- --tf 2.17 --tf 2.21 [what-if flags for 'tfgpu-setup plan']
    """
    import json
    import shlex
    import tempfile

    session.install("-e", ".")
    plan_file, releases, rest = _split_validate_args(list(session.posargs))
    verdicts = []
    for release in releases or [None]:
        with tempfile.TemporaryDirectory(prefix="tfgpu-validate-") as scratch:
            venv = os.path.join(scratch, "env")
            plan_path = os.path.join(scratch, "plan.json")
            if plan_file:
                with open(plan_file, encoding="utf-8") as fh:
                    text = fh.read()
                # The same plan, built in the scratch folder: never touch the env it names.
                # A plan names its env once (folders inside it are relative to it).
                document = json.loads(text)
                document["venv"] = venv
                with open(plan_path, "w", encoding="utf-8") as fh:
                    json.dump(document, fh)
            else:
                argv = ["tfgpu-setup", "plan", "--json", "--venv", venv, *rest]
                if release:
                    argv += ["--tf", release]
                text = session.run(*argv, silent=True, success_codes=[0, 10], external=False)
                with open(plan_path, "w", encoding="utf-8") as fh:
                    fh.write(str(text))
            session.run("tfgpu-setup", "apply", "--yes", "--no-verify", "--plan", plan_path)
            script = os.path.join(venv, "bin", "activate-tfgpu")
            shell = (
                f". {shlex.quote(script)} && tfgpu-setup verify --venv {shlex.quote(venv)}; "
                "code=$?; deactivate; exit $code"
            )
            code = subprocess.run(["bash", "-c", shell]).returncode
            names = {0: "gpu", 10: "cpu-only", 12: "tf-broken", 13: "no-env"}
            verdicts.append((release or plan_file or "plan", names.get(code, f"exit {code}")))
    session.log("validation: " + ", ".join(f"{r}: {v}" for r, v in verdicts))
    if any(v not in ("gpu", "cpu-only") for _, v in verdicts):
        session.error("a validated setup does not work")


@nox.session
def bench(session: nox.Session) -> None:
    """Medians against what users run today: probe/plan vs import tensorflow, verify, apply."""
    session.install("-e", ".")
    tf_venv = os.path.join(session.create_tmp(), "bench-tf")
    session.run(
        "tfgpu-setup", "apply", "--yes", "--no-verify", "--venv", tf_venv, success_codes=[0]
    )
    session.run("python", "benchmarks/bench.py", "--tf-venv", tf_venv, *session.posargs)
