"""Exceptions that officialdoc reports to the user (file, line, field and a hint).

Every error type carries the exit status the command line ends with:

====  ==========================================================================
状态   含义
====  ==========================================================================
0     成功
1     check 发现问题（检查结果，不是错误）
2     输入有误：内容文件、样式配置、字体或版面（ContentError、ProfileError、
      FontError、LayoutError），按提示修改输入
3     输出未能写出（RenderError）：输出目录、磁盘或渲染器；
      check：检查程序在某个文件上出错（内部错误，其他文件照常检查）
4     输入超出限制（LimitError）：文件大小、嵌套层数、别名、图片像素等，见 docs/limits.md
70    render、fonts 的程序内部错误：不是输入的问题，请附上输入文件报告
====  ==========================================================================
"""

from __future__ import annotations

from dataclasses import dataclass

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_INPUT = 2
EXIT_OUTPUT = 3
EXIT_LIMIT = 4
EXIT_INTERNAL = 70
EXIT_CHECK_INTERNAL = 3  # check's own fault on a file (render's 3 is an output refused)


class OfficialdocError(Exception):
    """Base class: every error a user can cause and fix."""

    exit_status = EXIT_INPUT


class ProfileError(OfficialdocError):
    """A style profile in templates/ is missing or malformed."""


class FontError(OfficialdocError):
    """No usable font for a role, or characters that no font can draw (``char``)."""

    def __init__(self, message: str, char: str | None = None):
        super().__init__(message)
        self.char = char


class RenderError(OfficialdocError):
    """A renderer could not produce its output."""

    exit_status = EXIT_OUTPUT


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
        return f"{text}\n  提示：{self.hint}" if self.hint else text


class LimitError(ContentError):
    """Input past one of the documented limits (docs/limits.md): size, nesting, aliases, pixels."""

    exit_status = EXIT_LIMIT


class LayoutError(OfficialdocError):
    """Content that cannot be laid out (too long for a line, unsupported element)."""
