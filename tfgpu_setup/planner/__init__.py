"""The pure planner: facts + matrix + request -> Plan."""

from .make import make_plan
from .request import Request
from .whatif import Overrides, apply_overrides, baseline_facts

__all__ = ["Overrides", "Request", "apply_overrides", "baseline_facts", "make_plan"]
