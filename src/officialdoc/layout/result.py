"""The layout result: pages, and the document's elements in order with the plans they were
set by. Every renderer reads this one object; layout runs once per render.

A fixed-layout renderer (PDF) draws ``pages``; a flowing one (DOCX) walks ``elements`` and
writes each from its plan, deciding nothing itself. §7.3.5.5's remedies are facts of the
plans (``Keep``), so every output repeats them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from ..fonts import FontSet
from ..model import Attachment, Attendance, Block, Document, EmbeddedDocument, RecordBlock, Signature, Table
from ..profile import Profile
from .attendance import AttendanceRow
from .hanging import HangingItem
from .header import HeaderPlan
from .keep import Keep
from .page import Page
from .record import RecordPlacement
from .signature import SignaturePlan
from .table import TablePlacement


class Kind(StrEnum):
    """What a placed element is (a closed set: a renderer has one writer per kind)."""

    HEADER = "header"
    TITLE = "title"
    ADDRESSEE = "addressee"
    PARAGRAPH = "paragraph"
    HEADING = "heading"
    TABLE = "table"
    ATTACHMENT_NOTE = "attachment_note"
    SIGNATURE = "signature"
    NOTE = "note"
    ATTENDANCE = "attendance"
    ATTACHMENT_SHEET = "attachment_sheet"
    RECORD = "record"
    DOC_NUMBER = "doc_number"  # a 发文字号 alone above the title (no 版头)
    PUBLICATION = "publication"  # （此件公开发布） under the 成文日期
    EMBEDDED = "embedded"  # the title block of a document an 印发/转发 notice carries


@dataclass(frozen=True)
class TextPlan:
    """A title's lines, one grid line each, or the one paragraph of 主送 / 附注."""

    lines: tuple[str, ...]
    blank_lines_after: int = 0


@dataclass(frozen=True)
class BlockPlan:
    """A body paragraph or heading (of the 正文 or of an attachment)."""

    style: str  # key of Profile.styles
    text: str  # as printed: a heading's label included
    run_in: str = ""  # a run-in heading's text, in the body style
    keep: Keep = field(default_factory=Keep)


@dataclass(frozen=True)
class NotePlan:
    """附件说明: one hanging paragraph per attachment."""

    items: tuple[HangingItem, ...]
    keep: Keep = field(default_factory=Keep)


@dataclass(frozen=True)
class UnderTitle:
    """A centred line under a title: an embedded document's 发文字号 or its subtitle."""

    text: str
    style: str  # key of Profile.styles
    element: str  # "doc_number" | "subtitle"


@dataclass(frozen=True)
class EmbeddedPlan:
    """An embedded document's title block: a new page (or blank lines), its title lines
    from ``title.lines``, the lines under it, ``title.blank_lines_after``; its 主送, body,
    署名 … follow as elements of their own."""

    title: TextPlan
    under_title: tuple[UnderTitle, ...]
    new_page: bool
    blank_lines_before: int  # blank grid lines above the title (on its new page, or under the text above)


@dataclass(frozen=True)
class SheetPlan:
    """An attachment's first page: its label on line 1, its title from ``title_slot``; its
    body follows as elements of their own. A separately bound one starts a section."""

    number: int
    number_text: str  # the 发文字号 before the label of a separately bound attachment, else ""
    label: str  # "附件2"
    title: TextPlan
    separate: bool
    blank_page_before: bool  # a blank, unnumbered page first (the back of the last sheet)
    under_title: tuple[UnderTitle, ...] = ()  # a whole document's 发文字号 and subtitle


Plan = (
    HeaderPlan
    | TextPlan
    | BlockPlan
    | TablePlacement
    | NotePlan
    | SignaturePlan
    | tuple[AttendanceRow, ...]
    | SheetPlan
    | RecordPlacement
    | EmbeddedPlan
)
Source = Document | Block | Table | list[Attachment] | Attachment | Signature | Attendance | RecordBlock | str
Source |= EmbeddedDocument


@dataclass
class Placed:
    """One element of the document where layout put it."""

    kind: Kind
    source: Source  # the model object it comes from
    plan: Plan | None  # None only while layout places it
    pages: list[int] = field(default_factory=list)  # 1-based physical pages it landed on


@dataclass
class LaidOutDocument:
    """What layout produces; renderers receive it with the inputs it was made from."""

    document: Document
    profile: Profile
    fonts: FontSet
    pages: list[Page]
    elements: list[Placed]
    warnings: list[str] = field(default_factory=list)
