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
    files: Annotated[
        list[Path], typer.Argument(help="PDF, DOCX or content files (.yaml) to check.", show_default=False)
    ],
    json_out: Annotated[
        bool, typer.Option("--json", help="Print the report as JSON (schema officialdoc.check/1).")
    ] = False,
    fail_on: Annotated[
        str,
        typer.Option(
            "--fail-on", help="Exit 1 on findings of this severity or stronger: required, recommended, practice, never."
        ),
    ] = "required",
    render: Annotated[
        bool, typer.Option("--render", help="Also render each DOCX with LibreOffice and check the PDF it makes.")
    ] = False,
    profile: Annotated[
        str | None,
        typer.Option(
            "--profile",
            "-p",
            help="Style profile name or path. Default: the one the file records (officialdoc's outputs, a "
            "content file's profile:), else gbt9704.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Check files against GB/T 9704-2012 (格式检查): geometry, fonts, page numbers, content.

    Exit status: 0 clean, 1 findings at or above --fail-on, 2 a file could not be read,
    3 the checker failed on a file (please report it); the other files are still checked.
    Example: officialdoc check out/2021.pdf out/2021.docx content/2021.yaml --json
    """
    if fail_on not in FAIL_CHOICES:
        raise typer.BadParameter(f"use one of {', '.join(FAIL_CHOICES)}", param_hint="--fail-on")
    try:
        prof = load_profile(profile) if profile else None
    except OfficialdocError as exc:
        typer.secho(f"error: {exc}", fg=typer.colors.RED, err=True)
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
