"""What a log shows of the platform: the operating system, the machine and the Python.

Windows paths and DLL names, WSL's library folder, macOS's home folders, 'uname -a', the
interpreter's banner and its site-packages folders. Pure: text in, (value, line) out.
"""

from __future__ import annotations

import re

_MACOS_WHEEL_TAKEN = re.compile(
    # pip taking a macOS wheel: the command naming it, or pip's own 'Processing', 'Downloading'
    # or 'Using cached' line; pip -v's 'Skipping link' and a refusal name one it did not take
    r"^[^\n]{0,80}?(?:\bpip3? install |Processing |Downloading |Using cached )"
    r"[^\n]{0,400}?-macosx_\d{1,2}_\d{1,2}_(?P<arch>arm64|x86_64|universal2|intel)\.whl\b",
    re.MULTILINE,
)
_WHEEL_REFUSED = re.compile(
    r"not a supported wheel on this platform|not compatible with the current platform"
    r"|none of the wheel's tags"
)


def macos_wheel_taken(text: str) -> re.Match[str] | None:
    """A macOS wheel pip took, where nothing in the log says pip refused or skipped one."""
    if "-macosx_" not in text:
        return None  # the cheap test first: most logs name no macOS wheel
    taken = _MACOS_WHEEL_TAKEN.search(text)
    return taken if taken is not None and not _WHEEL_REFUSED.search(text) else None


