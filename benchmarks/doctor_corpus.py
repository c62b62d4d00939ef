"""How often `doctor --log` names the right root cause on real reports.

The corpus (tests/fixtures/doctor_corpus/*.jsonl) holds real logs from public threads, the facts
each reporter stated, and the root cause the thread confirmed. Each case runs as a user would:
`tfgpu-setup doctor --log FILE --no-probe <the stated facts as flags> --json`. Printed per split:
top-1 accuracy (the first finding's id is the confirmed cause) and the error-level findings on
benign logs (where the GPU works), which must be zero.

The held-out split was fixed by a hash of each URL before any rule was tuned; failures are only
ever listed for the tune split (`--failures`).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "tests" / "fixtures" / "doctor_corpus"
FLAGS = {
    "os": "--os",
    "arch": "--arch",
    "tf": "--tf",
    "python": "--python",
    "driver": "--driver",
    "cuda_driver": "--cuda-driver",
    "gpu": "--gpu",
    "cuda_toolkit": "--cuda-toolkit",
    "cudnn": "--cudnn",
    "glibc": "--glibc",
}


def load_cases() -> list[dict[str, Any]]:
    cases: dict[str, dict[str, Any]] = {}
    for path in sorted(CORPUS.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                case = json.loads(line)
                cases.setdefault(case["url"], case)
    return list(cases.values())


def flags_for(stated: dict[str, Any]) -> list[str]:
    """The stated facts as a user would type them; a value the command line refuses (a driver
    given only by its branch, '410') is left out, as the user would after the error."""
    from tfgpu_setup.cli import build_parser

    argv: list[str] = []
    for key, flag in FLAGS.items():
        if stated.get(key) in (None, ""):
            continue
        pair = [flag, str(stated[key])]
        try:
            build_parser().parse_args(["plan", "--no-probe", *pair])
        except (SystemExit, Exception):
            continue
        argv += pair
    if stated.get("container") is True:
        argv.append("--container")
    elif stated.get("container") is False:
        argv.append("--no-container")
    return argv


def run_doctor(argv: list[str]) -> tuple[int, dict[str, Any]]:
    from tfgpu_setup.cli import main

    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        code = main(argv)
    return code, json.loads(out.getvalue())


def diagnose_case(case: dict[str, Any], folder: Path) -> dict[str, Any]:
    log = folder / f"{case['id']}.log"
    log.write_text(case["log"], encoding="utf-8")
    argv = ["doctor", "--log", str(log), "--no-probe", *flags_for(case["stated"]), "--json"]
    code, doc = run_doctor(argv)
    findings = doc.get("findings") or []
    if findings:
        top = findings[0]["id"]
    else:
        top = "benign-log-noise" if doc.get("gpu_used") == "yes" else "(none)"
    errors = [f["id"] for f in findings if f["severity"] == "error"]
    return {"top": top, "errors": errors, "exit": code, "gpu_used": doc.get("gpu_used")}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--failures", action="store_true", help="list the tune split's misses")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    cases = load_cases()
    summary: dict[str, dict[str, Any]] = {}
    misses: list[str] = []
    with tempfile.TemporaryDirectory(prefix="tfgpu-corpus-") as tmp:
        for split in ("tune", "heldout"):
            chosen = [c for c in cases if c["split"] == split]
            right = 0
            benign_errors = 0
            benign = 0
            for case in chosen:
                result = diagnose_case(case, Path(tmp))
                right += result["top"] == case["root_cause"]
                if case["benign"]:
                    benign += 1
                    benign_errors += len(result["errors"])
                if split == "tune" and result["top"] != case["root_cause"]:
                    misses.append(
                        f"{case['id']}: want {case['root_cause']}, got {result['top']} "
                        f"(errors {result['errors']}, exit {result['exit']})"
                    )
            summary[split] = {
                "cases": len(chosen),
                "top1": right,
                "accuracy": round(right / len(chosen), 3) if chosen else None,
                "benign": benign,
                "errors_on_benign": benign_errors,
            }
    labels = Counter(c["root_cause"] for c in cases)
    if args.json:
        print(json.dumps({"splits": summary, "labels": labels}, indent=2))
    else:
        print(f"{len(cases)} real reports, {len(labels)} root causes")
        for split, row in summary.items():
            print(
                # (from the counts: the stored accuracy is rounded, and rounding twice
                # printed 85.48% as 86%)
                f"{split:8} {row['top1']}/{row['cases']} top-1"
                f" ({row['top1'] / row['cases']:.1%}), "
                f"{row['errors_on_benign']} error findings on {row['benign']} benign logs"
            )
        if args.failures:
            print("\n".join(["", "tune misses:", *misses]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
