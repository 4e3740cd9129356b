"""Control-flow graphs of function bodies, built from the tree-sitter statement tree.

Queries find the events (calls, assignments, returns); only the statement skeleton is walked here,
because control flow (if/else, switch fall-through, loops, break/continue, goto and labels) is not
something a query can express. Each leaf statement or branch condition becomes a node that owns
the byte range its events fall into. The graph is plain data so it pickles with the facts.
"""
from __future__ import annotations

import bisect
from typing import NamedTuple

from tree_sitter import Node

from kmemlint.frontend.parse import statement_call

ENTRY, EXIT = 0, 1
#: edge labels
ALWAYS, TRUE, FALSE = 0, 1, 2

_PRIORITY = {"call": 0, "assign": 1, "return": 2}
_LEAF_TYPES = {"expression_statement", "declaration", "return_statement", "goto_statement"}
_SKIP = {"comment", "{", "}", ";", "empty_statement", "type_definition", "preproc_call"}
#: statements nested deeper than this become one leaf each (their events in source order, no
#: branches): the builder recurses per nesting level, and generated files nest hundreds deep
MAX_DEPTH = 100


class Cfg(NamedTuple):
    kinds: tuple[str, ...]  # entry, exit, stmt, cond, join
    succ: tuple[tuple[tuple[int, int], ...], ...]  # per node: (successor, edge label)
    #: per node, its events in evaluation order: (kind, index into the function's list of that kind)
    events: tuple[tuple[tuple[str, int], ...], ...]
    #: per if-statement condition node ``c``: (c, end), where the nodes of its branches (then and
    #: else, an else-if chain included) are those numbered ``c < n < end``
    arms: tuple[tuple[int, int], ...] = ()

    @property
    def size(self) -> int:
        return len(self.kinds)

    def preds(self) -> list[list[tuple[int, int]]]:
        out: list[list[tuple[int, int]]] = [[] for _ in self.kinds]
        for src, edges in enumerate(self.succ):
            for dst, label in edges:
                out[dst].append((src, label))
        return out


