"""Document model (公文的结构): plain dataclasses, no YAML, no reportlab, no docx.

The loader builds it from a content file; the layout engine and every renderer read it.
Heading numbers (一、（一）1.（1）) are not stored as text: a heading knows its level and
its ordinal among its siblings, and the profile's label formats turn those into text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from .errors import LayoutError
from .forms import ADDRESSEES_LABEL, ATTACHMENT_LABEL, CC_LABEL, CONTENTS_TITLE, NUMBER_GAP, SIGNER_LABEL

CN_DIGITS = "零一二三四五六七八九"


def chinese_numeral(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 99 → 九十九 (heading ordinals)."""
    if not 1 <= n <= 99:
        raise ValueError(f"heading ordinal {n} outside 1..99")
    tens, ones = divmod(n, 10)
    if tens == 0:
        return CN_DIGITS[ones]
    head = "" if tens == 1 else CN_DIGITS[tens]
    return head + "十" + (CN_DIGITS[ones] if ones else "")


def format_date(date: dt.date) -> str:
    """成文日期: Arabic digits, full year, no leading zeros (§7.3.5.4): 2021年11月23日."""
    return f"{date.year}年{date.month}月{date.day}日"


@dataclass(frozen=True)
class SourceRef:
    """Where a model element came from in the content file (for messages and lint)."""

    file: str
    line: int
    field: str


@dataclass
class Paragraph:
    """A body paragraph (自然段): indented two characters, wrapped lines flush left."""

    text: str
    source: SourceRef | None = None


HeadingScheme = Literal["gbt9704", "decimal"]


@dataclass
class Heading:
    """A numbered heading (结构层次序数) of level 1–4.

    ``text`` is the heading itself; ``run_in`` is body text that continues in the same
    paragraph after it (level-2 headings ending in 。 are commonly run in).
    """

    level: int
    ordinal: int
    text: str
    run_in: str | None = None
    source: SourceRef | None = None
    scheme: HeadingScheme = "gbt9704"
    path: tuple[int, ...] = ()  # the ordinals of the enclosing headings and this one (decimal labels)

    def label(self, formats: tuple[str, ...]) -> str:
        """The number as printed, e.g. ``（二）`` for level 2, ordinal 2, or ``1.2　`` (decimal).

        ``formats``: the label formats of levels 1–4, then the decimal scheme's
        (:func:`label_formats`).
        """
        if self.scheme == "decimal":
            return formats[-1].format(path=".".join(str(n) for n in self.path))
        return formats[self.level - 1].format(cn=chinese_numeral(self.ordinal), n=self.ordinal)


@dataclass
class Table:
    """A table (表格) in the body or an attachment: a header row and data rows.

    ``widths`` are relative column widths; ``landscape`` sets the table on its own page
    turned 90° (§8).
    """

    header: list[str]
    rows: list[list[str]]
    widths: list[float]
    landscape: bool = False
    caption: str | None = None
    source: SourceRef | None = None
    subheaders: list[list[str]] = field(default_factory=list)  # header rows under ``header`` (a header block)
    spans: list[CellSpan] = field(default_factory=list)  # merged cells; the cells they cover hold ""
    unit: str | None = None  # 单位：万元, kept with the table
    split_rows: bool = False  # a row taller than the space left may continue on the next page

    @property
    def header_rows(self) -> list[list[str]]:
        """The header block, top to bottom (repeated on every page the table continues on)."""
        return [self.header, *self.subheaders]

    @property
    def grid(self) -> list[list[str]]:
        """Every row, header block first; ``spans`` index this grid."""
        return [*self.header_rows, *self.rows]


@dataclass(frozen=True)
class CellSpan:
    """A merged cell (合并单元格): its top-left position in :attr:`Table.grid` and its size."""

    row: int
    col: int
    rows: int = 1
    cols: int = 1
    source: SourceRef | None = None


