"""Per-file stages: discover -> parse (tree-sitter) -> facts (with each function's control-flow
graph) -> local sizes (allocation sites, header types). They see one file at a time, run in the
worker processes and are cached per file (kmemlint.cache wraps them); nothing here imports a
later stage."""