_CONDA_SUBDIR = r"(?:\b[Pp]latform ?: |/)"
"""conda's platform ('Platform: win-64' as it solves, 'platform : osx-64' in conda info) or a
channel's folder for it ('.../conda-forge/win-64'): the machine conda runs on."""
_WINDOWS = re.compile(
    r"[A-Za-z]:\\\\?[\w$ .-]{1,200}\\|\b\w+64_\d+\.dll\b|\bnvcuda\.dll\b|\.pyd\b|\bon win32\b"
    r"|\[MSC v\.\d{3,4} |" + _CONDA_SUBDIR + r"win-64(?=/|\s|$)"
    # cmd's and PowerShell's prompts at a drive's root ('C:\>', 'PS C:\>'; PowerShell on Linux
    # prompts with a path, 'PS /home/me>')
    r"|^[ \t]*(?:PS )?[A-Za-z]:\\>"
    # a Windows wheel pip chose for this machine (not one handed to it, which it may refuse)
    r"|^[ \t]*(?:Downloading|Using cached) \S{0,300}-win_amd64\.whl\b",
    re.MULTILINE,
)
_WSL = re.compile(r"/usr/lib/wsl/|microsoft-standard-WSL2|\bWSL2\b|(?<![\w.])/mnt/[c-h]/Users/")
OSX_CUDA_EXECUTOR = r"\bOS X does not support NUMA\b"
"""TensorFlow's CUDA executor saying it runs on a Mac."""
BARE_ARM64 = r"^[ \t]*'?arm64'?[ \t]*$"
"""'uname -m' or platform.machine() answering arm64: macOS on Apple silicon (Linux says aarch64,
Windows ARM64)."""
_MACOS = re.compile(
    # a .dylib that Linux's loader reports is one in a candidate list (Open MPI's), not macOS;
    # a home folder at the root only ('/usr/project/dlab/Users/jj/' is a Linux share's,
    # '/mnt/c/Users/' WSL's, 'C:/Users/' Windows')
    r"(?<![\w.~:-])/Users/[^/\s]+/|\bmacOS\b|darwin|\bDarwin Kernel\b"
    r"|\.dylib\b(?!: cannot open shared object file)"
    # the system Python's site folders (/Library/Python/2.7/site-packages, the user's
    # ~/Library/Python/2.7/lib/python/site-packages), python.org's and Xcode's framework builds
    r"|/Library/Python/[23]\.\d{1,2}/(?:lib/python/)?site-packages|/Python3?\.framework/"
    # Homebrew's prefixes on macOS (Linux's is /home/linuxbrew/.linuxbrew)
    r"|(?<![\w.])/opt/homebrew/|(?<![\w.])/usr/local/Cellar/"
    r"|" + _CONDA_SUBDIR + r"osx-(?:64|arm64)(?=/|\s|$)"
    # Apple's Metal plug-in at work (a bare 'tensorflow-metal' may be a pip or Poetry line on
    # any system; an installed tensorflow-macos is read from its version)
    r"|\bMetal device set to: |\bname: METAL\b"
    # TensorFlow's own CUDA code on a Mac (0.x to 1.1 and source builds of later releases)
    r"|"
    + OSX_CUDA_EXECUTOR
    + "|"
    + BARE_ARM64
    + r"|\bmacOS-\d{2}\.\d{1,2}(?:\.\d{1,2})?-(?:arm64|x86_64)-",
    re.MULTILINE,
)
_PYTHON_PATH = re.compile(
    r"[/\\][Pp]ython(?P<xy>[23]\.\d{1,2})[/\\]|\bcp(?P<cp>3\d{1,2})-"
    # python.org's Windows folders ('Python37', 'Python310-32', pip's lowercase 'python37'), no
    # dot between the digits
    r"|\\[Pp]ython(?P<win>3\d{1,2})(?:-32)?\\"
    # a Python bundled in an application's or WinPython's folder ('python-3.6.8',
    # 'python-3.7.2.amd64')
    r"|[/\\][Pp]ython-(?P<bundled>3\.\d{1,2})\.\d{1,2}(?:\.amd64)?[/\\]"
)
_PYTHON_BANNER = re.compile(
    # the interpreter's banner or 'python --version'; tf_env_collect.sh's 'python version: 3.6.7'
    r"^(?:Python |python version: )(?P<version>[23]\.\d{1,2}(?:\.\d{1,2})?)\b",
    re.MULTILINE,
)
_PYTHON_ROOT = re.compile(
    r"(?P<root>(?:[A-Za-z]:)?[\w./\\ -]{0,200}?)"
    r"(?:[/\\]lib[/\\]python[23]\.\d{1,2}[/\\](?:site|dist)-packages|[/\\]python(?:3|w)?\.exe)"
)
_UNAME_ARCH = re.compile(
    r"\b(?P<arch>x86_64|aarch64|ppc64le|armv[678]l|i[3-6]86|s390x|riscv64) GNU/Linux\b"
    # the answer alone on the line under the command that prints the machine ('uname -m',
    # 'arch', platform.machine()); a bare word elsewhere is a list's (dpkg's foreign
    # architectures, rpm's multilib packages, binfmt_misc, a folder of wheels)
    r"|(?:\buname -m|^[$#>%][ \t]*arch|platform\.machine\(\)|\.uname\(\)\.machine)[^\n]{0,40}\r?\n"
    r"[ \t]*(?:Out\[\d{1,4}\]:[ \t]*)?'?(?P<bare>x86_64|aarch64|ppc64le|armv[678]l|i[3-6]86|s390x"
    r"|riscv64)'?[ \t]*$",
    re.MULTILINE,
)
_MAC_SHOWN = re.compile(
    r"\bDarwin\b|\bmacOS\b|\bMac OS X\b|(?<![\w/])/Users/|^zsh: "
    r"|^[\w.-]{1,60}@[\w.-]{1,80} [^\n]{0,80}% ",
    re.MULTILINE,
)
"""A Mac's words: its kernel's or system's name, its home folders, zsh (its default shell)."""
PYTHON_32BIT = re.compile(
    r"^(?:Python |sys\.version: )?[23]\.\d[^\n]{0,120}\[MSC v\.\d+ 32 bit \(Intel\)\]"
    # python.org's installer puts a 32-bit Python in 'Python37-32' or 'Program Files (x86)'
    # (pip prints its own folder in lower case: 'python37-32')
    r"|[\\/][Pp]ython3\d{1,2}-32[\\/]|Program Files \(x86\)[\\/]+Python"
    # a 32-bit conda searches its win-32 or linux-32 channels
    r"|/(?:win|linux)-32(?:/|\s|$)"
    # platform.architecture()'s answer about the interpreter itself ('32bit', 'WindowsPE'),
    # not about a file it was given
    r"|platform\.architecture\(\)[^\n]{0,20}\r?\n[ \t>]*(?:Out\[\d{1,4}\]:[ \t]*)?"
    r"\('32bit', '\w{1,12}'\)"
    r"|platform\.architecture\(\)\[0\][^\n]{0,20}\r?\n[ \t>]*(?:Out\[\d{1,4}\]:[ \t]*)?"
    r"'?32bit'?[ \t]*\r?$"
    # pip choosing a 32-bit Windows wheel for another package: its Python is 32-bit
    r"|^[ \t]*(?:Downloading|Using cached) \S{1,200}-cp3\d{1,2}-win32\.whl\b"
    # the pointer size and sys.maxsize, as the usual one-liners print them
    r"|struct\.calcsize\([ \t]*['\"]P['\"][ \t]*\)[^\n]{0,40}\r?\n[ \t>]*(?:Out\[\d{1,4}\]:[ \t]*)?"
    r"32[ \t]*\r?$"
    r"|sys\.maxsize[ \t]*>[ \t]*2[ \t]*\*\*[ \t]*32[^\n]{0,20}\r?\n[ \t>]*"
    r"(?:Out\[\d{1,4}\]:[ \t]*)?False\b"
    r"|sys\.maxsize\)?[^\n]{0,20}\r?\n[ \t>]*(?:Out\[\d{1,4}\]:[ \t]*)?2147483647\b",
    re.M,
)
"""A 32-bit Python: the banner of one on Windows, or its sys.version ('[MSC v.1916 32 bit
(Intel)]'; a 64-bit one says '64 bit (AMD64)'), its install folder, platform.architecture()'s
answer, the pointer size or sys.maxsize printed, or a 32-bit conda's channels."""


