"""Whose old protobuf code a refusal is about: a package's, or the project's own.

protobuf 4.21 and newer refuse descriptors made by code generated before protoc 3.19. Under a
TensorFlow that needs that protobuf (2.12 and newer) the old code is another package's: a
package installed in site-packages is mended by its newer release; the project's own generated
files (object_detection/protos) by running protoc again (review 98). Pure: findings and text
in, findings out.
"""

from __future__ import annotations

import dataclasses
import re

from ..findings import Finding

PACKAGE_FIRST = "Upgrade that package (the traceback's _pb2.py files name it)"
OWN_CODE_FIRST = (
    "Regenerate those _pb2.py files, the project's own (the traceback names them), with a protoc"
    " of the installed protobuf's major (for the Object Detection API: 'protoc"
    " object_detection/protos/*.proto --python_out=.' in models/research); a package they come"
    " from is mended by its release made for that protobuf instead. For a quick run,"
    " PROTOCOL_BUFFERS_PYTHON_IMPLEMENTATION=python (slow)."
)
_PB2_FRAME = re.compile(r'File "(?P<path>[^"\n]{1,300}_pb2\.py)", line \d')
_INSTALLED = re.compile(r"[/\\](?:site|dist)-packages[/\\]")


def generated_code_owned(findings: tuple[Finding, ...], text: str) -> tuple[Finding, ...]:
    """The fix led by regenerating where the last generated file in the traceback is the
    project's own, not an installed package's."""
    frames = list(_PB2_FRAME.finditer(text))
    if not frames or _INSTALLED.search(frames[-1]["path"]):
        return findings
    return tuple(
        dataclasses.replace(f, fix=OWN_CODE_FIRST + f.fix[f.fix.find(" Do not install") :])
        if f.fix.startswith(PACKAGE_FIRST) and " Do not install" in f.fix
        else f
        for f in findings
    )
