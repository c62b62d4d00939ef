"""One TensorFlow distribution that conda and pip both installed in one environment.

'conda list' shows a package pip installed as its own row ('<pip>' in conda 4.3's listing,
'pypi_0  pypi' since): the same name in a conda row and a pip row is two installs writing the
same files (wangyum/Anaconda#3: tensorflow 0.9.0 from conda-forge beside pip's 0.12.0). Pure:
data in, data out.
"""

from __future__ import annotations

import re

from .signatures.install import TF_DISTRIBUTION

_CONDA_LIST_ROW = re.compile(
    r"^[ \t>]{0,8}(?P<dist>"
    + TF_DISTRIBUTION
    + r")[ \t]+(?P<version>\d{1,2}\.\d{1,3}[\w.+-]{0,40})"
    r"[ \t]+(?P<build>\S{1,80})(?:[ \t]+(?P<channel>\S{1,80}))?[ \t]*\r?$",
    re.MULTILINE,
)


_LISTING_START = re.compile(
    r"^[ \t>]{0,8}# packages in environment at |^[^\n]{0,200}\bconda list\b", re.MULTILINE
)
"""Where a listing starts: 'conda list''s header for its environment, or the command itself
(each run may be in another environment)."""


def installed_by_conda_and_pip(sample: str) -> tuple[str, ...]:
    """The two 'conda list' rows of a TensorFlow distribution that conda and pip both
    installed in one environment (one listing: no other header or 'conda list' between them),
    conda's first; () where no name has both."""
    for listing in _LISTING_START.split(sample):
        by_conda: dict[str, str] = {}
        by_pip: dict[str, str] = {}
        for row in _CONDA_LIST_ROW.finditer(listing):
            name = row["dist"].lower().replace("_", "-")
            from_pip = row["build"] == "<pip>" or row["channel"] == "pypi"
            (by_pip if from_pip else by_conda).setdefault(name, row.group(0).strip())
        for name, conda_row in by_conda.items():
            if name in by_pip:
                return conda_row, by_pip[name]
    return ()
