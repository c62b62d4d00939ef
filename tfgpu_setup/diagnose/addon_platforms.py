"""TensorFlow add-ons refused by pip on Windows, read by the add-on's own platform coverage.

An empty or short 'from versions' list for tensorflow-text or TF Decision Forests on Windows is
no Python problem: tensorflow-text published Windows wheels only for its releases 2.4 to 2.10
(tensorflow/text#225: none before 2.4), and TF-DF none at all (review 99). Pure: data in, data
out.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..facts import Facts
from ..findings import Finding, Severity
from .logs import LogMatch
from .sources import quoted

WINDOWS_RELEASES = {
    "tensorflow-text": "2.4 to 2.10",
    "tensorflow-decision-forests": "",
}
"""The add-on releases with Windows wheels ('' where none has any)."""
_REFUSALS = frozenset({"pip-no-tf-dependency-wheel-at-all", "pip-no-matching-tf-dependency"})
SOURCE = "https://github.com/tensorflow/text/issues/225"


def addon_without_windows_wheels(
    facts: Facts, matches: Sequence[LogMatch], windows_line: str
) -> list[Finding]:
    """platform-unsupported for pip refusing an add-on with no Windows wheel for it, where the
    OS is Windows (stated, or the paste's own Windows prompt or paths)."""
    windows = (facts.knows("os") and facts.platform.os == "windows") or bool(windows_line)
    if not windows:
        return []
    for m in matches:
        package = (m.groups.get("package") or "").lower().replace("_", "-")
        if m.signature.name not in _REFUSALS or package not in WINDOWS_RELEASES:
            continue
        releases = WINDOWS_RELEASES[package]
        title = (
            f"{package} publishes Windows wheels only for its releases {releases}"
            if releases
            else f"{package} publishes no wheel for Windows"
        )
        fix = (
            f"On Windows install {package} of the same X.Y as a TensorFlow from {releases}"
            " (TensorFlow 2.10 is also the last with GPU support there); for newer releases use"
            " WSL 2 or Linux, where every release has wheels."
            if releases
            else f"Use {package} under WSL 2, Linux or macOS, where it publishes wheels."
        )
        return [
            Finding(
                "platform-unsupported",
                Severity.ERROR,
                title + ": pip's refusal is the platform, not the Python",
                (quoted(m.line),),
                fix,
                SOURCE,
            )
        ]
    return []
