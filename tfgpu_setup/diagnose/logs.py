"""Log text in, findings out: match the signature catalogue, then keep root causes first.

Pure: no I/O and no clock. Fast on large logs: each signature's needles are found with str.find
over the whole text, and a regex only runs on the lines that contain a needle.
"""

from __future__ import annotations

import dataclasses
from bisect import bisect_right
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Protocol

from packaging.version import InvalidVersion, Version

from ..findings import Finding, Severity, ids_tagged, rank_key
from ..matrix.model import Defect
from ..versions import specifier
from .signatures import CATALOGUE, Signature, derived_fields

MAX_EVIDENCE = 3
"""Quoted lines per finding: enough to recognise the problem, short enough to read."""
MAX_LINE_CHARS = 400

NOT_REGISTERED_IDS = ids_tagged("no-gpu-registered")
"""Ids that claim TensorFlow registered no GPU: only a warning when another line shows that a GPU
was registered (logs often mix several processes)."""


@dataclass(frozen=True)
class LogMatch:
    signature: Signature
    line_number: int
    """1-based."""
    line: str
    groups: Mapping[str, str]
    """The pattern's named groups ('' when a group did not take part) and the derived fields."""
    column: int = 0
    """Where on the line the match starts (a hard-wrapped log rejoined may hold two records)."""
    pasted_line: int | None = None
    """The line of the paste as the user has it, where reading it rejoined wrapped records or
    split joined ones (line_number counts the lines as read)."""

    @property
    def position(self) -> tuple[int, int]:
        return (self.line_number, self.column)


@dataclass(frozen=True)
class LogDiagnosis:
    findings: tuple[Finding, ...]
    """Most severe first, root causes before their consequences."""
    gpu_seen: bool
    """A line shows that TensorFlow created or listed a GPU device."""
    matches: tuple[LogMatch, ...]


def _needle_index() -> dict[str, tuple[int, ...]]:
    index: dict[str, list[int]] = {}
    for position, signature in enumerate(CATALOGUE):
        for needle in signature.needles:
            index.setdefault(needle, []).append(position)
    return {needle: tuple(positions) for needle, positions in index.items()}


_NEEDLES = _needle_index()
"""Each distinct needle once, with the signatures it may announce: one scan of the text each."""


def has_needle(text: str) -> bool:
    """Whether any signature could match somewhere in text (a cheap test before match_log)."""
    return any(needle in text for needle in _NEEDLES)


READ_PIECE_BYTES = 1 << 20
"""A log is read a piece of at most this many bytes at a time, however long its lines are."""
MAX_KEPT_LINE_CHARS = 4 << 20
"""Of one enormous line, the pieces naming a signature are kept up to this many characters."""
MAX_REPEATS = 16
"""Identical lines kept per log: more copies cannot change a finding (evidence quotes three)."""
FULL_TEXT_CHARS = 4 << 20
"""The start of a log is kept whole (every line, up to this many characters): what a pasted log
says besides signature lines (paths, versions, wrapped continuations) is evidence too, and
pasted logs are far shorter than this. Past it only the lines a signature could match are kept."""


BLANK_RUN_KEPT = 8
"""A longer run of blank (or dropped) lines is kept as this many: more than any signature reads
past its line, so what a signature sees is the same; ReadLog.left_out keeps the count."""


BLANK_RUN_SHORTENED = 64
"""Runs of blank lines up to this long are kept as they are (a pasted log's own blank lines)."""


class ReadLog(str):
    """A log as read_log kept it. Long runs of blank lines are shortened, so memory follows the
    lines that matter and not the log's length; left_out says where, for the line numbers
    evidence quotes: (the kept blank line the run ends at, the lines left out after it)."""

    left_out: tuple[tuple[int, int], ...] = ()


def line_in_file(log: str, line_number: int) -> int:
    """The file's line number of a line of the read log (the same, unless runs were shortened)."""
    left_out: tuple[tuple[int, int], ...] = getattr(log, "left_out", ())
    return line_number + sum(count for after, count in left_out if after < line_number)


class ByteLines(Protocol):
    """What read_log reads from: a binary file, or anything that reads bounded lines of bytes."""

    def readline(self, limit: int = -1, /) -> bytes: ...


