"""A pasted log, read back as the lines TensorFlow printed.

People paste logs through terminals, mail clients, issue forms, notebooks and chat apps:
records get word-wrapped or cut at a console's width, quoted with '> ', indented, coloured,
quotes curled and HTML-escaped. These helpers undo that before any signature reads a line.
Pure: text in, text out.
"""

from __future__ import annotations

import html
import itertools
import re
import textwrap
from collections import Counter
from collections.abc import Iterator

from . import notebook_file, runtime_log_view
from .help_text import HELP_ROW
from .locales import in_c_locale
from .logs import has_needle, match_log

GPU_LIST_PRINTED = r"[ \t]+\[(?:\]|PhysicalDevice\()"
"""What follows a version that print(tf.__version__, tf.config.list_physical_devices('GPU'))
wrote: the list, empty or of PhysicalDevice(...)."""

_TF_RECORD = (
    r"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}|[IWEF]\d{4} \d{2}:"
    # TF 1.x printed its records without a time: 'E tensorflow/...cc:491] ...'
    r"|[IWEF] (?:tensorflow|external|third_party|xla|tsl)/|[IWEF] [a-zA-Z]:\\"
)
_TF_MESSAGE = (
    r"(?:Could not (?:load dynamic|dlopen) library|Successfully opened (?:dynamic|CUDA) library"
    r"|Created TensorFlow device|Adding visible gpu devices|Cannot dlopen some GPU libraries"
    r"|failed call to cuInit|Could not find cuda drivers|Unable to register cu(?:DNN|FFT|BLAS)"
    r" factory)\b"
)
"""The start of a message TensorFlow logs, as a paste keeps it without the record's prefix (or
a terminal wrapped it there): it starts a record, which the lines wrapped after it continue."""
_TIMESTAMPED = re.compile(rf"^[\s>`*_]*(?:{_TF_RECORD}|{_TF_MESSAGE})")
_RECORD_START = re.compile(
    # a markdown fence or an HTML tag of its own ('```', '</details>') around a pasted log
    r"^\s*(?:`{3}|~{3}|</?[a-z]+\b[^<>\n]{0,200}>\s*$)|"
    rf"^[\s>`*_]*(?:{_TF_RECORD}|Traceback|File \"|"
    r"[\w.]*(?:Error|Exception|Warning)\b|\[|[$%] |>>> |Epoch \d|\d+/\d+ \["
    # strace's lines: 'openat(AT_FDCWD, "...", O_RDONLY) = -1 ENOENT (...)'
    r"|[a-z_]\w{0,30}\([^\n]{0,2000}?\) += -?\d"
    # another program's own line: 'modprobe: ERROR: ...', 'ERROR: ...', 'nvidia-docker | ...'
    r"|[a-z][\w.-]{1,30}: (?:ERROR|FATAL|error|fatal)\b|(?:ERROR|WARNING|FATAL|CRITICAL)\b"
    r"|[\w.-]{1,30} +\| "
    # a shell's prompt, with the environment it names ('(tf1) root@5e85f82cd11c:/data# ',
    # '(base) C:\\Users\\me>'): what follows is a new command's output
    r"|(?:\([\w.-]{1,60}\) )?"
    # (zsh's 'me@box ~/proj % ', RHEL's '[me@node01 proj]$ ', PowerShell's 'PS C:\\x> ')
    r"(?:[\w.-]{1,60}@[\w.-]{1,80}[: ][^\n]{0,300}?[#$%] |[A-Z]:\\[^\n>]{0,300}>"
    r"|\[[\w.-]{1,60}@[\w.-]{1,80}[^\]\n]{0,100}\][$#] |PS [A-Za-z]:\\[^\n>]{0,300}> )"
    # a script's own labelled list ('GPUs: []', 'Physical devices = [PhysicalDevice(...')
    r"|(?:[A-Za-z][\w ()]{0,30}?)?\b(?i:GPUs?|GPU\(s\)|devices?)\b[\w ()]{0,20}[:=][ \t]*\["
    # a program's --help: its headings and option rows ('  --gpu GPU   GPU id to use')
    r"|(?:usage|optional arguments|options|positional arguments):"
    f"|{HELP_ROW}"
    # nvidia-smi's table, pasted below a record: its borders and rows
    r"|\+-{3,}|\|[ \t]"
    # a package list's row: 'dpkg -l' ('ii  libcudnn8  8.9.6.50-1+cuda12.2  amd64 ...'), 'pip
    # list' and 'conda list' ('cudnn                     7.6.5     cuda10.1_0')
    r"|(?:ii|hi|rc|iU|un)  [\w.+:-]|[A-Za-z][\w.-]{1,60}[ \t]{2,}v?\d"
    # the shell's or the kernel's word that the process died: never part of the record above
    r"|(?:zsh: )?(?:[Ss]egmentation fault|Abort trap|Aborted|Illegal instruction|Bus error"
    r"|Floating point exception|Killed)\b"
    # Python's print of a version ('2.7.0+nv22.1' under print(tf.__version__)): a line of its own
    r"|\d{1,2}\.\d{1,3}\.\d{1,3}(?:[-+.][\w.]{1,30})?[ \t]*\r?$"
    # fish's, a zsh job's ('[1]    4242 abort      python x.py'), CPython's faulthandler's and
    # an IDE's
    r"|fish: Job \d|\[\d{1,3}\][ \t]{1,8}\d{1,9} [a-z]|zsh: [a-z]|Fatal Python error: "
    r"|Process finished with exit code |Windows fatal exception: |[^\n]{0,120}?\bexited with code"
    r"|Kernel Restarting|The kernel(?: for [^\n]{1,200}?)? appears to have died"
    r"|The Kernel crashed while executing code"
    # cuDNN's own words on stderr, never part of the TensorFlow record above them
    r"|Could not (?:load library|locate) [\w.]{1,80}\. |Please make sure [\w.]{1,80} is in your"
    r" library path"
    # a version alone on its line, as print(tf.__version__) writes it, or with the GPU list
    # print(tf.__version__, tf.config.list_physical_devices('GPU')) adds
    r"|\d{1,2}\.\d{1,3}\.\d{1,3}(?:-?rc\d{1,2}|\.post\d{1,2}|\.dev\d{1,12})?"
    rf"(?:\s*$|{GPU_LIST_PRINTED})"
    # a rule of dashes or equals signs alone (BuildKit's '------' around a step's output)
    r"|(?:-{4,}|={4,})[ \t]*\r?$"
    # an interpreter's path alone, as print(sys.executable) or 'which python' answers
    r"|(?:[A-Za-z]:)?[/\\][^\s'\"]{0,250}?(?i:/bin/python[\d.]{0,5}|\\pythonw?[\d.]{0,5}\.exe)"
    r"[ \t]*\r?$"
    # TensorFlow's own messages pasted without their prefix: each is a record of its own
    rf"|{_TF_MESSAGE})"
)
MAX_JOINED = 4000
MIN_WRAPPED_WIDTH = 16
"""A line shorter than this was not cut by a wrap (consoles and mail wrap at 72 to 200)."""
MIN_CUT_LINES = 3
"""Lines of the very same length it takes to call that length a console's width."""
MAX_PIECES = 6
"""The most lines one printed line is rejoined from."""
MAX_WRAPPED_RECORDS = 2000
"""The most candidate joins tried in one paste (each runs the signatures on a short text)."""
SAMPLE_LINES = 5000
SAMPLE_CHARS = 500_000
"""How much of a paste shows how it was pasted (quoted, indented, cut at a width): a log of
hundreds of megabytes is not read twice for that."""


