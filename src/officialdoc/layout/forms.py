"""Body text forms of real documents: numbered paragraphs, 条 (articles), 章 (chapters).

- A numbered paragraph (一是、第一，（一）1.（1）) is a 正文 paragraph whose text opens with
  its generated number: 3号仿宋, two characters in, no list numbering.
- An article opens with "第N条" in the article style (黑体), a full-width space, then its
  first 款 in the body style, as one 正文 paragraph; its further 款 and 项 follow as
  paragraphs of their own.
- A chapter is one centred grid line, "第N章　名称" in the chapter style (3号黑体). It stays
  on the page of its first ``forms.chapter_keep_lines`` lines of text: when fewer lines are
  left under it, it starts a new page (``ChapterPlan.page_break``, which the DOCX repeats
  as a page break before it).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..forms import NUMBER_GAP
from ..model import Article, Chapter, NumberedParagraph
from ..profile import Profile
from .flow import Flow, Typesetter
from .lines import centred_line


@dataclass(frozen=True)
class ChapterPlan:
    """第N章　名称 on one centred grid line; ``page_break``: layout started a page for it."""

    text: str
    style: str  # key of Profile.styles
    page_break: bool


def paragraph_form(block: Article | NumberedParagraph, profile: Profile) -> tuple[str, str, str]:
    """(style, text, run_in) of an article or a numbered paragraph, as a run-in heading's:
    ``text`` in ``style`` opens the paragraph, ``run_in`` continues it in the body style."""
    if isinstance(block, Article):
        return profile.forms.article_style, block.label + NUMBER_GAP, block.text
    return "body", block.label + block.text, ""


CHAPTER_LINE = "chapter"  # Line.element of a chapter's line


def place_chapter(engine: Typesetter, flow: Flow, chapter: Chapter) -> ChapterPlan:
    """The chapter's centred line, on a new page when its first lines of text would not follow."""
    p = engine.profile
    style_name = p.forms.chapter_style
    style = p.style(style_name)
    text = chapter.label + NUMBER_GAP + chapter.title
    page_break = 0 < flow.slot < p.grid.lines and flow.slot + 1 + p.forms.chapter_keep_lines > p.grid.lines
    if page_break:
        flow.new_page()
    glyphs = engine.shaped(text, style_name)
    flow.place(centred_line(p, glyphs, p.fit_tracking_pt(style), CHAPTER_LINE, style))  # the DOCX's spacing
    return ChapterPlan(text, style_name, page_break)
