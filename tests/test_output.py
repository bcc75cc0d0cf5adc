"""Writing outputs: where they go (-o, stdin/stdout, collisions), with which permissions, and
all or none — checked through the real command line in a subprocess."""

from __future__ import annotations

import io
import os
import resource
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

from officialdoc.output import recover

DOC = """\
title: 关于做好{subject}工作的通知
header:
  issuer: 大江镇人民政府
  doc_number: 大府〔2022〕12号
addressees: [各村（居）民委员会]
body:
  - 现就做好{subject}工作通知如下。
"""


def write_doc(path: Path, subject: str = "法治宣传教育") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(DOC.format(subject=subject), encoding="utf-8")
    return path


def officialdoc(
    *args: str | Path, cwd: Path, umask: int = 0o022, fsize: int | None = None, stdin: bytes | None = None
) -> subprocess.CompletedProcess[bytes]:
    def limits() -> None:
        os.umask(umask)
        if fsize is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (fsize, fsize))

    return subprocess.run(
        [sys.executable, "-m", "officialdoc.cli", *map(str, args)],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        preexec_fn=limits,
        timeout=120,
    )


def stderr(result: subprocess.CompletedProcess[bytes]) -> str:
    return result.stderr.decode()


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def title_of(path: Path) -> str:
    if path.suffix == ".pdf":
        return str(PdfReader(path).metadata.title)
    with zipfile.ZipFile(path) as docx:
        core = docx.read("docProps/core.xml").decode()
    return core.split("<dc:title>")[1].split("</dc:title>")[0]


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o077, 0o600)])
def test_outputs_get_the_permissions_of_the_umask(tmp_path, umask, mode):
    write_doc(tmp_path / "doc.yaml")
    result = officialdoc("render", "doc.yaml", cwd=tmp_path, umask=umask)
    assert result.returncode == 0, stderr(result)
    for name in ("doc.pdf", "doc.docx"):
        assert stat.S_IMODE((tmp_path / "out" / name).stat().st_mode) == mode
    assert leftovers(tmp_path / "out") == []


def test_colliding_outputs_are_refused_before_anything_is_written(tmp_path):
    write_doc(tmp_path / "a" / "doc.yaml")
    write_doc(tmp_path / "b" / "doc.yaml")
    result = officialdoc("render", "a/doc.yaml", "b/doc.yaml", cwd=tmp_path)
    assert result.returncode == 2
    assert "a/doc.yaml 和 b/doc.yaml 都要写 out/doc.pdf" in stderr(result)
    assert not (tmp_path / "out").exists()


def test_o_names_a_file_for_one_input_and_one_format(tmp_path):
    write_doc(tmp_path / "doc.yaml")
    result = officialdoc("render", "doc.yaml", "-f", "pdf", "-o", "sub/通知.pdf", cwd=tmp_path)
    assert result.returncode == 0, stderr(result)
    assert (tmp_path / "sub" / "通知.pdf").read_bytes().startswith(b"%PDF")
    assert sorted(p.name for p in (tmp_path / "sub").iterdir()) == ["通知.pdf"]

    both = officialdoc("render", "doc.yaml", "-o", "x.pdf", cwd=tmp_path)
    assert both.returncode == 2 and "只能用于一个内容文件和一种格式" in stderr(both)
    wrong = officialdoc("render", "doc.yaml", "-f", "pdf", "-o", "x.docx", cwd=tmp_path)
    assert wrong.returncode == 2 and "扩展名与格式 pdf 不符" in stderr(wrong)
    assert not (tmp_path / "x.pdf").exists() and not (tmp_path / "x.docx").exists()


def test_o_without_a_format_suffix_is_a_folder(tmp_path):
    write_doc(tmp_path / "doc.yaml")
    result = officialdoc("render", "doc.yaml", "-o", "公文", cwd=tmp_path)
    assert result.returncode == 0, stderr(result)
    assert sorted(p.name for p in (tmp_path / "公文").iterdir()) == ["doc.docx", "doc.pdf"]


def test_content_from_stdin_and_a_format_to_stdout(tmp_path):
    content = write_doc(tmp_path / "doc.yaml").read_bytes()
    piped = officialdoc("render", "-", "-f", "pdf", "-o", "-", cwd=tmp_path, stdin=content)
    assert piped.returncode == 0, stderr(piped)
    assert piped.stdout.startswith(b"%PDF") and piped.stdout.rstrip().endswith(b"%%EOF")
    assert not (tmp_path / "out").exists()

    to_folder = officialdoc("render", "-", "-f", "docx", cwd=tmp_path, stdin=content)
    assert to_folder.returncode == 0, stderr(to_folder)
    assert title_of(tmp_path / "out" / "document.docx") == "关于做好法治宣传教育工作的通知"

    two = officialdoc("render", "-", "-o", "-", cwd=tmp_path, stdin=content)
    assert two.returncode == 2 and "标准输出" in stderr(two) and two.stdout == b""