PASTED_PUNCTUATION = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u00a0": " ",
        "\u2002": " ",
        "\u3000": " ",
        # a CJK input method's full-width forms of ASCII ('handle：CUDNN_STATUS_INTERNAL_ERROR',
        # DeepFaceLab#210)
        **{chr(code): chr(code - 0xFEE0) for code in range(0xFF01, 0xFF5F)},
    }
)
"""What word processors, chat apps and input methods put in place of the characters
TensorFlow printed."""


_FULL_WIDTH_SEPARATOR = re.compile("([\uff1a\uff0c]) ?")
_HTML_ENTITY = re.compile(r"&(?:#\d{2,3}|#x[0-9a-fA-F]{2}|quot|apos|amp|lt|gt);")


def unwrap(text: str) -> str:
    """Rejoin log records that a mail client, a terminal or an issue form hard-wrapped: a line
    that follows a timestamped TensorFlow record and starts no record of its own belongs to it.
    Its pieces are joined with a space (a word-wrap dropped one), or exactly as they are when
    that reads more (a console cut the record at its edge, mid-word). Curly quotes and
    non-breaking spaces a paste picked up become the ASCII TensorFlow printed, and so do HTML
    entities (a log pasted inside <pre> in an issue keeps &#39; and &quot;). Line numbers, a
    log collector's prefixes, a notebook file's JSON (notebook_file.py) and a notebook's runtime
    log view (runtime_log_view.py) go, and
    glibc's messages in another language read as in the C locale (locales.py)."""
    # (a full-width colon or comma carries its own space: the ASCII one TensorFlow printed is
    # followed by one)
    text = _FULL_WIDTH_SEPARATOR.sub(lambda m: chr(ord(m[1]) - 0xFEE0) + " ", text)
    text = _single_spaced(notebook_file.as_printed(text))
    if _HTML_ENTITY.search(text):
        text = html.unescape(text)
    text = _uncoloured(_STRAY_BACKTICK.sub("", _record_markup_off(text)))
    # the quote marks go before anything splits a line after them ('> 2019-... I tensorflow')
    text = _without_collector_prefixes(runtime_log_view.as_printed(_unquoted(_unnumbered(text))))
    lines = in_c_locale(_records_apart(text)).translate(PASTED_PUNCTUATION).splitlines()
    width = console_width(lines)
    out: list[str] = []
    record: list[str] = []
    for line in lines:
        stripped = line.strip()
        if (
            record
            and stripped
            and not _RECORD_START.match(line)
            and sum(map(len, record)) + len(stripped) < MAX_JOINED
        ):
            record.append(line)
            continue
        if record:
            out.append(_joined(record, width))
        record = [line] if _TIMESTAMPED.match(line) else []
        if not record:
            out.append(line)
    if record:
        out.append(_joined(record, width))
    return "\n".join(out)


