"""The flow: grid slots filled page by page, and what element modules need of the engine."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Protocol

from ..fonts import FontSet
from ..model import Block, DocumentPart, Signature
from ..profile import Profile, TextStyle
from .lines import PendingLine
from .measure import Glyph
from .page import Line, Page

if TYPE_CHECKING:
    from .result import Kind, Placed, Source, UnderTitle


class Flow:
    """Places lines into grid slots, page by page (``slot`` is the next free grid line).

    ``owner`` is the index of the element being placed: every line placed carries it.
    """

    def __init__(self, profile: Profile):
        self.profile = profile
        self.pages: list[Page] = [Page(index=1, number=1)]
        self.slot = 0
        self.owner = -1

    def baseline(self, slot: int) -> float:
        return self.profile.grid_baseline_mm(slot)

    def ensure_room(self, lines: int = 1) -> None:
        if self.slot + lines > self.profile.grid.lines:
            self.new_page()

    def new_page(self) -> None:
        index = len(self.pages) + 1
        self.pages.append(Page(index=index, number=index))
        self.slot = 0

    def place(self, slot_line: PendingLine) -> None:
        self.ensure_room()
        y = self.baseline(self.slot)
        runs = tuple(replace(run, baseline=y) for run in slot_line.runs)
        page = self.pages[-1]
        line = Line(runs, self.slot, slot_line.element, slot_line.justified, slot_line.hanging, owner=self.owner)
        page.lines.append(line)
        self.slot += 1

    def skip(self, lines: int) -> None:
        """Blank grid lines (never carried over to the top of a new page)."""
        self.slot = min(self.slot + lines, self.profile.grid.lines)


class Typesetter(Protocol):
    """What element modules (header, table, attachments …) use of the layout engine."""

    profile: Profile
    fonts: FontSet
    contents_pages: dict[int, int]  # 目录: page number by id of a heading (the layout before)
    elements: list[Placed]  # the placed elements so far, in order

    def shaped(self, text: str, style_name: str, element: str | None = None) -> list[Glyph]: ...

    def begin(self, flow: Flow, kind: Kind, source: Source) -> Placed: ...

    def place_title(self, flow: Flow, title: str, *, blank_after: bool = True) -> tuple[str, ...]: ...

    def place_blocks(self, flow: Flow, blocks: list[Block]) -> None: ...

    def place_paragraph(
        self, flow: Flow, text: str, style_name: str, *, indent_chars: float | None = None, element: str | None = None
    ) -> None: ...

    def place_signature(self, flow: Flow, signature: Signature, *, following: int = 0) -> None: ...

    def place_under_title(self, flow: Flow, part: DocumentPart | None) -> tuple[UnderTitle, ...]: ...

    def place_part(self, flow: Flow, body: list[Block], part: DocumentPart | None) -> None: ...

    def last_lines_form_paragraph(self, flow: Flow, count: int, element: str, style: TextStyle) -> None: ...
