"""NVIDIA GPUs on the PCI bus, as `lspci -nn` lists them.

NVML and nvidia-smi answer only through a working driver: on a machine whose driver is missing,
not loaded or mismatched they list no GPU, and "no GPU" would be the wrong answer to "install
the driver". The bus lists the GPU whatever the driver does. Its name comes from the PCI ID
database lspci reads ('GA102 [GeForce RTX 3090]'); an ID the database predates reads 'Device'.
"""

from __future__ import annotations

import re

from ..facts import Gpu, Note
from ..host import Host
from .nvidia_smi import normalise_bus_id

LSPCI_TIMEOUT_S = 3.0
PCI_SOURCE = "lspci"

_NVIDIA_DISPLAY = re.compile(
    # a display-class device (VGA 0300, 3D 0302, display 0380) of vendor 10de; the audio
    # function of the same card (0403) is not a GPU
    r"^(?P<bus>[0-9A-Fa-f]{2,8}(?::[0-9A-Fa-f]{2}){1,2}\.[0-7]) [^\n\[]*\[03[0-9A-Fa-f]{2}\]: "
    r"NVIDIA Corporation (?P<description>[^\n]*?) ?\[10de:(?P<device>[0-9A-Fa-f]{4})\]",
    re.MULTILINE,
)
_PRODUCT = re.compile(r"\[(?P<name>[^\[\]]+)\]\s*$")


def probe_pci_gpus(host: Host) -> tuple[tuple[Gpu, ...], tuple[Note, ...]]:
    """The NVIDIA GPUs lspci lists, with a note where it could not be asked; none where lspci
    is not installed (minimal images lack pciutils): that is no evidence either way."""
    if host.which("lspci") is None:
        return (), ()
    result = host.run(["lspci", "-nn"], timeout=LSPCI_TIMEOUT_S)
    if not result.ok:
        return (), (Note(PCI_SOURCE, result.describe_failure()),)
    return tuple(
        _gpu(index, m) for index, m in enumerate(_NVIDIA_DISPLAY.finditer(result.stdout))
    ), ()


def _gpu(index: int, match: re.Match[str]) -> Gpu:
    return Gpu(
        index=index,
        name=product_name(match["description"], match["device"]),
        pci_bus_id=normalise_bus_id(_with_domain(match["bus"])),
        cc_source="not measured: no working driver to ask (listed on the PCI bus)",
        source=PCI_SOURCE,
    )


def product_name(description: str, device: str) -> str:
    """'GA102 [GeForce RTX 3090]' -> 'GeForce RTX 3090'; an ID the database does not name
    ('Device') -> 'NVIDIA PCI device 10de:2b85'."""
    found = _PRODUCT.search(description)
    if found:
        return found["name"].strip()
    text = description.strip()
    if not text or text == "Device":
        return f"NVIDIA PCI device 10de:{device.lower()}"
    return text


def _with_domain(bus: str) -> str:
    """lspci omits PCI domain 0000 ('01:00.0')."""
    return bus if bus.count(":") == 2 else f"0000:{bus}"
