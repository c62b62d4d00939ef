"""Which of a machine's GPUs a process sees under a CUDA_VISIBLE_DEVICES value.

A release is judged on the GPUs TensorFlow will see: a plan's --gpus selection, or (for a
release already installed) the variable as the user's process has it."""

from __future__ import annotations

import dataclasses

from ..envvars import parse_cuda_visible_devices
from ..facts import Facts, Gpu


def _matches(gpu: Gpu, item: str) -> bool:
    if item.isdigit():
        return int(item) == gpu.index
    if item.startswith("MIG-"):
        return any(m.uuid and m.uuid.startswith(item) for m in gpu.mig_devices)
    return gpu.uuid is not None and gpu.uuid.startswith(item)


def shown_gpus(facts: Facts, value: str | None) -> tuple[Gpu, ...] | None:
    """The GPUs the value shows, in its order, up to its first entry that names none (CUDA
    stops there); None where it selects nothing to narrow (unset, or no GPUs known)."""
    visible = parse_cuda_visible_devices(value)
    if not visible.items or not facts.gpus:
        return None
    shown: list[Gpu] = []
    for item in visible.items:
        gpu = next((g for g in facts.gpus if _matches(g, item)), None)
        if gpu is None:
            break
        if gpu not in shown:
            shown.append(gpu)
    return tuple(shown)


def with_shown_gpus(facts: Facts, value: str | None) -> Facts:
    """The facts with only the GPUs the value shows; unchanged where it shows none (the
    variable's own finding says so) or narrows nothing."""
    shown = shown_gpus(facts, value)
    if not shown or len(shown) == len(facts.gpus):
        return facts
    return dataclasses.replace(facts, gpus=shown)


def environment_hides_every_gpu(facts: Facts) -> bool:
    """CUDA_VISIBLE_DEVICES as the user's process has it shows none of the GPUs known here."""
    if "CUDA_VISIBLE_DEVICES" not in facts.env or not facts.gpus:
        return False
    value = facts.env.get("CUDA_VISIBLE_DEVICES")
    if parse_cuda_visible_devices(value).kind in ("empty", "none", "invalid"):
        return True
    return shown_gpus(facts, value) == ()