_MARKDOWN_HEADING = re.compile(r"^#{1,6} \S", re.MULTILINE)
_BLANK_BETWEEN = re.compile(r"(?<=\S)\n[ \t]*\n(?=[ \t]*\S)")
DOUBLE_SPACED_SHARE = 0.9
"""The share of a paste's lines followed by one blank line that makes it double-spaced."""


def _single_spaced(text: str) -> str:
    """The paste without the blanks its copy put after every line (some pages and chat apps
    copy a log double-spaced, which parts wrapped lines from the record they continue), and
    without spaces at lines' ends, which only a copy adds and which hide a console's width."""
    if " \n" in text or "\t\n" in text:
        text = "\n".join(line.rstrip(" \t") for line in text.split("\n"))
    sample = text[:SAMPLE_CHARS]
    lines = [line for line in sample.split("\n") if line.strip()]
    if len(lines) < MIN_CUT_LINES:
        return text  # two lines apart may be two records, or one the reporter parted
    if _MARKDOWN_HEADING.search(sample):
        return text  # an issue form's answers: blank lines part its questions from them
    apart = len(_BLANK_BETWEEN.findall(sample))
    if apart < DOUBLE_SPACED_SHARE * (len(lines) - 1):
        return text
    return _BLANK_BETWEEN.sub("\n", text)


