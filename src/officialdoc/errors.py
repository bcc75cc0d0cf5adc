"""Exceptions that officialdoc reports to the user (file, line, field and a hint)."""

from __future__ import annotations

from dataclasses import dataclass


class OfficialdocError(Exception):
    """Base class: every error a user can cause and fix."""


class ProfileError(OfficialdocError):
    """A style profile in templates/ is missing or malformed."""


class FontError(OfficialdocError):
    """No usable font for a role, or characters that no font can draw."""


class RenderError(OfficialdocError):
    """A renderer could not produce its output."""


@dataclass
class ContentError(OfficialdocError):
    """Bad content YAML: names the file, line, field and gives a hint."""

    file: str
    line: int | None
    field: str
    message: str
    hint: str = ""

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        text = f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        return f"{text}\n  hint: {self.hint}" if self.hint else text


class LayoutError(OfficialdocError):
    """Content that cannot be laid out (too long for a line, unsupported element)."""
