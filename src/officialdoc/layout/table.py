"""Tables (表格) in the body and in attachments; landscape tables (§8 横排表格).

- A table spans the block width, split by ``Table.widths``; thin black borders on every
  row and column boundary (the profile's ``table:`` section).
- Cell text wraps inside the cell (column width less the padding on both sides) with the
  line-start/line-end rules of the body. Every cell line takes one grid line: a row is a
  whole number of grid lines, cell baselines lie on the body grid, and the text after the
  table stays on the 22-line grid. Cells are top-aligned; the header row and cells holding
  only a number are centred, other cells flush left (profile).
- An optional caption (表题) stands centred above the table, one grid line per line; an
  optional unit line (单位：万元) takes the grid line under it, flush with the table's right
  edge (``table.unit_align``), in the cell font.
- Merged cells (``Table.spans``): the box is the sum of the spanned columns' widths and
  rows' heights; its text starts on the box's first grid line; when the spanned rows are
  too short for it, the last of them grows. A header block (``Table.subheaders``) is the
  header rows together. Rules are drawn on every row and column boundary a merge does not
  cover.
- Pagination: the caption, unit line, header block and the first ``table.min_rows_per_page``
  body rows (of a row that may split: as many grid lines) start on one page; a table
  continued on the next page repeats its whole header block there; a row-span group
  never breaks; the last page of a continued table holds at
  least ``min_rows_per_page`` body rows (a row goes over from the page before). A row is
  kept whole, unless ``split_rows`` or it is taller than ``table.split_rows_taller_than``
  of a page under the header (kept whole, it would leave most of a page blank): then,
  taller than the room left, it continues on the next page from a cell-line boundary.
  Rows joined by a merged cell taller than a page are a content error.
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
from ..model import CellSpan, Table
from ..profile import Profile, mm_to_pt, pt_to_mm
from .flow import Flow, Typesetter
from .keep import Keep
from .linebreak import break_lines
from .lines import make_runs
from .measure import Glyph, clusters, shape, span_pt
from .page import Line, Segment

TABLE_TEXT = ("table_caption", "table_header", "table_cell", "table_unit")  # Line.element of a table's text
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
    rows: int = 1  # a merged cell's size (its top-left cell); 0: covered by a merge
    cols: int = 1


@dataclass(frozen=True)
class RowPlan:
    cells: tuple[CellPlan, ...]
    header: bool
    height: int = 0  # grid lines the row needs for a merged cell's text ending in it

    @property
    def lines(self) -> int:
        """Height in grid lines: the tallest cell of one row, at least one line."""
        return max(1, self.height, *(len(cell.lines) for cell in self.cells if cell.rows == 1))


@dataclass(frozen=True)
class TablePlan:
    width: float  # mm
    edges: tuple[float, ...]  # column boundaries, mm from the table's left edge: 0 … width
    caption: tuple[CellLine, ...]  # centred over the table
    header: RowPlan
    rows: tuple[RowPlan, ...]
    subheaders: tuple[RowPlan, ...] = ()  # the header block's further rows
    unit: tuple[CellLine, ...] = ()  # 单位：万元, on its own line above the table
    spans: tuple[CellSpan, ...] = ()  # merged cells, positions in Table.grid (header block first)
    groups: tuple[tuple[int, int], ...] = ()  # body rows [a, b) that a row span keeps together

    @property
    def header_block(self) -> tuple[RowPlan, ...]:
        return (self.header, *self.subheaders)


@dataclass(frozen=True)
class TablePlacement:
    """A table as laid out; ``keep``: §7.3.5.5 facts when it is the last text before the signature."""

    plan: TablePlan
    page_breaks: tuple[int, ...]  # indexes of the rows that start a page under a repeated header
    cuts: tuple[tuple[int, int], ...] = ()  # (row, line): a split row goes on from this line on a new page
    kept: tuple[int, ...] = ()  # rows kept with the next one, which layout moved to a page to join it
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
    origins = {(span.row, span.col): span for span in table.spans}
    covered = {
        (r, c)
        for span in table.spans
        for r in range(span.row, span.row + span.rows)
        for c in range(span.col, span.col + span.cols)
    } - set(origins)

    def row(r: int, cells: list[str], header: bool) -> RowPlan:
        planned = []
        for i, text in enumerate(cells):
            if (r, i) in covered:
                planned.append(CellPlan("", spec.text_align, (), rows=0, cols=0))
                continue
            span = origins.get((r, i), CellSpan(r, i))
            if header:
                style, element, align = spec.header_style, "table_header", spec.header_align
            else:
                style, element = spec.cell_style, "table_cell"
                align = spec.number_align if is_number(text) else spec.text_align
            inner = edges[i + span.cols] - edges[i] - 2 * pad
            if inner <= 0:
                raise _error(table, f"第 {i + 1} 列比单元格内边距还窄", "在 widths 中加大这一列的宽度")
            lines = _wrap(text, style, element, inner, align, edges[i] + pad, profile, fonts)
            planned.append(CellPlan(text, align, lines, span.rows, span.cols))
        return RowPlan(tuple(planned), header)

    heads = len(table.header_rows)
    rows = [row(r, cells, r < heads) for r, cells in enumerate(table.grid)]
    for span in sorted(table.spans, key=lambda s: s.row + s.rows):  # a merged cell's text fits its box
        last = span.row + span.rows - 1
        need = len(rows[span.row].cells[span.col].lines) - sum(rows[r].lines for r in range(span.row, last))
        if need > rows[last].lines:
            rows[last] = replace(rows[last], height=need)
    caption = (
        _wrap(table.caption, spec.caption_style, "table_caption", width, "center", 0.0, profile, fonts)
        if table.caption
        else ()
    )
    unit = (
        _wrap(table.unit, spec.cell_style, "table_unit", width, spec.unit_align, 0.0, profile, fonts)
        if table.unit
        else ()
    )
    return TablePlan(
        width, edges, caption, rows[0], tuple(rows[heads:]), tuple(rows[1:heads]),
        unit, tuple(table.spans), _groups(table.spans, heads, len(table.rows)),
    )  # fmt: skip


def _groups(spans: list[CellSpan], heads: int, count: int) -> tuple[tuple[int, int], ...]:
    """Body rows [a, b) joined by row spans (a group is never broken across pages)."""
    reach = list(range(1, count + 1))  # the end of the group each row starts
    for span in spans:
        if span.row >= heads:
            first = span.row - heads
            reach[first] = max(reach[first], first + span.rows)
    groups, start, end = [], 0, 0
    for i in range(count):
        end = max(end, reach[i])
        if i + 1 == end:
            groups.append((start, end))
            start = end
    return tuple(groups)


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

    def text(self, line: CellLine, slot: int, element: str, *, repeat: bool = False, cell: int = -1) -> None:
        """One line of text on grid line ``slot`` of the current page."""
        color = self.engine.profile.color(line.glyphs[0].style.color)
        v = self.baseline(slot)
        runs = []
        for run in make_runs(line.glyphs, line.x, line.char_space_pt, color):
            x, y = self.point(run.x, v)
            runs.append(replace(run, x=x, baseline=y, angle=90 if self.turned else 0))
        slot = -1 if self.turned else slot
        line = Line(tuple(runs), slot, element, False, repeat=repeat, owner=self.flow.owner, cell=cell)
        self.flow.pages[-1].lines.append(line)

    def segment(self, u0: float, v0: float, u1: float, v1: float) -> None:
        p = self.engine.profile
        (x0, y0), (x1, y1) = self.point(u0, v0), self.point(u1, v1)
        thickness = pt_to_mm(p.table.border_width_pt)
        self.flow.pages[-1].segments.append(Segment(x0, y0, x1, y1, thickness, p.color("black"), "table_border"))


@dataclass(frozen=True)
class _Piece:
    """Grid lines [first, first + count) of body row ``row`` on one page."""

    row: int
    first: int
    count: int


def place_table(engine: Typesetter, flow: Flow, table: Table) -> TablePlacement:
    """Lay a table out from the flow's current grid line (a landscape one on pages of its own)."""
    p = engine.profile
    turned = table.landscape
    if turned and flow.slot > 0:
        flow.new_page()
    sheet = _Sheet(engine, flow, turned)
    plan = plan_table(table, p, engine.fonts, sheet.width)
    head = sum(row.lines for row in plan.header_block)
    lead = len(plan.caption) + len(plan.unit)
    heights = [sum(plan.rows[i].lines for i in range(a, b)) for a, b in plan.groups]
    room = sheet.capacity - head
    splits = _splits(table, plan, heights, room, p)
    for height, split in zip(heights, splits, strict=True):
        if height > room and not split:
            raise _error(
                table,
                f"合并单元格连起来的几行表格共有 {height} 行文字，在表头之下一页排不下",
                "缩短合并单元格的文字，或少合并几行",
            )
    if lead + head + heights[0] > sheet.capacity and not splits[0]:
        raise _error(table, "表题、表头和第一行合起来超过一页", "缩短表题")
    kept = _start_lines(heights, splits, plan.groups, p.table.min_rows_per_page)
    if sheet.slot > 0 and sheet.slot + min(lead + head + kept, sheet.capacity) > sheet.capacity:
        sheet.new_page()
    parts, moved = _paginate(plan, heights, sheet.capacity - sheet.slot - lead - head, room, splits, p)
    for line in plan.caption:
        sheet.text(line, sheet.slot, "table_caption")
        sheet.slot += 1
    for line in plan.unit:
        sheet.text(line, sheet.slot, "table_unit")
        sheet.slot += 1
    breaks, cuts, heads = [], [], len(plan.header_block)
    for number, part in enumerate(parts):
        if number:
            breaks.append(part[0].row)
            if part[0].first:
                cuts.append((part[0].row, part[0].first))
            sheet.new_page()
        placed: list[tuple[int, int, int]] = []  # (grid row, first slot, lines)
        for g, row in enumerate(plan.header_block):
            placed.append((g, sheet.slot, row.lines))
            _place_row(sheet, row, g * len(row.cells), repeat=number > 0)
        for piece in part:
            placed.append((heads + piece.row, sheet.slot, piece.count))
            row = plan.rows[piece.row]
            _place_row(sheet, row, (heads + piece.row) * len(row.cells), lines=(piece.first, piece.count))
        _part_borders(sheet, plan, placed)
    # the body goes on under the table; after a landscape table, on the next page
    flow.slot = p.grid.lines if turned else sheet.slot
    return TablePlacement(plan, tuple(breaks), tuple(cuts), moved)