class _Builder:
    def __init__(self) -> None:
        self.kinds = ["entry", "exit"]
        self.ranges: list[tuple[int, int]] = [(-1, -1), (-1, -1)]
        self.edges: list[tuple[int, int, int]] = []
        self.labels: dict[str, int] = {}
        self.gotos: list[tuple[int, str]] = []
        self.breaks: list[list[tuple[int, int]]] = []
        self.continues: list[list[tuple[int, int]]] = []
        #: switch case entry node -> byte range of its value (None: default)
        self.cases: dict[int, tuple[int, int] | None] = {}
        self.arms: list[tuple[int, int]] = []
        self.depth = 0

    def new(self, kind: str, node: Node | None) -> int:
        self.kinds.append(kind)
        self.ranges.append((-1, -1) if node is None else (node.start_byte, node.end_byte))
        return len(self.kinds) - 1

    def link(self, preds, dst: int) -> None:
        for src, label in preds:
            self.edges.append((src, dst, label))

    def leaf(self, kind: str, node: Node, preds) -> int:
        n = self.new(kind, node)
        self.link(preds, n)
        return n

    # -- statements ---------------------------------------------------------------------------
    def stmt(self, node: Node | None, preds: list) -> list:
        if node is None:
            return preds
        t = node.type
        if t in _SKIP:
            return preds
        handler = getattr(self, "_" + t, None)
        nested = t in ("compound_statement", "ERROR", "translation_unit") or handler is not None
        if nested and self.depth < MAX_DEPTH:
            self.depth += 1
            try:
                return self.seq(node.children, preds) if handler is None else handler(node, preds)
            finally:
                self.depth -= 1
        if nested or t in _LEAF_TYPES or node.is_named:
            return [(self.leaf("stmt", node, preds), ALWAYS)]
        return preds

    def seq(self, children: list[Node], preds: list) -> list:
        i = 0
        while i < len(children):
            child = children[i]
            nxt = children[i + 1] if i + 1 < len(children) else None
            if (nxt is not None and nxt.type == "compound_statement"
                    and child.type == "expression_statement" and _is_iterator_head(child)):
                # list_for_each_entry(pos, head, member) { ... }: a loop the grammar cannot see
                preds = self._loop(child, nxt, preds, None)
                i += 2
                continue
            preds = self.stmt(child, preds)
            i += 1
        return preds

    def _cond(self, cond: Node | None, preds: list) -> tuple[int, bool | None]:
        """A branch node for ``cond``, and its constant truth value where it has one."""
        if cond is None:
            return self.leaf("join", None, preds), True
        return self.leaf("cond", cond, preds), _constant(cond)

    def _if_statement(self, node: Node, preds: list) -> list:
        """An ``else if`` chain is walked in a loop, not recursively: generated files chain
        hundreds of them."""
        out: list = []
        chain: list[int] = []
        while True:
            c, const = self._cond(node.child_by_field_name("condition"), preds)
            chain.append(c)
            out += self.stmt(node.child_by_field_name("consequence"), [] if const is False else [(c, TRUE)])
            alt = node.child_by_field_name("alternative")
            if alt is not None and alt.type == "else_clause":
                alt = alt.named_children[-1] if alt.named_children else None
            preds = [] if const is True else [(c, FALSE)]
            if alt is None or alt.type != "if_statement":
                out += self.stmt(alt, preds) if alt is not None else preds
                self.arms += [(k, len(self.kinds)) for k in chain]
                return out
            node = alt

    def _preproc_ifdef(self, node: Node, preds: list) -> list:
        """``#ifdef X ... #else ... #endif`` inside a function: the groups of one conditional with
        an ``#else`` or ``#elif`` are alternatives, one per configuration (drivers/net/fddi/skfp/
        skfddi.c ``#ifdef MEM_MAPPED_IO iounmap(p); #else ioport_unmap(p); #endif``), not one
        sequence. A group without an alternative stays in sequence: it runs in the configurations
        that have it, and what it does is the code's (a sleep under ``#ifdef CONFIG_PM``)."""
        alt = node.child_by_field_name("alternative")
        if alt is None:
            return self.seq(node.children, preds)
        out: list = []
        while True:
            c = self.new("cond", None)
            self.link(preds, c)
            out += self.seq(_group(node), [(c, TRUE)])
            preds = [(c, FALSE)]
            if alt is None:
                return out + preds
            if alt.type != "preproc_elif":
                return out + self.seq(alt.children, preds)
            node, alt = alt, alt.child_by_field_name("alternative")

    _preproc_if = _preproc_ifdef

    def _loop(self, cond: Node | None, body: Node | None, preds: list, update: Node | None,
              enters: bool = False) -> list:
        """``enters``: the first test is known true (the body runs at least once)."""
        c, const = self._cond(cond, [] if enters else preds)
        self.breaks.append([])
        self.continues.append([])
        out = self.stmt(body, ([(c, TRUE)] if const is not False else []) + (preds if enters else []))
        out += self.continues.pop()
        if update is not None:
            out = [(self.leaf("stmt", update, out), ALWAYS)] if out else []
        self.link(out, c)
        return ([(c, FALSE)] if const is not True else []) + self.breaks.pop()

    def _while_statement(self, node: Node, preds: list) -> list:
        return self._loop(node.child_by_field_name("condition"), node.child_by_field_name("body"), preds, None)

    def _for_statement(self, node: Node, preds: list) -> list:
        init = node.child_by_field_name("initializer")
        if init is not None:
            preds = [(self.leaf("stmt", init, preds), ALWAYS)]
        cond = node.child_by_field_name("condition")
        return self._loop(cond, node.child_by_field_name("body"), preds, node.child_by_field_name("update"),
                          _enters(init, cond))

    def _do_statement(self, node: Node, preds: list) -> list:
        top = self.leaf("join", None, preds)
        self.breaks.append([])
        self.continues.append([])
        out = self.stmt(node.child_by_field_name("body"), [(top, ALWAYS)])
        out += self.continues.pop()
        c, const = self._cond(node.child_by_field_name("condition"), out)
        if const is not False:
            self.link([(c, TRUE)], top)
        return ([(c, FALSE)] if const is not True else []) + self.breaks.pop()

    def _switch_statement(self, node: Node, preds: list) -> list:
        c, _ = self._cond(node.child_by_field_name("condition"), preds)
        body = node.child_by_field_name("body")
        self.breaks.append([])
        fall: list = []
        has_default = False
        for case in (body.named_children if body is not None else ()):
            if case.type != "case_statement":
                fall = self.stmt(case, fall)
                continue
            value = case.child_by_field_name("value")
            has_default |= value is None
            entry = self.leaf("join", case, [(c, ALWAYS)] + fall)
            self.cases[entry] = None if value is None else (value.start_byte, value.end_byte)
            stmts = [ch for ch in case.named_children if value is None or ch.id != value.id]
            fall = self.seq(stmts, [(entry, ALWAYS)])
        out = fall + self.breaks.pop()
        return out if has_default else out + [(c, ALWAYS)]

    def _labeled_statement(self, node: Node, preds: list) -> list:
        label = node.child_by_field_name("label")
        j = self.leaf("join", node, preds)
        if label is not None:
            self.labels[label.text.decode(errors="replace")] = j
        inner = [ch for ch in node.named_children if label is None or ch.id != label.id]
        return self.seq(inner, [(j, ALWAYS)])

    def _goto_statement(self, node: Node, preds: list) -> list:
        n = self.leaf("stmt", node, preds)
        label = node.child_by_field_name("label")
        self.gotos.append((n, label.text.decode(errors="replace") if label is not None else ""))
        return []

    def _return_statement(self, node: Node, preds: list) -> list:
        n = self.leaf("stmt", node, preds)
        self.link([(n, ALWAYS)], EXIT)
        return []

    def _break_statement(self, node: Node, preds: list) -> list:
        if self.breaks:
            self.breaks[-1].extend(preds)
        return []

    def _continue_statement(self, node: Node, preds: list) -> list:
        if self.continues:
            self.continues[-1].extend(preds)
        return []


