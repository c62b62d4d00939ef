"""Facts nobody stated, filled in from what the log itself shows.

A pasted log names the operating system, the container, the Python, the driver and the CUDA it
supports, the GPUs, the CUDA and cuDNN installed, the glibc: each fills a fact the user did not
state, with the line it came from as its source. Stated GPUs give way to the GPUs the log's
device lines measured where they name none of them (with a note). Pure: data in, data out.
"""

from __future__ import annotations

import dataclasses

from ..facts import (
    FACT_NAMES,
    JUDGED_BY_THE_LOG,
    LOADED_PER_LOG,
    PCI_LISTS_NONE,
    CudaInstall,
    CudnnInstall,
    Driver,
    Facts,
    Gpu,
    Note,
    PythonInterpreter,
)
from ..matrix.gpu_names import name_key
from ..matrix.model import Matrix
from ..matrix.query import driver_max_cuda, windows_numbered
from ..matrix.validate import is_driver_version
from ..whatif import gpu_named
from .logfacts import LogFacts

FROM_THE_LOG = "log: "
"""How a fact filled in from the log names its source."""


def container_only_from_the_log(facts: Facts) -> bool:
    """Whether the container the facts know of was read from the log alone (no flag, no
    probe, no facts file said so)."""
    evidence = facts.platform.container_evidence
    return bool(evidence) and all(e.startswith(FROM_THE_LOG) for e in evidence)


def _folders_first(seen: tuple[tuple[str, str], ...]) -> dict[str, str]:
    """Each CUDA version the log shows, with its folder where one line names it ('/usr/local/
    cuda-10.1' on LD_LIBRARY_PATH) rather than a line that only says it loaded."""
    found: dict[str, str] = {}
    for version, where in seen:
        if version not in found or (where.startswith("/") and not found[version].startswith("/")):
            found[version] = where
    return found


