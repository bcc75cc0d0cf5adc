"""Page faults a clerk rejects, found in a layout result (issue #9, "Layout quality to reach").

Generic over the layout result (pages of lines with their owning elements, table borders as
segments), so it covers every element module, tables of any shape included:

- a heading (not run in) on a page's last text line, or without the first body lines its
  level keeps (profile ``headings.keep_body_lines``; fewer when fewer follow it) on its page
  (numbered paragraphs, articles and tables are body); a chapter line (第N章) on a page's
  last text line;
- a page whose text is only the 版头, title and 主送;
- a page whose text is only a table's header and one body row, when the table has more rows.
"""

from __future__ import annotations

import itertools

from officialdoc.layout.page import Line, Page
from officialdoc.layout.result import BlockPlan, Kind, LaidOutDocument
from officialdoc.model import Heading

# 版头 (or a lone 发文字号), title (an embedded document's too), 主送
HEADS = (Kind.HEADER, Kind.DOC_NUMBER, Kind.TITLE, Kind.EMBEDDED, Kind.ADDRESSEE)
BODY = (Kind.PARAGRAPH, Kind.HEADING, Kind.TABLE, Kind.ARTICLE)


def page_faults(laid_out: LaidOutDocument) -> list[str]:
    """Every fault, as "page N: what" (empty: none)."""
    return [*_heading_faults(laid_out), *_head_only_pages(laid_out), *_lone_table_rows(laid_out)]


def text_lines(page: Page) -> list[Line]:
    """A page's lines of document text (page numbers left out), top to bottom."""
    return sorted((line for line in page.lines if line.owner >= 0), key=lambda line: line.runs[0].baseline)


def _is_heading_line(laid_out: LaidOutDocument, line: Line) -> bool:
    placed = laid_out.elements[line.owner]
    plan = placed.plan
    return (
        placed.kind is Kind.HEADING and isinstance(plan, BlockPlan) and not plan.run_in and line.element == plan.style
    )


def _heading_faults(laid_out: LaidOutDocument) -> list[str]:
    faults = []
    for page in laid_out.pages:
        lines = text_lines(page)
        if lines and _is_heading_line(laid_out, lines[-1]):
            faults.append(f"page {page.index}: heading {lines[-1].text!r} is its last line")
        if lines and laid_out.elements[lines[-1].owner].kind is Kind.CHAPTER:
            faults.append(f"page {page.index}: chapter {lines[-1].text!r} is its last line")
    keep = laid_out.profile.headings.keep_body_lines
    elements = laid_out.elements
    where = {id(line): page.index for page in laid_out.pages for line in page.lines}
    by_owner: dict[int, list[Line]] = {}
    for page in laid_out.pages:
        for line in text_lines(page):
            if not line.repeat:
                by_owner.setdefault(line.owner, []).append(line)
    for index, placed in enumerate(elements):
        if not isinstance(placed.source, Heading) or not _is_heading_line(laid_out, by_owner[index][0]):
            continue
        want = keep[placed.source.level - 1]
        last_page = where[id(by_owner[index][-1])]
        body: list[Line] = []
        for following in range(index + 1, len(elements)):
            if elements[following].kind not in BODY or len(body) >= want:
                break
            lines = by_owner.get(following, [])
            if lines and _is_heading_line(laid_out, lines[0]):
                want = max(want, keep[elements[following].source.level - 1])
                continue
            body += lines[: want - len(body)]
        if any(where[id(line)] != last_page for line in body):
            faults.append(f"page {last_page}: heading {by_owner[index][0].text!r} without its first body lines")
    return faults


def _head_only_pages(laid_out: LaidOutDocument) -> list[str]:
    faults = []
    last = max(page.index for page in laid_out.pages if text_lines(page))
    for page in laid_out.pages:
        kinds = {laid_out.elements[line.owner].kind for line in text_lines(page)}
        if kinds and kinds <= set(HEADS) and page.index < last:
            faults.append(f"page {page.index}: only the 版头, title and 主送")
    return faults


def _lone_table_rows(laid_out: LaidOutDocument) -> list[str]:
    """Pages holding only one table's header rows and one body row (upright tables)."""
    faults = []
    rows_of: dict[int, int] = {}
    parts = []
    for page in laid_out.pages:
        lines = text_lines(page)
        owners = {line.owner for line in lines}
        for owner in owners:
            if laid_out.elements[owner].kind is not Kind.TABLE:
                continue
            mine = [line for line in lines if line.owner == owner and line.slot >= 0]
            if not mine:
                continue  # a landscape table: turned lines
            header, body = _rows(page, mine)
            rows_of[owner] = rows_of.get(owner, 0) + body
            parts.append((page.index, owner, header, body, len(owners) == 1))
    for page, owner, header, body, alone in parts:
        if alone and header and body == 1 and rows_of[owner] > 1:
            faults.append(f"page {page}: only a table's header and one row")
    return faults


def _rows(page: Page, lines: list[Line]) -> tuple[int, int]:
    """Header rows and body rows of a table's part on a page, from its horizontal borders."""
    cells = [line.runs[0].baseline for line in lines if line.element != "table_caption"]
    if not cells:
        return 0, 0
    top, bottom = min(cells), max(cells)
    ys = sorted({round(s.y0, 2) for s in page.segments if s.element == "table_border" and s.y0 == s.y1})
    start = max((y for y in ys if y < top), default=None)
    end = min((y for y in ys if y > bottom), default=None)
    if start is None or end is None:
        return 0, 0
    bounds = [y for y in ys if start <= y <= end]
    header = body = 0
    for y0, y1 in itertools.pairwise(bounds):
        inside = [line for line in lines if y0 < line.runs[0].baseline < y1]
        if any(line.element == "table_header" for line in inside):
            header += 1
        elif not inside or any(line.element == "table_cell" for line in inside):
            body += 1
    return header, body
