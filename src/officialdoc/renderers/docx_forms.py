"""Body text forms in the DOCX: 条 (articles), 章 (chapters) and the 目录 (a TOC field).

- An article is a 正文 paragraph: "第N条　" in the character style 条号 (黑体), then its
  first 款 in 正文. Numbered paragraphs are plain 正文 paragraphs (no list numbering).
- A chapter is a paragraph of the style 章 (centred, 黑体), kept with the next; a page
  break before it where layout started a page for it.
- The 目录: "目录" (style 目录标题), blank lines, then a TOC field
  (``TOC \\o "1-N" \\u \\b ContentsScopeK``) whose cached result is our layout's entries,
  one paragraph each (styles toc 1 … toc 4:
  the level's indent, a right tab at the block's edge with a dot leader, the page number).
  A long entry is broken where layout broke it (``w:br``, ``forms.contents_number_chars``
  before the edge): a right indent with the tab past it would do the same, but in Word
  2013 mode (compatibility 15) LibreOffice no longer sets a tab past the right indent and
  dropped the page numbers.
  Word and LibreOffice show the cached entries until the field is updated. The 正文 after
  it starts a page (page break before its first paragraph).
  Every 目录 lists only the body it belongs to (an embedded document's or a whole-document
  attachment's, or the notice's own, which must not list the documents it carries): the
  field's ``\\b`` switch (ECMA-376 Part 1 §17.16.5.68, TOC: "builds a table of contents for
  the portion of the document that is marked by the specified bookmark") names a bookmark
  from the end of the field to the end of that body, so updating the field in Word lists the
  same headings as our entries.
"""

from __future__ import annotations

from docx.enum.style import WD_STYLE_TYPE
from docx.text.paragraph import Paragraph as DocxParagraph

from ..layout.contents import ContentsPlan
from ..layout.forms import ChapterPlan
from ..layout.result import BlockPlan, Placed
from . import docx_xml as X
from .docx_writer import DocxWriter, ParaStyle

ARTICLE_CHAR_STYLE = "条号"
CHAPTER = "章"
CONTENTS_TITLE = "目录标题"
CONTENTS_ENTRY = "toc {level}"  # Word's built-in names: Word lists them as 目录 1 …
CONTENTS_SCOPE = "ContentsScope"  # bookmark names: ContentsScope1 …


def write_article(writer: DocxWriter, placed: Placed) -> DocxParagraph:
    """第N条 in 条号, then the article's first 款 in 正文."""
    plan = placed.plan
    assert isinstance(plan, BlockPlan)
    styles = writer.document.styles
    if ARTICLE_CHAR_STYLE not in [s.name for s in styles]:
        style = styles.add_style(ARTICLE_CHAR_STYLE, WD_STYLE_TYPE.CHARACTER)
        writer.run_format(style.element, writer.profile.style(plan.style))
    paragraph = writer.paragraph("body")
    writer.text(paragraph, plan.text, plan.style, ARTICLE_CHAR_STYLE)
    writer.text(paragraph, plan.run_in, "body")
    return paragraph


def write_chapter(writer: DocxWriter, placed: Placed) -> None:
    """第N章　名称, centred, kept with the next paragraph; on a new page where layout put it."""
    plan = placed.plan
    assert isinstance(plan, ChapterPlan)
    key = writer.ensure_style(CHAPTER, ParaStyle(CHAPTER, plan.style, "center"))
    paragraph = writer.paragraph(key, plan.text)
    paragraph.paragraph_format.keep_with_next = True
    if plan.page_break:
        paragraph.paragraph_format.page_break_before = True


def write_contents(writer: DocxWriter, placed: Placed) -> None:
    """目录, blank lines, and the TOC field with our entries as its result."""
    plan = placed.plan
    assert isinstance(plan, ContentsPlan)
    profile = writer.profile
    spec = profile.forms
    title = writer.ensure_style(CONTENTS_TITLE, ParaStyle(CONTENTS_TITLE, spec.contents_title_style, "center"))
    writer.paragraph(title, plan.title)
    writer.blank_lines(plan.blank_lines)
    right = X.twips(profile.page.block_width_mm)
    paragraphs: list[DocxParagraph] = []
    scope = writer.new_bookmark(CONTENTS_SCOPE, plan.last_element) if plan.entries else (0, "")
    for entry in plan.entries:
        key = CONTENTS_ENTRY.format(level=entry.level)
        if key not in writer.styles:  # the level's indent; the page number at the right edge
            writer.ensure_style(key, ParaStyle(key, spec.contents_style, "left"))
            pf = X.ppr(writer.document.styles[key].element)
            indent = X.twips_pt((entry.level - 1) * spec.contents_indent_chars * profile.char_pitch_pt)
            X.set_indent(pf, left=indent)
            X.set_right_tab(pf, right, "dot")
        paragraph = writer.paragraph(key)
        if not paragraphs:
            X.begin_field(paragraph, f'TOC \\o "1-{plan.levels}" \\u \\b {scope[1]}')
        for number, line in enumerate(entry.lines):  # broken where layout broke it
            if number:
                writer.run(paragraph, "", spec.contents_style).add_break()
            writer.text(paragraph, line, spec.contents_style)
        writer.run(paragraph, "\t", spec.contents_style)
        writer.text(paragraph, entry.page, spec.contents_style)
        paragraphs.append(paragraph)
    if paragraphs:  # the body it lists: from the field's end to the end of plan.last_element
        X.end_field(paragraphs[-1])
        X.bookmark_start(paragraphs[-1]._p, *scope)
    writer.break_before = True