@dataclass
class NumberedParagraph:
    """A paragraph in the body font that starts with a generated number: 一是、第一，（一）.

    ``style`` is the number's form (:data:`PARAGRAPH_NUMBER_FORMS`); unlike a heading it
    keeps the body font and carries no text of its own apart from the paragraph.
    """

    style: str
    ordinal: int
    text: str
    source: SourceRef | None = None

    @property
    def label(self) -> str:
        return PARAGRAPH_NUMBER_FORMS[self.style].format(cn=chinese_numeral(self.ordinal), n=self.ordinal)


# number forms of numbered paragraphs, by the key the user writes
PARAGRAPH_NUMBER_FORMS = {
    "一是": "{cn}是",
    "第一": "第{cn}，",
    "（一）": "（{cn}）",
    "1.": "{n}.",
    "（1）": "（{n}）",
}


@dataclass
class Article:
    """条 of a regulation (条例、办法、规定): "第一条" (黑体), a full-width space, its first 款.

    ``body`` holds its further 款 (paragraphs) and 项 (numbered paragraphs, （一）).
    Articles are numbered through the whole document part, across chapters.
    """

    ordinal: int
    text: str
    body: list[Paragraph | NumberedParagraph] = field(default_factory=list)
    source: SourceRef | None = None

    @property
    def label(self) -> str:
        return f"第{chinese_numeral(self.ordinal)}条"


@dataclass
class Chapter:
    """章 of a regulation: "第一章　总则", centred; its articles follow as blocks."""

    ordinal: int
    title: str
    source: SourceRef | None = None

    @property
    def label(self) -> str:
        return f"第{chinese_numeral(self.ordinal)}章"


@dataclass
class Contents:
    """目录: the part's headings down to ``levels``, each with the page it starts on."""

    levels: int = 2
    source: SourceRef | None = None


Block = Paragraph | Heading | Table | NumberedParagraph | Article | Chapter

SealMode = Literal["reserve", "image", "none"]


@dataclass
class Seal:
    """印章: a reserved area (stamped by hand after printing) or the organ's seal image."""

    mode: SealMode = "reserve"
    image: Path | None = None


@dataclass
class SignatureSeal:
    """签名章 (§7.3.5.3, orders): the signer's title and the signature seal image or area."""

    title: str  # 签发人职务, e.g. 镇长
    image: Path | None = None  # the signature seal; None reserves its area


@dataclass
class Signer:
    """签署 of a 令 or a leader's signature in print: 职务 and name, "总理　李克强"."""

    title: str
    name: str

    @property
    def text(self) -> str:
        return f"{self.title}\u3000{self.name}"


@dataclass
class Signature:
    """发文机关署名 + 成文日期 + 印章 (§7.3.5).

    One issuer, or several for joint issuance (主办机关 first). ``seals`` has one entry per
    issuer when sealed; ``signature_seals`` replaces issuers and seals in the 签名章 form.
    """

    issuers: list[str]
    date: dt.date
    seals: list[Seal] = field(default_factory=lambda: [Seal()])
    signature_seals: list[SignatureSeal] = field(default_factory=list)
    signers: list[Signer] = field(default_factory=list)  # 签署 of a 令: "总理　李克强" (replaces issuers)

    @property
    def date_only(self) -> bool:
        """成文日期 with no 署名 (and no 签署)."""
        return not self.issuers and not self.signers

    @property
    def date_text(self) -> str:
        return format_date(self.date)

    @property
    def sealed(self) -> bool:
        return not self.signature_seals and any(seal.mode != "none" for seal in self.seals)

    @property
    def seal(self) -> Seal:
        """The (first) issuer's seal."""
        return self.seals[0]


@dataclass
class Header:
    """版头 (§7.2): everything above the red separator line on page 1."""

    copy_number: str | None = None  # 份号, 6 digits
    secrecy: str | None = None  # 密级和保密期限, e.g. 机密★1年
    urgency: str | None = None  # 紧急程度: 特急 / 加急
    issuers: list[str] = field(default_factory=list)  # 发文机关标志 (joint: stacked)
    mark_suffix: str = ""  # "文件" after the names, or "" (letters, 纪要 …)
    doc_number: str | None = None  # 发文字号, e.g. 国办发〔2021〕12号
    signers: list[str] = field(default_factory=list)  # 签发人 (上行文)
    preprinted: bool = False  # 套打: the paper already carries mark and line
    marks: list[str] = field(default_factory=list)  # reply marks after 紧急程度: A类, 公开

    @property
    def mark_lines(self) -> list[str]:
        return list(self.issuers)


