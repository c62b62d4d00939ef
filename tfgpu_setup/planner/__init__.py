"""The pure planner: facts + matrix + request -> Plan."""

from .make import make_plan
from .request import Request

__all__ = ["Request", "make_plan"]