_MARKED_UP_RECORD = re.compile(
    r"^[ \t]*(?:\*\*|_)?[IWEF](?:\*\*|_)?[ \t]+(?:\*\*|_)?`[^\n]*$", re.MULTILINE
)
"""A TensorFlow record whose path a Markdown paste set as inline code, and parts of its message
in bold or italics ('I `c:\\tf_jenkins\\...gpu_device.cc:975] Creating TensorFlow device`
_(/gpu:0) -> ..._', TFFRCNN#38)."""
_CODE_OR_BOLD = re.compile(r"`|\*\*")
_ITALICS = re.compile(r"(?:(?<=\s)|^)_+(?=\S)|(?<=\S)_+(?=\s|$)")


def _record_markup_off(text: str) -> str:
    """The record as printed: its inline-code marks, bold marks and the underscores that set
    words in italics go (an underscore inside a word, 'tf_jenkins', stays)."""
    if "`" not in text:
        return text
    return _MARKED_UP_RECORD.sub(
        lambda m: _ITALICS.sub("", _CODE_OR_BOLD.sub("", m.group(0))), text
    )


_STRAY_BACKTICK = re.compile(r"(?<=[A-Za-z])`(?=[a-z])")
"""An inline-code mark a Markdown paste put inside a word ('I`mportError: libcublas.so.9.0',
tensorflow/serving#1316): the word reads as printed without it."""
_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
_ANSI_WITHOUT_ESCAPE = re.compile(r"\[(?:\d{1,3};)*\d{1,3}m")
"""A terminal's colour codes, as a notebook's saved output keeps them ('\x1b[0;31m'), or
without their escape character once a page dropped it ('[0;31mImportError[0m')."""


def _uncoloured(text: str) -> str:
    text = _ANSI.sub("", text)
    if len(_ANSI_WITHOUT_ESCAPE.findall(text[:100_000])) >= 2:
        text = _ANSI_WITHOUT_ESCAPE.sub("", text)
    return text


_LINE_NUMBER = re.compile(r"^[ \t]*(\d{1,6})(?:[ \t]*[|:][ \t]?|[ \t]+|$)")
PREFIXED_SHARE = 0.8
"""How many lines must carry a line number or a collector's prefix for it to go."""
MIN_NUMBERED_LINES = 2


def _unnumbered(text: str) -> str:
    """A log copied with its line numbers (an editor's gutter, 'cat -n', a gist or a numbered
    code view) as printed: the numbers go when nearly every line carries one and each is the
    one before plus one; a column of process ids or years counts on no such order."""
    sample = text[:SAMPLE_CHARS].splitlines()[:SAMPLE_LINES]
    numbers = [m and int(m.group(1)) for m in map(_LINE_NUMBER.match, sample)]
    numbered = [n for n in numbers if n is not None]
    in_order = sum(b == a + 1 for a, b in itertools.pairwise(numbers) if a is not None)
    if len(numbered) < MIN_NUMBERED_LINES or len(numbered) < PREFIXED_SHARE * len(sample):
        return text
    if in_order < PREFIXED_SHARE * (len(numbered) - 1):
        return text
    return "\n".join(_LINE_NUMBER.sub("", line, count=1) for line in text.splitlines())


