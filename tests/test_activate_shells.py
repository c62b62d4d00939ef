"""The activate scripts, run in real shells against a real virtualenv whose path is hostile.

Each shell dumps its whole environment (`env -0`) before activation, after it, after sourcing
again and after deactivation; the dumps must differ exactly as planned and come back exactly.
What the virtualenv's own bin/activate changes is read from the same shell (its own dump), so the
expectation does not depend on a virtualenv version.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import virtualenv

from tfgpu_setup.apply.activate import (
    SCRIPT_NAMES,
    render_fish,
    render_posix,
    write_activate_scripts,
)
from tfgpu_setup.errors import UserError
from tfgpu_setup.plan import ActivateSpec
from tfgpu_setup.process import run

# Spaces, both quotes, $, backticks, ;, globs, braces, a backslash and non-ASCII: every way a
# value can escape its quoting in sh or in fish.
HOSTILE = "a b $HOME ' \" `id` ; * ? [x] ~ {p,q} %self \\ é 日本"
# No ':' (it would split a PATH entry) and no newline (virtualenv's own scripts cannot take it).
VENV_NAME = f"venv {HOSTILE}"
TIMEOUT_S = 60.0

Env = dict[bytes, bytes]
STATES = ("unset", "empty", "set")
PRIOR = {  # the user's value in the "set" state
    "CUDA_VISIBLE_DEVICES": "1",
    "LD_LIBRARY_PATH": "/prior lib:/usr/lib/prior",
    "XLA_FLAGS": "--xla_dump_to=/tmp/prior",
    "TF_FORCE_GPU_ALLOW_GROWTH": "false",
    "HOSTILE_EXTRA": "prior",
}
USUAL_PATH = "/usr/bin:/bin"
# Shell-maintained: ksh93 writes its own and its children's process ids into `_`.
SHELL_OWNED = {b"_"}


@dataclass(frozen=True)
class Shell:
    name: str
    argv: tuple[str, ...]
    """How to run a script file: the program and the options that skip user start-up files."""
    posix: bool


SHELLS = {
    "bash": Shell("bash", ("bash", "--norc", "--noprofile"), True),
    "dash": Shell("dash", ("dash",), True),
    "zsh": Shell("zsh", ("zsh", "-f"), True),
    "ksh": Shell("ksh", ("ksh",), True),
    "fish": Shell("fish", ("fish", "--no-config"), False),
}

POSIX_DRIVER = r"""
set -eu
script=$1 out=$2 how=$3 venv_activate=$4
/usr/bin/env -0 > "$out/before"
. "$script"
/usr/bin/env -0 > "$out/activated"
python -c 'import sys; print(sys.prefix)' > "$out/python"
$how
/usr/bin/env -0 > "$out/after_once"
. "$script"
. "$script"
/usr/bin/env -0 > "$out/again"
$how
/usr/bin/env -0 > "$out/after_twice"
for name in deactivate deactivate_tfgpu _tfgpu_save _tfgpu_save_all _tfgpu_restore \
        _tfgpu_source_venv _tfgpu_outer_vars _tfgpu_find_tool _tfgpu_prepend _tfgpu_prepend_path \
        _tfgpu_append_flags _tfgpu_set; do
    if command -v "$name" > /dev/null 2>&1; then echo "$name"; fi
done > "$out/leftovers"
set > "$out/variables"
# With -e off, as the activate script does: with PATH empty, virtualenv's own script fails to
# run uname and basename.
set +e
. "$venv_activate"
set -e
/usr/bin/env -0 > "$out/venv_only"
"""

FISH_DRIVER = r"""
set script $argv[1]; set out $argv[2]; set how $argv[3]; set venv_activate $argv[4]
/usr/bin/env -0 > $out/before
source $script; or exit 1
/usr/bin/env -0 > $out/activated
python -c 'import sys; print(sys.prefix)' > $out/python
$how; or exit 1
/usr/bin/env -0 > $out/after_once
source $script; or exit 1
source $script; or exit 1
/usr/bin/env -0 > $out/again
$how; or exit 1
/usr/bin/env -0 > $out/after_twice
begin
    functions -q deactivate; and echo deactivate
    functions -a -n | string match -e -- tfgpu
