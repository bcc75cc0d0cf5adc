"""Where outputs go, and writing them all or none.

:func:`plan` turns the command line's inputs, formats and ``-o`` into target paths and
refuses, before anything is written, what cannot work: ``-o`` naming one file for several
outputs, two inputs whose outputs collide, a folder or a device where a file would go.

:class:`Transaction` hands each renderer a temporary file beside its target
(``.NAME.~PID-TOKEN.part``); :meth:`Transaction.commit` gives every file the permissions
of the user's umask, fsyncs files and folder, writes a commit marker, renames every file
onto its target and removes the marker. Catchable signals wait while it commits; a failure
or a signal before it removes the temporary files. A process killed outright (SIGKILL)
leaves them behind: the next transaction in that folder rolls a committed set forward (its
marker exists) and deletes the temporary files of an uncommitted one, so old outputs are
never mixed with new ones.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
import signal
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from .errors import EXIT_OUTPUT, OfficialdocError

STDIO = "-"  # the input "-" is standard input; "-o -" is standard output
STDIN_NAME = "document"  # the file name of outputs of content read from standard input
_TEMP = re.compile(r"^\.(?P<target>.+)\.~(?P<pid>\d+)-(?P<token>[0-9a-f]+)\..*part$")
_MARKER = re.compile(r"^\.officialdoc\.~(?P<pid>\d+)-(?P<token>[0-9a-f]+)\.commit$")
_HELD_SIGNALS = {getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)}


class UsageError(OfficialdocError):
    """The inputs, formats and ``-o`` asked for cannot be written as asked (exit status 2)."""


class OutputError(OfficialdocError):
    """The file system refused an output (exit status 3); nothing of this input was written."""

    exit_status = EXIT_OUTPUT


@dataclass(frozen=True)
class Job:
    """One input and the files to make from it (``targets[i]`` in ``formats[i]``)."""

    source: str  # a path, or "-" for standard input
    formats: tuple[str, ...]
    targets: tuple[Path, ...]  # empty when writing to standard output
    to_stdout: bool = False


def plan(
    sources: Sequence[str],
    formats: Sequence[str],
    suffixes: dict[str, str],
    output: str | None,
    file_suffixes: Collection[str] = (),
) -> list[Job]:
    """The jobs for ``sources``; ``suffixes`` maps each format to its file suffix.

    ``output`` (``-o``): ``None`` is the folder ``out``; ``-`` is standard output; a path
    ending in a format's suffix (``x.pdf``, or any of ``file_suffixes``) is that file;
    anything else is a folder.
    """
    if not sources:
        raise UsageError("没有给出内容文件；提示：officialdoc render 文件.yaml")
    if not formats:
        raise UsageError("没有给出输出格式；提示：-f pdf,docx")
    for source in sources:
        if source != STDIO and Path(source).is_dir():
            raise UsageError(f"{source}：是文件夹，不是内容文件；提示：给出 .yaml 内容文件的路径")
    if sources.count(STDIO) > 1:
        raise UsageError("标准输入（-）只能读一次")
    single = len(sources) == 1 and len(formats) == 1
    if output == STDIO:
        if not single:
            raise UsageError("-o - 只能把一个内容文件的一种格式写到标准输出；提示：再加 -f pdf 或 -f docx")
        return [Job(sources[0], tuple(formats), (), to_stdout=True)]
    out = Path(output or "out")
    if out.suffix in {*suffixes.values(), *file_suffixes} and not out.is_dir():
        if not single:
            raise UsageError(f"-o {out} 是一个文件名，只能用于一个内容文件和一种格式；提示：写到文件夹用 -o 文件夹名")
        if out.suffix != suffixes[formats[0]]:
            raise UsageError(f"-o {out} 的扩展名与格式 {formats[0]} 不符；提示：用 {suffixes[formats[0]]} 结尾")
        jobs = [Job(sources[0], tuple(formats), (out,))]
    else:
        if out.exists() and not out.is_dir():
            raise UsageError(f"-o {out}：已存在且不是文件夹；提示：-o 给出一个文件夹，或以 .pdf/.docx 结尾的文件名")
        jobs = [
            Job(source, tuple(formats), tuple(out / f"{_stem(source)}{suffixes[f]}" for f in formats))
            for source in sources
        ]
    seen: dict[Path, str] = {}
    for job in jobs:
        for target in job.targets:
            key = target.absolute()
            if key in seen:
                raise UsageError(
                    f"{seen[key]} 和 {job.source} 都要写 {target}，未写任何文件；提示：分开渲染到不同的 -o 文件夹"
                )
            seen[key] = job.source
            if (target.exists() or target.is_symlink()) and not target.is_file():
                raise OutputError(f"{target}：已存在且不是普通文件（文件夹或设备），未写任何文件；提示：移走它或换 -o")
    return jobs


def _stem(source: str) -> str:
    return STDIN_NAME if source == STDIO else Path(source).stem


def umask_mode() -> int:
    """0o666 less the process's umask: the mode any new file of the user gets."""
    try:  # Linux: read it without changing it (os.umask would, for a moment, for every thread)
        status = Path("/proc/self/status").read_text()
        mask = int(next(line.split()[1] for line in status.splitlines() if line.startswith("Umask:")), 8)
    except (OSError, StopIteration):
        mask = os.umask(0o022)
        os.umask(mask)
    return 0o666 & ~mask


