"""Everything a planner rule may look at; rules read it and never touch the machine."""

from __future__ import annotations

from dataclasses import dataclass

from ..facts import Facts
from ..matrix.model import Matrix
from .driver_gpus import undriven_indices
from .evaluate import Evaluation, is_windows_driver
from .request import Request


@dataclass(frozen=True)
class Context:
    facts: Facts
    matrix: Matrix
    request: Request
    evaluations: tuple[Evaluation, ...]
    """Releases considered, newest first."""
    chosen: Evaluation | None
    """The release the plan installs (GPU or CPU build), if any."""
    gpu: bool
    """Whether the chosen release will use the GPU."""
    installed: bool = False
    """Judging the release already installed (doctor), not choosing one to install (plan)."""
    release_guessed: bool = False
    """The installed release is one the log's hints admit, not one stated or read."""

    @property
    def newest_gpu_capable(self) -> Evaluation | None:
        return next((e for e in self.evaluations if e.installable), None)

    def undriven(self) -> frozenset[int]:
        """The indices of the GPUs the installed driver does not drive."""
        return undriven_indices(self.facts, self.matrix, is_windows_driver(self.facts))

    def visible_devices_set(self) -> str | None:
        """The CUDA_VISIBLE_DEVICES the plan's activate script exports: the GPUs asked for with
        --gpus, else only those the chosen release has kernels for where some have none;
        None where it leaves the variable as the user's environment has it."""
        if self.request.gpus is not None:
            return self.request.gpus
        if self.chosen is None or not self.gpu:
            return None
        if self.facts.env.get("CUDA_VISIBLE_DEVICES") is not None:
            return None  # the user's (a scheduler's, perhaps on purpose) stays: --gpus changes it
        if not any(g.support == "unsupported" for g in self.chosen.gpus):
            return None
        if self.chosen.driver_update_fixes:
            return None  # the driver still to install decides which GPUs CUDA lists, and in order
        # a GPU the driver does not drive is not listed, nor counted in CUDA's indices
        undriven = self.undriven()
        driven = [g for g in self.facts.gpus if g.index not in undriven]
        kept = [
            g.gpu
            for g in self.chosen.gpus
            if g.support != "unsupported" and g.gpu.index not in undriven
        ]
        if not kept or len(kept) == len(driven):
            # the driver already shows CUDA only these (none kept: hiding every GPU selects none)
            return None
        return ",".join(g.uuid or str(driven.index(g)) for g in kept)