end > $out/leftovers
set -n > $out/variables
source $venv_activate
/usr/bin/env -0 > $out/venv_only
"""


def _shell(name: str) -> Shell:
    shell = SHELLS[name]
    program = shutil.which(shell.argv[0])
    if program is None:
        pytest.skip(f"{shell.argv[0]} is not installed (apt-get install {shell.argv[0]})")
    return Shell(shell.name, (program, *shell.argv[1:]), shell.posix)


@dataclass(frozen=True)
class Rig:
    """One real virtualenv and the scripts rendered for it, shared by this module's tests."""

    venv: Path
    full: ActivateSpec
    """Every field planned, every value hostile."""
    full_bin: Path
    minimal: ActivateSpec
    """Only LD_LIBRARY_PATH: CUDA_VISIBLE_DEVICES, XLA_FLAGS and PATH stay the user's."""
    minimal_bin: Path
    drivers: Path


@pytest.fixture(scope="module")
def rig(tmp_path_factory: pytest.TempPathFactory) -> Rig:
    root = tmp_path_factory.mktemp("activate")
    venv = root / VENV_NAME
    virtualenv.cli_run(
        [
            str(venv),
            "--no-seed",
            "--activators",
            "bash,fish",
            "--no-periodic-update",
            "--app-data",
            str(root / "app-data"),
            "--quiet",
        ],
        setup_logging=False,
    )
    tools = venv / f"tools {HOSTILE}"
    tools.mkdir()
    # A python in our PATH folder must not win over the virtualenv's.
    decoy = tools / "python"
    decoy.write_text("#!/bin/sh\necho decoy\n")
    decoy.chmod(0o755)
    full = ActivateSpec(
        venv=str(venv),
        cuda_visible_devices=f"0,GPU-{HOSTILE}",
        ld_library_path=(str(venv / f"lib {HOSTILE}"), f"/opt/cuda {HOSTILE}/lib64"),
        path=(str(tools),),
        xla_flags=f"--xla_gpu_cuda_data_dir='/usr/local/cuda 12' {HOSTILE}\nsecond line\\",
        extra={
            "TF_FORCE_GPU_ALLOW_GROWTH": "true",
            # A placeholder name as a value must stay data; a leading '-' must not be an option.
            "HOSTILE_EXTRA": f"-e \\c __TFGPU_PATH__ __TFGPU_VARIABLES__ {HOSTILE} $(id) ",
        },
    )
    minimal = ActivateSpec(venv=str(venv), ld_library_path=(str(venv / "lib"),))
    full_bin = venv / "bin"
    minimal_bin = root / "minimal"
    minimal_bin.mkdir()
    write_activate_scripts(full, full_bin)
    write_activate_scripts(minimal, minimal_bin)
    drivers = root / "drivers"
    drivers.mkdir()
    (drivers / "driver.sh").write_text(POSIX_DRIVER)
    (drivers / "driver.fish").write_text(FISH_DRIVER)
    return Rig(venv, full, full_bin, minimal, minimal_bin, drivers)


def _start_env(state: str, home: Path) -> dict[str, str]:
    """The environment the shell starts with: every variable we touch unset, empty or set."""
    env = {"HOME": str(home), "LC_ALL": "C.UTF-8", "TERM": "dumb"}
    # Shells make up a PATH when none is inherited (bash keeps it unexported, and virtualenv's
    # own deactivate then exports it), so PATH starts set in the "unset" case.
    env["PATH"] = "" if state == "empty" else USUAL_PATH
    for name, prior in PRIOR.items():
        if state == "empty":
            env[name] = ""
        elif state == "set":
            env[name] = prior
    return env


def _read_env(path: Path) -> Env:
    env: Env = {}
    for item in path.read_bytes().split(b"\0"):
        if item:
            name, _, value = item.partition(b"=")
            if name not in SHELL_OWNED:
                env[name] = value
    return env


@dataclass(frozen=True)
class Dumps:
    before: Env
    activated: Env
    after_once: Env
    again: Env
    after_twice: Env
    venv_only: Env
    python: bytes
    leftovers: str


