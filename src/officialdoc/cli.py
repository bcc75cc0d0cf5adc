"""Command line: thin wrappers around the public API (officialdoc.api)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated

import typer

from . import __version__
from .check.cli import check
from .errors import EXIT_INTERNAL, OfficialdocError

app = typer.Typer(
    help=(
        "officialdoc — 按 GB/T 9704-2012《党政机关公文格式》排版公文。\n\n"
        "Typeset Chinese official documents from YAML content files into a print-ready PDF "
        "and an editable DOCX."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _fail(exc: OfficialdocError) -> typer.Exit:
    typer.secho(f"error: {exc}", fg=typer.colors.RED, err=True)
    return typer.Exit(exc.exit_status)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"officialdoc {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """officialdoc — GB/T 9704-2012 公文排版."""


@app.command()
def render(
    files: Annotated[
        list[Path], typer.Argument(help="Content files (.yaml), e.g. content/2021.yaml.", show_default=False)
    ],
    formats: Annotated[
        str, typer.Option("--format", "-f", help="Comma-separated outputs: pdf, docx, or any installed renderer.")
    ] = "pdf,docx",
    outdir: Annotated[Path, typer.Option("--outdir", "-o", help="Folder for the outputs.")] = Path("out"),
    draft: Annotated[bool, typer.Option("--draft", help="Draft mode: outline the reserved seal area.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only errors and warnings.")] = False,
) -> None:
    """Render content files to PDF and DOCX (生成公文).

    Example: officialdoc render content/2021.yaml  →  out/2021.pdf and out/2021.docx.
    Nothing is written for a file with errors; an existing output is only replaced by a
    complete new one.
    """
    from .api import render_file

    wanted = [f.strip() for f in formats.split(",") if f.strip()]
    failed = 0
    for file in files:
        started = time.perf_counter()
        try:
            report = render_file(file, outdir, wanted, draft=draft)
        except OfficialdocError as exc:
            typer.secho(f"error: {exc}", fg=typer.colors.RED, err=True)
            failed = max(failed, exc.exit_status)
            continue
        except Exception as exc:  # a bug, not the input: say so (exit status table in errors.py)
            typer.secho(
                f"内部错误（{type(exc).__name__}: {exc}）：这是 officialdoc 的缺陷，不是 {file} 的问题；"
                "请把该文件和这条信息报告给维护者",
                fg=typer.colors.RED,
                err=True,
            )
            failed = EXIT_INTERNAL
            continue
        for notice in report.notices:
            typer.secho(f"note: {notice}", fg=typer.colors.BLUE, err=True)
        for warning in report.warnings:
            typer.secho(f"warning: {warning}", fg=typer.colors.YELLOW, err=True)
        if not quiet:
            elapsed = time.perf_counter() - started
            made = ", ".join(str(p) for p in report.outputs)
            typer.echo(f"{file} → {made} ({elapsed:.2f} s)")
    if failed:
        raise typer.Exit(failed)


@app.command()
def fonts(
    profile: Annotated[str, typer.Option("--profile", "-p", help="Style profile name or path.")] = "gbt9704",
    prepare: Annotated[
        bool, typer.Option("--prepare", help="Convert CFF fonts for the PDF renderer now (done once; cached).")
    ] = False,
    fontconfig: Annotated[
        Path | None,
        typer.Option(
            "--fontconfig",
            help="Write a fonts.conf that maps the official font names to the fonts found (for LibreOffice).",
        ),
    ] = None,
) -> None:
    """Show which font file serves each role (字体), and mark free substitutes."""
    from . import fonts as fontmod
    from .profile import load_profile

    try:
        prof = load_profile(profile)
        fontset = fontmod.FontSet(prof)
        rows = [fontset.resolve(role) for role in prof.fonts]
    except OfficialdocError as exc:
        raise _fail(exc) from None
    for res in rows:
        mark = "  (substitute)" if res.substitute else ""
        typer.echo(
            f"{res.role:<13} {res.docx_name:<14} → {res.face.family} {res.face.style}: "
            f"{res.face.path}{f' #{res.face.index}' if res.face.index else ''}{mark}"
        )
    if any(r.substitute for r in rows):
        typer.echo(
            "\nSubstitutes are free fonts standing in for the official ones; drop licensed "
            "fonts into fonts/ to use them."
        )
    if prepare:
        for key, path, seconds in fontmod.prepare(fontset):
            typer.echo(f"prepared {key}: {path} ({seconds:.1f} s)")
    if fontconfig:
        fontconfig.write_text(fontset.fontconfig_xml(), encoding="utf-8")
        typer.echo(f"wrote {fontconfig}")


app.command()(check)

if __name__ == "__main__":
    app()
