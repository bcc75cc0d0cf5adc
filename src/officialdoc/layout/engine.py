"""The layout engine: a Document on the 22 × 28 grid of a profile → pages.

Text flows line by line through the grid slots of the text block (版心); every line of
an on-grid style is justified to the full block width except a paragraph's last line.
Title lines take one slot each. The signature block stays on the page of the last body
line (§7.3.5.5: never alone on a page). Page numbers follow §7.5.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..fonts import FontSet
from ..model import Document, Heading
from ..profile import Profile, TextStyle, mm_to_pt, pt_to_mm
from .linebreak import BrokenLine, break_lines
from .measure import Glyph, clusters, shape, span_pt
from .page import LaidOutDocument, Line, Page, SealArea, TextRun
from .signature import plan_signature
from .title import break_title


@dataclass(frozen=True)
class LayoutOptions:
    draft: bool = False  # outline reserved seal areas


@dataclass
class _Slot:
    """A line waiting for its page: positioned horizontally, placed vertically later."""

    runs: list[TextRun]  # baselines are set when the line gets its slot
    element: str
    justified: bool
    hanging: bool
    style: TextStyle


class _Flow:
    """Places lines into grid slots, page by page."""

    def __init__(self, profile: Profile):
        self.profile = profile
        self.pages: list[Page] = [Page(index=1, number=1)]
        self.slot = 0

    def baseline(self, slot: int, size_pt: float) -> float:
        p = self.profile
        em = pt_to_mm(size_pt)
        top = p.page.block_top + slot * p.line_pitch_mm + (p.line_pitch_mm - em) / 2
        return top + p.grid.baseline_in_em * em

    def ensure_room(self, lines: int = 1) -> None:
        if self.slot + lines > self.profile.grid.lines:
            self.new_page()

    def new_page(self) -> None:
        index = len(self.pages) + 1
        self.pages.append(Page(index=index, number=index))
        self.slot = 0

    def place(self, slot_line: _Slot) -> None:
        self.ensure_room()
        y = self.baseline(self.slot, slot_line.style.size_pt)
        runs = tuple(replace(run, baseline=y) for run in slot_line.runs)
        page = self.pages[-1]
        page.lines.append(Line(runs, self.slot, slot_line.element, slot_line.justified, slot_line.hanging))
        self.slot += 1

    def skip(self, lines: int) -> None:
        """Blank grid lines (never carried over to the top of a new page)."""
        self.slot = min(self.slot + lines, self.profile.grid.lines)


def _runs(glyphs: tuple[Glyph, ...], x: float, char_space_pt: float, color: str) -> list[TextRun]:
    """Split a glyph sequence starting at ``x`` into runs of one face, element and size."""
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
        if current and (glyph.face, glyph.element, glyph.style.size_pt) != (
            current[0].face,
            current[0].element,
            current[0].style.size_pt,
        ):
            flush()
        current.append(glyph)
    flush()
    return runs


class LayoutEngine:
    def __init__(self, profile: Profile, fonts: FontSet, options: LayoutOptions | None = None):
        self.profile = profile
        self.fonts = fonts
        self.options = options or LayoutOptions()

    # -- paragraphs -------------------------------------------------------------------
    def paragraph_lines(self, glyphs: list[Glyph], indent_chars: float, element: str, style: TextStyle) -> list[_Slot]:
        """Break and justify one paragraph (glyphs may mix styles, e.g. run-in headings)."""
        p = self.profile
        tracking = p.tracking_pt(style)
        width = mm_to_pt(p.page.block_width_mm)
        indent_pt = indent_chars * p.char_pitch_pt
        broken = break_lines(
            clusters(glyphs, p.punctuation.inseparable), width - indent_pt, width, p.fit_tracking_pt(style),
            p.punctuation,
        )
        color = p.color(style.color)
        result = []
        for i, line in enumerate(broken):
            x = p.page.block_left + (pt_to_mm(indent_pt) if i == 0 else 0.0)
            char_space = self._justify(line, tracking)
            runs = _runs(line.glyphs, x, char_space, color)
            if line.hanging:
                end = x + pt_to_mm(span_pt(line.glyphs, char_space) + char_space)
                runs += _runs(line.hanging, end, tracking, color)
            result.append(_Slot(runs, element, not line.last, bool(line.hanging), style))
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
        p = self.profile
        flow = _Flow(p)
        title_style = p.style("title")
        for text in break_title(doc.title, title_style, p, self.fonts):
            glyphs = self.shaped(text, "title")
            span = pt_to_mm(span_pt(glyphs, 0.0))
            x = p.page.block_left + (p.page.block_width_mm - span) / 2
            flow.place(
                _Slot(_runs(tuple(glyphs), x, 0.0, p.color(title_style.color)), "title", False, False, title_style)
            )
        flow.skip(p.title.blank_lines_after)

        if doc.addressees:
            style = p.style("addressee")
            text = "、".join(doc.addressees) + "："
            for line in self.paragraph_lines(self.shaped(text, "addressee"), 0, "addressee", style):
                flow.place(line)

        body_style = p.style("body")
        indent = p.paragraph.first_line_indent_chars
        for block in doc.body:
            if isinstance(block, Heading):
                style_name = p.headings.styles[block.level - 1]
                glyphs = self.shaped(block.label(p.headings.labels) + block.text, style_name)
                if block.run_in:
                    glyphs += self.shaped(block.run_in, "body")
                lines = self.paragraph_lines(glyphs, indent, style_name, p.style(style_name))
            else:
                lines = self.paragraph_lines(self.shaped(block.text, "body"), indent, "body", body_style)
            for line in lines:
                flow.place(line)

        if doc.signature:
            self._signature(doc, flow)
        self._page_numbers(flow.pages)
        return LaidOutDocument(flow.pages, list(self.fonts.warnings))

    def _signature(self, doc: Document, flow: _Flow) -> None:
        p = self.profile
        assert doc.signature is not None
        plan = plan_signature(doc.signature, p, self.fonts)
        style = p.style("signature")
        needed = plan.blank_lines_before + len(plan.lines)
        if flow.slot + needed > p.grid.lines:
            self._carry_over(flow)
        flow.skip(plan.blank_lines_before)
        first_slot = flow.slot
        for line in plan.lines:
            glyphs = self.shaped(line.text, "signature", line.element)
            flow.place(
                _Slot(
                    _runs(tuple(glyphs), line.x0, p.tracking_pt(style), p.color(style.color)),
                    line.element,
                    False,
                    False,
                    style,
                )
            )
        if plan.seal_cx is not None and plan.seal_top_offset is not None:
            slot_top = p.page.block_top + first_slot * p.line_pitch_mm
            seal = doc.signature.seal
            flow.pages[-1].seals.append(
                SealArea(
                    cx=plan.seal_cx,
                    cy=slot_top + plan.seal_top_offset + plan.seal_diameter / 2,
                    diameter=plan.seal_diameter,
                    image=seal.image,
                    outline=self.options.draft and seal.image is None,
                    color=p.color("draft_outline"),
                )
            )

    def _carry_over(self, flow: _Flow) -> None:
        """§7.3.5.5: carry the last body line over so the signature page holds text."""
        page = flow.pages[-1]
        moved = page.lines.pop()
        flow.new_page()
        y = flow.baseline(flow.slot, moved.runs[0].size_pt)
        runs = tuple(replace(run, baseline=y) for run in moved.runs)
        flow.pages[-1].lines.append(replace(moved, runs=runs, slot=flow.slot))
        flow.slot += 1

    def _page_numbers(self, pages: list[Page]) -> None:
        p = self.profile
        spec = p.page_number
        style = p.style(spec.style)
        dash_face = self.fonts.face_for(style.font, "—")
        _, dash_top_em = self.fonts.ink_extent_em(dash_face.key, "—")
        baseline = p.page.block_bottom + spec.dash_top_below_block_mm + dash_top_em * pt_to_mm(style.size_pt)
        indent = pt_to_mm(spec.side_indent_chars * spec.side_indent_char_pt)
        for page in pages:
            if page.number is None:
                continue
            glyphs = self.shaped(spec.format.format(n=page.number), spec.style, "page_number")
            width = pt_to_mm(span_pt(glyphs, 0.0))
            odd = page.number % 2 == 1
            x = p.page.block_right - indent - width if odd else p.page.block_left + indent
            runs = tuple(replace(run, baseline=baseline) for run in _runs(tuple(glyphs), x, 0.0, p.color(style.color)))
            page.lines.append(Line(runs, -1, "page_number", False))


def layout_document(
    doc: Document, profile: Profile, fonts: FontSet, options: LayoutOptions | None = None
) -> LaidOutDocument:
    return LayoutEngine(profile, fonts, options).layout(doc)
