"""LibreOffice as a DOCX client: convert DOCX files to PDF headlessly, in one call.

A private user profile (``-env:UserInstallation``) keeps the conversion independent of
any running LibreOffice and of the user's settings. LibreOffice finds fonts through
fontconfig; a ``fonts.conf`` (e.g. :meth:`officialdoc.fonts.FontSet.fontconfig_xml`) maps
the official names written in the DOCX (仿宋_GB2312, 黑体 …) to installed faces.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

from .errors import RenderError

SOFFICE_NAMES = ("soffice", "libreoffice")
MAC_SOFFICE = Path("/Applications/LibreOffice.app/Contents/MacOS/soffice")
WINDOWS_SOFFICE = Path("LibreOffice/program/soffice.exe")


def find_soffice() -> str | None:
    """The LibreOffice executable on PATH (or in its usual macOS/Windows place), else None."""
    for name in SOFFICE_NAMES:
        found = shutil.which(name)
        if found:
            return found
    candidates = [MAC_SOFFICE]
    for env in ("PROGRAMFILES", "PROGRAMFILES(X86)"):
        if root := os.environ.get(env):
            candidates.append(Path(root) / WINDOWS_SOFFICE)
    return next((str(path) for path in candidates if path.is_file()), None)


def docx_to_pdf(
    docx_paths: Sequence[Path],
    outdir: Path,
    fontconfig_xml: str | None = None,
    timeout: float = 120,
) -> list[Path]:
    """Convert DOCX files to ``outdir/<stem>.pdf`` with one LibreOffice process; returns the PDFs.

    ``fontconfig_xml`` (a whole fonts.conf) is given to LibreOffice as ``FONTCONFIG_FILE``.
    Raises RenderError when LibreOffice is missing, fails, times out or leaves a PDF out.
    """
    soffice = find_soffice()
    if soffice is None:
        raise RenderError("找不到 LibreOffice（soffice）；提示：apt-get install libreoffice-writer-nogui")
    sources = [Path(p).resolve() for p in docx_paths]
    if not sources:
        return []
    if missing := [str(p) for p in sources if not p.is_file()]:
        raise RenderError(f"要转换的文件不存在：{'、'.join(missing)}")
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    targets = [outdir / f"{p.stem}.pdf" for p in sources]
    if len(set(targets)) != len(targets):
        raise RenderError("两个同名的 DOCX 文件会转换成同一个 PDF；提示：改名或分开转换")
    with tempfile.TemporaryDirectory(prefix="officialdoc-lo-") as scratch:
        env = dict(os.environ)
        if fontconfig_xml is not None:
            conf = Path(scratch) / "fonts.conf"
            conf.write_text(fontconfig_xml, encoding="utf-8")
            env["FONTCONFIG_FILE"] = str(conf)
        for target in targets:
            target.unlink(missing_ok=True)  # a stale PDF must not pass for a new one
        command = [
            soffice,
            f"-env:UserInstallation={(Path(scratch) / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(outdir.resolve()),
            *map(str, sources),
        ]
        try:
            result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired as exc:
            raise RenderError(f"LibreOffice 未能在 {timeout:g} 秒内转换完 {len(sources)} 个文件") from exc
        except OSError as exc:
            raise RenderError(f"无法运行 LibreOffice（{soffice}）（原文：{exc}）") from exc
    missing_pdfs = [str(t) for t in targets if not t.is_file()]
    if result.returncode != 0 or missing_pdfs:
        detail = (result.stderr or result.stdout).strip() or f"退出状态 {result.returncode}"
        raise RenderError(f"LibreOffice 未能把 {'、'.join(missing_pdfs) or '这些文件'} 转换为 PDF（原文：{detail}）")
    return targets
