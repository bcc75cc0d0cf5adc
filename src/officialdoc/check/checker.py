"""Check one file: sniff its kind, choose its profile, run the PDF, DOCX or content rules.

Each file is isolated: whatever goes wrong in reading or checking one file is that file's
report (``error`` for a file that cannot be read, ``internal_error`` for a fault of the
checker), and the other files are still checked.
"""

from __future__ import annotations

import tempfile
import traceback
import zipfile
from pathlib import Path

from docx.opc.exceptions import PackageNotFoundError
from lxml.etree import XMLSyntaxError
from pdfminer.pdfparser import PDFSyntaxError
from pdfplumber.utils.exceptions import PdfminerException
from pypdf.errors import PyPdfError
from pypdfium2 import PdfiumError

from ..errors import RenderError
from ..profile import Profile, load_profile
from .bounds import TooLarge, guard_pdf
from .content import check_content_file
from .docx import check_docx
from .package import open_package
from .pdf import check_pdf
from .pdfread import read_pdf
from .profiles import choose, docx_recorded, pdf_recorded
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
    """Check one file. Never raises: an unreadable file gets ``error``, a fault of the
    checker itself ``internal_error`` (with what was found before it, if anything).

    ``profile``: a profile or its name; ``None`` checks the file against the profile it
    records (officialdoc's renderers write it into the file, a content file names it in
    ``profile:``), else the default one (:mod:`officialdoc.check.profiles`).
    ``render`` also converts a DOCX with LibreOffice and runs the PDF rules on the result
    (findings marked ``via="libreoffice"``).
    """
    path = Path(path)
    explicit = load_profile(profile) if isinstance(profile, str) else profile  # the caller's error
    report = Report(path, "unknown")
    try:
        _check(path, explicit, render, report)
    except TooLarge as exc:
        report.error = str(exc)
    except Exception as exc:  # a bug of the checker must not hide the other files' reports
        report.internal_error = internal_message(exc)
    return report


def why_zh(exc: BaseException) -> str:
    """Why a file cannot be read, in Chinese (the reader's own words follow in brackets)."""
    if isinstance(exc, FileNotFoundError):
        return "文件不存在"
    if isinstance(exc, IsADirectoryError):
        return "这是一个文件夹，不是文件"
    if isinstance(exc, PermissionError):
        return "没有读取权限"
    if isinstance(exc, zipfile.BadZipFile | PackageNotFoundError | KeyError):
        return f"不是完整的Word文件包，可能已损坏（原文：{exc}）"
    if "password" in str(exc).lower() or "encrypt" in str(exc).lower():
        return "PDF有密码保护（已加密），无法读取"
    if isinstance(exc, PDFSyntaxError | PdfminerException | PdfiumError | PyPdfError):
        return f"PDF文件结构损坏（原文：{exc}）"
    return f"文件已损坏或格式不对（原文：{type(exc).__name__}: {exc}）"


def internal_message(exc: BaseException) -> str:
    """The report of a fault of the checker: what, where in the code, and a request."""
    frame = traceback.extract_tb(exc.__traceback__)[-1:] if exc.__traceback__ else []
    where = f"（{Path(frame[0].filename).name}:{frame[0].lineno}）" if frame else ""
    return f"检查程序内部错误：{type(exc).__name__}: {exc}{where}；请把此文件和这条信息报告给维护者"


def _check(path: Path, explicit: Profile | None, render: bool, report: Report) -> None:
    try:
        report.kind = detect_kind(path)
    except UNREADABLE as exc:
        report.error = why_zh(exc)
        return
    if report.kind == "unknown":
        report.error = "不是PDF、DOCX或内容文件（.yaml）"
        return
    if report.kind == "content":
        check_content_file(path, explicit, report)
        return
    try:
        if report.kind == "pdf":
            guard_pdf(path)
            chosen, notes = (explicit, []) if explicit else choose(pdf_recorded(path), "PDF的关键词")
            pages = read_pdf(path, chosen.grid.baseline_in_em)
        else:
            document = open_package(path)
            chosen, notes = (explicit, []) if explicit else choose(docx_recorded(document), "DOCX的关键词")
    except UNREADABLE as exc:
        report.error = why_zh(exc)
        return
    report.profile = chosen.name
    report.notes += notes
    result = check_pdf(path, pages, chosen) if report.kind == "pdf" else check_docx(document, chosen)
    if report.kind == "pdf":
        report.pages = pages.count
    report.findings += result.findings
    report.notes += result.notes
    report.evidence = result.evidence
    if result.failures:
        report.internal_error = "检查程序内部错误：" + "；".join(result.failures) + "；请把此文件和这条信息报告给维护者"
    if report.kind == "docx" and render:
        _rendered(path, chosen, report)


def _rendered(path: Path, profile: Profile, report: Report) -> None:
    """Add the PDF rules' findings on LibreOffice's rendering of a DOCX."""
    with tempfile.TemporaryDirectory(prefix="officialdoc-check-") as tmp:
        try:
            pdf, notes = render_docx(path, Path(tmp), profile)
        except RenderError as exc:
            report.notes.append(f"--render：LibreOffice未能转换（{exc}）")
            return
        pages = read_pdf(pdf, profile.grid.baseline_in_em)
        report.pages = pages.count
        result = check_pdf(pdf, pages, profile, via="libreoffice")
    if result.failures:
        report.internal_error = "检查程序内部错误（LibreOffice排出的版面）：" + "；".join(result.failures)
    report.findings += result.findings
    report.notes += [f"LibreOffice排出的版面：{note}" for note in notes + result.notes]
