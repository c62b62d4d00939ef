"""Which of a machine's GPUs a process sees under a CUDA_VISIBLE_DEVICES value.

A release is judged on the GPUs TensorFlow will see: a plan's --gpus selection, or (for a
release already installed) the variable as the user's process has it."""

from __future__ import annotations

import dataclasses

from ..envvars import parse_cuda_visible_devices
from ..facts import Facts, Gpu
from ..versions import parsed


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
    if any(not item.isdigit() for item in visible.items) and not any(g.uuid for g in facts.gpus):
        return None
    shown = _shown(facts.gpus, visible.items)
    if visible.indices and not (pci_order or alike):
        # CUDA's own order is fastest first: where every model has its own compute capability,
        # the newer one is the faster, and where both orders show the same GPUs, it is told
        fastest = _fastest_first(facts.gpus)
        if fastest is None or set(_shown(fastest, visible.items)) != set(shown):
            return None
    return shown


def _shown(gpus: tuple[Gpu, ...], items: tuple[str, ...]) -> tuple[Gpu, ...]:
    """The GPUs the entries name, indices counted in the order given, up to the first entry
    that names none (CUDA stops there)."""
    numbered = tuple(dataclasses.replace(g, index=i) for i, g in enumerate(gpus))
    shown: list[Gpu] = []
    for item in items:
        at = next((i for i, g in enumerate(numbered) if _matches(g, item)), None)
        if at is None:
            break
        if gpus[at] not in shown:
            shown.append(gpus[at])
    return tuple(shown)


def _fastest_first(gpus: tuple[Gpu, ...]) -> tuple[Gpu, ...] | None:
    """The GPUs newest compute capability first; None where two models share one (or one is
    unknown), whose order CUDA's speed guess decides."""
    models = {(g.name, g.compute_capability) for g in gpus}
    capabilities = [cc for _, cc in models]
    if None in capabilities or len(set(capabilities)) != len(capabilities):
        return None
    return tuple(sorted(gpus, key=lambda g: parsed(g.compute_capability or "0"), reverse=True))


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
