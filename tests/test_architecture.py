"""The data path as the package layout shows it, checked on the import graph: files -> per-file
stages (kmemlint.frontend) -> whole-program stages (kmemlint.program) -> rules -> findings ->
reporters. No stage imports a later one, and no module imports itself back through others."""
from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: stage of each package or module; a module may import only modules of its stage or an earlier one
STAGES = {
    "kmemlint.model": 0, "kmemlint.knowledge": 0, "kmemlint.costmodel": 0, "kmemlint.__init__": 0,
    "kmemlint.output": 0,  # atomic writes of reports and baselines: imports no kmemlint module
    "kmemlint.frontend": 1,
    "kmemlint.program": 2,
    "kmemlint.registry": 3, "kmemlint.rules": 3, "kmemlint.engine": 3,
    "kmemlint.suppress": 4, "kmemlint.rank": 4, "kmemlint.baseline": 4, "kmemlint.fingerprint": 4,
    "kmemlint.roots": 4,  # the source root of a finding's path, for fingerprints and baselines
    "kmemlint.report": 5,
}
#: infrastructure around the stages: may import anything, imported by no stage
WRAPPERS = ("kmemlint.cache", "kmemlint.pipeline", "kmemlint.filefacts", "kmemlint.workers", "kmemlint.stored",
            "kmemlint.modelbuild", "kmemlint.stagetimes", "kmemlint.cli", "kmemlint.config", "kmemlint.kbuild",
            "kmemlint.progress", "kmemlint.gitdiff", "kmemlint.limits", "kmemlint.__main__")


def modules() -> dict[str, Path]:
    out = {}
    for p in (ROOT / "kmemlint").rglob("*.py"):
        parts = p.relative_to(ROOT).with_suffix("").parts
        out[".".join(parts)] = p
    for p in (ROOT / "rules").glob("*.py"):
        out["kmemlint.rules." + p.stem] = p
    return out


def imports(path: Path, name: str) -> set[str]:
    """Every kmemlint module ``path`` imports, at module level or inside functions."""
    got = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            base = node.module
            if base == "kmemlint":
                got |= {f"kmemlint.{a.name}" for a in node.names}
            elif base.startswith("kmemlint."):
                got.add(base)
                got |= {f"{base}.{a.name}" for a in node.names}
        elif isinstance(node, ast.Import):
            got |= {a.name for a in node.names if a.name.startswith("kmemlint.")}
    return got


def stage(mod: str) -> int | None:
    for prefix, s in sorted(STAGES.items(), key=lambda kv: -len(kv[0])):
        if mod == prefix or mod.startswith(prefix + "."):
            return s
    return None


def graph() -> dict[str, set[str]]:
    mods = modules()
    return {m: {i for i in imports(p, m) if i in mods and i != m} for m, p in mods.items()}


def test_every_module_has_a_place() -> None:
    for m in modules():
        if m.endswith("__init__") and m.count(".") > 1:
            continue
        assert stage(m) is not None or m.startswith(WRAPPERS), f"{m}: add it to STAGES or WRAPPERS"


def test_no_stage_imports_a_later_one() -> None:
    bad = []
    for m, deps in graph().items():
        s = stage(m)
        for d in deps:
            if d.startswith(WRAPPERS) and not m.startswith(WRAPPERS):
                bad.append(f"{m} imports {d} (a wrapper around the stages)")
            elif s is not None and stage(d) is not None and stage(d) > s:
                bad.append(f"{m} (stage {s}) imports {d} (stage {stage(d)})")
    assert not bad, "\n".join(sorted(bad))


def test_no_import_cycles() -> None:
    g = graph()
    state: dict[str, int] = {}
    cycles = []

    def visit(m: str, stack: list[str]) -> None:
        state[m] = 1
        for d in sorted(g[m]):
            if state.get(d) == 1:
                cycles.append(" -> ".join(stack[stack.index(d):] + [m, d]) if d in stack else f"{m} -> {d}")
            elif d not in state:
                visit(d, stack + [m])
        state[m] = 2

    for m in sorted(g):
        if m not in state:
            visit(m, [])
    assert not cycles, "\n".join(cycles)


def test_the_pipeline_reads_as_its_stages() -> None:
    """``pipeline.run`` is the list of stages: no branch, no loop, no call to the cache's methods, and
    the pipeline does not import the cache. Caching wraps stages (filefacts.Files around the per-file facts, stored.Stored around the whole
    run and each part), and the parts of a big run are program.parts' business."""
    from kmemlint import cache

    methods = {n for n in vars(cache.Cache) if not n.startswith("_")}
    tree = ast.parse((ROOT / "kmemlint" / "pipeline.py").read_text())
    run = next(n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == "run")
    bad = [f"line {n.lineno}: {type(n).__name__}" for n in ast.walk(run)
           if isinstance(n, (ast.If, ast.IfExp, ast.For, ast.While, ast.ListComp, ast.SetComp, ast.DictComp,
                             ast.GeneratorExp, ast.Try))]
    bad += [f"line {n.lineno}: .{n.func.attr}()" for n in ast.walk(run)
            if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr in methods]
    assert methods >= {"get", "put", "load_index", "save_index"}
    assert not bad, "\n".join(bad)
    assert "kmemlint.cache" not in imports(ROOT / "kmemlint" / "pipeline.py", "kmemlint.pipeline")
