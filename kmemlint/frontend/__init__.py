"""Per-file stages: discover -> parse (tree-sitter) -> facts (with each function's control-flow
graph; source: one file's bytes to its facts) -> local sizes (allocation sites, header types). They
see one file at a time, run in the worker processes and are cached per file (kmemlint.filefacts
wraps them with kmemlint.cache); nothing here imports a later stage."""
