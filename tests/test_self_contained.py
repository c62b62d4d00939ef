"""Nothing in the project may read outside its repository: a user's clone has nothing beside it."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ESCAPES = re.compile(r"\.\./shared|[\"']shared[\"']\s*/\s*[\"']fixtures")
PARENTS = re.compile(r"parents\[(\d+)\]")


def test_no_code_reaches_outside_the_repository() -> None:
    offenders = []
    for path in ROOT.rglob("*.py"):
        if any(part.startswith(".") for part in path.relative_to(ROOT).parts):
            continue
        text = path.read_text(encoding="utf-8")
        depth = len(path.relative_to(ROOT).parts) - 1  # parents[depth] is the repository
        matches = [m for m in PARENTS.finditer(text) if int(m.group(1)) > depth]
        offenders += [
            f"{path.relative_to(ROOT)}:{text.count(chr(10), 0, m.start()) + 1}: {m.group(0)}"
            for m in [*ESCAPES.finditer(text), *matches]
            if path.name != Path(__file__).name
        ]
    assert offenders == []


def test_fixtures_carry_their_sources() -> None:
    for folder in ("nvidia-smi", "upstream"):
        readme = ROOT / "tests" / "fixtures" / folder / "README.txt"
        assert "http" in readme.read_text(encoding="utf-8"), readme
