import sys
from pathlib import Path

import pytest

# the harness helpers live next to the tests
sys.path.insert(0, str(Path(__file__).resolve().parent))


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory, monkeypatch):
    """Runs under test never touch the user's ~/.cache/kmemlint: one cache directory per test."""
    monkeypatch.setenv("KMEMLINT_CACHE_DIR", str(tmp_path_factory.mktemp("kmemlint-cache")))
