"""Seeded fuzzing of everything a user can hand the tool: facts and plan files, matrices, logs,
flag values, and strings that end up printed. Each case runs in-process through cli.main; a
case is an error when it exits 1 (an internal error) or raises, and a hang when it outlives
CASE_TIMEOUT_S (faulthandler then stops the process with every thread's traceback: a hung
regular expression cannot be interrupted any other way).

tests/test_fuzz.py runs a few hundred cases; `nox -s fuzz` runs thousands (TFGPU_FUZZ_CASES).
"""

from __future__ import annotations

import codecs
import contextlib
import copy
import faulthandler
import io
import json
import os
import random
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tfgpu_setup import textout
from tfgpu_setup.cli import main
from tfgpu_setup.documents import VALUE_CHECKS
from tfgpu_setup.matrix.load import load_matrix, shipped_dir

TESTS = Path(__file__).parent
LOGS = TESTS / "fixtures" / "logs"
HOSTS = TESTS / "fixtures" / "hosts"
UNPRINTED_FIELDS = frozenset(
    {"schema", "os", "kind", "mig_mode", *(name for _, name in VALUE_CHECKS)}
)
"""Fields whose shape is checked on reading: hostile text there is refused before printing."""
CASE_TIMEOUT_S = 120.0
"""Far above what any case needs (milliseconds): only a hang reaches it."""

HOSTILE_STRINGS = (
    "",
    " ",
    "abc",
    "12..2",
    "1.2.3.4.5.6.7",
    "-1",
    "0",
    "00.0",
    "1e309",
    "NaN",
    "9" * 5000,
    "x" * 20_000,
    "\udcff",
    "caf\udce9",
    "\x00",
    "\x1b[31mred\x1b[0m",
    "[bold]markup[/bold]",
    "[/]",
    "\u202eevil",
    "٣.١١",
    "²",
    "３.１１",
    "GPU-",
    "MIG-GPU-x/1/2",
    "/usr/local/cuda",
    "../../etc/passwd",
    "a:b::c:",
    "line\nbreak",
    "tab\tchar",
    "'; rm -rf / #",
    "$(id)",
    "\\",
    "2.17",
    ">=2.15,<2.18",
    "535.104.05",
    "8.6",
    "3.11",
)
HOSTILE_VALUES: tuple[Any, ...] = (
    *HOSTILE_STRINGS,
    None,
    True,
    False,
    0,
    -7,
    1.0,
    1.5,
    2**63,
    -(2**63),
    [],
    {},
    [None],
    {"": None},
    [[[[[]]]]],
)


@dataclass
class Tally:
    cases: int = 0
    errors: list[str] = field(default_factory=list)
    codes: dict[int, int] = field(default_factory=dict)

    def line(self) -> str:
        return (
            f"{self.cases} cases, {len(self.errors)} errors (exit 1 or exception), 0 hangs; "
            f"exit codes {dict(sorted(self.codes.items()))}"
        )


def run_cli(argv: list[str], stdin: bytes = b"") -> tuple[int, str, str]:
    """cli.main with its own stdout/stderr/stdin; an exception escaping main is code -1."""
    out, err = io.StringIO(), io.StringIO()
    fake_stdin = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
    real_stdin = sys.stdin
    sys.stdin = fake_stdin
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(argv)
            except BaseException as exc:  # what a user would see as a traceback
                err.write(f"ESCAPED {type(exc).__name__}: {exc}")
                code = -1
    finally:
        sys.stdin = real_stdin
    return code, out.getvalue(), err.getvalue()


# ---------------------------------------------------------------------------------------------
# Mutations of JSON documents and of bytes


def hostile(rng: random.Random) -> Any:
    """A fresh copy: a shared [] or {} mutated by one case would grow into the next ones."""
    return copy.deepcopy(rng.choice(HOSTILE_VALUES))


