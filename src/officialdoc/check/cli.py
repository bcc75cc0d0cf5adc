"""``officialdoc check``: the typer command (the main CLI registers it with ``app.command()``)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from ..errors import OfficialdocError
from ..profile import load_profile
from .findings import SEVERITIES
from .report import FAIL_NEVER, exit_code, render_text, to_json

FAIL_CHOICES = (*SEVERITIES, FAIL_NEVER)


def check(
    files: Annotated[list[Path], typer.Argument(help="要检查的 PDF、DOCX 或内容文件（.yaml）。", show_default=False)],
    json_out: Annotated[bool, typer.Option("--json", help="以 JSON 输出报告（格式 officialdoc.check/1）。")] = False,
    fail_on: Annotated[
        str,
        typer.Option(
            "--fail-on",
            help="发现该级别或更严重的问题时以状态 1 退出：required（必须）、recommended（推荐）、"
            "practice（惯例）、never（从不）。",
        ),
    ] = "required",
    render: Annotated[
        bool, typer.Option("--render", help="另用 LibreOffice 把每个 DOCX 排成 PDF，一并检查排出的版面。")
    ] = False,
    profile: Annotated[
        str | None,
        typer.Option(
            "--profile",
            "-p",
            help="版式名称或 .yaml 版式文件的路径。默认：文件自己记录的版式（officialdoc 生成的文件、"
            "内容文件的 profile:），否则为 gbt9704。",
            show_default=False,
        ),
    ] = None,
) -> None:
    """按 GB/T 9704-2012 检查公文格式：版面尺寸、字体字号、页码和内容文件。

    退出状态：0 未发现问题；1 有 --fail-on 级别或更严重的问题；2 有文件无法读取，或选项、版式有误；
    3 检查程序在某个文件上出错（请报告给维护者），其他文件照常检查。
    例：officialdoc check out/2021.pdf out/2021.docx content/2021.yaml --json
    """
    if fail_on not in FAIL_CHOICES:
        raise typer.BadParameter(f"应为 {'、'.join(FAIL_CHOICES)} 之一", param_hint="--fail-on")
    try:
        prof = load_profile(profile) if profile else None
    except OfficialdocError as exc:
        typer.secho(f"错误：{exc}", fg=typer.colors.RED, err=True)
        raise typer.Exit(2) from None
    from .checker import check_file  # the PDF and DOCX readers: only when checking
    from .profiles import default_profile

    reports = [check_file(path, prof, render=render) for path in files]
    name = (prof or default_profile()).name
    if json_out:
        typer.echo(json.dumps(to_json(reports, name), ensure_ascii=False, indent=2))
    else:
        typer.echo(render_text(reports, name))
    raise typer.Exit(exit_code(reports, fail_on))
