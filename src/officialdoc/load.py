"""Loader: content YAML → :class:`~officialdoc.model.Document`.

Validation works on YAML nodes, so every error names the file, the line and the field
(``body[3].heading``) and gives a hint. Scalars are read as the text the user typed (no
YAML type guessing: ``no`` stays "no"). Half-width punctuation in Chinese text is
normalised here, once, and each change is reported as a :class:`Notice`.

Hostile input is bounded here (docs/limits.md): file size, YAML nesting, aliases (refused),
text length, control and invisible characters, seal images (bytes, pixels, a decodable
PNG/JPEG) and seal paths (inside the content file's folder unless ``unsafe_paths``).
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from PIL import Image, UnidentifiedImageError
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .errors import ContentError, LimitError
from .forms import DOC_NUMBER
from .model import (
    PARAGRAPH_NUMBER_FORMS,
    Article,
    Attachment,
    Attendance,
    Block,
    CellSpan,
    Chapter,
    Contents,
    Document,
    DocumentPart,
    EmbeddedDocument,
    Header,
    Heading,
    HeadingScheme,
    NumberedParagraph,
    Paragraph,
    RecordBlock,
    Seal,
    Signature,
    SignatureSeal,
    Signer,
    SourceRef,
    Table,
)
from .normalize import full_width_punctuation

MAX_HEADING_LEVEL = 4
MAX_SIBLING_HEADINGS = 99  # 一 … 九十九: the numbering has no form past 99
# limits on hostile or broken input (docs/limits.md)
MAX_CONTENT_BYTES = 2_000_000  # a content file (a long 公文 is some 100 KB)
MAX_YAML_DEPTH = 40  # nested lists/mappings (four heading levels need about 12)
MAX_TEXT_CHARS = 20_000  # one paragraph, heading, cell or name
MAX_TITLE_CHARS = 200  # ten lines of 二号 title
MAX_SEAL_BYTES = 20_000_000
MAX_SEAL_PIXELS = 25_000_000  # 5000 × 5000: a 40 mm seal at 3000 dpi
SEAL_IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg"}
# Heading numbers typed by hand (一、（一）1.（1）), by level; group 1 reads the number. The
# loader refuses them in headings, the checker (officialdoc check) lints them anywhere.
TYPED_LABELS = tuple(
    re.compile(rf"^{form}")
    for form in (
        r"([一二三四五六七八九十百]+)[、.．]",
        r"[（(]([一二三四五六七八九十百]+)[）)]",
        r"(\d+)[.．、]",
        r"[（(](\d+)[）)]",
    )
)
# any of them after optional spaces; group 1 is the whole label
TYPED_NUMBER = re.compile(r"^\s*((?:" + "|".join(p.pattern[1:] for p in TYPED_LABELS) + "))")
# a decimal heading number typed by hand: 1.1 or 1.1.1, or 1 to 99 then a space (not a year)
TYPED_DECIMAL = re.compile(r"^\s*\d+(?:[.．]\d+)+|^\s*\d{1,2}[\s\u3000]")
TYPED_ARTICLE = re.compile(r"^\s*第[一二三四五六七八九十百零〇\d]+[条章节]")
COPY_NUMBER = re.compile(r"^\d{6}$")
ORDER_NUMBER = re.compile(r"^第([1-9]\d*|[一二三四五六七八九十百千]+)号$")  # 令号 (§10.2)
SECRECY = re.compile(r"^(绝密|机密|秘密)(★(\d+年|\d+个月|长期))?$")
URGENCY = re.compile(r"^(特急|加急)$")
DATE_FORMS = (
    re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$"),
)


# Every key the loader accepts, by where it may stand (docs/content.md's key index lists the
# same; tests/test_content_keys.py compares the two).
PART_KEYS = ("subtitle", "doc_number", "addressees", "heading_scheme", "contents", "signature", "note", "attachments")
DOCUMENT_KEYS = (
    "profile", "header", "doc_number", "title", "addressees", "heading_scheme", "contents", "body", "attachments",
    "signature", "note", "publication", "attendance", "record", "embedded", "author",
)  # fmt: skip
HEADER_KEYS = (
    "copy_number", "secrecy", "urgency", "marks", "issuer", "issuers", "suffix", "doc_number", "order_number",
    "signers", "preprinted",
)  # fmt: skip
HEADING_KEYS = ("heading", "text", "body")
TABLE_KEYS = ("caption", "unit", "header", "rows", "widths", "landscape", "split_rows")
CELL_KEYS = ("text", "rows", "cols")
NUMBERED_KEYS = ("numbered", "style")
ARTICLE_KEYS = ("article", "body")
CHAPTER_KEYS = ("chapter", "body")
SIGNATURE_KEYS = ("issuer", "issuers", "signers", "date", "seal", "signature_seals")
SIGNER_KEYS = ("title", "name")
SIGNATURE_SEAL_KEYS = ("title", "image")
ATTACHMENT_KEYS = ("title", "name", "body", "bound_separately", *PART_KEYS)
EMBEDDED_KEYS = ("title", "body", "new_page", *PART_KEYS)
RECORD_KEYS = ("cc", "addressees", "printer", "date", "copies")
ATTENDANCE_KEYS = ("present", "absent", "attending")
LOADER_KEYS: dict[str, tuple[str, ...]] = {
    "document": DOCUMENT_KEYS,
    "header": HEADER_KEYS,
    "body: heading": HEADING_KEYS,
    "body: table": TABLE_KEYS,
    "table cell": CELL_KEYS,
    "body: numbered": NUMBERED_KEYS,
    "body: article": ARTICLE_KEYS,
    "body: chapter": CHAPTER_KEYS,
    "signature": SIGNATURE_KEYS,
    "signature.signers[]": SIGNER_KEYS,
    "signature.signature_seals[]": SIGNATURE_SEAL_KEYS,
    "attachments[]": ATTACHMENT_KEYS,
    "embedded[]": EMBEDDED_KEYS,
    "record": RECORD_KEYS,
    "attendance": ATTENDANCE_KEYS,
}
# the key that makes a body item what it is (a mapping with none of them is a heading)
BODY_LEAD_KEYS = ("table", "numbered", "article", "chapter", "heading")
HEADING_SCHEMES: tuple[HeadingScheme, ...] = ("gbt9704", "decimal")
MAX_CONTENTS_LEVELS = 4
TITLE_END_MARKS = "。，；：、.,;:"


@dataclass
class _PartState:
    """Numbering that runs through one document part (main document, embedded, attachment)."""

    scheme: HeadingScheme = "gbt9704"
    articles: int = 0
    chapters: int = 0


@dataclass(frozen=True)
class Notice:
    """Something the loader changed or wants the user to know (not an error)."""

    file: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.field}: {self.message}"


@dataclass
class LoadResult:
    document: Document
    notices: list[Notice] = field(default_factory=list)


class _Reader:
    """Walks the YAML node tree of one file, collecting notices."""

    def __init__(self, path: Path, *, unsafe_paths: bool = False):
        self.path = path
        self.file = str(path)
        self.unsafe_paths = unsafe_paths
        self.notices: list[Notice] = []

    # -- errors -------------------------------------------------------------------------
    def error(self, node: Node | None, fld: str, message: str, hint: str = "") -> ContentError:
        line = node.start_mark.line + 1 if node is not None else None
        return ContentError(self.file, line, fld, message, hint)

    def ref(self, node: Node, fld: str) -> SourceRef:
        return SourceRef(self.file, node.start_mark.line + 1, fld)

    def key_refs(self, node: Node | None, fld: str) -> dict[str, SourceRef]:
        """Where each key of a mapping is written, by key (for messages about the value)."""
        return {key: self.ref(key_node, f"{fld}.{key}") for key, key_node in _key_nodes(node).items()}

    # -- typed readers ------------------------------------------------------------------
    def mapping(
        self, node: Node, fld: str, allowed: tuple[str, ...], required: tuple[str, ...] = ()
    ) -> dict[str, Node]:
        if not isinstance(node, MappingNode):
            raise self.error(node, fld, f"应为“键: 值”的映射，实为{_kind(node)}")
        items: dict[str, Node] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, ScalarNode) else None
            if key not in allowed:
                close = difflib.get_close_matches(str(key), allowed, n=1)
                hint = f"是不是 {close[0]}？" if close else f"可用的键：{'、'.join(allowed)}"
                raise self.error(key_node, _join(fld, str(key)), "不认识的键", hint)
            if key in items:
                raise self.error(key_node, _join(fld, key), "同一个键写了两次", "删去其中一个")
            items[key] = value_node
        for key in required:
            if key not in items:
                raise self.error(
                    node, _join(fld, key), "缺少此项", f"在 {fld} 中加上 {key}:" if fld else f"在文件顶层加上 {key}:"
                )
        return items

    def text(self, node: Node, fld: str, *, normalise: bool = True) -> str:
        if not isinstance(node, ScalarNode):
            raise self.error(node, fld, f"应为文字，实为{_kind(node)}", "把文字写在一行，或加引号")
        value = str(node.value).strip()
        if not value:
            raise self.error(node, fld, "内容为空", "写上文字，或删去这个键")
        if len(value) > MAX_TEXT_CHARS:
            raise LimitError(
                self.file, node.start_mark.line + 1, fld,
                f"文字过长：{len(value)} 字，上限 {MAX_TEXT_CHARS} 字",
                "把长段落分成几段（docs/limits.md）",
            )  # fmt: skip
        bad = _forbidden_char(value)
        if bad is not None:
            raise self.error(
                node, fld,
                f"含有不可打印的字符 {_describe_char(bad)}（第 {value.index(bad) + 1} 个字）",
                "删除该字符：它多半是从别处复制带入的，或来自 \\x、\\u 转义",
            )  # fmt: skip
        if normalise:
            value, changes = full_width_punctuation(value)
            if changes:
                marks = " ".join(f"{c.old}→{c.new}" for c in changes)
                self.notices.append(
                    Notice(self.file, node.start_mark.line + 1, fld, f"中文中的半角标点已改为全角：{marks}")
                )
        return value

    def text_list(self, node: Node, fld: str) -> list[str]:
        if isinstance(node, ScalarNode):
            return [self.text(node, fld)]
        if not isinstance(node, SequenceNode):
            raise self.error(node, fld, f"应为名称列表，实为{_kind(node)}", "写成 [甲, 乙] 或每行一项“- 甲”")
        return [self.text(item, f"{fld}[{i}]") for i, item in enumerate(node.value)]

    # -- document parts -----------------------------------------------------------------
    def body(
        self,
        node: Node,
        fld: str,
        level: int,
        blocks: list[Block],
        state: _PartState | None = None,
        path: tuple[int, ...] = (),
    ) -> None:
        state = state or _PartState()
        if not isinstance(node, SequenceNode):
            raise self.error(
                node,
                fld,
                f"应为段落和标题的列表，实为{_kind(node)}",
                "每段以“- ”开头",
            )
        ordinal = 0
        for i, item in enumerate(node.value):
            where = f"{fld}[{i}]"
            if _is_text_ending_in_colon(item):
                key = item.value[0][0]
                self.notices.append(
                    Notice(
                        self.file,
                        key.start_mark.line + 1,
                        where,
                        "以英文冒号结尾的文字被 YAML 读成了键，已按文字处理",
                    )
                )
                item = ScalarNode(key.tag, f"{key.value}:", key.start_mark, key.end_mark)
            if isinstance(item, ScalarNode):
                blocks.append(Paragraph(self.text(item, where), self.ref(item, where)))
                continue
            if isinstance(item, SequenceNode):
                raise self.error(item, where, "列表中又套了列表", "下级内容请写成“- heading: 标题”加 body:")
            lead = _lead_key(item)
            if lead == "table":
                blocks.append(self.table(item, where))
                continue
            if lead == "numbered":
                blocks += self.numbered(item, where)
                continue
            if lead == "article":
                blocks.append(self.article(item, where, state))
                continue
            if lead == "chapter":
                self.chapter(item, where, level, path, state, blocks)
                continue
            parts = self.mapping(item, where, HEADING_KEYS, ("heading",))
            if level > MAX_HEADING_LEVEL:
                raise self.error(
                    item,
                    where,
                    f"标题嵌套了 {level} 层",
                    "GB/T 9704 的标题最多四级：一、（一）1.（1）",
                )
            ordinal += 1
            if ordinal > MAX_SIBLING_HEADINGS:
                raise self.error(
                    item, where,
                    f"同一层级的标题超过 {MAX_SIBLING_HEADINGS} 个",
                    "标题序号最多到九十九：把这些标题分到上一层级的几个标题之下",
                )  # fmt: skip
            title = self.text(parts["heading"], f"{where}.heading")
            self.refuse_typed_heading_number(parts["heading"], f"{where}.heading", title, state.scheme)
            run_in = self.text(parts["text"], f"{where}.text") if "text" in parts else None
            heading_path = (*path, ordinal)
            blocks.append(Heading(level, ordinal, title, run_in, self.ref(item, where), state.scheme, heading_path))
            if "body" in parts:
                self.body(parts["body"], f"{where}.body", level + 1, blocks, state, heading_path)

    def refuse_typed_heading_number(self, node: Node, fld: str, title: str, scheme: HeadingScheme) -> None:
        """Heading numbers are generated; a typed one (of either scheme) is an error."""
        if TYPED_DECIMAL.match(title):
            if scheme == "decimal":
                raise self.error(
                    node, fld, f"标题前手写了小数点编号：{title[:8]}…", "去掉编号：1、1.1、1.1.1 由标题的层次自动生成"
                )
            raise self.error(
                node,
                fld,
                f"标题以小数点编号开头，而本部分使用一、（一）1.（1）层次：{title[:8]}…",
                "整个部分改用小数点层次请写 heading_scheme: decimal，并去掉手写编号；两种层次不能混用",
            )
        if TYPED_NUMBER.match(title):
            if scheme == "decimal":
                raise self.error(
                    node,
                    fld,
                    f"小数点层次（heading_scheme: decimal）中混用了一、（一）式编号：{title[:8]}…",
                    "去掉手写编号：本部分的标题编号为 1、1.1、1.1.1，由层次自动生成",
                )
            raise self.error(
                node,
                fld,
                f"标题前手写了编号：{title[:6]}…",
                "去掉编号：标题序号由标题的层次自动生成",
            )

    def numbered(self, node: MappingNode, fld: str) -> list[NumberedParagraph]:
        """``- numbered: [段落, 段落]`` with ``style: 一是``: paragraphs numbered in the body font."""
        parts = self.mapping(node, fld, NUMBERED_KEYS, ("numbered",))
        style = "一是"
        if "style" in parts:
            style = self.text(parts["style"], f"{fld}.style", normalise=False)
            if style not in PARAGRAPH_NUMBER_FORMS:
                raise self.error(
                    parts["style"],
                    f"{fld}.style",
                    f"不认识的编号形式：{style!r}",
                    "可用：" + "、".join(PARAGRAPH_NUMBER_FORMS),
                )
        items = parts["numbered"]
        if not isinstance(items, SequenceNode) or not items.value:
            raise self.error(items, f"{fld}.numbered", "应为段落列表", "numbered: [加强组织领导……, 强化督促检查……]")
        result = []
        for i, item in enumerate(items.value, start=1):
            where = f"{fld}.numbered[{i - 1}]"
            if not isinstance(item, ScalarNode):
                raise self.error(item, where, f"应为一段文字，实为{_kind(item)}", "每项写成一段文字")
            paragraph = NumberedParagraph(style, i, self.text(item, where), self.ref(item, where))
            if paragraph.text.startswith(paragraph.label) or TYPED_NUMBER.match(paragraph.text):
                raise self.error(
                    item,
                    where,
                    f"段首手写了编号：{paragraph.text[:6]}…",
                    f"去掉编号：{paragraph.label}由 style 自动生成",
                )
            result.append(paragraph)
        return result

    def article(self, node: MappingNode, fld: str, state: _PartState) -> Article:
        """``- article: 第一款`` with optional ``body:`` (further 款 and numbered 项)."""
        parts = self.mapping(node, fld, ARTICLE_KEYS, ("article",))
        text = self.text(parts["article"], f"{fld}.article")
        if TYPED_ARTICLE.match(text):
            raise self.error(
                parts["article"], f"{fld}.article", f"条文前手写了条号：{text[:6]}…", "去掉“第×条”：条号由顺序自动生成"
            )
        state.articles += 1
        body: list[Paragraph | NumberedParagraph] = []
        if "body" in parts:
            inner: list[Block] = []
            self.body(parts["body"], f"{fld}.body", 1, inner, state)
            for block in inner:
                if not isinstance(block, Paragraph | NumberedParagraph):
                    where = block.source.field if block.source else f"{fld}.body"
                    raise self.error(
                        parts["body"], where, "条文中只能有段落（款）和编号段落（项）", "标题、表格、章写在条文之外"
                    )
                body.append(block)
        return Article(state.articles, text, body, self.ref(node, fld))

    def chapter(
        self, node: MappingNode, fld: str, level: int, path: tuple[int, ...], state: _PartState, blocks: list[Block]
    ) -> None:
        """``- chapter: 总则`` with ``body:`` (its articles): "第一章　总则" then the body."""
        parts = self.mapping(node, fld, CHAPTER_KEYS, ("chapter", "body"))
        if level != 1:
            raise self.error(node, fld, "章只能写在正文的最外层", "把 chapter 移到 body 的第一层，不要放在标题或章之内")
        title = self.text(parts["chapter"], f"{fld}.chapter")
        if TYPED_ARTICLE.match(title):
            raise self.error(
                parts["chapter"], f"{fld}.chapter", f"章名前手写了章号：{title[:6]}…", "去掉“第×章”：章号由顺序自动生成"
            )
        state.chapters += 1
        blocks.append(Chapter(state.chapters, title, self.ref(node, fld)))
        inner: list[Block] = []
        self.body(parts["body"], f"{fld}.body", level, inner, state, path)
        if any(isinstance(block, Chapter) for block in inner):
            raise self.error(parts["body"], f"{fld}.body", "章内又有章", "章不能嵌套：把下一章写在同一层")
        blocks += inner

    def table(self, node: MappingNode, fld: str) -> Table:
        outer = self.mapping(node, fld, ("table",), ("table",))
        where = f"{fld}.table"
        parts = self.mapping(outer["table"], where, TABLE_KEYS, ("header", "rows"))
        header_node, rows_node = parts["header"], parts["rows"]
        if (
            isinstance(header_node, SequenceNode)
            and header_node.value
            and isinstance(header_node.value[0], SequenceNode)
        ):
            header_nodes = [(item, f"{where}.header[{i}]") for i, item in enumerate(header_node.value)]
        else:
            header_nodes = [(header_node, f"{where}.header")]
        if not isinstance(rows_node, SequenceNode) or not rows_node.value:
            raise self.error(rows_node, f"{where}.rows", "应为行的列表", "rows: [[甲, 1], [乙, 2]]")
        body_nodes = [(item, f"{where}.rows[{i}]") for i, item in enumerate(rows_node.value)]
        grid, spans = self.cell_grid(header_nodes, body_nodes)
        columns = len(grid[0])
        header_rows = grid[: len(header_nodes)]
        widths = [1.0] * columns
        if "widths" in parts:
            raw = self.text_list(parts["widths"], f"{where}.widths")
            try:
                widths = [float(w) for w in raw]
            except ValueError:
                widths = []
            if len(widths) != columns or not all(math.isfinite(w) and w > 0 for w in widths):
                raise self.error(
                    parts["widths"],
                    f"{where}.widths",
                    f"{raw} 不是 {columns} 个正数",
                    "写各列的相对宽度，每个表头单元格一个，如 [3, 1, 2]",
                )
        landscape = self.flag(parts["landscape"], f"{where}.landscape") if "landscape" in parts else False
        caption = self.text(parts["caption"], f"{where}.caption") if "caption" in parts else None
        table = Table(header_rows[0], grid[len(header_nodes) :], widths, landscape, caption, self.ref(node, fld))
        table.subheaders = header_rows[1:]
        table.spans = spans
        if "unit" in parts:
            table.unit = self.text(parts["unit"], f"{where}.unit")
            if not table.unit.startswith("单位"):
                raise self.error(
                    parts["unit"], f"{where}.unit", f"不是计量单位说明：{table.unit!r}", "写成“单位：万元”这样的一行"
                )
        if "split_rows" in parts:
            table.split_rows = self.flag(parts["split_rows"], f"{where}.split_rows")
        return table

    def cell_grid(
        self, header: list[tuple[Node, str]], body: list[tuple[Node, str]]
    ) -> tuple[list[list[str]], list[CellSpan]]:
        """The table's rows as a full grid (cells covered by a merge hold "") and its merges.

        A merged cell is ``{text: 合计, cols: 2, rows: 3}``; the cells it covers are left out
        of the rows it covers (as in HTML). A merge stays inside the header block or the body.
        """
        rows = [*header, *body]
        columns = None
        covered: dict[tuple[int, int], CellSpan] = {}
        grid: list[list[str]] = []
        spans: list[CellSpan] = []
        for r, (row_node, where) in enumerate(rows):
            if not isinstance(row_node, SequenceNode):
                raise self.error(row_node, where, f"应为单元格列表，实为{_kind(row_node)}", "rows: [[甲, 1], [乙, 2]]")
            group_end = len(header) if r < len(header) else len(rows)
            if columns is None:  # the first header row sets the width
                columns = sum(self.cell(cell, f"{where}[{c}]")[2] for c, cell in enumerate(row_node.value))
            row = [""] * columns
            c = 0
            for k, cell_node in enumerate(row_node.value):
                cell_where = f"{where}[{k}]"
                while (r, c) in covered:
                    c += 1
                text, row_span, col_span = self.cell(cell_node, cell_where)
                if c >= columns:
                    raise self.error(
                        row_node,
                        where,
                        f"本行有 {len(row_node.value)} 个单元格，表头只有 {columns} 列（上方合并单元格占的位置也算）",
                        "每行的单元格数与表头相同；被合并覆盖的单元格不写",
                    )
                if c + col_span > columns:
                    raise self.error(
                        cell_node,
                        f"{cell_where}.cols",
                        f"合并单元格跨出表格右边：从第{c + 1}列起跨{col_span}列，表格只有{columns}列",
                        "减小 cols",
                    )
                if r + row_span > group_end:
                    block = "表头" if r < len(header) else "表格"
                    raise self.error(
                        cell_node, f"{cell_where}.rows", f"合并单元格跨出{block}底边：从第{r + 1}行起跨{row_span}行",
                        "减小 rows；表头的合并不能伸进表身" if block == "表头" else "减小 rows，或补足下面的行",
                    )  # fmt: skip
                span = CellSpan(r, c, row_span, col_span, self.ref(cell_node, cell_where))
                for rr in range(r, r + row_span):
                    for cc in range(c, c + col_span):
                        if (rr, cc) in covered:
                            other = covered[(rr, cc)]
                            raise self.error(
                                cell_node, cell_where,
                                f"合并单元格重叠：与第{other.row + 1}行第{other.col + 1}列起的合并单元格重叠",
                                "检查 rows/cols，并删去被合并覆盖的单元格",
                            )  # fmt: skip
                        covered[(rr, cc)] = span
                row[c] = text
                if row_span > 1 or col_span > 1:
                    spans.append(span)
                c += col_span
            missing = [cc for cc in range(columns) if (r, cc) not in covered]
            if missing:
                raise self.error(
                    row_node,
                    where,
                    f"本行只有 {columns - len(missing)} 个单元格，表头有 {columns} 列",
                    "每行的单元格数与表头相同（空单元格写 ''）",
                )
            grid.append(row)
        return grid, spans

    def cell(self, node: Node, fld: str) -> tuple[str, int, int]:
        """(text, rows, cols) of one cell: text ('' for empty), or a merged cell mapping."""
        if isinstance(node, ScalarNode):
            return (self.text(node, fld) if str(node.value).strip() else ""), 1, 1
        if not isinstance(node, MappingNode):
            raise self.error(node, fld, f"应为文字，实为{_kind(node)}", "单元格写文字，或写成 {text: 合计, cols: 2}")
        parts = self.mapping(node, fld, CELL_KEYS, ("text",))
        text_node = parts["text"]
        text = self.text(text_node, f"{fld}.text") if str(getattr(text_node, "value", "x")).strip() else ""
        sizes = [self.count(parts[key], f"{fld}.{key}") if key in parts else 1 for key in ("rows", "cols")]
        if sizes == [1, 1]:
            raise self.error(node, fld, "合并单元格没有跨行或跨列", "写 rows: 2 或 cols: 2；不合并的单元格直接写文字")
        return text, sizes[0], sizes[1]

    def count(self, node: Node, fld: str, *, least: int = 1) -> int:
        raw = self.text(node, fld, normalise=False)
        if not raw.isdigit() or int(raw) < least:
            raise self.error(node, fld, f"应为不小于{least}的整数：{raw!r}", "写阿拉伯数字，如 2")
        return int(raw)

    def flag(self, node: Node, fld: str) -> bool:
        raw = self.text(node, fld, normalise=False).lower()
        if raw in ("true", "yes", "on"):
            return True
        if raw in ("false", "no", "off"):
            return False
        raise self.error(node, fld, f"应为 true 或 false，实为 {raw!r}", "写 true 或 false")

    def pattern(self, node: Node, fld: str, rule: re.Pattern[str], message: str, hint: str) -> str:
        value = self.text(node, fld, normalise=False)
        if not rule.match(value):
            raise self.error(node, fld, f"{message}：{value!r}", hint)
        return value

    def doc_number(self, node: Node, fld: str) -> str:
        """发文字号: 机关代字〔年份〕序号号 (§7.2.4)."""
        value = self.text(node, fld, normalise=False)
        hint = "写成 机关代字〔2021〕12号：四位年份放在六角括号〔〕（U+3014/3015）中，不加“第”，序号不编虚位"
        match = DOC_NUMBER.match(value)
        if match:
            return value
        if re.search(r"[（(\[【]\s*\d{2,4}\s*[）)\]】]", value):
            raise self.error(node, fld, f"年份用错了括号：{value!r}", hint)
        if "第" in value:
            raise self.error(node, fld, f"发文字号中有“第”字：{value!r}", hint)
        if re.search(r"〔\d{4}〕0\d*号", value):
            raise self.error(node, fld, f"序号前编了虚位 0：{value!r}", hint)
        raise self.error(node, fld, f"不是发文字号：{value!r}", hint)

    def header(self, node: Node, fld: str) -> Header:
        parts = self.mapping(node, fld, HEADER_KEYS)
        header = Header()
        if "copy_number" in parts:
            header.copy_number = self.pattern(
                parts["copy_number"],
                f"{fld}.copy_number",
                COPY_NUMBER,
                "份号应为 6 位阿拉伯数字",
                "加引号以保留前面的 0：'000123'",
            )
        if "secrecy" in parts:
            header.secrecy = self.pattern(
                parts["secrecy"],
                f"{fld}.secrecy",
                SECRECY,
                "不是密级和保密期限",
                "写绝密、机密或秘密，可加★和用阿拉伯数字写的保密期限：机密★1年",
            )
        if "urgency" in parts:
            header.urgency = self.pattern(parts["urgency"], f"{fld}.urgency", URGENCY, "不是紧急程度", "写特急或加急")
        if "marks" in parts:
            header.marks = self.text_list(parts["marks"], f"{fld}.marks")
        for key in ("issuer", "issuers"):
            if key in parts:
                header.issuers = self.text_list(parts[key], f"{fld}.{key}")
        if "suffix" in parts:
            header.mark_suffix = self.text(parts["suffix"], f"{fld}.suffix")
        if "doc_number" in parts:
            header.doc_number = self.doc_number(parts["doc_number"], f"{fld}.doc_number")
        if "order_number" in parts:
            if header.doc_number:
                raise self.error(
                    parts["order_number"],
                    f"{fld}.order_number",
                    "既有发文字号又有令号",
                    "命令（令）用令号（order_number）代替发文字号（doc_number）：二者留一个",
                )
            header.doc_number = self.pattern(
                parts["order_number"],
                f"{fld}.order_number",
                ORDER_NUMBER,
                "不是令号",
                "写成“第”＋序号＋“号”，如 第12号（不编虚位）",
            )
        if "signers" in parts:
            header.signers = self.text_list(parts["signers"], f"{fld}.signers")
            if not header.doc_number:
                raise self.error(
                    parts["signers"],
                    f"{fld}.signers",
                    "有签发人却没有发文字号",
                    "上行文标注签发人时也要有发文字号 doc_number",
                )
        if "preprinted" in parts:
            header.preprinted = self.flag(parts["preprinted"], f"{fld}.preprinted")
        if not header.issuers and not header.preprinted:
            raise self.error(
                node,
                f"{fld}.issuer",
                "缺少发文机关标志",
                "写 issuer（发文机关标志）；用已印好版头的纸套打时写 preprinted: true",
            )
        return header

    def attachments(self, node: Node, fld: str, *, nested: bool = False) -> list[Attachment]:
        if not isinstance(node, SequenceNode) or not node.value:
            raise self.error(node, fld, "应为附件列表", "attachments: [名称] 或 [{title: 名称, body: [...]}]")
        result = []
        for i, item in enumerate(node.value):
            where = f"{fld}[{i}]"
            if isinstance(item, ScalarNode):
                result.append(Attachment(self.attachment_title(item, where), [], self.ref(item, where)))
                continue
            parts = self.mapping(item, where, ATTACHMENT_KEYS, ("title",))
            state = _PartState(self.heading_scheme(parts, where))
            body: list[Block] = []
            if "body" in parts:
                self.body(parts["body"], f"{where}.body", 1, body, state)
            separate = False
            if "bound_separately" in parts:
                separate = self.flag(parts["bound_separately"], f"{where}.bound_separately")
                if separate and not body:
                    raise self.error(
                        parts["bound_separately"], f"{where}.bound_separately",
                        "单独装订的附件要有正文：单独装订的是它的页面",
                        "写上 body:，或去掉 bound_separately",
                    )  # fmt: skip
                if separate and nested:
                    raise self.error(
                        parts["bound_separately"], f"{where}.bound_separately", "附件的附件不能单独装订",
                        "去掉 bound_separately，或把它列为主文件的附件",
                    )  # fmt: skip
            title = self.attachment_title(parts["title"], f"{where}.title")
            attachment = Attachment(title, body, self.ref(item, where), separate)
            if "name" in parts:
                attachment.name = self.attachment_title(parts["name"], f"{where}.name")
                if "\n" in attachment.name:
                    raise self.error(parts["name"], f"{where}.name", "附件说明中的名称不能换行", "把名称写在一行")
            if any(key in parts for key in PART_KEYS):
                if not body:
                    raise self.error(
                        item, f"{where}.body", "一份完整文件作附件，要有正文", "写 body:，或去掉主送、署名等键"
                    )
                attachment.part = self.part(parts, where)
            result.append(attachment)
        return result

    def part(self, parts: dict[str, Node], fld: str) -> DocumentPart:
        """The keys a document printed inside another one may carry (:data:`PART_KEYS`)."""
        part = DocumentPart(heading_scheme=self.heading_scheme(parts, fld))
        if "subtitle" in parts:
            part.subtitle = self.text(parts["subtitle"], f"{fld}.subtitle")
        if "doc_number" in parts:
            part.doc_number = self.doc_number(parts["doc_number"], f"{fld}.doc_number")
        if "addressees" in parts:
            part.addressees = self.text_list(parts["addressees"], f"{fld}.addressees")
        if "contents" in parts:
            part.contents = self.contents(parts["contents"], f"{fld}.contents")
        if "signature" in parts:
            seal = self.key_refs(parts["signature"], f"{fld}.signature").get("seal")
            if seal is not None:
                raise ContentError(
                    self.file, seal.line, seal.field, "印发、转发的文件和完整文件附件只印署名和日期，不盖印章",
                    "去掉 seal：印章只盖在本文件（通知、复函）的署名上",
                )  # fmt: skip
            part.signature = self.signature(parts["signature"], f"{fld}.signature")
            part.signature.seals = [Seal("none")] * len(part.signature.seals)
        if "note" in parts:
            part.note = _unbracketed(self.text(parts["note"], f"{fld}.note"))
        if "attachments" in parts:
            part.attachments = self.attachments(parts["attachments"], f"{fld}.attachments", nested=True)
        return part

    def embedded(self, node: Node, fld: str) -> list[EmbeddedDocument]:
        """The documents an 印发/转发/发布 notice carries, after its own 署名 and date."""
        if not isinstance(node, SequenceNode) or not node.value:
            raise self.error(
                node, fld, "应为文件列表", "embedded: [{title: 某某管理办法, body: [...]}]：每份被印发或转发的文件一项"
            )
        result = []
        for i, item in enumerate(node.value):
            where = f"{fld}[{i}]"
            parts = self.mapping(item, where, EMBEDDED_KEYS, ("title", "body"))
            title = self.title_text(parts["title"], f"{where}.title")
            state = _PartState(self.heading_scheme(parts, where))
            body: list[Block] = []
            self.body(parts["body"], f"{where}.body", 1, body, state)
            if not body:
                raise self.error(parts["body"], f"{where}.body", "正文为空", "至少写一段")
            new_page = self.flag(parts["new_page"], f"{where}.new_page") if "new_page" in parts else True
            result.append(EmbeddedDocument(title, body, self.part(parts, where), new_page, self.ref(item, where)))
        return result

    def heading_scheme(self, parts: dict[str, Node], fld: str) -> HeadingScheme:
        if "heading_scheme" not in parts:
            return "gbt9704"
        raw = self.text(parts["heading_scheme"], f"{_join(fld, 'heading_scheme')}", normalise=False)
        if raw not in HEADING_SCHEMES:
            raise self.error(
                parts["heading_scheme"],
                _join(fld, "heading_scheme"),
                f"不认识的标题层次：{raw!r}",
                "gbt9704（一、（一）1.（1），默认）或 decimal（1、1.1、1.1.1）",
            )
        return raw  # type: ignore[return-value]

    def contents(self, node: Node, fld: str) -> Contents:
        """``contents: 2``: a 目录 of the headings down to level 2 (``true``: 2)."""
        raw = self.text(node, fld, normalise=False).lower()
        levels = 2 if raw in ("true", "yes", "on") else int(raw) if raw.isdigit() else 0
        if not 1 <= levels <= MAX_CONTENTS_LEVELS:
            raise self.error(
                node, fld, f"目录层数应为1到{MAX_CONTENTS_LEVELS}：{raw!r}", "contents: 2 列出一级、二级标题"
            )
        return Contents(levels, source=self.ref(node, fld))

    def title_text(self, node: Node, fld: str) -> str:
        """A title: each line you break stays a title line (spaces around it dropped)."""
        title = "\n".join(line.strip() for line in self.text(node, fld).splitlines() if line.strip())
        if title[-1] in TITLE_END_MARKS:
            raise self.error(
                node,
                fld,
                "标题末尾有标点",
                "标题除法规名称加书名号外一般不用标点（§7.3.1）：删去它",
            )
        return title

    def attachment_title(self, node: Node, fld: str) -> str:
        title = "\n".join(line.strip() for line in self.text(node, fld).splitlines() if line.strip())
        if title[-1] in TITLE_END_MARKS:
            raise self.error(
                node,
                fld,
                f"附件名称末尾有标点：{title!r}",
                "附件名称后不加标点符号（§7.3.4）：删去末尾的标点",
            )
        if "\n" in title:
            self.notices.append(
                Notice(
                    self.file,
                    node.start_mark.line + 1,
                    fld,
                    "标题中的换行保留为附件页标题的分行；附件说明中的名称连成一行：" + title.replace("\n", ""),
                )
            )
        return title

    def attendance(self, node: Node, fld: str) -> Attendance:
        parts = self.mapping(node, fld, ATTENDANCE_KEYS)
        lists = {key: self.text_list(value, f"{fld}.{key}") for key, value in parts.items()}
        return Attendance(**lists)

    def record(self, node: Node, fld: str) -> RecordBlock:
        parts = self.mapping(node, fld, RECORD_KEYS)
        record = RecordBlock()
        if "cc" in parts:
            record.cc = [name.rstrip("。，,.") for name in self.text_list(parts["cc"], f"{fld}.cc")]
        if "addressees" in parts:
            record.addressees = self.text_list(parts["addressees"], f"{fld}.addressees")
        if "printer" in parts:
            record.printer = self.text(parts["printer"], f"{fld}.printer")
        if "date" in parts:
            record.print_date = self.date(parts["date"], f"{fld}.date")
        if "copies" in parts:
            record.copies = self.count(parts["copies"], f"{fld}.copies")
        if (record.printer is None) != (record.print_date is None):
            raise self.error(node, fld, "印发机关和印发日期要同时写", "printer: 和 date: 都写，或都不写")
        return record

    def date(self, node: Node, fld: str) -> dt.date:
        raw = self.text(node, fld, normalise=False)
        for form in DATE_FORMS:
            match = form.match(raw)
            if match:
                year, month, day = (int(g) for g in match.groups())
                try:
                    return dt.date(year, month, day)
                except ValueError:
                    raise self.error(node, fld, f"日期不存在：{raw!r}", "检查月份和日") from None
        raise self.error(node, fld, f"不是日期：{raw!r}", "写成 2021-11-23 或 2021年11月23日")

    def seal(self, node: Node, fld: str) -> Seal:
        raw = self.text(node, fld, normalise=False)
        if raw in ("reserve", "none"):
            return Seal(mode=raw)  # type: ignore[arg-type]
        folder = self.path.parent.resolve()
        image = (folder / raw).resolve()
        if image.suffix.lower() not in SEAL_IMAGE_SUFFIXES:
            raise self.error(
                node,
                fld,
                f"{raw!r} 既不是 reserve、none，也不是 PNG/JPEG 图片",
                "seal: reserve（留出位置，手工盖章）、none（不盖章）或 印章.png（图片路径）",
            )
        if not self.unsafe_paths and (Path(raw).is_absolute() or not image.is_relative_to(folder)):
            raise self.error(
                node, fld,
                f"印章图片 {raw!r} 不在内容文件所在的文件夹 {folder} 之内",
                "把图片复制到内容文件旁边并写相对路径（如 seal: 印章.png）；"
                "确信内容文件可信时，API 可传 unsafe_paths=True",
            )  # fmt: skip
        if not image.is_file():
            raise self.error(node, fld, f"找不到印章图片：{image}", "路径相对于内容文件所在的文件夹")
        self.check_image(image, node, fld)
        return Seal(mode="image", image=image)

    def check_image(self, image: Path, node: Node, fld: str) -> None:
        """A seal image within the byte and pixel limits that decodes completely."""
        size = image.stat().st_size
        if size > MAX_SEAL_BYTES:
            raise LimitError(
                self.file, node.start_mark.line + 1, fld,
                f"印章图片 {image.name} 有 {size} 字节，上限 {MAX_SEAL_BYTES} 字节",
                "把图片缩小到 1000×1000 像素左右再用（docs/limits.md）",
            )  # fmt: skip
        try:
            with Image.open(image) as picture:
                width, height = picture.size
                if width * height > MAX_SEAL_PIXELS:
                    raise LimitError(
                        self.file, node.start_mark.line + 1, fld,
                        f"印章图片 {image.name} 为 {width}×{height} 像素，上限 {MAX_SEAL_PIXELS} 像素",
                        "把图片缩小到 1000×1000 像素左右再用（docs/limits.md）",
                    )  # fmt: skip
                if width == 0 or height == 0 or picture.format not in ("PNG", "JPEG"):
                    raise ValueError(f"{picture.format} {width}×{height}")
                picture.load()
        except Image.DecompressionBombError:
            raise LimitError(
                self.file, node.start_mark.line + 1, fld,
                f"印章图片 {image.name} 像素过多，上限 {MAX_SEAL_PIXELS} 像素",
                "把图片缩小到 1000×1000 像素左右再用（docs/limits.md）",
            ) from None  # fmt: skip
        except (OSError, ValueError, SyntaxError, UnidentifiedImageError):
            raise self.error(
                node,
                fld,
                f"印章图片 {image.name} 已损坏或不是 PNG/JPEG 图片",
                "重新导出该图片（PNG 或 JPEG），或写 seal: reserve",
            ) from None

    def profile(self, node: Node) -> str:
        """A profile name, or a path that stays below the working folder unless ``unsafe_paths``."""
        value = self.text(node, "profile", normalise=False)
        path = Path(value)
        if not self.unsafe_paths and (path.is_absolute() or ".." in path.parts):
            raise self.error(
                node, "profile",
                f"样式配置路径 {value!r} 是绝对路径或含有 ..",
                "写样式名（如 gbt9704）或相对路径；确信内容文件可信时，API 可传 unsafe_paths=True",
            )  # fmt: skip
        return value

    def signature(self, node: Node, fld: str) -> Signature:
        parts = self.mapping(node, fld, SIGNATURE_KEYS, ("date",))
        named = [key for key in ("issuer", "issuers", "signers") if key in parts]
        if named[1:]:
            raise self.error(
                node, fld, "issuer、issuers、signers 只能写其中一个",
                "issuer: 台山市大江镇人民政府；signers 用于令的签署（总理　李克强）",
            )  # fmt: skip
        date = self.date(parts["date"], f"{fld}.date")
        if named == ["signers"]:
            for key in ("seal", "signature_seals"):
                if key in parts:
                    raise self.error(
                        parts[key],
                        f"{fld}.{key}",
                        "签署（signers）不带印章",
                        f"去掉 {key}；签名章请用 issuer 与 signature_seals",
                    )
            signers = self.signers(parts["signers"], f"{fld}.signers")
            return Signature([], date, [Seal("none")], signers=signers)
        issuers = self.text_list(parts[named[0]], f"{fld}.{named[0]}") if named else []
        seals = [Seal()] * max(len(issuers), 1)
        if "seal" in parts:
            seal_node = parts["seal"]
            if isinstance(seal_node, SequenceNode):
                seals = [self.seal(item, f"{fld}.seal[{i}]") for i, item in enumerate(seal_node.value)]
                if len(seals) != max(len(issuers), 1):
                    raise self.error(
                        seal_node,
                        f"{fld}.seal",
                        f"有 {len(seals)} 个印章，却有 {len(issuers)} 个发文机关",
                        "每个发文机关一个印章（§7.3.5.1），或只写一个值用于全部",
                    )
            else:
                seals = [self.seal(seal_node, f"{fld}.seal")] * max(len(issuers), 1)
        signature_seals: list[SignatureSeal] = []
        if "signature_seals" in parts:
            if not issuers:
                raise self.error(
                    parts["signature_seals"], f"{fld}.signature_seals", "签名章要有发文机关署名", "加上 issuer"
                )
            signature_seals = self.signature_seals(parts["signature_seals"], f"{fld}.signature_seals")
            if len(signature_seals) != len(issuers):
                raise self.error(
                    parts["signature_seals"],
                    f"{fld}.signature_seals",
                    f"有 {len(signature_seals)} 个签名章，却有 {len(issuers)} 个发文机关",
                    "每个发文机关一个签名章（§7.3.5.3）",
                )
        return Signature(issuers, date, seals, signature_seals)

    def signers(self, node: Node, fld: str) -> list[Signer]:
        """签署 of a 令: ``signers: [{title: 总理, name: 李克强}]``."""
        if not isinstance(node, SequenceNode) or not node.value:
            raise self.error(node, fld, "应为签署人列表", "signers: [{title: 总理, name: 李克强}]")
        result = []
        for i, item in enumerate(node.value):
            parts = self.mapping(item, f"{fld}[{i}]", SIGNER_KEYS, ("title", "name"))
            result.append(
                Signer(self.text(parts["title"], f"{fld}[{i}].title"), self.text(parts["name"], f"{fld}[{i}].name"))
            )
        return result

    def signature_seals(self, node: Node, fld: str) -> list[SignatureSeal]:
        if not isinstance(node, SequenceNode):
            raise self.error(node, fld, "应为签名章列表", "signature_seals: [{title: 镇长, image: 签名章.png}]")
        result = []
        for i, item in enumerate(node.value):
            parts = self.mapping(item, f"{fld}[{i}]", SIGNATURE_SEAL_KEYS, ("title",))
            image = None
            if "image" in parts:
                image = self.seal(parts["image"], f"{fld}[{i}].image").image
            result.append(SignatureSeal(self.text(parts["title"], f"{fld}[{i}].title"), image))
        return result

    def document(self, root: Node) -> Document:
        parts = self.mapping(root, "", DOCUMENT_KEYS, ("title", "body"))
        title = self.title_text(parts["title"], "title")
        state = _PartState(self.heading_scheme(parts, ""))
        if len(title) > MAX_TITLE_CHARS:
            raise LimitError(
                self.file, parts["title"].start_mark.line + 1, "title",
                f"标题过长：{len(title)} 字，上限 {MAX_TITLE_CHARS} 字",
                "公文标题一般不超过三行；把说明性文字移到正文（docs/limits.md）",
            )  # fmt: skip
        blocks: list[Block] = []
        self.body(parts["body"], "body", 1, blocks, state)
        if not blocks:
            raise self.error(parts["body"], "body", "正文为空", "至少写一段")
        signature = self.signature(parts["signature"], "signature") if "signature" in parts else None
        author = self.text(parts["author"], "author") if "author" in parts else ""
        header = self.header(parts["header"], "header") if "header" in parts else None
        note = _unbracketed(self.text(parts["note"], "note")) if "note" in parts else None
        attachments = self.attachments(parts["attachments"], "attachments") if "attachments" in parts else []
        for i, attachment in enumerate(attachments):
            if attachment.bound_separately and not (header and header.doc_number):
                raise self.error(
                    parts["attachments"].value[i], f"attachments[{i}].bound_separately",
                    "单独装订的附件要标注发文字号（§7.3.7），本文件却没有发文字号",
                    "写上 header.doc_number，或把附件与正文一起装订",
                )  # fmt: skip
        doc_number = None
        if "doc_number" in parts:
            if header is not None:
                raise self.error(
                    parts["doc_number"], "doc_number", "有版头时，发文字号写在 header.doc_number",
                    "顶层的 doc_number 只用于没有发文机关标志的文件（网上发布、信笺纸），二者留一个",
                )  # fmt: skip
            doc_number = self.doc_number(parts["doc_number"], "doc_number")
        record = self.record(parts["record"], "record") if "record" in parts else None
        sources = {fld: self.ref(key, fld) for fld, key in _key_nodes(root).items()}
        sources |= {f"header.{fld}": ref for fld, ref in self.key_refs(parts.get("header"), "header").items()}
        sources |= {f"record.{fld}": ref for fld, ref in self.key_refs(parts.get("record"), "record").items()}
        issuer = (signature.issuers[:1] if signature else []) or (header.issuers[:1] if header else [])
        return Document(
            title=title,
            body=blocks,
            profile=self.profile(parts["profile"]) if "profile" in parts else "gbt9704",
            header=header,
            addressees=self.text_list(parts["addressees"], "addressees") if "addressees" in parts else [],
            attachments=attachments,
            signature=signature,
            note=note,
            attendance=self.attendance(parts["attendance"], "attendance") if "attendance" in parts else None,
            record=record,
            author=author or (issuer[0] if issuer else ""),
            source=self.path,
            doc_number=doc_number,
            publication=_unbracketed(self.text(parts["publication"], "publication"))
            if "publication" in parts
            else None,
            heading_scheme=state.scheme,
            contents=self.contents(parts["contents"], "contents") if "contents" in parts else None,
            embedded=self.embedded(parts["embedded"], "embedded") if "embedded" in parts else [],
            sources=sources,
        )


def _is_text_ending_in_colon(node: Node) -> bool:
    """``- 现通知如下:`` parses as a one-key mapping with no value; it is a paragraph."""
    if not isinstance(node, MappingNode) or len(node.value) != 1:
        return False
    key, value = node.value[0]
    return (
        isinstance(key, ScalarNode)
        and key.value not in (*BODY_LEAD_KEYS, "text", "body", "style")
        and isinstance(value, ScalarNode)
        and value.tag.endswith(":null")
        and value.value == ""
    )


def _key_nodes(node: Node | None) -> dict[str, Node]:
    """A mapping's key nodes by key text (empty for anything else)."""
    if not isinstance(node, MappingNode):
        return {}
    return {key.value: key for key, _ in node.value if isinstance(key, ScalarNode)}


