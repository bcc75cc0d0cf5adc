"""The layout engine: a Document on the 22 × 28 grid of a profile → pages.

Text flows line by line through the grid slots of the text block (版心); every line of
an on-grid style is justified to the full block width except a paragraph's last line.
Title lines take one slot each. The signature block stays on the page of the last body
line (§7.3.5.5: never alone on a page). Page numbers follow §7.5.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, replace

from ..fonts import FontSet
from ..model import Block, Document, Heading, Table
from ..profile import Profile, TextStyle, mm_to_pt, pt_to_mm
from .attachments import place_attachment_note, place_attachment_pages
from .attendance import place_attendance
from .header import place_header
from .linebreak import BrokenLine, break_lines
from .measure import Glyph, clusters, shape, span_pt
from .page import LaidOutDocument, Line, Page, SealArea, TextRun
from .record import is_record_page, place_record
from .signature import plan_signature
from .table import TABLE_TEXT, carry_last_row, place_table
from .title import break_title


@dataclass(frozen=True)
class LayoutOptions:
    draft: bool = False  # outline reserved seal areas


@dataclass
class PendingLine:
    """A line waiting for its slot: positioned horizontally, placed vertically by Flow.place."""

    runs: list[TextRun]  # baselines are set when the line gets its slot
    element: str
    justified: bool
    hanging: bool
    style: TextStyle


class Flow:
    """Places lines into grid slots, page by page (``slot`` is the next free grid line)."""

    def __init__(self, profile: Profile):
        self.profile = profile
        self.pages: list[Page] = [Page(index=1, number=1)]
        self.slot = 0

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
        page.lines.append(Line(runs, self.slot, slot_line.element, slot_line.justified, slot_line.hanging))
        self.slot += 1

    def skip(self, lines: int) -> None:
        """Blank grid lines (never carried over to the top of a new page)."""
        self.slot = min(self.slot + lines, self.profile.grid.lines)


def make_runs(glyphs: tuple[Glyph, ...], x: float, char_space_pt: float, color: str) -> list[TextRun]:
    """Split a glyph sequence starting at ``x`` into runs of one face, element and size (and at
    a Chinese/Latin gap, which a run's even character spacing cannot carry)."""
    runs: list[TextRun] = []
    current: list[Glyph] = []

    def flush() -> None:
        nonlocal x
        if not current:
            return
        width = pt_to_mm(sum(g.advance_pt + char_space_pt + g.space_after_pt for g in current))
        first = current[0]
        runs.append(
            TextRun(
                "".join(g.ch for g in current),
                x,
                0.0,
                first.face,
                first.style.size_pt,
                char_space_pt,
                color,
                first.element,
                width,
            )
        )
        x += width
        current.clear()

    for glyph in glyphs:
        if current and (
            (glyph.face, glyph.element, glyph.style.size_pt)
            != (current[0].face, current[0].element, current[0].style.size_pt)
            or current[-1].space_after_pt  # a run spaces its glyphs evenly: a new one after a gap
        ):
            flush()
        current.append(glyph)
    flush()
    return runs


@dataclass(frozen=True)
class _PlacedParagraph:
    """Where the last paragraph before the signature went, for §7.3.5.5: a body paragraph
    can be set again tighter; any paragraph can go over to the next page whole."""

    block: int | None       # index in Document.body; None: not re-set (an item of 附件说明)
    glyphs: list[Glyph]
    indent: float
    element: str
    style: TextStyle
    page: int               # 1-based page of its first line
    slot: int
    lines: int


class LayoutEngine:
    def __init__(self, profile: Profile, fonts: FontSet, options: LayoutOptions | None = None):
        self.profile = profile
        self.fonts = fonts
        self.options = options or LayoutOptions()
        self._last_paragraph: _PlacedParagraph | None = None
        self.adjustments: dict[int, float] = {}   # Document.body index → fit tracking (pt), §7.3.5.5
        self.carried_paragraph = False            # §7.3.5.5: the last paragraph went over whole
        self.keep_last_paragraph = True           # the DOCX keeps it with the signature (see _signature)

    # -- paragraphs -------------------------------------------------------------------
    def paragraph_lines(
        self, glyphs: list[Glyph], indent_chars: float, element: str, style: TextStyle, *,
        fit_tracking: float | None = None,
    ) -> list[PendingLine]:
        """Break and justify one paragraph (glyphs may mix styles, e.g. run-in headings)."""
        p = self.profile
        tracking = p.tracking_pt(style)
        width = mm_to_pt(p.page.block_width_mm)
        indent_pt = indent_chars * p.char_pitch_pt
        broken = break_lines(
            clusters(glyphs, p.punctuation.inseparable),
            width - indent_pt,
            width,
            p.fit_tracking_pt(style) if fit_tracking is None else fit_tracking,
            p.punctuation,
        )
        color = p.color(style.color)
        # a paragraph set tighter (§7.3.5.5) is tighter in its last line too, as in the DOCX,
        # where the spacing is the runs'
        last_tracking = tracking if fit_tracking is None else fit_tracking
        result = []
        for i, line in enumerate(broken):
            x = p.page.block_left + (pt_to_mm(indent_pt) if i == 0 else 0.0)
            char_space = self._justify(line, last_tracking if line.last else tracking)
            runs = make_runs(line.glyphs, x, char_space, color)
            if line.hanging:
                end = x + pt_to_mm(span_pt(line.glyphs, char_space) + char_space)
                runs += make_runs(line.hanging, end, tracking, color)
            result.append(PendingLine(runs, element, not line.last, bool(line.hanging), style))
        return result

    @staticmethod
    def _justify(line: BrokenLine, tracking: float) -> float:
        """Char spacing of a line: a non-final line spans the full available width; a final
        line keeps the grid's tracking unless that would overflow (it was filled tighter)."""
        if len(line.glyphs) < 2:
            return tracking
        full = (line.width_pt - tracking - span_pt(line.glyphs, 0.0)) / (len(line.glyphs) - 1)
        return min(tracking, full) if line.last else full

    def shaped(self, text: str, style_name: str, element: str | None = None) -> list[Glyph]:
        style = self.profile.style(style_name)
        return shape(text, style, element or style_name, self.fonts, self.profile.grid.han_latin_space_em)

    # -- the document -----------------------------------------------------------------
    def layout(self, doc: Document) -> LaidOutDocument:
        flow = Flow(self.profile)
        if doc.header:
            place_header(self, flow, doc)
        if self.profile.header.print_title:  # 命令 (§10.2): the 正文 follows the 令号
            self.place_title(flow, doc.title)
        if doc.addressees:
            self.place_paragraph(flow, "、".join(doc.addressees) + "：", "addressee", indent_chars=0)
        self.place_blocks(flow, doc.body)
        if doc.attachments:
            place_attachment_note(self, flow, doc.attachments)
        if doc.signature:
            self._signature(doc, flow)
        if doc.note:
            self.place_paragraph(flow, f"（{doc.note}）", "body", element="note")  # §7.3.6
        if doc.attendance:
            place_attendance(self, flow, doc.attendance)
        place_attachment_pages(self, flow, doc)
        if doc.record:
            place_record(self, flow, doc.record)
        place_attachment_pages(self, flow, doc, separate=True)
        self._page_numbers(flow.pages)
        return LaidOutDocument(
            flow.pages,
            list(self.fonts.warnings),
            dict(self.adjustments),
            carried_paragraph=self.carried_paragraph,
            keep_last_paragraph=self.keep_last_paragraph,
        )

    def place_title(self, flow: Flow, title: str, *, blank_after: bool = True) -> None:
        """标题: centred lines of the title style, one grid line each, then a blank line."""
        p = self.profile
        style = p.style("title")
        for text in break_title(title, style, p, self.fonts):
            glyphs = self.shaped(text, "title")
            span = pt_to_mm(span_pt(glyphs, 0.0))
            x = p.page.block_left + (p.page.block_width_mm - span) / 2
            flow.place(
                PendingLine(make_runs(tuple(glyphs), x, 0.0, p.color(style.color)), "title", False, False, style)
            )
        if blank_after:
            flow.skip(p.title.blank_lines_after)

    def place_paragraph(
        self, flow: Flow, text: str, style_name: str, *, indent_chars: float | None = None, element: str | None = None
    ) -> None:
        """One paragraph of a single style (indent: the profile's first-line indent by default)."""
        p = self.profile
        indent = p.paragraph.first_line_indent_chars if indent_chars is None else indent_chars
        glyphs = self.shaped(text, style_name, element)
        for line in self.paragraph_lines(glyphs, indent, element or style_name, p.style(style_name)):
            flow.place(line)

    def place_blocks(self, flow: Flow, blocks: list[Block]) -> None:
        """Body blocks: paragraphs, numbered headings (run-in text continues in body style), tables."""
        p = self.profile
        indent = p.paragraph.first_line_indent_chars
        self._last_paragraph = None
        for index, block in enumerate(blocks):
            if isinstance(block, Table):
                place_table(self, flow, block)
                self._last_paragraph = None
                continue
            if isinstance(block, Heading):
                style_name = p.headings.styles[block.level - 1]
                glyphs = self.shaped(block.label(p.headings.labels) + block.text, style_name)
                if block.run_in:
                    glyphs += self.shaped(block.run_in, "body")
            else:
                style_name = "body"
                glyphs = self.shaped(block.text, style_name)
            style = p.style(style_name)
            lines = self.paragraph_lines(glyphs, indent, style_name, style)
            flow.ensure_room()
            record = _PlacedParagraph(index, glyphs, indent, style_name, style, len(flow.pages), flow.slot, len(lines))
            for line in lines:
                flow.place(line)
            self._last_paragraph = record

    def last_lines_form_paragraph(self, flow: Flow, count: int, element: str, style: TextStyle) -> None:
        """The ``count`` lines just placed are one paragraph that is never re-set (an item
        of 附件说明): §7.3.5.5 may carry it over whole (see _carry_over)."""
        page, slot = len(flow.pages), flow.slot - count
        if slot < 0:  # it began on the page before
            page, slot = page - 1, slot + self.profile.grid.lines
        self._last_paragraph = _PlacedParagraph(None, [], 0.0, element, style, page, slot, count)

    def _signature(self, doc: Document, flow: Flow) -> None:
        """署名, 成文日期 and seals per the plan; §7.3.5.5 keeps them with body text."""
        p = self.profile
        assert doc.signature is not None
        plan = plan_signature(doc.signature, p, self.fonts)
        deficit = flow.slot + plan.height_lines - p.grid.lines
        carried = deficit > 0 and not self._tighten_last_paragraph(flow, plan.height_lines)
        if carried:
            self._carry_over(flow, plan.height_lines)
        # The DOCX keeps the last paragraph with the signature, except one that runs over a
        # page break with the signature fitting under it: LibreOffice moves a kept paragraph
        # that it has split to the next page whole.
        record = self._last_paragraph
        split = record is not None and self._ends_flow(record, flow) and record.page != len(flow.pages)
        self.keep_last_paragraph = carried or not split
        flow.skip(plan.blank_lines_before)
        first_slot = flow.slot
        style = p.style("signature")
        color = p.color(style.color)
        for line in plan.lines:
            runs: list[TextRun] = []
            for item in line.items:
                glyphs = self.shaped(item.text, "signature", item.element)
                runs += make_runs(tuple(glyphs), item.x0, p.tracking_pt(style), color)
            flow.slot = first_slot + line.offset
            flow.place(PendingLine(runs, line.element, False, False, style))
        slot_top = p.page.block_top + first_slot * p.line_pitch_mm
        for seal in plan.seals:
            flow.pages[-1].seals.append(
                SealArea(
                    cx=seal.cx,
                    cy=slot_top + seal.top_offset + seal.height / 2,
                    width=seal.width,
                    height=seal.height,
                    round=seal.round,
                    image=seal.image,
                    outline=self.options.draft and seal.image is None,
                    color=p.color("draft_outline"),
                )
            )

    def _tighten_last_paragraph(self, flow: Flow, signature_lines: int) -> bool:
        """§7.3.5.5 first remedy: set the last paragraph tighter (character spacing in
        0.05 pt steps, down to the profile's limit) until the signature fits under it.

        The paragraph may have begun on an earlier page: it is set again from its first
        line. The tracking used is recorded so the DOCX renderer sets it alike.
        """
        record = self._last_paragraph
        p = self.profile
        if record is None or record.block is None or not self._ends_flow(record, flow):
            return False
        step, limit = 0.05, p.signature.squeeze_min_tracking_pt
        fit = p.fit_tracking_pt(record.style)
        tracking = fit - step
        while tracking >= limit - 1e-9:
            lines = self.paragraph_lines(
                record.glyphs, record.indent, record.element, record.style, fit_tracking=tracking
            )
            if self._end_slot(record.slot, len(lines)) + signature_lines <= p.grid.lines:
                del flow.pages[record.page :]
                page = flow.pages[-1]
                page.lines = [line for line in page.lines if line.slot < record.slot]
                flow.slot = record.slot
                for line in lines:
                    flow.place(line)
                self.adjustments[record.block] = round(tracking, 2)
                self._last_paragraph = replace(record, lines=len(lines))
                return True
            tracking -= step
        return False

    def _end_slot(self, first_slot: int, lines: int) -> int:
        """The flow's slot after ``lines`` consecutive lines from ``first_slot`` (1 … lines
        per page: the last line's page never starts empty)."""
        total, per_page = first_slot + lines, self.profile.grid.lines
        return total - per_page * ((total - 1) // per_page)

    def _ends_flow(self, record: _PlacedParagraph, flow: Flow) -> bool:
        """Whether the paragraph's last line is the last line placed so far."""
        pages = (record.slot + record.lines - 1) // self.profile.grid.lines
        end = (record.page + pages, self._end_slot(record.slot, record.lines))
        return end == (len(flow.pages), flow.slot)

    def _carry_over(self, flow: Flow, signature_lines: int) -> None:
        """§7.3.5.5 last remedy: text goes over with the signature so its page holds text.

        The last paragraph starts a new page, as Word and LibreOffice set the DOCX, where it
        keeps with the signature (keep with next) and its lines together: all of it goes
        over, also its lines on the page before when it began there. Only its last line
        goes over when it already starts a page, or when, longer than a page can hold with
        the signature, it still leaves the signature no room.
        """
        page = flow.pages[-1]
        if page.lines[-1].element in TABLE_TEXT:  # a table ends the text: its last row goes over
            carry_last_row(self, flow)
            return
        record = self._last_paragraph
        if record is not None and record.lines > 1 and record.slot > 0 and self._ends_flow(record, flow):
            moved = [line for p in flow.pages[record.page - 1 :] for line in p.lines if line.slot >= 0]
            moved = moved[len(moved) - record.lines :]
            del flow.pages[record.page :]
            flow.pages[-1].lines = [line for line in flow.pages[-1].lines if line.slot < record.slot]
            flow.new_page()
            self._move(flow, moved)
            self.carried_paragraph = True
            if flow.slot + signature_lines <= self.profile.grid.lines:
                return
        last = flow.pages[-1].lines.pop()
        flow.new_page()
        self._move(flow, [last])

    @staticmethod
    def _move(flow: Flow, lines: list[Line]) -> None:
        """Place lines already laid out on the flow's next grid lines."""
        for line in lines:
            flow.ensure_room()
            runs = tuple(replace(run, baseline=flow.baseline(flow.slot)) for run in line.runs)
            flow.pages[-1].lines.append(replace(line, runs=runs, slot=flow.slot))
            flow.slot += 1

    def _page_numbers(self, pages: list[Page]) -> None:
        """§7.5: "— n —" under the block, odd pages right, even pages left, one character in;
        none on pages whose number is None (a blank page before the 版记 page, and that page)."""
        p = self.profile
        spec = p.page_number
        style = p.style(spec.style)
        dash_face = self.fonts.face_for(style.font, "—")
        _, dash_top_em = self.fonts.ink_extent_em(dash_face.key, "—")
        baseline = p.page.block_bottom + spec.dash_top_below_block_mm + dash_top_em * pt_to_mm(style.size_pt)
        indent = pt_to_mm(spec.side_indent_chars * spec.side_indent_char_pt)
        for blank, following in itertools.pairwise(pages):
            # §7.5: a blank page before the 版记 page: neither of them is numbered
            if not (blank.lines or blank.rules or blank.seals) and is_record_page(following):
                blank.number = following.number = None
        for page in pages:
            if page.number is None:
                continue
            glyphs = self.shaped(spec.format.format(n=page.number), spec.style, "page_number")
            width = pt_to_mm(span_pt(glyphs, 0.0))
            odd = page.number % 2 == 1
            x = p.page.block_right - indent - width if odd else p.page.block_left + indent
            runs = tuple(
                replace(run, baseline=baseline) for run in make_runs(tuple(glyphs), x, 0.0, p.color(style.color))
            )
            page.lines.append(Line(runs, -1, "page_number", False))


_RECENT: dict[tuple[str, str, FontSet, LayoutOptions], LaidOutDocument] = {}
_RECENT_SIZE = 4


def layout_document(
    doc: Document, profile: Profile, fonts: FontSet, options: LayoutOptions | None = None
) -> LaidOutDocument:
    """Lay a document out; the text check and each renderer of one render share the result.

    The few most recent layouts are kept, keyed by the full contents of the document and
    the profile (their dataclass reprs) and the font set, so a change means a new layout.
    Callers treat the result as read-only.
    """
    options = options or LayoutOptions()
    key = (repr(doc), repr(profile), fonts, options)
    if key not in _RECENT:
        if len(_RECENT) >= _RECENT_SIZE:
            del _RECENT[next(iter(_RECENT))]
        _RECENT[key] = LayoutEngine(profile, fonts, options).layout(doc)
    return _RECENT[key]
