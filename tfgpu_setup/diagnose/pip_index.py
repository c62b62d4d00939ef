"""Which index pip asked when it refused TensorFlow: the install command before the refusal, and
the 'Looking in indexes:' line pip printed for it. A refusal from a folder (--no-index) or from
an index that is neither PyPI nor a public mirror of it says nothing of the wheels TensorFlow
published. Pure: the text and its signature matches in, a line out."""

from __future__ import annotations

import re
from collections.abc import Sequence

from .logs import LogMatch, line_start
from .pip_installs import REFUSALS, versions_listed

_PIP_RUN = re.compile(
    r"\bpip[\d.]{0,4}(?:\.exe)? (?:install|download|wheel)\b[^\n]{0,1000}"
    r"|^[ \t>]*Looking in indexes: [^\n]{1,1000}",
    re.MULTILINE,
)
_LOOKING = re.compile(r"^[ \t>]*Looking in indexes: ")
_NO_INDEX = re.compile(r"(?:^|\s)--no-index\b")
_INDEX_OPTION = re.compile(
    # pip takes an unambiguous prefix of a long option: '--index' is --index-url
    r"(?:\s-i|\s--index(?:-url)?)[ =]['\"]?(?P<url>[^\s'\"]{1,500})"
)
_URL = re.compile(r"https?://[^\s,'\"]{1,500}")
PYPI_HOSTS = (
    "pypi.org",
    "pypi.python.org",
    "files.pythonhosted.org",
    # public mirrors of all of PyPI
    "tsinghua.edu.cn",
    "mirrors.aliyun.com",
    "douban.com",
    "mirrors.cloud.tencent.com",
    "ustc.edu.cn",
    "repo.huaweicloud.com",
    "bfsu.edu.cn",
    "sjtu.edu.cn",
    "mirror.baidu.com",
    "mirrors.163.com",
    "nju.edu.cn",
    "zju.edu.cn",
)
_HOST = re.compile(r"^https?://(?:[^@/\s]{1,200}@)?(?P<host>[^/:\s]{1,200})")


def index_not_pypi(text: str, matches: Sequence[LogMatch]) -> str:
    """The line showing that pip, when it first refused TensorFlow, asked no PyPI: its install
    command with --no-index or -i/--index-url to another index, or the 'Looking in indexes:' line
    it printed. '' where pip asked PyPI or a public mirror of it, or where it is not shown. An
    index that lists TensorFlow's releases serves PyPI's wheels, whatever it is."""
    refusals = [m for m in matches if m.signature.name in REFUSALS]
    if not refusals or any(versions_listed(m) for m in refusals):
        return ""
    refused_at = line_start(text, refusals[0].line_number)
    governing = ""
    for run in _PIP_RUN.finditer(text, 0, refused_at):
        governing = run.group(0)  # a later command, or the index line pip printed for it
    if not governing:
        return ""
    if _LOOKING.match(governing):
        urls = _URL.findall(governing)
        return "" if not urls or any(_is_pypi(u) for u in urls) else governing.strip()
    if _NO_INDEX.search(governing):
        return governing.strip()
    option = _INDEX_OPTION.search(governing)
    if option and not _is_pypi(option.group("url")):
        return governing.strip()
    return ""


def _is_pypi(url: str) -> bool:
    host = _HOST.match(url)
    if host is None:
        return False
    name = host.group("host").lower()
    if name.startswith("test.pypi.org"):
        return False
    return any(name == h or name.endswith("." + h) for h in PYPI_HOSTS)
