"""The fleet report as one self-contained HTML page: no script, no server, no external file."""

from __future__ import annotations

from html import escape

from .markdown import HEADERS, hosts, row_cells
from .report import FleetReport

STYLE = """
body { font-family: system-ui, sans-serif; margin: 2em; color: #222; }
table { border-collapse: collapse; margin-bottom: 2em; }
th, td { border: 1px solid #bbb; padding: 0.3em 0.6em; text-align: left; vertical-align: top; }
th { background: #eee; }
td.verdict-gpu { background: #e3f6e3; }
td.verdict-cpu { background: #fff5d6; }
td.verdict-none, td.verdict-unknown { background: #fde2e2; }
"""


def render_html(report: FleetReport) -> str:
    totals = report.totals
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        "<title>TensorFlow GPU fleet report</title>",
        f"<style>{STYLE}</style></head><body>",
        "<h1>TensorFlow GPU fleet report</h1>",
        f"<p>{hosts(totals['hosts'])} of {totals['machine_types']} machine types.</p>",
    ]
    for group in report.groups:
        parts.append(f"<h2>{escape(group.machine_type)} ({hosts(group.hosts)})</h2>")
        parts.append(f'<table data-machine-type="{escape(group.machine_type)}">')
        parts.append("<tr>" + "".join(f"<th>{escape(h)}</th>" for h in HEADERS) + "</tr>")
        for row in group.rows:
            cells = row_cells(row)
            tds = [
                f'<td class="verdict-{escape(row.verdict)}">{escape(c)}</td>'
                if h == "verdict"
                else f"<td>{escape(c)}</td>"
                for h, c in zip(HEADERS, cells, strict=True)
            ]
            parts.append("<tr>" + "".join(tds) + "</tr>")
        parts.append("</table>")
    parts.append("<h2>Hosts that differ from their group</h2>")
    if report.outliers:
        parts.append('<ul id="outliers">')
        for outlier in report.outliers:
            what = "; ".join([*outlier.differs, *([outlier.problem] if outlier.problem else [])])
            parts.append(
                f"<li><strong>{escape(outlier.host)}</strong> "
                f"({escape(outlier.machine_type)}): {escape(what)}</li>"
            )
        parts.append("</ul>")
    else:
        parts.append("<p>None: every host is set up like the others of its machine type.</p>")
    parts.append('<h2>Totals</h2><ul id="totals">')
    for key in ("verdict", "applied", "verify"):
        counts = ", ".join(f"{n} {name}" for name, n in totals[key].items())
        parts.append(f"<li>{escape(key)}: {escape(counts)}</li>")
    parts.append(f"<li>hosts with a problem: {totals['problems']}</li>")
    if totals["unreadable"]:
        parts.append(f"<li>files that could not be read: {totals['unreadable']}</li>")
    parts.append("</ul>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"
