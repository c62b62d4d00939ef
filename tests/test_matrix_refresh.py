"""matrix refresh: the docs and PyPI parsers on real documents, HTTPS fetching, and the whole
refresh against a local HTTPS server, including every way it must fail without writing."""

from __future__ import annotations

import copy
import dataclasses
import functools
import json
import os
import ssl
import stat
import time
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import trustme
from packaging.version import Version
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from tfgpu_setup.errors import ExitCode, UserError
from tfgpu_setup.facts import Driver, Facts, Gpu, Platform, PythonInterpreter
from tfgpu_setup.findings import Severity
from tfgpu_setup.matrix.fetch import DEFAULT_MAX_BYTES, FetchError, fetch
from tfgpu_setup.matrix.load import load_matrix, shipped_dir
from tfgpu_setup.matrix.model import Matrix, TfRelease
from tfgpu_setup.matrix.parse_docs import (
    BuildConfig,
    BuildTable,
    DocsParseError,
    TableKey,
    parse_tested_configurations,
    python_versions,
)
from tfgpu_setup.matrix.parse_pypi import (
    manylinux_glibc,
    parse_project,
    parse_release,
)
from tfgpu_setup.matrix.refresh import Fetcher, SourceUrls, refresh
from tfgpu_setup.planner import Request as PlanRequest
from tfgpu_setup.planner import make_plan

UPSTREAM = Path(__file__).parent / "fixtures" / "upstream"
PYPI = Path(__file__).parent / "fixtures" / "pypi"
SOURCE_MD = (UPSTREAM / "source.md").read_text(encoding="utf-8")
SOURCE_WINDOWS_MD = (UPSTREAM / "source_windows.md").read_text(encoding="utf-8")
TRACKED = sorted(
    p.name.removeprefix("tensorflow-").removesuffix(".json") for p in PYPI.glob("tensorflow-*.json")
)


def pypi_doc(name: str) -> Any:
    return json.loads((PYPI / name).read_text(encoding="utf-8"))


def linux_macos() -> dict[TableKey, BuildTable]:
    return parse_tested_configurations(SOURCE_MD, "linux_macos", "source.md")


def windows() -> dict[TableKey, BuildTable]:
    return parse_tested_configurations(SOURCE_WINDOWS_MD, "windows", "source_windows.md")


def row(tables: dict[TableKey, BuildTable], table: TableKey, version: str) -> BuildConfig:
    rows = [r for r in tables[table].rows if r.version == version]
    assert len(rows) == 1, rows
    return rows[0]


# -- docs tables -----------------------------------------------------------------------------


def test_linux_gpu_table_gives_cuda_and_cudnn_per_release() -> None:
    tables = linux_macos()
    r215 = row(tables, "linux_gpu", "2.15.0")
    assert (r215.cuda, r215.cudnn) == ("12.2", "8.9")
    r221 = row(tables, "linux_gpu", "2.21.0")
    assert (r221.cuda, r221.cudnn) == ("12.5", "9.3")
    assert r221.python == ("3.10", "3.11", "3.12", "3.13")
    assert r221.python_text == "3.10-3.13"
    assert (r221.compiler, r221.build_tools) == ("Clang 18.1.8", "Bazel 7.4.1")


def test_linux_tables_cover_every_row_newest_first() -> None:
    gpu = linux_macos()["linux_gpu"].rows
    assert len(gpu) == 38
    assert (gpu[0].package, gpu[0].version) == ("tensorflow", "2.21.0")
    assert (gpu[-1].package, gpu[-1].version) == ("tensorflow-gpu", "1.0.0")
    assert gpu[-1].python == ("2.7", "3.3", "3.4", "3.5", "3.6")
    assert (gpu[-1].cuda, gpu[-1].cudnn) == ("8", "5.1")
    assert all(r.cuda is None and r.cudnn is None for r in linux_macos()["linux_cpu"].rows)


def test_windows_gpu_table_ends_with_tensorflow_gpu_2_10() -> None:
    tables = windows()
    gpu = tables["windows_gpu"].rows
    assert (gpu[0].package, gpu[0].version, gpu[0].cuda, gpu[0].cudnn) == (
        "tensorflow-gpu",
        "2.10.0",
        "11.2",
        "8.1",
    )
    assert not [r for r in gpu if r.series >= (2, 11)]
    assert row(tables, "windows_gpu", "1.12.0").cuda == "9.0"


