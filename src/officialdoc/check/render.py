"""DOCX → PDF through LibreOffice, so that the PDF rules can measure what it renders.

The conversion is the project's LibreOffice harness (:mod:`officialdoc.libreoffice`). The
official font names a DOCX asks for (仿宋_GB2312, 黑体 …) are mapped to the faces the
profile's font set resolves on this machine, as a clerk's PC would show them; a
``FONTCONFIG_FILE`` already set in the environment is respected instead.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import FontError
from ..fonts import FontSet
from ..libreoffice import docx_to_pdf
from ..profile import Profile


def render_docx(path: Path, outdir: Path, profile: Profile) -> tuple[Path, list[str]]:
    """The PDF LibreOffice makes of ``path`` in ``outdir``, and notes on the fonts used.

    Raises RenderError when LibreOffice is missing or fails.
    """
    notes: list[str] = []
    fontconfig = None
    if "FONTCONFIG_FILE" not in os.environ:
        try:
            fontconfig = FontSet(profile).fontconfig_xml()
        except FontError as exc:
            notes.append(f"公文字体名未能映射给LibreOffice（{exc}），由它自行替换字体")
    (pdf,) = docx_to_pdf([path], outdir, fontconfig_xml=fontconfig)
    return pdf, notes
