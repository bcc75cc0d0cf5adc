"""The DOCX writer: one python-docx document, its named styles, and paragraphs and runs in
them. Every docx_* module writes through this public API; raw XML is docx_xml's.
"""

from __future__ import annotations

from dataclasses import dataclass

import docx
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.section import Section
from docx.shared import Twips
from docx.text.paragraph import Paragraph as DocxParagraph
from docx.text.run import Run

from ..fonts import FontSet
from ..profile import Profile, TextStyle
from . import docx_xml as X

LANG = "en-US"
EAST_ASIA_LANG = "zh-CN"
HEADING_STYLE_NAMES = ("一级标题", "二级标题", "三级标题", "四级标题")
CHAR_STYLE_SUFFIX = "字符"  # 二级标题字符: a heading's font as a character style, for run-in headings
STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"


AMBIGUOUS_PUNCTUATION = "“”‘’—…·"


def _split_ambiguous(text: str) -> list[tuple[bool, str]]:
    """Split text into (is ambiguous punctuation, piece) runs."""
    pieces: list[tuple[bool, str]] = []
    for ch in text:
        ambiguous = ch in AMBIGUOUS_PUNCTUATION
        if pieces and pieces[-1][0] == ambiguous:
            pieces[-1] = (ambiguous, pieces[-1][1] + ch)
        else:
            pieces.append((ambiguous, ch))
    return pieces


@dataclass(frozen=True)
class ParaStyle:
    """A named paragraph style: the profile text style it sets and its paragraph layout."""

    name: str  # the style's name in the DOCX
    text_style: str  # key of profile.styles
    align: str  # w:jc value
    indent_chars: float = 0  # first-line indent in grid characters
    outline_level: int | None = None  # w:outlineLvl (0 = Word's level 1)