def fsync_path(path: Path, *, directory: bool = False) -> None:
    """Flush a file's (or a folder's entries') data to the disk."""
    if directory and not hasattr(os, "O_DIRECTORY"):  # Windows cannot open a folder to flush it
        return
    fd = os.open(path, os.O_RDONLY | (os.O_DIRECTORY if directory else 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True


def recover(folder: Path) -> None:
    """Finish or undo the transactions of dead processes in ``folder`` (see the module doc)."""
    try:
        names = os.listdir(folder)
    except OSError:
        return
    committed: set[str] = set()
    for name in names:
        if (m := _MARKER.match(name)) and not _alive(int(m["pid"])):
            committed.add(f"{m['pid']}-{m['token']}")
    for name in names:
        m = _TEMP.match(name)
        if not m or _alive(int(m["pid"])):
            continue
        with contextlib.suppress(OSError):  # another process cleaned it up first
            if f"{m['pid']}-{m['token']}" in committed and name == f".{m['target']}.~{m['pid']}-{m['token']}.part":
                os.replace(folder / name, folder / m["target"])
            else:
                os.unlink(folder / name)
    for run in committed:
        with contextlib.suppress(OSError):
            os.unlink(folder / f".officialdoc.~{run}.commit")
    if committed:
        with contextlib.suppress(OSError):
            fsync_path(folder, directory=True)


def describe_os_error(exc: OSError, path: Path) -> str:
    """A Chinese sentence for a file system error on ``path``."""
    reasons = {
        errno.ENOSPC: "磁盘空间不足",
        errno.EDQUOT: "超出磁盘配额",
        errno.EFBIG: "文件超过允许的大小",
        errno.EACCES: "没有写入权限",
        errno.EPERM: "没有写入权限",
        errno.EROFS: "文件系统只读",
        errno.ENOENT: "文件夹不存在",
        errno.ENOTDIR: "路径中有一段不是文件夹",
        errno.EISDIR: "那里是一个文件夹",
    }
    reason = reasons.get(exc.errno or 0, exc.strerror or str(exc))
    return f"{path}：无法写入（{reason}），未写任何文件，原有的输出保持不变"


class Transaction:
    """Temporary files for ``targets`` (all in one folder), renamed onto them together by commit."""

    def __init__(self, targets: Sequence[Path]):
        folders = {t.parent.absolute() for t in targets}
        if len(folders) != 1:
            raise ValueError("a transaction writes into one folder")
        self.folder = Path(targets[0].parent)
        self.run = f"{os.getpid()}-{secrets.token_hex(4)}"
        self.targets = list(targets)
        self.temps = [self.folder / f".{t.name}.~{self.run}.part" for t in targets]
        self.marker = self.folder / f".officialdoc.~{self.run}.commit"

    def __enter__(self) -> Transaction:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            with _folder_lock(self.folder):
                recover(self.folder)
            for temp in self.temps:
                os.close(os.open(temp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
        except OSError as exc:
            self._discard()
            raise OutputError(describe_os_error(exc, self.folder)) from None
        except BaseException:  # a signal while the files are being made
            self._discard()
            raise
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self._discard()  # after a commit there is nothing left to discard

    def _discard(self) -> None:
        for temp in self.temps:
            with contextlib.suppress(OSError):
                os.unlink(temp)

    def commit(self) -> None:
        """Make every temporary file its target, or (on an error) none of them."""
        mode = umask_mode()
        with _signals_held(), _folder_lock(self.folder):
            try:
                for temp in self.temps:
                    os.chmod(temp, mode)  # a renderer may have replaced it with a file of its own
                    fsync_path(temp)
                fsync_path(self.folder, directory=True)
                os.close(os.open(self.marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
                fsync_path(self.folder, directory=True)
            except OSError as exc:
                with contextlib.suppress(OSError):
                    os.unlink(self.marker)
                raise OutputError(describe_os_error(exc, self.folder)) from None
            for temp, target in zip(self.temps, self.targets, strict=True):
                os.replace(temp, target)  # same folder: cannot fail short of the disk failing
            fsync_path(self.folder, directory=True)
            os.unlink(self.marker)


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """SIGINT, SIGTERM and SIGHUP wait until the block is done (where the platform can)."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    held = signal.pthread_sigmask(signal.SIG_BLOCK, _HELD_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


@contextlib.contextmanager
def _folder_lock(folder: Path) -> Iterator[None]:
    """One commit or recovery at a time in ``folder``: two renders of the same file never interleave."""
    try:
        import fcntl
    except ImportError:  # Windows
        yield
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # releases the lock
