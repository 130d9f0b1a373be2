"""Files migctl writes for the user (`-o`, `--output`, exports, reports), written without harm.

A user's output path may be an existing file with its own mode, a symlink into another folder,
a FIFO a script reads from, or a device such as ``/dev/null``; migctl runs as whoever calls it,
sometimes root. So every output goes through :func:`atomic_output`:

* a regular file (or none yet) is written to an unpredictable temporary file created
  exclusively (``O_EXCL``, no symlink followed) in the same folder, which replaces the target
  only when complete; the target keeps its mode (a new file gets the umask's default) and, for
  root, its owner;
* a symlink is written through: its target is replaced, the link stays a link;
* a FIFO or a character/block device is written directly (never replaced by a regular file);
* a directory, or a folder that does not exist, is refused before anything is touched;
* the temporary file is removed on any failure, and on SIGTERM/SIGHUP while writing
  (:func:`unwind_on_signal`, which other work with temporary files uses too).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import stat
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from types import FrameType
from typing import IO

from migctl.errors import InputError

_SIGNALS = (signal.SIGTERM, signal.SIGHUP)


class _Interrupted(BaseException):
    """Raised inside the write when a terminating signal arrives, so cleanup runs."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def resolve_target(path: Path) -> Path:
    """The file a write to ``path`` must change: symlinks followed, refusals checked."""
    target = Path(os.path.realpath(path)) if path.is_symlink() else path
    if target.is_dir():
        raise InputError("is a directory; name a file to write", file=str(path))
    parent = target.parent
    if not parent.is_dir():
        raise InputError(f"the folder {parent} does not exist; create it first",
                         file=str(path))
    return target


def _umask_mode() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


_unwinding = 0  # how many unwind_on_signal blocks are open (the outermost handles the signal)
_holding = 0  # > 0 while a temporary folder is being made or removed: signals wait
_pending: int | None = None  # a signal that arrived while holding


def _on_signal(signum: int, frame: FrameType | None) -> None:
    global _pending
    if _holding:
        _pending = signum
        return
    raise _Interrupted(signum)


def _raise_pending() -> None:
    global _pending
    if _pending is not None and not _holding:
        signum, _pending = _pending, None
        raise _Interrupted(signum)


def _deliver_pending() -> None:
    """Send the noted signal again, now that the handlers from before are back."""
    global _pending
    signum, _pending = _pending, None
    if signum is not None:
        os.kill(os.getpid(), signum)


@contextlib.contextmanager
def unwind_on_signal() -> Iterator[None]:
    """SIGTERM/SIGHUP inside the block raise through it, so every ``finally`` and ``with`` on
    the way out runs (temporary files and folders are removed); the outermost block then dies
    of the signal as if it had not been caught. Main thread only (elsewhere: no change)."""
    global _unwinding, _pending
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    outermost = _unwinding == 0
    previous = {sig: signal.signal(sig, _on_signal) for sig in _SIGNALS} if outermost else {}
    _unwinding += 1
    try:
        yield
        _raise_pending()
    except _Interrupted as interrupted:
        if not outermost:
            raise
        signal.signal(interrupted.signum, signal.SIG_DFL)
        previous.pop(signal.Signals(interrupted.signum), None)
        os.kill(os.getpid(), interrupted.signum)
        raise SystemExit(128 + interrupted.signum) from None
    finally:
        _unwinding -= 1
        for sig, old in previous.items():
            signal.signal(sig, old)
        if outermost and _pending is not None:  # noted while another exception went out
            _deliver_pending()


@contextlib.contextmanager
def temporary_folder(prefix: str) -> Iterator[Path]:
    """A private temporary folder, removed on the way out, for use inside
    :func:`unwind_on_signal`. A terminating signal that arrives while the folder is being made
    or removed waits (the handler only notes it) and is raised right after, inside the block
    that removes the folder: one landing between ``mkdtemp`` and that block (a busy machine can
    deschedule a process right there) would otherwise leave the folder behind."""
    global _holding
    _holding += 1
    try:
        folder = Path(tempfile.mkdtemp(prefix=prefix))
    finally:
        _holding -= 1
    try:
        _raise_pending()
        yield folder
    finally:
        _holding += 1
        try:
            shutil.rmtree(folder, ignore_errors=True)
        finally:
            _holding -= 1


def _is_stream(target: Path) -> bool:
    try:
        mode = target.stat().st_mode
    except FileNotFoundError:
        return False
    return stat.S_ISFIFO(mode) or stat.S_ISCHR(mode) or stat.S_ISBLK(mode)


@contextlib.contextmanager
def atomic_output(path: Path | str, *, binary: bool = False) -> Iterator[IO]:
    """Open ``path`` for writing the migctl way (see the module docstring)."""
    path = Path(path)
    target = resolve_target(path)
    if _is_stream(target):
        with (open(target, "wb") if binary
              else open(target, "w", encoding="utf-8", newline="")) as handle:
            yield handle
        return
    try:
        existing = target.stat()
    except FileNotFoundError:
        existing = None
    descriptor, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp",
                                        dir=target.parent)
    temporary = Path(name)
    with unwind_on_signal():
        try:
            with (os.fdopen(descriptor, "wb") if binary
                  else os.fdopen(descriptor, "w", encoding="utf-8", newline="")) as handle:
                yield handle
            _keep_metadata(temporary, existing)
            temporary.replace(target)
        except BaseException:  # a failure, or a signal unwinding (unwind_on_signal)
            temporary.unlink(missing_ok=True)
            raise


def _keep_metadata(temporary: Path, existing: os.stat_result | None) -> None:
    if existing is None:
        temporary.chmod(_umask_mode())
        return
    temporary.chmod(stat.S_IMODE(existing.st_mode))
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        with contextlib.suppress(OSError):
            os.chown(temporary, existing.st_uid, existing.st_gid)


def write_text(path: Path | str, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` through :func:`atomic_output`."""
    with atomic_output(path) as handle:
        handle.write(text)


def write_bytes(path: Path | str, data: bytes) -> None:
    with atomic_output(path, binary=True) as handle:
        handle.write(data)