_COMPOSE_PREFIX = re.compile(r"^([\w.\-]{1,80})[ \t]+\| ?")
"""docker compose's prefix on each service's line: 'trainer_1  | ', 'trainer-1  | '."""
COMPOSE_SHARE = 0.5
"""docker compose's own lines ('[+] Running', 'Attaching to', 'exited with code') go bare:
half the lines carrying one service's prefix is enough for it to go."""
_COLLECTOR_PREFIXES = (
    # kubectl logs --timestamps, docker logs -t, CI runners: an RFC 3339 time and a space; a
    # node's own container log file (containerd, CRI-O) adds the stream and a full or partial
    # line's tag: '2026-11-30T12:00:01.123456789Z stderr F '
    re.compile(
        r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)(?: |$)"
        r"(?:std(?:out|err) [FP](?: |$))?"
    ),
    # journalctl (short and short-iso): 'Nov 30 12:00:01 node python3[4242]: '
    re.compile(
        r"^(?:[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d|\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\S*)"
        r" \S+ [^\s:\[]+\[\d+\]:(?: |$)"
    ),
    # kubectl logs --prefix: '[pod/trainer-0/tensorflow] '
    re.compile(r"^\[pod/[^\]\s]+\] "),
    # Slurm's srun --label: the task number padded to the widest ('%*d: '), and a
    # heterogeneous job's component ('P0  3: ')
    re.compile(r"^(?:P\d{1,3} )?[ \t]*\d{1,5}: "),
)
_LAUNCHER_PREFIXES = re.compile(
    # Ray's workers, as their driver prints them: '(pid=4242) ', '(RayTrainWorker pid=4242,
    # ip=10.0.0.5) '
    r"^\((?:[\w.:\-]{1,80} )?pid=\d{1,10}(?:, ip=[0-9a-fA-F.:]{1,45})?\) "
    # Open MPI's --tag-output, as horovodrun and SageMaker pass it on: '[1,0]<stderr>:'
    r"|^\[[\w,:.\-]{1,60}\]<std(?:out|err|diag)>: ?"
    # pytest's report marks the exception's lines with 'E' and the spaces up to the code's
    # indentation; TensorFlow's own records put one space after their level ('E tensorflow/')
    r"|^E {3,}(?=\S)",
    re.MULTILINE,
)
"""A launcher's prefix on its workers' lines only (their driver's own lines go bare): each
shape is its launcher's alone, so it goes wherever a line starts with it."""


def _without_collector_prefixes(text: str) -> str:
    """A log as a log collector or a launcher passed it on (docker compose, journald, kubectl,
    a CI runner, Slurm, Ray, MPI): the prefix it put before nearly every line (or before every
    worker's line) goes, so a line TensorFlow or the shell began reads from its start again."""
    if _LAUNCHER_PREFIXES.search(text[:SAMPLE_CHARS]):
        text = _LAUNCHER_PREFIXES.sub("", text)
    sample = [line for line in text[:SAMPLE_CHARS].splitlines()[:SAMPLE_LINES] if line.strip()]
    services = Counter(m.group(1) for m in map(_COMPOSE_PREFIX.match, sample) if m)
    if sample and sum(services.values()) >= max(3, COMPOSE_SHARE * len(sample)):
        text = "\n".join(_COMPOSE_PREFIX.sub("", line, count=1) for line in text.splitlines())
        sample = [_COMPOSE_PREFIX.sub("", line, count=1) for line in sample]
    for prefix in _COLLECTOR_PREFIXES:
        if sample and sum(map(bool, map(prefix.match, sample))) >= PREFIXED_SHARE * len(sample):
            text = "\n".join(prefix.sub("", line, count=1) for line in text.splitlines())
            sample = [prefix.sub("", line, count=1) for line in sample]
    return text


_RECORD_MID_LINE = re.compile(
    r"(?<=\S)[ \t]+(?=\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?: [IWEF] "
    r"|[IWEF]\d{4} \d{2}:\d{2}:\d{2}\.\d{6}\s+\d+ [\w.]+:\d+\] "
    r"|Traceback \(most recent call last\):)"
)
"""A TensorFlow record's header (its time and level, or absl's), or Python's traceback, after
other text on a line."""


def _records_apart(text: str) -> str:
    """A paste that lost its line breaks (a web page's paragraph, a chat message) has several
    TensorFlow records on one line: each header starts a line again, as TensorFlow printed
    it. Only where the paste's start shows such a run-together line: a long log pays for the
    whole text only then."""
    if _RECORD_MID_LINE.search(text[:SAMPLE_CHARS]) is None:
        return text
    return _RECORD_MID_LINE.sub("\n", text)


