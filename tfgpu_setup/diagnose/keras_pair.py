"""The Keras pairing fixes filled in with the TensorFlow release the paste ran.

From 2.6 to 2.15 a standalone keras X.Y goes with TensorFlow X.Y, and from 2.16 tf_keras X.Y
does. The signatures' fixes say so as a template ('keras~=X.Y.0'); where the release is known
(stated, or a version line of the paste) the user gets the command itself (review 97).
"""

from __future__ import annotations

import dataclasses

from packaging.version import InvalidVersion

from ..findings import Finding
from ..versions import parsed

_KERAS_TEMPLATES = (
    (
        "('pip install \"keras~=X.Y.0\"' for TensorFlow X.Y: keras 2.6 for 2.6, 2.8 for 2.8; ",
        "('pip install \"{package}~={xy}.0\"' for TensorFlow {xy}; ",
    ),
    (
        "for TensorFlow 2.16 and newer 'pip install \"tf_keras~=X.Y.0\"' (tf-keras-nightly"
        " beside tf-nightly), for 2.6 to 2.15 'pip install \"keras~=X.Y.0\"'",
        "'pip install \"{package}~={xy}.0\"' for TensorFlow {xy}",
    ),
)


def keras_pair_named(findings: tuple[Finding, ...], release: str | None) -> tuple[Finding, ...]:
    """The findings, with each Keras pairing template naming the package and version this
    release pairs with (2.6 and newer; a nightly keeps the template, whose nightly note fits)."""
    if not release or "dev" in release:
        return findings
    try:
        version = parsed(release)
    except InvalidVersion:
        return findings
    if version.major != 2 or version.minor < 6:
        return findings
    xy = f"{version.major}.{version.minor}"
    package = "tf_keras" if version.minor >= 16 else "keras"
    return tuple(_filled(f, package, xy) for f in findings)


def _filled(finding: Finding, package: str, xy: str) -> Finding:
    fix = finding.fix
    for template, named in _KERAS_TEMPLATES:
        if package == "keras" or "tf_keras" in template:
            fix = fix.replace(template, named.format(package=package, xy=xy))
    return finding if fix == finding.fix else dataclasses.replace(finding, fix=fix)