def _int(node: Node | None) -> int | None:
    if node is None or node.type != "number_literal":
        return None
    try:
        return int(node.text.decode().rstrip("uUlL"), 0)
    except ValueError:
        return None


def _enters(init: Node | None, cond: Node | None) -> bool:
    """Whether a ``for`` loop's first test is true: ``for (i = 0; i < 3; i++)`` (a variable set to
    a literal and compared with a larger literal) runs its body at least once, so what the body
    does is done on every path through the loop (drivers/usb/core/message.c usb_get_descriptor()
    retries usb_control_msg() three times)."""
    if init is None or cond is None or cond.type != "binary_expression":
        return False
    if init.type == "declaration":
        decl = next((d for d in init.named_children if d.type == "init_declarator"), None)
        var, value = (decl.child_by_field_name("declarator"), decl.child_by_field_name("value")) if decl else (None, None)
    elif init.type == "assignment_expression" and init.child_by_field_name("operator").type == "=":
        var, value = init.child_by_field_name("left"), init.child_by_field_name("right")
    else:
        return False
    left, right, op = cond.child_by_field_name("left"), cond.child_by_field_name("right"), cond.child_by_field_name("operator")
    start, bound = _int(value), _int(right)
    if var is None or left is None or start is None or bound is None or var.text != left.text:
        return False
    return {"<": start < bound, "<=": start <= bound, ">": start > bound, ">=": start >= bound,
            "!=": start != bound}.get(op.type, False)


