"""Rules register here with their finding id and source, like linters register rule codes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..findings import FINDING_IDS, Finding, Severity
from .context import Context

RuleFn = Callable[[Context], list[Finding]]


@dataclass(frozen=True)
class Rule:
    id: str
    source: str
    check: RuleFn


RULES: list[Rule] = []


def rule(finding_id: str, source: str) -> Callable[[RuleFn], RuleFn]:
    if finding_id not in FINDING_IDS:
        raise ValueError(f"rule id {finding_id!r} is not a public finding id")
    if any(r.id == finding_id for r in RULES):
        raise ValueError(f"duplicate rule id {finding_id!r}")

    def register(check: RuleFn) -> RuleFn:
        RULES.append(Rule(finding_id, source, check))
        return check

    return register


def finding(
    rule_id: str,
    severity: Severity,
    title: str,
    evidence: list[str] | tuple[str, ...],
    fix: str,
    source: str | None = None,
) -> Finding:
    registered = next((r.source for r in RULES if r.id == rule_id), None)
    return Finding(rule_id, severity, title, tuple(evidence), fix, source or registered or "")
