"""Content YAML: the loader's validation, plus lint of the text as the clerk typed it.

The lint walks the raw YAML nodes (before normalisation), so it sees what was typed and
where: every string value and key is inspected, whatever its key, so the rules keep
working as the schema grows. A few rules also look at key names when present (``title``,
``heading``, ``attachments``/``附件``, ``doc_number``/``发文字号``, ``date``). A list under
``record.cc`` needs no final "。": the renderer adds it; a 抄送 line typed as text does.

A content error (the loader refuses the file) is a ``required`` finding, YAML-CONTENT,
located at its line; the loader's notices become ``practice`` findings, YAML-NOTICE,
unless a lint finding already points at the same line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..errors import ContentError, ProfileError
from ..load import TYPED_LABELS, TYPED_NUMBER, compose_yaml, load_document
from ..normalize import full_width_punctuation, is_cjk
from ..profile import Profile, load_profile
from .common import ARTICLE, CN_DATE, CN_VALUES, HANZI, ZERO_DATE
from .findings import Finding
from .report import Report
from .rules import finding

TITLE_KEYS = {"title", "标题"}
HEADING_KEYS = {"heading"}
ATTACH_KEYS = {"attachments", "attachment", "附件", "附件说明"}
ATTACH_NAME_KEYS = {"title", "name", "名称"}  # an attachment given as a mapping names itself here
NOT_PARAGRAPHS = {"table"}  # numbers typed in table cells are data, not heading labels
NUMBER_KEYS = {"doc_number", "document_number", "发文字号", "文号"}
DATE_KEYS = {"date", "成文日期", "印发日期"}
TRAILING = "。，、；：？！.,;:?!"
HALF_STOP = re.compile(r"(?<=[\u3400-\u9fff])\.(?=$|\s|[\u3400-\u9fff])")
EMPTY_BRACKETS = re.compile(r"[（(]\s*[）)]")
DOC_NUMBER = re.compile(
    r"(?P<open>[（(\[【〔［])\s*(?P<year>\d{2,4})\s*(?P<close>[）)\]】〕］])\s*(?P<di>第?)\s*(?P<num>\d+)\s*号"
)
GOOD_NUMBER = re.compile(r"^\S*〔\d{4}〕[1-9]\d*号$")
CC_PREFIX = re.compile(r"^抄送[：:]")
ATTACH_PREFIX = re.compile(r"^附件[：:]\s*")
LIST_NUMBER = re.compile(r"\s*\d+[.．]\s*")


def _typed(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    """A typed label at the start of ``text``; not the "1." of a decimal number (1.1, 3.5%)."""
    match = pattern.match(text)
    return None if match is None or text[match.end() : match.end() + 1].isdigit() else match


@dataclass(frozen=True)
class _Text:
    """One string of the file: a value (or a key) with where it stands."""

    value: str
    node: ScalarNode
    keys: tuple[str, ...]  # the mapping keys above it, outermost first
    list_item: bool  # an item of a sequence
    is_key: bool = False

    @property
    def key(self) -> str | None:
        return None if self.list_item or not self.keys else self.keys[-1]

    def position(self, index: int = 0) -> tuple[int, int | None]:
        """1-based (line, column) of character ``index`` of the value."""
        start, end = self.node.start_mark, self.node.end_mark
        if start.line == end.line:
            quoted = 1 if self.node.style in ("'", '"') else 0
            return start.line + 1, start.column + quoted + index + 1
        if self.node.style == "|":
            return start.line + 2 + self.value[:index].count("\n"), None
        return start.line + 1, None


def _walk(
    node: Node, keys: tuple[str, ...] = (), list_item: bool = False, seen: set[int] | None = None
) -> Iterator[_Text]:
    """Every string under ``node``; a node reached again through an alias is read once
    (a YAML alias bomb is a few nodes referenced billions of times)."""
    seen = set() if seen is None else seen
    if id(node) in seen:
        return
    seen.add(id(node))
    if isinstance(node, ScalarNode):
        yield _Text(str(node.value), node, keys, list_item)
    elif isinstance(node, SequenceNode):
        for item in node.value:
            yield from _walk(item, keys, True, seen)
    elif isinstance(node, MappingNode):
        for key, value in node.value:
            if isinstance(key, ScalarNode):
                yield _Text(str(key.value), key, keys, False, is_key=True)
                yield from _walk(value, (*keys, str(key.value)), False, seen)


class _Lint:
    """The lint rules, collecting findings."""

    def __init__(self) -> None:
        self.findings: list[Finding] = []

    def add(self, rule_id: str, text: _Text, index: int, zh: str, en: str) -> None:
        line, column = text.position(index)
        where = ".".join(text.keys) or "文件顶层"
        self.findings.append(
            finding(rule_id, f"第{line}行（{where}）：{zh}", f"line {line} ({where}): {en}", line=line, column=column)
        )

    def lint(self, t: _Text) -> None:
        """Every rule that reads one string."""
        value = t.value
        if HANZI.search(value):
            self.punctuation(t)
        self.doc_number(t)
        self.dates(t)
        if t.is_key:
            return
        stripped = value.strip()
        if not stripped:
            return
        under = set(t.keys)
        if len(t.keys) == 1 and t.key in TITLE_KEYS and stripped[-1] in TRAILING:
            self.add(
                "YAML-TITLE-PUNCT",
                t,
                len(value.rstrip()) - 1,
                f"标题末尾不加标点“{stripped[-1]}”",
                f"the title ends with {stripped[-1]!r}",
            )
        if self.attachment_name(t):
            self.attachment(t, stripped, 0)
        if match := ATTACH_PREFIX.match(stripped):
            self.attachment(t, stripped[match.end() :], match.end())
        if CC_PREFIX.match(stripped) and not stripped.endswith("。"):
            self.add(
                "YAML-CC-PERIOD",
                t,
                len(value.rstrip()) - 1,
                "抄送机关名称后应以句号“。”结尾",
                "抄送 must end with '。'",
            )
        typed = _typed(TYPED_NUMBER, stripped) if HANZI.search(stripped) and not under & NOT_PARAGRAPHS else None
        if typed and t.key in HEADING_KEYS:
            label = typed.group(1)
            self.add(
                "YAML-HEADING-NUMBER",
                t,
                0,
                f"标题自带序号“{label}”，序号由层级自动生成，会重复编号",
                f"heading text starts with its own number {label!r}; numbers are generated from nesting",
            )
        if typed and t.list_item and not under & ATTACH_KEYS:
            label = typed.group(1)
            self.add(
                "YAML-HEADING-TYPED",
                t,
                0,
                f"段落以手打序号“{label}”开头，应改写为“- heading:”，以便自动编号并使用对应字体",
                f"paragraph starts with a typed heading number {label!r}; write it as '- heading:'",
            )
        for match in EMPTY_BRACKETS.finditer(value):
            self.add(
                "YAML-NUMBER-GAP",
                t,
                match.start(),
                f"空括号“{match.group()}”，序号丢失",
                f"empty brackets {match.group()!r}: a lost number",
            )

    @staticmethod
    def attachment_name(t: _Text) -> bool:
        """An attachment's name: ``attachments: [名称]``, ``attachments: 名称`` or ``- title: 名称``
        in an item of ``attachments`` (not the attachment's own body text)."""
        if not t.keys or t.is_key:
            return False
        if t.keys[-1] in ATTACH_KEYS:
            return True
        return len(t.keys) >= 2 and t.keys[-2] in ATTACH_KEYS and t.key in ATTACH_NAME_KEYS

    def punctuation(self, t: _Text) -> None:
        _, changes = full_width_punctuation(t.value)
        stops = [m.start() for m in HALF_STOP.finditer(t.value)]
        marks = sorted([(c.index, c.old) for c in changes] + [(i, ".") for i in stops])
        if marks:
            shown = "".join(dict.fromkeys(m for _, m in marks))
            self.add(
                "YAML-PUNCT-HALFWIDTH",
                t,
                marks[0][0],
                f"中文里有半角标点“{shown}”，应使用全角标点（加载时会自动改正 , : ; ? ! ( )）",
                f"half-width punctuation {shown!r} in Chinese text",
            )
        for i, ch in enumerate(t.value):
            near = [t.value[j] for j in (i - 1, i + 1) if 0 <= j < len(t.value)]
            if ch == '"' or (ch == "'" and any(is_cjk(n) for n in near)):
                self.add(
                    "YAML-PUNCT-QUOTES",
                    t,
                    i,
                    f"中文里用了英文引号“{ch}”，应使用中文引号“”‘’",
                    f"ASCII quote {ch!r} in Chinese text",
                )
                break

    def doc_number(self, t: _Text) -> None:
        for match in DOC_NUMBER.finditer(t.value):
            problems = []
            if (match["open"], match["close"]) != ("〔", "〕"):
                problems.append(
                    (f"年份应使用六角括号〔〕，不用{match['open']}{match['close']}", "brackets must be 〔〕")
                )
            if len(match["year"]) != 4:
                problems.append(("年份应写全四位", "the year must have 4 digits"))
            if match["di"]:
                problems.append(("序号前不加“第”", "no 第 before the number"))
            if match["num"].startswith("0"):
                problems.append(("序号不编虚位（不加0）", "no leading zeros in the number"))
            if problems:
                self.add(
                    "YAML-DOCNUMBER-FORM",
                    t,
                    match.start(),
                    f"发文字号“{match.group()}”：" + "；".join(zh for zh, _ in problems) + "，如〔2021〕12号",
                    f"document number {match.group()!r}: " + "; ".join(en for _, en in problems),
                )
        if t.key in NUMBER_KEYS and not DOC_NUMBER.search(t.value) and not GOOD_NUMBER.match(t.value.strip()):
            self.add(
                "YAML-DOCNUMBER-FORM",
                t,
                0,
                f"发文字号“{t.value.strip()}”不符合“机关代字〔年份〕序号号”格式",
                f"document number {t.value.strip()!r} is not of the form 代字〔2021〕12号",
            )

    def dates(self, t: _Text) -> None:
        matches = list(CN_DATE.finditer(t.value))
        if t.key not in DATE_KEYS:  # a date field is printed normalised, without zeros
            matches += ZERO_DATE.finditer(t.value)
        for match in matches:
            self.add(
                "YAML-DATE-FORM",
                t,
                match.start(),
                f"日期“{match.group()}”应使用阿拉伯数字，年份写全，月日不编虚位（如2021年1月5日）",
                f"date {match.group()!r}: Arabic digits, full year, no leading zeros",
            )

    def attachment(self, t: _Text, names: str, offset: int) -> None:
        for part in LIST_NUMBER.split(names):
            name = part.strip()
            if name and name[-1] in TRAILING:
                self.add(
                    "YAML-ATTACH-PUNCT",
                    t,
                    offset + names.find(part) + len(part.rstrip()) - 1,
                    f"附件名称“{name[:12]}”后不加标点符号",
                    f"attachment name ends with {name[-1]!r}",
                )

    def gaps(self, node: Node, keys: tuple[str, ...] = (), seen: set[int] | None = None) -> None:
        """Typed numbers of sibling paragraphs run 1, 2, 3 … at every level (an aliased
        node is read once)."""
        seen = set() if seen is None else seen
        if id(node) in seen:
            return
        seen.add(id(node))
        if isinstance(node, MappingNode):
            for key, value in node.value:
                self.gaps(value, (*keys, str(key.value)), seen)
            return
        if not isinstance(node, SequenceNode):
            return
        last = [0] * len(TYPED_LABELS)
        for item in node.value:
            self.gaps(item, keys, seen)
            if not isinstance(item, ScalarNode) or not HANZI.search(str(item.value)) or set(keys) & NOT_PARAGRAPHS:
                continue
            if ARTICLE.match(str(item.value).strip()):
                last = [0] * len(TYPED_LABELS)  # 第一条, 第二章 …: numbering starts again
                continue
            for level, pattern in enumerate(TYPED_LABELS):
                match = _typed(pattern, str(item.value).strip())
                if not match:
                    continue
                number = int(match[1]) if match[1].isdigit() else CN_VALUES.get(match[1], 0)
                if number != last[level] + 1:
                    text = _Text(str(item.value), item, keys, True)
                    self.add(
                        "YAML-NUMBER-GAP",
                        text,
                        0,
                        f"序号“{match.group()}”不连续（上一个是第{last[level]}个）",
                        f"typed number {match.group()!r} after {last[level]}: a gap or repeat",
                    )
                last[level] = number
                last[level + 1 :] = [0] * (len(TYPED_LABELS) - level - 1)
                break


def lint_text(text: str) -> list[Finding]:
    """Lint findings of raw content YAML (none when the YAML does not even parse)."""
    try:
        root = compose_yaml(text, "")  # within the loader's limits: no aliases, bounded nesting
    except ContentError:
        return []
    if root is None:
        return []
    lint = _Lint()
    for item in _walk(root):
        lint.lint(item)
    lint.gaps(root)
    return sorted(lint.findings, key=lambda f: (f.line or 0, f.column or 0))


def check_content_file(path: Path, explicit: Profile | None, report: Report) -> None:
    """A content file checked as ``officialdoc render`` would load it, plus the lint:
    the same loader (:func:`officialdoc.load.load_document`), then the profile it names
    loaded as render loads it."""
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        text = ""  # the loader says why
    report.findings = lint_text(text) if text else []
    try:
        result = load_document(path)
    except ContentError as exc:
        report.findings.append(_content_error(exc))
        return
    except yaml.YAMLError as exc:  # an error the loader does not turn into a ContentError (yet)
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        report.findings.append(
            finding(
                "YAML-CONTENT",
                f"{'第' + str(line) + '行' if line else '文件'}：YAML无法解析（原文：{exc}）",
                str(exc),
                line=line,
            )
        )
        return
    linted = {f.line for f in report.findings}
    for notice in result.notices:
        if notice.line not in linted:
            report.findings.append(
                finding(
                    "YAML-NOTICE",
                    f"第{notice.line}行（{notice.field}）：{notice.message}",
                    str(notice),
                    line=notice.line,
                    element=notice.field,
                )
            )
    report.profile = explicit.name if explicit else _profile_of(path, result.document.profile, report)


def _profile_of(path: Path, name: str, report: Report) -> str | None:
    """Load the content file's ``profile:`` as render does; a finding when it cannot be."""
    where = {"element": "profile"}
    if Path(name).suffix in {".yaml", ".yml"} and (path.parent / name).resolve() == path.resolve():
        report.findings.append(
            finding(
                "YAML-CONTENT",
                f"profile：“{name}”是这个内容文件本身，不是版式文件",
                "profile names the file itself",
                **where,
            )
        )
        return None
    try:
        return load_profile(name, path.parent).name  # relative to the content file, as render does
    except ProfileError as exc:
        report.findings.append(
            finding("YAML-CONTENT", f"profile：“{name}”不是可用的版式（{exc}）", f"profile {name!r}: {exc}", **where)
        )
        return None


def _content_error(exc: ContentError) -> Finding:
    where = f"第{exc.line}行" if exc.line else "文件"
    field = f"（{exc.field}）" if exc.field else ""
    hint = f"；提示：{exc.hint}" if exc.hint else ""
    return finding(
        "YAML-CONTENT", f"{where}{field}：{exc.message}{hint}", str(exc), line=exc.line, element=exc.field or None
    )
