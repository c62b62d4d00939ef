"""probe(): every prober over one Host, gathered into Facts."""

from __future__ import annotations

from ..facts import Facts, Note
from ..host import Host
from .cuda import probe_cuda
from .cudnn import probe_cudnn
from .driver import probe_driver
from .environment import probe_env_vars
from .libcuda import probe_libcuda
from .pci import probe_pci_gpus
from .platform import probe_platform
from .python_env import probe_target_env
from .pythons import probe_pythons


def probe(host: Host, target_env: str | None = None) -> Facts:
    """All facts about `host`; never raises for anything the machine says or lacks."""
    platform, platform_notes = probe_platform(host)
    driver_report = probe_driver(host)
    env_facts = probe_target_env(host, target_env)
    cuda, cuda_notes = probe_cuda(host)
    cudnn, cudnn_notes = probe_cudnn(host, env_facts)
    libcuda, libcuda_notes = probe_libcuda(host)
    gpus, gpus_reason = driver_report.gpus, driver_report.gpus_reason
    pci_notes: tuple[Note, ...] = ()
    driver = driver_report.driver
    if not gpus and platform.os == "linux" and (driver.version is None or driver.mismatch):
        # no working driver to list them: the bus still does (the driver is then the cause)
        pci, pci_notes = probe_pci_gpus(host)
        if pci:
            gpus, gpus_reason = pci, None
    notes: tuple[Note, ...] = (
        *platform_notes,
        *driver_report.notes,
        *pci_notes,
        *cuda_notes,
        *cudnn_notes,
        *(n for n in libcuda_notes if n.message not in {c.message for c in cuda_notes}),
    )
    return Facts(
        platform=platform,
        driver=driver_report.driver,
        pythons=probe_pythons(host),
        gpus=gpus,
        gpus_reason=gpus_reason,
        cuda=cuda,
        cudnn=cudnn,
        target_env=env_facts,
        libcuda=libcuda,
        env=probe_env_vars(host),
        notes=notes,
    )
