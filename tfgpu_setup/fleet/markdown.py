"""The fleet report as Markdown: one table per machine type, the outliers, the totals."""

from __future__ import annotations

from .report import FleetReport, Row

HEADERS = ("hosts", "GPU", "driver", "CUDA", "verdict", "TensorFlow", "top finding", "fix")
HOSTS_SHOWN = 8
"""A row names this many hosts, then says how many more."""


def cell(text: str) -> str:
    """Text that stays inside one Markdown table cell."""
    return (
        " ".join(text.split()).replace("\\", "\\\\").replace("|", "\\|").replace("`", "\\`") or "-"
    )


def hosts(count: int) -> str:
    return f"{count} host" if count == 1 else f"{count} hosts"


def host_list(hosts: tuple[str, ...]) -> str:
    shown = ", ".join(hosts[:HOSTS_SHOWN])
    more = len(hosts) - HOSTS_SHOWN
    return f"{len(hosts)}: {shown}" + (f" and {more} more" if more > 0 else "")


def row_cells(row: Row) -> tuple[str, ...]:
    verdict = row.verdict
    if row.applied != "not run" or row.verify != "not run":
        verdict += f" (apply {row.applied}, verify {row.verify})"
    return (
        host_list(row.hosts),
        row.gpu,
        row.driver,
        row.cuda,
        verdict,
        row.tensorflow,
        row.finding,
        row.fix,
    )


def render_markdown(report: FleetReport) -> str:
    totals = report.totals
    out = [
        "# TensorFlow GPU fleet report",
        "",
        f"{hosts(totals['hosts'])} of {totals['machine_types']} machine types.",
        "",
    ]
    for group in report.groups:
        out += [f"## {cell(group.machine_type)} ({hosts(group.hosts)})", ""]
        out.append("| " + " | ".join(HEADERS) + " |")
        out.append("|" + "---|" * len(HEADERS))
        for row in group.rows:
            out.append("| " + " | ".join(cell(c) for c in row_cells(row)) + " |")
        out.append("")
    out += ["## Hosts that differ from their group", ""]
    if not report.outliers:
        out += ["None: every host is set up like the others of its machine type.", ""]
    for outlier in report.outliers:
        what = "; ".join([*outlier.differs, *([outlier.problem] if outlier.problem else [])])
        out.append(f"- **{cell(outlier.host)}** ({cell(outlier.machine_type)}): {cell(what)}")
    if report.outliers:
        out.append("")
    out += ["## Totals", ""]
    for key in ("verdict", "applied", "verify"):
        counts = ", ".join(f"{n} {name}" for name, n in totals[key].items())
        out.append(f"- {key}: {counts}")
    out.append(f"- hosts with a problem: {totals['problems']}")
    if totals["unreadable"]:
        out.append(f"- files that could not be read: {totals['unreadable']} (see the hosts above)")
    return "\n".join(out) + "\n"
