"""Files kmemlint writes (``-o`` reports, baselines): checked before the run, written whole or not
at all. A report is written to a temporary file next to it, then renamed over it, so a full disk
or an interrupted run leaves the old file (or none), never a truncated one."""
from __future__ import annotations

import os
import tempfile


class OutputError(Exception):
    """The file cannot be written: one line naming it, exit 2."""


def _folder(path: str) -> str:
    return os.path.dirname(os.path.abspath(path))


def check_writable(path: str) -> None:
    """Fail now, before a long analysis, when ``path`` cannot be created or replaced."""
    folder = _folder(path)
    if not os.path.isdir(folder):
        raise OutputError(f"{path}: cannot write: directory {folder} does not exist")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputError(f"{path}: cannot write: directory {folder} is not writable")
    if os.path.isdir(path):
        raise OutputError(f"{path}: cannot write: is a directory")


def write_atomic(path: str, text: str) -> None:
    """Write ``text`` to ``path`` (UTF-8) through a temporary file renamed over it; the new file
    gets the permissions a plain ``open(path, "w")`` would give it."""
    tmp = ""
    try:
        fd, tmp = tempfile.mkstemp(dir=_folder(path), prefix=f".{os.path.basename(path)}.")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
        tmp = ""
    except OSError as e:
        raise OutputError(f"{path}: cannot write: {e.strerror or e}") from None
    finally:
        if tmp:
            try:
                os.unlink(tmp)
            except OSError:
                pass