@dataclass
class Attachment:
    """附件 (§7.3.7): named in the 附件说明; with a body it gets its own pages.

    ``bound_separately``: it cannot be bound with the 正文; its pages follow the 版记 on a
    new sheet, numbered from 1, and its label carries the 发文字号 ("…〔2022〕5号附件2").
    """

    title: str
    body: list[Block] = field(default_factory=list)
    source: SourceRef | None = None
    bound_separately: bool = False
    name: str | None = None  # the name in the 附件说明 when it differs from the printed title
    part: DocumentPart | None = None  # a whole document: its own 主送, 署名, 附件 …

    @property
    def note_name(self) -> str:
        """The name the 附件说明 prints: ``name``, else the title as one line."""
        return self.name or self.title.replace("\n", "")


@dataclass
class DocumentPart:
    """What a document printed inside another one carries besides its title and body.

    Used by an embedded document (印发/转发/发布 notices) and by an attachment that is a
    whole document (a 报告 attached to a 复函): a line under the title, its own 发文字号,
    主送, heading scheme, 目录, 署名/日期, 附注 and attachments.
    """

    subtitle: str | None = None  # the line under the title: （民政部 1997年3月12日）
    doc_number: str | None = None
    addressees: list[str] = field(default_factory=list)
    heading_scheme: HeadingScheme = "gbt9704"
    contents: Contents | None = None
    signature: Signature | None = None
    note: str | None = None
    attachments: list[Attachment] = field(default_factory=list)


@dataclass
class EmbeddedDocument:
    """The document an 印发/转发/发布 notice carries, printed after the notice's 署名 and date.

    No 附件 label and no 附件说明 line: it starts a new page (``new_page``) with its own title.
    """

    title: str
    body: list[Block]
    part: DocumentPart = field(default_factory=DocumentPart)
    new_page: bool = True
    source: SourceRef | None = None


@dataclass
class RecordBlock:
    """版记 (§7.4): 抄送, 印发机关 and 印发日期, between rules at the foot of the last page."""

    cc: list[str] = field(default_factory=list)  # 抄送
    addressees: list[str] = field(default_factory=list)  # 主送 moved here (§7.3.2)
    printer: str | None = None  # 印发机关
    print_date: dt.date | None = None  # 印发日期
    copies: int | None = None  # 共印5份 (local practice), a row of its own

    @property
    def copies_text(self) -> str:
        return f"共印{self.copies}份" if self.copies else ""

    @property
    def print_date_text(self) -> str:
        return format_date(self.print_date) + "印发" if self.print_date else ""


@dataclass
class Attendance:
    """纪要 (§10.3): 出席, 请假 and 列席 lists after the body."""

    present: list[str] = field(default_factory=list)
    absent: list[str] = field(default_factory=list)
    attending: list[str] = field(default_factory=list)

    def rows(self) -> list[tuple[str, list[str]]]:
        return [
            (label, names)
            for label, names in (("出席", self.present), ("请假", self.absent), ("列席", self.attending))
            if names
        ]