def _activate_in(
    shell: Shell, script_dir: Path, rig: Rig, state: str, how: str, out: Path
) -> Dumps:
    out.mkdir()
    name = SCRIPT_NAMES["posix" if shell.posix else "fish"]
    driver = rig.drivers / ("driver.sh" if shell.posix else "driver.fish")
    venv_activate = rig.venv / "bin" / ("activate" if shell.posix else "activate.fish")
    result = run(
        [*shell.argv, str(driver), str(script_dir / name), str(out), how, str(venv_activate)],
        timeout=TIMEOUT_S,
        base_env=_start_env(state, out),
        cwd=str(out),
    )
    assert result.ok, f"{shell.name} driver failed: {result.describe_failure()}\n{result.stderr}"
    variables = (out / "variables").read_text().splitlines(keepends=True)
    return Dumps(
        before=_read_env(out / "before"),
        activated=_read_env(out / "activated"),
        after_once=_read_env(out / "after_once"),
        again=_read_env(out / "again"),
        after_twice=_read_env(out / "after_twice"),
        venv_only=_read_env(out / "venv_only"),
        python=(out / "python").read_bytes().rstrip(b"\n"),
        leftovers=(out / "leftovers").read_text()
        + "".join(line for line in variables if line.startswith("_tfgpu")),
    )


def _expected(spec: ActivateSpec, dumps: Dumps) -> Env:
    """The activated environment: the virtualenv's own changes, then exactly what the one
    activation model (ActivateSpec.changes) says, given the environment before."""
    expected = dict(dumps.venv_only)
    venv_bin = str(Path(spec.venv) / "bin").encode()
    before_path = dumps.before.get(b"PATH")
    assert dumps.venv_only[b"PATH"] == venv_bin + (b":" + before_path if before_path else b""), (
        "virtualenv puts its bin folder first"
    )
    before = {k.decode(): v.decode() for k, v in dumps.before.items()}
    for name, value in spec.changes(before).items():
        expected[name.encode()] = value.encode()
    return expected


def _spec_and_dir(rig: Rig, which: str) -> tuple[ActivateSpec, Path]:
    return (rig.full, rig.full_bin) if which == "full" else (rig.minimal, rig.minimal_bin)


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize(
    ("which", "how"),
    [("full", "deactivate"), ("full", "deactivate_tfgpu"), ("minimal", "deactivate")],
)
@pytest.mark.parametrize("shell_name", list(SHELLS))
def test_activation_changes_exactly_the_plan_and_deactivation_restores_everything(
    rig: Rig, tmp_path: Path, shell_name: str, which: str, how: str, state: str
) -> None:
    shell = _shell(shell_name)
    if shell_name == "ksh" and state == "empty":
        pytest.skip(
            "virtualenv's own activate fails in ksh93 with PATH empty: its quoting of a "
            "non-ASCII path runs 'unset -f printf', after which ksh93 looks printf up "
            "on PATH (the activate script then reports the failure, as it should)"
        )
    spec, script_dir = _spec_and_dir(rig, which)
    dumps = _activate_in(shell, script_dir, rig, state, how, tmp_path / "out")

    assert dumps.activated == _expected(spec, dumps)
    assert dumps.after_once == dumps.before
    assert dumps.again == dumps.activated, "sourcing twice must give the same as once"
    assert dumps.after_twice == dumps.before
    assert dumps.leftovers == "", f"left behind after {how}: {dumps.leftovers}"
    assert dumps.python == str(rig.venv).encode(), "the virtualenv's python comes first"
    for name in (b"LD_LIBRARY_PATH", b"PATH"):
        if dumps.activated.get(name) is not None and not dumps.before.get(name):
            assert b"" not in dumps.activated[name].split(b":"), f"empty entry in {name!r}"


def test_a_variable_that_is_not_planned_keeps_the_users_state(rig: Rig, tmp_path: Path) -> None:
    # The exact-expectation test covers this for every shell; this names the critical case:
    # CUDA_VISIBLE_DEVICES="" (every GPU hidden) must not become unset, nor unset become "".
    shell = _shell("dash")
    for state in ("unset", "empty"):
        dumps = _activate_in(shell, rig.minimal_bin, rig, state, "deactivate", tmp_path / state)
        assert (
            dumps.activated.get(b"CUDA_VISIBLE_DEVICES")
            == dumps.before.get(b"CUDA_VISIBLE_DEVICES")
            == (None if state == "unset" else b"")
        )


@pytest.mark.parametrize("shell_name", ["dash", "bash", "fish"])
def test_the_users_own_xla_flags_stay_and_the_plans_come_last(
    rig: Rig, tmp_path: Path, shell_name: str
) -> None:
    # A user's --xla_dump_to must survive activation; XLA reads a repeated flag's last value, so
    # the plan's data dir, written last, is the one XLA uses while the environment is active.
    shell = _shell(shell_name)
    dumps = _activate_in(shell, rig.full_bin, rig, "set", "deactivate", tmp_path / "out")

    ours = rig.full.xla_value()
    assert ours is not None
    assert dumps.activated[b"XLA_FLAGS"] == f"{PRIOR['XLA_FLAGS']} {ours}".encode()
    assert dumps.after_once[b"XLA_FLAGS"] == PRIOR["XLA_FLAGS"].encode()


