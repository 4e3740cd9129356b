"""Respell kernel macro patterns tree-sitter-c cannot parse, without moving a byte.

The patterns are data (``rewrites.toml``, each table citing the kernel headers it models); this
module only applies them. Every rewrite replaces bytes by the same number of bytes and keeps
every newline, so a node of the rewritten tree has the byte offsets and line:column of the
original text. Comments are never rewritten (but a comment before a line continuation inside a
``#define`` is blanked); a word inside a string literal may be, which changes no fact (facts keep
no string text). Parentheses inside either do not count when an argument list is matched.
"""
from __future__ import annotations

import functools
import re
import sys
from importlib import resources

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

#: comments and string/char literals, found in one pass; comment bodies are masked before matching
_OPAQUE = re.compile(rb'//[^\n]*|/\*.*?(?:\*/|\Z)|"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\'', re.S)
_CONTINUED_COMMENT = re.compile(rb"/\*\s*\*/(?=[ \t]*\\\r?\n)")
_LITERAL = re.compile(rb'"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\'')
_IDENT = re.compile(rb"[A-Za-z_]\w*")
#: string-valued macros pasted together as an argument, `pr_warn(FW_BUG EMCA_BUG, ...)`,
#: `printk(KERN_INFO KBUILD_MODNAME ": ")`: the first of two capitalised names is blanked (an
#: identifier followed by a string parses, two identifiers do not)
_STRING_MACROS = re.compile(rb"[(,][ \t]*([A-Z][A-Z0-9_]*)[ \t]+(?=[A-Z][A-Z0-9_]*[ \t]*[,\")])")
_NOT_NEWLINE = re.compile(rb"[^\r\n]")
_SCAN_LIMIT = 4096  # an argument list longer than this is left alone
_BLOCK_LIMIT = 1 << 16


def _words(names) -> str:
    """An alternation of ``names`` with their common ``__`` prefix factored out (Python's re then
    searches for the literal prefix first: 4x faster on driver files)."""
    under = sorted(n[2:] for n in names if n.startswith("__"))
    other = sorted(n for n in names if not n.startswith("__"))
    if under and not other:
        return rf"__(?:{'|'.join(map(re.escape, under))})"
    return "|".join(map(re.escape, sorted(names)))


class _Table:
    def __init__(self, data: dict) -> None:
        words = data["blank"]["words"]
        self.blank = [re.compile(rf"{_words(part)}\b".encode()) for part in
                      ([w for w in words if w.startswith("__")], [w for w in words if not w.startswith("__")]) if part]
        self.blank_call = re.compile(rf"{_words(data['blank_call']['names'])}[ \t]*\(".encode())
        self.blank_block = re.compile(rf"\n(?:{_words(data['blank_block']['names'])})[ \t]*\(".encode())
        self.case_range = re.compile(rb"case\b[^:;\n]*?(\.\.\.)")
        # `#define f(a, args...)`: a named variadic parameter
        self.variadic = re.compile(rb"define[ \t]+\w+\(([^)\n]*?)(\w+)\.\.\.\)")
        loop = data["loop"]
        self.keep = frozenset(k.encode() for k in loop["keep"])
        self.guards = frozenset(k.encode() for k in loop["guards"])
        self.guard_words = [re.compile(re.escape(w)) for w in self.guards]
        # an indented NAME(...) at the start of a statement (after indentation, `}` or `else`):
        # an iterator found by its name, or any name whose line ends in `) {`
        self.line_head = re.compile(rb"[ \t]+(?:\}[ \t]*)?(?:else[ \t]+)?([A-Za-z_]\w*)([ \t]*)\(")
        self.iterator_words = [re.compile(re.escape(w).encode()) for w in loop["iterator_words"]]
        self.block_end = re.compile(rb"\)[ \t]*\{[ \t]*(?:/\*[^\n]*\*/[ \t]*|//[^\n]*)?\n")
        self.iterators = re.compile(rf"(?:{loop['iterators']})\Z".encode())
        self.keywords = tuple(data["type_argument"]["keywords"])
        self.type_args = [re.compile(rf"{re.escape(k)} [A-Za-z_]\w*(?=\s*[,)])".encode()) for k in self.keywords]
        self.enum_attr = re.compile(rf"enum[ \t]+({_words(data['enum_attributes']['words'])})\b".encode())
        storage = "|".join(re.escape(s) for s in data["declaration"]["storage"])
        self.decl = re.compile(rf"\n([ \t]*)((?:(?:{storage})[ \t]+)+)[A-Z][A-Z0-9_]*[ \t]*\(".encode())


@functools.lru_cache(maxsize=1)
def _table() -> _Table:
    text = resources.files("kmemlint.frontend").joinpath("rewrites.toml").read_text()
    return _Table(tomllib.loads(text))


