"""Command line: thin wrappers around the public API (officialdoc.api).

Exit statuses of ``render`` and ``fonts`` (``check`` documents its own):
0 done; 2 an input, option or profile is wrong (nothing written); 3 the file system refused
an output (nothing written for that input); 130/143 interrupted by SIGINT/SIGTERM (the
outputs being written are discarded, earlier ones stay).
"""

from __future__ import annotations

import gc
import os
import shutil
import signal
import sys
import tempfile
import time
from importlib.metadata import entry_points
from pathlib import Path
from types import FrameType
from typing import Annotated, BinaryIO

import typer
from typer.core import TyperCommand, TyperGroup, TyperOption

from . import __version__
from .check.cli import check
from .errors import EXIT_INTERNAL, EXIT_OUTPUT, OfficialdocError

HELP_OPTION_ZH = "显示本帮助后退出。"


def _in_chinese(option: TyperOption | None) -> TyperOption | None:
    """The ``--help`` option, described in Chinese (typer's own text is English)."""
    if option is not None:
        option.help = HELP_OPTION_ZH
    return option


class _Group(TyperGroup):
    def get_help_option(self, ctx: typer.Context) -> TyperOption | None:
        return _in_chinese(super().get_help_option(ctx))


class _Command(TyperCommand):
    def get_help_option(self, ctx: typer.Context) -> TyperOption | None:
        return _in_chinese(super().get_help_option(ctx))


