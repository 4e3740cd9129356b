"""A forward dataflow solver over ``cfg.Cfg`` (worklist, reverse post-order).

Analyses give an initial state, a join and a transfer over one node; edge refinements (the true
branch of ``if (spin_trylock(...))``) go through the optional ``edge`` hook.
"""
from __future__ import annotations

import heapq
from typing import Callable, Generic, TypeVar

from kmemlint.frontend.cfg import ENTRY, Cfg

S = TypeVar("S")


class Analysis(Generic[S]):
    def initial(self) -> S:
        raise NotImplementedError

    def join(self, a: S, b: S) -> S:
        raise NotImplementedError

    def transfer(self, node: int, state: S) -> S:
        raise NotImplementedError

    def edge(self, src: int, dst: int, label: int, state: S) -> S:
        return state


def _rpo(cfg: Cfg) -> list[int]:
    seen, order, stack = {ENTRY}, [], [(ENTRY, iter(cfg.succ[ENTRY]))]
    while stack:
        node, it = stack[-1]
        for dst, _ in it:
            if dst not in seen:
                seen.add(dst)
                stack.append((dst, iter(cfg.succ[dst])))
                break
        else:
            stack.pop()
            order.append(node)
    return order[::-1]


def solve(cfg: Cfg, analysis: Analysis[S], max_visits: int = 50) -> dict[int, S]:
    """In-states of every reachable node. ``max_visits`` bounds work per node (states should form
    finite lattices; the bound only protects against pathological graphs)."""
    order = _rpo(cfg)
    rank = {n: i for i, n in enumerate(order)}
    state_in: dict[int, S] = {ENTRY: analysis.initial()}
    heap = [rank[ENTRY]]  # the pending nodes by reverse post-order rank, lowest first
    queued = {ENTRY}
    visits: dict[int, int] = {}
    while heap:
        node = order[heapq.heappop(heap)]
        queued.discard(node)
        visits[node] = visits.get(node, 0) + 1
        if visits[node] > max_visits:
            continue
        out = analysis.transfer(node, state_in[node])
        for dst, label in cfg.succ[node]:
            if dst not in rank:
                continue
            s = analysis.edge(node, dst, label, out)
            old = state_in.get(dst)
            new = s if old is None else analysis.join(old, s)
            if old is None or new != old:
                state_in[dst] = new
                if dst not in queued:
                    queued.add(dst)
                    heapq.heappush(heap, rank[dst])
    return state_in


def walk_events(cfg: Cfg, states: dict[int, S], step: Callable[[str, int, S], S]):
    """Replay each reachable node's events with the state before each event; ``step`` returns
    the state after it."""
    for node, state in states.items():
        for kind, index in cfg.events[node]:
            state = step(kind, index, state)
