"""One command layer: commands return typed results, one renderer makes both outputs, commands
do not import each other or rich, and dispatch is a table that covers every subcommand."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
import typing
from pathlib import Path

from tfgpu_setup import output
from tfgpu_setup.cli import COMMANDS, build_parser
from tfgpu_setup.render import RENDERERS
from tfgpu_setup.results import Result

COMMANDS_DIR = Path(__file__).resolve().parents[1] / "tfgpu_setup" / "commands"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            base = "." * node.level + (node.module or "")
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def test_commands_import_no_other_command_and_no_rich() -> None:
    for path in sorted(COMMANDS_DIR.glob("*_cmd.py")):
        imported = _imports(path)
        others = {i for i in imported if i.startswith(".") and i.lstrip(".").endswith("_cmd")}
        assert others == set(), f"{path.name} imports {others}"
        assert not {i for i in imported if i == "rich" or i.startswith("rich.")}, path.name


def test_every_result_has_a_renderer_and_a_schema() -> None:
    types = set(typing.get_args(Result))
    assert set(RENDERERS) == types
    for kind in types:
        assert kind.schema.startswith("tfgpu-setup/")


def test_dispatch_is_a_table_covering_every_subcommand() -> None:
    parser = build_parser()
    subparsers = next(a for a in parser._actions if a.dest == "command")
    assert set(subparsers.choices) == set(COMMANDS)  # type: ignore[union-attr]


def test_the_document_is_the_result_with_its_schema_first(tmp_path: Path) -> None:
    from tfgpu_setup.facts import Driver, Facts, Platform
    from tfgpu_setup.results import ProbeResult

    result = ProbeResult(Facts(Platform("linux", "x86_64"), Driver(None, None, "test")))
    doc = output.document(result)
    assert list(doc)[:2] == ["schema", "schema_version"]
    assert doc["schema"] == "tfgpu-setup/facts" and doc["platform"]["os"] == "linux"


def test_json_output_of_plan_loads_no_rich() -> None:
    code = (
        "import io, contextlib, json, sys; from tfgpu_setup.cli import main\n"
        "out = io.StringIO()\n"
        "with contextlib.redirect_stdout(out):\n"
        "    main(['plan', '--no-probe', '--json'])\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] == 'rich')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(done.stdout.splitlines()[-1]) == []