@pytest.mark.parametrize("shell_name", list(SHELLS))
def test_running_the_script_instead_of_sourcing_it_fails_with_a_message(
    rig: Rig, tmp_path: Path, shell_name: str
) -> None:
    shell = _shell(shell_name)
    script = rig.full_bin / SCRIPT_NAMES["posix" if shell.posix else "fish"]
    result = run(
        [*shell.argv, str(script)],
        timeout=TIMEOUT_S,
        base_env=_start_env("set", tmp_path),
        cwd=str(tmp_path),
    )
    assert result.error is None
    assert result.returncode not in (0, None)
    assert "must be sourced" in result.stderr


@pytest.mark.parametrize("shell_name", list(SHELLS))
def test_a_missing_virtualenv_is_reported_and_nothing_is_changed(
    rig: Rig, tmp_path: Path, shell_name: str
) -> None:
    shell = _shell(shell_name)
    gone = ActivateSpec(
        venv=str(tmp_path / f"gone {HOSTILE}"),
        cuda_visible_devices="0",
        ld_library_path=("/opt/lib",),
    )
    scripts = write_activate_scripts(gone, tmp_path)
    script = scripts[0] if shell.posix else scripts[1]
    if shell.posix:
        body = 'set -u\n/usr/bin/env -0 > b\nif . "$1"; then exit 9; fi\n/usr/bin/env -0 > a\n'
    else:
        body = "/usr/bin/env -0 > b\nif source $argv[1]; exit 9; end\n/usr/bin/env -0 > a\n"
    driver = tmp_path / "driver"
    driver.write_text(body)
    result = run(
        [*shell.argv, str(driver), str(script)],
        timeout=TIMEOUT_S,
        base_env=_start_env("set", tmp_path),
        cwd=str(tmp_path),
    )
    assert result.ok, result.stderr
    assert "is missing" in result.stderr and "tfgpu-setup apply" in result.stderr
    assert _read_env(tmp_path / "a") == _read_env(tmp_path / "b")


@pytest.mark.parametrize("which", ["full", "minimal"])
def test_the_rendered_posix_script_passes_shellcheck(rig: Rig, tmp_path: Path, which: str) -> None:
    shellcheck = shutil.which("shellcheck")
    if shellcheck is None:
        pytest.skip("shellcheck is not installed (apt-get install shellcheck)")
    script_dir = _spec_and_dir(rig, which)[1]
    result = run(
        [shellcheck, "-s", "sh", str(script_dir / SCRIPT_NAMES["posix"])], timeout=TIMEOUT_S
    )
    assert result.ok, result.stdout


def test_the_rendered_fish_script_parses(rig: Rig) -> None:
    fish = _shell("fish")
    result = run(
        [*fish.argv, "--no-execute", str(rig.full_bin / SCRIPT_NAMES["fish"])], timeout=TIMEOUT_S
    )
    assert result.ok, result.stderr


# Rendering and writing, without a shell.

SPEC = ActivateSpec(venv="/venv", ld_library_path=("/venv/lib",), path=("/venv/tools",))


@pytest.mark.parametrize(
    ("changes", "named"),
    [
        ({"ld_library_path": ("/a:/b",)}, "/a:/b"),
        ({"ld_library_path": ("/lib\nx",)}, "/lib\\nx"),
        ({"path": ("/tools\0",)}, "/tools\\x00"),
        ({"path": ("/bin:/usr/bin",)}, "/bin:/usr/bin"),
        ({"path": ("../outside/bin",)}, "../outside/bin"),
        ({"ld_library_path": ("",)}, "''"),
        ({"xla_flags": "--a\0b"}, "--a\\x00b"),
        ({"cuda_visible_devices": "0\0"}, "0\\x00"),
        ({"extra": {"lower_case": "1"}}, "lower_case"),
        ({"extra": {"PATH": "/x"}}, "PATH"),
        ({"extra": {"TF_X": "a\0"}}, "a\\x00"),
        ({"venv": "relative/venv"}, "relative/venv"),
    ],
)
def test_values_no_script_could_carry_are_refused_by_name(
    changes: dict[str, Any], named: str
) -> None:
    spec = dataclasses.replace(SPEC, **changes)
    for render in (render_posix, render_fish):
        with pytest.raises(UserError) as caught:
            render(spec)
        assert named in caught.value.message


