"""Rule stage: run the selected rules over the whole program and collect their findings."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kmemlint.frontend.allocsites import AllocSites, sites_of
from kmemlint.frontend.facts import FunctionFacts
from kmemlint.knowledge import Knowledge
from kmemlint.model import Finding
from kmemlint.program.provenance import Resolver
from kmemlint.registry import RuleModule
from kmemlint.program.summaries import Program


@dataclass
class Context:
    """What a rule's ``check(ctx)`` may read: facts, summaries, knowledge and its options."""

    program: Program
    knowledge: Knowledge
    options: dict[str, Any] = field(default_factory=dict)
    selected: frozenset[str] = frozenset()
    #: the files findings are reported for (None: every file); the others are context (pre-commit,
    #: Kbuild), so a rule whose findings depend on one site only may skip them
    report: frozenset[str] | None = None

    def resolver(self, fn: FunctionFacts | None = None) -> Resolver:
        """The whole-program provenance resolver (kmemlint.memsummary.Memory), computed once."""
        from kmemlint.program.memsummary import Memory

        return self.program.summary("memory", Memory)

    def builds_with(self, path: str, feature: str) -> bool:
        """Whether the Kconfig symbol ``feature`` (``HAVE_ARCH_VMAP_STACK``) may be on where the
        file ``path`` is built: False only when its kernel tree's Makefiles and Kconfig prove it
        cannot (frontend.kconfig; a file outside a kernel tree: True)."""
        from kmemlint.frontend.kconfig import feature_possible

        return feature_possible(path, feature)

    def alloc_sites(self) -> AllocSites:
        """Every allocation site with its evaluated size and cost (the size stage's output)."""
        return sites_of(self.program, self.knowledge)


class RuleCrash(Exception):
    """A rule raised; the message names the rule and the exception."""


def run(rules: list[RuleModule], ctx: Context) -> list[Finding]:
    out: list[Finding] = []
    for rm in rules:
        try:
            out.extend(rm.check(ctx))
        except RecursionError as e:  # pragma: no cover - defensive, reported as an internal error
            raise RuleCrash(f"internal error in rule {rm.rule.id}: {e}") from e
        except Exception as e:  # noqa: BLE001 - a rule bug must not become a traceback
            raise RuleCrash(f"internal error in rule {rm.rule.id}: {type(e).__name__}: {e}") from e
    return out