@dataclass
class Document:
    """One 公文 as the user wrote it, validated and normalised."""

    title: str
    body: list[Block]
    profile: str = "gbt9704"
    header: Header | None = None
    addressees: list[str] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    signature: Signature | None = None
    note: str | None = None  # 附注, printed in （）
    attendance: Attendance | None = None
    record: RecordBlock | None = None
    author: str = ""
    source: Path | None = None
    doc_number: str | None = None  # 发文字号 printed alone above the title (no 版头)
    publication: str | None = None  # 此件公开发布, printed in （） under the 成文日期
    heading_scheme: HeadingScheme = "gbt9704"
    contents: Contents | None = None
    embedded: list[EmbeddedDocument] = field(default_factory=list)
    sources: dict[str, SourceRef] = field(default_factory=dict)  # where top-level keys are, by key

    def all_text(self, heading_formats: tuple[str, ...], *, title: bool = True) -> str:
        """Every character the document prints, in the order the layout emits it.

        The layout engine proves its pages against this (whitespace aside), so no text can
        be lost or altered silently. Page numbers are not included; the title is not when
        the format prints none (``title=False``, 命令).
        """
        parts: list[str] = []
        if self.header:
            h = self.header
            parts += [t for t in (h.copy_number, h.secrecy, h.urgency) if t]
            parts += h.marks
            if not h.preprinted:
                parts += h.issuers + ([h.mark_suffix] if h.mark_suffix else [])
            if h.doc_number:
                parts.append(h.doc_number)
            if h.signers:
                parts.append(SIGNER_LABEL + "".join(h.signers))
        if self.doc_number:
            parts.append(self.doc_number)
        if title:
            parts.append(self.title)
        if self.contents is not None:  # its entries without leaders and page numbers
            parts.append(contents_text(self.contents, self.body, heading_formats))
        if self.addressees:
            parts.append("、".join(self.addressees) + "：")
        parts += [block_text(b, heading_formats) for b in self.body]
        if self.attachments:
            parts.append(attachment_note(self.attachments))
        if self.signature:
            parts += signature_text(self.signature)
        if self.publication:
            parts.append(f"（{self.publication}）")
        if self.note:
            parts.append(f"（{self.note}）")
        if self.attendance:
            parts += [f"{label}：" + "、".join(names) for label, names in self.attendance.rows()]
        for embedded in self.embedded:
            parts.append(embedded.title)
            parts += part_text(embedded.body, embedded.part, heading_formats)
        for separate in (False, True):  # bound with the 正文, then after the 版记
            if separate and self.record:
                parts += record_lines(self.record)
            for number, attachment in self.attachment_pages(separate=separate):
                parts.append(self.attachment_label(number))
                parts.append(attachment.title)
                parts += part_text(attachment.body, attachment.part, heading_formats)
        return "".join(parts)

    def attachment_pages(self, *, separate: bool) -> list[tuple[int, Attachment]]:
        """(number, attachment) of the attachments with pages, bound with the 正文 or not."""
        return [
            (number, attachment)
            for number, attachment in enumerate(self.attachments, start=1)
            if attachment.body and attachment.bound_separately == separate
        ]

    def attachment_label(self, number: int) -> str:
        """"附件2", or "大府发〔2022〕5号附件2" for one bound separately (§7.3.7)."""
        label = attachment_label(number, len(self.attachments))
        if not self.attachments[number - 1].bound_separately:
            return label
        if self.header is None or not self.header.doc_number:  # the loader refuses this; the API may not
            raise LayoutError(
                f"附件 {number} 单独装订，其标识要有发文字号（§7.3.7）；"
                "提示：写上 header.doc_number，或把附件与正文一起装订"
            )
        return self.header.doc_number + label


def label_formats(labels: tuple[str, ...], decimal_label: str) -> tuple[str, ...]:
    """What Heading.label reads: the label formats of levels 1–4, then the decimal scheme's
    (the profile's ``headings.labels`` and ``headings.decimal_label``)."""
    return (*labels, decimal_label)


def block_text(block: Block, heading_formats: tuple[str, ...]) -> str:
    """The characters a body block prints, in reading order."""
    if isinstance(block, Heading):
        return block.label(heading_formats) + block.text + (block.run_in or "")
    if isinstance(block, Table):
        cells = [cell for row in block.grid for cell in row]
        return (block.caption or "") + (block.unit or "") + "".join(cells)
    if isinstance(block, NumberedParagraph):
        return block.label + block.text
    if isinstance(block, Article):
        return block.label + NUMBER_GAP + block.text + "".join(block_text(b, heading_formats) for b in block.body)
    if isinstance(block, Chapter):
        return block.label + NUMBER_GAP + block.title
    return block.text