def leaves(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield path
    if isinstance(value, dict):
        for key, item in value.items():
            yield from leaves(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from leaves(item, (*path, index))


def mutate_document(rng: random.Random, document: Any) -> Any:
    document = copy.deepcopy(document)
    for _ in range(rng.randint(1, 3)):
        paths = [p for p in leaves(document) if p]
        if not paths:
            return hostile(rng)
        path = rng.choice(paths)
        parent = document
        for key in path[:-1]:
            parent = parent[key]
        last = path[-1]
        action = rng.random()
        if action < 0.6:
            parent[last] = hostile(rng)
        elif action < 0.75 and isinstance(parent, dict):
            del parent[last]
        elif action < 0.85 and isinstance(parent, dict):
            parent[rng.choice(HOSTILE_STRINGS[:12]) or "extra"] = hostile(rng)
        elif isinstance(parent[last], list) and parent[last]:
            parent[last] = parent[last] * rng.randint(2, 50)
        else:
            parent[last] = [parent[last]] if rng.random() < 0.5 else {"x": parent[last]}
    return document


def mutate_bytes(rng: random.Random, raw: bytes) -> bytes:
    choice = rng.randrange(9)
    if choice == 0:
        return raw[: rng.randrange(len(raw) + 1)]
    if choice == 1:
        data = bytearray(raw)
        for _ in range(rng.randint(1, 20)):
            if data:
                data[rng.randrange(len(data))] = rng.randrange(256)
        return bytes(data)
    if choice == 2:
        return codecs.BOM_UTF16_LE + raw.decode("utf-8", "replace").encode("utf-16-le")
    if choice == 3:
        return raw.decode("utf-8", "replace").encode("utf-16-le")  # no BOM
    if choice == 4:
        return b"[" * rng.choice((1000, 100_000)) + raw
    if choice == 5:
        return b'{"schema_version": ' + b"9" * 5000 + b"}"
    if choice == 6:
        return b"\xff\xfe\xfa\x00" + raw
    if choice == 7:
        return codecs.BOM_UTF8 + raw
    return b""


def encode(rng: random.Random, document: Any) -> bytes:
    text = json.dumps(document, ensure_ascii=rng.random() < 0.5, allow_nan=True)
    return text.encode("utf-8", "surrogatepass")


# ---------------------------------------------------------------------------------------------
# The case kinds


class Fuzzer:
    def __init__(self, folder: Path, seed: int) -> None:
        self.folder = folder
        self.rng = random.Random(seed)
        self.tally = Tally()
        self.count = 0
        self.base_facts = [self._facts_of(host) for host in sorted(HOSTS.iterdir())]
        first = folder / "base-facts.json"
        first.write_text(json.dumps(self.base_facts[1]))
        code, out, err = run_cli(["plan", "--facts", str(first), "--json"])
        assert code in (0, 10), err
        self.base_plan = json.loads(out)
        self.matrices = {
            name: json.loads((shipped_dir() / name).read_text())
            for name in ("tensorflow.json", "cuda-drivers.json", "gpus.json")
        }
        self.logs = [p.read_bytes() for p in sorted(LOGS.glob("*.log"))]
        self.base_log = str(sorted(LOGS.glob("*.log"))[0])

    @staticmethod
    def _facts_of(host: Path) -> dict[str, Any]:
        from tfgpu_setup.host import RecordedHost
        from tfgpu_setup.probe.collect import probe

        document: dict[str, Any] = probe(RecordedHost(host)).to_jsonable()
        return document

    def file(self, raw: bytes, suffix: str = ".json") -> str:
        self.count += 1
        path = self.folder / f"case-{self.count}{suffix}"
        path.write_bytes(raw)
        return str(path)

    def check(self, kind: str, argv: list[str], stdin: bytes = b"") -> None:
        faulthandler.dump_traceback_later(CASE_TIMEOUT_S, exit=True, file=sys.__stderr__)
        try:
            code, out, err = run_cli(argv, stdin)
        finally:
            faulthandler.cancel_dump_traceback_later()
        self.tally.cases += 1
        self.tally.codes[code] = self.tally.codes.get(code, 0) + 1
        if code in (1, -1) or "Traceback" in err:
            shown = [a if len(a) < 120 else a[:117] + "..." for a in argv]
            said = (err.strip() or out.strip())[-300:]
            _, _, traced = run_cli([*argv, "--traceback"], stdin)
            said += " | " + " / ".join(traced.strip().splitlines()[-14:-1])[-1500:]
            self.tally.errors.append(f"{kind}: {shown}: {said}")

    def facts_case(self) -> None:
        rng = self.rng
        document = rng.choice(self.base_facts)
        if rng.random() < 0.8:
            raw = encode(rng, mutate_document(rng, document))
        else:
            raw = mutate_bytes(rng, encode(rng, document))
        path = self.file(raw)
        command = rng.choice(
            (
                ["plan", "--facts", path],
                ["plan", "--facts", path, "--json"],
                ["plan", "--facts", path, "--tf", "2.15"],
                ["doctor", "--facts", path, "--no-verify"],
                ["doctor", "--facts", path, "--json"],
            )
        )
        self.check("facts", command)

    def plan_case(self) -> None:
        rng = self.rng
        if rng.random() < 0.8:
            raw = encode(rng, mutate_document(rng, self.base_plan))
        else:
            raw = mutate_bytes(rng, encode(rng, self.base_plan))
        path = self.file(raw)
        # Never --yes: without a terminal apply shows the plan and changes nothing (exit 20).
        command = rng.choice((["apply", "--plan", path], ["apply", "--plan", path, "--json"]))
        self.check("plan", command)

    def matrix_case(self) -> None:
        rng = self.rng
        name = rng.choice(sorted(self.matrices))
        folder = self.folder / f"matrix-{self.count}"
        folder.mkdir()
        self.count += 1
        if rng.random() < 0.8:
            raw = encode(rng, mutate_document(rng, self.matrices[name]))
        else:
            raw = mutate_bytes(rng, encode(rng, self.matrices[name]))
        (folder / name).write_bytes(raw)
        load_matrix.cache_clear()
        previous = os.environ.get("TFGPU_MATRIX_DIR")
        os.environ["TFGPU_MATRIX_DIR"] = str(folder)
        try:
            command = rng.choice(
                (
                    ["matrix", "check"],
                    ["matrix", "check", "--json"],
                    ["matrix", "show", "--tf", ">=2.15"],
                    ["plan", "--no-probe", "--python", "3.11", "--driver", "550.54.15", "--json"],
                    ["plan", "--no-probe", "--gpu", "8.6", "--os", "wsl2", "--driver", "572.16"],
                )
            )
            self.check("matrix", command)
        finally:
            if previous is None:
                os.environ.pop("TFGPU_MATRIX_DIR", None)
            else:
                os.environ["TFGPU_MATRIX_DIR"] = previous
            load_matrix.cache_clear()

    def log_case(self) -> None:
        rng = self.rng
        lines = b"".join(rng.choice(self.logs) for _ in range(rng.randint(1, 3))).splitlines(True)
        rng.shuffle(lines)
        raw = b"".join(lines[: rng.randint(0, len(lines))])
        if rng.random() < 0.5:
            raw = mutate_bytes(rng, raw)
        if rng.random() < 0.3:
            cut = rng.choice(lines or [b"x"])
            raw += cut[: rng.randrange(len(cut) + 1)] * rng.randint(100, 20_000) + b"\n"
        if rng.random() < 0.5:
            self.check("log", ["doctor", "--log", "-", "--json"], stdin=raw)
        else:
            self.check("log", ["doctor", "--log", self.file(raw, ".log")])

    FLAG_VALUES = (
        "--python",
        "--driver",
        "--glibc",
        "--cuda-driver",
        "--cuda-toolkit",
        "--cudnn",
        "--gpu",
        "--arch",
        "--env",
        "--tf",
        "--gpus",
        "--venv",
    )

    def flag_case(self) -> None:
        rng = self.rng
        argv = ["plan", "--no-probe"]
        for _ in range(rng.randint(1, 4)):
            flag = rng.choice(self.FLAG_VALUES)
            value = rng.choice(HOSTILE_STRINGS)
            if flag == "--venv":
                value = str(self.folder / "venvs" / value.replace("/", "_").replace("\x00", ""))
            argv += [flag, value]
        if rng.random() < 0.3:
            argv.append("--json")
        if rng.random() < 0.25:
            argv = ["doctor", "--log", self.base_log, "--no-verify", *argv[1:]]
        elif rng.random() < 0.2:
            argv = ["matrix", "show", "--tf", rng.choice(HOSTILE_STRINGS)]
        if rng.random() < 0.1:
            argv = [rng.choice(("--json", "--traceback", "-v")), *argv]
        self.check("flags", argv)

    def printed_case(self) -> None:
        """Hostile text in every string of a facts file, printed by plan and doctor."""
        rng = self.rng
        document = copy.deepcopy(rng.choice(self.base_facts))
        text = rng.choice(HOSTILE_STRINGS[11:])
        for path in list(leaves(document)):
            if not path or path[-1] in UNPRINTED_FIELDS:
                continue
            parent = document
            for key in path[:-1]:
                parent = parent[key]
            if isinstance(parent[path[-1]], str) and rng.random() < 0.5:
                parent[path[-1]] = parent[path[-1]] + text
        raw = encode(rng, document)
        path_text = self.file(raw)
        self.check(
            "printed",
            rng.choice((["plan", "--facts", path_text], ["doctor", "--facts", path_text])),
        )
        self.render_facts(raw)

    def render_facts(self, raw: bytes) -> None:
        """What probe prints, for facts holding hostile text (probe itself reads this machine)."""
        from tfgpu_setup.errors import UserError
        from tfgpu_setup.facts import Facts
        from tfgpu_setup.render import show_facts

        self.tally.cases += 1
        try:
            facts = Facts.from_json(raw.decode("utf-8", "surrogatepass"), origin="fuzz")
        except UserError:
            return
        stream = io.StringIO()
        try:
            textout.write(textout.render(lambda c: show_facts(c, facts), stream), stream)
        except Exception as exc:
            self.tally.errors.append(f"render: {type(exc).__name__}: {exc}"[:500])

    def kinds(self) -> list[Callable[[], None]]:
        return [
            self.facts_case,
            self.facts_case,
            self.plan_case,
            self.matrix_case,
            self.log_case,
            self.flag_case,
            self.flag_case,
            self.printed_case,
        ]

    def run(self, cases: int) -> Tally:
        kinds = self.kinds()
        for index in range(cases):
            kinds[index % len(kinds)]()
        return self.tally
