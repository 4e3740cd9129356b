"""Rule discovery: every module of ``kmemlint.rules`` that declares ``RULE`` and ``check``.

No central table: adding a rule is adding a module. Its docstring becomes ``Rule.doc``, which
feeds ``kmemlint rules``, the SARIF rule help and the catalogue meta-tests.
"""
from __future__ import annotations

import dataclasses
import functools
import importlib
import inspect
import pkgutil
from dataclasses import dataclass
from typing import Callable, Iterable

from kmemlint.model import Finding, Rule


@dataclass(frozen=True)
class RuleModule:
    rule: Rule
    check: Callable[..., Iterable[Finding]]
    module: str
    #: the rule reads every allocation site's size (module attribute ``ALL_SITES = True``): the
    #: pipeline then evaluates sizes in the facts workers, in parallel, instead of on demand
    all_sites: bool = False
    #: the options the rule takes in ``[tool.kmemlint.rule.<id>]`` (module attribute ``OPTIONS``):
    #: name -> (type annotation, lowest, highest), checked when the configuration is read
    options: tuple[tuple[str, tuple], ...] = ()


@functools.lru_cache(maxsize=1)
def all_rules() -> tuple[RuleModule, ...]:
    import kmemlint.rules as pkg

    found = []
    for info in pkgutil.iter_modules(pkg.__path__):
        mod = importlib.import_module(f"{pkg.__name__}.{info.name}")
        rule = getattr(mod, "RULE", None)
        if not isinstance(rule, Rule):
            continue
        rule = dataclasses.replace(rule, doc=inspect.cleandoc(mod.__doc__ or ""))
        found.append(RuleModule(rule, mod.check, mod.__name__, bool(getattr(mod, "ALL_SITES", False)),
                                tuple(sorted(getattr(mod, "OPTIONS", {}).items()))))
    return tuple(sorted(found, key=lambda r: r.rule.id))


def rule_ids() -> tuple[str, ...]:
    return tuple(r.rule.id for r in all_rules())


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` for the closest of *choices* to a mistyped *word*, else ``""``."""
    import difflib

    by_lower = {c.lower(): c for c in choices}
    close = difflib.get_close_matches(word.lower(), list(by_lower), n=1, cutoff=0.6)
    return f" (did you mean '{by_lower[close[0]]}'?)" if close else ""


def unknown_rule(rid: str) -> str:
    """The message for an unknown rule id, with the closest known id (or where to find them)."""
    return f"unknown rule id '{rid}'{did_you_mean(rid, (*rule_ids(), ALL)) or ' (see `kmemlint rules`)'}"


#: in --select/--ignore and the configuration: every rule (as ruff's ALL)
ALL = "ALL"


def rule_options() -> dict[str, dict[str, tuple]]:
    """rule id -> the options it declares (see ``RuleModule.options``)."""
    return {r.rule.id: dict(r.options) for r in all_rules()}


def by_id() -> dict[str, Rule]:
    return {r.rule.id: r.rule for r in all_rules()}
