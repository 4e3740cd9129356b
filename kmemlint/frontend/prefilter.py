"""Files whose facts are provably empty, recognised from their bytes without parsing.

A file made only of preprocessor lines, comments and blank lines (register-definition headers:
6.12's ``drivers/`` has 4,007 files and 497 MB, half its bytes, without a single ``{``) has no
function, declaration or initialiser for tree-sitter to find: macro bodies are opaque
``preproc_arg`` text. The scan is conservative: anything it does not recognise (code, a comment
that ends on a line followed by more text, a comment opened inside a continued macro) makes it
answer False, and the file is parsed as usual. Most ``.c`` files stop at their first line of code.
"""
from __future__ import annotations


def preprocessor_only(src: bytes) -> bool:
    in_comment = False
    continued = False
    for raw in src.split(b"\n"):
        line = raw.strip()
        if in_comment:
            end = line.find(b"*/")
            if end < 0:
                continue
            in_comment = False
            rest = line[end + 2:].strip()
            if rest and not rest.startswith(b"//"):
                return False
            continue
        if continued:
            if b"/*" in line or b"//" in line:
                return False
            continued = line.endswith(b"\\")
            continue
        if not line or line.startswith(b"//"):
            continue
        if line.startswith(b"#"):
            continued = line.endswith(b"\\")
            start = line.find(b"/*")
            if start >= 0 and line.find(b"*/", start + 2) < 0:
                if continued:
                    return False
                in_comment = True
            continue
        if line.startswith(b"/*"):
            end = line.find(b"*/", 2)
            if end < 0:
                in_comment = True
                continue
            rest = line[end + 2:].strip()
            if rest and not rest.startswith(b"//"):
                return False
            continue
        return False
    return not in_comment
