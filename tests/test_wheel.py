"""The installed package, as a new user gets it: a wheel in a fresh virtualenv, far from the checkout.

The wheel is built from the checkout and installed into a new virtualenv in a temporary folder;
every command then runs there, so nothing can be found through the checkout. `dbay build` runs
on a copy of the checkout's sources/ (a build may add ids to the register; the checkout's stays
as it is), then the production command the README documents serves the release, and plain
`datasette serve` on the release file shows that the plugin comes with the package.
"""

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from datasette.utils import tilde_encode

from tests.conftest import PROJECT, SOURCES

VERSION = "2026.1"  # the version sources/release.yml is rewritten to in the copy


def _run(*command: str | Path, cwd: Path, env: dict[str, str] | None = None) -> str:
    result = subprocess.run([str(part) for part in command], cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, f"{command} failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout


def _clean_copy(target: Path) -> Path:
    """The checkout's files as a clone would have them (tracked, or new and not ignored), links kept.

    Building from it leaves the checkout untouched and keeps stale build output out of the wheel.
    """
    listed = _run("git", "ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=PROJECT)
    for name in filter(None, listed.split("\0")):
        source, copy = PROJECT / name, target / name
        if source.exists() or source.is_symlink():  # a deleted file is still listed until committed
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, copy, follow_symlinks=False)
    return target


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("wheels")
    project = _clean_copy(root / "dbay")
    _run(sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", root, project, cwd=root)
    return next(root.glob("dbay-*.whl"))


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtualenv with the wheel installed; returns its folder."""
    root = tmp_path_factory.mktemp("wheel")
    base_python = getattr(sys, "_base_executable", None) or shutil.which("python3") or "python3"
    _run(base_python, "-m", "venv", root / "venv", cwd=root)
    _run(root / "venv" / "bin" / "python", "-m", "pip", "install", "--quiet", wheel, cwd=root)
    return root / "venv"


@pytest.fixture(scope="module")
def release(installed: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder `dbay build` (of the installed package) writes a release of the sources to."""
    work = tmp_path_factory.mktemp("work")
    shutil.copytree(SOURCES, work / "sources")
    config = work / "sources" / "release.yml"
    lines = config.read_text(encoding="utf-8").splitlines()
    config.write_text("\n".join(f'version: "{VERSION}"' if line.startswith("version:") else line for line in lines) + "\n")
    _run(installed / "bin" / "dbay", "build", "--sources", work / "sources", "--out", work / "out", cwd=work)
    return work / "out"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture()
def serving(installed: Path, release: Path) -> Iterator[Any]:
    """Start a command of the virtualenv that listens on a port; stop it afterwards."""
    started: list[subprocess.Popen[str]] = []

    def start(*arguments: str, env: dict[str, str] | None = None) -> str:
        port = _free_port()
        command = [str(installed / "bin" / arguments[0]), *arguments[1:], "--host", "127.0.0.1", "--port", str(port)]
        environment = {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/tmp"), **(env or {})}
        process = subprocess.Popen(command, cwd=release.parent, env=environment, text=True,
                                   stdout=subprocess.PIPE, stderr=subprocess.STDOUT)  # fmt: skip
        started.append(process)
        for _ in range(300):  # at most 30 s
            if process.poll() is not None:
                raise AssertionError(f"{command} exited:\n{process.stdout.read() if process.stdout else ''}")
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", port)) == 0:
                    return f"http://127.0.0.1:{port}"
            time.sleep(0.1)
        raise AssertionError(f"{command} did not listen on port {port}")

    yield start
    for process in started:
        process.terminate()
        process.wait(timeout=10)


def fetch(base: str, path: str, **query: str) -> Any:
    url = base + urllib.parse.quote(path) + ("?" + urllib.parse.urlencode(query) if query else "")
    with urllib.request.urlopen(url, timeout=30) as response:
        return json.loads(response.read())


def test_the_wheel_holds_the_package_its_data_and_licences_and_nothing_else(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    package = {name for name in names if not name.startswith("dbay-")}
    assert all(name.startswith("dbay/") for name in package)  # no top-level build, schema, tests …
    for needed in ("dbay/datasette/metadata.yml", "dbay/datasette/plugin.py", "dbay/datasette/wrappers.py",
                   "dbay/datasette/static/dbay.css", "dbay/build/genre.yml",
                   "dbay/build/agency_grammar.yml", "dbay/build/renditions.yml", "dbay/service/templates/home.html",
                   "dbay/py.typed"):  # fmt: skip
        assert needed in names, needed
    assert not any("/tests/" in name or name.endswith((".pyc", ".tmp")) for name in names)
    metadata = {name.rsplit("/", 1)[1] for name in names if name.startswith("dbay-")}  # licenses/ in newer setuptools
    assert {"LICENSE", "DATA-LICENSE.md"} <= metadata
    with zipfile.ZipFile(wheel) as archive:
        entry_points = archive.read(next(n for n in names if n.endswith("entry_points.txt"))).decode()
    assert "[datasette]\ndbay = dbay.datasette.plugin" in entry_points


def test_the_package_imports_from_the_virtualenv_not_the_checkout(installed: Path) -> None:
    code = "import dbay, dbay.datasette.plugin, dbay.service.asgi; print(dbay.__file__)"
    location = Path(_run(installed / "bin" / "python", "-c", code, cwd=installed).strip())
    assert location.is_relative_to(installed) and not location.is_relative_to(PROJECT)


def test_the_production_command_serves_the_api_and_datasette_with_search(serving: Any, release: Path) -> None:
    server = serving("uvicorn", "--factory", "dbay.service.asgi:from_environment", env={"DBAY_DATA_DIR": str(release)})
    measures = fetch(server, "/api/v1/measures", limit="5")
    assert measures["meta"]["release"] == VERSION and len(measures["data"]) == 5
    rows = fetch(server, "/data/dbay/measures.json", _shape="array", _size="5")
    assert [row["id"] for row in rows] == [measure["id"] for measure in measures["data"]]  # the same reading order
    found = fetch(server, "/api/v1/measures", q="养老")
    assert found["meta"]["total"] > 0 and all("养老" in (m["title"] + m["text"]) for m in found["data"])
    # 養老 in Traditional finds the same measures through the plugin's search (Datasette's own finds nothing).
    searched = fetch(server, "/data/dbay/measures.json", _search="養老", _shape="array", _col="id")
    assert sorted(row["id"] for row in searched) == sorted(m["id"] for m in found["data"])


def test_plain_datasette_on_the_release_file_has_the_plugin(serving: Any, release: Path) -> None:
    server = serving("datasette", "serve", str(release / f"dbay-{VERSION}.db"))
    database = "/" + tilde_encode(f"dbay-{VERSION}")  # Datasette writes the dot as ~2E in its URLs
    searched = fetch(server, f"{database}/measures.json", _search="養老", _shape="array", _col="id")
    assert searched
    ranked = fetch(server, f"{database}/search.json", q="养老", _shape="array")
    assert {row["id"] for row in ranked} == {row["id"] for row in searched}
    assert "<mark>养老</mark>" in ranked[0]["snippet_html"]
    metadata = fetch(server, f"{database}.json")
    assert "search" in {query["name"] for query in metadata["queries"]}
    with urllib.request.urlopen(f"{server}/-/dbay.css", timeout=30) as stylesheet:
        assert b"col-text" in stylesheet.read()