LINUX_SHELL = re.compile(
    r"^[ \t>]*[\w.-]{1,64}@[\w.-]{1,64}:[~/]|[$#] nvidia-smi\b|!nvidia-smi\b"
    r"|^Step \d{1,4}/\d{1,4} : RUN\b|'/bin/sh -c ",
    re.MULTILINE,
)
"""A Linux shell's prompt or its '$ nvidia-smi' (an SSH session, WSL, a dev container; cmd.exe
and PowerShell prompt with '>'), a notebook cell's shell command, or a Dockerfile's build step:
the log was not written on native Windows, whatever the machine was said to be."""


_PLATFORM_STRING = (
    r"\b(?:Linux-\d[\w.+~-]{0,80}?-(?P<linux_arch>x86_64|aarch64|ppc64le)-with-g?libc"
    r"|macOS-\d{2}\.\d{1,2}(?:\.\d{1,2})?-(?P<mac_arch>arm64|x86_64)-)"
)
"""Python's platform.platform(), as issue templates print it: 'Linux-5.15.0-122-generic-x86_64-
with-glibc2.35', 'macOS-14.1-arm64-arm-64bit'."""
_LINUX = re.compile(
    r"\bGNU/Linux\b|" + _CONDA_SUBDIR + r"linux-(?:64|aarch64|ppc64le)(?=/|\s|$)"
    r"|\bLinux-\d[\w.+~-]{0,80}?-(?:x86_64|aarch64|ppc64le)-with-g?libc"
    r'|^[> \t]*PRETTY_NAME="(?:Ubuntu|Debian|CentOS|Red Hat|Rocky|AlmaLinux|Fedora|openSUSE|SUSE'
    r"|Arch Linux|Amazon Linux|Oracle Linux|Linux Mint|Pop!_OS)",
    re.MULTILINE,
)
"""'uname -a' ('... x86_64 GNU/Linux') and /etc/os-release: Linux, once WSL is ruled out."""


WINDOWS_LOAD = re.compile(
    r"(?:Could not load dynamic library|Successfully opened dynamic library) '?"
    r"(?P<dll>\w{1,40}64_\d{1,4}\.dll|nvcuda\.dll)"
)
"""TensorFlow's dso_loader naming a DLL: its Windows build at work."""