_QUOTE_PREFIX = re.compile(r"^[ \t]*>+(?:[ \t]>{1,2}(?=[ \t]|$))*[ \t]?")
"""A reply's quote marks, nested ones too ('> > '), but not a quoted Python prompt ('> >>> ')."""
QUOTED_SHARE = 0.6
_BULLET = re.compile(r"^(?:[-*]|[ \t]+\*)[ \t]+(?=\S)")
"""A Markdown list's bullet: '- ' or '* ' at the margin, '*' nested. Not conda's and mamba's own
'  - ' and '  + ' marks (indented), nor a shell trace's '+ '."""
_INLINE_CODE = re.compile(r"^([ \t]*)`([^`\n]+)`[ \t]*$")
"""A line set as inline code of its own, as Markdown editors and chat apps invite."""
_EMPHASIS_LINE = re.compile(
    r"^([ \t]*(?:>>> )?)\*(?=[^\s*])([^*\n]{1,400}?)(?<=[^\s*])\*[ \t]*$", re.MULTILINE
)
"""A line set in italics of its own, a prompt's command too ('>>> *tf.config...*', '*[ ]*'), as
a reply in Markdown shows what Python printed."""
_UNDERSCORE_EMPHASIS = re.compile(
    r"^([ \t]*)_(?=[^\s_])([^\n]{1,400}?)(?<=\S)_(?=[ \t]|$)", re.MULTILINE
)
"""A line that starts in italics set with underscores, to the underscore that ends a word
('_tensorflow-gpu 2.0.0_   ## a note', tensorflow#33319); an underscore inside a word
('stream_executor') ends nothing."""


def _unquoted(text: str) -> str:
    """A log quoted in a reply ('> ' before every line, '> > ' in a reply to one), set as a
    Markdown list or as a column of inline code, or indented as a block, as printed: the quote
    marks, bullets or backticks of a mostly marked-up paste and the indentation every line
    shares go; so do the stars of a line set in italics."""
    if "*" in text:
        text = _EMPHASIS_LINE.sub(r"\1\2", text)
    if "_" in text:
        text = _UNDERSCORE_EMPHASIS.sub(r"\1\2", text)
    for markup, share in ((_QUOTE_PREFIX, QUOTED_SHARE), (_BULLET, PREFIXED_SHARE)):
        sample = [line for line in text[:SAMPLE_CHARS].splitlines() if line.strip()]
        if sample and sum(map(bool, map(markup.match, sample))) >= share * len(sample):
            text = "\n".join(markup.sub("", line, count=1) for line in text.splitlines())
    sample = [line for line in text[:SAMPLE_CHARS].splitlines() if line.strip()]
    if sample and sum(map(bool, map(_INLINE_CODE.match, sample))) >= QUOTED_SHARE * len(sample):
        text = "\n".join(_INLINE_CODE.sub(r"\1\2", line) for line in text.splitlines())
        sample = [line for line in text[:SAMPLE_CHARS].splitlines() if line.strip()]
    if any(not line[:1].isspace() for line in sample):
        return text  # a line starts at the margin: there is no indentation to take off
    return textwrap.dedent(text)


def _spaced(pieces: list[str]) -> str:
    return " ".join([pieces[0].rstrip(), *(p.strip() for p in pieces[1:])])


_CUT_BEFORE = re.compile(r"[\w./\-(\[{'\"`=]")
"""How a piece ends where a console may have cut inside a word, a path or a bracket."""
_CUT_AFTER = re.compile(r"[\w./\-)\]}'\"`]")
"""How the next piece starts there (a word-wrap breaks where a space was instead)."""


