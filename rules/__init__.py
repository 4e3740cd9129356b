"""kmemlint's rules: one module per rule (its docstring is its documentation), and the kernel API
knowledge they read, as data, under ``knowledge/``. Installed as the package ``kmemlint.rules``."""