def _constant(cond: Node) -> bool | None:
    """The truth value of a constant condition: ``1``, ``(0)``, ``!(0)`` (a macro's ``if (!(ATOMIC))``
    with ATOMIC given as 0, i915's _wait_for_atomic()), else None."""
    negate = False
    node = cond
    while True:
        if node.type == "parenthesized_expression" and node.named_child_count == 1:
            node = node.named_children[0]
        elif node.type == "unary_expression" and node.child_by_field_name("operator") is not None \
                and node.child_by_field_name("operator").type == "!":
            negate = not negate
            node = node.child_by_field_name("argument")
        else:
            break
    if node is None or node.type not in ("number_literal", "true", "false"):
        return None
    return (node.text not in (b"0", b"false")) != negate


def _group(node: Node) -> list[Node]:
    """The statements of a conditional group: its children after the directive and its name or
    condition, up to its alternative."""
    skip = {c.id for c in (node.child_by_field_name("name"), node.child_by_field_name("condition"),
                           node.child_by_field_name("alternative")) if c is not None}
    return [c for c in node.children if c.id not in skip and not c.type.startswith("#")]


def _is_iterator_head(stmt: Node) -> bool:
    """``foreach_macro(...)`` parsed as an expression statement with a MISSING ';' before a block."""
    last = stmt.children[-1] if stmt.children else None
    return last is not None and last.is_missing and statement_call(stmt) is not None


def reach(cfg: Cfg, target: int, blocked, start: int = ENTRY) -> bool:
    """Whether ``target`` is reachable from ``start`` over the edges ``blocked(src, dst, label)``
    does not block."""
    seen, stack = {start}, [start]
    while stack:
        n = stack.pop()
        if n == target:
            return True
        for dst, lab in cfg.succ[n]:
            if dst not in seen and not blocked(n, dst, lab):
                seen.add(dst)
                stack.append(dst)
    return False


def reachable_without(cfg: Cfg, target: int, src: int, label: int) -> bool:
    """Whether ``target`` is reachable from ENTRY without the ``label`` edge out of ``src``."""
    return target in _reached_without(cfg, src, label)


#: per graph (by identity; the graph is kept so that its id is not reused while it is here): per
#: (src, label), the nodes reachable from ENTRY without that edge. The analyses ask each condition
#: of a function again for every call they judge (three edited drivers/net files: 14,260 searches
#: for 507 distinct edges); one search answers every target. The last ``_WITHOUT_GRAPHS`` graphs.
_WITHOUT: dict[int, tuple[Cfg, dict[tuple[int, int], set[int]]]] = {}
_WITHOUT_GRAPHS = 256


def _per_graph(memo: dict, obj, make):
    """``make(obj)``, kept in ``memo`` by the identity of ``obj`` (with ``obj``, so that its id is
    not reused while the entry lives) for the last ``_WITHOUT_GRAPHS`` objects."""
    got = memo.get(id(obj))
    if got is None or got[0] is not obj:
        if len(memo) >= _WITHOUT_GRAPHS:
            del memo[next(iter(memo))]
        got = memo[id(obj)] = (obj, make(obj))
    return got[1]


def _reached_without(cfg: Cfg, src: int, label: int) -> set[int]:
    table = _per_graph(_WITHOUT, cfg, lambda _c: {})
    got = table.get((src, label))
    if got is None:
        got = table[(src, label)] = {ENTRY}
        stack, succ = [ENTRY], cfg.succ
        while stack:
            n = stack.pop()
            for dst, lab in succ[n]:
                if dst not in got and not (n == src and lab == label):
                    got.add(dst)
                    stack.append(dst)
    return got


def inside(cfg: Cfg, cond: int, node: int) -> bool:
    """Whether ``node`` lies in a branch of the if-statement whose condition is node ``cond``."""
    end = _per_graph(_ARMS, cfg.arms, dict).get(cond)
    return end is not None and cond < node < end