def test_windows_cpu_table_keeps_the_upstream_gap_at_2_13() -> None:
    versions = [r.version for r in windows()["windows_cpu"].rows]
    assert "2.13.0" not in versions
    assert {"2.12.0", "2.14.0", "2.21.0"} <= set(versions)


def test_macos_cpu_keeps_both_upstream_rows_for_2_0_0() -> None:
    tables = linux_macos()
    rows = [r for r in tables["macos_cpu"].rows if r.version == "2.0.0"]
    assert [(r.python_text, r.build_tools) for r in rows] == [
        ("2.7, 3.5-3.7", "Bazel 0.27.1"),
        ("2.7, 3.3-3.7", "Bazel 0.26.1"),
    ]
    assert [(r.version, r.cuda) for r in tables["macos_gpu"].rows] == [
        ("1.1.0", "8"),
        ("1.0.0", "8"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3.9-3.12", ("3.9", "3.10", "3.11", "3.12")),
        ("2.7, 3.3-3.5", ("2.7", "3.3", "3.4", "3.5")),
        ("3.5", ("3.5",)),
    ],
)
def test_python_ranges(text: str, expected: tuple[str, ...]) -> None:
    assert python_versions(text) == expected


@pytest.mark.parametrize("text", ["3.12-3.9", "2.7-3.3", "three", "3", ""])
def test_python_ranges_refuse_nonsense(text: str) -> None:
    with pytest.raises(ValueError):
        python_versions(text)


def test_page_without_the_section_is_refused_by_name() -> None:
    with pytest.raises(DocsParseError, match=r"x\.md: no 'Tested build configurations' section"):
        parse_tested_configurations(
            "# Build from source\n<table><tr><td>1</td></tr></table>", "linux_macos", "x.md"
        )


def test_page_cut_inside_a_table_is_refused() -> None:
    gpu_row = "<td>Bazel 5.0.0</td><td>8.1</td><td>11.2</td></tr>"  # 2.9.0, Linux GPU
    cut = SOURCE_MD[: SOURCE_MD.index(gpu_row) + 20]
    with pytest.raises(DocsParseError, match="Linux / GPU never ends") as info:
        parse_tested_configurations(cut, "linux_macos", "source.md")
    assert info.value.code == ExitCode.MATRIX


def test_missing_table_is_named() -> None:
    without_gpu = SOURCE_WINDOWS_MD[: SOURCE_WINDOWS_MD.rindex("### GPU")]
    with pytest.raises(DocsParseError, match="table 'Windows GPU' not found"):
        parse_tested_configurations(without_gpu, "windows", "source_windows.md")


def test_empty_table_is_refused() -> None:
    start = SOURCE_MD.index(
        "<tr><td>tensorflow-2.21.0</td><td>3.10-3.13</td><td>Clang 18.1.8</td>"
        "<td>Bazel 7.4.1</td><td>9.3</td>"
    )
    end = SOURCE_MD.index("</table>", start)
    header_only = SOURCE_MD[:start] + SOURCE_MD[end:]
    with pytest.raises(DocsParseError, match=r"source\.md: table 'Linux GPU' is empty"):
        parse_tested_configurations(header_only, "linux_macos", "source.md")


def test_row_with_a_missing_cell_is_named() -> None:
    broken = SOURCE_MD.replace("<td>8.9</td><td>12.2</td>", "<td>12.2</td>")
    with pytest.raises(
        DocsParseError, match="table 'Linux GPU' row 7: 5 cells where the header has 6"
    ):
        parse_tested_configurations(broken, "linux_macos", "source.md")


def test_headings_in_code_blocks_do_not_move_tables() -> None:
    # source_windows.md has '# Use Unix-style ...' inside a ``` block before the tables.
    assert "# Use Unix-style with ':' as separator" in SOURCE_WINDOWS_MD
    assert set(windows()) == {"windows_cpu", "windows_gpu"}


# -- PyPI documents --------------------------------------------------------------------------