def test_a_failed_render_leaves_the_earlier_outputs_intact(tmp_path):
    doc = write_doc(tmp_path / "doc.yaml")
    assert officialdoc("render", "doc.yaml", cwd=tmp_path).returncode == 0
    before = {p.name: p.read_bytes() for p in (tmp_path / "out").iterdir()}
    doc.write_text("title: [不是, 文本\n", encoding="utf-8")
    result = officialdoc("render", "doc.yaml", cwd=tmp_path)
    assert result.returncode == 2
    assert {p.name: p.read_bytes() for p in (tmp_path / "out").iterdir()} == before


def test_all_or_none_when_the_second_output_cannot_be_written(tmp_path):
    """A real write failure (the file size limit, as a full disk) in the second renderer."""
    write_doc(tmp_path / "doc.yaml")
    assert officialdoc("render", "doc.yaml", cwd=tmp_path).returncode == 0
    out = tmp_path / "out"
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    docx_size, pdf_size = len(before["doc.docx"]), len(before["doc.pdf"])
    assert docx_size * 2 < pdf_size  # the DOCX fits under the limit, the PDF does not
    write_doc(tmp_path / "doc.yaml", "安全生产")
    result = officialdoc("render", "doc.yaml", "-f", "docx,pdf", cwd=tmp_path, fsize=docx_size * 2)
    assert result.returncode == 3, stderr(result)
    assert "无法写入（文件超过允许的大小），未写任何文件" in stderr(result)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before  # the new DOCX was not kept either


def test_outputs_in_the_way_are_refused_with_clean_errors(tmp_path):
    write_doc(tmp_path / "doc.yaml")
    (tmp_path / "out" / "doc.pdf").mkdir(parents=True)
    folder = officialdoc("render", "doc.yaml", cwd=tmp_path)
    assert folder.returncode == 3 and "out/doc.pdf：已存在且不是普通文件" in stderr(folder)
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["doc.pdf"]  # no DOCX either

    device = officialdoc("render", "doc.yaml", "-o", "/dev/null", cwd=tmp_path)
    assert device.returncode == 2 and "/dev/null：已存在且不是文件夹" in stderr(device)
    (tmp_path / "notes.txt").write_text("x")
    a_file = officialdoc("render", "doc.yaml", "-o", "notes.txt", cwd=tmp_path)
    assert a_file.returncode == 2 and "notes.txt：已存在且不是文件夹" in stderr(a_file)
    a_folder = officialdoc("render", "out", cwd=tmp_path)
    assert a_folder.returncode == 2 and "out：是文件夹，不是内容文件" in stderr(a_folder)
    for result in (folder, device, a_file, a_folder):
        assert "Traceback" not in stderr(result)


def test_an_unwritable_folder_is_a_clean_error(tmp_path):
    write_doc(tmp_path / "doc.yaml")
    if os.geteuid() == 0:
        target = Path("/sys")  # sysfs refuses new files even to root
    else:
        target = tmp_path / "locked"
        target.mkdir(mode=0o555)
    result = officialdoc("render", "doc.yaml", "-o", target, cwd=tmp_path)
    assert result.returncode == 3 and "无法写入（没有写入权限）" in stderr(result), stderr(result)
    assert "Traceback" not in stderr(result)


def test_temporary_files_of_dead_processes_are_rolled_forward_or_removed(tmp_path):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    pid = int(dead.stdout)
    (tmp_path / "a.pdf").write_text("old a")
    (tmp_path / "a.docx").write_text("old a")
    (tmp_path / f".a.pdf.~{pid}-0a1b.part").write_text("new a")  # committed: both go forward
    (tmp_path / f".a.docx.~{pid}-0a1b.part").write_text("new a")
    (tmp_path / f".officialdoc.~{pid}-0a1b.commit").touch()
    (tmp_path / f".b.pdf.~{pid}-9f9f.part").write_text("half")  # not committed: removed
    (tmp_path / f"..b.pdf.~{pid}-9f9f.x1y2.part.part").write_text("half")  # a renderer's own temporary file
    (tmp_path / f".c.pdf.~{os.getpid()}-1234.part").write_text("a live process's")
    recover(tmp_path)
    assert (tmp_path / "a.pdf").read_text() == (tmp_path / "a.docx").read_text() == "new a"
    assert leftovers(tmp_path) == [f".c.pdf.~{os.getpid()}-1234.part"]


