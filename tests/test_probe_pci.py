"""A GPU without a working driver is still on the PCI bus: the probe lists it from lspci.

NVML and nvidia-smi need the driver, so on a fresh install they list nothing, and the plan
used to answer "no GPU here" where the answer is "install the driver". The lspci outputs are
real (tests/fixtures/lspci/README.md); the rest of the machine is the recorded no-driver host.
"""

from __future__ import annotations

from pathlib import Path

from conftest import fixture_matrix
from host_builder import build_host

from tfgpu_setup.findings import Severity
from tfgpu_setup.host import RecordedHost
from tfgpu_setup.planner import Request, make_plan
from tfgpu_setup.probe.collect import probe
from tfgpu_setup.whatif import Overrides, apply_overrides

FIXTURES = Path(__file__).parent / "fixtures"
NO_DRIVER_HOST = FIXTURES / "hosts" / "no-gpu-no-driver" / "root"
MATRIX = fixture_matrix()


def host_with_lspci(tmp_path: Path, listing: str | None):
    files = {
        "/etc/os-release": (NO_DRIVER_HOST / "etc" / "os-release").read_text(),
        "/proc/version": (NO_DRIVER_HOST / "proc" / "version").read_text(),
    }
    if listing is None:
        return build_host(tmp_path, files=files)
    stdout = (FIXTURES / "lspci" / listing).read_text()
    return build_host(
        tmp_path,
        files=files,
        which={"lspci": "/usr/bin/lspci"},
        commands=[{"argv": ["/usr/bin/lspci", "-nn"], "stdout": stdout}],
    )


def planned(facts):
    """As 'tfgpu-setup plan' makes it from a probe: names read into compute capabilities."""
    facts = apply_overrides(facts, Overrides(pythons=("3.11",)), MATRIX)
    return make_plan(facts, MATRIX, Request(venv="/home/ada/.venv-tf", python="3.11"))


def test_a_laptop_without_a_driver_lists_its_nvidia_gpu_and_not_the_intel_devices(tmp_path):
    facts = probe(host_with_lspci(tmp_path, "laptop-gtx1050ti-mobile.txt"))
    assert facts.driver.version is None
    assert [(g.name, g.pci_bus_id, g.source) for g in facts.gpus] == [
        ("GeForce GTX 1050 Ti Mobile", "00000000:01:00.0", "lspci")
    ]
    assert not facts.gpus_absent()


def test_the_plan_for_it_is_the_gpu_build_once_the_driver_is_installed(tmp_path):
    plan = planned(probe(host_with_lspci(tmp_path, "laptop-gtx1050ti-mobile.txt")))
    assert plan.verdict == "gpu"
    top = plan.findings[0]
    assert (top.id, top.severity) == ("no-nvidia-driver", Severity.ERROR)
    assert "GeForce GTX 1050 Ti Mobile" in top.title


def test_a_gpu_the_id_database_does_not_name_is_still_a_gpu_whose_driver_is_missing(tmp_path):
    facts = probe(host_with_lspci(tmp_path, "desktop-gtx970-unnamed.txt"))
    assert [g.name for g in facts.gpus] == ["NVIDIA PCI device 10de:13c2"]
    plan = planned(facts)
    # its compute capability is unknown: no promise of the GPU, but the driver is the cause
    assert plan.verdict == "cpu"
    assert (plan.findings[0].id, plan.findings[0].severity) == ("no-nvidia-driver", Severity.ERROR)


def test_without_lspci_or_an_nvidia_device_nothing_is_listed(tmp_path):
    assert probe(host_with_lspci(tmp_path / "none", None)).gpus == ()
    assert probe(host_with_lspci(tmp_path / "wsl", "wsl2.txt")).gpus == ()


def test_a_working_driver_is_asked_and_lspci_is_not(tmp_path):
    """The recorded A10 host (R550, NVML answers), with lspci installed as well."""
    import json
    import shutil

    folder = tmp_path / "a10"
    shutil.copytree(FIXTURES / "hosts" / "linux-a10-r550", folder)
    spec = json.loads((folder / "host.json").read_text())
    spec["which"]["lspci"] = "/usr/bin/lspci"
    listing = (FIXTURES / "lspci" / "desktop-gtx560ti.txt").read_text()
    spec["commands"].append({"argv": ["/usr/bin/lspci", "-nn"], "stdout": listing})
    (folder / "host.json").write_text(json.dumps(spec))
    host = RecordedHost(folder)
    facts = probe(host)
    assert [g.source for g in facts.gpus] == ["nvml"] and "A10" in facts.gpus[0].name
    assert not any("lspci" in call[0] for call in host.calls)


def test_no_gpu_listed_without_a_driver_is_shown_as_unknown_not_as_none(tmp_path):
    import io

    from tfgpu_setup import textout
    from tfgpu_setup.render import show_facts

    facts = probe(host_with_lspci(tmp_path, None))
    stream = io.StringIO()
    textout.write(textout.render(lambda c: show_facts(c, facts), stream), stream)
    gpus = next(line for line in stream.getvalue().splitlines() if line.startswith("GPUs"))
    assert "none listed" in gpus and "lspci" in gpus
