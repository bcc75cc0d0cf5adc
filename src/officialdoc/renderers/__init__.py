"""Renderers: a small protocol, discovered through the entry-point group
``officialdoc.renderers`` (the built-in PDF and DOCX renderers register the same way a
third-party one does)."""

from __future__ import annotations

from functools import cache
from importlib.metadata import EntryPoint, entry_points
from pathlib import Path
from typing import Protocol, runtime_checkable

from ..errors import RenderError
from ..fonts import FontSet
from ..model import Document
from ..profile import Profile

ENTRY_POINT_GROUP = "officialdoc.renderers"


@runtime_checkable
class Renderer(Protocol):
    """Turns a document into one file. ``render`` returns warnings for the user."""

    name: str
    suffix: str

    def render(
        self, doc: Document, profile: Profile, fonts: FontSet, path: Path, *, draft: bool = False
    ) -> list[str]: ...


@cache
def _entry_points() -> tuple[EntryPoint, ...]:
    return tuple(entry_points(group=ENTRY_POINT_GROUP))


def _load(entry: EntryPoint) -> Renderer:
    try:
        return entry.load()()
    except Exception as exc:  # a broken plug-in must not hide the others
        raise RenderError(f"renderer {entry.name!r} ({entry.value}) failed to load: {exc}") from exc


def available_renderers() -> dict[str, Renderer]:
    """Every installed renderer by name."""
    return {entry.name: _load(entry) for entry in _entry_points()}


def get_renderer(name: str) -> Renderer:
    """The renderer called ``name`` (only it is imported: a PDF render does not load python-docx)."""
    for entry in _entry_points():
        if entry.name == name:
            return _load(entry)
    known = ", ".join(sorted(entry.name for entry in _entry_points())) or "none"
    raise RenderError(f"no renderer named {name!r}; installed: {known}")
