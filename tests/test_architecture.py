"""The package's seams, read from its source with ast: no import cycle, no private name of
another module used, layout run once per render.

Imports are counted wherever they are written (a function's lazy import too); those under
``if TYPE_CHECKING:`` are not, as they never run.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from importlib.metadata import EntryPoint
from pathlib import Path

import pytest

from officialdoc import api
from officialdoc.errors import RenderError
from officialdoc.layout import engine
from officialdoc.load import load_document
from officialdoc.renderers import ENTRY_POINT_GROUP, load_renderer

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "officialdoc"


def _modules() -> dict[str, Path]:
    """Module name (officialdoc.layout.engine) → file."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = ("officialdoc", *path.relative_to(PACKAGE).with_suffix("").parts)
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


MODULES = _modules()


def _runtime_nodes(tree: ast.AST) -> Iterator[ast.AST]:
    """Every node except those under ``if TYPE_CHECKING:``."""
    stack = [tree]
    while stack:
        node = stack.pop()
        yield node
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and ast.unparse(child.test) in ("TYPE_CHECKING", "typing.TYPE_CHECKING"):
                stack.extend(child.orelse)
                continue
            stack.append(child)


def _package_of(name: str) -> str:
    return name if MODULES[name].name == "__init__.py" else name.rpartition(".")[0]


def _imports(name: str) -> dict[str, set[str]]:
    """The officialdoc modules ``name`` imports at run time → the names it takes from each."""
    tree = ast.parse(MODULES[name].read_text())
    result: dict[str, set[str]] = {}
    for node in _runtime_nodes(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name in MODULES:
                    result.setdefault(alias.name, set())
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                package = _package_of(name)
                for _ in range(node.level - 1):
                    package = package.rpartition(".")[0]
                base = f"{package}.{base}" if base else package
            for alias in node.names:
                if f"{base}.{alias.name}" in MODULES:  # from . import docx_xml
                    result.setdefault(f"{base}.{alias.name}", set())
                elif base in MODULES:
                    result.setdefault(base, set()).add(alias.name)
    return result


def _cycles() -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    graph = {name: set(_imports(name)) - {name} for name in MODULES}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in graph[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for name in graph:
        if name not in index:
            visit(name)
    return found


def test_no_import_cycle():
    assert _cycles() == []


def _private_defined(name: str) -> set[str]:
    """Private names (_x, not dunder) a module defines: functions, classes, methods, attributes."""
    names = set()
    for node in ast.walk(ast.parse(MODULES[name].read_text())):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
        elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
            names.add(node.attr)
    return {n for n in names if n.startswith("_") and not n.startswith("__")}


def test_no_private_name_of_another_module_is_used():
    """Neither imported (``from .x import _y``) nor reached through an object (``builder._y``):
    a private name is used only in the module that defines it. (python-docx's own private
    attributes, such as ``paragraph._p``, are python-docx's API for its XML layer.)"""
    defined = {name: _private_defined(name) for name in MODULES}
    ours = set().union(*defined.values())
    misuse = []
    for name, path in MODULES.items():
        for module, taken in _imports(name).items():
            misuse += [f"{name} imports {module}.{n}" for n in taken if n.startswith("_") and not n.startswith("__")]
        for node in ast.walk(ast.parse(path.read_text())):
            if (
                isinstance(node, ast.Attribute)
                and node.attr in ours - defined[name]
                and not (isinstance(node.value, ast.Name) and node.value.id in ("self", "cls"))
            ):
                misuse.append(f"{name}:{node.lineno} uses {ast.unparse(node)}")
    assert misuse == []


@pytest.mark.parametrize("draft", [False, True])
def test_layout_runs_once_per_render(repo_root, tmp_path, monkeypatch, draft):
    """One layout per render, whatever the renderers and the draft option: the text proof,
    the PDF and the DOCX read the same result."""
    runs = []
    original = engine.LayoutEngine.layout
    monkeypatch.setattr(engine.LayoutEngine, "layout", lambda self, doc: runs.append(doc) or original(self, doc))
    doc = load_document(repo_root / "tests/fixtures/letter.yaml").document
    outputs, _ = api.render_document(doc, tmp_path, ["pdf", "docx", "text"], draft=draft)
    assert len(outputs) == 3 and len(runs) == 1


class OldRenderer:
    """A plug-in written for the protocol before the layout result."""

    name = "old"
    suffix = ".old"

    def render(self, doc, profile, fonts, path, *, draft=False):
        return []


def test_a_renderer_of_the_old_protocol_is_refused_with_a_message():
    entry = EntryPoint(name="old", value="test_architecture:OldRenderer", group=ENTRY_POINT_GROUP)
    with pytest.raises(RenderError, match="旧接口"):
        load_renderer(entry)