def _mask(src: bytes) -> bytes:
    """``src`` with the inside of every comment replaced by spaces (newlines kept). String and
    character literals are matched too, so that ``"http://"`` opens no comment, but kept: their
    parentheses are skipped by :func:`_close`, and a word respelled inside one changes nothing."""
    pieces, last = [], 0
    for m in _OPAQUE.finditer(src):
        if src[m.start()] != 47:  # '/': a comment
            continue
        s, e = m.start() + 2, m.end()
        if src[m.start() + 1] == 42 and src.endswith(b"*/", 0, e) and e - s >= 2:  # keep the */
            e -= 2
        pieces += [src[last:s], _spaces(src[s:e])]
        last = e
    if not pieces:
        return src
    pieces.append(src[last:])
    return b"".join(pieces)


def _close(masked: bytes, open_: int, block: bool = False) -> int:
    """Index of the ``)`` matching the ``(`` at ``open_``, -1 if none within the scan limit or if
    a ``;``, ``{`` or ``}`` comes first (unless ``block``: a whole macro invocation)."""
    depth = 0
    end = min(len(masked), open_ + (_BLOCK_LIMIT if block else _SCAN_LIMIT))
    i = open_
    while i < end:
        c = masked[i]
        if c == 40:  # (
            depth += 1
        elif c == 41:  # )
            depth -= 1
            if depth == 0:
                return i
        elif (c == 59 or c == 123 or c == 125) and not block:  # ; { }: not an argument list
            return -1
        elif c == 34 or c == 39:  # a string or character literal: skipped
            m = _LITERAL.match(masked, i)
            if m is not None:
                i = m.end()
                continue
        i += 1
    return -1


def _spaces(chunk: bytes) -> bytes:
    return _NOT_NEWLINE.sub(b" ", chunk)


def _next_char(masked: bytes, i: int) -> int:
    """The first byte after ``i`` that is not blank (-1 at the end)."""
    n = len(masked)
    while i < n and masked[i] in b" \t\r\n\\":
        i += 1
    return masked[i] if i < n else -1


_DIRECTIVE = re.compile(rb"#[ \t]*(if|ifdef|ifndef|elif|else|endif)\b((?:[^\n]*\\\r?\n)*[^\n]*)")


def _plain_conditionals(masked: bytes) -> list[tuple[int, int]]:
    """Byte ranges of the ``#if``/``#ifdef``/``#ifndef`` and ``#endif`` lines of the conditional
    groups that have no ``#else``/``#elif`` (and are not ``#if 0``): their code is the only code
    either way, and tree-sitter-c rejects a directive inside an initialiser, an expression, or
    between an ``}`` and its ``else``."""
    out = []
    stack: list[tuple[tuple[int, int], bool]] = []  # (#if line range, still plain)
    for m in _DIRECTIVE.finditer(masked):
        if masked[masked.rfind(b"\n", 0, m.start()) + 1:m.start()].strip():
            continue  # not at the start of a line
        d = m.group(1)
        if d in (b"if", b"ifdef", b"ifndef"):
            zero = d == b"if" and re.match(rb"[ \t]+0\b", m.group(2)) is not None
            stack.append(((m.start(), m.end()), not zero))
        elif not stack:
            continue
        elif d == b"endif":
            head, plain = stack.pop()
            if plain:
                out += [head, (m.start(), m.end())]
        else:
            stack[-1] = (stack[-1][0], False)
    return out


def _word_before(masked: bytes, i: int) -> bool:
    """Whether the byte before ``i`` belongs to an identifier (a match inside a longer word)."""
    c = masked[i - 1] if i > 0 else 32
    return c == 95 or 48 <= c <= 57 or 65 <= c <= 90 or 97 <= c <= 122


def _heads(t: _Table, masked: bytes) -> list[tuple[int, bytes, bytes]]:
    """(offset, name, blanks before its parenthesis) of the candidate loop heads: lines found
    from a literal (an iterator word, or a line that ends in `) {`) and then matched from their
    start, which is far cheaper than trying a line-start pattern on every line."""
    lines = set()
    for word in t.iterator_words + t.guard_words:  # (a guard's head may have no block: `scoped_guard(rcu)\n\tx();`)
        for m in word.finditer(masked):
            lines.add(masked.rfind(b"\n", 0, m.start()) + 1)
    for m in t.block_end.finditer(masked):
        lines.add(masked.rfind(b"\n", 0, m.start()) + 1)
    out = []
    for ls in sorted(lines):
        m = t.line_head.match(masked, ls)
        if m is not None and _statement_start(masked, ls):
            out.append((m.start(1), m.group(1), m.group(2)))
    return out