def _splits(table: Table, plan: TablePlan, heights: list[int], room: int, profile: Profile) -> list[bool]:
    """Per row group: whether it may split across pages. A row may split with split_rows, and
    when it is taller than a part of a page (``room``: lines under the header): kept whole it
    would leave most of a page blank (the issue's 17 rows on 10 pages)."""
    tall = profile.table.split_rows_taller_than * room
    return [b - a == 1 and (table.split_rows or h > tall) for (a, b), h in zip(plan.groups, heights, strict=True)]


def _start_lines(heights: list[int], splits: list[bool], groups: tuple[tuple[int, int], ...], minimum: int) -> int:
    """Body lines that start together with the caption, unit and header block: the first row
    groups until they hold ``minimum`` rows (of a row that may split, as many lines)."""
    kept, rows = 0, 0
    for (a, b), height, split in zip(groups, heights, splits, strict=True):
        if rows >= minimum:
            break
        kept, rows = kept + (min(height, minimum) if split else height), rows + b - a
    return kept


def kept_head_lines(engine: Typesetter, table: Table) -> int:
    """Grid lines the start of a table keeps together (caption, unit line, header block and
    the first rows that start it, :func:`_start_lines`), for a heading above it; 0 for a
    landscape table, which starts on a page of its own."""
    if table.landscape:
        return 0
    p = engine.profile
    plan = plan_table(table, p, engine.fonts, p.page.block_width_mm)
    head = sum(row.lines for row in plan.header_block)
    heights = [sum(plan.rows[i].lines for i in range(a, b)) for a, b in plan.groups]
    splits = _splits(table, plan, heights, p.grid.lines - head, p)
    kept = _start_lines(heights, splits, plan.groups, p.table.min_rows_per_page)
    return min(len(plan.caption) + len(plan.unit) + head + kept, p.grid.lines)