def _lead_key(node: MappingNode) -> str | None:
    """The first of :data:`BODY_LEAD_KEYS` the body item has (None: read it as a heading)."""
    keys = {key.value for key, _ in node.value if isinstance(key, ScalarNode)}
    return next((lead for lead in BODY_LEAD_KEYS if lead in keys), None)


def _unbracketed(text: str) -> str:
    """附注-like text printed in （）: brackets the user typed around it are dropped."""
    return text[1:-1] if text[0] in "（(" and text[-1] in "）)" else text


def _join(parent: str, key: str) -> str:
    return f"{parent}.{key}" if parent else key


def _kind(node: Node) -> str:
    if isinstance(node, MappingNode):
        return "映射"
    if isinstance(node, SequenceNode):
        return "列表"
    return f"{node.value!r}"


class _BoundedLoader(yaml.SafeLoader):
    """PyYAML's safe loader, refusing aliases and nesting past ``MAX_YAML_DEPTH``.

    An alias makes a node graph whose walk grows exponentially (a "billion laughs" of a few
    hundred bytes); the content format never needs one.
    """

    def __init__(self, stream: str, file: str):
        super().__init__(stream)
        self.file = file
        self.depth = 0

    def compose_node(self, parent: Node | None, index: object) -> Node | None:  # type: ignore[override]
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            raise LimitError(
                self.file, event.start_mark.line + 1, "",
                f"不支持 YAML 别名（*{event.anchor}）",
                "把内容直接写出来，不用 & 和 * 引用",
            )  # fmt: skip
        self.depth += 1
        if self.depth > MAX_YAML_DEPTH:
            raise LimitError(
                self.file, event.start_mark.line + 1, "",
                f"嵌套超过 {MAX_YAML_DEPTH} 层",
                "标题最多四级；检查缩进或方括号是否多了（docs/limits.md）",
            )  # fmt: skip
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