def _statement_start(masked: bytes, ls: int) -> bool:
    """Whether the line at ``ls`` can begin a statement: the code before it ends one (``;``,
    ``{``, ``}``, ``)`` of an ``if``, a label's ``:``, a comment, ``else``, a directive), rather
    than being a type, as in ``static unsigned int\n\tfoo_for_each_ep(...)\n{``."""
    i = ls - 1
    while i >= 0 and masked[i] in b" \t\r\n":
        i -= 1
    if i < 0 or masked[i] in b";{}):/":
        return True
    line = masked[masked.rfind(b"\n", 0, i) + 1:i + 1].strip()
    return line.startswith(b"#") or line.endswith(b"else")


def rewrite(src: bytes) -> bytes:
    """``src`` respelled for the parser (same length, same line breaks)."""
    t = _table()
    # a leading newline lets every line-start pattern begin with a literal "\n" (fast to search)
    src = b"\n" + src
    masked = _mask(src)
    out = bytearray(src)

    def put(start: int, data: bytes) -> None:
        out[start:start + len(data)] = data

    for pattern in t.blank:
        for m in pattern.finditer(masked):
            if not _word_before(masked, m.start()):
                put(m.start(), b" " * (m.end() - m.start()))
    for m in t.blank_call.finditer(masked):
        end = _close(masked, m.end() - 1)
        if end > 0 and not _word_before(masked, m.start()):
            put(m.start(), _spaces(src[m.start():end + 1]))
    if b"EVENT" in masked or b"TRACE" in masked:
        for m in t.blank_block.finditer(masked):
            end = _close(masked, m.end() - 1, block=True)
            if end > 0:
                if _next_char(masked, end + 1) == 59:
                    end = masked.index(b";", end)
                put(m.start() + 1, _spaces(src[m.start() + 1:end + 1]))
    if b"..." in masked:
        for m in t.case_range.finditer(masked):
            if not _word_before(masked, m.start()):
                put(m.start(1), b"|  ")
        for m in t.variadic.finditer(masked):
            if masked[masked.rfind(b"\n", 0, m.start()) + 1:m.start()].strip() == b"#":
                put(m.start(2), b" " * len(m.group(2)))
    for m in _CONTINUED_COMMENT.finditer(masked):  # `/* ... */ \` in a #define: tree-sitter-c stops there
        put(m.start(), _spaces(src[m.start():m.end()]))
    for start, end in _plain_conditionals(masked):
        put(start, _spaces(src[start:end]))
    for m in (m for pattern in t.type_args for m in pattern.finditer(masked)):
        before = masked[max(0, m.start() - 64):m.start()].rstrip()[-1:]
        after = masked[m.end():m.end() + 64].lstrip()[:1]
        if before in (b"(", b",") and not (before == b"(" and after == b")"):  # (struct foo): C already
            out[masked.index(b" ", m.start())] = 95  # '_'
    for m in t.decl.finditer(masked):
        end = _close(masked, m.end() - 1)
        if end > 0 and b"," in masked[m.end():end] and _next_char(masked, end + 1) == 59:
            if m.group(1) or all(_IDENT.fullmatch(a.strip()) for a in out[m.end():end].split(b",")):
                # in a function (indented) a call statement, at file scope a declaration
                put(m.start(2), b" " * len(m.group(2)))
            else:  # `DEFINE_RATELIMIT_STATE(rs, 5 * HZ, 10);`: no C reading at file scope
                stop = masked.index(b";", end) + 1
                put(m.start(2), _spaces(src[m.start(2):stop]))
    for m in _STRING_MACROS.finditer(masked):
        put(m.start(1), b" " * len(m.group(1)))
    for m in t.enum_attr.finditer(masked):
        put(m.start(1), b" " * len(m.group(1)))
    for start, name, gap in _heads(t, masked):
        if name in t.guards and start > 0 and masked[start - 1] in b" \t" \
                and _IDENT.fullmatch(masked[start + len(name) + len(gap) + 1:_close(masked, start + len(name) + len(gap))].strip()):
            # `scoped_guard(rcu) {`: a declaration of `rcu` to the parser (and its block a nested
            # function); `+scoped_guard(rcu) {` is the call the two-argument form parses as
            out[start - 1] = 43  # '+'
            continue
        if name in t.keep or len(name) + len(gap) < 5:
            continue
        open_ = start + len(name) + len(gap)
        end = _close(masked, open_)
        if end < 0 or end == open_ + 1:  # no arguments: `while ()` is no C either
            continue
        nxt = _next_char(masked, end + 1)
        if ((nxt == 123 and b"\n" not in masked[end:masked.find(b"{", end)])
                or (t.iterators.match(name) and nxt != -1 and chr(nxt) not in ";,)=+-*/%&|^?:.[<>!")):
            put(start, b"while" + b" " * (len(name) + len(gap) - 5))
    return bytes(out[1:])


def type_argument(name: str) -> str:
    """The type a rewritten macro argument names: ``struct_foo`` -> ``struct foo`` ("" if none)."""
    for kw in _table().keywords:
        if name.startswith(kw + "_") and len(name) > len(kw) + 1:
            return f"{kw} {name[len(kw) + 1:]}"
    return ""

