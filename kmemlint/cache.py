"""Cache stage: per-file facts on disk, keyed by content, so unchanged files are never re-parsed.

Layout of the cache directory (``--cache-dir``, default ``$KMEMLINT_CACHE_DIR``, else
``$XDG_CACHE_HOME/kmemlint``, else ``~/.cache/kmemlint``; safe to move or delete at any time)::

    CACHEDIR.TAG
    v1/facts/ab/<key>        FileFacts of one file
    v1/types/ab/<key>        macros and types of one header (kmemlint.sizes.header_facts)
    v1/results/ab/<key>      findings of a whole run (a warm re-run with nothing changed)
    v1/groups/ab/<key>       findings of one part of a big run (a re-run after an edit elsewhere)
    v1/index/<cwd-key>       what the last runs from one directory saw: path -> (stat, key)

A facts key hashes the *salt* (kmemlint version, the facts schema = a digest of the code and
queries that produce facts, the Python version, the tree-sitter and grammar versions, the knowledge
digest) with the displayed path and
the file's bytes, so any change to any of them is a miss, never a stale hit. Every entry is
``MAGIC + layout + sha256(payload) + payload`` (``layout``: a digest of the version, the facts
schema and the Python version) and is written to a temporary file then ``os.replace``d, so
two runs sharing the directory (``make -j`` in Kbuild mode) only ever see whole entries; an entry
that is truncated, corrupt, or of another version or layout fails the check and is rebuilt, never
trusted. Readers also check the type of what an entry holds (``filefacts`` for facts), so a
checksummed entry of foreign content is rebuilt too.

The index lets a re-run skip reading and hashing files whose (size, mtime, inode, ctime) did not
change, as git's index does; entries stat'ed less than two seconds after their last write are
stored without stat data ("racy"), so an edit within the clock's granularity is still seen.
The cache is a private per-user directory: its entries are pickles.
"""
from __future__ import annotations

import copyreg
import functools
import hashlib
import itertools
import os
import pickle
import sys
import tempfile
import time
from importlib import resources
from pathlib import Path
from typing import Any, Callable

from kmemlint import __version__
from kmemlint.frontend.discover import source_key

MAGIC = b"kmemlint-cache 2\n"
_DIGEST = 32
_LAYOUT = 16
RACY_SECONDS = 2.0
_TAG = ("Signature: 8a477f597d28d172789f06886806bc55\n"
        "# This file is a cache directory tag created by kmemlint.\n"
        "# For information about cache directory tags see https://bford.info/cachedir/\n")

#: the code and queries that decide what FileFacts hold (the per-file stages, and the plain data
#: types they use): any edit changes the schema
_SCHEMA_SOURCES = ("frontend/", "model.py")

Stat = tuple[int, int, int, int]  # size, mtime_ns, inode, ctime_ns


def default_dir() -> Path:
    env = os.environ.get("KMEMLINT_CACHE_DIR")
    if env:
        return Path(env)
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg and os.path.isabs(xdg) else Path.home() / ".cache"
    return base / "kmemlint"


@functools.lru_cache(maxsize=1)
def facts_schema() -> str:
    """A digest of the code and queries that produce ``FileFacts``."""
    return _digest_files(f for f in _sources(resources.files("kmemlint"), "")
                         if f[0].startswith(_SCHEMA_SOURCES))


@functools.lru_cache(maxsize=1)
def code_digest() -> str:
    """A digest of every module of kmemlint and of its rules: a stored result (``results``,
    ``groups``) holds findings, which any of them can change, so results made by other code are
    misses even when the version number is the same (an install from a git checkout)."""
    return _digest_files(f for package in ("kmemlint", "kmemlint.rules")
                         for f in _sources(resources.files(package), package + "/"))


def _digest_files(files) -> str:
    h = hashlib.sha256()
    for name, item in sorted(files, key=lambda f: f[0]):
        h.update(name.encode() + b"\0" + item.read_bytes())
    return h.hexdigest()[:16]


def _sources(folder, prefix: str) -> list:
    """(name under ``prefix``, file) of the package's code, queries and knowledge, recursively."""
    out = []
    for item in folder.iterdir():
        name = prefix + item.name
        if item.is_dir() and item.name != "__pycache__":
            out += _sources(item, name + "/")
        elif item.name.endswith((".py", ".scm", ".toml")):
            out.append((name, item))
    return out