class DocxWriter:
    """Builds one python-docx document for a profile: page setup, styles, paragraphs, runs."""

    def __init__(self, profile: Profile, fonts: FontSet):
        self.profile = profile
        self.fonts = fonts
        self.document: DocxDocument = docx.Document()
        self.warnings: list[str] = []
        self.last_body: DocxParagraph | None = None  # the last text written, for the signature to keep with
        self.renumbered: list[Section] = []  # sections that number their pages from 1 again
        self.break_before = False  # the next paragraph starts a page (the 正文 after a 目录)
        self.bookmarks = 0  # bookmarks opened so far (their ids and names count from 1)
        self.bookmark_ends: dict[int, int] = {}  # bookmark id by the element index it closes after
        indent = profile.paragraph.first_line_indent_chars
        self.styles: dict[str, ParaStyle] = {
            "body": ParaStyle("公文正文", "body", "both", indent),
            "title": ParaStyle("公文标题", "title", "center"),
            "addressee": ParaStyle("主送", "addressee", "left"),
            "issuer": ParaStyle("署名", "signature", "right"),
            "date": ParaStyle("成文日期", "signature", "right"),
            "page_number": ParaStyle("公文页码", profile.page_number.style, "left"),
            "attachment_note": ParaStyle("附件说明", profile.attachments.note_style, "both"),
            "attachment_label": ParaStyle("附件标识", profile.attachments.label_style, "left"),
            "note": ParaStyle("附注", profile.paragraph.note_style, "both", indent),
            "record": ParaStyle("版记", profile.record.style, "both"),
        }
        for level, (name, key) in enumerate(zip(HEADING_STYLE_NAMES, profile.headings.styles, strict=False)):
            self.styles[key] = ParaStyle(name, key, "both", indent, outline_level=level)

    def drop_template_leftovers(self) -> None:
        """python-docx's template: an empty first paragraph, a thumbnail of another
        document, and a Word 2010 copy of the template's styles (with theme fonts)."""
        for paragraph in self.document.paragraphs:
            paragraph._p.getparent().remove(paragraph._p)
        package, main = self.document.part.package, self.document.part
        for rels, reltype in ((package.rels, RT.THUMBNAIL), (main.rels, STYLES_WITH_EFFECTS)):
            for rid in [rid for rid, rel in rels.items() if rel.reltype == reltype]:
                rels.pop(rid)

    def page_setup(self) -> None:
        page = self.profile.page
        section = self.document.sections[0]
        section.page_width = Twips(X.twips(page.width_mm))
        section.page_height = Twips(X.twips(page.height_mm))
        section.top_margin = Twips(X.twips(page.margin_top_mm))
        section.bottom_margin = Twips(X.twips(page.margin_bottom_mm))
        section.left_margin = Twips(X.twips(page.margin_left_mm))
        section.right_margin = Twips(X.twips(page.margin_right_mm))
        section.footer_distance = Twips(X.twips(self.profile.docx.footer_distance_mm))
        X.set_doc_grid(section._sectPr, "lines", self.profile.docx.line_pitch_twips)
        self.document.settings.odd_and_even_pages_header_footer = True
        X.set_theme_font_lang(self.document.settings.element, LANG, EAST_ASIA_LANG)

    # -- styles -------------------------------------------------------------------------
    def font_names(self, style: TextStyle) -> tuple[str, str]:
        """(Latin, East Asian) font names written into the DOCX for a text style."""
        return self.profile.fonts[style.latin].docx_name, self.profile.fonts[style.font].docx_name

    def define_styles(self) -> None:
        body = self.profile.style("body")
        latin, east_asia = self.font_names(body)
        X.strip_theme_fonts(self.document.styles.element, east_asia)  # the template's Heading 1, Title …
        X.set_doc_defaults(self.document.styles.element, latin, east_asia, body.size_pt, LANG, EAST_ASIA_LANG)
        for spec in self.styles.values():
            self.paragraph_style(spec)
        for spec in self.styles.values():
            if spec.outline_level is not None:
                style = self.document.styles.add_style(spec.name + CHAR_STYLE_SUFFIX, WD_STYLE_TYPE.CHARACTER)
                style.quick_style = True
                self.run_format(style.element, self.profile.style(spec.text_style))

    def ensure_style(self, key: str, spec: ParaStyle) -> str:
        """``key``'s paragraph style, defined as ``spec`` on first use; returns ``key``."""
        if key not in self.styles:
            self.styles[key] = spec
            self.paragraph_style(spec)
        return key

    def paragraph_style(self, spec: ParaStyle) -> None:
        profile = self.profile
        text = profile.style(spec.text_style)
        body = self.styles["body"]
        style = self.document.styles.add_style(spec.name, WD_STYLE_TYPE.PARAGRAPH)
        style.quick_style = True
        if spec is not body:
            style.base_style = self.document.styles[body.name]
        self.run_format(style.element, text)
        pf = X.ppr(style.element)
        X.set_flag(pf, "w:widowControl", False)  # the PDF engine splits paragraphs anywhere
        X.set_flag(pf, "w:kinsoku", True)
        # No w:overflowPunct: omitted, it is on (ISO/IEC 29500-1 §17.3.1.21) and Word hangs
        # punctuation past the right edge, as the PDF hangs ，。、；：？！ (punctuation.hanging).
        # LibreOffice hangs these too when it is omitted (its default); it imports the element
        # inverted, so writing it on would make LibreOffice push a character down instead.
        # Space between hanzi and Latin/digits, as the PDF sets it (grid.han_latin_space_em;
        # LibreOffice adds 0.2 em whatever these say, Word adds its own when they are on).
        X.set_flag(pf, "w:autoSpaceDE", True)
        X.set_flag(pf, "w:autoSpaceDN", True)
        # Exact line spacing places the lines at an exact pitch. Snapping to the grid would
        # make LibreOffice centre each line's font box, which moves lines with Latin digits
        # by up to 0.5 mm against pure-hanzi lines. Without it LibreOffice sets every
        # baseline where the PDF does (grid.line_ascent), 0.43 pt lower.
        X.set_flag(pf, "w:snapToGrid", False)
        if spec is self.styles["title"] or text.on_grid:  # a title line takes one grid line
            line = profile.docx.line_pitch_twips
        else:  # page numbers: a line box of exactly one em, placed alike by every application
            line = X.twips_pt(text.size_pt)
        X.set_line_spacing(pf, line)
        X.set_indent(
            pf,
            first_line=X.twips_pt(spec.indent_chars * profile.char_pitch_pt),
            first_line_chars=round(spec.indent_chars * 100),
        )
        X.set_jc(pf, spec.align)
        if spec.outline_level is not None:
            X.set_outline_level(pf, spec.outline_level)
            # a heading is never the last line of a page (keep with the next paragraph's first
            # line; the layout's page break before a heading covers a second body line)
            X.set_flag(pf, "w:keepNext", True)
            X.set_flag(pf, "w:keepLines", True)
        style.next_paragraph_style = self.document.styles[body.name]

    def run_format(self, style_element: BaseOxmlElement, text: TextStyle) -> None:
        """Fonts, colour, grid character spacing and size of a text style."""
        rpr = X.rpr(style_element)
        X.set_fonts(rpr, *self.font_names(text))
        X.set_color(rpr, self.profile.color(text.color))
        # on-grid text is filled at the fit tracking; others (title, page numbers) at none,
        # also when based on 公文正文
        X.set_char_spacing(rpr, X.twips_pt(self.profile.fit_tracking_pt(text)))
        X.set_size(rpr, text.size_pt)
        X.set_lang(rpr, LANG, EAST_ASIA_LANG)

    # -- paragraphs ---------------------------------------------------------------------
    def paragraph(self, key: str, text: str = "") -> DocxParagraph:
        spec = self.styles[key]
        paragraph = self.document.add_paragraph(style=spec.name)
        if self.break_before:
            paragraph.paragraph_format.page_break_before = True
            self.break_before = False
        if text:
            self.text(paragraph, text, spec.text_style)
        return paragraph

    def run(
        self,
        paragraph: DocxParagraph,
        text: str,
        text_style: str,
        char_style: str | None = None,
        *,
        east_asian_only: bool = False,
    ) -> Run:
        """A run naming its fonts itself (Word otherwise falls back to theme fonts for hanzi)."""
        run = paragraph.add_run(text, style=char_style)
        latin, east_asia = self.font_names(self.profile.style(text_style))
        X.set_fonts(X.rpr(run._r), east_asia if east_asian_only else latin, east_asia)
        return run

    def text(self, paragraph: DocxParagraph, text: str, text_style: str, char_style: str | None = None) -> None:
        """Runs for a text; Chinese quotes, dashes, ellipses and 间隔号 get the Chinese font in
        every font slot: LibreOffice gives these ambiguous characters the script of their
        neighbour, so after digits a ” would otherwise come out half-width in Times New Roman."""
        for ambiguous, piece in _split_ambiguous(text):
            self.run(paragraph, piece, text_style, char_style, east_asian_only=ambiguous)

    def new_bookmark(self, prefix: str, last_element: int) -> tuple[int, str]:
        """The id and name (unique in the document) of a bookmark that ends with the layout
        element ``last_element`` (:meth:`close_bookmarks`); the caller places its start."""
        self.bookmarks += 1
        self.bookmark_ends[last_element] = self.bookmarks
        return self.bookmarks, f"{prefix}{self.bookmarks}"

    def close_bookmarks(self, element: int) -> None:
        """After layout element ``element`` is written: close the bookmark that ends with it."""
        if element in self.bookmark_ends:
            X.bookmark_end(X.last_paragraph(self.document.element.body), self.bookmark_ends.pop(element))

    def blank_lines(self, count: int) -> list[DocxParagraph]:
        return [self.paragraph("body") for _ in range(count)]