def read_log(stream: ByteLines) -> str:
    """A log as match_log reads it, streamed in bounded pieces: every line a signature could
    match, at its own line number; every other line (and repeats beyond MAX_REPEATS) as an
    empty line, long runs of them shortened (ReadLog.left_out). Memory grows with the lines
    that matter, not with the size of the log or its number of lines.
    Bytes that are not UTF-8 become U+FFFD; a byte-order mark at a line's start (Notepad's,
    PowerShell's Out-File, two such files joined) is dropped, or that line's record would not
    start where it does."""
    reader = _LogReader()
    block: list[tuple[str, bool]] = []
    block_chars = 0
    continuing = False
    while piece := stream.readline(READ_PIECE_BYTES):
        text = piece.decode("utf-8", errors="replace").removesuffix("\n")
        if not continuing:
            text = text.lstrip("\ufeff")
        block.append((text, continuing))
        block_chars += len(text) + 1
        continuing = not piece.endswith(b"\n")
        if block_chars >= READ_PIECE_BYTES:
            reader.add(block)
            block, block_chars = [], 0
    reader.add(block)
    return reader.read()


class _LogReader:
    def __init__(self) -> None:
        self.kept: list[str] = []
        self.repeats: dict[str, int] = {}
        self.line: list[str] | None = None
        self.line_chars = 0
        self.total_chars = 0
        """Characters of lines kept so far."""
        self.blanks = 0
        """Blank lines read since the last line kept."""
        self.left_out: list[tuple[int, int]] = []

    def add(self, block: list[tuple[str, bool]]) -> None:
        """Pieces of lines, each with whether it continues the previous piece's line."""
        hits = _pieces_with_needles([piece for piece, _ in block])
        for index, (piece, continues) in enumerate(block):
            if not continues or self.line is None:
                self._finish()
                self.line, self.line_chars = [], 0
            whole = self.total_chars + self.line_chars + len(piece) <= FULL_TEXT_CHARS
            if (whole or index in hits) and self.line_chars + len(piece) <= MAX_KEPT_LINE_CHARS:
                self.line.append(piece)
                self.line_chars += len(piece)

    def _finish(self) -> None:
        if self.line is None:
            return
        line = "".join(self.line)
        self.total_chars += len(line) + 1
        if line:
            self.repeats[line] = seen = self.repeats.get(line, 0) + 1
            if seen > MAX_REPEATS:
                line = ""
        self.line = None
        if not line:
            self.blanks += 1
            return
        self._keep_blanks()
        self.kept.append(line)

    def _keep_blanks(self) -> None:
        kept = BLANK_RUN_KEPT if self.blanks > BLANK_RUN_SHORTENED else self.blanks
        self.kept.extend([""] * kept)
        if kept < self.blanks:
            self.left_out.append((len(self.kept), self.blanks - kept))
        self.blanks = 0

    def read(self) -> ReadLog:
        self._finish()
        self._keep_blanks()
        log = ReadLog("\n".join(self.kept))
        log.left_out = tuple(self.left_out)
        return log


def _pieces_with_needles(pieces: list[str]) -> set[int]:
    """The indices of the pieces holding a needle: one str.find scan per needle per block."""
    text = "\n".join(pieces)
    starts = []
    offset = 0
    for piece in pieces:
        starts.append(offset)
        offset += len(piece) + 1
    hits: set[int] = set()
    for needle in _NEEDLES:
        position = text.find(needle)
        while position != -1:
            index = bisect_right(starts, position) - 1
            hits.add(index)
            following = starts[index + 1] if index + 1 < len(starts) else len(text)
            position = text.find(needle, following)
    return hits


def line_start(text: str, line_number: int) -> int:
    """Where a LogMatch's 1-based line starts in text (its end where the text has fewer
    lines)."""
    position = 0
    for _ in range(line_number - 1):
        position = text.find("\n", position) + 1
        if position == 0:
            return len(text)
    return position


def blanked(text: str, spans: list[tuple[int, int]]) -> str:
    """The text with the lines of each (start, end) span emptied, the line count kept (spans in
    order, not overlapping)."""
    pieces: list[str] = []
    cursor = 0
    for start, end in spans:
        pieces += (text[cursor:start], "\n" * text.count("\n", start, end))
        cursor = end
    return "".join((*pieces, text[cursor:]))


