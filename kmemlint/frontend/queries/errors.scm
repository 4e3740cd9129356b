; ERROR and MISSING nodes: the parts of a file tree-sitter could not parse.
(ERROR) @error
(MISSING) @missing
