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
from .model import (
    Attachment,
    Attendance,
    Block,
    Document,
    Header,
    Heading,
    Paragraph,
    RecordBlock,
    Seal,
    Signature,
    SignatureSeal,
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
DOC_NUMBER = re.compile(r"^\S+〔\d{4}〕[1-9]\d*号$")
COPY_NUMBER = re.compile(r"^\d{6}$")
ORDER_NUMBER = re.compile(r"^第([1-9]\d*|[一二三四五六七八九十百千]+)号$")  # 令号 (§10.2)
SECRECY = re.compile(r"^(绝密|机密|秘密)(★(\d+年|\d+个月|长期))?$")
URGENCY = re.compile(r"^(特急|加急)$")
DATE_FORMS = (
    re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$"),
)


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

    # -- typed readers ------------------------------------------------------------------
    def mapping(
        self, node: Node, fld: str, allowed: tuple[str, ...], required: tuple[str, ...] = ()
    ) -> dict[str, Node]:
        if not isinstance(node, MappingNode):
            raise self.error(node, fld, f"expected a mapping (key: value), got {_kind(node)}")
        items: dict[str, Node] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, ScalarNode) else None
            if key not in allowed:
                close = difflib.get_close_matches(str(key), allowed, n=1)
                hint = f"did you mean '{close[0]}'?" if close else f"allowed: {', '.join(allowed)}"
                raise self.error(key_node, _join(fld, str(key)), "unknown key", hint)
            if key in items:
                raise self.error(key_node, _join(fld, key), "key given twice")
            items[key] = value_node
        for key in required:
            if key not in items:
                raise self.error(node, _join(fld, key), "missing", f"add '{key}:' to {fld or 'the file'}")
        return items

    def text(self, node: Node, fld: str, *, normalise: bool = True) -> str:
        if not isinstance(node, ScalarNode):
            raise self.error(node, fld, f"expected text, got {_kind(node)}", "write the text on one line, or quote it")
        value = str(node.value).strip()
        if not value:
            raise self.error(node, fld, "is empty", "write the text, or remove the key")
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
                    Notice(self.file, node.start_mark.line + 1, fld, f"half-width punctuation made full-width: {marks}")
                )
        return value

    def text_list(self, node: Node, fld: str) -> list[str]:
        if isinstance(node, ScalarNode):
            return [self.text(node, fld)]
        if not isinstance(node, SequenceNode):
            raise self.error(node, fld, f"expected a list of names, got {_kind(node)}")
        return [self.text(item, f"{fld}[{i}]") for i, item in enumerate(node.value)]

    # -- document parts -----------------------------------------------------------------
    def body(self, node: Node, fld: str, level: int, blocks: list[Block]) -> None:
        if not isinstance(node, SequenceNode):
            raise self.error(
                node,
                fld,
                f"expected a list of paragraphs and headings, got {_kind(node)}",
                "start each paragraph with '- '",
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
                        "text ending in ':' was read by YAML as a key; taken as text",
                    )
                )
                item = ScalarNode(key.tag, f"{key.value}:", key.start_mark, key.end_mark)
            if isinstance(item, ScalarNode):
                blocks.append(Paragraph(self.text(item, where), self.ref(item, where)))
                continue
            if isinstance(item, SequenceNode):
                raise self.error(
                    item, where, "a list inside a list", "use '- heading: …' with 'body:' for a sub-section"
                )
            if isinstance(item, MappingNode) and any(k.value == "table" for k, _ in item.value):
                blocks.append(self.table(item, where))
                continue
            parts = self.mapping(item, where, ("heading", "text", "body"), ("heading",))
            if level > MAX_HEADING_LEVEL:
                raise self.error(
                    item,
                    where,
                    f"heading nested {level} levels deep",
                    "GB/T 9704 numbers four levels: 一、（一）1.（1）",
                )
            ordinal += 1
            if ordinal > MAX_SIBLING_HEADINGS:
                raise self.error(
                    item, where,
                    f"同一层级的标题超过 {MAX_SIBLING_HEADINGS} 个",
                    "标题序号最多到九十九：把这些标题分到上一层级的几个标题之下",
                )  # fmt: skip
            title = self.text(parts["heading"], f"{where}.heading")
            if TYPED_NUMBER.match(title):
                raise self.error(
                    parts["heading"],
                    f"{where}.heading",
                    f"heading starts with a typed number: {title[:6]}…",
                    "remove the number: officialdoc numbers headings from their nesting",
                )
            run_in = self.text(parts["text"], f"{where}.text") if "text" in parts else None
            blocks.append(Heading(level, ordinal, title, run_in, self.ref(item, where)))
            if "body" in parts:
                self.body(parts["body"], f"{where}.body", level + 1, blocks)

    def table(self, node: MappingNode, fld: str) -> Table:
        outer = self.mapping(node, fld, ("table",), ("table",))
        where = f"{fld}.table"
        parts = self.mapping(
            outer["table"], where, ("header", "rows", "widths", "landscape", "caption"), ("header", "rows")
        )
        header = self.text_list(parts["header"], f"{where}.header")
        rows_node = parts["rows"]
        if not isinstance(rows_node, SequenceNode) or not rows_node.value:
            raise self.error(rows_node, f"{where}.rows", "expected a list of rows", "rows: [[甲, 1], [乙, 2]]")
        rows = []
        for i, row_node in enumerate(rows_node.value):
            row = self.cells(row_node, f"{where}.rows[{i}]")
            if len(row) != len(header):
                raise self.error(
                    row_node,
                    f"{where}.rows[{i}]",
                    f"{len(row)} cells, the header has {len(header)}",
                    "give every row as many cells as the header (use '' for an empty cell)",
                )
            rows.append(row)
        widths = [1.0] * len(header)
        if "widths" in parts:
            raw = self.text_list(parts["widths"], f"{where}.widths")
            try:
                widths = [float(w) for w in raw]
            except ValueError:
                widths = []
            if len(widths) != len(header) or not all(math.isfinite(w) and w > 0 for w in widths):
                raise self.error(
                    parts["widths"],
                    f"{where}.widths",
                    f"{raw} are not {len(header)} positive numbers",
                    "relative column widths, one per header cell, e.g. [3, 1, 2]",
                )
        landscape = self.flag(parts["landscape"], f"{where}.landscape") if "landscape" in parts else False
        caption = self.text(parts["caption"], f"{where}.caption") if "caption" in parts else None
        return Table(header, rows, widths, landscape, caption, self.ref(node, fld))

    def cells(self, node: Node, fld: str) -> list[str]:
        """A table row: cells may be empty ('')."""
        if not isinstance(node, SequenceNode):
            raise self.error(node, fld, f"expected a list of cells, got {_kind(node)}", "rows: [[甲, 1], [乙, 2]]")
        row = []
        for i, cell in enumerate(node.value):
            if not isinstance(cell, ScalarNode):
                raise self.error(cell, f"{fld}[{i}]", f"expected text, got {_kind(cell)}")
            row.append(self.text(cell, f"{fld}[{i}]") if str(cell.value).strip() else "")
        return row

    def flag(self, node: Node, fld: str) -> bool:
        raw = self.text(node, fld, normalise=False).lower()
        if raw in ("true", "yes", "on"):
            return True
        if raw in ("false", "no", "off"):
            return False
        raise self.error(node, fld, f"expected true or false, got {raw!r}")

    def pattern(self, node: Node, fld: str, rule: re.Pattern[str], message: str, hint: str) -> str:
        value = self.text(node, fld, normalise=False)
        if not rule.match(value):
            raise self.error(node, fld, f"{message}: {value!r}", hint)
        return value

    def doc_number(self, node: Node, fld: str) -> str:
        """发文字号: 机关代字〔年份〕序号号 (§7.2.4)."""
        value = self.text(node, fld, normalise=False)
        hint = "write it as 机关代字〔2021〕12号: 4-digit year in 〔〕 (U+3014/3015), no 第, no leading zeros"
        match = DOC_NUMBER.match(value)
        if match:
            return value
        if re.search(r"[（(\[【]\s*\d{2,4}\s*[）)\]】]", value):
            raise self.error(node, fld, f"year in the wrong brackets: {value!r}", hint)
        if "第" in value:
            raise self.error(node, fld, f"发文字号 has 第: {value!r}", hint)
        if re.search(r"〔\d{4}〕0\d*号", value):
            raise self.error(node, fld, f"serial number with a leading zero: {value!r}", hint)
        raise self.error(node, fld, f"not a 发文字号: {value!r}", hint)

    def header(self, node: Node, fld: str) -> Header:
        parts = self.mapping(
            node,
            fld,
            (
                "copy_number", "secrecy", "urgency", "issuer", "issuers", "suffix", "doc_number", "order_number",
                "signers", "preprinted",
            ),
        )  # fmt: skip
        header = Header()
        if "copy_number" in parts:
            header.copy_number = self.pattern(
                parts["copy_number"],
                f"{fld}.copy_number",
                COPY_NUMBER,
                "份号 is 6 Arabic digits",
                "quote it to keep leading zeros: '000123'",
            )
        if "secrecy" in parts:
            header.secrecy = self.pattern(
                parts["secrecy"],
                f"{fld}.secrecy",
                SECRECY,
                "not a 密级和保密期限",
                "绝密, 机密 or 秘密, optionally ★ and a period in Arabic digits: 机密★1年",
            )
        if "urgency" in parts:
            header.urgency = self.pattern(parts["urgency"], f"{fld}.urgency", URGENCY, "not a 紧急程度", "特急 or 加急")
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
                    "both a 发文字号 and a 令号",
                    "an order (命令) has a 令号 (order_number) in place of the 发文字号 (doc_number): keep one",
                )
            header.doc_number = self.pattern(
                parts["order_number"],
                f"{fld}.order_number",
                ORDER_NUMBER,
                "not a 令号",
                "第 + the number + 号, e.g. 第12号 (no leading zeros)",
            )
        if "signers" in parts:
            header.signers = self.text_list(parts["signers"], f"{fld}.signers")
            if not header.doc_number:
                raise self.error(
                    parts["signers"],
                    f"{fld}.signers",
                    "签发人 without a 发文字号",
                    "an upward document (上行文) with 签发人 also has a doc_number",
                )
        if "preprinted" in parts:
            header.preprinted = self.flag(parts["preprinted"], f"{fld}.preprinted")
        if not header.issuers and not header.preprinted:
            raise self.error(
                node,
                f"{fld}.issuer",
                "missing",
                "name the issuing organ (发文机关标志), or set preprinted: true for 套打 paper",
            )
        return header

    def attachments(self, node: Node, fld: str) -> list[Attachment]:
        if not isinstance(node, SequenceNode) or not node.value:
            raise self.error(
                node, fld, "expected a list of attachments", "attachments: [名称] or [{title: 名称, body: [...]}]"
            )
        result = []
        for i, item in enumerate(node.value):
            where = f"{fld}[{i}]"
            if isinstance(item, ScalarNode):
                result.append(Attachment(self.attachment_title(item, where), [], self.ref(item, where)))
                continue
            parts = self.mapping(item, where, ("title", "body", "bound_separately"), ("title",))
            body: list[Block] = []
            if "body" in parts:
                self.body(parts["body"], f"{where}.body", 1, body)
            separate = False
            if "bound_separately" in parts:
                separate = self.flag(parts["bound_separately"], f"{where}.bound_separately")
                if separate and not body:
                    raise self.error(
                        parts["bound_separately"], f"{where}.bound_separately",
                        "an attachment bound separately needs a body: it is its pages that are bound apart",
                        "give it a body, or drop bound_separately",
                    )  # fmt: skip
            title = self.attachment_title(parts["title"], f"{where}.title")
            result.append(Attachment(title, body, self.ref(item, where), separate))
        return result

    def attachment_title(self, node: Node, fld: str) -> str:
        title = self.text(node, fld)
        if title[-1] in "。，；：、.,;:":
            raise self.error(
                node,
                fld,
                f"attachment name ends with punctuation: {title!r}",
                "附件名称后不加标点符号 (§7.3.4): remove the final mark",
            )
        return title

    def attendance(self, node: Node, fld: str) -> Attendance:
        parts = self.mapping(node, fld, ("present", "absent", "attending"))
        lists = {key: self.text_list(value, f"{fld}.{key}") for key, value in parts.items()}
        return Attendance(**lists)

    def record(self, node: Node, fld: str) -> RecordBlock:
        parts = self.mapping(node, fld, ("cc", "addressees", "printer", "date"))
        record = RecordBlock()
        if "cc" in parts:
            record.cc = [name.rstrip("。，,.") for name in self.text_list(parts["cc"], f"{fld}.cc")]
        if "addressees" in parts:
            record.addressees = self.text_list(parts["addressees"], f"{fld}.addressees")
        if "printer" in parts:
            record.printer = self.text(parts["printer"], f"{fld}.printer")
        if "date" in parts:
            record.print_date = self.date(parts["date"], f"{fld}.date")
        if (record.printer is None) != (record.print_date is None):
            raise self.error(node, fld, "印发机关 and 印发日期 go together", "give both printer: and date:, or neither")
        return record

    def date(self, node: Node, fld: str) -> dt.date:
        raw = self.text(node, fld, normalise=False)
        for form in DATE_FORMS:
            match = form.match(raw)
            if match:
                year, month, day = (int(g) for g in match.groups())
                try:
                    return dt.date(year, month, day)
                except ValueError as exc:
                    raise self.error(node, fld, f"impossible date {raw!r} ({exc})", "check the month and day") from None
        raise self.error(node, fld, f"not a date: {raw!r}", "write it as 2021-11-23 or 2021年11月23日")

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
                f"{raw!r} is not 'reserve', 'none' or a PNG/JPEG image",
                "seal: reserve (stamped by hand) | none | path/to/seal.png",
            )
        if not self.unsafe_paths and (Path(raw).is_absolute() or not image.is_relative_to(folder)):
            raise self.error(
                node, fld,
                f"印章图片 {raw!r} 不在内容文件所在的文件夹 {folder} 之内",
                "把图片复制到内容文件旁边并写相对路径（如 seal: 印章.png）；"
                "确信内容文件可信时，API 可传 unsafe_paths=True",
            )  # fmt: skip
        if not image.is_file():
            raise self.error(node, fld, f"seal image not found: {image}", "the path is relative to the content file")
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
        except (OSError, ValueError, SyntaxError, UnidentifiedImageError) as exc:
            raise self.error(
                node,
                fld,
                f"印章图片 {image.name} 已损坏或不是 PNG/JPEG 图片（{exc}）",
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
        parts = self.mapping(node, fld, ("issuer", "issuers", "date", "seal", "signature_seals"), ("date",))
        if ("issuer" in parts) == ("issuers" in parts):
            raise self.error(node, fld, "needs exactly one of 'issuer' or 'issuers'", "issuer: 台山市大江镇人民政府")
        key = "issuer" if "issuer" in parts else "issuers"
        issuers = self.text_list(parts[key], f"{fld}.{key}")
        seals = [Seal()] * len(issuers)
        if "seal" in parts:
            seal_node = parts["seal"]
            if isinstance(seal_node, SequenceNode):
                seals = [self.seal(item, f"{fld}.seal[{i}]") for i, item in enumerate(seal_node.value)]
                if len(seals) != len(issuers):
                    raise self.error(
                        seal_node,
                        f"{fld}.seal",
                        f"{len(seals)} seals for {len(issuers)} issuers",
                        "one seal per issuer (§7.3.5.1), or a single value for all",
                    )
            else:
                seals = [self.seal(seal_node, f"{fld}.seal")] * len(issuers)
        signature_seals: list[SignatureSeal] = []
        if "signature_seals" in parts:
            signature_seals = self.signature_seals(parts["signature_seals"], f"{fld}.signature_seals")
            if len(signature_seals) != len(issuers):
                raise self.error(
                    parts["signature_seals"],
                    f"{fld}.signature_seals",
                    f"{len(signature_seals)} signature seals for {len(issuers)} issuers",
                    "one 签名章 per issuing organ (§7.3.5.3)",
                )
        return Signature(issuers, self.date(parts["date"], f"{fld}.date"), seals, signature_seals)

    def signature_seals(self, node: Node, fld: str) -> list[SignatureSeal]:
        if not isinstance(node, SequenceNode):
            raise self.error(node, fld, "expected a list", "signature_seals: [{title: 镇长, image: sign.png}]")
        result = []
        for i, item in enumerate(node.value):
            parts = self.mapping(item, f"{fld}[{i}]", ("title", "image"), ("title",))
            image = None
            if "image" in parts:
                image = self.seal(parts["image"], f"{fld}[{i}].image").image
            result.append(SignatureSeal(self.text(parts["title"], f"{fld}[{i}].title"), image))
        return result

    def document(self, root: Node) -> Document:
        keys = (
            "profile",
            "header",
            "title",
            "addressees",
            "body",
            "attachments",
            "signature",
            "note",
            "attendance",
            "record",
            "author",
        )
        parts = self.mapping(root, "", keys, ("title", "body"))
        title = self.text(parts["title"], "title")
        if len(title) > MAX_TITLE_CHARS:
            raise LimitError(
                self.file, parts["title"].start_mark.line + 1, "title",
                f"标题过长：{len(title)} 字，上限 {MAX_TITLE_CHARS} 字",
                "公文标题一般不超过三行；把说明性文字移到正文（docs/limits.md）",
            )  # fmt: skip
        if title.rstrip()[-1] in "。，；：、.,;:":
            raise self.error(
                parts["title"],
                "title",
                "the title ends with punctuation",
                "标题除法规名称加书名号外一般不用标点 (§7.3.1): remove it",
            )
        blocks: list[Block] = []
        self.body(parts["body"], "body", 1, blocks)
        if not blocks:
            raise self.error(parts["body"], "body", "is empty", "write at least one paragraph")
        signature = self.signature(parts["signature"], "signature") if "signature" in parts else None
        author = self.text(parts["author"], "author") if "author" in parts else ""
        header = self.header(parts["header"], "header") if "header" in parts else None
        note = self.text(parts["note"], "note") if "note" in parts else None
        if note and note[0] in "（(" and note[-1] in "）)":
            note = note[1:-1]
        attachments = self.attachments(parts["attachments"], "attachments") if "attachments" in parts else []
        for i, attachment in enumerate(attachments):
            if attachment.bound_separately and not (header and header.doc_number):
                raise self.error(
                    parts["attachments"].value[i], f"attachments[{i}].bound_separately",
                    "an attachment bound separately is labelled with the 发文字号 (§7.3.7), and there is none",
                    "give header.doc_number, or bind the attachment with the 正文",
                )  # fmt: skip
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
            record=self.record(parts["record"], "record") if "record" in parts else None,
            author=author
            or (signature.issuers[0] if signature else (header.issuers[0] if header and header.issuers else "")),
            source=self.path,
        )


