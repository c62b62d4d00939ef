"""The Keras pairing (and ml_dtypes) fixes filled in with the TensorFlow release the paste ran.

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


ML_DTYPES_TEMPLATE = "'pip install \"ml-dtypes~=0.2.0\"'"


def _ml_dtypes_pin(release: str) -> str | None:
    """The ml_dtypes a release pins (2.14 and 2.15.0: 0.2's; 2.15.1 and 2.16: 0.3's), from its
    wheel's metadata as Spack's py-tensorflow package records it; None where not known here
    (a release of another series, or '2.15' without its patch)."""
    try:
        version = parsed(release)
    except InvalidVersion:
        return None
    series, patch = version.release[:2], version.release[2:3]
    if series == (2, 14) or (series == (2, 15) and patch == (0,)):
        return "~=0.2.0"
    if series == (2, 16) or (series == (2, 15) and patch and patch[0] >= 1):
        return "~=0.3.1"
    return None


def ml_dtypes_named(findings: tuple[Finding, ...], release: str | None) -> tuple[Finding, ...]:
    """The ml_dtypes command named for the release that ran, where its pin is known."""
    pin = _ml_dtypes_pin(release) if release else None
    if pin is None:
        return findings
    named = f"'pip install \"ml-dtypes{pin}\"' for TensorFlow {release}"
    return tuple(
        dataclasses.replace(f, fix=f.fix.replace(ML_DTYPES_TEMPLATE, named))
        if ML_DTYPES_TEMPLATE in f.fix
        else f
        for f in findings
    )


NIGHTLY_PAIR = (
    "('pip install -U --force-reinstall tf-nightly keras-nightly': a nightly pairs with the"
    " Keras nightly of its own date, not a release's; "
)


def keras_pair_named(
    findings: tuple[Finding, ...], release: str | None, nightly: bool = False
) -> tuple[Finding, ...]:
    """The findings, with each Keras pairing template naming the package and version this
    release pairs with (2.6 and newer), or the nightly pair where tf-nightly is what ran."""
    if nightly or (release and "dev" in release):
        template = _KERAS_TEMPLATES[0][0]
        return tuple(
            dataclasses.replace(f, fix=f.fix.replace(template, NIGHTLY_PAIR))
            if template in f.fix
            else f
            for f in findings
        )
    if not release:
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
