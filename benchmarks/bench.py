"""Benchmarks: what tfgpu-setup costs against what a user would run instead.

Each measurement runs the real command several times in child processes and prints the
median wall time (and peak RSS where it matters) with the ratio to the alternative measured in
the same run. Run with `nox -s bench` (it builds a real TensorFlow env with tfgpu-setup apply).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
HOSTS = REPO / "tests" / "fixtures" / "hosts"
TF_ONELINER = "import tensorflow as tf; tf.config.list_physical_devices('GPU')"
SMOKE_ONELINER = (
    "import tensorflow as tf; print(tf.config.list_physical_devices('GPU')); "
    "print(tf.reduce_sum(tf.random.normal([1000, 1000])))"
)


def timed(argv: list[str], env: dict[str, str] | None = None) -> tuple[float, int]:
    """(wall seconds, peak RSS in KiB) of one run of argv; fails loudly on a crash."""
    started = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - started
    code = os.waitstatus_to_exitcode(status)
    if code < 0:
        raise SystemExit(f"{argv[0]} died with signal {-code}")
    return elapsed, usage.ru_maxrss


def median_of(argv: list[str], runs: int, env: dict[str, str] | None = None) -> tuple[float, int]:
    timed(argv, env)  # warm the page cache
    samples = [timed(argv, env) for _ in range(runs)]
    return statistics.median(s[0] for s in samples), max(s[1] for s in samples)


def row(name: str, seconds: float, baseline: float | None = None, extra: str = "") -> None:
    ratio = f"{baseline / seconds:8.1f}x faster" if baseline else ""
    print(f"| {name:<52} | {seconds * 1000:10.1f} ms | {ratio:<16} | {extra}")


def fleet(folder: Path, count: int, tool: str, own_uuids: bool = False) -> Path:
    """`count` facts files made from the recorded hosts with varied drivers and GPUs.

    own_uuids: every GPU gets a UUID of its own, as on real machines, so no two documents of
    hosts with GPUs are alike and nothing is shared by reading identical files."""
    seeds = []
    for host in sorted(HOSTS.iterdir()):
        if (host / "host.json").exists():
            out = subprocess.run(
                [
                    sys.executable,
                    "-c",
                    (
                        "import sys; from tfgpu_setup.host import RecordedHost; "
                        "from tfgpu_setup.probe.collect import probe; "
                        "print(probe(RecordedHost(sys.argv[1])).to_json())"
                    ),
                    str(host),
                ],
                capture_output=True,
                text=True,
                check=True,
            )
            seeds.append(json.loads(out.stdout))
    rng = random.Random(7)
    drivers = ["470.256.02", "525.60.13", "535.104.05", "550.127.05", "572.16", "580.65.06"]
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        facts = json.loads(json.dumps(seeds[i % len(seeds)]))
        if facts["driver"]["version"]:
            facts["driver"]["version"] = rng.choice(drivers)
            facts["driver"]["cuda_version"] = None
        for gpu in facts["gpus"] if own_uuids else ():
            gpu["uuid"] = f"GPU-{rng.getrandbits(128):032x}"
        (folder / f"host-{i:05}.json").write_text(json.dumps(facts))
    return folder


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tf-venv", help="a virtualenv with real TensorFlow for the baselines")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--hosts", type=int, default=10_000)
    parser.add_argument(
        "--apply-compare",
        action="store_true",
        help="also time a full apply with pip and with uv (minutes)",
    )
    args = parser.parse_args()
    tool = shutil.which("tfgpu-setup") or sys.exit("tfgpu-setup is not on PATH")
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} CPUs, Python "
        f"{platform.python_version()}, {platform.platform()}"
    )
    print(f"medians of {args.runs} runs\n")
    print(f"| {'what':<52} | {'median':>13} | {'vs baseline':<16} |")
    print(f"|{'-' * 54}|{'-' * 15}|{'-' * 18}|")

    baseline = None
    if args.tf_venv:
        python = str(Path(args.tf_venv) / "bin" / "python")
        baseline, tf_rss = median_of([python, "-c", TF_ONELINER], args.runs)
        row(
            "python -c 'import tensorflow; list_physical_devices'",
            baseline,
            extra=f"peak RSS {tf_rss / 1024:.0f} MiB",
        )
    probe_s, probe_rss = median_of([tool, "probe", "--json"], args.runs)
    row("tfgpu-setup probe --json", probe_s, baseline, f"peak RSS {probe_rss / 1024:.0f} MiB")
    plan_s, _ = median_of([tool, "plan", "--json"], args.runs)
    row("tfgpu-setup plan --json (probes live)", plan_s, baseline)
    whatif = [
        tool,
        "plan",
        "--json",
        "--no-probe",
        "--os",
        "linux",
        "--python",
        "3.11",
        "--driver",
        "535.104.05",
        "--gpu",
        "NVIDIA GeForce RTX 3090",
    ]
    whatif_s, _ = median_of(whatif, args.runs)
    row("tfgpu-setup plan --no-probe (what-if)", whatif_s, baseline)
    log = REPO / "tests" / "fixtures" / "logs" / "cudart-stub-factory-spam-intel-ext.log"
    doctor_s, _ = median_of([tool, "doctor", "--json", "--no-probe", "--log", str(log)], args.runs)
    row("tfgpu-setup doctor --log FILE --no-probe", doctor_s, baseline)

    for own_uuids in (False, True):
        with tempfile.TemporaryDirectory() as tmp:
            folder = fleet(Path(tmp) / "fleet", args.hosts, tool, own_uuids)
            seconds, _ = median_of([tool, "plan", "--json", "--facts", str(folder)], 3)
            what = ", each GPU its own UUID" if own_uuids else ""
            row(
                f"tfgpu-setup plan --facts DIR ({args.hosts} hosts{what})",
                seconds,
                extra=f"{seconds / args.hosts * 1e6:.0f} µs per host (median of 3)",
            )

    if args.tf_venv:
        python = str(Path(args.tf_venv) / "bin" / "python")
        smoke_s, _ = median_of([python, "-c", SMOKE_ONELINER], max(3, args.runs // 2))
        row("bare smoke one-liner (import tf, list GPUs, reduce_sum)", smoke_s)
        verify_s, _ = median_of(
            [tool, "verify", "--json", "--venv", args.tf_venv], max(3, args.runs // 2)
        )
        row(
            "tfgpu-setup verify (layers + 8 checks)",
            verify_s,
            extra=f"{verify_s / smoke_s:.1f}x the one-liner's time",
        )
        # The first (warm-up) run applies if needed and records verify's result; the timed
        # runs are what a user sees running the same command again: a no-op that shows the
        # recorded result instead of importing TensorFlow again.
        again = [tool, "apply", "--yes", "--venv", args.tf_venv]
        again_s, _ = median_of(again, args.runs)
        row(
            "tfgpu-setup apply --yes, second time (no-op)",
            again_s,
            extra=f"{verify_s / again_s:.0f}x faster than verifying again",
        )
    if args.apply_compare:
        for installer in ("uv", "pip"):
            with tempfile.TemporaryDirectory() as tmp:
                seconds, _ = timed(
                    [
                        tool,
                        "apply",
                        "--yes",
                        "--no-verify",
                        "--installer",
                        installer,
                        "--venv",
                        str(Path(tmp) / "env"),
                    ]
                )
            row(f"tfgpu-setup apply, fresh env, {installer} (warm cache)", seconds)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
