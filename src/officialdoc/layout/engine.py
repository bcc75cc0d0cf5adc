"""The layout engine: a Document on the 22 × 28 grid of a profile → the layout result
(pages, and the placed elements with their plans, ``result.py``).

Text flows line by line through the grid slots of the text block (版心); every line of
an on-grid style is justified to the full block width except a paragraph's last line.
Title lines take one slot each. The signature block stays on the page of the last body
line (§7.3.5.5: never alone on a page). Page numbers follow §7.5.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, replace

from ..fonts import FontSet
from ..model import (
    Article,
    Block,
    Chapter,
    Document,
    DocumentPart,
    Heading,
    NumberedParagraph,
    Signature,
    Table,
    contents_headings,
    contents_lists,
    label_formats,
)
from ..profile import Profile, TextStyle, mm_to_pt, pt_to_mm
from .attachments import place_attachment_note, place_attachment_pages
from .attendance import place_attendance
from .contents import close_contents, place_contents
from .flow import Flow
from .forms import paragraph_form, place_chapter
from .header import place_header
from .linebreak import break_lines
from .lines import PendingLine, centred_line, make_runs, set_lines
from .measure import Glyph, clusters, shape, span_pt
from .page import Line, Page, SealArea, TextRun
from .parts import place_doc_number, place_embedded, place_part, place_under_title
from .record import is_record_page, place_record
from .result import BlockPlan, Kind, LaidOutDocument, NotePlan, Placed, Source, TextPlan, UnderTitle
from .signature import SignaturePlan, plan_signature
from .table import TABLE_TEXT, TablePlacement, carry_last_row, kept_head_lines, place_table
from .title import break_title

KEPT_WITH_SIGNATURE = (Kind.PARAGRAPH, Kind.HEADING, Kind.TABLE, Kind.ATTACHMENT_NOTE, Kind.ARTICLE)


@dataclass(frozen=True)
class _PlacedParagraph:
    """Where the last paragraph before the signature went, for §7.3.5.5: a body paragraph
    can be set again tighter; any paragraph can go over to the next page whole."""

    placed: Placed | None   # its element; None: not re-set (an item of 附件说明)
    glyphs: list[Glyph]
    indent: float
    element: str
    style: TextStyle
    page: int               # 1-based page of its first line
    slot: int
    lines: int


@dataclass(frozen=True)
class _Prepared:
    """A body paragraph or heading shaped and broken, before it is placed."""

    kind: Kind
    style_name: str
    text: str  # as printed: a heading's label included
    run_in: str
    glyphs: list[Glyph]
    lines: list[PendingLine]


class LayoutEngine:
    def __init__(self, profile: Profile, fonts: FontSet):
        self.profile = profile
        self.fonts = fonts
        self.elements: list[Placed] = []
        self._last_paragraph: _PlacedParagraph | None = None
        self.contents_pages: dict[int, int] = {}  # 目录: page number by id of a heading (the layout before)

    def begin(self, flow: Flow, kind: Kind, source: Source) -> Placed:
        """A new element: the lines placed from now on are its (its plan is set by the caller)."""
        placed = Placed(kind, source, None)
        flow.owner = len(self.elements)
        self.elements.append(placed)
        return placed

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
        # a paragraph set tighter (§7.3.5.5) is tighter in its last line too, as in the DOCX,
        # where the spacing is the runs'
        last_tracking = tracking if fit_tracking is None else fit_tracking
        left = p.page.block_left
        return set_lines(
            broken, left + pt_to_mm(indent_pt), left, tracking, last_tracking, p.color(style.color), element, style
        )

    def shaped(self, text: str, style_name: str, element: str | None = None) -> list[Glyph]:
        style = self.profile.style(style_name)
        return shape(text, style, element or style_name, self.fonts, self.profile.grid.han_latin_space_em)

    # -- the document -----------------------------------------------------------------
    def layout(self, doc: Document) -> list[Page]:
        """The document's pages; its elements, in order, collect in ``self.elements``."""
        flow = Flow(self.profile)
        if doc.header:
            placed = self.begin(flow, Kind.HEADER, doc)  # begun first: the lines placed next are its own
            placed.plan = place_header(self, flow, doc)
        if doc.doc_number:  # no 版头: the 发文字号 alone above the title
            placed = self.begin(flow, Kind.DOC_NUMBER, doc.doc_number)
            placed.plan = place_doc_number(self, flow, doc.doc_number)
        if self.profile.header.print_title:  # 命令 (§10.2): the 正文 follows the 令号
            placed = self.begin(flow, Kind.TITLE, doc.title)
            placed.plan = TextPlan(self.place_title(flow, doc.title), self.profile.title.blank_lines_after)
        contents = None
        if doc.contents is not None:  # 目录 (layout/contents.py), then the 正文 on a new page
            contents = self.begin(flow, Kind.CONTENTS, doc.contents)
            contents.plan = place_contents(self, flow, doc.contents, doc.body, self.contents_pages)
        if doc.addressees:
            text = "、".join(doc.addressees) + "："
            self.begin(flow, Kind.ADDRESSEE, text).plan = TextPlan((text,))
            self.place_paragraph(flow, text, "addressee", indent_chars=0)
        self.place_blocks(flow, doc.body)
        if contents is not None:
            close_contents(contents, self.elements)
        if doc.attachments:
            placed = self.begin(flow, Kind.ATTACHMENT_NOTE, doc.attachments)
            placed.plan = NotePlan(place_attachment_note(self, flow, doc.attachments))
        if doc.signature:
            self.place_signature(flow, doc.signature, following=1 if doc.publication else 0)
        if doc.publication:  # on the line under the date, kept with the signature
            text = f"（{doc.publication}）"
            self.begin(flow, Kind.PUBLICATION, doc.publication).plan = TextPlan((text,))
            self.place_paragraph(flow, text, self.profile.paragraph.note_style, element="publication")
        if doc.note:
            text = f"（{doc.note}）"
            self.begin(flow, Kind.NOTE, doc.note).plan = TextPlan((text,))
            self.place_paragraph(flow, text, self.profile.paragraph.note_style, element="note")  # §7.3.6
        if doc.attendance:
            placed = self.begin(flow, Kind.ATTENDANCE, doc.attendance)
            placed.plan = place_attendance(self, flow, doc.attendance)
        place_embedded(self, flow, doc)
        place_attachment_pages(self, flow, doc)
        if doc.record:
            placed = self.begin(flow, Kind.RECORD, doc.record)
            placed.plan = place_record(self, flow, doc.record)
        place_attachment_pages(self, flow, doc, separate=True)
        self._page_numbers(flow.pages)
        for page in flow.pages:
            for line in page.lines:
                if line.owner >= 0 and page.index not in self.elements[line.owner].pages:
                    self.elements[line.owner].pages.append(page.index)
        return flow.pages

    def place_title(self, flow: Flow, title: str, *, blank_after: bool = True) -> tuple[str, ...]:
        """标题: centred lines of the title style, one grid line each, then a blank line."""
        p = self.profile
        style = p.style("title")
        lines = tuple(break_title(title, style, p, self.fonts))
        for text in lines:
            flow.place(centred_line(p, self.shaped(text, "title"), 0.0, "title", style))
        if blank_after:
            flow.skip(p.title.blank_lines_after)
        return lines

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
        """Body blocks: paragraphs, numbered headings (run-in text continues in body style),
        numbered paragraphs, articles (then their 款 and 项), chapters, tables.

        A heading is never the last line of a page: it starts a new page unless its first body
        lines (profile ``headings.keep_body_lines``) fit under it (see ``_heading_keep``). A
        chapter keeps its own lines (``forms.chapter_keep_lines``, layout/forms.py).
        """
        p = self.profile
        indent = p.paragraph.first_line_indent_chars
        self._last_paragraph = None
        prepared = [None if isinstance(block, Table | Chapter) else self._prepare(block, indent) for block in blocks]
        for index, (block, item) in enumerate(zip(blocks, prepared, strict=True)):
            if isinstance(block, Table):
                placed = self.begin(flow, Kind.TABLE, block)  # first: the table's lines are its own
                placed.plan = place_table(self, flow, block)
                self._last_paragraph = None
                continue
            if isinstance(block, Chapter):  # 第N章, a centred line with its own keep (layout/forms.py)
                placed = self.begin(flow, Kind.CHAPTER, block)
                placed.plan = place_chapter(self, flow, block)
                self._last_paragraph = None
                continue
            assert item is not None
            flow.ensure_room()
            need = self._heading_keep(blocks, prepared, index)
            moved = flow.slot > 0 and flow.slot + need > p.grid.lines >= need
            if moved:
                flow.new_page()
            placed = self.begin(flow, item.kind, block)
            placed.plan = BlockPlan(item.style_name, item.text, item.run_in)
            placed.plan.keep.new_page = moved
            style = p.style(item.style_name)
            record = _PlacedParagraph(
                placed, item.glyphs, indent, item.style_name, style, len(flow.pages), flow.slot, len(item.lines)
            )
            for line in item.lines:
                flow.place(line)
            self._last_paragraph = record
            if isinstance(block, Article) and block.body:  # its further 款 and 项
                self.place_blocks(flow, list(block.body))

    def _prepare(self, block: Block, indent: float) -> _Prepared:
        """A paragraph or heading shaped and broken into lines, before it is placed."""
        p = self.profile
        run_in = ""
        if isinstance(block, Heading):
            kind, style_name = Kind.HEADING, p.headings.styles[block.level - 1]
            formats = label_formats(p.headings.labels, p.headings.decimal_label)
            text, run_in = block.label(formats) + block.text, block.run_in or ""
            glyphs = self.shaped(text, style_name)
            if run_in:
                glyphs += self.shaped(run_in, "body")
        elif isinstance(block, Article | NumberedParagraph):  # 第N条 …, 一是… (layout/forms.py)
            kind = Kind.ARTICLE if isinstance(block, Article) else Kind.PARAGRAPH
            style_name, text, run_in = paragraph_form(block, p)
            glyphs = self.shaped(text, style_name) + (self.shaped(run_in, "body") if run_in else [])
        else:
            kind, style_name, text = Kind.PARAGRAPH, "body", block.text
            glyphs = self.shaped(text, style_name)
        lines = self.paragraph_lines(glyphs, indent, style_name, p.style(style_name))
        return _Prepared(kind, style_name, text, run_in, glyphs, lines)

    def _heading_keep(self, blocks: list[Block], prepared: list[_Prepared | None], index: int) -> int:
        """Grid lines block ``index`` needs on its page: for a heading (not run in), its lines,
        the headings right under it and the first body lines it keeps (``keep_body_lines`` of
        the deepest of them); a run-in heading, a numbered paragraph, an article (its first
        款) or a table (what starts it: caption, unit, header block, first rows) counts as
        body; a chapter after it ends the count. 1 for other blocks."""
        block, item = blocks[index], prepared[index]
        if not isinstance(block, Heading) or item is None or item.run_in:
            return 1
        keep_lines = self.profile.headings.keep_body_lines
        need, want, body = len(item.lines), keep_lines[block.level - 1], 0
        for following, ahead in zip(blocks[index + 1 :], prepared[index + 1 :], strict=True):
            if ahead is None:  # a table, or a chapter (which keeps its own lines)
                need += kept_head_lines(self, following) if isinstance(following, Table) else 0
                break
            if isinstance(following, Heading) and not ahead.run_in:
                need += len(ahead.lines)
                want = max(want, keep_lines[following.level - 1])
                continue
            taken = min(want - body, len(ahead.lines))
            need, body = need + taken, body + taken
            if body >= want:
                break
        return need

    def last_lines_form_paragraph(self, flow: Flow, count: int, element: str, style: TextStyle) -> None:
        """The ``count`` lines just placed are one paragraph that is never re-set (an item
        of 附件说明): §7.3.5.5 may carry it over whole (see _carry_over)."""
        page, slot = len(flow.pages), flow.slot - count
        if slot < 0:  # it began on the page before
            page, slot = page - 1, slot + self.profile.grid.lines
        self._last_paragraph = _PlacedParagraph(None, [], 0.0, element, style, page, slot, count)

    def place_signature(self, flow: Flow, signature: Signature, *, following: int = 0) -> None:
        """The signature element; ``following``: lines under it that stay on its page."""
        kept = next((e for e in reversed(self.elements) if e.kind in KEPT_WITH_SIGNATURE), None)
        placed = self.begin(flow, Kind.SIGNATURE, signature)  # begun first: the lines placed next are its own
        placed.plan = self._signature(signature, flow, kept, following)

    def place_under_title(self, flow: Flow, part: DocumentPart | None) -> tuple[UnderTitle, ...]:
        return place_under_title(self, flow, part)

    def place_part(self, flow: Flow, body: list[Block], part: DocumentPart | None) -> None:
        place_part(self, flow, body, part)

    def _signature(self, signature: Signature, flow: Flow, kept: Placed | None, following: int) -> SignaturePlan:
        """署名, 成文日期 and seals per the plan; §7.3.5.5 keeps them (and ``following``
        lines) with ``kept``, the last text before them, whose plan records how."""
        p = self.profile
        plan = plan_signature(signature, p, self.fonts)
        height = plan.height_lines + following
        deficit = flow.slot + height - p.grid.lines
        carried = deficit > 0 and not self._tighten_last_paragraph(flow, height)
        if carried:
            self._carry_over(flow, kept)
        # The DOCX keeps the last text with the signature, except a paragraph that runs over
        # a page break with the signature fitting under it: LibreOffice moves a kept
        # paragraph that it has split to the next page whole.
        record = self._last_paragraph
        split = record is not None and self._ends_flow(record, flow) and record.page != len(flow.pages)
        if kept is not None:
            kept.plan.keep.with_signature = carried or not split
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
                    color=p.color("draft_outline"),
                )
            )
        return plan

    def _tighten_last_paragraph(self, flow: Flow, signature_lines: int) -> bool:
        """§7.3.5.5 first remedy: set the last paragraph tighter (character spacing in
        0.05 pt steps, down to the profile's limit) until the signature fits under it.

        The paragraph may have begun on an earlier page: it is set again from its first
        line. The tracking used is recorded so the DOCX renderer sets it alike.
        """
        record = self._last_paragraph
        p = self.profile
        if record is None or record.placed is None or not self._ends_flow(record, flow):
            return False
        step, limit = p.signature.squeeze_step_pt, p.signature.squeeze_min_tracking_pt
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
                owner, flow.owner = flow.owner, next(i for i, e in enumerate(self.elements) if e is record.placed)
                for line in lines:
                    flow.place(line)
                flow.owner = owner
                record.placed.plan.keep.tracking_pt = round(tracking, 2)
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

    def _carry_over(self, flow: Flow, kept: Placed | None) -> None:
        """§7.3.5.5 last remedy: the fewest lines go over with the signature so that its page
        holds text and the page they leave still holds body text.

        The last paragraph's last ``signature.carry_lines`` lines go over (all of it when it
        is that short), one line fewer when the page they leave would hold nothing but the
        版头, title and 主送 (or nothing). ``kept``'s plan records it: went over whole (kept
        together) or from a character on (the DOCX starts a paragraph there: a paragraph kept
        with the next one is moved whole by LibreOffice and only its last line by Word). A
        table's last row goes over under its repeated header; an item of 附件说明 goes over
        whole unless it starts its page (then its last line). A chapter line right above the
        paragraph is kept like a heading (``forms.chapter_keep_lines``).
        """
        page = flow.pages[-1]
        if page.lines[-1].element in TABLE_TEXT:  # a table ends the text: its last row goes over
            placement = self.elements[page.lines[-1].owner].plan
            assert isinstance(placement, TablePlacement)
            carry_last_row(self, flow, placement)
            return
        record = self._last_paragraph
        if record is None or not self._ends_flow(record, flow):
            self._carry_lines(flow, 1)
            return
        first_slot = record.slot if record.page == len(flow.pages) else 0
        on_page = flow.slot - first_slot
        if record.placed is None:  # an item of 附件说明, never re-set: whole, or its last line
            carry = record.lines if 1 < record.lines <= on_page and record.slot > 0 else 1
        else:
            carry = self._carry_count(page, record, first_slot, on_page, flow.slot)
        moved = self._carry_lines(flow, carry)
        if kept is None or not isinstance(kept.plan, (BlockPlan, NotePlan)):
            return
        if carry >= record.lines:
            kept.plan.keep.together = True
        elif isinstance(kept.plan, BlockPlan):
            text = kept.plan.text + (kept.plan.run_in or "")
            kept.plan.keep.carry_from = _offset_of_tail(text, "".join(line.text for line in moved))

    def _carry_count(self, page: Page, record: _PlacedParagraph, first_slot: int, on_page: int, end: int) -> int:
        """How many of the page's last lines go over with the signature: ``carry_lines`` or
        fewer, the most that leaves the page sound (the headings right above the paragraph
        keep their body lines; the page keeps body text); when none does, the headings go over
        with the whole paragraph."""
        chain = self._headings_above(page, record) if first_slot == record.slot else None
        for carry in range(min(self.profile.signature.carry_lines, record.lines), 0, -1):
            left = on_page - carry
            if chain is not None and left < max(1, min(chain[1], record.lines)):
                continue
            if left <= 0 and not self._body_above(page, first_slot):
                continue
            return carry
        return end - chain[0] if chain is not None else max(1, on_page - 1)

    def _headings_above(self, page: Page, record: _PlacedParagraph) -> tuple[int, int] | None:
        """The headings (not run in) and the chapter right above the paragraph on ``page``:
        their first grid line and the body lines the deepest-keeping of them keeps (a
        chapter: ``forms.chapter_keep_lines``); None when there are none."""
        at = next(i for i, e in enumerate(self.elements) if e is record.placed)
        keep = self.profile.headings.keep_body_lines
        chain: tuple[int, int] | None = None
        for index in range(at - 1, -1, -1):
            placed = self.elements[index]
            if isinstance(placed.source, Chapter):
                want = self.profile.forms.chapter_keep_lines
            elif isinstance(placed.source, Heading) and isinstance(placed.plan, BlockPlan) and not placed.plan.run_in:
                want = keep[placed.source.level - 1]
            else:
                break
            slots = [line.slot for line in page.lines if line.owner == index]
            if not slots:
                break
            chain = (min(slots), max(want, chain[1] if chain else 0))
            if isinstance(placed.source, Chapter):
                break  # nothing above a chapter keeps with it
        return chain

    def _body_above(self, page: Page, slot: int) -> bool:
        """Whether ``page`` holds text above grid line ``slot`` other than 版头 (or a lone
        发文字号), title (an embedded document's too) and 主送."""
        heads = (Kind.HEADER, Kind.DOC_NUMBER, Kind.TITLE, Kind.EMBEDDED, Kind.ADDRESSEE, Kind.ATTACHMENT_SHEET)
        return any(0 <= line.slot < slot and self.elements[line.owner].kind not in heads for line in page.lines)

    @staticmethod
    def _carry_lines(flow: Flow, count: int) -> list[Line]:
        """Move the last ``count`` grid lines of the flow's page to the top of a new page."""
        cut = flow.slot - count
        page = flow.pages[-1]
        moved = [line for line in page.lines if line.slot >= cut]
        page.lines = [line for line in page.lines if line.slot < cut]
        flow.new_page()
        for line in moved:
            slot = line.slot - cut
            runs = tuple(replace(run, baseline=flow.baseline(slot)) for run in line.runs)
            flow.pages[-1].lines.append(replace(line, runs=runs, slot=slot))
        flow.slot = count
        return moved

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


