"""Atomic file writes: a failed write never leaves a truncated file where a good one was.

Used for single files (the font caches); a render's outputs go through
:class:`officialdoc.output.Transaction`, which writes all of them or none.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from .output import fsync_path, umask_mode


@contextlib.contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; on success it replaces ``target`` with the
    permissions of the umask, flushed to the disk first."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{target.stem}.", suffix=f"{target.suffix}.part", dir=target.parent)
    os.close(fd)
    temp = Path(name)
    try:
        yield temp
        os.chmod(temp, umask_mode())
        fsync_path(temp)
        os.replace(temp, target)
        fsync_path(target.parent, directory=True)
    finally:
        temp.unlink(missing_ok=True)
