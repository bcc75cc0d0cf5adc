"""The public API: load a content file and render it with any installed renderer.

>>> from officialdoc import api
>>> report = api.render_file("content/2021.yaml", "out", ["pdf", "docx"])
>>> report.outputs
[PosixPath('out/2021.pdf'), PosixPath('out/2021.docx')]
"""

from __future__ import annotations

import itertools
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ContentError, FontError, LayoutError, OfficialdocError, RenderError
from .fonts import FontSet, font_search_path
from .layout.contents import ENTRY_PAGE
from .layout.engine import layout_document
from .layout.result import LaidOutDocument
from .load import LoadResult, Notice, load_document, load_text
from .model import Document, label_formats
from .output import STDIN_NAME, STDIO, OutputError, Transaction, describe_os_error
from .profile import Profile, load_profile
from .renderers import get_renderer

DEFAULT_FORMATS = ("pdf", "docx")


@dataclass
class RenderReport:
    source: Path
    outputs: list[Path] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def verify_text_complete(laid_out: LaidOutDocument) -> None:
    """Prove every character of the content is on a page of the layout result.

    Layout resolved a face for every character, so text no font can draw has already
    stopped the render (FontError) before any file is written.
    """
    doc, profile = laid_out.document, laid_out.profile
    lines = [
        line
        for page in laid_out.pages
        for line in page.lines
        if line.element not in ("page_number", ENTRY_PAGE) and not line.repeat  # repeated table headers
    ]
    # a table row split across pages (split_rows) is read cell by cell, as Table.grid: the
    # cell lines of one table, consecutive across its pages, in the order of their cells
    printed = "".join(
        line.text
        for _, group in itertools.groupby(lines, key=lambda line: (line.owner, line.cell >= 0))
        for line in sorted(group, key=lambda line: line.cell)
    )
    formats = label_formats(profile.headings.labels, profile.headings.decimal_label)
    expected = doc.all_text(formats, title=profile.header.print_title).replace("\n", "")
    if printed != expected:
        at = next(
            (i for i, (a, b) in enumerate(zip(printed, expected, strict=False)) if a != b),
            min(len(printed), len(expected)),
        )
        raise RenderError(
            f"排版丢失或改动了第 {at} 个字附近的文字：原文为 {expected[at : at + 12]!r}，"
            f"排出的是 {printed[at : at + 12]!r}；未写任何文件，请附上内容文件报告此问题"
        )


def load_content(source: str | Path, *, unsafe_paths: bool = False) -> LoadResult:
    """Load a content file, or standard input for ``"-"`` (its paths are then relative to the current folder)."""
    if str(source) != STDIO:
        return load_document(source, unsafe_paths=unsafe_paths)
    name = Path("<标准输入>")  # its parent is ".": seal and profile paths resolve from the current folder
    try:
        text = sys.stdin.buffer.read().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ContentError(
            str(name), None, "", f"不是 UTF-8 文本（第 {exc.start + 1} 个字节起无法按 UTF-8 解码）", "以 UTF-8 编码保存"
        ) from None
    return load_text(text, name, unsafe_paths=unsafe_paths)


def _located(exc: FontError, char: str, doc: Document) -> OfficialdocError:
    """The font error, placed at the first line of the content file that holds ``char``."""
    source = Path(doc.source or "")
    try:
        lines = source.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeError):
        return exc
    number = next((i for i, line in enumerate(lines, 1) if char in line), None)
    if number is None:
        return exc
    refs = (getattr(block, "source", None) for block in doc.body)
    key = next((ref.field for ref in refs if ref is not None and ref.line == number), "")
    if not key and ":" in lines[number - 1]:
        key = lines[number - 1].split(":", 1)[0].strip(" -")
    return ContentError(
        str(source), number, key, f"没有字体能显示字符 U+{ord(char):04X}（{char}），它会印成空白方框",
        f"换用常用字或删除该字符；或安装含有它的字体（如 fonts-noto-cjk）。原始信息：{exc}",
    )  # fmt: skip


def _layout_located(doc: Document, profile: Profile, fonts: FontSet) -> LaidOutDocument:
    """Lay the document out; a font or layout error is placed in the content file."""
    try:
        return layout_document(doc, profile, fonts)
    except FontError as exc:
        if exc.char is None or doc.source is None:
            raise
        raise _located(exc, exc.char, doc) from None
    except LayoutError as exc:
        if doc.source is None or str(exc).startswith(str(doc.source)):
            raise
        raise LayoutError(f"{doc.source}: {exc}") from None


def render_document(
    doc: Document,
    outdir: Path,
    formats: Sequence[str] = DEFAULT_FORMATS,
    *,
    draft: bool = False,
    fonts: FontSet | None = None,
    stem: str | None = None,
    targets: Sequence[Path] | None = None,
    fonts_dirs: Sequence[Path] = (),
) -> tuple[list[Path], list[str]]:
    """Render a loaded document into ``outdir`` (or onto ``targets``, one per format); returns
    (outputs, warnings). The document is laid out once; every renderer reads that result.
    Every output is written or none is (see :mod:`officialdoc.output`).

    Paths in the content (``profile:``, ``seal:``) are relative to the content file's folder.
    """
    profile = load_profile(doc.profile, doc.source.parent if doc.source else None)
    fonts = fonts or FontSet(profile, [d for d, _ in font_search_path(fonts_dirs)])
    renderers = [get_renderer(name) for name in formats]
    laid_out = _layout_located(doc, profile, fonts)  # once: the proof and every renderer read it
    verify_text_complete(laid_out)
    warnings = list(laid_out.warnings)
    name = stem or (doc.source.stem if doc.source else STDIN_NAME)
    targets = list(targets or [Path(outdir) / f"{name}{renderer.suffix}" for renderer in renderers])
    with Transaction(targets) as transaction:
        for renderer, temp, target in zip(renderers, transaction.temps, targets, strict=True):
            try:
                produced = renderer.render(laid_out, temp, draft=draft)
            except OSError as exc:
                raise OutputError(describe_os_error(exc, target)) from None
            warnings += [warning for warning in produced if warning not in warnings]
        transaction.commit()
    return targets, warnings


def render_file(
    content: str | Path,
    outdir: str | Path = "out",
    formats: Sequence[str] = DEFAULT_FORMATS,
    *,
    draft: bool = False,
    targets: Sequence[Path] | None = None,
    fonts_dirs: Sequence[Path] = (),
    unsafe_paths: bool = False,
) -> RenderReport:
    """Load, validate and render one content file (``"-"``: standard input).

    ``unsafe_paths`` lets the content name a seal image or profile outside its own folder
    (only for content you trust).
    """
    loaded = load_content(content, unsafe_paths=unsafe_paths)
    stem = STDIN_NAME if str(content) == STDIO else None
    outputs, warnings = render_document(
        loaded.document, Path(outdir), formats, draft=draft, stem=stem, targets=targets, fonts_dirs=fonts_dirs
    )
    return RenderReport(Path(content), outputs, loaded.notices, warnings)
