"""Everything a planner rule may look at; rules read it and never touch the machine."""

from __future__ import annotations

from dataclasses import dataclass

from ..facts import Facts
from ..matrix.model import Matrix
from .evaluate import Evaluation
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

    def visible_devices_set(self) -> str | None:
        """The CUDA_VISIBLE_DEVICES the plan's activate script exports: the GPUs asked for with
        --gpus, else only those the chosen release has kernels for where some have none;
        None where it leaves the variable as the user's environment has it."""
        if self.request.gpus is not None:
            return self.request.gpus
        if self.chosen is None or not self.gpu:
            return None
        if not any(g.support == "unsupported" for g in self.chosen.gpus):
            return None
        kept = [g.gpu for g in self.chosen.gpus if g.support != "unsupported"]
        return ",".join(g.uuid or str(g.index) for g in kept)