def _is_text_ending_in_colon(node: Node) -> bool:
    """``- 现通知如下:`` parses as a one-key mapping with no value; it is a paragraph."""
    if not isinstance(node, MappingNode) or len(node.value) != 1:
        return False
    key, value = node.value[0]
    return (
        isinstance(key, ScalarNode)
        and key.value not in ("heading", "text", "body")
        and isinstance(value, ScalarNode)
        and value.tag.endswith(":null")
        and value.value == ""
    )


def _join(parent: str, key: str) -> str:
    return f"{parent}.{key}" if parent else key


def _kind(node: Node) -> str:
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
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
        raise ContentError(
            file,
            mark.line + 1 if mark else None,
            "",
            f"malformed YAML: {exc.problem or exc}",
            "check indentation and that every ':' in text is followed by a space or quoted",
        ) from None
    except (yaml.YAMLError, RecursionError) as exc:
        raise ContentError(file, None, "", f"YAML 无法读取：{exc}", "检查文件是否为 YAML 文本") from None
    finally:
        loader.dispose()


def load_text(text: str, path: Path, *, unsafe_paths: bool = False) -> LoadResult:
    """Load content YAML given as text (``path`` names it in messages, resolves seals).

    ``unsafe_paths`` lets ``seal:`` and ``profile:`` name files outside the content file's
    folder (only for content you trust).
    """
    reader = _Reader(path, unsafe_paths=unsafe_paths)
    root = compose_yaml(text.removeprefix("\ufeff"), path)
    if root is None:
        raise ContentError(str(path), None, "", "the file is empty", "see docs/content.md for the format")
    return LoadResult(reader.document(root), reader.notices)


def load_document(path: str | Path, *, unsafe_paths: bool = False) -> LoadResult:
    """Read, validate and normalise one content file."""
    path = Path(path)
    hint = "give the path to a .yaml content file"
    if not path.exists():
        raise ContentError(str(path), None, "", "file not found", hint)
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
        raise ContentError(str(path), None, "", f"not UTF-8 text ({exc.reason})", "save the file as UTF-8") from None
    except OSError as exc:
        raise ContentError(str(path), None, "", f"无法读取：{exc.strerror}", "检查文件路径和读取权限") from None
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