def compose_yaml(text: str, path: Path | str) -> Node | None:
    """Parse YAML text into a node tree within the limits; every failure is a ContentError
    naming the file and line. Used for content files and profiles alike."""
    file = str(path)
    if len(text) > MAX_CONTENT_BYTES:
        raise LimitError(
            file, None, "", f"文件过大：{len(text)} 字，上限 {MAX_CONTENT_BYTES}", "把附件或长表格分成几份文件"
        )
    bad = _forbidden_char(text)
    if bad is not None:
        at = text.index(bad)
        line = text.count("\n", 0, at) + 1
        column = at - (text.rfind("\n", 0, at) + 1) + 1
        raise ContentError(
            file, line, "",
            f"第 {column} 列有不可打印的字符 {_describe_char(bad)}",
            "删除该字符：它多半是从别处复制带入的",
        )  # fmt: skip
    loader = _BoundedLoader(text, file)
    try:
        return loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        column = f"（第 {mark.column + 1} 列）" if mark else ""
        raise ContentError(
            file,
            mark.line + 1 if mark else None,
            "",
            f"YAML 格式有误{column}：{_yaml_problem_zh(str(exc.problem or exc))}",
            "检查缩进；文字中的英文冒号后要有空格，或给文字加引号",
        ) from None
    except (yaml.YAMLError, RecursionError) as exc:
        raise ContentError(file, None, "", f"YAML 无法读取（原文：{exc}）", "检查文件是否为 YAML 文本") from None
    finally:
        loader.dispose()


