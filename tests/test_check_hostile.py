"""Hostile inputs to `officialdoc check`: each one ends in a clear report within a memory and
CPU bound that the harness enforces (RLIMIT_AS, RLIMIT_CPU on a subprocess), never a crash.

Measured by hand before the bounds: a 1 MB Flate-bomb PDF peaked at 3.15 GB, a 2 MB zip-bomb
DOCX died with MemoryError at 3.1 GB, a 2000-page PDF cost 2.5 MB a page, a 9,000-line page
took 79 s. The bombs here expand to 300 MB (the limits are 64 MB a part, 256 MB in all), which
is enough to prove the reader stops at the limit, not at the end of the bomb.
"""

from __future__ import annotations

import io
import resource
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

import pytest
from docx import Document
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen.canvas import Canvas

from officialdoc.check.bounds import MAX_PAGE_CHARS, MAX_PAGES
from officialdoc.profile import mm_to_pt

MEMORY_MB = 1000  # address space of the checking process (a third of what a bomb took before)
CPU_S = 60
EXPANDS_TO = 300 * 2**20
A4 = (mm_to_pt(210), mm_to_pt(297))


def bounded_check(*paths: Path) -> subprocess.CompletedProcess[str]:
    """``officialdoc check`` in a subprocess that may not use more than the bounds."""

    def limits() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_MB * 2**20, MEMORY_MB * 2**20))
        resource.setrlimit(resource.RLIMIT_CPU, (CPU_S, CPU_S))

    command = [sys.executable, "-m", "officialdoc.cli", "check", "--fail-on", "never", *map(str, paths)]
    result = subprocess.run(command, capture_output=True, text=True, preexec_fn=limits, check=False)
    assert result.returncode >= 0, f"killed by signal {-result.returncode}: {result.stderr[-500:]}"
    assert result.returncode != 3 and "Traceback" not in result.stderr, result.stdout + result.stderr
    return result


def deflated(size: int) -> bytes:
    """``size`` spaces, deflated (raw zlib stream)."""
    packer = zlib.compressobj(9)
    chunk = b" " * 2**20
    return b"".join(packer.compress(chunk) for _ in range(size // 2**20)) + packer.flush()


def zip_bomb_docx(path: Path) -> Path:
    """A valid package whose document.xml expands to EXPANDS_TO bytes."""
    buffer = io.BytesIO()
    Document().save(buffer)
    source = zipfile.ZipFile(buffer)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as out:
        for info in source.infolist():
            data = source.read(info)
            if info.filename != "word/document.xml":
                out.writestr(info, data)
                continue
            with out.open("word/document.xml", "w", force_zip64=True) as member:
                member.write(data.removesuffix(b"</w:document>"))
                for _ in range(EXPANDS_TO // 2**20):
                    member.write(b" " * 2**20)
                member.write(b"</w:document>")
    return path


def flate_bomb_pdf(path: Path) -> Path:
    """A one-page PDF whose content stream inflates to EXPANDS_TO bytes."""
    content = deflated(EXPANDS_TO)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(content) + content + b"\nendstream",
    ]
    pdf = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(pdf))
        pdf += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(pdf)
    pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    pdf += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    pdf += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(pdf))
    return path


@pytest.fixture(scope="module")
def cid_font() -> str:
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    return "STSong-Light"


def test_decompression_bombs_are_refused_with_a_clear_message(tmp_path):
    docx_bomb = zip_bomb_docx(tmp_path / "bomb.docx")
    pdf_bomb = flate_bomb_pdf(tmp_path / "bomb.pdf")
    result = bounded_check(docx_bomb, pdf_bomb)
    assert result.returncode == 2
    assert "bomb.docx（DOCX）：无法读取 — DOCX中的“word/document.xml”解压后超过64MB" in result.stdout
    assert "疑似压缩炸弹" in result.stdout.split("bomb.pdf")[1]


def test_a_2000_page_pdf_is_measured_within_the_bound(tmp_path, cid_font):
    path = tmp_path / "long.pdf"
    canvas = Canvas(str(path), pagesize=A4)
    for _ in range(2000):
        canvas.setFont(cid_font, 16)
        canvas.drawString(mm_to_pt(28), mm_to_pt(297 - 45), "这是一行正文文字")
        canvas.showPage()
    canvas.save()
    result = bounded_check(path)
    assert result.returncode == 0
    assert f"全文2000页，只检查了前{MAX_PAGES}页" in result.stdout


def test_a_page_of_9000_lines_is_counted_not_parsed(tmp_path, cid_font):
    path = tmp_path / "crowded.pdf"
    canvas = Canvas(str(path), pagesize=(mm_to_pt(210), 14000))
    canvas.setFont(cid_font, 1.2)
    for i in range(9000):
        canvas.drawString(mm_to_pt(28), 13990 - i * 1.5, f"第{i}行文字测试这是一行很长的正文")
    canvas.showPage()
    canvas.save()
    result = bounded_check(path)
    assert f"第1页的字符超过{MAX_PAGE_CHARS}个" in result.stdout


def test_yaml_alias_bombs_and_a_self_naming_profile_stay_small(tmp_path):
    """A billion-laughs content file and one that names itself as its profile: the lint reads
    each aliased node once; the profile is not loaded from the content file."""
    laughs = tmp_path / "laughs.yaml"
    levels = ['a: &a ["哈","哈","哈","哈","哈","哈","哈","哈","哈"]']
    for previous, name in zip("abcdefg", "bcdefgh", strict=True):
        levels.append(f"{name}: &{name} [{','.join(['*' + previous] * 9)}]")
    laughs.write_text("\n".join([*levels, "title: 通知", "body: *h"]) + "\n", encoding="utf-8")
    itself = tmp_path / "self.yaml"
    itself.write_text("profile: self.yaml\ntitle: 通知\nbody: [正文。]\n", encoding="utf-8")
    result = bounded_check(laughs, itself)
    assert result.returncode == 0
    assert "是这个内容文件本身，不是版式文件" in result.stdout
