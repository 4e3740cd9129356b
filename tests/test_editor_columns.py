"""Columns as editors read them: the text output's display columns land vim's cursor on the reported
token with the errorformat the README gives (``%v``, a virtual column), and ``--column-unit`` prints
bytes or characters instead (for ``%c`` and other tools)."""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from fixture_harness import ROOT
from test_cli import run

# a tab, then two-byte characters before the token on the same line
SOURCE = "static void f(unsigned long n)\n{\n\tvoid *p = vmalloc(n);\n\n\t/* \u00e9\u00e9 */ kfree(p);\n}\n"


def test_column_units(tmp_path: Path) -> None:
    (tmp_path / "a.c").write_text(SOURCE)
    heads = {unit: run(["--column-unit", unit, "a.c"], cwd=tmp_path).output.split(" error:")[0]
             for unit in ("display", "byte", "char")}
    assert heads == {"display": "a.c:5:18:", "byte": "a.c:5:13:", "char": "a.c:5:11:"}
    r = run(["--column-unit", "utf8", "a.c"], cwd=tmp_path)
    assert r.exit_code == 2


@pytest.mark.skipif(shutil.which("vim") is None, reason="vim is not installed")
def test_vim_errorformat_from_the_readme_lands_on_the_token(tmp_path: Path) -> None:
    efm = re.search(r"^set errorformat=(.*)$", (ROOT / "README.md").read_text(), re.M).group(1)
    (tmp_path / "a.c").write_text(SOURCE)
    (tmp_path / "out.txt").write_text(run(["a.c"], cwd=tmp_path).output)
    script = (f"set errorformat={efm}\ncfile out.txt\nlet out = []\n"
              "for i in range(1, len(getqflist()))\n  execute 'cc ' . i\n"
              "  call add(out, line('.') . ' ' . getqflist()[i-1].type . ' ' . expand('<cword>'))\nendfor\n"
              "call writefile(out, 'qf.txt')\nqa!\n")
    (tmp_path / "t.vim").write_text(script)
    subprocess.run(["vim", "-Nu", "NONE", "-es", "-S", "t.vim"], cwd=tmp_path, check=True, timeout=60,
                   stdin=subprocess.DEVNULL, capture_output=True)
    assert (tmp_path / "qf.txt").read_text().splitlines() == ["5 e kfree", "3 n vmalloc"]