def test_scripts_are_written_atomically_with_mode_0644(tmp_path: Path) -> None:
    old_umask = os.umask(0o077)
    try:
        first = write_activate_scripts(SPEC, tmp_path)
        second = write_activate_scripts(
            ActivateSpec(venv="/venv", cuda_visible_devices=""), tmp_path
        )
    finally:
        os.umask(old_umask)
    assert first == second == [tmp_path / "activate-tfgpu", tmp_path / "activate-tfgpu.fish"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["activate-tfgpu", "activate-tfgpu.fish"]
    for path in second:
        assert stat.S_IMODE(path.stat().st_mode) == 0o644
    assert "CUDA_VISIBLE_DEVICES ''" in second[0].read_text()


def test_a_refused_spec_leaves_existing_scripts_alone(tmp_path: Path) -> None:
    written = write_activate_scripts(SPEC, tmp_path)
    before = [p.read_bytes() for p in written]
    with pytest.raises(UserError):
        write_activate_scripts(ActivateSpec(venv="/venv", path=("/a:b",)), tmp_path)
    assert [p.read_bytes() for p in written] == before
    assert len(list(tmp_path.iterdir())) == 2


# Another virtualenv active before (the one tfgpu-setup is installed in), and variables the
# user set without exporting them.

OUTER_POSIX = r"""
set -eu
out=$1 script=$2 outer=$3 how=$4
. "$outer"
/usr/bin/env -0 > "$out/before"
printf '%s' "${PS1-<unset>}" > "$out/prompt_before"
. "$script"
tfgpu-setup > "$out/tool"
python -c 'import sys; print(sys.prefix)' > "$out/python"
$how
/usr/bin/env -0 > "$out/after"
printf '%s' "${PS1-<unset>}" > "$out/prompt_after"
command -v deactivate > "$out/outer_deactivate"
deactivate
/usr/bin/env -0 > "$out/pristine"
"""

OUTER_FISH = r"""
set out $argv[1]; set script $argv[2]; set outer $argv[3]; set how $argv[4]
source $outer
/usr/bin/env -0 > $out/before
functions fish_prompt > $out/prompt_before
source $script; or exit 1
tfgpu-setup > $out/tool
python -c 'import sys; print(sys.prefix)' > $out/python
$how
/usr/bin/env -0 > $out/after
functions fish_prompt > $out/prompt_after
functions -q deactivate; and echo deactivate > $out/outer_deactivate
deactivate
/usr/bin/env -0 > $out/pristine
"""


@pytest.mark.parametrize("how", ["deactivate", "deactivate_tfgpu"])
@pytest.mark.parametrize("shell_name", list(SHELLS))
def test_an_active_virtualenv_keeps_the_tool_reachable_and_comes_back_exactly(
    rig: Rig, tmp_path: Path, shell_name: str, how: str
) -> None:
    shell = _shell(shell_name)
    if shell_name == "ksh" and how == "deactivate":
        pytest.skip(
            "ksh93 drops a function defined while a function of the same name runs, so the "
            "earlier env's deactivate cannot come back from inside ours (its variables do: "
            "README, use deactivate_tfgpu in ksh)"
        )
    outer = tmp_path / "tool env"
    virtualenv.cli_run(
        [str(outer), "--no-seed", "--activators", "bash,fish", "--no-periodic-update", "-q"],
        setup_logging=False,
    )
    tool = outer / "bin" / "tfgpu-setup"
    tool.write_text("#!/bin/sh\necho tool\n")
    tool.chmod(0o755)
    driver = tmp_path / "driver"
    driver.write_text(OUTER_POSIX if shell.posix else OUTER_FISH)
    script = rig.full_bin / SCRIPT_NAMES["posix" if shell.posix else "fish"]
    outer_activate = outer / "bin" / ("activate" if shell.posix else "activate.fish")
    start = _start_env("set", tmp_path)

    result = run(
        [*shell.argv, str(driver), str(tmp_path), str(script), str(outer_activate), how],
        timeout=TIMEOUT_S,
        base_env=start,
        cwd=str(tmp_path),
    )

    assert result.ok, f"{shell.name}: {result.describe_failure()}\n{result.stderr}"
    assert (tmp_path / "tool").read_text() == "tool\n", "tfgpu-setup is still found"
    assert (tmp_path / "python").read_bytes().rstrip(b"\n") == str(rig.venv).encode()
    assert _read_env(tmp_path / "after") == _read_env(tmp_path / "before")
    assert (tmp_path / "prompt_after").read_bytes() == (tmp_path / "prompt_before").read_bytes()
    assert (tmp_path / "outer_deactivate").read_text().strip() == "deactivate"
    pristine = _read_env(tmp_path / "pristine")
    assert pristine[b"PATH"] == start["PATH"].encode() and b"VIRTUAL_ENV" not in pristine


UNEXPORTED_POSIX = r"""
out=$1 script=$2
CUDA_VISIBLE_DEVICES=
XLA_FLAGS=mine
. "$script" || exit 1
printenv CUDA_VISIBLE_DEVICES > /dev/null && echo "exported while active" > "$out/active"
deactivate
{
    printenv CUDA_VISIBLE_DEVICES > /dev/null && echo "CUDA_VISIBLE_DEVICES exported"
    printenv XLA_FLAGS > /dev/null && echo "XLA_FLAGS exported"
    printf '%s|%s|%s\n' "${CUDA_VISIBLE_DEVICES+set}" "$CUDA_VISIBLE_DEVICES" "$XLA_FLAGS"
} > "$out/after"
"""

UNEXPORTED_FISH = r"""
set out $argv[1]; set script $argv[2]
set -g CUDA_VISIBLE_DEVICES ''
set -g XLA_FLAGS mine
source $script; or exit 1
printenv CUDA_VISIBLE_DEVICES > /dev/null; and echo "exported while active" > $out/active
deactivate
begin
    printenv CUDA_VISIBLE_DEVICES > /dev/null; and echo "CUDA_VISIBLE_DEVICES exported"
    printenv XLA_FLAGS > /dev/null; and echo "XLA_FLAGS exported"
    set -q CUDA_VISIBLE_DEVICES; and set state set
    printf '%s|%s|%s\n' "$state" "$CUDA_VISIBLE_DEVICES" "$XLA_FLAGS"
end > $out/after
"""


@pytest.mark.parametrize("shell_name", list(SHELLS))
def test_variables_set_but_not_exported_are_not_exported_after_deactivate(
    rig: Rig, tmp_path: Path, shell_name: str
) -> None:
    # CUDA_VISIBLE_DEVICES="" exported would hide every GPU from every program started later.
    shell = _shell(shell_name)
    driver = tmp_path / "driver"
    driver.write_text(UNEXPORTED_POSIX if shell.posix else UNEXPORTED_FISH)
    start = _start_env("unset", tmp_path)
    script = rig.full_bin / SCRIPT_NAMES["posix" if shell.posix else "fish"]

    result = run(
        [*shell.argv, str(driver), str(tmp_path), str(script)],
        timeout=TIMEOUT_S,
        base_env=start,
        cwd=str(tmp_path),
    )

    assert result.ok, f"{shell.name}: {result.describe_failure()}\n{result.stderr}"
    assert (tmp_path / "active").read_text().strip() == "exported while active"
    assert (tmp_path / "after").read_text() == "set||mine\n"


PATH_UNSET = r"""
script=$1 out=$2
unset PATH
. "$script" || exit 1
deactivate
if [ -n "${PATH+x}" ]; then printf 'PATH=%s\n' "$PATH"; else printf 'unset\n'; fi > "$out"
"""


@pytest.mark.parametrize("shell_name", ["ksh", "bash", "zsh"])
def test_path_unset_before_activation_is_unset_after_deactivate(
    rig: Rig, tmp_path: Path, shell_name: str
) -> None:
    shell = _shell(shell_name)
    driver = tmp_path / "driver"
    driver.write_text(PATH_UNSET)
    out = tmp_path / "out"
    result = run(
        [*shell.argv, str(driver), str(rig.minimal_bin / SCRIPT_NAMES["posix"]), str(out)],
        timeout=TIMEOUT_S,
        base_env=_start_env("set", tmp_path),
        cwd=str(tmp_path),
    )
    assert result.ok, f"{shell.name}: {result.describe_failure()}\n{result.stderr}"
    assert out.read_text() == "unset\n"
