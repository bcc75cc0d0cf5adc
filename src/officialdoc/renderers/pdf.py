"""PDF renderer (reportlab): draws the layout engine's pages; it decides nothing itself.

Fonts are embedded as TrueType subsets with ToUnicode maps, so copying text from the PDF
gives the original characters; every glyph is placed by the layout (PDF ``Tc`` carries
the grid's character spacing).
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.colors import HexColor
from reportlab.pdfgen.canvas import Canvas

from ..atomic import atomic_path
from ..fonts import FontSet
from ..layout.engine import LayoutOptions, layout_document
from ..layout.page import Page
from ..model import Document
from ..profile import Profile, mm_to_pt


class PdfRenderer:
    name = "pdf"
    suffix = ".pdf"

    def render(self, doc: Document, profile: Profile, fonts: FontSet, path: Path, *, draft: bool = False) -> list[str]:
        laid_out = layout_document(doc, profile, fonts, LayoutOptions(draft=draft))
        width, height = mm_to_pt(profile.page.width_mm), mm_to_pt(profile.page.height_mm)
        with atomic_path(path) as temp:
            canvas = Canvas(str(temp), pagesize=(width, height), pageCompression=1)
            canvas.setTitle(doc.title.replace("\n", ""))
            canvas.setAuthor(doc.author)
            canvas.setSubject(profile.description)
            canvas.setCreator("officialdoc")
            for page in laid_out.pages:
                _draw_page(canvas, page, fonts, height)
                canvas.showPage()
            canvas.save()
        return laid_out.warnings


def _draw_page(canvas: Canvas, page: Page, fonts: FontSet, page_height: float) -> None:
    def y(mm: float) -> float:
        return page_height - mm_to_pt(mm)

    for seal in page.seals:
        radius = mm_to_pt(seal.diameter / 2)
        if seal.image is not None:
            side = 2 * radius
            canvas.drawImage(
                str(seal.image),
                mm_to_pt(seal.cx) - radius,
                y(seal.cy) - radius,
                width=side,
                height=side,
                mask="auto",
                preserveAspectRatio=True,
            )
        elif seal.outline:
            canvas.saveState()
            canvas.setStrokeColor(HexColor(seal.color))
            canvas.setDash(3, 3)
            canvas.setLineWidth(0.5)
            canvas.circle(mm_to_pt(seal.cx), y(seal.cy), radius)
            canvas.restoreState()

    for rule in page.rules:
        canvas.saveState()
        canvas.setStrokeColor(HexColor(rule.color))
        canvas.setLineWidth(mm_to_pt(rule.thickness))
        canvas.line(mm_to_pt(rule.x0), y(rule.y), mm_to_pt(rule.x1), y(rule.y))
        canvas.restoreState()

    for line in page.lines:
        for run in line.runs:
            text = canvas.beginText()
            text.setFont(fonts.reportlab_font(run.face), run.size_pt)
            text.setCharSpace(run.char_space_pt)
            text.setFillColor(HexColor(run.color))
            text.setTextOrigin(mm_to_pt(run.x), y(run.baseline))
            text.textOut(run.text)
            canvas.drawText(text)
