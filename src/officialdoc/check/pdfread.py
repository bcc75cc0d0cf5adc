"""Read any PDF as a reader sees it: lines of glyphs, horizontal rules, filled shapes,
images, ink.

Lengths are millimetres from the page's top-left corner, font sizes points. Glyph boxes
are advance boxes (pdfplumber): ``x0`` is where the glyph's cell starts, ``x1`` where its
advance ends (without PDF ``Tc`` spacing). Tight ink boxes, which the advance boxes do not
give (the 一字线 of a page number, the top of the issuer mark), come from pdfium. Filled
paths (an issuer mark converted to outlines) and the pixels of page 1's images (a mark
pasted as a picture) are kept so that a mark that is not text can still be measured.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pdfplumber
import pypdfium2
import pypdfium2.raw as pdfium_raw

from ..profile import PT_PER_MM
from .bounds import MAX_IMAGE_PIXELS, MAX_PAGE_CHARS, MAX_PAGES
from .common import Color
from .roles import clean_font_name

IDEOGRAPHIC_SPACE = "\u3000"  # takes a cell of the grid like a character (第一条　…)
LINE_JOIN_PT = 1.0  # glyphs whose baselines differ by less than this share a line
RULE_MAX_MM = 2.0  # a drawing thinner than this is a rule (a line), not a box


@dataclass(frozen=True, slots=True)
class Glyph:
    text: str
    x0: float
    x1: float
    baseline: float
    size: float  # pt
    font: str  # without subset prefix
    color: Color | None  # fill colour, RGB 0..1

    @property
    def full_width(self) -> bool:
        return ord(self.text) >= 0x2E80 or self.text in "“”‘’—…"


@dataclass(eq=False)
class TextLine:
    """One line of glyphs on one baseline (compared by identity)."""

    page: int
    index: int  # 1-based on its page, top to bottom
    glyphs: list[Glyph]
    baseline: float
    size: float  # the most common glyph size
    em_top: float  # top of the em box of a glyph of ``size``
    em_bottom: float

    @property
    def text(self) -> str:
        return "".join(g.text for g in self.glyphs)

    @property
    def x0(self) -> float:
        return self.glyphs[0].x0

    @property
    def x1(self) -> float:
        return self.glyphs[-1].x1

    @property
    def full_width(self) -> bool:
        return all(g.full_width for g in self.glyphs)


@dataclass(frozen=True)
class HRule:
    """A horizontal line: a stroked line, or a thin filled rectangle (Word's borders)."""

    x0: float
    x1: float
    y: float  # centre line
    thickness: float
    color: Color | None

    @property
    def width(self) -> float:
        return self.x1 - self.x0


@dataclass(frozen=True, slots=True)
class InkBox:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float


@dataclass(frozen=True)
class Fill:
    """A filled path (a glyph outline, a box): its bounding box and fill colour."""

    x0: float
    top: float
    x1: float
    bottom: float
    color: Color | None


@dataclass(frozen=True, eq=False)
class Picture:
    """An image on the page: its box and (page 1 only) its pixels as the page shows them."""

    x0: float
    top: float
    x1: float
    bottom: float
    pixels: Any = None  # PIL RGBA image as the page shows it; None when not read (pages after 1)

    def box_of(self, left: int, top: int, right: int, bottom: int) -> tuple[float, float, float, float]:
        """Pixel box (PIL getbbox) → (x0, top, x1, bottom) on the page, mm."""
        width, height = self.pixels.size
        sx, sy = (self.x1 - self.x0) / width, (self.bottom - self.top) / height
        return self.x0 + left * sx, self.top + top * sy, self.x0 + right * sx, self.top + bottom * sy


@dataclass
class PdfPage:
    number: int  # 1-based physical page
    width: float
    height: float
    lines: list[TextLine]
    rules: list[HRule]
    images: list[tuple[float, float, float, float]]  # x0, top, x1, bottom
    ink: list[InkBox] = field(default_factory=list)
    fills: list[Fill] = field(default_factory=list)
    pictures: list[Picture] = field(default_factory=list)

    def ink_in(self, x0: float, top: float, x1: float, bottom: float) -> list[InkBox]:
        """Tight glyph boxes whose centre lies in the region."""
        return [
            box for box in self.ink if x0 <= (box.x0 + box.x1) / 2 <= x1 and top <= (box.top + box.bottom) / 2 <= bottom
        ]


def to_rgb(color: Any) -> Color | None:
    """pdfplumber colour (grey, RGB or CMYK tuple) → RGB; None for patterns or no colour."""
    if isinstance(color, int | float):
        color = (color,)
    if not isinstance(color, tuple | list) or not all(isinstance(v, int | float) for v in color):
        return None
    values = [float(v) for v in color]
    if len(values) == 1:
        return (values[0],) * 3  # type: ignore[return-value]
    if len(values) == 3:
        return (values[0], values[1], values[2])
    if len(values) == 4:
        c, m, y, k = values
        return ((1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k))
    return None


def _mm(pt: float) -> float:
    return pt / PT_PER_MM


def _lines(page_number: int, page: Any, baseline_in_em: float) -> list[TextLine]:
    height = float(page.height)
    rows: list[list[Glyph]] = []
    keys: list[float] = []
    buckets: dict[int, list[int]] = {}  # whole points of a baseline → rows starting there
    for char in page.chars:
        text = char["text"]
        if len(text) != 1 or not (text.strip() or text == IDEOGRAPHIC_SPACE) or not char.get("upright", True):
            continue
        baseline_pt = height - char["matrix"][5]
        glyph = Glyph(
            text=text,
            x0=_mm(char["x0"]),
            x1=_mm(char["x1"]),
            baseline=_mm(baseline_pt),
            size=round(float(char["size"]), 2),
            font=clean_font_name(str(char.get("fontname", ""))),
            color=to_rgb(char.get("non_stroking_color")),
        )
        near = int(baseline_pt // LINE_JOIN_PT)
        candidates = sorted(i for b in (near - 1, near, near + 1) for i in buckets.get(b, ()))
        row = next((i for i in candidates if abs(keys[i] - baseline_pt) < LINE_JOIN_PT), None)
        if row is None:
            buckets.setdefault(near, []).append(len(rows))
            keys.append(baseline_pt)
            rows.append([glyph])
        else:
            rows[row].append(glyph)
    lines = []
    for glyphs in sorted(rows, key=lambda row: row[0].baseline):
        glyphs.sort(key=lambda g: g.x0)
        size = Counter(g.size for g in glyphs).most_common(1)[0][0]
        baseline = Counter(round(g.baseline, 2) for g in glyphs).most_common(1)[0][0]
        em = _mm(size)
        top = baseline - baseline_in_em * em
        lines.append(TextLine(page_number, len(lines) + 1, glyphs, baseline, size, top, top + em))
    return lines


def _rules(page: Any) -> list[HRule]:
    rules = []
    for obj in (*page.lines, *page.rects, *page.curves):
        x0, x1, top, bottom = (_mm(float(obj[k])) for k in ("x0", "x1", "top", "bottom"))
        if bottom - top > RULE_MAX_MM or x1 - x0 <= RULE_MAX_MM:
            continue
        filled = obj["object_type"] == "rect" and obj.get("fill") and bottom - top > 0.01
        if filled:
            thickness, color = bottom - top, to_rgb(obj.get("non_stroking_color"))
        else:
            thickness, color = _mm(float(obj.get("linewidth") or 0)), to_rgb(obj.get("stroking_color"))
        rules.append(HRule(x0, x1, (top + bottom) / 2, thickness, color))
    return sorted(rules, key=lambda r: (r.y, r.x0))


def _fills(page: Any) -> list[Fill]:
    return [
        Fill(*(_mm(float(obj[k])) for k in ("x0", "top", "x1", "bottom")), to_rgb(obj.get("non_stroking_color")))
        for obj in (*page.rects, *page.curves)
        if obj.get("fill")
    ]


def _pictures(pdfium_page: Any, height_pt: float) -> list[Picture]:
    """A page's images with their pixels as the page shows them (pdfium applies the image's
    matrix and its mask: mirrored or turned images come out as seen, transparency as alpha)."""
    pictures = []
    for obj in pdfium_page.get_objects(filter=[pdfium_raw.FPDF_PAGEOBJ_IMAGE]):
        left, bottom, right, top = obj.get_bounds()
        pixels = None  # a filter pdfium cannot decode, or too many pixels: the image is there, its colours unknown
        try:
            width, height = obj.get_px_size()
            if width * height <= MAX_IMAGE_PIXELS:
                pixels = obj.get_bitmap(render=True).to_pil().convert("RGBA")
        except (pypdfium2.PdfiumError, OSError, ValueError):
            pass
        pictures.append(Picture(_mm(left), _mm(height_pt - top), _mm(right), _mm(height_pt - bottom), pixels))
    return pictures


def _ink(textpage: Any, height_pt: float) -> list[InkBox]:
    boxes = []
    for i in range(textpage.count_chars()):
        text = textpage.get_text_range(i, 1)
        if not text.strip():
            continue
        left, bottom, right, top = textpage.get_charbox(i)
        boxes.append(InkBox(text, _mm(left), _mm(height_pt - top), _mm(right), _mm(height_pt - bottom)))
    return boxes


class PdfPages(list[PdfPage]):
    """The pages read (at most ``bounds.MAX_PAGES``); ``count`` is the file's page count,
    ``crowded`` the pages with more characters than ``bounds.MAX_PAGE_CHARS`` (read empty)."""

    count: int = 0
    crowded: list[int]

    def __init__(self) -> None:
        super().__init__()
        self.crowded = []


def read_pdf(path: Path, baseline_in_em: float) -> PdfPages:
    """Every page with its text lines, horizontal rules, fills, images and ink boxes.

    ``baseline_in_em`` (the profile's ``grid.baseline_in_em``) places each line's em box.
    Pages are read one at a time and each parser's cache of a page is dropped once it is
    measured; pages past ``MAX_PAGES`` are counted, not read.
    Raises whatever pdfplumber/pdfium raise for a file that is not a readable PDF.
    """
    pages = PdfPages()
    inkdoc = pypdfium2.PdfDocument(str(path))
    try:
        pages.count = len(inkdoc)
        with pdfplumber.open(path, pages=range(1, min(pages.count, MAX_PAGES) + 1)) as pdf:
            for number, page in enumerate(pdf.pages, start=1):
                textpage = inkdoc[number - 1].get_textpage()
                chars = textpage.count_chars()
                textpage.close()
                if chars > MAX_PAGE_CHARS:  # not a page of a 公文: not parsed (bounded time and memory)
                    pages.crowded.append(number)
                    pages.append(PdfPage(number, _mm(float(page.width)), _mm(float(page.height)), [], [], []))
                else:
                    pages.append(_page(number, page, inkdoc, baseline_in_em))
                page.close()
    finally:
        inkdoc.close()
    return pages


def _page(number: int, page: Any, inkdoc: Any, baseline_in_em: float) -> PdfPage:
    images = [(_mm(im["x0"]), _mm(im["top"]), _mm(im["x1"]), _mm(im["bottom"])) for im in page.images]
    height = float(page.height)
    ink_page = inkdoc[number - 1]
    textpage = ink_page.get_textpage()
    try:
        return PdfPage(
            number=number,
            width=_mm(float(page.width)),
            height=_mm(height),
            lines=_lines(number, page, baseline_in_em),
            rules=_rules(page),
            images=images,
            ink=_ink(textpage, height),
            fills=_fills(page),
            pictures=_pictures(ink_page, height) if number == 1 else [],
        )
    finally:
        textpage.close()
        ink_page.close()