def facts_with_log(facts: Facts, log: LogFacts, matrix: Matrix) -> Facts:
    """Facts nobody stated, filled in from the log's own evidence (and said so); a driver
    version without the CUDA it supports gets it from NVIDIA's table."""
    unknown = set(facts.unknown)
    platform = facts.platform
    notes = list(facts.notes)
    if _stated_linux_ran_on_windows(facts, log):
        # the process that wrote the log ran on native Windows, whatever was stated
        notes.append(
            Note(
                "log",
                f"os {platform.os} stated ({platform.source}); the log shows native Windows"
                f" ({log.windows_process_line[:80]}){JUDGED_BY_THE_LOG}",
            )
        )
        unknown.add("os")
    elif kernel := _stated_os_against_the_kernel(facts, log):
        # the kernel that ran the process says WSL 2 or native Linux, whatever was stated
        notes.append(Note("log", f"{kernel}{JUDGED_BY_THE_LOG}"))
        unknown.add("os")
        log = dataclasses.replace(log, os=_os_of_kernel(log), os_line=f"kernel {log.kernel_line}")
    elif log.os == "wsl2" and log.kernel_line and _os_of_kernel(log) == "linux":
        # the kernel that ran the process is a native one, whatever the paste's words name
        # ('I gave up on WSL2 and installed Ubuntu natively', review 115)
        log = dataclasses.replace(log, os="linux", os_line=f"kernel {log.kernel_line}")
    if "arch" in unknown and log.arch:
        platform = dataclasses.replace(platform, arch=log.arch)
        unknown.discard("arch")
    if "os" in unknown and log.os:
        platform = dataclasses.replace(
            platform,
            os=log.os,  # type: ignore[arg-type]
            wsl=log.os == "wsl2",
            source=f"log: {log.os_line}",
        )
        unknown.discard("os")
        if log.os in ("windows", "wsl2"):
            unknown.discard("arch")  # TensorFlow's Windows wheels are x86_64 only
    if "container" in unknown and log.container_line:
        platform = dataclasses.replace(
            platform, container=True, container_evidence=(f"{FROM_THE_LOG}{log.container_line}",)
        )
        unknown.discard("container")
    if "glibc" in unknown and log.glibc and platform.os in ("linux", "wsl2"):
        platform = dataclasses.replace(platform, glibc=log.glibc)
        unknown.discard("glibc")
    gpus, gpus_reason = facts.gpus, facts.gpus_reason
    on_wsl = platform.wsl or ("os" not in unknown and platform.os == "wsl2")
    if "gpus" in unknown and log.gpus_seen:
        gpus = gpus_in_log(log, matrix)
        unknown.discard("gpus")
        if log.mig_without_devices_line:
            gpus = tuple(
                dataclasses.replace(
                    g, mig_mode="enabled", source=f"{g.source}; {log.mig_without_devices_line}"
                )
                for g in gpus
            )
    elif log.gpus_seen and _stated_gpus_not_logged(facts, log):
        # the device lines measured the GPUs of the process that wrote the log: a statement
        # naming none of them (or none at all) is about another machine, or mistaken
        seen = gpus_in_log(log, matrix)
        stated = ", ".join(g.name for g in facts.gpus) or "none"
        notes.append(
            Note(
                "log",
                f"GPUs stated: {stated}; the log's device lines show"
                f" {', '.join(g.name for g in seen)}{JUDGED_BY_THE_LOG}",
            )
        )
        gpus = seen
    elif "gpus" in unknown and log.pci_lists_no_nvidia_line and not on_wsl:
        # (WSL 2 reaches the GPU through /dev/dxg: its lspci never lists an NVIDIA device)
        gpus = ()
        gpus_reason = f"{PCI_LISTS_NONE}{log.pci_lists_no_nvidia_line}"
        unknown.discard("gpus")
    else:
        gpus = tuple(_capability_from_log(gpu, log) for gpu in gpus)
    pythons = facts.pythons
    if "pythons" in unknown and log.python:
        pythons = (PythonInterpreter(log.python, None, "log"),)
        unknown.discard("pythons")
    driver = facts.driver
    refuted = "driver" not in unknown and _stated_driver_not_logged(facts, log)
    if refuted:
        # the driver TensorFlow's process talked to, as the log measured it, beats a statement
        notes.append(Note("log", f"{refuted}{JUDGED_BY_THE_LOG}"))
        unknown.add("driver")
    if "driver" in unknown and log.driver and is_driver_version(log.driver):
        windows = windows_numbered(log.driver, platform.os in ("wsl2", "windows"))
        # the kernel module's own version file names the module, not the libraries beside it
        # (machine-shop-maintenance#70: module 520.56.06 under 525.85.12 packages)
        module = "Kernel Module" in log.driver_line
        driver = Driver(
            version=log.driver,
            cuda_version=log.driver_cuda or driver_max_cuda(matrix, log.driver, windows),
            source=f"log: {log.driver_line}",
            kernel_module_version=log.driver if module else None,
            library_version=None if module else log.driver,
            windows_numbering=windows,
        )
        unknown.discard("driver")
    elif "driver" in unknown and log.driver_cuda_reported:
        driver = Driver(
            version=None,
            cuda_version=log.driver_cuda_reported,
            source=f"log: {log.driver_cuda_reported_line}",
        )
        unknown.discard("driver")
    elif refuted:
        # a statement the log refuted, and no version in the log: the driver is there, of a
        # version nobody knows
        driver = Driver(None, None, source="log", reason="not known: the log's GPU needs one")
    cuda = facts.cuda
    if "cuda" in unknown and log.cuda_seen:
        cuda = tuple(
            CudaInstall(version, line[:200], "runtime", "log")
            for version, line in _folders_first(log.cuda_seen).items()
        )
        unknown.discard("cuda")
    cudnn = facts.cudnn
    if "cudnn" in unknown and log.cudnn_loaded:
        cudnn = (CudnnInstall(log.cudnn_loaded, LOADED_PER_LOG, "library", "log"),)
        unknown.discard("cudnn")
    elif "cudnn" in unknown and log.cudnn_seen:
        cudnn = tuple(
            CudnnInstall(version, line[:200], "library", "log")
            for version, line in dict(log.cudnn_seen).items()
        )
        unknown.discard("cudnn")
    env = facts.env
    if "KERAS_BACKEND" not in env and log.keras_backend:
        env = {**env, "KERAS_BACKEND": log.keras_backend}
    return dataclasses.replace(
        facts,
        env=env,
        platform=platform,
        driver=driver,
        gpus=gpus,
        gpus_reason=gpus_reason,
        pythons=pythons,
        cuda=cuda,
        cudnn=cudnn,
        notes=tuple(notes),
        unknown=tuple(n for n in FACT_NAMES if n in unknown),
    )


