"""Resource bounds of the checker: a hostile file is refused before a reader expands it.

These are limits of the machine, not numbers of the standard (docs/check.md lists them).
A DOCX is a zip package: its parts are decompressed as a stream, counting bytes, before
python-docx reads them, so a zip bomb is refused after reading the limit, not the bomb. A
PDF's Flate streams are counted the same way before pdfplumber and pdfium parse the file.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from pathlib import Path

MAX_FILE_BYTES = 200 * 1024 * 1024  # a PDF or DOCX larger than this is not a 公文
MAX_PART_BYTES = 64 * 1024 * 1024  # one DOCX part or one PDF stream, decompressed
MAX_TOTAL_BYTES = 256 * 1024 * 1024  # all of a file's parts or streams, decompressed
MAX_PARTS = 5000  # zip entries of a DOCX
MAX_PAGES = 200  # PDF pages measured; later pages are named in a note, not read
MAX_PAGE_CHARS = 20_000  # a 公文 page holds 22 × 28; a page with more characters is not measured
MAX_IMAGE_PIXELS = 25_000_000  # page 1 images whose pixels are read (the issuer mark as a picture)
CHUNK = 1024 * 1024
STREAM = re.compile(rb"stream\r?\n")


class TooLarge(Exception):
    """A file that would expand past a limit: the message is for the clerk (Chinese)."""


def _file_size(path: Path) -> None:
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise TooLarge(f"文件有{size / 2**20:.0f}MB，超过检查上限{MAX_FILE_BYTES // 2**20}MB，未检查")


def guard_zip(path: Path) -> dict[str, bytes]:
    """Every part of a DOCX package, decompressed within the limits; raises TooLarge."""
    _file_size(path)
    parts: dict[str, bytes] = {}
    total = 0
    with zipfile.ZipFile(path) as package:
        infos = package.infolist()
        if len(infos) > MAX_PARTS:
            raise TooLarge(f"DOCX包含{len(infos)}个部件，超过上限{MAX_PARTS}个，可能是恶意构造的文件，未检查")
        for info in infos:
            if info.is_dir():
                continue
            chunks = []
            size = 0
            with package.open(info) as stream:
                while chunk := stream.read(CHUNK):
                    size += len(chunk)
                    total += len(chunk)
                    if size > MAX_PART_BYTES or total > MAX_TOTAL_BYTES:
                        raise TooLarge(
                            f"DOCX中的“{info.filename}”解压后超过{MAX_PART_BYTES // 2**20}MB"
                            f"（或全部部件超过{MAX_TOTAL_BYTES // 2**20}MB），疑似压缩炸弹，未检查"
                        )
                    chunks.append(chunk)
            parts[info.filename] = b"".join(chunks)
    return parts


def guard_pdf(path: Path) -> None:
    """Refuse a PDF whose Flate streams would expand past the limits (a decompression bomb)."""
    _file_size(path)
    data = path.read_bytes()
    total = 0
    for match in STREAM.finditer(data):
        end = data.find(b"endstream", match.end())
        raw = data[match.end() : end if end >= 0 else len(data)]
        inflater = zlib.decompressobj()
        size = 0
        try:
            piece = inflater.decompress(raw, CHUNK)
            while piece:
                size += len(piece)
                total += len(piece)
                if size > MAX_PART_BYTES or total > MAX_TOTAL_BYTES:
                    raise TooLarge(
                        f"PDF中有数据流解压后超过{MAX_PART_BYTES // 2**20}MB"
                        f"（或全部数据流超过{MAX_TOTAL_BYTES // 2**20}MB），疑似压缩炸弹，未检查"
                    )
                piece = inflater.decompress(inflater.unconsumed_tail, CHUNK)
        except zlib.error:
            continue  # not a Flate stream (an image, a font in another filter): its reader bounds it