def console_width(lines: list[str]) -> int | None:
    """The width a console cut this paste at: the longest line length, when at least
    MIN_CUT_LINES lines have exactly it and their breaks split words more often than they
    fall between them (a word-wrap to a width can leave a few lines of the same length)."""
    lines = lines[:SAMPLE_LINES]  # a console's width shows from the start of its paste
    lengths = Counter(len(line) for line in lines if len(line) >= MIN_WRAPPED_WIDTH)
    if not lengths:
        return None
    widest = max(lengths)
    if lengths[widest] < MIN_CUT_LINES:
        return None
    words = Counter(_WORD.findall("\n".join(lines)))
    # (a half counts as a word of its own only away from the breaks: a record the console cut
    # the same way twice repeats its halves there, review 110's 'CUDA_ERROR_OUT_OF_MEMO' / 'RY')
    inside = Counter(_WORD.findall("\n".join(_away_from_breaks(lines, widest))))
    split = between = 0
    for line, following in itertools.pairwise(lines):
        head = _WORD_AT_END.search(line) if len(line) == widest else None
        tail = _WORD_AT_START.match(following) if head else None
        if head is None or tail is None:
            continue
        if words[head.group(0) + tail.group(0)]:
            split += 1  # the whole word is printed elsewhere in the paste
        elif inside[head.group(0)] and inside[tail.group(0)]:
            between += 1  # both halves are words of their own elsewhere
    if split > between:
        return widest
    # No word says either way (breaks inside paths and numbers: 'dso_loader.cc:' / '64]'):
    # lines of the one width, each carried on by a line that starts no record, are a
    # console's cut; a word-wrap seldom ends so many lines at the very width (review 110)
    carried_on = sum(
        1
        for line, following in itertools.pairwise(lines)
        if len(line) == widest and following.strip() and not _RECORD_START.match(following)
    )
    return widest if between == 0 and carried_on >= MIN_CUT_LINES else None


def _away_from_breaks(lines: list[str], widest: int) -> Iterator[str]:
    """Each line without the word a break at the console's width may have cut: its last where
    it is that wide, its first where the line before it is."""
    for before, line in itertools.pairwise(["", *lines]):
        inner = _WORD_AT_END.sub("", line) if len(line) == widest else line
        yield _WORD_AT_START.sub("", inner, count=1) if len(before) == widest else inner


_WORD = re.compile(r"[A-Za-z][A-Za-z0-9_]*")
_WORD_AT_END = re.compile(r"[A-Za-z][A-Za-z0-9_]*$")
_WORD_AT_START = re.compile(r"^[A-Za-z0-9_]+")


def _at_width(pieces: list[str], width: int | None) -> bool:
    return width is not None and all(len(p) == width for p in pieces[:-1])


def _cut_at(pieces: list[str], width: int) -> str:
    """Pieces joined exactly after those the console cut at its width, spaced after the rest
    (lines that ended there, followed by more of the same record)."""
    joined = pieces[0]
    for before, piece in itertools.pairwise(pieces):
        cut = len(before) == width and not _between_words(before, piece)
        joined += piece if cut else f" {piece.strip()}"
    return joined


MIN_CONSOLE_WIDTH = 60
"""No console is narrower: a record whose lines but its last are this long and of one width
(or one shorter, where the copy dropped the space a break fell on) may be a console's cut."""


def _cut_by_console(pieces: list[str]) -> bool:
    """A console, not a word-wrap, may have cut these: every piece but the last has the same
    width, or every break falls inside a word or a path."""
    widths = {len(p) for p in pieces[:-1]}
    if len(widths) == 1 and min(widths) >= MIN_WRAPPED_WIDTH and len(pieces) > 2:
        return True
    return all(
        _CUT_BEFORE.match(a[-1:]) and _CUT_AFTER.match(b[:1]) and not _between_words(a, b)
        for a, b in itertools.pairwise(pieces)
    )