def _stated_linux_ran_on_windows(facts: Facts, log: LogFacts) -> bool:
    """Linux stated by a flag or a facts file, and the log's own TensorFlow ran on native
    Windows (a prompt there started it, or its traceback or loader is Windows')."""
    stated = facts.knows("os") and facts.platform.os == "linux"
    probed = facts.platform.source in ("detected", "probe")
    return stated and not probed and log.os == "windows" and bool(log.windows_process_line)


def _stated_os_against_the_kernel(facts: Facts, log: LogFacts) -> str:
    """Linux or Windows stated where the log's kernel is WSL 2's, or WSL 2 stated where it is a
    native distribution kernel (review 108): what the statement and the kernel say ('' where
    they agree, or no kernel is shown). Not against a probe of this machine."""
    if not log.kernel_line or not facts.knows("os"):
        return ""
    if facts.platform.source in ("detected", "probe"):
        return ""
    stated, kernel = facts.platform.os, _os_of_kernel(log)
    if (kernel, stated) not in (("wsl2", "linux"), ("wsl2", "windows"), ("linux", "wsl2")):
        return ""
    return (
        f"os {stated} stated ({facts.platform.source}); the log's kernel is"
        f" {log.kernel_line} ({'WSL 2' if kernel == 'wsl2' else 'native Linux'})"
    )


def _os_of_kernel(log: LogFacts) -> str:
    """The system the log's kernel release is of: WSL 2's ('-microsoft-standard') or Linux."""
    return "wsl2" if "microsoft" in log.kernel_line else "linux"


def _stated_driver_not_logged(facts: Facts, log: LogFacts) -> str:
    """What the facts say of the driver against what the log measured ('' where they agree, or
    the log measured nothing): no driver, where the log lists a GPU the driver enumerated or
    the driver's version; another branch than the one the log's libcuda or kernel module
    reports (Linux numbering: WSL 2 and Windows number the driver otherwise)."""
    stated = facts.driver.version
    measured = log.driver if log.driver and is_driver_version(log.driver) else ""
    if stated is None and facts.driver.reason and (measured or log.gpus_seen):
        shown = f"driver {measured}" if measured else "a GPU the driver enumerated"
        return f"no driver stated ({facts.driver.source}); the log shows {shown}"
    if (
        stated
        and measured
        and facts.platform.os not in ("wsl2", "windows")
        and stated.split(".")[0] != measured.split(".")[0]
    ):
        return f"driver {stated} stated ({facts.driver.source}); the log shows driver {measured}"
    return ""


def _stated_gpus_not_logged(facts: Facts, log: LogFacts) -> bool:
    """The GPUs the facts know (stated, or no GPU stated) share no name with those the log's
    device lines print."""
    logged = {name_key(name) for name, _, _ in log.gpus_seen}
    return not any(name_key(g.name) in logged for g in facts.gpus)


def _capability_from_log(gpu: Gpu, log: LogFacts) -> Gpu:
    """A GPU stated by a name several compute capabilities were sold under takes the one the
    log printed for that name (TensorFlow's 'Found device ... computeCapability: 1.2')."""
    if gpu.compute_capability is not None:
        return gpu
    wanted = name_key(gpu.name)
    for name, cc, line in log.gpus_seen:
        if cc is not None and name_key(name) == wanted:
            return dataclasses.replace(gpu, compute_capability=cc, cc_source=f"log: {line}")
    return gpu


def gpus_in_log(log: LogFacts, matrix: Matrix) -> tuple[Gpu, ...]:
    """The GPUs the log lists, each with the compute capability it printed or its name's (none
    for a name sold with several)."""
    return tuple(_gpu_seen(i, seen, matrix) for i, seen in enumerate(log.gpus_seen))


def _gpu_seen(index: int, seen: tuple[str, str | None, str], matrix: Matrix) -> Gpu:
    """A GPU the log lists, with the compute capability it printed or its name's."""
    name, cc, line = seen
    source = f"log: {line}"
    if cc is None:
        return gpu_named(index, name, matrix, source, lenient=True)
    return Gpu(index=index, name=name, compute_capability=cc, cc_source=source, source=source)