def salt(knowledge_digest: str) -> str:
    """What every entry depends on besides its file: kmemlint's version and facts code, the Python
    version, the parser and grammar versions (another tree-sitter-c parses differently) and the
    knowledge."""
    from kmemlint.frontend.parse import parser_versions

    return "\0".join((__version__, facts_schema(), "%d.%d" % sys.version_info[:2], repr(parser_versions()),
                      knowledge_digest))


file_key = source_key  # the facts stage's input identity (kmemlint.frontend.discover)


def digest(*parts: Any) -> str:
    return hashlib.sha256(repr(parts).encode("utf-8", "surrogateescape")).hexdigest()


def tree_stamp(dirs, flat=(), suffix: str = ".h") -> str:
    """A digest of the path, size, mtime and inode of every ``suffix`` file under ``dirs`` and
    directly in ``flat`` (each file once): what stored results depend on besides the analysed
    files, the headers outside them (6.12's include/ and arch/x86/include/: 6,644, ~45 ms)."""
    h = hashlib.sha256()
    seen: set[str] = set()
    tops: list[str] = []
    for d in sorted(dirs):  # include/uapi lies inside include/: walked once
        if not any(d.startswith(t.rstrip(os.sep) + os.sep) for t in tops):
            tops.append(d)
    walks = [os.walk(top) for top in tops] + [itertools.islice(os.walk(d), 1) for d in sorted(set(flat))]
    for walk in walks:
        for dirpath, dirnames, filenames in walk:
            dirnames.sort()
            for name in sorted(filenames):
                path = os.path.join(dirpath, name)
                if name.endswith(suffix) and path not in seen:
                    seen.add(path)
                    try:
                        st = os.stat(path)
                    except OSError:
                        continue
                    h.update(repr((path, stat_of(st))).encode("utf-8", "surrogateescape"))
    return h.hexdigest()


def stat_of(st: os.stat_result) -> Stat:
    return (st.st_size, st.st_mtime_ns, st.st_ino, st.st_ctime_ns)


def _reduce_named(obj: tuple) -> tuple:
    return (tuple.__new__, (type(obj), tuple(obj)))


def _fast_named_tuples() -> None:
    """Pickle the facts' NamedTuples as ``tuple.__new__(cls, values)``: unpickling then runs no
    Python-level ``__new__`` per object (measured: loads 2x faster, entries 13 % larger)."""
    from kmemlint import model
    from kmemlint.frontend import cfg, facts

    for mod in (facts, cfg, model):
        for v in vars(mod).values():
            if isinstance(v, type) and issubclass(v, tuple) and hasattr(v, "_fields") and v.__module__ == mod.__name__:
                copyreg.pickle(v, _reduce_named)


_fast_named_tuples()


@functools.lru_cache(maxsize=1)
def layout() -> bytes:
    """What the classes in an entry look like: entries written by other code are foreign."""
    return hashlib.sha256("\0".join((__version__, facts_schema(), "%d.%d" % sys.version_info[:2])).encode()
                          ).digest()[:_LAYOUT]


def encode(obj: Any) -> bytes:
    payload = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    return MAGIC + layout() + hashlib.sha256(payload).digest() + payload


_HEAD = len(MAGIC) + _LAYOUT + _DIGEST


def _ours(blob: bytes) -> bool:
    return len(blob) >= _HEAD and blob.startswith(MAGIC) and blob[len(MAGIC):len(MAGIC) + _LAYOUT] == layout()


def check(blob: bytes) -> bool:
    return _ours(blob) and hashlib.sha256(memoryview(blob)[_HEAD:]).digest() == blob[_HEAD - _DIGEST:_HEAD]


def decode(blob: bytes, verify: bool = True) -> Any:
    """The object in an entry, or raises ``ValueError`` when it is not a whole, valid entry of this
    layout. ``verify=False`` only for an entry this run just made or checked (a worker's answer)."""
    if not _ours(blob):
        raise ValueError("not a kmemlint cache entry of this version")
    payload = memoryview(blob)[_HEAD:]
    if verify and hashlib.sha256(payload).digest() != blob[_HEAD - _DIGEST:_HEAD]:
        raise ValueError("checksum mismatch")
    try:
        return pickle.loads(payload)
    except Exception as e:  # noqa: BLE001 - a checksummed pickle of another code version
        raise ValueError(f"cannot unpickle: {e}") from None


