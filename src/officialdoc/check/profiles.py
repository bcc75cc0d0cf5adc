"""Which style profile a file is checked against.

An explicit profile (``--profile``) wins. Otherwise the file's own choice: officialdoc's
renderers record the profile in the keywords of the files they write (PDF ``/Keywords``,
DOCX core property ``keywords``: ``officialdoc-profile:gbt9704-letter``, see
:func:`officialdoc.profile.profile_keywords`), and a content file names it in ``profile:``.
Without either, the default profile (``gbt9704``). A recorded name that is not a known
profile falls back to the default, with a note.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

from docx.document import Document as DocxDocument
from pypdf import PdfReader
from pypdf.errors import PyPdfError

from ..errors import ProfileError
from ..profile import PROFILE_KEYWORD, Profile, load_profile

# A recorded name is a profile of templates/ (a plain name, never a path: the file is not
# ours). LibreOffice exports a DOCX's "officialdoc-profile:gbt9704" as "officialdoc-profile, gbt9704".
RECORDED = re.compile(rf"{re.escape(PROFILE_KEYWORD)}\s*[:,;=]\s*([A-Za-z0-9][A-Za-z0-9_.-]*)")


@cache
def cached_profile(name: str) -> Profile:
    """load_profile, once per name (a check of many files reads each profile once)."""
    return load_profile(name)


@cache
def default_profile() -> Profile:
    """The profile of a file that records none (load_profile's default, gbt9704)."""
    return load_profile()


def from_keywords(keywords: Any) -> str | None:
    """The profile name in a keywords string, if our renderers wrote one."""
    match = RECORDED.search(keywords) if isinstance(keywords, str) else None
    return match.group(1) if match else None


def pdf_recorded(path: Path) -> str | None:
    try:
        info = PdfReader(str(path)).metadata
    except (PyPdfError, OSError, ValueError, KeyError):
        return None  # reading the pages tells whether the file is readable
    return from_keywords(info.get("/Keywords")) if info else None


def docx_recorded(document: DocxDocument) -> str | None:
    return from_keywords(document.core_properties.keywords)


def choose(recorded: str | None, where: str) -> tuple[Profile, list[str]]:
    """The profile a file records (``where`` says where), else the default; and notes."""
    if recorded is None:
        return default_profile(), []
    try:
        return cached_profile(recorded), []
    except ProfileError as exc:
        fallback = default_profile()
        note = f"{where}记录的版式“{recorded}”不存在（{exc}），已按{fallback.name}检查"
        return fallback, [note]
