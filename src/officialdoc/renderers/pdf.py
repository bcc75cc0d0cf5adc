"""PDF renderer (reportlab): draws the layout engine's pages; it decides nothing itself.

Fonts are embedded as TrueType subsets with ToUnicode maps, so copying text from the PDF
gives the original characters; every glyph is placed by the layout (PDF ``Tc`` carries
the grid's character spacing).
"""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path

from reportlab.lib.colors import HexColor
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from ..fonts import FontSet
from ..layout.page import Page, Segment, TextRun
from ..layout.result import LaidOutDocument
from ..profile import mm_to_pt, profile_keywords
from .seal_image import seal_png


class PdfRenderer:
    name = "pdf"
    suffix = ".pdf"

    def render(self, laid_out: LaidOutDocument, path: Path, *, draft: bool = False) -> list[str]:
        """Draw the pages; ``draft`` outlines the seal areas reserved for a seal to come."""
        doc, profile, fonts = laid_out.document, laid_out.profile, laid_out.fonts
        width, height = mm_to_pt(profile.page.width_mm), mm_to_pt(profile.page.height_mm)
        # every page starts in the body font, not reportlab's Helvetica (never embedded: PDF/A refuses it)
        initial = fonts.reportlab_font(fonts.resolve(profile.styles["body"].font).face.key)
        canvas = Canvas(str(path), pagesize=(width, height), pageCompression=1, initialFontName=initial)
        canvas.setTitle(doc.title.replace("\n", ""))
        canvas.setAuthor(doc.author)
        canvas.setSubject(profile.description)
        canvas.setKeywords(profile_keywords(profile))  # read by officialdoc check
        canvas.setCreator("officialdoc")
        for page in laid_out.pages:
            _draw_page(canvas, page, fonts, height, draft=draft)
            canvas.showPage()
        canvas.save()
        return []


def _draw_page(canvas: Canvas, page: Page, fonts: FontSet, page_height: float, *, draft: bool) -> None:
    def y(mm: float) -> float:
        return page_height - mm_to_pt(mm)

    for seal in page.seals:
        if draft and seal.image is None:
            canvas.saveState()
            canvas.setStrokeColor(HexColor(seal.color))
            canvas.setDash(3, 3)
            canvas.setLineWidth(0.5)
            x0, y0 = mm_to_pt(seal.cx - seal.width / 2), y(seal.cy + seal.height / 2)
            if seal.round:
                canvas.ellipse(x0, y0, x0 + mm_to_pt(seal.width), y0 + mm_to_pt(seal.height))
            else:
                canvas.rect(x0, y0, mm_to_pt(seal.width), mm_to_pt(seal.height))
            canvas.restoreState()

    for rule in page.rules:
        canvas.saveState()
        canvas.setStrokeColor(HexColor(rule.color))
        canvas.setLineWidth(mm_to_pt(rule.thickness))
        canvas.line(mm_to_pt(rule.x0), y(rule.y), mm_to_pt(rule.x1), y(rule.y))
        canvas.restoreState()

    for segment in page.segments:
        _draw_segment(canvas, segment, page_height)

    for line in page.lines:
        for run in line.runs:
            (_draw_turned_run if run.angle else _draw_run)(canvas, run, fonts, y(run.baseline))

    for seal in page.seals:  # stamped on top of the text as red ink: multiplied, so black text shows through
        if seal.image is not None:
            canvas.saveState()
            canvas.setBlendMode("Multiply")
            canvas.drawImage(
                ImageReader(io.BytesIO(seal_png(seal.image))), mm_to_pt(seal.cx - seal.width / 2),
                y(seal.cy + seal.height / 2), width=mm_to_pt(seal.width), height=mm_to_pt(seal.height), mask="auto",
                preserveAspectRatio=True, anchor="c",
            )  # fmt: skip
            canvas.restoreState()


def _draw_run(canvas: Canvas, run: TextRun, fonts: FontSet, baseline_pt: float) -> None:
    """Draw a run, positioning each font subset's piece absolutely.

    reportlab splits a run into several ``Tj`` strings when its glyphs fall into different
    256-glyph subsets; some PDF readers (pdfminer, hence pdfplumber) drop the character
    spacing after the last glyph of each ``Tj``. Placing every piece with its own text
    matrix makes the positions exact for every reader.
    """
    name = fonts.reportlab_font(run.face)
    font = pdfmetrics.getFont(name)
    text = canvas.beginText()
    text.setFont(name, run.size_pt)
    text.setHorizScale(run.h_scale * 100)
    text.setCharSpace(run.char_space_pt / run.h_scale)  # PDF scales Tc with Tz
    text.setFillColor(HexColor(run.color))
    x = mm_to_pt(run.x)
    start = 0
    for _, data in font.splitString(run.text, canvas._doc):
        piece = run.text[start : start + len(data)]
        text.setTextOrigin(x, baseline_pt)
        text.textOut(piece)
        x += sum(pdfmetrics.stringWidth(ch, name, run.size_pt) * run.h_scale + run.char_space_pt for ch in piece)
        start += len(data)
    canvas.drawText(text)


def _draw_turned_run(canvas: Canvas, run: TextRun, fonts: FontSet, baseline_pt: float) -> None:
    """A run turned by ``run.angle`` degrees about its origin (landscape tables, §8)."""
    canvas.saveState()
    canvas.translate(mm_to_pt(run.x), baseline_pt)
    canvas.rotate(run.angle)
    _draw_run(canvas, replace(run, x=0.0), fonts, 0.0)
    canvas.restoreState()


def _draw_segment(canvas: Canvas, segment: Segment, page_height: float) -> None:
    """A straight line with square caps, so borders meeting at a corner close it."""
    canvas.saveState()
    canvas.setStrokeColor(HexColor(segment.color))
    canvas.setLineWidth(mm_to_pt(segment.thickness))
    canvas.setLineCap(2)
    canvas.line(
        mm_to_pt(segment.x0),
        page_height - mm_to_pt(segment.y0),
        mm_to_pt(segment.x1),
        page_height - mm_to_pt(segment.y1),
    )
    canvas.restoreState()
