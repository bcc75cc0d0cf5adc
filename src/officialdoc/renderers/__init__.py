"""Renderers: a small protocol, discovered through the entry-point group
``officialdoc.renderers`` (the built-in PDF, DOCX and text renderers register the same way
a third-party one does).

A renderer receives the layout result (``LaidOutDocument``: the document, its profile and
fonts, the pages and the placed elements with their plans), computed once per render, and
writes the file at ``path``. Renderers written for the earlier protocol
(``render(doc, profile, fonts, path, *, draft)``) are refused with a message that says so.
"""

from __future__ import annotations

import inspect
from functools import cache
from importlib.metadata import EntryPoint, entry_points
from pathlib import Path
from typing import Protocol, runtime_checkable

from ..errors import RenderError
from ..layout.result import LaidOutDocument

ENTRY_POINT_GROUP = "officialdoc.renderers"


@runtime_checkable
class Renderer(Protocol):
    """Turns a laid-out document into one file. ``render`` returns warnings for the user;
    ``draft``: mark what a final copy leaves out (the PDF outlines reserved seal areas)."""

    name: str
    suffix: str

    def render(self, laid_out: LaidOutDocument, path: Path, *, draft: bool = False) -> list[str]: ...


@cache
def _entry_points() -> tuple[EntryPoint, ...]:
    return tuple(entry_points(group=ENTRY_POINT_GROUP))


def load_renderer(entry: EntryPoint) -> Renderer:
    """The renderer an entry point names, refused when written for the old protocol."""
    try:
        renderer = entry.load()()
    except Exception as exc:  # a broken plug-in must not hide the others
        raise RenderError(f"输出格式插件 {entry.name!r}（{entry.value}）无法加载（原文：{exc}）") from exc
    positional = [
        p for p in inspect.signature(renderer.render).parameters.values()
        if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
    ]
    if len(positional) != 2:
        raise RenderError(
            f"输出格式插件 {entry.name!r}（{entry.value}）按旧接口 render(doc, profile, fonts, path) 编写，"
            "现接口为 render(laid_out, path, *, draft=False)：排版结果只计算一次，交给每个输出格式；"
            "提示：请插件作者按 README“输出格式插件”一节更新"
        )
    return renderer


def available_renderers() -> dict[str, Renderer]:
    """Every installed renderer by name."""
    return {entry.name: load_renderer(entry) for entry in _entry_points()}


def get_renderer(name: str) -> Renderer:
    """The renderer called ``name`` (only it is imported: a PDF render does not load python-docx)."""
    for entry in _entry_points():
        if entry.name == name:
            return load_renderer(entry)
    known = "、".join(sorted(entry.name for entry in _entry_points())) or "无"
    raise RenderError(f"没有名为 {name!r} 的输出格式；已安装：{known}")
