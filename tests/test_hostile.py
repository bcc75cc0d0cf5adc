"""Hostile and broken input (issue #13): each case ends in a clear error with a documented
exit status (errors.py), within a memory and CPU bound set on the subprocess
(RLIMIT_AS, RLIMIT_CPU: a blow-up dies by the limit, no timing is asserted), and with
nothing written."""

from __future__ import annotations

import io
import os
import resource
import shutil
import struct
import subprocess
import sys
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image

from officialdoc.errors import EXIT_INPUT, EXIT_LIMIT, EXIT_OK
from officialdoc.fonts import default_cache_dir

MEMORY_BYTES = 1 << 30  # a render needs some 500 MB of address space
CPU_SECONDS = 60
GOOD_REST = "body:\n  - 正文。\nsignature: {issuer: 台山市大江镇人民政府, date: 2021-11-23, seal: SEAL}\n"


def _limits() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BYTES, MEMORY_BYTES))
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS))


def run_bounded(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """``python -m officialdoc.cli ARGS`` (or ``python -c``) under the resource limits."""
    command = [sys.executable, *args] if args[0] == "-c" else [sys.executable, "-m", "officialdoc.cli", *args]
    return subprocess.run(
        command,
        cwd=cwd,
        env={**os.environ, **(env or {})},
        preexec_fn=_limits,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
    )


def png(width: int, height: int) -> bytes:
    """A PNG whose header says width × height (its pixel data is one tiny row: a header bomb)."""
    small = io.BytesIO()
    Image.new("RGB", (1, 1), (230, 0, 0)).save(small, "PNG")
    data = small.getvalue()
    ihdr = struct.pack(">II", width, height) + data[24:29]
    chunk = b"IHDR" + ihdr
    return data[:12] + chunk + struct.pack(">I", zlib.crc32(chunk)) + data[33:]


def seal_png() -> bytes:
    out = io.BytesIO()
    Image.new("RGBA", (200, 200), (230, 0, 0, 255)).save(out, "PNG")
    return out.getvalue()


def content(title: str = "关于做好法治建设工作的通知", seal: str = "reserve", head: str = "") -> str:
    return f"{head}title: {title}\n" + GOOD_REST.replace("SEAL", seal)


def nested_headings(depth: int) -> str:
    lines = ["title: 关于测试的通知", "body:"]
    for level in range(depth):
        pad = "  " * (2 * level + 1)
        lines += [f"{pad}- heading: 第{level}层", f"{pad}  body:"]
    lines.append("  " * (2 * depth + 1) + "- 正文。")
    return "\n".join(lines) + "\n"


BILLION_LAUGHS = (
    "a: &a [正文, 正文, 正文, 正文, 正文, 正文, 正文, 正文, 正文]\n"
    + "".join(f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8))
    + "title: 关于测试的通知\nbody: *i\n"
)
ALIAS_HEADINGS = "title: 关于测试的通知\nbody:\n  - &h\n    heading: 总体要求\n    body: [正文。]\n" + "".join(
    "  - *h\n" for _ in range(200)
)


def profile_with(change: Callable[[str], str]) -> Callable[[Path], None]:
    def write(folder: Path) -> None:
        base = (Path(__file__).resolve().parents[1] / "templates" / "gbt9704.yaml").read_text(encoding="utf-8")
        (folder / "bad.yaml").write_bytes(change(base).encode("utf-8", "surrogateescape"))

    return write


@dataclass
class Case:
    name: str
    text: str | bytes  # doc.yaml
    status: int
    fragment: str  # in the error message
    extra: Callable[[Path], None] | None = None  # more files in the folder


