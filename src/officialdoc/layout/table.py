"""Tables (表格) in the body and in attachments; landscape tables (§8 横排表格).

- A table spans the block width, split by ``Table.widths``; thin black borders on every
  row and column boundary (the profile's ``table:`` section).
- Cell text wraps inside the cell (column width less the padding on both sides) with the
  line-start/line-end rules of the body. Every cell line takes one grid line: a row is a
  whole number of grid lines, cell baselines lie on the body grid, and the text after the
  table stays on the 22-line grid. Cells are top-aligned; the header row and cells holding
  only a number are centred, other cells flush left (profile).
- An optional caption (表题) stands centred above the table, one grid line per line. The
  caption, the header row and the first data row are kept together; rows are never split.
  A table continued on the next page repeats its header row there.
- A landscape table (§8) goes on pages of its own, drawn turned a quarter counter-clockwise
  inside the portrait text block: the table head faces the left edge, which is the binding
  edge (订口) of an odd page and the outer edge (切口) of an even page, as §8 asks. The page
  stays A4 portrait and its page number stays where it is on every page. The block width
  (156 mm) holds floor(156 / line pitch) = 15 grid lines of the turned table.

Positions: ``plan_table`` works in a table's own coordinates (``u`` across the table from
its left edge, grid lines down from its top); the PDF and the DOCX renderer share the plan.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field, replace

from ..errors import ContentError, LayoutError, OfficialdocError
from ..fonts import FontSet
from ..model import Table
from ..profile import Profile, mm_to_pt, pt_to_mm
from .flow import Flow, Typesetter
from .keep import Keep
from .linebreak import break_lines
from .lines import make_runs
from .measure import Glyph, clusters, shape, span_pt
from .page import Line, Segment

TABLE_TEXT = ("table_caption", "table_header", "table_cell")  # Line.element of a table's text
NUMBER = re.compile(r"[+\-−]?\d[\d,]*(?:\.\d+)?[%％‰]?|[—\-/]")  # 12000, 1,234.5, -2, 3.5%; — for none


@dataclass(frozen=True)
class CellLine:
    x: float  # left edge of the line, mm from the table's left edge
    glyphs: tuple[Glyph, ...]
    char_space_pt: float  # the style's fit tracking (none off the grid)


@dataclass(frozen=True)
class CellPlan:
    text: str
    align: str  # left | center | right
    lines: tuple[CellLine, ...]  # top to bottom (none for an empty cell)


@dataclass(frozen=True)
class RowPlan:
    cells: tuple[CellPlan, ...]
    header: bool

    @property
    def lines(self) -> int:
        """Height in grid lines: the tallest cell, at least one line."""
        return max(1, *(len(cell.lines) for cell in self.cells))


@dataclass(frozen=True)
class TablePlan:
    width: float  # mm
    edges: tuple[float, ...]  # column boundaries, mm from the table's left edge: 0 … width
    caption: tuple[CellLine, ...]  # centred over the table
    header: RowPlan
    rows: tuple[RowPlan, ...]


@dataclass(frozen=True)
class TablePlacement:
    """A table as laid out; ``keep``: §7.3.5.5 facts when it is the last text before the signature."""

    plan: TablePlan
    page_breaks: tuple[int, ...]  # indexes of the rows that start a page under a repeated header
    keep: Keep = field(default_factory=Keep)


def is_number(text: str) -> bool:
    """A cell holding only a number, or a dash for none (aligned as ``number_align``)."""
    return NUMBER.fullmatch(text.strip()) is not None


def column_edges(widths: list[float], width: float) -> tuple[float, ...]:
    """Column boundaries for relative ``widths`` over ``width`` mm."""
    total = sum(widths)
    edges, run = [0.0], 0.0
    for w in widths:
        run += w
        edges.append(width * run / total)
    return tuple(edges)


def _wrap(
    text: str, style_name: str, element: str, width: float, align: str, x0: float, profile: Profile, fonts: FontSet
) -> tuple[CellLine, ...]:
    """Break ``text`` into lines ``width`` mm wide, aligned within [x0, x0 + width]."""
    if not text:
        return ()
    style = profile.style(style_name)
    glyphs = shape(text, style, element, fonts, profile.grid.han_latin_space_em)
    avail = mm_to_pt(width)
    # a mark never hangs past a cell's border: a cell pushes (its DOCX style has w:overflowPunct off)
    rules, tracking = replace(profile.punctuation, hanging=""), profile.fit_tracking_pt(style)
    lines = []
    for line in break_lines(clusters(glyphs, rules.inseparable), avail, avail, tracking, rules):
        span = pt_to_mm(span_pt(line.glyphs, tracking))
        offset = {"left": 0.0, "center": (width - span) / 2, "right": width - span}[align]
        lines.append(CellLine(x0 + offset, line.glyphs, tracking))
    return tuple(lines)


def plan_table(table: Table, profile: Profile, fonts: FontSet, width: float) -> TablePlan:
    """Columns, wrapped and aligned cell lines and row heights of a table ``width`` mm wide."""
    spec = profile.table
    edges = column_edges(table.widths, width)
    pad = spec.cell_padding_mm

    def row(cells: list[str], header: bool) -> RowPlan:
        planned = []
        for i, text in enumerate(cells):
            if header:
                style, element, align = spec.header_style, "table_header", spec.header_align
            else:
                style, element = spec.cell_style, "table_cell"
                align = spec.number_align if is_number(text) else spec.text_align
            inner = edges[i + 1] - edges[i] - 2 * pad
            if inner <= 0:
                raise _error(table, f"第 {i + 1} 列比单元格内边距还窄", "在 widths 中加大这一列的宽度")
            lines = _wrap(text, style, element, inner, align, edges[i] + pad, profile, fonts)
            planned.append(CellPlan(text, align, lines))
        return RowPlan(tuple(planned), header)

    caption = (
        _wrap(table.caption, spec.caption_style, "table_caption", width, "center", 0.0, profile, fonts)
        if table.caption
        else ()
    )
    return TablePlan(width, edges, caption, row(table.header, True), tuple(row(r, False) for r in table.rows))


class _Sheet:
    """Grid lines of the text block, upright or turned a quarter for a landscape table.

    ``slot`` counts grid lines from the top of the (possibly turned) block; ``point`` maps a
    position in the table's coordinates (``u`` across, ``v`` down, mm) onto the page.
    """

    def __init__(self, engine: Typesetter, flow: Flow, turned: bool):
        self.engine, self.flow, self.turned = engine, flow, turned
        p = engine.profile
        self.pitch = p.line_pitch_mm
        self.width = p.page.block_height_mm if turned else p.page.block_width_mm
        self.capacity = math.floor(p.page.block_width_mm / self.pitch + 1e-9) if turned else p.grid.lines
        self.slot = 0 if turned else flow.slot

    def new_page(self) -> None:
        self.flow.new_page()
        self.slot = 0

    def point(self, u: float, v: float) -> tuple[float, float]:
        page = self.engine.profile.page
        if self.turned:
            return page.block_left + v, page.block_bottom - u
        return page.block_left + u, page.block_top + v

    def baseline(self, slot: int) -> float:
        """``v`` of the baseline in grid line ``slot`` (as Flow.baseline)."""
        return slot * self.pitch + self.engine.profile.baseline_drop_mm

    def text(self, line: CellLine, slot: int, element: str, *, repeat: bool = False) -> None:
        """One line of text on grid line ``slot`` of the current page."""
        color = self.engine.profile.color(line.glyphs[0].style.color)
        v = self.baseline(slot)
        runs = []
        for run in make_runs(line.glyphs, line.x, line.char_space_pt, color):
            x, y = self.point(run.x, v)
            runs.append(replace(run, x=x, baseline=y, angle=90 if self.turned else 0))
        line = Line(tuple(runs), -1 if self.turned else slot, element, False, repeat=repeat, owner=self.flow.owner)
        self.flow.pages[-1].lines.append(line)

    def segment(self, u0: float, v0: float, u1: float, v1: float) -> None:
        p = self.engine.profile
        (x0, y0), (x1, y1) = self.point(u0, v0), self.point(u1, v1)
        thickness = pt_to_mm(p.table.border_width_pt)
        self.flow.pages[-1].segments.append(Segment(x0, y0, x1, y1, thickness, p.color("black"), "table_border"))


def place_table(engine: Typesetter, flow: Flow, table: Table) -> TablePlacement:
    """Lay a table out from the flow's current grid line (a landscape one on pages of its own)."""
    p = engine.profile
    turned = table.landscape
    if turned and flow.slot > 0:
        flow.new_page()
    sheet = _Sheet(engine, flow, turned)
    plan = plan_table(table, p, engine.fonts, sheet.width)
    for row in plan.rows:
        if row.lines + plan.header.lines > sheet.capacity:
            raise _error(
                table,
                f"一行表格有 {row.lines} 行文字，在表头之下一页排不下",
                "把过长的单元格文字分成几行表格",
            )
    if len(plan.caption) + plan.header.lines + plan.rows[0].lines > sheet.capacity:
        raise _error(table, "表题、表头和第一行合起来超过一页", "缩短表题")
    if sheet.slot + len(plan.caption) + plan.header.lines + plan.rows[0].lines > sheet.capacity:
        sheet.new_page()
    for line in plan.caption:
        sheet.text(line, sheet.slot, "table_caption")
        sheet.slot += 1
    top = sheet.slot
    boundaries = [top]
    _place_row(sheet, plan.header)
    boundaries.append(sheet.slot)
    breaks = []
    for index, row in enumerate(plan.rows):
        if sheet.slot + row.lines > sheet.capacity:  # continue on the next page under a repeated header
            breaks.append(index)
            _borders(sheet, plan.edges, boundaries)
            sheet.new_page()
            boundaries = [sheet.slot]
            _place_row(sheet, plan.header, repeat=True)
            boundaries.append(sheet.slot)
        _place_row(sheet, row)
        boundaries.append(sheet.slot)
    _borders(sheet, plan.edges, boundaries)
    # the body goes on under the table; after a landscape table, on the next page
    flow.slot = p.grid.lines if turned else sheet.slot
    return TablePlacement(plan, tuple(breaks))


