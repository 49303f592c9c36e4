"""The package as tools see it: the top-level folders are parts of dbay, and nothing else is."""

import ast
import importlib.util
from pathlib import Path

import dbay
import dbay.build.write
import dbay.datasette.plugin
import dbay.schema.records
import dbay.service.app
from tests.conftest import PROJECT

PARTS = ("build", "schema", "service", "datasette")


def test_the_top_level_folders_are_the_package_s_parts() -> None:
    assert [Path(entry).resolve() for entry in dbay.__path__] == [PROJECT / "dbay"]
    for module, folder in [(dbay.build.write, "build"), (dbay.schema.records, "schema"),
                           (dbay.service.app, "service"), (dbay.datasette.plugin, "datasette")]:  # fmt: skip
        assert Path(module.__file__ or "").resolve().parent == PROJECT / folder
    for part in PARTS:
        link = PROJECT / "dbay" / part
        assert link.is_symlink() and link.resolve() == PROJECT / part
        assert not (PROJECT / part / "__init__.py").exists()  # else a top-level package from the project root


def test_nothing_else_is_part_of_dbay() -> None:
    for name in ("dbay.dbay", "dbay.tests", "dbay.sources", "dbay.benchmarks"):
        assert importlib.util.find_spec(name) is None, name


def _edits_of_import_paths(text: str, name: str) -> list[str]:
    """Lines of a module that assign to, or call a method of, ``__path__`` or ``sys.path``."""
    found = []
    for node in ast.walk(ast.parse(text)):
        targets: list[ast.expr] = []
        if isinstance(node, ast.Assign | ast.AugAssign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            targets = [node.func.value]
        for target in targets:
            written = ast.unparse(target)
            if written in ("__path__", "sys.path") or written.startswith(("__path__[", "sys.path[")):
                found.append(f"{name}:{target.lineno}: {written}")
    return found


def test_the_check_for_import_path_edits_finds_them() -> None:
    assert _edits_of_import_paths("import sys\nsys.path.append('x')\n", "a.py") == ["a.py:2: sys.path"]
    assert _edits_of_import_paths("__path__ += ['x']\n", "b.py") == ["b.py:1: __path__"]
    assert _edits_of_import_paths("sys.path[0:0] = ['x']\n", "c.py") == ["c.py:1: sys.path[0:0]"]
    assert _edits_of_import_paths("print(sys.path)\n", "d.py") == []


def test_no_module_edits_the_import_path() -> None:
    sources = sorted({path.resolve() for part in ("dbay", *PARTS) for path in (PROJECT / part).rglob("*.py")})
    assert len(sources) > 30
    edits = [edit for path in sources for edit in _edits_of_import_paths(path.read_text(encoding="utf-8"), path.name)]
    assert edits == []