CASES = [
    Case("control character", content().replace("正文。", "正\x01文。"), EXIT_INPUT, "不可打印的字符 U+0001"),
    Case("NUL", content().replace("正文。", "正\x00文。"), EXIT_INPUT, "不可打印的字符 U+0000"),
    Case("escaped control", content().replace("- 正文。", '- "正\\x01文。"'), EXIT_INPUT, "body[0]: 含有不可打印"),
    Case("zero-width space", content().replace("正文。", "正\u200b文。"), EXIT_INPUT, "U+200B"),
    Case(
        "emoji", content().replace("正文。", "正文😀。"), EXIT_INPUT, "doc.yaml:3: body[0]: 没有字体能显示字符 U+1F600"
    ),
    Case("CJK extension B", content(title="关于𠀀的通知"), EXIT_INPUT, "doc.yaml:1: title: 没有字体能显示字符 U+20000"),
    Case("billion laughs", BILLION_LAUGHS, EXIT_LIMIT, "不支持 YAML 别名"),
    Case("aliased headings", ALIAS_HEADINGS, EXIT_LIMIT, "不支持 YAML 别名"),
    Case("900 nested lists", "title: 通知\nbody: " + "[" * 900 + "]" * 900 + "\n", EXIT_LIMIT, "嵌套超过"),
    Case("900 nested mappings", "title: 通知\nbody: " + "{a: " * 900 + "b" + "}" * 900 + "\n", EXIT_LIMIT, "嵌套超过"),
    Case("deep headings", nested_headings(30), EXIT_LIMIT, "嵌套超过"),
    Case(
        "100 sibling headings",
        "title: 关于测试的通知\nbody:\n" + "".join(f"  - heading: 要求{i}\n" for i in range(100)),
        EXIT_INPUT,
        "同一层级的标题超过 99 个",
    ),
    *(
        Case(
            f"table widths {bad}",
            f"title: 关于测试的通知\nbody:\n  - table:\n      header: [甲, 乙]\n      rows: [[1, 2]]\n"
            f"      widths: [{bad}, 1]\n",
            EXIT_INPUT,
            "widths",
        )
        for bad in ("inf", "nan", "-1", "0")
    ),
    Case(
        "corrupt image",
        content(seal="seal.png"),
        EXIT_INPUT,
        "已损坏",
        lambda d: (d / "seal.png").write_bytes(b"x" * 500),
    ),
    Case(
        "truncated image",
        content(seal="seal.png"),
        EXIT_INPUT,
        "已损坏",
        lambda d: (d / "seal.png").write_bytes(seal_png()[:300]),
    ),
    Case(
        "0×0 image", content(seal="seal.png"), EXIT_INPUT, "已损坏", lambda d: (d / "seal.png").write_bytes(png(0, 0))
    ),
    Case(
        "30000×30000 image",
        content(seal="seal.png"),
        EXIT_LIMIT,
        "像素过多",
        lambda d: (d / "seal.png").write_bytes(png(30000, 30000)),
    ),
    Case(
        "9000×9000 image",
        content(seal="seal.png"),
        EXIT_LIMIT,
        "9000×9000 像素",
        lambda d: (d / "seal.png").write_bytes(png(9000, 9000)),
    ),
    Case(
        "absolute seal path", content(seal="/usr/share/pixmaps/debian-logo.png"), EXIT_INPUT, "不在内容文件所在的文件夹"
    ),
    Case("../ seal path", content(seal="../seal.png"), EXIT_INPUT, "不在内容文件所在的文件夹"),
    Case("profile outside", content(head="profile: /etc/gbt.yaml\n"), EXIT_INPUT, "绝对路径或含有 .."),
    Case(
        "grid.lines: 0",
        content(head="profile: bad.yaml\n"),
        EXIT_INPUT,
        "bad.yaml:23: grid.lines: 0 必须大于 0",
        profile_with(lambda t: t.replace("  lines: 22 ", "  lines: 0 ")),
    ),
    Case(
        "size_pt: 0",
        content(head="profile: bad.yaml\n"),
        EXIT_INPUT,
        "styles.body.size_pt: 0 必须大于 0",
        profile_with(
            lambda t: t.replace("body:        {font: fangsong, size_pt: 16", "body:        {font: fangsong, size_pt: 0")
        ),
    ),
    Case(
        "carry_lines: 0",
        content(head="profile: bad.yaml\n"),
        EXIT_INPUT,
        "signature.carry_lines: 0 必须大于 0",
        profile_with(lambda t: t.replace("  carry_lines: 2", "  carry_lines: 0")),
    ),
    Case(
        "keep_body_lines one short",
        content(head="profile: bad.yaml\n"),
        EXIT_INPUT,
        "headings.keep_body_lines: 有 3 项，标题有 4 级",
        profile_with(lambda t: t.replace("keep_body_lines: [2, 1, 1, 1]", "keep_body_lines: [2, 1, 1]")),
    ),
    Case(
        "keep_body_lines negative",
        content(head="profile: bad.yaml\n"),
        EXIT_INPUT,
        "headings.keep_body_lines: -1 不是 0 到 22 的整数",
        profile_with(lambda t: t.replace("keep_body_lines: [2, 1, 1, 1]", "keep_body_lines: [2, -1, 1, 1]")),
    ),
    Case(
        "text for a number",
        content(head="profile: bad.yaml\n"),
        EXIT_INPUT,
        "不是数字",
        profile_with(lambda t: t.replace("  lines: 22 ", "  lines: 二十二 ")),
    ),
    Case(
        "bad colour",
        content(head="profile: bad.yaml\n"),
        EXIT_INPUT,
        "colors.red: '#FF00' 不是颜色",
        profile_with(lambda t: t.replace('red: "#FF0000"', 'red: "#FF00"')),
    ),
    Case(
        "malformed profile",
        content(head="profile: bad.yaml\n"),
        EXIT_INPUT,
        "YAML 格式有误",
        profile_with(lambda t: t + "\nbroken: [\n"),
    ),
    Case(
        "non-UTF-8 profile",
        content(head="profile: bad.yaml\n"),
        EXIT_INPUT,
        "不是 UTF-8",
        profile_with(lambda t: t.replace("# 3号仿宋", "# \udcff")),
    ),
    Case(
        "profile alias bomb",
        content(head="profile: bad.yaml\n"),
        EXIT_INPUT,
        "不支持 YAML 别名",
        profile_with(lambda t: t + "\n" + BILLION_LAUGHS.split("title:")[0]),
    ),
    Case("content as its own profile", content(head="profile: doc.yaml\n"), EXIT_INPUT, "缺少 fonts 一节"),
    Case(
        "title of 100 characters", content(title=("关于印发台山市大江镇法治建设工作要点的通知" * 10)[:100]), EXIT_OK, ""
    ),
    Case(
        "title of 200 characters", content(title=("关于印发台山市大江镇法治建设工作要点的通知" * 10)[:200]), EXIT_OK, ""
    ),
    Case(
        "title of 500 characters",
        content(title=("关于印发台山市大江镇法治建设工作要点的通知" * 30)[:500]),
        EXIT_LIMIT,
        "标题过长",
    ),
    Case("paragraph of 2M characters", content().replace("正文。", "正" * 2_000_000), EXIT_LIMIT, "文件过大"),
    Case("paragraph of 20001 characters", content().replace("正文。", "正" * 20_001), EXIT_LIMIT, "文字过长"),
    Case("paragraph of 20000 characters", content().replace("正文。", "正" * 19_999 + "。"), EXIT_OK, ""),
    Case("not UTF-8", content().encode("gbk"), EXIT_INPUT, "不是 UTF-8"),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_hostile_content(case: Case, tmp_path: Path):
    folder = tmp_path / "in"
    folder.mkdir()
    doc = folder / "doc.yaml"
    doc.write_bytes(case.text if isinstance(case.text, bytes) else case.text.encode("utf-8"))
    if case.extra:
        case.extra(folder)
    (tmp_path / "seal.png").write_bytes(seal_png())  # what ../seal.png would reach
    result = run_bounded(["render", "doc.yaml", "-o", str(tmp_path / "out")], folder)
    assert result.returncode == case.status, result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    assert case.fragment in result.stderr
    made = sorted(p.name for p in (tmp_path / "out").glob("*")) if (tmp_path / "out").exists() else []
    assert made == ([] if case.status else ["doc.docx", "doc.pdf"])


def test_a_directory_as_input(tmp_path: Path):
    (tmp_path / "doc.yaml").mkdir()
    result = run_bounded(["render", "doc.yaml", "-o", "out"], tmp_path)
    assert result.returncode == EXIT_INPUT and "是文件夹" in result.stderr


FONTS_SCRIPT = """
from pathlib import Path
from officialdoc.api import render_document
from officialdoc.fonts import FontSet, font_search_path
from officialdoc.load import load_document
from officialdoc.profile import load_profile
fonts = FontSet(load_profile(), [folder for folder, _ in font_search_path([Path("fonts")])])
outputs, warnings = render_document(load_document("doc.yaml").document, Path("out"), ["pdf"], fonts=fonts)
print("\\n".join(warnings))
"""


def test_bad_font_files_are_skipped_with_a_warning(tmp_path: Path):
    """A FIFO named *.ttf is never opened (the render would block); corrupt and truncated fonts are named."""
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    os.mkfifo(fonts / "pipe.ttf")
    (fonts / "garbage.otf").write_bytes(b"OTTO" + b"\0" * 400)
    real = next(p for d in ("/usr/share/fonts", "/usr/share/texmf") for p in sorted(Path(d).rglob("*.ttf")))
    (fonts / "cut.ttf").write_bytes(real.read_bytes()[:4000])
    (tmp_path / "doc.yaml").write_text(content(), encoding="utf-8")
    cache = tmp_path / "cache"
    for folder in ("metrics", "ttf"):
        if (default_cache_dir() / folder).is_dir():
            shutil.copytree(default_cache_dir() / folder, cache / folder)
    result = run_bounded(["-c", FONTS_SCRIPT], tmp_path, {"OFFICIALDOC_CACHE": str(cache)})
    assert result.returncode == 0, result.stderr[-2000:]
    for name in ("pipe.ttf", "garbage.otf", "cut.ttf"):
        assert f"fonts/{name}" in result.stdout
    assert (tmp_path / "out" / "doc.pdf").is_file()


def test_bad_cache_files_are_rebuilt(tmp_path: Path):
    """A truncated converted font, bad metrics entries and an index of the wrong shape are
    rebuilt by the next run, which succeeds (the run after it too)."""
    cache = tmp_path / "cache"
    (tmp_path / "doc.yaml").write_text(content(), encoding="utf-8")
    for folder in ("metrics", "ttf"):
        if (default_cache_dir() / folder).is_dir():
            shutil.copytree(default_cache_dir() / folder, cache / folder)
    env = {"OFFICIALDOC_CACHE": str(cache)}
    assert run_bounded(["render", "doc.yaml", "-o", "out", "-f", "pdf"], tmp_path, env).returncode == 0
    converted = max((cache / "ttf").glob("*.ttf"), key=lambda p: p.stat().st_mtime)
    with converted.open("r+b") as handle:
        handle.truncate(converted.stat().st_size // 2)
    for metrics in (cache / "metrics").glob("*.json"):
        metrics.write_text('{"upem": 1000, "codes": [1], "advances": [], "ink": []}', encoding="utf-8")
    (cache / "font-index-v3.json").write_text('{"/x.ttf": {"size": "big"}}', encoding="utf-8")
    shutil.rmtree(tmp_path / "out")
    for _ in range(2):
        result = run_bounded(["render", "doc.yaml", "-o", "out"], tmp_path, env)
        assert result.returncode == 0, result.stderr[-2000:]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["doc.docx", "doc.pdf"]


@pytest.mark.parametrize("text", [BILLION_LAUGHS, ALIAS_HEADINGS], ids=["billion laughs", "aliased headings"])
def test_check_refuses_aliases_as_render_does(text: str, tmp_path: Path):
    """`check` read a ~500-byte billion-laughs file that `render` refused, and grew without bound."""
    (tmp_path / "doc.yaml").write_text(text, encoding="utf-8")
    result = run_bounded(["check", "doc.yaml"], tmp_path)
    assert result.returncode > 0 and result.returncode < 128, result.stderr[-2000:]
    assert "不支持 YAML 别名" in result.stdout + result.stderr and "Traceback" not in result.stderr
