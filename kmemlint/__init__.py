"""kmemlint: finds memory-allocation bugs in Linux kernel C source without building the kernel."""

__version__ = "0.1.0"


def _map_checkout_rules() -> None:
    """Run from a checkout (``python -m kmemlint``, ``python -m pytest`` at its root, where the current
    directory comes first on ``sys.path``), this package is the checkout's ``kmemlint/``, beside the
    top-level ``rules/`` that an install maps to ``kmemlint.rules`` (``package-dir`` in pyproject.toml):
    map it the same way here. Installed (wheel or editable), ``kmemlint.rules`` is found as usual and
    nothing is done."""
    import importlib.util
    import sys
    from pathlib import Path

    if "kmemlint.rules" in sys.modules or importlib.util.find_spec("kmemlint.rules") is not None:
        return
    root = Path(__file__).resolve().parent.parent
    init = root / "rules" / "__init__.py"
    if not init.is_file() or not (root / "pyproject.toml").is_file():
        return
    spec = importlib.util.spec_from_file_location("kmemlint.rules", init, submodule_search_locations=[str(init.parent)])
    module = importlib.util.module_from_spec(spec)
    sys.modules["kmemlint.rules"] = module
    spec.loader.exec_module(module)
    globals()["rules"] = module


_map_checkout_rules()