#: per graph's arms: condition node -> end (``_per_graph``)
_ARMS: dict[int, tuple[tuple, dict[int, int]]] = {}


def loop_heads(cfg: Cfg) -> set[int]:
    """The condition nodes of ``while`` and ``for`` loops: a back edge reaches them from their
    body, whose nodes their TRUE edge enters, and their FALSE edge leaves the loop (past the
    body). Not a do-while's test (it follows its body), nor an if at the top of a loop body."""
    last: dict[int, int] = {}
    for src, edges in enumerate(cfg.succ):
        for dst, _ in edges:
            if dst <= src and cfg.kinds[dst] == "cond":
                last[dst] = max(last.get(dst, -1), src)
    out = set()
    for c, end in last.items():
        t = [d for d, lab in cfg.succ[c] if lab == TRUE]
        f = [d for d, lab in cfg.succ[c] if lab == FALSE]
        if t and f and all(c < d <= end for d in t) and all(d > end or d == EXIT for d in f):
            out.add(c)
    return out


def guarding_conds(cfg: Cfg, conds, target: int) -> list[tuple[int, str]]:
    """The (node, text) of ``conds`` that decide whether ``target`` runs: one of their edges is
    on every path from ENTRY to it."""
    return [(n, t) for n, t in conds
            if not reachable_without(cfg, target, n, TRUE) or not reachable_without(cfg, target, n, FALSE)]


class Graph:
    """A CFG under construction; ``locate(byte)`` maps an event's start byte to its node."""

    def __init__(self, body: Node, stmts: list[Node] | None = None) -> None:
        b = _Builder()
        out = b.stmt(body, [(ENTRY, ALWAYS)]) if stmts is None else b.seq(stmts, [(ENTRY, ALWAYS)])
        b.link(out, EXIT)
        for src, name in b.gotos:
            b.link([(src, ALWAYS)], b.labels.get(name, EXIT))
        self._b = b
        leaves = sorted((r[0], r[1], i) for i, r in enumerate(b.ranges) if r[0] >= 0 and b.kinds[i] != "join")
        self._starts = [s for s, _, _ in leaves]
        self._leaves = leaves
        self._events: dict[int, list[tuple[int, str, int]]] = {}

    def locate(self, start_byte: int) -> int:
        """The leaf containing ``start_byte`` (leaves are disjoint), or ENTRY when none does."""
        i = bisect.bisect_right(self._starts, start_byte) - 1
        if i >= 0:
            s, e, n = self._leaves[i]
            if start_byte < e:
                return n
        return ENTRY

    def add_event(self, node: int, order: int, kind: str, index: int) -> None:
        """Events sort by end byte, inner first; at equal ends a call precedes the assignment or
        return that consumes its value."""
        self._events.setdefault(node, []).append((order, _PRIORITY[kind], kind, index))

    def freeze(self) -> Cfg:
        b = self._b
        succ: list[list[tuple[int, int]]] = [[] for _ in b.kinds]
        for src, dst, label in b.edges:
            pair = _shared((dst, label))
            if pair not in succ[src]:
                succ[src].append(pair)
        events = tuple(_shared(tuple(_shared((k, i)) for _, _, k, i in sorted(self._events.get(n, ()))))
                       for n in range(len(b.kinds)))
        return Cfg(_shared(tuple(b.kinds)), tuple(_shared(tuple(s)) for s in succ), events,
                   tuple(a for a in b.arms if a[1] > a[0] + 1))


#: small tuples recur across thousands of graphs (edge pairs, event pairs, edge lists): share them
_SHARED: dict[tuple, tuple] = {}


def _shared(t: tuple) -> tuple:
    got = _SHARED.get(t)
    if got is None:
        if len(_SHARED) > 2_000_000:
            _SHARED.clear()
        _SHARED[t] = got = t
    return got