def test_project_document_lists_final_releases_newest_first() -> None:
    releases = parse_project(pypi_doc("tensorflow.json"), "tensorflow.json")
    versions = list(releases)
    assert versions[:3] == ["2.21.0", "2.20.0", "2.19.1"]
    assert "2.16.0" not in versions  # PyPI went from 2.16.0rc0 straight to 2.16.1
    assert "2.15.0.post1" in versions
    raw = pypi_doc("tensorflow.json")["releases"]
    assert "2.16.0rc0" in raw and "2.21.0rc0" in raw
    assert not [v for v in versions if "rc" in v]


def test_yanked_release_is_skipped() -> None:
    document = copy.deepcopy(pypi_doc("tensorflow.json"))
    for entry in document["releases"]["2.20.0"]:
        entry["yanked"] = True
    assert "2.20.0" not in parse_project(document, "tensorflow.json")


def test_a_release_is_published_on_the_day_of_its_first_upload() -> None:
    document = copy.deepcopy(pypi_doc("tensorflow.json"))
    files = document["releases"]["2.20.0"]
    assert parse_project(document, "tensorflow.json")["2.20.0"].published is None  # trimmed
    files[0]["upload_time_iso_8601"] = "2025-08-14T01:02:03.000000Z"
    files[1]["upload_time_iso_8601"] = "2025-08-13T23:59:59.000000Z"
    files[2]["upload_time_iso_8601"] = "not a time"
    assert parse_project(document, "tensorflow.json")["2.20.0"].published == "2025-08-13"


def test_wheels_give_platform_tags_glibc_and_python() -> None:
    releases = parse_project(pypi_doc("tensorflow.json"), "tensorflow.json")
    r221 = releases["2.21.0"]
    assert r221.requires_python == ">=3.10"
    assert r221.python == ("3.10", "3.11", "3.12", "3.13")
    linux = r221.wheels_for("linux_x86_64")
    assert {(w.platform_tag, w.glibc_min) for w in linux} == {("manylinux_2_27_x86_64", "2.27")}
    assert not r221.wheels_for("macos_x86_64")
    assert {w.platform_tag for w in r221.wheels_for("macos_arm64")} == {"macosx_12_0_arm64"}
    r220 = releases["2.20.0"]
    assert r220.python == ("3.9", "3.10", "3.11", "3.12", "3.13")
    assert {(w.platform_tag, w.glibc_min) for w in r220.wheels_for("linux_x86_64")} == {
        ("manylinux_2_17_x86_64.manylinux2014_x86_64", "2.17")
    }
    r28 = releases["2.8.0"]
    assert {(w.platform_tag, w.glibc_min) for w in r28.wheels_for("linux_x86_64")} == {
        ("manylinux2010_x86_64", "2.12")
    }
    assert releases["2.16.2"].wheels_for("macos_x86_64")


@pytest.mark.parametrize(
    ("tag", "glibc"),
    [
        ("manylinux_2_27_x86_64", "2.27"),
        ("manylinux_2_17_aarch64", "2.17"),
        ("manylinux2014_x86_64", "2.17"),
        ("manylinux2010_x86_64", "2.12"),
        ("manylinux1_x86_64", "2.5"),
        ("win_amd64", None),
        ("macosx_12_0_arm64", None),
    ],
)
def test_manylinux_glibc(tag: str, glibc: str | None) -> None:
    assert manylinux_glibc(tag) == glibc


def test_and_cuda_requirements_of_2_21_exactly_as_written() -> None:
    release = parse_release(pypi_doc("tensorflow-2.21.0.json"), "2.21.0")
    assert release.requires_python == ">=3.10"
    assert len(release.and_cuda_requires) == 12
    assert release.and_cuda_requires[0] == 'nvidia-cublas-cu12<13.0,>=12.5.3.2; extra == "and-cuda"'
    assert 'nvidia-nccl-cu12<3.0,>=2.27.7; extra == "and-cuda"' in release.and_cuda_requires
    assert not [r for r in release.and_cuda_requires if "gcs-filesystem" in r]
    assert release.files.python == ("3.10", "3.11", "3.12", "3.13")


