"""Loader: content YAML → :class:`~officialdoc.model.Document`.

Validation works on YAML nodes, so every error names the file, the line and the field
(``body[3].heading``) and gives a hint. Scalars are read as the text the user typed (no
YAML type guessing: ``no`` stays "no"). Half-width punctuation in Chinese text is
normalised here, once, and each change is reported as a :class:`Notice`.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .errors import ContentError
from .model import Block, Document, Heading, Paragraph, Seal, Signature, SourceRef
from .normalize import full_width_punctuation

MAX_HEADING_LEVEL = 4
SEAL_IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg"}
TYPED_NUMBER = re.compile(r"^\s*([一二三四五六七八九十百]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d+[.．、])")
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

    def __init__(self, path: Path):
        self.path = path
        self.file = str(path)
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
            parts = self.mapping(item, where, ("heading", "text", "body"), ("heading",))
            if level > MAX_HEADING_LEVEL:
                raise self.error(
                    item,
                    where,
                    f"heading nested {level} levels deep",
                    "GB/T 9704 numbers four levels: 一、（一）1.（1）",
                )
            ordinal += 1
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
        image = (self.path.parent / raw).resolve()
        if image.suffix.lower() not in SEAL_IMAGE_SUFFIXES:
            raise self.error(
                node,
                fld,
                f"{raw!r} is not 'reserve', 'none' or a PNG/JPEG image",
                "seal: reserve (stamped by hand) | none | path/to/seal.png",
            )
        if not image.is_file():
            raise self.error(node, fld, f"seal image not found: {image}", "the path is relative to the content file")
        return Seal(mode="image", image=image)

    def signature(self, node: Node, fld: str) -> Signature:
        parts = self.mapping(node, fld, ("issuer", "issuers", "date", "seal"), ("date",))
        if ("issuer" in parts) == ("issuers" in parts):
            raise self.error(node, fld, "needs exactly one of 'issuer' or 'issuers'", "issuer: 台山市大江镇人民政府")
        key = "issuer" if "issuer" in parts else "issuers"
        issuers = self.text_list(parts[key], f"{fld}.{key}")
        if len(issuers) != 1:
            raise self.error(
                parts[key],
                f"{fld}.{key}",
                f"{len(issuers)} issuers: joint signatures are not supported yet",
                "give one issuer",
            )
        seal = self.seal(parts["seal"], f"{fld}.seal") if "seal" in parts else Seal()
        return Signature(issuers, self.date(parts["date"], f"{fld}.date"), seal)

    def document(self, root: Node) -> Document:
        parts = self.mapping(
            root, "", ("profile", "title", "addressees", "body", "signature", "author"), ("title", "body")
        )
        title = self.text(parts["title"], "title")
        blocks: list[Block] = []
        self.body(parts["body"], "body", 1, blocks)
        if not blocks:
            raise self.error(parts["body"], "body", "is empty", "write at least one paragraph")
        signature = self.signature(parts["signature"], "signature") if "signature" in parts else None
        author = self.text(parts["author"], "author") if "author" in parts else ""
        return Document(
            title=title,
            body=blocks,
            profile=self.text(parts["profile"], "profile", normalise=False) if "profile" in parts else "gbt9704",
            addressees=self.text_list(parts["addressees"], "addressees") if "addressees" in parts else [],
            signature=signature,
            author=author or (signature.issuers[0] if signature else ""),
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


def load_text(text: str, path: Path) -> LoadResult:
    """Load content YAML given as text (``path`` names it in messages, resolves seals)."""
    reader = _Reader(path)
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise ContentError(
            str(path),
            line,
            "",
            f"malformed YAML: {exc.problem or exc}",
            "check indentation and that every ':' in text is followed by a space or quoted",
        ) from None
    if root is None:
        raise ContentError(str(path), None, "", "the file is empty", "see docs/content.md for the format")
    return LoadResult(reader.document(root), reader.notices)


def load_document(path: str | Path) -> LoadResult:
    """Read, validate and normalise one content file."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ContentError(str(path), None, "", "file not found", "give the path to a .yaml content file") from None
    except UnicodeDecodeError as exc:
        raise ContentError(str(path), None, "", f"not UTF-8 text ({exc.reason})", "save the file as UTF-8") from None
    return load_text(text, path)
