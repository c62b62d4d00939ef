"""The doctor's Markdown report for a bug report or a forum post, redacted by default."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..facts import Facts
from ..findings import ids_tagged
from ..verify.outcome import VerifyOutcome
from .doctor import Diagnosis

UUID = re.compile(r"\b(GPU|MIG)-[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}\b")
PATH_FINDINGS = ids_tagged("paths")


@dataclass(frozen=True)
class Redaction:
    """What identifies the user: replaced in every line of the report."""

    home: str | None
    user: str | None
    host: str | None
    other_users: tuple[str, ...] = ()
    """More names of the same user ($USER, $LOGNAME and the account name can differ)."""

    def apply(self, text: str) -> str:
        if self.home and len(self.home) > 1:
            text = text.replace(self.home.rstrip("/"), "~")
        text = re.sub(r"/(home|Users)/[^/\s'\"]+", r"~", text)
        text = UUID.sub(lambda m: f"{m.group(1)}-<redacted>", text)
        hosts = {self.host, self.host.split(".")[0]} if self.host else set()
        # Host names are case-insensitive (LAB-BOX-7 is lab-box-7); user names are not, and
        # matching them so would turn 'NVIDIA Ada' into '<user>' for a user called ada.
        secrets = [(h, "<host>", re.IGNORECASE) for h in hosts] + [
            (u, "<user>", 0) for u in {self.user, *self.other_users}
        ]
        for secret, label, flags in sorted(secrets, key=lambda s: -len(s[0] or "")):
            if secret and len(secret) > 2:
                text = re.sub(rf"\b{re.escape(secret)}\b", label, text, flags=flags)
        return text


def render_report(
    diagnosis: Diagnosis,
    facts: Facts | None,
    verify: VerifyOutcome | None,
    redaction: Redaction | None,
) -> str:
    lines = ["# tfgpu-setup doctor report", "", f"**Verdict:** {diagnosis.verdict}", ""]
    if diagnosis.findings:
        lines += ["## Findings", ""]
        for f in diagnosis.findings:
            lines.append(f"- **{f.severity.value}** `{f.id}`: {f.title}")
            lines += [f"  - evidence: `{e}`" for e in f.evidence]
            lines.append(f"  - fix: {f.fix}")
            if f.source:
                lines.append(f"  - source: {f.source}")
        lines.append("")
    if diagnosis.next_steps:
        lines += ["## To confirm", "", *(f"- {s}" for s in diagnosis.next_steps), ""]
    if facts is not None:
        lines += ["## Facts", "", *_facts_lines(facts, diagnosis), ""]
    if verify is not None:
        lines += ["## Verify", "", f"- status: {verify.status}: {verify.reason}"]
        report = verify.smoke.report if verify.smoke else None
        if report is not None:
            lines += [
                f"- {c.name} on {c.device}: {c.status} "
                f"{c.result_device or c.reason or c.error or ''}".rstrip()
                for c in report.checks
            ]
        if verify.smoke and verify.smoke.stderr.strip():
            tail = verify.smoke.stderr.strip().splitlines()[-25:]
            lines += ["", "TensorFlow's log (last lines):", "", "```", *tail, "```"]
        lines.append("")
    text = "\n".join(lines)
    return redaction.apply(text) if redaction else text


UNKNOWN = "unknown (not measured or stated)"


def _facts_lines(facts: Facts, diagnosis: Diagnosis) -> list[str]:
    """What was known, as the report's reader needs it: an unknown fact says so, never shows
    the placeholder that stands in for it."""
    p, d = facts.platform, facts.driver

    def known(name: str, text: str) -> str:
        return text if facts.knows(name) else UNKNOWN

    platform = [
        p.os if facts.knows("os") else "OS unknown",
        p.arch if facts.knows("arch") else "architecture unknown",
        *([p.distro] if p.distro else []),
        f"glibc {p.glibc or '-'}" if facts.knows("glibc") else "glibc unknown",
        *(["container"] if facts.knows("container") and p.container else []),
    ]
    out = [
        f"- platform: {', '.join(platform)}",
        "- driver: "
        + known(
            "driver",
            f"{d.version or 'none'} (CUDA {d.cuda_version or '-'}; source {d.source})"
            + (f"; {d.reason}" if d.reason else ""),
        ),
    ]
    if not facts.gpus:
        out.append("- GPUs: " + known("gpus", f"none listed ({facts.gpus_reason or '-'})"))
    out += [
        f"- GPU {g.index}: {g.name}, compute capability {g.compute_capability or '?'}, "
        f"{g.memory_total_mib or '?'} MiB, uuid {g.uuid or '-'}"
        for g in facts.gpus
    ]
    for name, what, installs in (("cuda", "CUDA", facts.cuda), ("cudnn", "cuDNN", facts.cudnn)):
        if not installs:
            out.append(f"- {what}: " + known(name, "none found"))
        out += [f"- {what} {c.version or '?'} ({c.kind}) at {c.path}" for c in installs]
    env = facts.target_env
    if env is not None:
        tf = ", ".join(f"{t.name} {t.version}" for t in env.tensorflow) or "no TensorFlow"
        out.append(
            f"- environment {env.path}: Python {env.python_version}, {tf}, "
            f"{len(env.nvidia_wheels)} NVIDIA wheels"
        )
    keep_paths = any(f.id in PATH_FINDINGS for f in diagnosis.findings)
    for name, value in facts.env.items():
        if value is None or name == "PATH" or (name == "LD_LIBRARY_PATH" and not keep_paths):
            continue
        out.append(f"- {name}={value!r}")
    return out