_WINDOWS_PROCESS = re.compile(
    # a Windows prompt that started Python (PowerShell's 'PS C:\\...> ', cmd's 'C:\\...>')
    r"^[ \t]*(?:\([\w.-]{1,60}\) )?(?:PS )?[A-Za-z]:\\[^\n>]{0,200}> ?"
    r"(?:python|py|ipython|jupyter)(?:\.exe)?\b[^\n]*"
    # or a traceback through TensorFlow in a Windows site-packages
    r"|^[ \t]*File \"[A-Za-z]:\\[^\"\n]{0,300}\\site-packages\\tensorflow[^\n]*",
    re.MULTILINE,
)
"""What shows TensorFlow's own process running on native Windows."""


def windows_process_line(text: str) -> str:
    """The line showing the logging TensorFlow ran on native Windows: a Windows prompt
    starting Python, a traceback through a Windows site-packages, or a DLL its loader named."""
    found = _WINDOWS_PROCESS.search(text) or WINDOWS_LOAD.search(text)
    return found.group(0).strip()[:200] if found else ""


def os_of(text: str) -> tuple[str | None, str]:
    for name, pattern in (
        ("wsl2", _WSL),
        ("windows", _WINDOWS),
        ("macos", _MACOS),
        ("linux", _LINUX),
    ):
        if found := pattern.search(text):
            return name, found.group(0)
        if name == "macos" and (wheel := macos_wheel_taken(text)) is not None:
            return name, wheel.group(0).strip()
    return None, ""


OS_OF_DISTRIBUTION = {
    "tensorflow-intel": "windows",
    "tensorflow-macos": "macos",
    "tensorflow-metal": "macos",
}
"""Distributions PyPI publishes for one operating system only (tensorflow-intel is what
'pip install tensorflow' pulls in on native Windows from 2.11 on; tensorflow-metal is Apple's
GPU plugin)."""


def os_of_distributions(dists: dict[str, str]) -> tuple[str | None, str]:
    for dist, version in dists.items():
        if dist in OS_OF_DISTRIBUTION:
            return OS_OF_DISTRIBUTION[dist], f"{dist} {version} installed"
    return None, ""


_INSTALLER_PYTHON = re.compile(
    r"\b(?:You require|You're using|Using) CPython (?P<cpython>3\.\d{1,2})"
    r"|\bUsing Python (?P<env>3\.\d{1,2})(?:\.\d{1,2})? environment at"
    r"|current Python version \((?P<current>3\.\d{1,2})"
    # conda info's active environment
    r"|^[ \t]*python version : (?P<conda>3\.\d{1,2})\.\d{1,2}\.final",
    re.MULTILINE,
)
"""uv names the Python it resolves for; conda info the active environment's."""


def python_of(text: str) -> str | None:
    if banner := _PYTHON_BANNER.search(text):
        return banner.group("version")
    if said := _INSTALLER_PYTHON.search(text):
        return (
            said.group("cpython")
            or said.group("env")
            or said.group("current")
            or said.group("conda")
        )
    found = {
        m.group("xy") or m.group("bundled") or f"3.{(m.group('cp') or m.group('win'))[1:]}"
        for m in _PYTHON_PATH.finditer(text)
    }
    return found.pop() if len(found) == 1 else None


def python_roots(text: str) -> tuple[str, ...]:
    """The distinct Python installations the log names (their folders, without site-packages);
    not Windows' App Execution Alias (WindowsApps\\python.exe), which 'where python' lists
    behind every real one and which only opens the Microsoft Store."""
    roots: dict[str, None] = {}
    for line in text.splitlines():
        if len(line) > 2000 or ("ython" not in line and ".exe" not in line):
            continue
        for m in _PYTHON_ROOT.finditer(line):
            root = m.group("root").strip(" '\"`").replace("\\\\", "\\").rstrip("/\\")
            root = re.sub(r"^.*?((?:[A-Za-z]:)?[/\\])", r"\1", root, count=1)
            if root and not root.lower().endswith("\\microsoft\\windowsapps"):
                roots[root.lower()] = None
    return tuple(roots)


