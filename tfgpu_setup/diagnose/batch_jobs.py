"""A Slurm job that asked for no GPU. Slurm hides a node's GPUs from a job granted none (its
cgroup's device limits), so nvidia-smi finds no device and neither does CUDA, on a node whose
driver works: the job's request is what to change, not the driver.
(https://slurm.schedmd.com/gres.html)"""

from __future__ import annotations

import dataclasses
import re

from ..findings import Finding, Severity
from .sources import quoted

_SLURM_JOB = re.compile(
    r"^[ \t]*#SBATCH\b[^\n]*|^[^\n]*\b(?:sbatch|srun|salloc)[ \t]+-[^\n]*"
    r"|^[^\n]*\bslurm-\d{1,12}\.out\b[^\n]*",
    re.MULTILINE,
)
_GPU_ASKED = re.compile(
    r"--gres[= ][\w:,]{0,40}gpu|--gpus(?:-per-[a-z]{1,8})?[= ]"
    r"|--tres-per-[a-z]{1,8}=[\w/:,]{0,40}gpu|(?:^|\s)-G[ \t]?\d|NoDevFiles",
    re.MULTILINE,
)
NO_DEVICE_IDS = frozenset({"no-nvidia-gpu", "cuda-visible-devices-hides-gpus"})
SLURM_GRES = "https://slurm.schedmd.com/gres.html"


def slurm_job_without_a_gpu(findings: tuple[Finding, ...], text: str) -> tuple[Finding, ...]:
    """The first error saying no GPU was seen, as the job's missing request, where the log is a
    Slurm job's (its #SBATCH lines, sbatch/srun, its slurm-N.out) and nothing in it asks for a
    GPU. (NoDevFiles is Slurm's own word for it, read elsewhere.)"""
    job = _SLURM_JOB.search(text)
    if job is None or _GPU_ASKED.search(text):
        return findings
    first = next(
        (f for f in findings if f.id in NO_DEVICE_IDS and f.severity is Severity.ERROR), None
    )
    if first is None:
        return findings
    reread = dataclasses.replace(
        first,
        title="This Slurm job asked for no GPU, so Slurm hid the node's GPUs from it: neither"
        " nvidia-smi nor CUDA sees one",
        evidence=(*first.evidence, f"a Slurm job with no GPU request: {quoted(job.group(0))}"),
        fix="Ask for a GPU: '#SBATCH --gres=gpu:1' (or --gpus=1) in the job script, or"
        " 'srun --gres=gpu:1 ...' interactively; a GPU partition alone grants none.",
        source=SLURM_GRES,
    )
    return tuple(reread if f is first else f for f in findings)
