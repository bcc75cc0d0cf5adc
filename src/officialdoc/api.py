"""The public API: load a content file and render it with any installed renderer.

>>> from officialdoc import api
>>> report = api.render_file("content/2021.yaml", "out", ["pdf", "docx"])
>>> report.outputs
[PosixPath('out/2021.pdf'), PosixPath('out/2021.docx')]
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .errors import RenderError
from .fonts import FontSet
from .layout.contents import ENTRY_PAGE
from .layout.engine import layout_document
from .layout.result import LaidOutDocument
from .load import Notice, load_document
from .model import Document, label_formats
from .pending import refuse_unplaceable
from .profile import load_profile
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
            f"layout lost or altered text near character {at}: "
            f"expected {expected[at : at + 12]!r}, laid out {printed[at : at + 12]!r}"
        )


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
    refuse_unplaceable(doc)  # content this version cannot lay out yet stops here (issue #9)
    profile = load_profile(doc.profile)
    fonts = fonts or FontSet(profile)
    renderers = [get_renderer(name) for name in formats]
    laid_out = layout_document(doc, profile, fonts)  # once: the proof and every renderer read it
    verify_text_complete(laid_out)
    warnings = list(laid_out.warnings)
    name = stem or (doc.source.stem if doc.source else "document")
    outputs = []
    for renderer in renderers:
        path = Path(outdir) / f"{name}{renderer.suffix}"
        for warning in renderer.render(laid_out, path, draft=draft):
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
) -> RenderReport:
    """Load, validate and render one content file."""
    loaded = load_document(content)
    outputs, warnings = render_document(loaded.document, Path(outdir), formats, draft=draft)
    return RenderReport(Path(content), outputs, loaded.notices, warnings)