_INTERACTIVE_BANNER = re.compile(
    r"^[ \t>]*Python (?P<banner>[23]\.\d{1,2}\.\d{1,2}[^\n]{0,160}?)"
    # on Linux and macOS the compiler and the platform take a second line
    r"(?:\r?\n[ \t>]*\[[^\n\]]{1,120}\])? on \w{3,12}[ \t]*\r?$",
    re.MULTILINE,
)
"""The interactive interpreter's first line, build and date included: 'Python 3.6.3 |Anaconda
custom (64-bit)| (default, Oct 15 2017, 03:27:45) [MSC v.1900 64 bit (AMD64)] on win32', or
'Python 3.5.2 (default, Nov 17 2016, 17:05:23)' over '[GCC 5.4.0 20160609] on linux'."""
_ENV_PROMPT = re.compile(
    r"^[ \t>]*\((?P<env>[\w.-]{1,40})\) ?(?=[A-Za-z]:[\\>]|[\w.-]{1,40}@[\w.-]{1,60}:|[~/$])",
    re.MULTILINE,
)
"""A conda or venv prompt: '(base) C:\\WINDOWS>', '(tensorflow)C:>', '(venv) me@host:~$'."""


def interpreters_seen(text: str) -> tuple[str, ...]:
    """Two Pythons the log shows running: interactive banners of different builds, or prompts
    of different environments (tensorflow#16288: '(base)' fails the import, '(tensorflow)'
    passes it). () where it shows fewer than two."""
    banners = {m.group("banner").strip(): None for m in _INTERACTIVE_BANNER.finditer(text)}
    if len(banners) >= 2:
        return tuple(f"Python {b}" for b in banners)
    prompts = {m.group("env"): None for m in _ENV_PROMPT.finditer(text)}
    if len(prompts) >= 2:
        return tuple(f"environment ({env}) at the prompt" for env in prompts)
    return ()


_APPLE_SILICON = re.compile(
    r"\bMetal device set to: Apple M\d|\bchipset_name: m\d\b|" + BARE_ARM64, re.MULTILINE
)


_LINUX_WHEEL_TAKEN = re.compile(
    # pip taking a Linux wheel built for one machine (its tag's last part), as it names it in
    # 'Downloading', 'Using cached' or 'Processing'
    r"^[ \t]*(?:Processing |Downloading |Using cached )[^\n]{0,400}?"
    r"-(?:manylinux|linux)_?\w{0,40}?_(?P<arch>x86_64|aarch64|ppc64le|armv7l)\.whl\b"
    # AWS's build, the one 'pip install tensorflow' pulls in on aarch64 Linux (2.10 to 2.17)
    r"|^[ \t]*(?:Collecting|Downloading|Successfully installed) [^\n]{0,200}?"
    r"\btensorflow[-_]cpu[-_]aws\b",
    re.MULTILINE,
)


def arch_of(sample: str) -> str | None:
    """The machine 'uname -a' prints, Apple silicon as the Metal plug-in or a wheel pip took
    for it names it, or the machine of a Linux wheel pip took."""
    if found := _UNAME_ARCH.search(sample):
        machine = found.group("arch") or found.group("bare")
        # macOS's 'arch' names an x86_64 process i386 (review 111: under Rosetta)
        return "x86_64" if machine == "i386" and _MAC_SHOWN.search(sample) else machine
    if found := re.search(_PLATFORM_STRING, sample):
        return found.group("linux_arch") or found.group("mac_arch")
    if _APPLE_SILICON.search(sample):
        return "arm64"
    if (wheel := macos_wheel_taken(sample)) is not None and wheel.group("arch") == "arm64":
        return "arm64"
    if ".whl" in sample or "cpu" in sample:
        linux = _LINUX_WHEEL_TAKEN.search(sample)
        if linux is not None and not _WHEEL_REFUSED.search(sample):
            return linux.group("arch") or "aarch64"
    if _TENSORFLOW_ON_ARM64.search(sample):
        return "aarch64"
    return None


_TENSORFLOW_ON_ARM64 = re.compile(
    r"ARM64 does not support NUMA - returning NUMA node zero|name: NVIDIA Tegra X[12]"
)
"""TensorFlow's own words on a 64-bit Arm machine (cuda_gpu_executor.cc's NUMA note, compiled
only there), or its device line naming a Jetson's integrated GPU."""