class Cache:
    """One cache directory. Every method swallows I/O errors: a cache never fails a run."""

    def __init__(self, root: Path, salt_: str, warn: Callable[[str], None] | None = None) -> None:
        self.root = Path(root)
        self.base = self.root / "v1"
        self.salt = salt_
        self._warn = warn
        self._warned = False
        self.writable = True
        try:
            self.base.mkdir(parents=True, exist_ok=True, mode=0o700)
            tag = self.root / "CACHEDIR.TAG"
            if not tag.exists():
                self._write(tag, _TAG.encode())
        except OSError as e:
            self._fail(e)

    def _fail(self, e: OSError) -> None:
        self.writable = False
        if self._warn and not self._warned:
            self._warned = True
            self._warn(f"cache {self.root}: {e.strerror or e}; running without writing the cache")

    # -- entries ---------------------------------------------------------------------------------
    def _path(self, kind: str, key: str) -> Path:
        return self.base / kind / key[:2] / key

    def _write(self, path: Path, data: bytes) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".tmp-{os.getpid()}-")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, path)
        except BaseException:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise

    def discard_temporaries(self, pids) -> None:
        """Remove the temporary files of entries that processes ``pids`` were writing when they
        were killed (workers of an interrupted run): an interrupted run leaves no debris."""
        prefixes = tuple(f".tmp-{pid}-" for pid in pids)
        if not prefixes:
            return
        for kind in ("facts", "types"):
            try:
                folders = list(os.scandir(self.base / kind))
            except OSError:
                continue
            for folder in folders:
                try:
                    for e in os.scandir(folder.path):
                        if e.name.startswith(prefixes):
                            os.unlink(e.path)
                except OSError:
                    pass

    def get(self, kind: str, key: str) -> Any | None:
        try:
            blob = self._path(kind, key).read_bytes()
        except OSError:
            return None
        try:
            return decode(blob)
        except ValueError:
            return None  # corrupt, truncated or foreign: rebuilt by the caller and overwritten

    def get_blob(self, kind: str, key: str) -> bytes | None:
        """The raw entry when it is whole and valid (checked, not unpickled)."""
        try:
            blob = self._path(kind, key).read_bytes()
        except OSError:
            return None
        return blob if check(blob) else None

    def put(self, kind: str, key: str, obj: Any) -> None:
        self.put_blob(kind, key, encode(obj))

    def put_blob(self, kind: str, key: str, blob: bytes) -> bool:
        """Store an entry; False when it could not be written."""
        if not self.writable:
            return False
        try:
            self._write(self._path(kind, key), blob)
        except OSError as e:
            self._fail(e)
            return False
        return True

    # -- the index of what runs from one directory saw ----------------------------------------------
    def _index_path(self, cwd: str) -> Path:
        return self.base / "index" / digest(self.salt, os.path.realpath(cwd))[:32]

    def load_index(self, cwd: str) -> dict[str, tuple[Stat | None, str, str]]:
        """path -> (stat or None, facts key, note); entries of another shape are left out."""
        idx = self.get_path(self._index_path(cwd))
        if not isinstance(idx, dict):
            return {}
        return {p: e for p, e in idx.items() if isinstance(p, str) and isinstance(e, tuple) and len(e) == 3
                and (e[0] is None or isinstance(e[0], tuple)) and isinstance(e[1], str) and isinstance(e[2], str)}

    def get_path(self, path: Path) -> Any | None:
        try:
            return decode(path.read_bytes())
        except (OSError, ValueError):
            return None

    def save_index(self, cwd: str, entries: dict[str, tuple[Stat | None, str]]) -> None:
        """Merge ``entries`` into the index of ``cwd`` (a concurrent writer may win; it is a cache)."""
        if not self.writable or not entries:
            return
        idx = self.load_index(cwd)
        if all(idx.get(k) == v for k, v in entries.items()):
            return  # nothing new: no rewrite (Kbuild calls kmemlint once per file)
        idx.update(entries)
        try:
            self._write(self._index_path(cwd), encode(idx))
        except OSError as e:
            self._fail(e)


def trusted_stat(st: os.stat_result, now: float | None = None) -> Stat | None:
    """The stat tuple to store, or None when the file changed too recently to trust it later."""
    now = time.time() if now is None else now
    return stat_of(st) if now - st.st_mtime_ns / 1e9 > RACY_SECONDS else None