def kept_head_lines(engine: Typesetter, table: Table) -> int:
    """Grid lines the start of a table keeps together (caption, header row, first row), for a
    heading above it; 0 for a landscape table, which starts on a page of its own."""
    if table.landscape:
        return 0
    plan = plan_table(table, engine.profile, engine.fonts, engine.profile.page.block_width_mm)
    return len(plan.caption) + plan.header.lines + (plan.rows[0].lines if plan.rows else 0)


def _place_row(sheet: _Sheet, row: RowPlan, *, repeat: bool = False) -> None:
    element = "table_header" if row.header else "table_cell"
    for cell in row.cells:
        for i, line in enumerate(cell.lines):
            sheet.text(line, sheet.slot + i, element, repeat=repeat)
    sheet.slot += row.lines


def _borders(sheet: _Sheet, edges: tuple[float, ...], boundaries: list[int]) -> None:
    """The grid of one page's part of a table: a rule on every row and column boundary."""
    top, bottom = boundaries[0] * sheet.pitch, boundaries[-1] * sheet.pitch
    for slot in boundaries:
        sheet.segment(0.0, slot * sheet.pitch, edges[-1], slot * sheet.pitch)
    for edge in edges:
        sheet.segment(edge, top, edge, bottom)


def carry_last_row(engine: Typesetter, flow: Flow) -> None:
    """§7.3.5.5 when a table ends the text above the signature: its last row goes over to a
    new page under its repeated header row, so the signature does not stand alone there.

    (LibreOffice does the same with the DOCX, whose last row keeps with the signature.) A
    page's part of a table that is only the header and that row goes over whole, with the
    caption above it. After a landscape table the signature starts a new page anyway.
    """
    page = flow.pages[-1]
    if page.lines[-1].slot < 0:  # a turned (landscape) table
        return
    sheet = _Sheet(engine, flow, turned=False)
    top, left = engine.profile.page.block_top, engine.profile.page.block_left

    def slot(y: float) -> int:
        return round((y - top) / sheet.pitch)

    bottom = flow.slot
    borders = [s for s in page.segments if s.element == "table_border"]
    columns = [s for s in borders if s.x0 == s.x1 and slot(s.y1) == bottom]
    start = slot(columns[0].y0)
    part = [s for s in borders if slot(min(s.y0, s.y1)) >= start and slot(max(s.y0, s.y1)) <= bottom]
    rules = sorted({slot(s.y0) for s in part if s.y0 == s.y1})
    edges = tuple(sorted(s.x0 - left for s in columns))
    cut = rules[-2] if len(rules) > 3 else start  # the last row, or the whole part
    first = cut
    while cut == start and any(line.slot == first - 1 and line.element == "table_caption" for line in page.lines):
        first -= 1
    moving = [line for line in page.lines if line.element in TABLE_TEXT and line.slot >= first]
    header = [line for line in page.lines if line.element == "table_header" and start <= line.slot < rules[1]]
    page.lines = [line for line in page.lines if not (line.element in TABLE_TEXT and line.slot >= first)]
    page.segments = [s for s in page.segments if s not in part]
    if cut > start:
        _borders(sheet, edges, rules[:-1])
    flow.new_page()
    if cut > start:
        head = rules[1] - start
        flow.pages[-1].lines += [_moved(line, -start, sheet.pitch, repeat=True) for line in header]
        flow.pages[-1].lines += [_moved(line, head - cut, sheet.pitch) for line in moving]
        boundaries = [0, head, head + bottom - cut]
    else:
        flow.pages[-1].lines += [_moved(line, -first, sheet.pitch) for line in moving]
        boundaries = [r - first for r in rules]
    _borders(sheet, edges, boundaries)
    flow.slot = boundaries[-1]


def _moved(line: Line, slots: int, pitch: float, *, repeat: bool | None = None) -> Line:
    """A line moved ``slots`` grid lines down (up when negative)."""
    runs = tuple(replace(run, baseline=run.baseline + slots * pitch) for run in line.runs)
    return replace(line, runs=runs, slot=line.slot + slots, repeat=line.repeat if repeat is None else repeat)


def _error(table: Table, message: str, hint: str) -> OfficialdocError:
    """A content error naming the table's place in the content file (when known)."""
    if table.source is None:
        return LayoutError(f"表格：{message}；提示：{hint}")
    return ContentError(table.source.file, table.source.line, table.source.field, message, hint)