def test_and_cuda_requirements_in_the_old_metadata_syntax() -> None:
    r215 = parse_release(pypi_doc("tensorflow-2.15.0.json"), "2.15.0")
    assert "tensorrt (==8.6.1.post1) ; extra == 'and-cuda'" in r215.and_cuda_requires
    assert "nvidia-cudnn-cu12 (==8.9.4.25) ; extra == 'and-cuda'" in r215.and_cuda_requires
    post1 = parse_release(pypi_doc("tensorflow-2.15.0.post1.json"), "2.15.0.post1")
    assert not [r for r in post1.and_cuda_requires if r.startswith("tensorrt")]
    r214 = parse_release(pypi_doc("tensorflow-2.14.0.json"), "2.14.0")
    assert all("-cu11" in r or r.startswith("tensorrt") for r in r214.and_cuda_requires)


def test_release_document_of_the_wrong_shape_is_named() -> None:
    document = pypi_doc("tensorflow-2.21.0.json")
    document["info"]["requires_dist"] = "nvidia-cublas-cu12"
    with pytest.raises(UserError, match=r"2\.21\.0: info\.requires_dist is not a list"):
        parse_release(document, "2.21.0")


# -- HTTPS fetching --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def ca() -> trustme.CA:
    return trustme.CA()


@pytest.fixture(scope="module")
def ca_bundle(ca: trustme.CA, tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("ca") / "ca.pem"
    ca.cert_pem.write_to_path(str(path))
    return str(path)


@pytest.fixture(scope="module")
def https_server(ca: trustme.CA) -> Iterator[HTTPServer]:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ca.issue_cert("localhost", "127.0.0.1").configure_cert(context)
    server = HTTPServer(ssl_context=context, threaded=True)
    server.start()
    yield server
    server.clear()
    server.stop()


@pytest.fixture
def server(https_server: HTTPServer) -> Iterator[HTTPServer]:
    https_server.clear()
    yield https_server
    https_server.clear()


def test_fetch_returns_the_body(server: HTTPServer, ca_bundle: str) -> None:
    server.expect_request("/doc").respond_with_data("hello", content_type="text/plain")
    assert fetch(server.url_for("/doc"), verify=ca_bundle, accept=["text/plain"]) == b"hello"


def test_fetch_refuses_plain_http_without_connecting() -> None:
    with pytest.raises(FetchError, match="only https:// URLs are allowed") as info:
        fetch("http://pypi.org/pypi/tensorflow/json")
    assert info.value.code == ExitCode.NETWORK


def test_fetch_reports_an_unreachable_host() -> None:
    with pytest.raises(
        FetchError, match=r"cannot download https://127\.0\.0\.1:1/x: network error"
    ):
        fetch("https://127.0.0.1:1/x", timeout=(2.0, 2.0))


def test_fetch_checks_certificates(server: HTTPServer) -> None:
    server.expect_request("/doc").respond_with_data("hello")
    with pytest.raises(FetchError, match="TLS error"):
        fetch(server.url_for("/doc"))  # the system CAs do not know the test CA


def test_fetch_follows_https_redirects(server: HTTPServer, ca_bundle: str) -> None:
    server.expect_request("/old").respond_with_data("", status=301, headers={"Location": "/new"})
    server.expect_request("/new").respond_with_data("moved", content_type="text/plain")
    assert fetch(server.url_for("/old"), verify=ca_bundle) == b"moved"


def test_fetch_refuses_a_redirect_to_http(server: HTTPServer, ca_bundle: str) -> None:
    target = server.url_for("/new").replace("https://", "http://")
    server.expect_request("/old").respond_with_data("", status=302, headers={"Location": target})
    with pytest.raises(FetchError, match=f"redirected to a non-HTTPS URL \\({target}\\)"):
        fetch(server.url_for("/old"), verify=ca_bundle)


def test_fetch_reports_http_errors(server: HTTPServer, ca_bundle: str) -> None:
    server.expect_request("/doc").respond_with_data("oops", status=500)
    with pytest.raises(FetchError, match=r"/doc: HTTP 500 INTERNAL SERVER ERROR"):
        fetch(server.url_for("/doc"), verify=ca_bundle)


def test_fetch_refuses_unexpected_content_type(server: HTTPServer, ca_bundle: str) -> None:
    server.expect_request("/json").respond_with_data("<html>", content_type="text/html")
    with pytest.raises(FetchError, match="unexpected Content-Type 'text/html'"):
        fetch(server.url_for("/json"), verify=ca_bundle, accept=["application/json"])


def test_fetch_refuses_an_announced_oversize_body(server: HTTPServer, ca_bundle: str) -> None:
    server.expect_request("/big").respond_with_data(b"x" * 5000)
    with pytest.raises(FetchError, match="announces 5000 bytes, over the 4096 limit"):
        fetch(server.url_for("/big"), verify=ca_bundle, max_bytes=4096)


def test_fetch_stops_reading_a_streamed_oversize_body(server: HTTPServer, ca_bundle: str) -> None:
    def endless() -> Iterator[bytes]:
        while True:
            yield b"x" * 1024

    server.expect_request("/stream").respond_with_response(Response(endless()))
    with pytest.raises(FetchError, match="larger than the 4096 byte limit"):
        fetch(server.url_for("/stream"), verify=ca_bundle, max_bytes=4096)


def test_fetch_times_out(server: HTTPServer, ca_bundle: str) -> None:
    def slow(request: Request) -> Response:
        time.sleep(1.5)
        return Response("late")

    server.expect_request("/slow").respond_with_handler(slow)
    started = time.monotonic()
    with pytest.raises(FetchError, match="timed out"):
        fetch(server.url_for("/slow"), verify=ca_bundle, timeout=(2, 0.3))
    assert time.monotonic() - started < 1.4


# -- refresh end to end, against a local HTTPS server standing in for GitHub and PyPI ---------

DOCS_PATH = "/tensorflow/docs/master/site/en/install/"
TODAY = date(2026, 11, 29)


def upstream_urls(server: HTTPServer) -> SourceUrls:
    return SourceUrls(
        docs_linux_macos=server.url_for(DOCS_PATH + "source.md"),
        docs_windows=server.url_for(DOCS_PATH + "source_windows.md"),
        pypi_project=server.url_for("/pypi/tensorflow/json"),
        pypi_release=server.url_for("/pypi/tensorflow/") + "{version}/json",
    )


def serve_upstream(
    server: HTTPServer, broken: dict[str, Callable[[Any], None]] | None = None
) -> None:
    """The real pages and recorded PyPI documents; `broken` replaces the answer for a path."""
    broken = broken or {}
    documents: dict[str, tuple[bytes, str]] = {
        DOCS_PATH + "source.md": (SOURCE_MD.encode(), "text/plain; charset=utf-8"),
        DOCS_PATH + "source_windows.md": (SOURCE_WINDOWS_MD.encode(), "text/plain; charset=utf-8"),
        "/pypi/tensorflow/json": ((PYPI / "tensorflow.json").read_bytes(), "application/json"),
    }
    for version in TRACKED:
        documents[f"/pypi/tensorflow/{version}/json"] = (
            (PYPI / f"tensorflow-{version}.json").read_bytes(),
            "application/json",
        )
    unknown = set(broken) - set(documents)
    assert not unknown, unknown
    for path, (body, content_type) in documents.items():
        handler = server.expect_request(path)
        if path in broken:
            broken[path](handler)
        else:
            handler.respond_with_data(body, content_type=content_type)


def stale(matrix: Matrix) -> Matrix:
    """The shipped matrix as an older tool release might have it: no 2.21.0, 2.20.0's CUDA and
    2.8.0's glibc floor out of date."""

    def aged(release: TfRelease) -> TfRelease:
        if release.version == "2.20.0":
            return dataclasses.replace(release, cuda="12.3", cuda_build=None)
        if release.version == "2.8.0":
            linux = dataclasses.replace(release.platforms["linux_x86_64"], glibc_min="2.17")
            return dataclasses.replace(
                release, platforms={**release.platforms, "linux_x86_64": linux}
            )
        return release

    releases = tuple(aged(r) for r in matrix.tensorflow.releases if r.version != "2.21.0")
    return dataclasses.replace(
        matrix, tensorflow=dataclasses.replace(matrix.tensorflow, releases=releases)
    )


@pytest.fixture
def shipped() -> Matrix:
    return load_matrix(None)


@pytest.fixture
def fetcher(ca_bundle: str) -> Fetcher:
    return functools.partial(fetch, verify=ca_bundle, timeout=(2.0, 2.0))


@pytest.fixture
def previous(tmp_path: Path, shipped: Matrix) -> Path:
    """A refreshed folder holding an earlier refresh's file, which failures must leave alone."""
    folder = tmp_path / "refreshed"
    folder.mkdir()
    (folder / "tensorflow.json").write_bytes((shipped_dir() / "tensorflow.json").read_bytes())
    return folder


def test_refresh_adds_new_releases_and_corrects_stale_values(
    server: HTTPServer, fetcher: Fetcher, shipped: Matrix, tmp_path: Path
) -> None:
    serve_upstream(server)
    dest = tmp_path / "refreshed"
    seen: list[str] = []
    result = refresh(
        stale(shipped),
        dest,
        urls=upstream_urls(server),
        fetcher=fetcher,
        today=TODAY,
        progress=seen.append,
    )
    assert result.path == dest / "tensorflow.json"
    assert result.added == ("2.21.0",)
    assert "2.20.0 cuda: 12.3 -> 12.5" in result.diff
    assert any(
        line.startswith("added 2.21.0: CUDA 12.5, cuDNN 9.3, Python 3.10-3.13")
        for line in result.diff
    )
    assert [c.version for c in result.changes if c.field == "cuda"] == ["2.20.0"]
    assert "2.8.0 platforms.linux_x86_64.glibc_min: 2.17 -> 2.12" in result.diff
    assert result.changed_releases == ("2.20.0", "2.8.0")
    glibc = next(c for c in result.changes if c.version == "2.8.0")
    assert glibc.source == upstream_urls(server).pypi_project
    assert result.release_count == len(shipped.tensorflow.releases)
    assert seen == list(result.fetched)
    assert len(result.fetched) == 3 + len(TRACKED)

    reloaded = load_matrix(dest)
    by_version = {r.version: r for r in reloaded.tensorflow.releases}
    new = by_version["2.21.0"]
    assert (new.cuda, new.cudnn, new.python) == ("12.5", "9.3", ("3.10", "3.11", "3.12", "3.13"))
    assert new.requires_python == ">=3.10"
    assert 'nvidia-nccl-cu12<3.0,>=2.27.7; extra == "and-cuda"' in new.and_cuda_requires
    assert new.platforms["linux_x86_64"].glibc_min == "2.27"
    assert new.platforms["linux_x86_64"].gpu
    assert not new.platforms["windows_x86_64"].gpu
    assert (new.sass, new.ptx) == ((), ())
    # Pins come from the and-cuda floors, the versions the release was built against.
    assert (
        new.nvidia_pins == {r.version: r for r in shipped.tensorflow.releases}["2.21.0"].nvidia_pins
    )
    assert any("wheel scan" in note for note in new.notes)
    assert new.sources["cuda"] == upstream_urls(server).docs_linux_macos
    fixed = by_version["2.20.0"]
    assert fixed.cuda == "12.5"
    assert fixed.sources["cuda"] == upstream_urls(server).docs_linux_macos
    kept = {r.version: r for r in shipped.tensorflow.releases}["2.20.0"]
    assert (fixed.sass, fixed.ptx, fixed.nvidia_pins) == (kept.sass, kept.ptx, kept.nvidia_pins)
    assert reloaded.tensorflow.defects == shipped.tensorflow.defects
    assert reloaded.tensorflow.refreshed == "2026-11-29"
    assert sorted(p.name for p in dest.iterdir()) == ["tensorflow.json"]

    # The planner can use a refreshed release at once: pinned wheels, kernels not yet known.
    plan = make_plan(
        Facts(
            platform=Platform(os="linux", arch="x86_64", glibc="2.35"),
            driver=Driver("550.127.05", "12.4", "test"),
            pythons=(PythonInterpreter("3.12", None, "test"),),
            gpus=(Gpu(0, "NVIDIA A10", compute_capability="8.6"),),
        ),
        reloaded,
        PlanRequest(venv="/tmp/env"),
    )
    assert (plan.verdict, plan.tensorflow) == ("gpu", "2.21.0")
    assert "nvidia-cudnn-cu12==9.3.0.75" in plan.requirements
    unknown = next(f for f in plan.findings if f.id == "compute-capability-unsupported")
    assert unknown.severity == Severity.WARNING and "not scanned" in unknown.title


def test_shipped_matrix_agrees_with_the_sources_it_was_built_from(
    server: HTTPServer, fetcher: Fetcher, shipped: Matrix, tmp_path: Path
) -> None:
    serve_upstream(server)
    result = refresh(
        shipped, tmp_path / "refreshed", urls=upstream_urls(server), fetcher=fetcher, today=TODAY
    )
    assert result.diff == ()
    assert result.unchanged
    written = json.loads(result.path.read_text(encoding="utf-8"))
    original = json.loads((shipped_dir() / "tensorflow.json").read_text(encoding="utf-8"))
    assert written["refreshed"] == "2026-11-29"
    for document in (written, original):
        del document["refreshed"], document["sources"]
    assert written == original  # nothing lost on the way: notes, pins, defects, sources


def assert_refresh_fails(
    server: HTTPServer,
    fetcher: Fetcher,
    shipped: Matrix,
    previous: Path,
    broken: dict[str, Callable[[Any], None]],
    code: ExitCode,
    message: str,
) -> UserError:
    before = (previous / "tensorflow.json").read_bytes()
    serve_upstream(server, broken)
    with pytest.raises(UserError) as info:
        refresh(stale(shipped), previous, urls=upstream_urls(server), fetcher=fetcher, today=TODAY)
    assert info.value.code == code
    assert message in info.value.message, info.value.message
    assert (previous / "tensorflow.json").read_bytes() == before
    assert sorted(p.name for p in previous.iterdir()) == ["tensorflow.json"]
    return info.value


def test_garbage_page_keeps_the_previous_matrix(
    server: HTTPServer, fetcher: Fetcher, shipped: Matrix, previous: Path
) -> None:
    url = upstream_urls(server).docs_windows
    assert_refresh_fails(
        server,
        fetcher,
        shipped,
        previous,
        {
            DOCS_PATH + "source_windows.md": lambda h: h.respond_with_data(
                "404: Not Found\x00\x01 garbage", content_type="text/plain"
            )
        },
        ExitCode.MATRIX,
        f"{url}: no 'Tested build configurations' section found",
    )


def test_truncated_page_keeps_the_previous_matrix(
    server: HTTPServer, fetcher: Fetcher, shipped: Matrix, previous: Path
) -> None:
    cut = SOURCE_MD[: SOURCE_MD.index("<tr><td>tensorflow_gpu-1.12.0</td>")]
    url = upstream_urls(server).docs_linux_macos
    assert_refresh_fails(
        server,
        fetcher,
        shipped,
        previous,
        {DOCS_PATH + "source.md": lambda h: h.respond_with_data(cut, content_type="text/plain")},
        ExitCode.MATRIX,
        f"{url}: a table under Linux / GPU never ends (page truncated?)",
    )


def test_http_500_keeps_the_previous_matrix(
    server: HTTPServer, fetcher: Fetcher, shipped: Matrix, previous: Path
) -> None:
    url = upstream_urls(server).pypi_project
    assert_refresh_fails(
        server,
        fetcher,
        shipped,
        previous,
        {"/pypi/tensorflow/json": lambda h: h.respond_with_data("busy", status=500)},
        ExitCode.NETWORK,
        f"cannot download {url}: HTTP 500",
    )


def test_redirect_to_http_keeps_the_previous_matrix(
    server: HTTPServer, fetcher: Fetcher, shipped: Matrix, previous: Path
) -> None:
    insecure = server.url_for("/elsewhere").replace("https://", "http://")
    assert_refresh_fails(
        server,
        fetcher,
        shipped,
        previous,
        {
            "/pypi/tensorflow/2.20.0/json": lambda h: h.respond_with_data(
                "", status=302, headers={"Location": insecure}
            )
        },
        ExitCode.NETWORK,
        f"redirected to a non-HTTPS URL ({insecure}); refused",
    )


def test_huge_body_keeps_the_previous_matrix(
    server: HTTPServer, fetcher: Fetcher, shipped: Matrix, previous: Path
) -> None:
    def flood() -> Iterator[bytes]:
        for _ in range(DEFAULT_MAX_BYTES // 65536 + 2):
            yield b" " * 65536

    url = upstream_urls(server).pypi_project
    assert_refresh_fails(
        server,
        fetcher,
        shipped,
        previous,
        {
            "/pypi/tensorflow/json": lambda h: h.respond_with_response(
                Response(flood(), content_type="application/json")
            )
        },
        ExitCode.NETWORK,
        f"cannot download {url}: response is larger than the {DEFAULT_MAX_BYTES} byte limit",
    )


def test_timeout_keeps_the_previous_matrix(
    server: HTTPServer, ca_bundle: str, shipped: Matrix, previous: Path
) -> None:
    def slow(request: Request) -> Response:
        time.sleep(1.0)
        return Response("{}", content_type="application/json")

    impatient = functools.partial(fetch, verify=ca_bundle, timeout=(2.0, 0.2))
    url = upstream_urls(server).release("2.21.0")
    assert_refresh_fails(
        server,
        impatient,
        shipped,
        previous,
        {"/pypi/tensorflow/2.21.0/json": lambda h: h.respond_with_handler(slow)},
        ExitCode.NETWORK,
        f"cannot download {url}: timed out",
    )


@pytest.mark.online
def test_refresh_from_the_real_sources_agrees_with_the_shipped_matrix(tmp_path: Path) -> None:
    shipped = load_matrix(None)
    result = refresh(shipped, tmp_path, today=date.today())
    refreshed = {r.version: r for r in load_matrix(tmp_path).tensorflow.releases}
    for release in shipped.tensorflow.releases:
        assert release.version in refreshed
        now = refreshed[release.version]
        for field in ("cuda", "cudnn"):
            old, new = getattr(release, field), getattr(now, field)
            assert (old is None) == (new is None), (release.version, field)
            assert old is None or Version(old) == Version(new), (release.version, field, old, new)
    assert result.path == tmp_path / "tensorflow.json"


def test_values_that_fail_validation_keep_the_previous_matrix(
    server: HTTPServer, fetcher: Fetcher, shipped: Matrix, previous: Path
) -> None:
    # The docs name a CUDA for which the driver table has no minimum: refused, not written.
    row_221 = "<td>Bazel 7.4.1</td><td>9.3</td><td>12.5</td></tr>"
    assert SOURCE_MD.count(row_221) == 2  # 2.21.0 and 2.20.0 in the Linux GPU table
    page = SOURCE_MD.replace(row_221, "<td>Bazel 7.4.1</td><td>9.3</td><td>13.7</td></tr>", 1)
    assert_refresh_fails(
        server,
        fetcher,
        shipped,
        previous,
        {DOCS_PATH + "source.md": lambda h: h.respond_with_data(page, content_type="text/plain")},
        ExitCode.MATRIX,
        "(not written): release 2.21.0: field 'cuda': CUDA 13.7 has no driver minimum",
    )


def test_the_refreshed_file_is_readable_by_everyone(
    server: HTTPServer, fetcher: Fetcher, shipped: Matrix, tmp_path: Path
) -> None:
    serve_upstream(server)
    umask = os.umask(0o022)
    try:
        result = refresh(
            shipped, tmp_path / "r", urls=upstream_urls(server), fetcher=fetcher, today=TODAY
        )
    finally:
        os.umask(umask)
    assert stat.S_IMODE(result.path.stat().st_mode) == 0o644


def test_an_unwritable_destination_is_a_matrix_error_naming_it(
    server: HTTPServer, fetcher: Fetcher, shipped: Matrix, tmp_path: Path
) -> None:
    serve_upstream(server)
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(UserError) as raised:
        refresh(
            shipped, blocker / "matrices", urls=upstream_urls(server), fetcher=fetcher, today=TODAY
        )
    assert raised.value.code == ExitCode.MATRIX
    assert str(blocker / "matrices" / "tensorflow.json") in raised.value.message
    assert blocker.read_text() == "not a folder"