def _paginate(
    plan: TablePlan, heights: list[int], first_room: int, room: int, splits: list[bool], profile: Profile
) -> tuple[list[list[_Piece]], tuple[int, ...]]:
    """Body rows page by page, and the rows kept with the next one.

    Whole groups go on while they fit; a group that ``splits`` (one row) taller than the
    room left continues on the next page. Then the last page takes groups from the page before
    until it holds ``min_rows_per_page`` rows (when they fit there and leave as many): the
    rows from the first one moved to the last but one are kept with the next one.
    """
    parts: list[list[_Piece]] = [[]]
    left = first_room
    for (a, b), height, split in zip(plan.groups, heights, splits, strict=True):
        if height > left and split:
            line = 0
            while height - line > left:
                if left > 0:
                    parts[-1].append(_Piece(a, line, left))
                    line += left
                parts.append([])
                left = room
            parts[-1].append(_Piece(a, line, height - line))
            left -= height - line
            continue
        if height > left:
            parts.append([])
            left = room
        parts[-1] += [_Piece(i, 0, plan.rows[i].lines) for i in range(a, b)]
        left -= height
    parts = [part for part in parts if part]
    minimum, moved = profile.table.min_rows_per_page, False
    while len(parts) > 1 and len(parts[-1]) < minimum and parts[-1][0].first == 0:
        before, last = parts[-2], parts[-1]
        end = before[-1]
        if end.first or end.count != plan.rows[end.row].lines:
            break  # the page break splits a row: nothing to move
        a, b = next(group for group in plan.groups if group[1] == end.row + 1)
        used = sum(piece.count for piece in last) + sum(plan.rows[i].lines for i in range(a, b))
        if len(before) - (b - a) < minimum or used > room:
            break
        parts[-2], parts[-1] = before[: -(b - a)], before[-(b - a) :] + last
        moved = True
    kept = tuple(piece.row for piece in parts[-1][:-1]) if moved else ()
    return parts, kept