def match_log(text: str) -> tuple[LogMatch, ...]:
    """Every line a signature recognises, in line order (catalogue order within a line)."""
    # line start -> (line end, signatures announced by a needle on that line)
    candidates: dict[int, tuple[int, set[int]]] = {}
    for needle, announced in _NEEDLES.items():
        position = text.find(needle)
        while position != -1:
            start = text.rfind("\n", 0, position) + 1
            end = text.find("\n", position)
            end = len(text) if end == -1 else end
            entry = candidates.get(start)
            if entry is None:
                candidates[start] = (end, set(announced))
            else:
                entry[1].update(announced)
            position = text.find(needle, end)
    matches: list[LogMatch] = []
    # Log lines repeat; what a matched text means is computed once per signature and text.
    fields_cache: dict[tuple[int, str], Mapping[str, str]] = {}
    line_number, counted_to = 1, 0
    for start in sorted(candidates):
        end, positions = candidates[start]
        line = text[start:end].rstrip("\r")
        for position in sorted(positions):
            signature = CATALOGUE[position]
            read = line
            if signature.spans_lines:
                after = end
                for _ in range(signature.spans_lines):
                    after = text.find("\n", after + 1)
                    if after == -1:
                        after = len(text)
                        break
                read = text[start:after].rstrip("\r")
            found = signature.pattern.search(read)
            if found is None:
                continue
            line_number += text.count("\n", counted_to, start)
            counted_to = start
            cache_key = (position, found.group(0))
            fields = fields_cache.get(cache_key)
            if fields is None:
                fields = MappingProxyType(derived_fields(found.groupdict()))
                fields_cache[cache_key] = fields
            matches.append(LogMatch(signature, line_number, line, fields, found.start()))
    return tuple(matches)


def diagnose_log(
    text: str, tf_version: str | None = None, defects: tuple[Defect, ...] = ()
) -> LogDiagnosis:
    """Findings from TensorFlow's own log lines. tf_version and the matrix's known defects
    refine lines whose meaning depends on the release."""
    return diagnose_matches(match_log(text), tf_version, defects)


XLA_DEVICE = frozenset({"xla-gpu-stream-executor", "xla-service-on-cuda"})
SKIPPED_GPUS = "cannot-dlopen-gpu-libraries"


PHYSICAL_LISTINGS = frozenset({"gpu-physical-device-listed", "gpu-count-printed"})
"""A script's list of the physical GPUs (tf.config.list_physical_devices), or its count: it
holds every GPU the driver shows, those TensorFlow then ignores too."""
GPU_IGNORED = frozenset(
    {"min-compute-capability", "min-compute-capability-cut", "rocm-gfx-unsupported"}
)
"""TensorFlow's record that it will not use a GPU it found: its compute capability (or AMD
ISA) is not one the build has kernels for."""


def _listed_beyond_the_ignored(matches: tuple[LogMatch, ...]) -> bool:
    """Whether the physical GPUs a script listed outnumber those TensorFlow ignored: one of
    them is then one it uses (none ignored: every listed one)."""
    ignored = {m.line for m in matches if m.signature.name in GPU_IGNORED}
    if not ignored:
        return True
    indices = {
        m.groups.get("index") for m in matches if m.signature.name == "gpu-physical-device-listed"
    }
    counts = [
        int(m.groups["count"])
        for m in matches
        if m.signature.name == "gpu-count-printed" and m.groups.get("count")
    ]
    return max([len(indices), *counts]) > len(ignored)


def _gpu_proved(matches: tuple[LogMatch, ...]) -> bool:
    """A line shows a GPU device of TensorFlow's. XLA's own CUDA device, after TensorFlow
    skipped registering its GPUs (TF 2.0 to 2.3 make it then too), is no such device; nor is a
    list of physical GPUs beside TensorFlow ignoring one (the list keeps it: review 120)."""
    skipped = min(
        (m.line_number for m in matches if m.signature.name == SKIPPED_GPUS), default=None
    )
    listed_beyond = _listed_beyond_the_ignored(matches)
    return any(
        m.signature.proves_gpu
        and (m.signature.name not in XLA_DEVICE or skipped is None or m.line_number < skipped)
        and (listed_beyond or m.signature.name not in PHYSICAL_LISTINGS)
        for m in matches
    )


