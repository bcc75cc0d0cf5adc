"""DOCX renderer (python-docx): named styles on a 22-line grid; Word or LibreOffice lays it out.

The DOCX is for people who edit it, so it carries structure rather than positions: named
paragraph styles (正文, 标题, 一级标题 … 页码) with outline levels, one paragraph per
自然段, real PAGE fields in the odd and even footers, the seal as a floating picture.
The grid comes from exact line spacing and a small negative character spacing (the
profile's ``docx:`` section, measured in LibreOffice: 22 lines × 28 characters). Title
lines and the signature block are placed as the layout engine places them, and the
signature is kept on the page of the last body line, so the DOCX paginates like the PDF.

Outline levels: 一级标题 … 四级标题 are levels 1–4 of Word's navigation pane (``w:outlineLvl``
0–3), like Word's own Heading 1–4; the title has none, as Word's Title style, so a title
set in two lines does not appear as two top-level entries.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import docx
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.image.image import Image
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.section import Section
from docx.shared import Emu, Twips
from docx.text.paragraph import Paragraph as DocxParagraph
from docx.text.run import Run

from ..atomic import atomic_path
from ..errors import RenderError
from ..fonts import FontSet
from ..layout.engine import layout_document
from ..layout.signature import SealPlacement, plan_signature
from ..layout.title import break_title
from ..model import Block, Document, Heading, Signature, Table
from ..profile import Profile, TextStyle, profile_keywords
from . import docx_attachments, docx_footer, docx_record, docx_table
from . import docx_xml as X
from .docx_attendance import write_attendance
from .docx_header import write_header
from .docx_table import add_table

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
class _ParaStyle:
    """A named paragraph style: the profile text style it sets and its paragraph layout."""

    name: str  # the style's name in the DOCX
    text_style: str  # key of profile.styles
    align: str  # w:jc value
    indent_chars: float = 0  # first-line indent in grid characters
    outline_level: int | None = None  # w:outlineLvl (0 = Word's level 1)


class DocxRenderer:
    name = "docx"
    suffix = ".docx"

    def render(self, doc: Document, profile: Profile, fonts: FontSet, path: Path, *, draft: bool = False) -> list[str]:
        builder = _Builder(profile, fonts)
        document = builder.build(doc, draft=draft)
        with atomic_path(path) as temp:
            document.save(str(temp))
        return builder.warnings


class _Builder:
    """Builds one python-docx document from a Document and a profile."""

    def __init__(self, profile: Profile, fonts: FontSet):
        self.profile = profile
        self.fonts = fonts
        self.document: DocxDocument = docx.Document()
        self.warnings: list[str] = []
        self.last_body: DocxParagraph | None = None
        self.adjustments: dict[int, float] = {}
        self.carried_paragraph = False
        self.keep_last_paragraph = True
        self.renumbered: list[Section] = []  # sections that number their pages from 1 again
        indent = profile.paragraph.first_line_indent_chars
        self.styles: dict[str, _ParaStyle] = {
            "body": _ParaStyle("正文", "body", "both", indent),
            "title": _ParaStyle("标题", "title", "center"),
            "addressee": _ParaStyle("主送", "addressee", "left"),
            "issuer": _ParaStyle("署名", "signature", "right"),
            "date": _ParaStyle("成文日期", "signature", "right"),
            "page_number": _ParaStyle("页码", profile.page_number.style, "left"),
            "attachment_note": _ParaStyle("附件说明", "body", "both"),
            "attachment_label": _ParaStyle("附件标识", profile.attachments.label_style, "left"),
            "note": _ParaStyle("附注", "body", "both", indent),
            "record": _ParaStyle("版记", profile.record.style, "both"),
        }
        for level, (name, key) in enumerate(zip(HEADING_STYLE_NAMES, profile.headings.styles, strict=False)):
            self.styles[key] = _ParaStyle(name, key, "both", indent, outline_level=level)

    def build(self, doc: Document, *, draft: bool) -> DocxDocument:
        # the layout engine decides §7.3.5.5 adjustments; the DOCX repeats them
        laid_out = layout_document(doc, self.profile, self.fonts)
        self.adjustments = laid_out.adjustments
        self.carried_paragraph = laid_out.carried_paragraph
        self.keep_last_paragraph = laid_out.keep_last_paragraph
        self._drop_template_leftovers()
        self._page_setup()
        self._define_styles()
        self._content(doc)
        if doc.attachments:
            docx_attachments.write_note(self, doc.attachments)
        if doc.signature:
            self._signature(doc.signature, draft=draft)
        if doc.note:
            self._paragraph("note", f"（{doc.note}）")  # §7.3.6: the line under the date
        if doc.attendance:
            write_attendance(self, doc.attendance)  # §10.3, after the 正文 and its signature
        docx_attachments.write_pages(self, doc)
        if doc.record:
            docx_record.write_record(self, doc)
        docx_attachments.write_pages(self, doc, separate=True)  # §7.3.7: bound apart, after the 版记
        docx_table.end_on_landscape(self)
        self._page_number_footers()
        docx_footer.write_landscape_footers(self)  # §8: after the portrait footers it copies
        docx_footer.copy_portrait_footers(self, self.renumbered)
        props = self.document.core_properties
        props.title = doc.title.replace("\n", "")
        props.author = props.last_modified_by = doc.author
        props.subject = self.profile.description
        props.keywords = profile_keywords(self.profile)  # read by officialdoc check
        props.comments = ""
        props.created = props.modified = dt.datetime.now(dt.UTC).replace(microsecond=0, tzinfo=None)
        return self.document

    def _drop_template_leftovers(self) -> None:
        """python-docx's template: an empty first paragraph, a thumbnail of another
        document, and a Word 2010 copy of the template's styles (with theme fonts)."""
        for paragraph in self.document.paragraphs:
            paragraph._p.getparent().remove(paragraph._p)
        package, main = self.document.part.package, self.document.part
        for rels, reltype in ((package.rels, RT.THUMBNAIL), (main.rels, STYLES_WITH_EFFECTS)):
            for rid in [rid for rid, rel in rels.items() if rel.reltype == reltype]:
                rels.pop(rid)

    def _page_setup(self) -> None:
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
    def _fonts(self, style: TextStyle) -> tuple[str, str]:
        """(Latin, East Asian) font names written into the DOCX for a text style."""
        return self.profile.fonts[style.latin].docx_name, self.profile.fonts[style.font].docx_name

    def _define_styles(self) -> None:
        body = self.profile.style("body")
        latin, east_asia = self._fonts(body)
        X.strip_theme_fonts(self.document.styles.element, east_asia)  # the template's Heading 1, Title …
        X.set_doc_defaults(self.document.styles.element, latin, east_asia, body.size_pt, LANG, EAST_ASIA_LANG)
        for spec in self.styles.values():
            self._paragraph_style(spec)
        for spec in self.styles.values():
            if spec.outline_level is not None:
                style = self.document.styles.add_style(spec.name + CHAR_STYLE_SUFFIX, WD_STYLE_TYPE.CHARACTER)
                style.quick_style = True
                self._run_format(style.element, self.profile.style(spec.text_style))

    def _paragraph_style(self, spec: _ParaStyle) -> None:
        profile = self.profile
        text = profile.style(spec.text_style)
        body = self.styles["body"]
        style = self.document.styles.add_style(spec.name, WD_STYLE_TYPE.PARAGRAPH)
        style.quick_style = True
        if spec is not body:
            style.base_style = self.document.styles[body.name]
        self._run_format(style.element, text)
        pf = X.ppr(style.element)
        X.set_flag(pf, "w:widowControl", False)  # the PDF engine splits paragraphs anywhere
        X.set_flag(pf, "w:kinsoku", True)
        # Word: ，。、 may hang past the right edge. LibreOffice 7.4 imports this flag inverted
        # and never hangs then; it pulls the previous character down instead. (Its own
        # hanging would drop a hung mark followed by Latin or digits from the page.)
        X.set_flag(pf, "w:overflowPunct", True)
        # Space between hanzi and Latin/digits, as the PDF sets it (grid.han_latin_space_em;
        # LibreOffice adds 0.2 em whatever these say, Word adds its own when they are on).
        X.set_flag(pf, "w:autoSpaceDE", True)
        X.set_flag(pf, "w:autoSpaceDN", True)
        # Exact line spacing places the lines at an exact pitch. Snapping to the grid would
        # make LibreOffice centre each line's font box, which moves lines with Latin digits
        # by up to 0.5 mm against pure-hanzi lines. Without it LibreOffice sets every
        # baseline where the PDF does (grid.line_ascent), 0.43 pt lower.
        X.set_flag(pf, "w:snapToGrid", False)
        if spec is self.styles["title"]:
            line = round(profile.title.line_pitch_lines * profile.docx.line_pitch_twips)
        elif text.on_grid:
            line = profile.docx.line_pitch_twips
        else:  # page numbers: a line box of exactly one em, placed alike by every application
            line = round(text.size_pt * 20)
        X.set_line_spacing(pf, line)
        X.set_indent(
            pf,
            first_line=round(spec.indent_chars * profile.char_pitch_pt * 20),
            first_line_chars=round(spec.indent_chars * 100),
        )
        X.set_jc(pf, spec.align)
        if spec.outline_level is not None:
            X.set_outline_level(pf, spec.outline_level)
        style.next_paragraph_style = self.document.styles[body.name]

    def _run_format(self, style_element: BaseOxmlElement, text: TextStyle) -> None:
        """Fonts, colour, grid character spacing and size of a text style."""
        rpr = X.rpr(style_element)
        X.set_fonts(rpr, *self._fonts(text))
        X.set_color(rpr, self.profile.color(text.color))
        # on-grid text is filled at the fit tracking; others (title, page numbers) at none,
        # also when based on 正文
        X.set_char_spacing(rpr, round(self.profile.fit_tracking_pt(text) * 20))
        X.set_size(rpr, text.size_pt)
        X.set_lang(rpr, LANG, EAST_ASIA_LANG)

    # -- paragraphs ---------------------------------------------------------------------
    def _paragraph(self, key: str, text: str = "") -> DocxParagraph:
        spec = self.styles[key]
        paragraph = self.document.add_paragraph(style=spec.name)
        if text:
            self._text(paragraph, text, spec.text_style)
        return paragraph

    def _run(
        self, paragraph: DocxParagraph, text: str, text_style: str, char_style: str | None = None,
        *, east_asian_only: bool = False,
    ) -> Run:
        """A run naming its fonts itself (Word otherwise falls back to theme fonts for hanzi)."""
        run = paragraph.add_run(text, style=char_style)
        latin, east_asia = self._fonts(self.profile.style(text_style))
        X.set_fonts(X.rpr(run._r), east_asia if east_asian_only else latin, east_asia)
        return run

    def _text(self, paragraph: DocxParagraph, text: str, text_style: str, char_style: str | None = None) -> None:
        """Runs for a text; Chinese quotes, dashes, ellipses and 间隔号 get the Chinese font in
        every font slot: LibreOffice gives these ambiguous characters the script of their
        neighbour, so after digits a ” would otherwise come out half-width in Times New Roman."""
        for ambiguous, piece in _split_ambiguous(text):
            self._run(paragraph, piece, text_style, char_style, east_asian_only=ambiguous)

    def _blank_lines(self, count: int) -> list[DocxParagraph]:
        return [self._paragraph("body") for _ in range(count)]

    def _content(self, doc: Document) -> None:
        profile = self.profile
        if doc.header:
            write_header(self, doc)
        if profile.header.print_title:  # 命令 (§10.2): the 正文 follows the 令号
            for line in break_title(doc.title, profile.style("title"), profile, self.fonts):
                self._paragraph("title", line)
            self._blank_lines(profile.title.blank_lines_after)
        if doc.addressees:
            self._paragraph("addressee", "、".join(doc.addressees) + "：")
        self._blocks(doc.body, self.adjustments)

    def _blocks(self, blocks: list[Block], adjustments: dict[int, float]) -> None:
        """Body blocks (the main body's, an attachment's); ``adjustments`` by block index."""
        profile = self.profile
        for index, block in enumerate(blocks):
            if isinstance(block, Table):
                self.last_body = add_table(self, block)
                continue
            if not isinstance(block, Heading):
                self.last_body = self._paragraph("body", block.text)
            else:
                key = profile.headings.styles[block.level - 1]
                spec = self.styles[key]
                heading = block.label(profile.headings.labels) + block.text
                if not block.run_in:
                    self.last_body = self._paragraph(key, heading)
                else:  # run-in: a 正文 paragraph that opens with the heading in its own font
                    self.last_body = self._paragraph("body")
                    X.set_outline_level(X.ppr(self.last_body._p), block.level - 1)
                    self._text(self.last_body, heading, key, spec.name + CHAR_STYLE_SUFFIX)
                    self._text(self.last_body, block.run_in, "body")
            if index in adjustments:  # §7.3.5.5: set tighter, as the layout engine did
                for run in self.last_body.runs:
                    X.set_char_spacing(X.rpr(run._r), round(adjustments[index] * 20))

    # -- 署名, 成文日期, 印章 ----------------------------------------------------------
    def _signature(self, signature: Signature, *, draft: bool) -> None:
        """Lines on the grid lines the layout engine's plan gives, kept with the last body line.

        A line with one item is right-aligned with the plan's right gap; a row of joint
        issuers uses centre tab stops at the seals' centres.
        """
        plan = plan_signature(signature, self.profile, self.fonts)
        left, right = self.profile.page.block_left, self.profile.page.block_right
        kept = [self.last_body] if self.last_body is not None and self.keep_last_paragraph else []
        kept += self._blank_lines(plan.blank_lines_before)
        paragraphs: list[DocxParagraph] = []
        for line in plan.lines:
            paragraphs += self._blank_lines(line.offset - len(paragraphs))
            key = "date" if line.element == "date" else "issuer"
            paragraph = self._paragraph(key)
            if len(line.items) == 1:
                self._text(paragraph, line.text, self.styles[key].text_style)
                X.set_indent(X.ppr(paragraph._p), right=X.twips(right - line.items[0].x1))
            else:
                X.set_jc(X.ppr(paragraph._p), "left")
                X.set_center_tabs(X.ppr(paragraph._p), [X.twips((i.x0 + i.x1) / 2 - left) for i in line.items])
                for item in line.items:
                    self._run(paragraph, "\t", self.styles[key].text_style)
                    self._text(paragraph, item.text, self.styles[key].text_style)
            paragraphs.append(paragraph)
        # §7.3.5.5: never alone on a page. Widow control is off, so Word carries just the
        # last body line over, as the layout engine does; when the engine carried the whole
        # last paragraph (LibreOffice moves a paragraph that keeps with the next whole), its
        # lines are kept together so Word does the same.
        for paragraph in kept + paragraphs[:-1]:
            paragraph.paragraph_format.keep_with_next = True
        if self.carried_paragraph and self.last_body is not None:
            self.last_body.paragraph_format.keep_together = True
        for seal in plan.seals:
            if seal.image is not None:
                self._seal_image(paragraphs[0], seal)
            elif draft:
                self.warnings.append("DOCX: the reserved seal area is not outlined (the draft outline is PDF only)")

    def _seal_image(self, anchor: DocxParagraph, seal: SealPlacement) -> None:
        """A seal image fitted into its area, floating behind 署名 and 成文日期."""
        path = seal.image
        if path is None or not path.is_file():
            raise RenderError(f"seal image not found: {path}")
        image = Image.from_file(str(path))
        scale = min(seal.width / image.px_width, seal.height / image.px_height)
        width, height = image.px_width * scale, image.px_height * scale
        run = self._run(anchor, "", self.styles["issuer"].text_style)
        run.add_picture(str(path), width=Emu(round(width * X.EMU_PER_MM)), height=Emu(round(height * X.EMU_PER_MM)))
        X.float_behind_text(
            run, x_from_page_mm=seal.cx - width / 2, y_from_paragraph_mm=seal.top_offset + (seal.height - height) / 2
        )
        run._r.getparent().remove(run._r)
        X.ppr(anchor._p).addnext(run._r)  # the anchor first, before the text

    # -- page numbers -------------------------------------------------------------------
    def _page_number_footers(self) -> None:
        """— n — : odd pages right-aligned, one character in; even pages left-aligned."""
        spec = self.profile.page_number
        style = self.styles["page_number"]
        fonts = self._fonts(self.profile.style(style.text_style))
        indent = round(spec.side_indent_chars * spec.side_indent_char_pt * 20)
        prefix, suffix = spec.format.split("{n}")
        section = self.document.sections[0]
        for footer, align, left, right in (
            (section.footer, "right", 0, indent),
            (section.even_page_footer, "left", indent, 0),
        ):
            footer.is_linked_to_previous = False
            paragraph = footer.paragraphs[0]
            paragraph.style = self.document.styles[style.name]
            X.set_jc(X.ppr(paragraph._p), align)
            X.set_indent(X.ppr(paragraph._p), left=left, right=right)
            self._run(paragraph, prefix, style.text_style)
            for run in X.add_complex_field(paragraph, "PAGE", "1"):
                X.set_fonts(X.rpr(run._r), *fonts)
            self._run(paragraph, suffix, style.text_style)
