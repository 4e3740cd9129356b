"""``kmemlint cost``: a report of a tree's allocation sites and what they cost.

Counts per allocator family and per kmalloc size class, the sites that waste the most bytes and
those that need the highest page orders (by :mod:`kmemlint.costmodel`), and the sites whose size
could not be evaluated, counted by reason (:func:`kmemlint.allocsites.reason_category`). Rendered
as readable tables (``text``) or one JSON object (``json``); both are deterministic.
"""
from __future__ import annotations

import json
from collections import Counter

from kmemlint.frontend.allocsites import AllocSite, reason_category
from kmemlint.costmodel import Arch, format_bytes
from kmemlint.model import RunStats

__all__ = ["build", "render_text", "render_json", "size_class_label", "site_dict"]


def size_class_label(site: AllocSite, arch: Arch) -> str | None:
    """``kmalloc-96``, ``kmalloc-8k``, ``order-4 (64 KiB)``, ``above KMALLOC_MAX_SIZE``, or None
    for a site outside the kmalloc family or without an evaluated size."""
    c = site.cost
    if not site.kmalloc_family or c is None or not site.evaluated:
        return None
    if c.impossible or c.size_class is None:
        return "above KMALLOC_MAX_SIZE"
    if c.size_class <= arch.kmalloc_max_cache_size:
        n = c.size_class
        return f"kmalloc-{n // 1024}k" if n >= 1024 else f"kmalloc-{n}"
    return f"order-{c.order} ({format_bytes(c.size_class)})"


def _class_order(label: str) -> tuple:
    if label.startswith("kmalloc-"):
        num = label[len("kmalloc-"):]
        return (0, int(num[:-1]) * 1024 if num.endswith("k") else int(num))
    if label.startswith("order-"):
        return (1, int(label.split()[0][len("order-"):]))
    return (2, 0)


def site_dict(site: AllocSite) -> dict:
    return {
        "path": site.loc.path, "line": site.loc.line, "column": site.loc.col,
        "function": site.function, "allocator": site.callee, "family": site.family,
        "size": site.size_text, "size_lo": site.size_lo, "size_hi": site.size_hi,
        "exact": site.exact, "reason": site.reason or None,
        "cost": dict(site.cost.as_properties()) if site.cost is not None else None,
    }


def build(sites: list[AllocSite], stats: RunStats, arch: Arch, top: int = 10) -> dict:
    """The whole report as plain data (what ``--format json`` prints)."""
    families: dict[str, dict[str, int]] = {}
    for s in sites:
        fam = families.setdefault(s.family, {"sites": 0, "evaluated": 0})
        fam["sites"] += 1
        fam["evaluated"] += s.evaluated
    classes = Counter(label for s in sites if (label := size_class_label(s, arch)))
    costed = [s for s in sites if s.cost is not None and s.cost.waste is not None]
    by_waste = sorted(costed, key=lambda s: (-(s.cost.waste or 0), s.loc))[:top]
    ordered = [s for s in sites if s.cost is not None and (s.cost.order is not None or s.cost.impossible)]
    by_order = sorted(ordered, key=lambda s: (-s.cost.impossible, -(s.cost.order or 0),
                                              -(s.cost.size_hi or 0), s.loc))[:top]
    unevaluated = [s for s in sites if not s.evaluated]
    reasons = Counter(reason_category(s.reason) for s in unevaluated)
    return {
        "files": stats.files,
        "sites": len(sites),
        "evaluated": sum(1 for s in sites if s.evaluated),
        "exact": sum(1 for s in sites if s.exact),
        "page_size": arch.page_size,
        "families": dict(sorted(families.items(), key=lambda kv: (-kv[1]["sites"], kv[0]))),
        "kmalloc_size_classes": {k: classes[k] for k in sorted(classes, key=_class_order)},
        "top_waste": [site_dict(s) for s in by_waste],
        "top_order": [site_dict(s) for s in by_order],
        "unevaluated": {
            "count": len(unevaluated),
            "by_reason": dict(sorted(reasons.items(), key=lambda kv: (-kv[1], kv[0]))),
            "sites": [site_dict(s) for s in unevaluated],
        },
    }


def render_json(report: dict) -> str:
    return json.dumps(report, indent=2) + "\n"


def _pct(n: int, d: int) -> str:
    return f"{100 * n / d:.0f}%" if d else "-"


def _site_line(s: dict) -> str:
    return f"{s['path']}:{s['line']}: {s['allocator']}({s['size']})"


def render_text(report: dict, top: int = 10) -> str:
    out: list[str] = []
    n, ev = report["sites"], report["evaluated"]
    out.append(f"kmemlint cost: {n} allocation site{'s' if n != 1 else ''} in {report['files']} "
               f"files; size evaluated for {ev} ({_pct(ev, n)}), {report['exact']} exactly")
    out.append("")
    out.append(f"{'family':<24} {'sites':>7} {'evaluated':>10}")
    for fam, c in report["families"].items():
        out.append(f"{fam:<24} {c['sites']:>7} {c['evaluated']:>10}")
    if report["kmalloc_size_classes"]:
        out.append("")
        out.append(f"{'kmalloc size class':<24} {'sites':>7}")
        for label, count in report["kmalloc_size_classes"].items():
            out.append(f"{label:<24} {count:>7}")
    for title, key in (("most wasteful sites (bytes lost per allocation)", "top_waste"),
                       ("highest page orders", "top_order")):
        if not report[key]:
            continue
        out.append("")
        out.append(title)
        out.append(f"  {'waste':>10} {'order':>5} {'size':>10}  site")
        for s in report[key]:
            c = s["cost"]
            size = format_bytes(s["size_hi"]) if s["size_hi"] is not None else "?"
            if s["size_lo"] != s["size_hi"]:
                size = "<=" + size
            waste = format_bytes(c["waste"]) if c.get("waste") is not None else "-"
            order = "never" if c.get("impossible") else str(c.get("order", "-"))
            out.append(f"  {waste:>10} {order:>5} {size:>10}  {_site_line(s)}")
    unev = report["unevaluated"]
    if unev["count"]:
        out.append("")
        out.append(f"size not evaluated: {unev['count']} sites")
        examples: dict[str, list[dict]] = {}
        for s in unev["sites"]:
            examples.setdefault(reason_category(s["reason"] or ""), []).append(s)
        for reason, count in unev["by_reason"].items():
            out.append(f"  {count:>7}  {reason}")
            for s in examples.get(reason, [])[:min(top, 3)]:
                out.append(f"             e.g. {_site_line(s)}: {s['reason']}")
    return "\n".join(out) + "\n"
