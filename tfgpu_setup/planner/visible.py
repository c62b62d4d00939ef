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


def shown_gpus(facts: Facts, value: str | None, pci_order: bool) -> tuple[Gpu, ...] | None:
    """The GPUs the value shows, in its order, up to its first entry that names none (CUDA
    stops there); None where it selects nothing to narrow (unset, or no GPUs known) or where
    which GPUs it shows cannot be told: indices are CUDA's, fastest first, unless
    CUDA_DEVICE_ORDER=PCI_BUS_ID makes them nvidia-smi's (pci_order), and GPUs of one model
    are alike either way; UUIDs only where the GPUs' are known."""
    visible = parse_cuda_visible_devices(value)
    if not visible.items or not facts.gpus:
        return None
    alike = len({(g.name, g.compute_capability) for g in facts.gpus}) == 1
    if visible.indices and not (pci_order or alike):
        return None
    if any(not item.isdigit() for item in visible.items) and not any(g.uuid for g in facts.gpus):
        return None
    shown: list[Gpu] = []
    for item in visible.items:
        gpu = next((g for g in facts.gpus if _matches(g, item)), None)
        if gpu is None:
            break
        if gpu not in shown:
            shown.append(gpu)
    return tuple(shown)


def with_shown_gpus(facts: Facts, value: str | None, pci_order: bool) -> Facts:
    """The facts with only the GPUs the value shows; unchanged where it shows none (the
    variable's own finding says so) or narrows nothing."""
    shown = shown_gpus(facts, value, pci_order)
    if not shown or len(shown) == len(facts.gpus):
        return facts
    return dataclasses.replace(facts, gpus=shown)


def pci_order_set(facts: Facts) -> bool:
    """CUDA numbers the GPUs as nvidia-smi does (bus order) in the user's process."""
    return (facts.env.get("CUDA_DEVICE_ORDER") or "").strip() == "PCI_BUS_ID"