def _place_row(
    sheet: _Sheet, row: RowPlan, first_cell: int, *, repeat: bool = False, lines: tuple[int, int] | None = None
) -> None:
    """A row's cell lines from the sheet's slot (``lines``: only [first, first + count) of them;
    a merged cell, whose group is never split, all of its lines). ``first_cell``: the index
    of its first cell in Table.grid read row by row (a split row's cells are read whole)."""
    element = "table_header" if row.header else "table_cell"
    first, count = lines or (0, row.lines)
    for index, cell in enumerate(row.cells):
        shown = cell.lines if cell.rows > 1 else cell.lines[first : first + count]
        for i, line in enumerate(shown):
            sheet.text(line, sheet.slot + i, element, repeat=repeat, cell=first_cell + index)
    sheet.slot += count


def _part_borders(sheet: _Sheet, plan: TablePlan, placed: list[tuple[int, int, int]]) -> None:
    """The rules of one page's part of a table, ``placed`` (grid row, first slot, lines) top
    to bottom: every row and column boundary that no merged cell covers, joined into runs
    (without merges: a rule on every row and column boundary)."""
    cover = {
        (r, c): span
        for span in plan.spans
        for r in range(span.row, span.row + span.rows)
        for c in range(span.col, span.col + span.cols)
    }

    def joined(g0: int | None, c0: int, g1: int | None, c1: int) -> bool:
        """Whether two cells lie in one merged cell (no rule between them)."""
        span = cover.get((g0, c0)) if g0 is not None else None
        return span is not None and g1 is not None and span is cover.get((g1, c1))

    edges, columns, pitch = plan.edges, len(plan.edges) - 1, sheet.pitch
    for k in range(len(placed) + 1):
        above = placed[k - 1][0] if k else None
        below = placed[k][0] if k < len(placed) else None
        slot = placed[k][1] if k < len(placed) else placed[-1][1] + placed[-1][2]
        for a, b in _runs([not joined(above, c, below, c) for c in range(columns)]):
            sheet.segment(edges[a], slot * pitch, edges[b], slot * pitch)
    top = placed[0][1]
    for e, edge in enumerate(edges):
        rows = [g for g, _, lines in placed for _ in range(lines)]
        for a, b in _runs([not (0 < e < columns and joined(g, e - 1, g, e)) for g in rows]):
            sheet.segment(edge, (top + a) * pitch, edge, (top + b) * pitch)


