"""目录 (contents) of a document's headings, with the pages layout put them on.

"目录" centred in ``forms.contents_title_style`` (3号黑体), ``forms.contents_blank_lines``
blank lines, then one entry per heading down to ``Contents.levels``: its number and text
in ``forms.contents_style`` (3号仿宋), ``forms.contents_indent_chars`` further in per level,
a leader of ``forms.contents_leader`` dots, and the page number flush right. An entry too
long for its line wraps ``forms.contents_number_chars`` characters before the right edge,
under its own start, the leader and number on its last line. The
正文 starts on a new page after it.

Page numbers come from our own layout: ``layout_document`` lays the document out, reads
the page of every heading, and lays it out again with those numbers until they hold.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from ..forms import CONTENTS_TITLE
from ..model import Block, Contents, contents_headings, label_formats
from ..profile import mm_to_pt, pt_to_mm
from .flow import Flow, Typesetter
from .linebreak import break_lines
from .lines import PendingLine, centred_line, make_runs
from .measure import clusters, span_pt

if TYPE_CHECKING:
    from .result import Placed

ENTRY_PAGE = "contents_page"  # Line.element of an entry's leader and page number (not in all_text)


@dataclass(frozen=True)
class ContentsEntry:
    level: int
    text: str  # the heading's number and text
    page: str  # its page number as printed
    lines: tuple[str, ...]  # the text broken into the lines layout set


@dataclass(frozen=True)
class ContentsPlan:
    title: str
    blank_lines: int
    levels: int
    entries: tuple[ContentsEntry, ...]
    last_element: int = -1  # index in the layout's elements of the last one of the body it lists


def close_contents(placed: Placed, elements: list[Placed]) -> None:
    """After the body a 目录 lists: where it ends (the DOCX bounds its TOC field to it)."""
    assert isinstance(placed.plan, ContentsPlan)
    placed.plan = replace(placed.plan, last_element=len(elements) - 1)


def place_contents(
    engine: Typesetter, flow: Flow, contents: Contents, blocks: list[Block], pages: dict[int, int]
) -> ContentsPlan:
    """The 目录 from the flow's grid line; ``pages``: page number by ``id`` of a heading
    (from the layout before; a heading not in it shows page 0). The next text starts a new page."""
    p = engine.profile
    spec = p.forms
    title_style = p.style(spec.contents_title_style)
    glyphs = engine.shaped(CONTENTS_TITLE, spec.contents_title_style)
    flow.place(centred_line(p, glyphs, p.fit_tracking_pt(title_style), "contents_title", title_style))
    color = p.color(title_style.color)
    flow.skip(spec.contents_blank_lines)
    style = p.style(spec.contents_style)
    tracking = p.fit_tracking_pt(style)
    width = mm_to_pt(p.page.block_width_mm)
    entries = []
    formats = label_formats(p.headings.labels, p.headings.decimal_label)
    for heading in contents_headings(contents, blocks):
        text = heading.label(formats) + heading.text
        page = str(pages.get(id(heading), 0))
        indent = (heading.level - 1) * spec.contents_indent_chars * p.char_pitch_pt
        room = width - indent - spec.contents_number_chars * p.char_pitch_pt
        broken = break_lines(
            clusters(engine.shaped(text, spec.contents_style, "contents_entry"), p.punctuation.inseparable),
            room, room, tracking, p.punctuation,
        )
        x = p.page.block_left + pt_to_mm(indent)
        for line in broken:
            flow.place(PendingLine(make_runs(line.glyphs, x, tracking, color), "contents_entry", False, False, style))
        _leader_and_number(engine, flow, x + pt_to_mm(span_pt(broken[-1].glyphs, tracking)), page, tracking)
        entries.append(ContentsEntry(heading.level, text, page, tuple("".join(g.ch for g in b.glyphs) for b in broken)))
    flow.slot = p.grid.lines  # the 正文 starts a page of its own
    return ContentsPlan(CONTENTS_TITLE, spec.contents_blank_lines, contents.levels, tuple(entries))


def _leader_and_number(engine: Typesetter, flow: Flow, text_end: float, page: str, tracking: float) -> None:
    """Dots from the text's end to the page number, which ends at the block's right edge, on
    the line just placed (a line of its own: ``ENTRY_PAGE``)."""
    p = engine.profile
    spec = p.forms
    color = p.color(p.style(spec.contents_style).color)
    number = engine.shaped(page, spec.contents_style, ENTRY_PAGE)
    number_x = p.page.block_right - pt_to_mm(span_pt(number, 0.0))
    dot = engine.shaped(spec.contents_leader, spec.contents_style, ENTRY_PAGE)
    pitch = pt_to_mm(span_pt(dot, 0.0))
    count = max(0, int((number_x - text_end) / pitch))  # as many as fit (as LibreOffice fills a dot leader)
    dots = engine.shaped(spec.contents_leader * count, spec.contents_style, ENTRY_PAGE)
    runs = make_runs(tuple(dots), number_x - pitch * count, 0.0, color) + make_runs(
        tuple(number), number_x, 0.0, color
    )
    last = flow.pages[-1].lines[-1]
    runs = [replace(run, baseline=last.runs[0].baseline) for run in runs]
    flow.pages[-1].lines.append(replace(last, runs=tuple(runs), element=ENTRY_PAGE, justified=False))