def contents_headings(contents: Contents, blocks: list[Block]) -> list[Heading]:
    """The headings a 目录 lists, in order."""
    return [b for b in blocks if isinstance(b, Heading) and b.level <= contents.levels]


def contents_lists(doc: Document) -> Iterator[tuple[Contents, list[Block]]]:
    """Every 目录 with the body it lists: the document's, then its embedded documents' and
    its attachments' (nested ones too), in reading order."""
    if doc.contents is not None:
        yield doc.contents, doc.body
    parts = [(e.part, e.body) for e in doc.embedded] + [(a.part, a.body) for a in doc.attachments if a.part]
    while parts:
        part, body = parts.pop(0)
        if part.contents is not None:
            yield part.contents, body
        parts[:0] = [(a.part, a.body) for a in part.attachments if a.part]


def contents_text(contents: Contents, blocks: list[Block], heading_formats: tuple[str, ...]) -> str:
    """目录 and its entries' numbers and texts (not their leaders and page numbers)."""
    return CONTENTS_TITLE + "".join(h.label(heading_formats) + h.text for h in contents_headings(contents, blocks))


def signature_text(signature: Signature) -> list[str]:
    """署名 (签名章 titles, 签署 or issuers; none when only the date is given), then the date."""
    if signature.signature_seals:
        names = [seal.title for seal in signature.signature_seals]
    else:
        names = [signer.text for signer in signature.signers] or signature.issuers
    return [*names, signature.date_text]


def part_text(body: list[Block], part: DocumentPart | None, heading_formats: tuple[str, ...]) -> list[str]:
    """What a document printed inside another one prints after its title (§7.3 order):
    发文字号, the line under the title, 目录, 主送, body, 附件说明, 署名 and date, 附注, then its
    own attachments' pages (label, title, and the same again)."""
    if part is None:
        return [block_text(b, heading_formats) for b in body]
    parts = [t for t in (part.doc_number, part.subtitle) if t]
    if part.contents is not None:  # its entries without leaders and page numbers
        parts.append(contents_text(part.contents, body, heading_formats))
    if part.addressees:
        parts.append("、".join(part.addressees) + "：")
    parts += [block_text(b, heading_formats) for b in body]
    if part.attachments:
        parts.append(attachment_note(part.attachments))
    if part.signature:
        parts += signature_text(part.signature)
    if part.note:
        parts.append(f"（{part.note}）")
    for number, attachment in enumerate(part.attachments, start=1):
        if attachment.body:
            parts.append(attachment_label(number, len(part.attachments)))
            parts.append(attachment.title)
            parts += part_text(attachment.body, attachment.part, heading_formats)
    return parts


def attachment_label(number: int, count: int) -> str:
    """附件 page label (§7.3.7): "附件" alone for a single attachment, else "附件2"."""
    return "附件" if count == 1 else f"附件{number}"


def attachment_note(attachments: list[Attachment]) -> str:
    """附件说明 (§7.3.4): "附件：名称" or "附件：1.名称2.名称" (one name per line)."""
    if len(attachments) == 1:
        return ATTACHMENT_LABEL + attachments[0].note_name
    return ATTACHMENT_LABEL + "".join(f"{i}.{a.note_name}" for i, a in enumerate(attachments, start=1))


def record_lines(record: RecordBlock) -> list[str]:
    """版记 texts top to bottom: 主送 (moved), 抄送, 印数 (共印5份), then 印发机关 + 印发日期."""
    lines = []
    if record.addressees:
        lines.append(ADDRESSEES_LABEL + "，".join(record.addressees) + "。")
    if record.cc:
        lines.append(CC_LABEL + "，".join(record.cc) + "。")
    if record.copies:
        lines.append(record.copies_text)
    if record.printer or record.print_date:
        lines.append((record.printer or "") + record.print_date_text)
    return lines