_SHORT_WORDS = frozenset(
    {
        *("a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "from", "has", "if"),
        *("in", "is", "it", "its", "may", "no", "not", "of", "on", "or", "so", "that", "the"),
        *("there", "this", "to", "was", "were", "will", "with"),
    }
)
"""English words a word-wrap leaves whole at a break and a console's cut seldom does."""


def _between_words(before: str, after: str) -> bool:
    """A break that fell between words: the piece before ends with one of them, or the next
    starts with one (review 111: 'The caller indicates that this' / 'is not a failure')."""
    head = _WORD_AT_END.search(before)
    tail = _WORD_AT_START.match(after)
    return bool(
        (head and head.group(0).lower() in _SHORT_WORDS)
        or (tail and tail.group(0).lower() in _SHORT_WORDS)
    )


def _joined(pieces: list[str], width: int | None) -> str:
    """One record from its wrapped pieces: exactly as they are where the paste's console cut
    them at its width; else spaced, unless a console may have cut them and joining them
    exactly reads more."""
    if width is not None and any(len(p) == width for p in pieces[:-1]):
        return _cut_at(pieces, width)
    spaced = _spaced(pieces)
    candidates = []
    if len(pieces) > 1 and _cut_by_console(pieces):
        candidates.append("".join(pieces))
    widest = max((len(p) for p in pieces[:-1]), default=0)
    if widest >= MIN_WRAPPED_WIDTH and sum(len(p) == widest for p in pieces[:-1]) >= 2:
        # Lines cut at one width, then a line the record swallowed ('Aborted (core dumped)').
        candidates.append(_cut_at(pieces, widest))
    elif widest >= MIN_CONSOLE_WIDTH and all(len(p) >= widest - 1 for p in pieces[:-1]):
        # One record cut at a console's width, where the copy dropped the space a break fell
        # on (those lines are one shorter): review 110's 'Ign' / 'oring visible gpu device'
        candidates.append(_cut_at(pieces, widest))
    if not candidates:
        return spaced
    # The first that reads the most; the spaced join wins ties.
    return max([spaced, *dict.fromkeys(candidates)], key=lambda text: len(_names(text)))


def _names(text: str) -> set[str]:
    """What the signatures read in the text: each signature, and each of its named fields that
    got a value (a line cut inside its last field still matches, without that field)."""
    read = set()
    for m in match_log(text):
        read.add(m.signature.name)
        read.update(f"{m.signature.name}.{k}" for k, v in m.groups.items() if v)
    return read


def rejoin_wrapped(text: str) -> str:
    """Rejoin a line that a console copy or a mail client wrapped ('... wheel on this p' /
    'latform.', or '... is not a supported' / 'wheel on this platform.'): up to MAX_PIECES
    lines after a long one, exactly or with a space, become one line (empty lines keep the
    numbering), but only where the joined line is one a signature reads that its pieces
    were not."""
    lines = text.split("\n")
    width = console_width(lines)
    tried = 0
    i = 0
    while i < len(lines) - 1:
        pieces = _wrapped_after(lines, i)
        if len(pieces) < 2:
            i += 1
            continue
        tried += 1
        if tried > MAX_WRAPPED_RECORDS:
            break
        joined = _best_join(pieces, width)
        if joined is None:
            i += 1
            continue
        line, used = joined
        lines[i : i + used] = [line, *([""] * (used - 1))]
        i += used
    return "\n".join(lines)


def _wrapped_after(lines: list[str], i: int) -> list[str]:
    """The line at i and the lines that may continue it: while each is long enough to have
    been cut by a wrap, the next one that starts no record of its own."""
    pieces = [lines[i]]
    while (
        len(pieces) < MAX_PIECES
        and len(pieces[-1].rstrip()) >= MIN_WRAPPED_WIDTH
        and i + len(pieces) < len(lines)
    ):
        following = lines[i + len(pieces)]
        if not following.strip() or (
            _RECORD_START.match(following) and not _BRACKET_FIRST.match(following)
        ):
            break
        pieces.append(following)
    return pieces


_BRACKET_FIRST = re.compile(r"^[ \t]*\[")
"""A line a bracket starts, which may be a list printed on its own or the end of a message a
wrap cut before its bracket ('... with capabilities:' / ' [[gpu]].', review 110): tried both
ways, joined only where the join reads more."""


def _best_join(pieces: list[str], width: int | None) -> tuple[str, int] | None:
    """The longest run of pieces whose join (exact, else spaced) a signature reads that the
    pieces apart were not: (line, pieces used)."""
    for used in range(len(pieces), 1, -1):
        run = pieces[:used]
        if _at_width(run, width):
            joins = ["".join(run)]
        elif _cut_by_console(run):
            joins = ["".join(run), _spaced(run)]
        else:
            joins = [_spaced(run)]
        joins = [line for line in joins if has_needle(line)]
        if not joins:
            continue
        apart = _names("\n".join(run))
        for line in joins:
            if _names(line) - apart:
                return line, used
    return None