def diagnose_matches(
    matches: tuple[LogMatch, ...], tf_version: str | None = None, defects: tuple[Defect, ...] = ()
) -> LogDiagnosis:
    """diagnose_log for lines already matched (the doctor reads the release from them first)."""
    gpu_seen = _gpu_proved(matches)
    context = _Context(
        _parse_version(tf_version), frozenset(m.signature.name for m in matches), defects
    )
    lines_by_meaning: dict[_Meaning, list[LogMatch]] = {}
    for match in matches:
        if match.signature.finding_id is None or (match.signature.needs_no_gpu and gpu_seen):
            continue
        lines_by_meaning.setdefault(context.meaning(match), []).append(match)
    explained = _explained(lines_by_meaning)
    groups: dict[tuple[str, str], list[_Meaning]] = {}
    for meaning in lines_by_meaning:
        if meaning not in explained:
            groups.setdefault(meaning.key, []).append(meaning)
    findings = [
        _merge(group, lines_by_meaning, frozenset(k[0] for k in groups if k != key), gpu_seen)
        for key, group in groups.items()
    ]
    findings.sort(key=lambda f: (*rank_key(f[0]), f[1]))
    return LogDiagnosis(tuple(f for f, _ in findings), gpu_seen, matches)


def read_as(
    matches: tuple[LogMatch, ...], tf_version: str | None, defects: tuple[Defect, ...] = ()
) -> Callable[[LogMatch], tuple[str, Severity]]:
    """What each of `matches` means for this release (its finding id and severity, once its
    variant is chosen): a line's signature alone may say error where the release says not."""
    context = _Context(
        _parse_version(tf_version), frozenset(m.signature.name for m in matches), defects
    )

    def read(match: LogMatch) -> tuple[str, Severity]:
        meaning = context.meaning(match)
        return meaning.finding_id, meaning.severity

    return read


@dataclass(frozen=True, eq=False)
class _Meaning:
    """What a matched line means, once its variant is chosen and its templates filled."""

    signature: Signature
    finding_id: str
    subject: str
    title: str
    fix: str
    source: str
    severity: Severity

    @property
    def key(self) -> tuple[str, str]:
        return (self.finding_id, self.subject)


class _Context:
    """Reads matches in the light of the TensorFlow version and of the other lines in the log."""

    def __init__(
        self, version: Version | None, seen: frozenset[str], defects: tuple[Defect, ...] = ()
    ) -> None:
        self.version = version
        self.seen = seen
        self.defects = defects
        self._cache: dict[tuple[str, int], _Meaning] = {}

    def meaning(self, match: LogMatch) -> _Meaning:
        # match_log gives every match of the same text the same groups object, and all matches
        # stay alive while a log is read, so the object's identity is a safe, cheap cache key.
        key = (match.signature.name, id(match.groups))
        cached = self._cache.get(key)
        if cached is None:
            cached = self._cache[key] = self._read(match.signature, match.groups)
        return cached

    def _read(self, signature: Signature, fields: Mapping[str, str]) -> _Meaning:
        assert signature.finding_id is not None
        chosen = (signature.finding_id, signature.title, signature.fix, signature.source)
        severity = signature.severity
        for variant in signature.variants:
            if variant.tf_versions is not None and (
                self.version is None
                or not variant.tf_versions.contains(self.version, prereleases=True)
            ):
                continue
            defect = self._defect(variant.defect) if variant.defect else None
            if variant.defect and defect is None:
                continue
            if (
                variant.with_signatures <= self.seen
                and (not variant.with_any_signature or variant.with_any_signature & self.seen)
                and not variant.unless_signatures & self.seen
            ):
                chosen = (variant.finding_id, variant.title, variant.fix, variant.source)
                severity = variant.severity or signature.severity
                if defect is not None:
                    fields = {
                        **fields,
                        "defect_workaround": defect.workaround,
                        "defect_source": defect.source,
                    }
                break
        finding_id, title, fix, source = chosen
        return _Meaning(
            signature=signature,
            finding_id=finding_id,
            subject=signature.subject.format_map(fields),
            title=title.format_map(fields),
            fix=fix.format_map(fields),
            source=source.format_map(fields),
            severity=severity,
        )

    def _defect(self, defect_id: str) -> Defect | None:
        """The matrix's known defect with this id, when it affects the release."""
        if self.version is None:
            return None
        return next(
            (
                d
                for d in self.defects
                if d.id == defect_id
                and specifier(d.affects).contains(self.version, prereleases=True)
            ),
            None,
        )


def _explained(meanings: Iterable[_Meaning]) -> set[_Meaning]:
    """The consequences whose cause another line names. The cause must be about something else
    (a generic 'cannot load libraries' line is explained by the line naming the library), and two
    lines that would explain each other are both kept: neither is the root."""
    distinct = set(meanings)
    return {
        meaning
        for meaning in distinct
        if any(
            other.key != meaning.key
            and other.finding_id in meaning.signature.explained_by
            and meaning.finding_id not in other.signature.explained_by
            for other in distinct
        )
    }


