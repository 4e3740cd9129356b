"""Source roots: what the path in a finding's identity (its fingerprint, its baseline entry) is
relative to, so that identities do not change with the directory kmemlint runs from, or with
absolute paths on the command line (baselines and code-scanning alerts would all break).

The root of a file is the ``--srcroot`` directory when given and the file is inside it, else the
kernel tree holding it (``kmemlint.frontend.sizes.find_kernel_root``), else its git repository (the nearest
directory with a ``.git``), else none: the path stays as displayed.
"""
from __future__ import annotations

import functools
import os
from pathlib import Path


@functools.lru_cache(maxsize=4096)
def _git_root(directory: str) -> str | None:
    d = Path(directory)
    for candidate in (d, *d.parents):
        if (candidate / ".git").exists():
            return str(candidate)
    return None


@functools.lru_cache(maxsize=65536)
def _relative(path: str, srcroot: str | None, cwd: str) -> str:
    from kmemlint.frontend.sizes import find_kernel_root

    real = os.path.realpath(os.path.join(cwd, path))
    candidates = [srcroot] if srcroot else []
    kernel = find_kernel_root(real)
    candidates += [str(kernel) if kernel else None, _git_root(os.path.dirname(real))]
    for root in candidates:
        if root:
            root = os.path.realpath(root)
            if real.startswith(root.rstrip(os.sep) + os.sep):
                return Path(os.path.relpath(real, root)).as_posix()
    return path


def relative(path: str, srcroot: Path | str | None = None) -> str:
    """``path`` (as displayed) relative to its source root, with ``/`` separators."""
    return _relative(path, str(srcroot) if srcroot else None, os.getcwd())
