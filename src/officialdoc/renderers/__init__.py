"""Renderers: a small protocol, discovered through the entry-point group
``officialdoc.renderers`` (the built-in PDF and DOCX renderers register the same way a
third-party one does)."""

from __future__ import annotations

from importlib.metadata import entry_points
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


def available_renderers() -> dict[str, Renderer]:
    """Every installed renderer by name."""
    found: dict[str, Renderer] = {}
    for entry in entry_points(group=ENTRY_POINT_GROUP):
        try:
            renderer = entry.load()()
        except Exception as exc:  # a broken plug-in must not hide the others
            raise RenderError(f"renderer {entry.name!r} ({entry.value}) failed to load: {exc}") from exc
        found[entry.name] = renderer
    return found


def get_renderer(name: str) -> Renderer:
    renderers = available_renderers()
    try:
        return renderers[name]
    except KeyError:
        known = ", ".join(sorted(renderers)) or "none"
        raise RenderError(f"no renderer named {name!r}; installed: {known}") from None
