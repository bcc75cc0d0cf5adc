"""What the layout engine produces: pages of positioned text runs, rules and seal areas.

Coordinates are millimetres from the top-left corner of the page; y grows downwards.
Nothing here is specific to reportlab: the PDF renderer, the checker and any future
fixed-layout renderer read the same objects.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class TextRun:
    """Glyphs set in one face at one size, left to right from ``x``.

    Every glyph advances by its own width plus ``char_space_pt`` (PDF ``Tc``), which is
    how the 28-character grid and justification are realised.
    """

    text: str
    x: float  # left edge of the first glyph's advance box, mm
    baseline: float  # baseline, mm from the page top
    face: str  # FontSet face key
    size_pt: float
    char_space_pt: float
    color: str  # "#RRGGBB"
    element: str  # title, body, heading1 … page_number: what the run belongs to
    width: float = 0.0  # advance of the whole run including char spacing, mm
    # 90: turned a quarter counter-clockwise, glyphs run up the page from (x, baseline) (§8 横排表格)
    angle: int = 0
    h_scale: float = 1.0  # horizontal glyph scale (字符缩放, PDF Tz); char_space_pt is added unscaled


@dataclass(frozen=True)
class Line:
    """One line of text on the grid (one or more runs)."""

    runs: tuple[TextRun, ...]
    slot: int  # grid line index on its page, 0-based (-1: outside the grid)
    element: str
    justified: bool
    hanging: bool = False  # ends with a punctuation mark hung past the block edge
    repeat: bool = False  # repeated text (a table's header row on a continuation page), not in all_text
    owner: int = -1  # index of its element in LaidOutDocument.elements (-1: a page number)

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


@dataclass(frozen=True)
class Rule:
    """A horizontal line (red separator, record-block rules)."""

    x0: float
    x1: float
    y: float  # centre line, mm from the page top
    thickness: float  # mm
    color: str
    element: str


@dataclass(frozen=True)
class Segment:
    """A straight line between two points in any direction (table borders)."""

    x0: float
    y0: float
    x1: float
    y1: float
    thickness: float  # mm
    color: str
    element: str


@dataclass(frozen=True)
class SealArea:
    """A seal (印章, round) or signature seal (签名章, rectangular): an image fitted into
    the area, or the area reserved (outlined in a draft)."""

    cx: float
    cy: float
    width: float
    height: float
    round: bool
    image: Path | None
    color: str  # of the outline a draft draws around an area without an image


@dataclass
class Page:
    index: int  # 1-based physical page
    number: int | None  # printed page number, None when suppressed
    lines: list[Line] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)
    seals: list[SealArea] = field(default_factory=list)
    segments: list[Segment] = field(default_factory=list)

    def text_runs(self) -> list[TextRun]:
        return [run for line in self.lines for run in line.runs]