def test_paths_in_a_content_file_are_relative_to_it(tmp_path):
    doc = write_doc(tmp_path / "sub" / "doc.yaml")
    (tmp_path / "sub" / "mine.yaml").write_text("extends: gbt9704\nname: mine\n", encoding="utf-8")
    doc.write_text("profile: mine.yaml\n" + doc.read_text(encoding="utf-8"), encoding="utf-8")
    result = officialdoc("render", "sub/doc.yaml", "-f", "pdf", cwd=tmp_path)
    assert result.returncode == 0, stderr(result)
    assert "officialdoc-profile:mine" in str(PdfReader(tmp_path / "out" / "doc.pdf").metadata.get("/Keywords"))


def test_quiet_means_quiet_and_version(tmp_path):
    doc = write_doc(tmp_path / "doc.yaml")
    doc.write_text(doc.read_text(encoding="utf-8").replace("如下。", "如下, 请遵照执行."), encoding="utf-8")
    loud = officialdoc("render", "doc.yaml", "-f", "pdf", cwd=tmp_path)
    assert loud.returncode == 0 and "提示：" in stderr(loud)
    quiet = officialdoc("render", "-q", "doc.yaml", "-f", "pdf", cwd=tmp_path)
    assert quiet.returncode == 0 and quiet.stdout == b"" and quiet.stderr == b""
    version = officialdoc("--version", cwd=tmp_path)
    assert version.returncode == 0 and version.stdout.decode().startswith("officialdoc ")


def test_fonts_shows_where_it_looked(tmp_path):
    mine, env = tmp_path / "mine", tmp_path / "env"
    mine.mkdir()
    env.mkdir()
    result = subprocess.run(
        [sys.executable, "-m", "officialdoc.cli", "fonts", "--fonts", str(mine)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={**os.environ, "OFFICIALDOC_FONTS": str(env), "XDG_DATA_HOME": str(tmp_path / "data")},
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    listed = result.stdout.split("查找字体的文件夹")[1]
    order = [listed.index(f"{mine}  [--fonts]"), listed.index(f"{env}  [$OFFICIALDOC_FONTS]")]
    order.append(listed.index(f"{tmp_path / 'data' / 'officialdoc' / 'fonts'}  [用户字体文件夹]（不存在）"))
    order.append(listed.index("/usr/share/fonts  [系统字体]"))
    assert order == sorted(order)
    missing = officialdoc("fonts", "--fonts", tmp_path / "nope", cwd=tmp_path)
    assert missing.returncode == 2 and "Traceback" not in stderr(missing)


def test_the_api_reads_standard_input_too(tmp_path, monkeypatch):
    from officialdoc import api

    content = write_doc(tmp_path / "doc.yaml").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(content), encoding="utf-8"))
    report = api.render_file("-", tmp_path / "out", ["pdf"])
    assert report.outputs == [tmp_path / "out" / "document.pdf"] and report.outputs[0].is_file()


def test_a_full_disk_is_a_clean_error_and_keeps_the_earlier_output(tmp_path):
    """A real full disk: a small tmpfs mounted in a user and mount namespace (unshare)."""
    write_doc(tmp_path / "doc.yaml")
    assert officialdoc("render", "doc.yaml", "-o", "sizes", cwd=tmp_path).returncode == 0
    docx_size, pdf_size = ((tmp_path / "sizes" / f"doc.{f}").stat().st_size for f in ("docx", "pdf"))
    room = (docx_size * 2 // 4096 + 1) * 4096
    assert room < docx_size + pdf_size
    disk = tmp_path / "disk"
    disk.mkdir()
    render = f"{sys.executable} -m officialdoc.cli render doc.yaml -o {disk}"
    script = (
        f"mount -t tmpfs -o size={room} tmpfs {disk} || exit 99; "
        f"{render} -q -f docx || exit 98; cp {disk}/doc.docx before.docx; "
        f"{render} -f docx,pdf; echo status=$?; ls -A {disk}; cmp {disk}/doc.docx before.docx && echo same"
    )
    result = subprocess.run(
        ["unshare", "--user", "--map-root-user", "--mount", "sh", "-c", script],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    if result.returncode in (1, 99) and "status=" not in result.stdout:
        pytest.skip(f"no user namespaces here to mount a small disk: {result.stderr.strip()}")
    assert result.stdout.split() == ["status=3", "doc.docx", "same"], (result.stdout, result.stderr)
    assert "无法写入（磁盘空间不足），未写任何文件" in result.stderr and "Traceback" not in result.stderr