def _runs(flags: list[bool]) -> list[tuple[int, int]]:
    """[a, b) of every run of True."""
    runs, start = [], None
    for i, flag in enumerate([*flags, False]):
        if flag and start is None:
            start = i
        elif not flag and start is not None:
            runs.append((start, i))
            start = None
    return runs


def carry_last_row(engine: Typesetter, flow: Flow, placement: TablePlacement) -> None:
    """§7.3.5.5 when a table ends the text above the signature: its last row goes over to a
    new page under its repeated header block, so the signature does not stand alone there.

    The last row is the last row group: rows a merged cell joins go over together. (LibreOffice
    does the same with the DOCX, whose last rows keep with the signature.) A page's part of a
    table that is only the header block and that group goes over whole, with the caption and
    unit line above it when they start the table. After a landscape table the signature
    starts a new page anyway.
    """
    page = flow.pages[-1]
    if page.lines[-1].slot < 0:  # a turned (landscape) table
        return
    plan, owner = placement.plan, page.lines[-1].owner
    sheet = _Sheet(engine, flow, turned=False)
    heads = [row.lines for row in plan.header_block]
    start = placement.page_breaks[-1] if placement.page_breaks else 0
    split = max((line for row, line in placement.cuts if row == start), default=0) if placement.page_breaks else 0
    pieces = [_Piece(start, split, plan.rows[start].lines - split)]
    pieces += [_Piece(i, 0, plan.rows[i].lines) for i in range(start + 1, len(plan.rows))]
    bottom = flow.slot
    top = bottom - sum(heads) - sum(piece.count for piece in pieces)  # the part's header block
    group = next(a for a, b in plan.groups if b == len(plan.rows))
    staying = [piece for piece in pieces if piece.row < group]
    going = [piece for piece in pieces if piece.row >= group]
    cut = top + sum(heads) + sum(piece.count for piece in staying)
    first = top
    if not staying and not placement.page_breaks:  # the table's start: its caption and unit go too
        above = ("table_caption", "table_unit")
        while any(line.slot == first - 1 and line.owner == owner and line.element in above for line in page.lines):
            first -= 1
    part = [line for line in page.lines if line.owner == owner and line.slot >= first]
    y_top = engine.profile.page.block_top + top * sheet.pitch - 0.01
    page.lines = [line for line in page.lines if not (line.owner == owner and line.slot >= first)]
    page.segments = [s for s in page.segments if not (s.element == "table_border" and min(s.y0, s.y1) >= y_top)]

    def rows_from(slot: int, chosen: list[_Piece]) -> list[tuple[int, int, int]]:
        """(grid row, first slot, lines) of the header block and ``chosen`` from ``slot``."""
        placed = []
        for g, lines in enumerate([*heads, *(piece.count for piece in chosen)]):
            placed.append((g if g < len(heads) else len(heads) + chosen[g - len(heads)].row, slot, lines))
            slot += lines
        return placed

    if staying:
        page.lines += [line for line in part if line.slot < cut]
        _part_borders(sheet, plan, rows_from(top, staying))
        flow.new_page()
        header = [_moved(line, -top, sheet.pitch, repeat=True) for line in part if line.slot < top + sum(heads)]
        rows = [_moved(line, sum(heads) - cut, sheet.pitch) for line in part if line.slot >= cut]
        flow.pages[-1].lines += header + rows
        flow.slot = sum(heads) + sum(piece.count for piece in going)
    else:
        flow.new_page()
        flow.pages[-1].lines += [_moved(line, -first, sheet.pitch) for line in part]
        flow.slot = bottom - first
    _part_borders(sheet, plan, rows_from(flow.slot - sum(heads) - sum(piece.count for piece in going), going))


def _moved(line: Line, slots: int, pitch: float, *, repeat: bool | None = None) -> Line:
    """A line moved ``slots`` grid lines down (up when negative)."""
    runs = tuple(replace(run, baseline=run.baseline + slots * pitch) for run in line.runs)
    return replace(line, runs=runs, slot=line.slot + slots, repeat=line.repeat if repeat is None else repeat)


def _error(table: Table, message: str, hint: str) -> OfficialdocError:
    """A content error naming the table's place in the content file (when known)."""
    if table.source is None:
        return LayoutError(f"表格：{message}；提示：{hint}")
    return ContentError(table.source.file, table.source.line, table.source.field, message, hint)
