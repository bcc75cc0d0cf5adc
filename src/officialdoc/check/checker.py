"""Check one file: sniff its kind, choose its profile, run the PDF, DOCX or content rules."""

from __future__ import annotations

import tempfile
import zipfile
from pathlib import Path

from docx import Document as open_docx
from docx.opc.exceptions import PackageNotFoundError
from lxml.etree import XMLSyntaxError
from pdfminer.pdfparser import PDFSyntaxError
from pdfplumber.utils.exceptions import PdfminerException
from pypdf.errors import PyPdfError
from pypdfium2 import PdfiumError

from ..errors import RenderError
from ..profile import Profile, load_profile
from .content import check_content
from .docx import check_docx
from .pdf import check_pdf
from .pdfread import read_pdf
from .profiles import choose, content_recorded, docx_recorded, pdf_recorded
from .render import render_docx
from .report import Report

SNIFF_BYTES = 1024  # a PDF header may follow some junk within the first kilobyte
CONTENT_SUFFIXES = (".yaml", ".yml")
UNREADABLE = (  # what the readers raise for a file that is not what it claims to be
    OSError,
    UnicodeDecodeError,
    ValueError,
    KeyError,
    zipfile.BadZipFile,
    PackageNotFoundError,
    XMLSyntaxError,
    PDFSyntaxError,
    PdfminerException,
    PdfiumError,
    PyPdfError,
)


def detect_kind(path: Path) -> str:
    """pdf, docx or content, by the file's bytes (suffix only for YAML); else unknown."""
    with path.open("rb") as handle:
        head = handle.read(SNIFF_BYTES)
    if b"%PDF-" in head:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        with zipfile.ZipFile(path) as package:
            return "docx" if "word/document.xml" in package.namelist() else "unknown"
    return "content" if path.suffix.lower() in CONTENT_SUFFIXES else "unknown"


def check_file(path: str | Path, profile: Profile | str | None = None, *, render: bool = False) -> Report:
    """Check one file. Never raises for a bad input file: an unreadable one gets ``error``.

    ``profile``: a profile or its name; ``None`` checks the file against the profile it
    records (officialdoc's renderers write it into the file, a content file names it in
    ``profile:``), else the default one (:mod:`officialdoc.check.profiles`).
    ``render`` also converts a DOCX with LibreOffice and runs the PDF rules on the result
    (findings marked ``via="libreoffice"``).
    """
    path = Path(path)
    explicit = load_profile(profile) if isinstance(profile, str) else profile
    try:
        kind = detect_kind(path)
    except UNREADABLE as exc:
        return Report(path, "unknown", error=f"cannot read the file: {exc}")
    report = Report(path, kind)
    if kind == "unknown":
        report.error = "not a PDF, a DOCX or a content file (.yaml)"
        return report
    try:
        if kind == "pdf":
            chosen, notes = explicit, []
            if chosen is None:
                chosen, notes = choose(pdf_recorded(path), "PDF's keywords")
            pages = read_pdf(path, chosen.grid.baseline_in_em)
        elif kind == "docx":
            document = open_docx(str(path))
            chosen, notes = (explicit, []) if explicit else choose(docx_recorded(document), "DOCX's keywords")
        else:
            text = path.read_text(encoding="utf-8")
            chosen, notes = (explicit, []) if explicit else choose(content_recorded(text), "content file")
    except UNREADABLE as exc:
        report.error = f"cannot read the {'content' if kind == 'content' else kind.upper()} file: {exc}"
        return report
    report.profile = chosen.name
    if kind == "pdf":
        report.pages = len(pages)
        report.findings, report.notes = check_pdf(path, pages, chosen)
    elif kind == "docx":
        report.findings, report.notes = check_docx(document, chosen)
        if render:
            _rendered(path, chosen, report)
    else:
        report.findings = check_content(path, text)
    report.notes[:0] = notes
    return report


def _rendered(path: Path, profile: Profile, report: Report) -> None:
    """Add the PDF rules' findings on LibreOffice's rendering of a DOCX."""
    with tempfile.TemporaryDirectory(prefix="officialdoc-check-") as tmp:
        try:
            pdf, notes = render_docx(path, Path(tmp), profile)
        except RenderError as exc:
            report.notes.append(f"--render: {exc}")
            return
        pages = read_pdf(pdf, profile.grid.baseline_in_em)
        report.pages = len(pages)
        findings, pdf_notes = check_pdf(pdf, pages, profile, via="libreoffice")
    report.findings += findings
    report.notes += [f"libreoffice rendering: {note}" for note in notes + pdf_notes]
