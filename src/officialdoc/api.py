"""The public API: load a content file and render it with any installed renderer.

>>> from officialdoc import api
>>> report = api.render_file("content/2021.yaml", "out", ["pdf", "docx"])
>>> report.outputs
[PosixPath('out/2021.pdf'), PosixPath('out/2021.docx')]
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ContentError, FontError, LayoutError, OfficialdocError, RenderError
from .fonts import FontSet
from .layout.engine import LayoutOptions, layout_document
from .load import Notice, load_document
from .model import Document
from .profile import Profile, load_profile
from .renderers import get_renderer

DEFAULT_FORMATS = ("pdf", "docx")


@dataclass
class RenderReport:
    source: Path
    outputs: list[Path] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def verify_text_complete(doc: Document, profile: Profile, fonts: FontSet) -> list[str]:
    """Lay the document out and prove every character of the content is on a page.

    Also resolves a face for every character, so text no font can draw stops the render
    (FontError) before any file is written. Returns font warnings.
    """
    try:
        laid_out = layout_document(doc, profile, fonts, LayoutOptions())
    except FontError as exc:
        if exc.char is None or doc.source is None:
            raise
        raise _located(exc, exc.char, doc) from None
    except LayoutError as exc:
        if doc.source is None or str(exc).startswith(str(doc.source)):
            raise
        raise LayoutError(f"{doc.source}: {exc}") from None
    printed = "".join(
        line.text
        for page in laid_out.pages
        for line in page.lines
        if line.element != "page_number" and not line.repeat  # repeated table headers
    )
    expected = doc.all_text(profile.headings.labels, title=profile.header.print_title).replace("\n", "")
    if printed != expected:
        at = next(
            (i for i, (a, b) in enumerate(zip(printed, expected, strict=False)) if a != b),
            min(len(printed), len(expected)),
        )
        raise RenderError(
            f"layout lost or altered text near character {at}: "
            f"expected {expected[at : at + 12]!r}, laid out {printed[at : at + 12]!r}"
        )
    return laid_out.warnings


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


def render_document(
    doc: Document,
    outdir: Path,
    formats: Sequence[str] = DEFAULT_FORMATS,
    *,
    draft: bool = False,
    fonts: FontSet | None = None,
    stem: str | None = None,
) -> tuple[list[Path], list[str]]:
    """Render a loaded document into ``outdir``; returns (outputs, warnings)."""
    profile = load_profile(doc.profile)
    fonts = fonts or FontSet(profile)
    warnings = verify_text_complete(doc, profile, fonts)
    renderers = [get_renderer(name) for name in formats]
    name = stem or (doc.source.stem if doc.source else "document")
    outputs = []
    for renderer in renderers:
        path = Path(outdir) / f"{name}{renderer.suffix}"
        for warning in renderer.render(doc, profile, fonts, path, draft=draft):
            if warning not in warnings:
                warnings.append(warning)
        outputs.append(path)
    return outputs, warnings


def render_file(
    content: str | Path,
    outdir: str | Path = "out",
    formats: Sequence[str] = DEFAULT_FORMATS,
    *,
    draft: bool = False,
    unsafe_paths: bool = False,
) -> RenderReport:
    """Load, validate and render one content file.

    ``unsafe_paths`` lets the content name a seal image or profile outside its own folder
    (only for content you trust).
    """
    loaded = load_document(content, unsafe_paths=unsafe_paths)
    outputs, warnings = render_document(loaded.document, Path(outdir), formats, draft=draft)
    return RenderReport(Path(content), outputs, loaded.notices, warnings)