# PyYAML's problems (English) by pattern, said in Chinese; any other keeps its words in brackets
YAML_PROBLEMS_ZH = (
    (re.compile(r"mapping values are not allowed here"), "这里不能出现“键: 值”（文字中的英文冒号后跟了空格？）"),
    (re.compile(r"found unexpected end of stream"), "文件在引号或括号闭合之前就结束了"),
    (re.compile(r"found character '\\t' that cannot start any token"), "用了制表符（Tab）缩进，YAML 只能用空格缩进"),
    (re.compile(r"expected '?,'? or '?([\]}])'?, but got (.*)"), r"括号没有闭合：缺少 \1，却遇到了 \2"),
    (re.compile(r"expected <block end>, but found (.*)"), r"缩进不一致：这里不应出现 \1"),
    (re.compile(r"could not find expected ':'"), "缺少“键: 值”中的冒号"),
    (re.compile(r"found unknown escape character"), "双引号中有无效的转义字符（\\ 后的字母）"),
)


def _yaml_problem_zh(problem: str) -> str:
    for pattern, zh in YAML_PROBLEMS_ZH:
        if match := pattern.search(problem):
            return match.expand(zh)
    return f"YAML 解析器无法读取（原文：{problem}）"


def load_text(text: str, path: Path, *, unsafe_paths: bool = False) -> LoadResult:
    """Load content YAML given as text (``path`` names it in messages, resolves seals).

    ``unsafe_paths`` lets ``seal:`` and ``profile:`` name files outside the content file's
    folder (only for content you trust).
    """
    reader = _Reader(path, unsafe_paths=unsafe_paths)
    root = compose_yaml(text.removeprefix("\ufeff"), path)
    if root is None:
        raise ContentError(str(path), None, "", "文件为空", "格式见 docs/content.md")
    return LoadResult(reader.document(root), reader.notices)