_CATALOGUE_RANK = {s.name: rank for rank, s in enumerate(CATALOGUE)}


def _merge(
    group: list[_Meaning],
    lines_by_meaning: Mapping[_Meaning, list[LogMatch]],
    other_ids: frozenset[str],
    gpu_seen: bool,
) -> tuple[Finding, int]:
    """One finding per (id, subject): the most severe, most specific line names it."""
    severity = {m: _severity(m, other_ids, gpu_seen) for m in group}
    worst = min(severity.values(), key=lambda s: s.rank)
    representative = min(
        (m for m, s in severity.items() if s is worst),
        key=lambda m: _CATALOGUE_RANK[m.signature.name],
    )
    # Each meaning's lines are in line order, so the first few of each hold the first few overall.
    first_lines = sorted(
        (m for meaning in group for m in lines_by_meaning[meaning][:MAX_EVIDENCE]),
        key=lambda m: (m.line_number, _CATALOGUE_RANK[m.signature.name]),
    )
    evidence: list[str] = []
    for match in first_lines:
        quoted = _quote(match)
        if quoted not in evidence:
            evidence.append(quoted)
    finding = Finding(
        id=representative.finding_id,
        severity=worst,
        title=representative.title,
        evidence=tuple(evidence[:MAX_EVIDENCE]),
        fix=representative.fix,
        source=representative.source,
    )
    return finding, first_lines[0].line_number


def _severity(meaning: _Meaning, other_ids: frozenset[str], gpu_seen: bool) -> Severity:
    severity = meaning.severity
    if severity is Severity.ERROR and (
        (gpu_seen and meaning.finding_id in NOT_REGISTERED_IDS and not meaning.signature.at_work)
        or meaning.signature.demoted_by & other_ids
    ):
        return Severity.WARNING
    return severity


def _quote(match: LogMatch) -> str:
    line = match.line.strip()
    if len(line) > MAX_LINE_CHARS:
        line = line[: MAX_LINE_CHARS - 3] + "..."
    return f"line {match.pasted_line or match.line_number}: {line}"


SOURCE_KEY_CHARS = (200, 60, 24)
"""How much of a line, from where its match starts, finds it in the paste: the longest first
(two failures to load libraries start alike), shorter where a rejoined record's first piece
ends sooner."""


def on_pasted_lines(matches: tuple[LogMatch, ...], pasted: str, read: str) -> tuple[LogMatch, ...]:
    """Each match with the line of the paste it came from. Reading a paste rejoins the records
    a terminal or mail client wrapped (and drops quoting), so its lines are not the file's: a
    record wrapped over three lines above the failure put the failure two lines too early.
    Matches are in line order, so one forward pass over the paste finds them all."""
    if pasted == read:
        if not getattr(pasted, "left_out", ()):
            return matches
        return tuple(
            dataclasses.replace(m, pasted_line=line_in_file(pasted, m.line_number)) for m in matches
        )
    found: list[LogMatch] = []
    offset, line = 0, 1
    placed: dict[int, int] = {}  # a read line -> the paste's line it was found on
    for match in matches:
        if match.line_number in placed:
            found.append(dataclasses.replace(match, pasted_line=placed[match.line_number]))
            continue
        # from where the match starts, then from the line's start (its timestamp), which stays
        # in the first piece of a record a terminal wrapped inside the message
        keys = (
            key
            for start in dict.fromkeys((match.column, 0))
            for chars in SOURCE_KEY_CHARS
            if (key := match.line[start : start + chars]).strip()
        )
        at = next((pos for key in keys if (pos := pasted.find(key, offset)) != -1), -1)
        if at == -1:
            found.append(match)
            continue
        line += pasted.count("\n", offset, at)
        placed[match.line_number] = line_in_file(pasted, line)
        # the next read line lies past this one in the paste
        end = pasted.find("\n", at)
        offset = len(pasted) if end == -1 else end + 1
        line += 1 if end != -1 else 0
        found.append(dataclasses.replace(match, pasted_line=placed[match.line_number]))
    return tuple(found)


def _parse_version(tf_version: str | None) -> Version | None:
    if tf_version is None:
        return None
    try:
        return Version(tf_version)
    except InvalidVersion:
        return None
