"""Baselines: accept today's findings, report only new ones (``--write-baseline``, ``--baseline``).

An entry is ``{rule, path, function, fingerprint, count}`` (the path relative to the source root,
see :func:`key`): no line numbers, so unrelated edits
do not turn old findings into new ones (``Finding.fingerprint`` hashes rule, path, function, the
reported expression and the finding's ``key``, not the message, so a reworded message does not
either). Matching counts: a function with two identical findings against a baseline holding one
reports one as new. Baselined findings are kept, marked ``suppressed="baseline"``, and counted in
``RunStats.baselined``.

Format 1 fingerprints hashed the message text: a format-1 file is still read, its entries matched by
rule, path and function only (with their counts), until ``--write-baseline`` rewrites it.
"""
from __future__ import annotations

import dataclasses
import json
from collections import Counter
from typing import Iterable

from kmemlint import output, roots
from kmemlint.model import Finding

FORMAT = 2
Key = tuple[str, str, str, str]
#: the fingerprint of a format-1 entry, matched by rule, path and function only
ANY = "*"


class BaselineError(Exception):
    """An unreadable or malformed baseline file: one line, exit 2."""


def key(f: Finding, root=None) -> Key:
    """The finding's entry: its path relative to its source root (``--srcroot``, else its kernel
    tree or git repository: kmemlint.roots), so a baseline holds from any directory."""
    path = roots.relative(f.loc.path, root)
    return (f.rule, path, f.function, f.fingerprint_for(path))


def entries(findings: Iterable[Finding], root=None) -> list[dict]:
    counts = Counter(key(f, root) for f in findings if not f.suppressed)
    return [{"rule": r, "path": p, "function": fn, "fingerprint": fp, "count": n}
            for (r, p, fn, fp), n in sorted(counts.items())]


def write(path: str, findings: Iterable[Finding], root=None) -> int:
    """Write the baseline of the active findings atomically; returns how many it holds."""
    items = entries(findings, root)
    text = json.dumps({"kmemlint-baseline": FORMAT, "findings": items}, indent=1, sort_keys=True) + "\n"
    try:
        output.write_atomic(path, text)
    except output.OutputError as e:
        raise BaselineError(str(e)) from None
    return sum(i["count"] for i in items)


def load(path: str) -> Counter:
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except OSError as e:
        raise BaselineError(f"{path}: cannot read baseline: {e.strerror or e}") from None
    except (ValueError, UnicodeDecodeError) as e:
        raise BaselineError(f"{path}: not a kmemlint baseline (invalid JSON: {e})") from None
    if not isinstance(data, dict) or data.get("kmemlint-baseline") not in (1, FORMAT) \
            or not isinstance(data.get("findings"), list):
        raise BaselineError(f"{path}: not a kmemlint baseline (expected {{\"kmemlint-baseline\": {FORMAT}, \"findings\": [...]}})")
    return load_entries(data["findings"], path, data["kmemlint-baseline"])


def load_entries(items: list, path: str = "baseline", version: int = FORMAT) -> Counter:
    out: Counter = Counter()
    for i, e in enumerate(items):
        try:
            k = (e["rule"], e["path"], e["function"], e["fingerprint"])
            n = e.get("count", 1)
            if not all(isinstance(v, str) for v in k) or not isinstance(n, int) or n < 1:
                raise TypeError
        except (KeyError, TypeError, AttributeError):
            raise BaselineError(f"{path}: findings[{i}]: expected rule, path, function, fingerprint (strings) "
                                "and count (a positive integer)") from None
        out[k if version == FORMAT else (*k[:3], ANY)] += n
    return out


def apply(findings: list[Finding], baseline: Counter, root=None) -> tuple[list[Finding], int]:
    """Mark findings the baseline covers (in the deterministic finding order), count them."""
    left = Counter(baseline)
    out, n = [], 0
    for f in sorted(findings, key=Finding.sort_key):
        k = key(f, root)
        # format-1 entries: rule, path, function; the path root-relative, or as displayed as the
        # releases before root-relative paths wrote it
        for c in dict.fromkeys((k, (*k[:3], ANY), (f.rule, f.loc.path, f.function, ANY))):
            if not f.suppressed and left[c] > 0:
                left[c] -= 1
                f = dataclasses.replace(f, suppressed="baseline")
                n += 1
        out.append(f)
    return out, n
