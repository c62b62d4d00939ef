"""probe(): every prober over one Host, gathered into Facts."""

from __future__ import annotations

from ..facts import Facts, Note
from ..host import Host
from .cuda import probe_cuda
from .cudnn import probe_cudnn
from .driver import probe_driver
from .environment import probe_env_vars
from .libcuda import probe_libcuda
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
    notes: tuple[Note, ...] = (
        *platform_notes,
        *driver_report.notes,
        *cuda_notes,
        *cudnn_notes,
        *(n for n in libcuda_notes if n.message not in {c.message for c in cuda_notes}),
    )
    return Facts(
        platform=platform,
        driver=driver_report.driver,
        pythons=probe_pythons(host),
        gpus=driver_report.gpus,
        gpus_reason=driver_report.gpus_reason,
        cuda=cuda,
        cudnn=cudnn,
        target_env=env_facts,
        libcuda=libcuda,
        env=probe_env_vars(host),
        notes=notes,
    )