def _offset_of_tail(text: str, tail: str) -> int:
    """Where ``tail`` (line texts, maybe without the spaces a line break dropped) starts in ``text``."""
    at, rest = len(text), tail
    while rest:
        at -= 1
        if text[at] == rest[-1]:
            rest = rest[:-1]
        elif not text[at].isspace():
            raise ValueError(f"{tail!r} does not end {text!r}")
    return at


CONTENTS_PASSES = 3  # a 目录's numbers settle in one more pass, unless an entry's wrap moves a page


def heading_pages(doc: Document, elements: list[Placed], pages: list[Page]) -> dict[int, int]:
    """The printed page number of every heading a 目录 lists (the document's or a part's),
    by ``id`` of the heading."""
    listed = {id(h) for contents, body in contents_lists(doc) for h in contents_headings(contents, body)}
    return {
        id(e.source): pages[e.pages[0] - 1].number or 0 for e in elements if id(e.source) in listed and e.pages
    }


def layout_document(doc: Document, profile: Profile, fonts: FontSet) -> LaidOutDocument:
    """Lay a document out: its pages and its elements with their plans."""
    engine = LayoutEngine(profile, fonts)
    pages = engine.layout(doc)
    for _ in range(CONTENTS_PASSES):  # a 目录 prints the pages of the layout before
        numbers = heading_pages(doc, engine.elements, pages)
        if not numbers or numbers == engine.contents_pages:
            break
        engine = LayoutEngine(profile, fonts)
        engine.contents_pages = numbers
        pages = engine.layout(doc)
    return LaidOutDocument(doc, profile, fonts, pages, engine.elements, list(fonts.warnings))
