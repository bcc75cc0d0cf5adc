"""DOCX renderer (python-docx): named styles on a 22-line grid; Word or LibreOffice lays it out.

The DOCX is for people who edit it, so it carries structure rather than positions: named
paragraph styles (公文正文, 公文标题, 一级标题 … 公文页码; not 正文, 标题, 页码, Chinese
Word's names of its built-in Normal, Title and page number) with outline levels, one
paragraph per 自然段, real PAGE fields in the odd and even footers, the seal as a floating
picture. The package parts around the text (settings, font table, app.xml) are
``docx_package``'s.
The grid comes from exact line spacing and a small negative character spacing (the
profile's ``docx:`` section, measured in LibreOffice: 22 lines × 28 characters).

It decides nothing: it walks the layout result's placed elements in order, one writer per
``Kind``, and writes each from its plan (title lines, signature lines and seals, table
page breaks, the 版记's grid lines, section starts), expressing §7.3.5.5's ``Keep`` facts
as Word settings (run tracking, keep with next, keep lines together), so Word and
LibreOffice paginate like the PDF.

Outline levels: 一级标题 … 四级标题 are levels 1–4 of Word's navigation pane (``w:outlineLvl``
0–3), like Word's own Heading 1–4; the title has none, as Word's Title style, so a title
set in two lines does not appear as two top-level entries.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from pathlib import Path

from docx.image.image import Image
from docx.shared import Emu
from docx.text.paragraph import Paragraph as DocxParagraph

from ..errors import RenderError
from ..layout.keep import Keep
from ..layout.result import BlockPlan, Kind, LaidOutDocument, Placed, TextPlan
from ..layout.signature import SealPlacement, SignaturePlan
from ..model import Heading
from ..profile import profile_keywords
from . import (
    docx_attachments,
    docx_footer,
    docx_forms,
    docx_package,
    docx_parts,
    docx_record,
    docx_sections,
    docx_table,
)
from . import docx_xml as X
from .docx_attendance import write_attendance
from .docx_header import write_header
from .docx_keep import split_paragraph
from .docx_writer import CHAR_STYLE_SUFFIX, DocxWriter
from .seal_image import seal_png


class DocxRenderer:
    name = "docx"
    suffix = ".docx"

    def render(self, laid_out: LaidOutDocument, path: Path, *, draft: bool = False) -> list[str]:
        """Write each placed element from its plan, in order (``draft``: warns that a reserved
        seal area is not outlined, which only the PDF does)."""
        writer = DocxWriter(laid_out.profile, laid_out.fonts)
        writer.drop_template_leftovers()
        writer.page_setup()
        writer.define_styles()
        for index, placed in enumerate(laid_out.elements):
            WRITERS[placed.kind](writer, placed, draft)
            writer.close_bookmarks(index)
        docx_sections.end_on_landscape(writer)
        _page_number_footers(writer)
        docx_footer.write_landscape_footers(writer)  # §8: after the portrait footers it copies
        docx_footer.copy_portrait_footers(writer, writer.renumbered)
        doc = laid_out.document
        props = writer.document.core_properties
        props.title = doc.title.replace("\n", "")
        props.author = props.last_modified_by = doc.author
        props.subject = writer.profile.description
        props.keywords = profile_keywords(writer.profile)  # read by officialdoc check
        props.comments = ""
        props.created = props.modified = dt.datetime.now(dt.UTC).replace(microsecond=0, tzinfo=None)
        docx_package.finish_package(writer.document, len(laid_out.pages))
        writer.document.save(str(path))  # the API writes all outputs to temporary files, then renames
        return writer.warnings


def _keep(writer: DocxWriter, paragraph: DocxParagraph | None, keep: Keep) -> None:
    """§7.3.5.5 as layout did it: the last text before the signature is the one it keeps
    with; set tighter, its runs carry the tracking; carried over whole, its lines stay together;
    carried from a character on, it is split there (docx_keep). A heading the layout moved to
    a new page for its body lines starts one (Word's keep with next keeps only one line)."""
    writer.last_body = paragraph
    if paragraph is None:  # after a landscape table, which ends its own section
        return
    if keep.new_page:
        paragraph.paragraph_format.page_break_before = True
    if keep.tracking_pt is not None:
        for run in paragraph.runs:
            X.set_char_spacing(X.rpr(run._r), X.twips_pt(keep.tracking_pt))
    if keep.carry_from is not None:
        paragraph = writer.last_body = split_paragraph(paragraph, keep.carry_from)
        paragraph.paragraph_format.keep_together = True
    if keep.with_signature:
        paragraph.paragraph_format.keep_with_next = True
    if keep.together:
        paragraph.paragraph_format.keep_together = True


def _title(writer: DocxWriter, placed: Placed, draft: bool) -> None:
    plan = placed.plan
    assert isinstance(plan, TextPlan)
    for line in plan.lines:
        writer.paragraph("title", line)
    writer.blank_lines(plan.blank_lines_after)


def _text(key: str) -> Callable[[DocxWriter, Placed, bool], None]:
    """The writer of a one-paragraph element (主送, 附注) in the style ``key``."""

    def write(writer: DocxWriter, placed: Placed, draft: bool) -> None:
        assert isinstance(placed.plan, TextPlan)
        writer.paragraph(key, placed.plan.lines[0])

    return write


def _block(writer: DocxWriter, placed: Placed, draft: bool) -> None:
    """A body paragraph or heading (a run-in heading: a 正文 paragraph that opens with the
    heading in its own font)."""
    plan, block = placed.plan, placed.source
    assert isinstance(plan, BlockPlan)
    if not isinstance(block, Heading) or not plan.run_in:
        paragraph = writer.paragraph(plan.style, plan.text)
    else:
        paragraph = writer.paragraph("body")
        X.set_outline_level(X.ppr(paragraph._p), block.level - 1)
        writer.text(paragraph, plan.text, plan.style, writer.styles[plan.style].name + CHAR_STYLE_SUFFIX)
        writer.text(paragraph, plan.run_in, "body")
    _keep(writer, paragraph, plan.keep)


def _table(writer: DocxWriter, placed: Placed, draft: bool) -> None:
    paragraph = docx_table.add_table(writer, placed)
    _keep(writer, paragraph, placed.plan.keep)


def _article(writer: DocxWriter, placed: Placed) -> None:
    """第N条 and its first 款 (docx_forms), kept with the signature as layout decided."""
    assert isinstance(placed.plan, BlockPlan)
    _keep(writer, docx_forms.write_article(writer, placed), placed.plan.keep)


def _attachment_note(writer: DocxWriter, placed: Placed, draft: bool) -> None:
    _keep(writer, docx_attachments.write_note(writer, placed), placed.plan.keep)


def _signature(writer: DocxWriter, placed: Placed, draft: bool) -> None:
    """署名, 成文日期, seals on the grid lines of the plan, kept with the text above (see _keep).

    A line with one item is right-aligned with the plan's right gap; a row of joint
    issuers uses centre tab stops at the seals' centres.
    """
    plan = placed.plan
    assert isinstance(plan, SignaturePlan)
    left, right = writer.profile.page.block_left, writer.profile.page.block_right
    kept = writer.blank_lines(plan.blank_lines_before)
    paragraphs: list[DocxParagraph] = []
    for line in plan.lines:
        paragraphs += writer.blank_lines(line.offset - len(paragraphs))
        key = "date" if line.element == "date" else "issuer"
        paragraph = writer.paragraph(key)
        if len(line.items) == 1:
            writer.text(paragraph, line.text, writer.styles[key].text_style)
            X.set_indent(X.ppr(paragraph._p), right=X.twips(right - line.items[0].x1))
        else:
            X.set_jc(X.ppr(paragraph._p), "left")
            X.set_center_tabs(X.ppr(paragraph._p), [X.twips((i.x0 + i.x1) / 2 - left) for i in line.items])
            for item in line.items:
                writer.run(paragraph, "\t", writer.styles[key].text_style)
                writer.text(paragraph, item.text, writer.styles[key].text_style)
        paragraphs.append(paragraph)
    # §7.3.5.5: never alone on a page. Widow control is off, so Word carries just the
    # last body line over, as the layout engine does.
    for paragraph in kept + paragraphs[:-1]:
        paragraph.paragraph_format.keep_with_next = True
    for seal in plan.seals:
        if seal.image is not None:
            _seal_image(writer, paragraphs[0], seal)
        elif draft:
            writer.warnings.append("DOCX：预留的印章位置未画出轮廓（草稿轮廓只画在 PDF 中）")


def _seal_image(writer: DocxWriter, anchor: DocxParagraph, seal: SealPlacement) -> None:
    """A seal image fitted into its area, floating behind 署名 and 成文日期."""
    path = seal.image
    if path is None or not path.is_file():
        raise RenderError(f"找不到印章图片：{path}")
    image = Image.from_file(str(path))
    scale = min(seal.width / image.px_width, seal.height / image.px_height)
    width, height = image.px_width * scale, image.px_height * scale
    run = writer.run(anchor, "", writer.styles["issuer"].text_style)
    # the seal read with near-white made transparent (red ink over black text)
    run.add_picture(io.BytesIO(seal_png(path)), width=Emu(X.emu(width)), height=Emu(X.emu(height)))
    X.float_behind_text(
        run, x_from_page_mm=seal.cx - width / 2, y_from_paragraph_mm=seal.top_offset + (seal.height - height) / 2
    )
    run._r.getparent().remove(run._r)
    X.ppr(anchor._p).addnext(run._r)  # the anchor first, before the text


def _page_number_footers(writer: DocxWriter) -> None:
    """— n — : odd pages right-aligned, one character in; even pages left-aligned."""
    spec = writer.profile.page_number
    style = writer.styles["page_number"]
    fonts = writer.font_names(writer.profile.style(style.text_style))
    indent = X.twips_pt(spec.side_indent_chars * spec.side_indent_char_pt)
    prefix, suffix = spec.format.split("{n}")
    section = writer.document.sections[0]
    for footer, align, left, right in (
        (section.footer, "right", 0, indent),
        (section.even_page_footer, "left", indent, 0),
    ):
        footer.is_linked_to_previous = False
        paragraph = footer.paragraphs[0]
        paragraph.style = writer.document.styles[style.name]
        X.set_jc(X.ppr(paragraph._p), align)
        X.set_indent(X.ppr(paragraph._p), left=left, right=right)
        writer.run(paragraph, prefix, style.text_style)
        for run in X.add_complex_field(paragraph, "PAGE", "1"):
            X.set_fonts(X.rpr(run._r), *fonts)
        writer.run(paragraph, suffix, style.text_style)


WRITERS: dict[Kind, Callable[[DocxWriter, Placed, bool], None]] = {
    Kind.HEADER: lambda writer, placed, draft: write_header(writer, placed),
    Kind.TITLE: _title,
    Kind.ADDRESSEE: _text("addressee"),
    Kind.PARAGRAPH: _block,
    Kind.HEADING: _block,
    Kind.TABLE: _table,
    Kind.ATTACHMENT_NOTE: _attachment_note,
    Kind.SIGNATURE: _signature,
    Kind.NOTE: _text("note"),  # §7.3.6: the line under the date
    Kind.ATTENDANCE: lambda writer, placed, draft: write_attendance(writer, placed),  # §10.3
    Kind.ATTACHMENT_SHEET: lambda writer, placed, draft: docx_attachments.write_sheet(writer, placed),
    Kind.RECORD: lambda writer, placed, draft: docx_record.write_record(writer, placed),
    Kind.DOC_NUMBER: lambda writer, placed, draft: docx_parts.write_doc_number(writer, placed),
    Kind.PUBLICATION: lambda writer, placed, draft: docx_parts.write_publication(writer, placed),
    Kind.EMBEDDED: lambda writer, placed, draft: docx_parts.write_embedded(writer, placed),
    Kind.ARTICLE: lambda writer, placed, draft: _article(writer, placed),
    Kind.CHAPTER: lambda writer, placed, draft: docx_forms.write_chapter(writer, placed),
    Kind.CONTENTS: lambda writer, placed, draft: docx_forms.write_contents(writer, placed),
}
