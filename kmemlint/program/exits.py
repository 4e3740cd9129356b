"""How a function's paths end: the exits that report an error to the caller. A path that ends
there did no work for the caller (memsummary: a DMA wrapper that must hand its buffer on; atomic:
a sleep behind an argument check is the function's sleep, not a mode the caller picks)."""
from __future__ import annotations

import re

from kmemlint.frontend.cfg import TRUE
from kmemlint.frontend.facts import FunctionFacts

#: ``-EINVAL``, ``ERR_PTR(-ENODEV)``
_ERRNO = re.compile(r"^(-\s*E[A-Z0-9]+|ERR_PTR\s*\(\s*-\s*E[A-Z0-9]+\s*\))$")


def _unparen(text: str) -> str:
    """``text`` without the parentheses around all of it (``((ret))`` -> ``ret``)."""
    text = text.strip()
    while text.startswith("(") and text.endswith(")"):
        depth = 0
        for i, ch in enumerate(text):
            depth += (ch == "(") - (ch == ")")
            if depth == 0 and i < len(text) - 1:
                return text  # (a) || (b)
        text = text[1:-1].strip()
    return text


#: per function (by its graph's identity; the graph is kept so that its id is not reused while it
#: is here): its error exits. atomic.py asks for every parameter test of every sleeping call it
#: summarises; the last ``_MEMO_SIZE`` functions
_MEMO: dict[int, tuple[object, frozenset[int]]] = {}
_MEMO_SIZE = 256


def error_exits(fn: FunctionFacts) -> frozenset[int]:
    """The CFG nodes of ``fn`` that return an error: a negative errno (``return -EINVAL;``,
    ``return ERR_PTR(-EINVAL);``), or the status a test right before found non-zero or negative
    (``ret = hook(...); if (ret) return ret;``, ``if (ret < 0)``; not ``if (ret >= 0)``). A path
    ending there did no work for its caller."""
    got = _MEMO.get(id(fn.cfg))
    if got is not None and got[0] is fn.cfg:
        return got[1]
    if len(_MEMO) >= _MEMO_SIZE:
        del _MEMO[next(iter(_MEMO))]
    out = frozenset(_error_exits(fn))
    _MEMO[id(fn.cfg)] = (fn.cfg, out)
    return out


def _error_exits(fn: FunctionFacts) -> set[int]:
    out = set()
    conds = dict(fn.conds)
    preds = None
    for r in fn.returns:
        v = r.value.strip() if r.value is not None else None
        if v is None:
            continue
        if _ERRNO.match(v.text):
            out.add(r.node)
        elif v.kind == "var":
            preds = preds if preds is not None else fn.cfg.preds()
            failed = re.compile(rf"^(unlikely\()?\s*{re.escape(v.name)}\s*(<\s*0|!=\s*0)?\s*\)?$")
            if any(label == TRUE and src in conds and failed.match(_unparen(conds[src])) for src, label in preds[r.node]):
                out.add(r.node)
    return out