app = typer.Typer(
    cls=_Group,
    help=(
        "officialdoc — 按 GB/T 9704-2012《党政机关公文格式》排版公文：把 YAML 内容文件排成可印制的 PDF "
        "和可编辑的 DOCX，并检查公文格式。\n\n"
        "退出状态：0 成功；1 检查发现问题（check）；2 输入、选项或版式有误，未写任何文件；"
        "3 输出无法写入（磁盘满、无权限等），该文件未写任何输出；4 输入超出限制（见 docs/limits.md）；"
        "70 程序内部错误（请报告给维护者）；130/143 被中断（SIGINT/SIGTERM）。check 另有 3：检查程序出错。"
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


class Interrupted(BaseException):
    """SIGTERM or SIGHUP: unwinds like Ctrl-C so temporary files are removed."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


_signals_received: list[int] = []  # every SIGTERM/SIGHUP, even one raised where Python swallows it


def _raise_interrupted(signum: int, frame: FrameType | None) -> None:
    _signals_received.append(signum)
    raise Interrupted(signum)


def _unraisable(unraisable: sys.UnraisableHookArgs) -> None:
    """A signal that arrives inside a callback Python cannot raise from (a weakref callback
    during an import) is recorded by the handler and acted on at the next file: no traceback."""
    if not isinstance(unraisable.exc_value, Interrupted):
        sys.__unraisablehook__(unraisable)


def _discard_finalizer_errors() -> None:
    """After an interrupt the half-written temporary files are thrown away: a writer stopped
    mid-file (e.g. a DOCX zip with an open member) must not print a finalizer traceback at exit."""
    sys.unraisablehook = lambda _unraisable: None


def _error(message: object) -> None:
    typer.secho(f"错误：{message}", fg=typer.colors.RED, err=True)


def _fail(exc: OfficialdocError) -> typer.Exit:
    _error(exc)
    return typer.Exit(exc.exit_status)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"officialdoc {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="显示版本号后退出。")
    ] = False,
) -> None:
    """officialdoc — GB/T 9704-2012 公文排版."""


FontsOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--fonts",
        help="存放授权字体（方正小标宋简体、仿宋_GB2312 等）的文件夹，最先查找；可多次给出。",
        show_default=False,
    ),
]


def _to_stdout(made: BinaryIO) -> None:
    """Copy a finished output to standard output; a reader that stops early (``| head``) is no error."""
    try:
        shutil.copyfileobj(made, sys.stdout.buffer)
        sys.stdout.buffer.flush()
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error at exit


def _check_fonts_dirs(folders: list[Path]) -> None:
    from .output import UsageError

    for folder in folders:
        if not folder.is_dir():
            raise UsageError(f"--fonts {folder}：不是文件夹；提示：给出存放字体文件的文件夹")


@app.command(cls=_Command)
def render(
    files: Annotated[
        list[str],
        typer.Argument(help="内容文件（.yaml），如 content/2021.yaml；- 表示从标准输入读取。", show_default=False),
    ],
    formats: Annotated[
        str, typer.Option("--format", "-f", help="输出格式，逗号分隔：pdf、docx 或其他已安装的渲染器。")
    ] = "pdf,docx",
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            "--outdir",
            help="输出位置：文件夹（默认 out）；以 .pdf/.docx 结尾则是文件名（一个内容文件、一种格式）；"
            "- 表示写到标准输出（一种格式）。",
            show_default=False,
        ),
    ] = None,
    fonts_dirs: FontsOption = None,
    draft: Annotated[bool, typer.Option("--draft", help="草稿：用虚线标出预留的印章位置。")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="安静：只输出错误和警告。")] = False,
    unsafe_paths: Annotated[
        bool,
        typer.Option("--unsafe-paths", help="允许内容文件引用其文件夹之外的印章图片和样式配置（仅限可信内容）。"),
    ] = False,
) -> None:
    """把内容文件排成 PDF 和 DOCX（生成公文）。

    例：officialdoc render content/2021.yaml  →  out/2021.pdf 和 out/2021.docx。
    一个文件的所有格式要么全部写成，要么都不写；已有的输出只会被完整的新文件替换。
    内容文件中的路径（profile:、seal:）相对于该内容文件所在的文件夹；从标准输入读取时相对于当前文件夹。
    """
    wanted = [f.strip() for f in formats.split(",") if f.strip()]
    stopped: tuple[int, str] | None = None
    try:
        sys.unraisablehook = _unraisable
        for name in ("SIGTERM", "SIGHUP"):  # SIGINT already raises KeyboardInterrupt
            if hasattr(signal, name):
                signal.signal(getattr(signal, name), _raise_interrupted)
        status = _render_all(
            files, wanted, output, list(fonts_dirs or []), draft=draft, quiet=quiet, unsafe_paths=unsafe_paths
        )
    except KeyboardInterrupt:
        _discard_finalizer_errors()
        stopped = (signal.SIGINT, "已中断")
    except Interrupted as stop:
        _discard_finalizer_errors()
        stopped = (stop.signum, "已终止")
    if stopped:
        gc.collect()  # the stopped writers' objects go now, while their finalizer errors are discarded
        _error(f"{stopped[1]}：正在写的输出已丢弃，之前的文件保持不变")
        raise typer.Exit(128 + stopped[0])
    if _signals_received:  # a signal Python swallowed during the last file: that file is complete
        _error("已终止：已写完的文件保留，其余未处理")
        raise typer.Exit(128 + _signals_received[-1])
    if status:
        raise typer.Exit(status)


def _render_all(
    files: list[str],
    wanted: list[str],
    output: str | None,
    extra: list[Path],
    *,
    draft: bool,
    quiet: bool,
    unsafe_paths: bool,
) -> int:
    """Plan every output, then render the files one by one; returns the exit status."""
    from . import fonts
    from .api import render_file
    from .output import STDIO, plan
    from .renderers import ENTRY_POINT_GROUP, get_renderer

    try:
        _check_fonts_dirs(extra)
        suffixes = {name: get_renderer(name).suffix for name in wanted}
        known = {f".{entry.name}" for entry in entry_points(group=ENTRY_POINT_GROUP)}
        jobs = plan(files, wanted, suffixes, output, known)
    except OfficialdocError as exc:
        _error(exc)
        return exc.exit_status
    if not quiet:
        fonts.conversion_notice = lambda message: typer.secho(f"提示：{message}", fg=typer.colors.BLUE, err=True)
    status = 0
    for job in jobs:
        if _signals_received:  # stopped while the previous file was written: it is complete, stop here
            raise Interrupted(_signals_received[-1])
        started = time.perf_counter()
        try:
            if job.to_stdout:
                with tempfile.TemporaryDirectory(prefix="officialdoc-") as scratch:
                    report = render_file(
                        job.source, scratch, job.formats, draft=draft, fonts_dirs=extra, unsafe_paths=unsafe_paths
                    )
                    with report.outputs[0].open("rb") as made:
                        _to_stdout(made)
            else:
                report = render_file(
                    job.source,
                    ".",
                    job.formats,
                    draft=draft,
                    targets=job.targets,
                    fonts_dirs=extra,
                    unsafe_paths=unsafe_paths,
                )
        except OfficialdocError as exc:
            _error(exc)
            status = max(status, exc.exit_status)
            continue
        except OSError as exc:
            _error(f"{exc.filename or job.source}：{exc.strerror or exc}")
            status = max(status, EXIT_OUTPUT)
            continue
        except Exception as exc:  # a bug, not the input: say so (exit status table in errors.py)
            _error(
                f"内部错误（{type(exc).__name__}: {exc}）：这是 officialdoc 的缺陷，不是 {job.source} 的问题；"
                "请把该文件和这条信息报告给维护者"
            )
            status = EXIT_INTERNAL
            continue
        if not quiet:
            for notice in report.notices:
                typer.secho(f"提示：{notice}", fg=typer.colors.BLUE, err=True)
        for warning in report.warnings:
            typer.secho(f"警告：{warning}", fg=typer.colors.YELLOW, err=True)
        if not quiet and not job.to_stdout:
            made = "、".join(str(p) for p in report.outputs)
            source = "标准输入" if job.source == STDIO else job.source
            typer.echo(f"{source} → {made}（{time.perf_counter() - started:.2f} 秒）")
    return status


@app.command(cls=_Command)
def fonts(
    profile: Annotated[str, typer.Option("--profile", "-p", help="版式名称或 .yaml 版式文件的路径。")] = "gbt9704",
    fonts_dirs: FontsOption = None,
    prepare: Annotated[
        bool, typer.Option("--prepare", help="现在为 PDF 渲染器转换 CFF 字体（只需一次，结果缓存）。")
    ] = False,
    fontconfig: Annotated[
        Path | None,
        typer.Option("--fontconfig", help="写出一个 fonts.conf，把官方字体名映射到找到的字体（供 LibreOffice 用）。"),
    ] = None,
) -> None:
    """显示每个字体角色用哪个字体文件（字体），标出免费替代字体，并列出查找过的文件夹。"""
    from . import fonts as fontmod
    from .profile import load_profile

    extra = list(fonts_dirs or [])
    try:
        _check_fonts_dirs(extra)
        prof = load_profile(profile)
        search = fontmod.font_search_path(extra)
        fontset = fontmod.FontSet(prof, [folder for folder, _ in search])
        rows = [fontset.resolve(role) for role in prof.fonts]
    except OfficialdocError as exc:
        raise _fail(exc) from None
    for res in rows:
        mark = "  （替代字体）" if res.substitute else ""
        typer.echo(
            f"{res.role:<13} {res.docx_name:<14} → {res.face.family} {res.face.style}: "
            f"{res.face.path}{f' #{res.face.index}' if res.face.index else ''}{mark}"
        )
    typer.echo("\n查找字体的文件夹（按顺序，先找到的优先）：")
    for folder, why in search:
        typer.echo(f"  {folder}  [{why}]{'' if folder.is_dir() else '（不存在）'}")
    if any(r.substitute for r in rows):
        typer.echo(
            "\n替代字体是代替官方字体的免费字体；把授权字体文件放进上面的用户字体文件夹"
            f"（或用 --fonts、${fontmod.FONTS_ENV} 指定文件夹）即可使用官方字体。"
        )
    if prepare:
        for key, path, seconds in fontmod.prepare(fontset):
            typer.echo(f"已转换 {key}：{path}（{seconds:.1f} 秒）")
    if fontconfig:
        fontconfig.write_text(fontset.fontconfig_xml(), encoding="utf-8")
        typer.echo(f"已写出 {fontconfig}")


app.command(cls=_Command)(check)

if __name__ == "__main__":
    app()