def load_document(path: str | Path, *, unsafe_paths: bool = False) -> LoadResult:
    """Read, validate and normalise one content file."""
    path = Path(path)
    hint = "给出 .yaml 内容文件的路径"
    if not path.exists():
        raise ContentError(str(path), None, "", "找不到文件", hint)
    if not path.is_file():
        raise ContentError(str(path), None, "", "不是普通文件（是文件夹或设备）", hint)
    try:
        if path.stat().st_size > MAX_CONTENT_BYTES:
            raise LimitError(
                str(path), None, "", f"文件过大：{path.stat().st_size} 字节，上限 {MAX_CONTENT_BYTES}",
                "把附件或长表格分成几份文件（docs/limits.md）",
            )  # fmt: skip
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ContentError(
            str(path),
            None,
            "",
            f"不是 UTF-8 文本（第 {exc.start + 1} 个字节起无法按 UTF-8 解码）",
            "把文件另存为 UTF-8 编码",
        ) from None
    except OSError as exc:
        raise ContentError(str(path), None, "", f"无法读取（原文：{exc.strerror}）", "检查文件路径和读取权限") from None
    return load_text(text, path, unsafe_paths=unsafe_paths)


def _forbidden_char(text: str) -> str | None:
    """The first control, invisible-format, unassigned or private character (tab and newline pass)."""
    for ch in text:
        if ord(ch) < 0x20 and ch not in "\t\n\r":
            return ch
        if ord(ch) >= 0x7F and unicodedata.category(ch) in ("Cc", "Cf", "Cn", "Co", "Cs"):
            return ch
    return None


def _describe_char(ch: str) -> str:
    name = unicodedata.name(ch, "")
    return f"U+{ord(ch):04X}" + (f" {name}" if name else "")
