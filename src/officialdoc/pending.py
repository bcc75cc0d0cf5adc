"""The one gate for content the loader accepts but this version cannot lay out yet.

Issue #9 phase 1 added content keys for the shapes real 公文 take (embedded documents,
attachments that are whole documents, merged table cells, articles, decimal headings …);
their layout comes in phase 2. Until then :func:`refuse_unplaceable` stops the render,
before any layout and before any file is written, naming the file, line and field, so no
text is ever dropped. Phase 2 deletes each check here as its layout lands.
"""

from __future__ import annotations

from collections.abc import Iterator

from .errors import ContentError
from .model import (
    Article,
    Attachment,
    Block,
    Chapter,
    Document,
    DocumentPart,
    NumberedParagraph,
    SourceRef,
    Table,
)

HINT = "内容已通过检查，但排版尚未支持（issue #9 第二阶段）；为不丢失文字，这次不生成任何文件。可暂时删去此项后再生成"


def unplaceable(doc: Document) -> Iterator[tuple[SourceRef | None, str, str]]:
    """(where, field, what) of every element the layout cannot place yet, in reading order."""
    refs = doc.sources
    if doc.heading_scheme != "gbt9704":
        yield refs.get("heading_scheme"), "heading_scheme", "小数点标题层次（1、1.1、1.1.1）"
    if doc.contents is not None:
        yield refs.get("contents"), "contents", "目录"
    yield from _blocks(doc.body)
    for embedded in doc.embedded:
        yield from _part(embedded.part, embedded.source)
        yield from _blocks(embedded.body)
        yield from _attachments(embedded.part.attachments)
    yield from _attachments(doc.attachments)


def _part(part: DocumentPart, where: SourceRef | None) -> Iterator[tuple[SourceRef | None, str, str]]:
    field = where.field if where else "embedded"
    if part.heading_scheme != "gbt9704":
        yield where, f"{field}.heading_scheme", "小数点标题层次（1、1.1、1.1.1）"
    if part.contents is not None:
        yield part.contents.source or where, f"{field}.contents", "目录"


def _attachments(attachments: list[Attachment]) -> Iterator[tuple[SourceRef | None, str, str]]:
    for attachment in attachments:
        if attachment.part is not None:
            yield from _part(attachment.part, attachment.source)
        yield from _blocks(attachment.body)
        if attachment.part is not None:
            yield from _attachments(attachment.part.attachments)


def _blocks(blocks: list[Block]) -> Iterator[tuple[SourceRef | None, str, str]]:
    for block in blocks:
        field = block.source.field if block.source else "body"
        if isinstance(block, NumberedParagraph):
            yield block.source, field, "自动编号的段落（一是、第一，（一））"
        elif isinstance(block, Article):
            yield block.source, f"{field}.article", "条文（第×条）"
        elif isinstance(block, Chapter):
            yield block.source, f"{field}.chapter", "章（第×章）"
        elif isinstance(block, Table):
            for key, used in (
                ("header", bool(block.subheaders)),
                ("rows", bool(block.spans)),
                ("unit", block.unit is not None),
                ("split_rows", block.split_rows),
            ):
                if used:
                    where = block.spans[0].source if key == "rows" else block.source
                    what = {
                        "header": "多行表头",
                        "rows": "合并单元格",
                        "unit": "表格的单位说明行",
                        "split_rows": "跨页拆分的表格行",
                    }
                    yield where, f"{field}.table.{key}", what[key]


def refuse_unplaceable(doc: Document) -> None:
    """Raise a ContentError for the first element the layout cannot place yet."""
    for ref, field, what in unplaceable(doc):
        file = ref.file if ref else str(doc.source or "")
        raise ContentError(file, ref.line if ref else None, field, f"此版本尚不能排版{what}", HINT)
