"""README's install and test commands are exactly what .ci/run runs."""
import re

from fixture_harness import ROOT


def _blocks() -> list[str]:
    text = (ROOT / "README.md").read_text()
    section = text.split("## Install and test", 1)[1].split("\n## ", 1)[0]
    return [b.strip() for b in re.findall(r"```sh\n(.*?)```", section, re.S)]


def test_readme_commands_are_what_ci_runs() -> None:
    install, test = _blocks()[:2]
    assert install.startswith("pip install") and test == "pytest"
    ci = [line.strip() for line in (ROOT / ".ci" / "run").read_text().splitlines()]
    assert install in ci and test in ci
    assert ci.index(install) < ci.index(test)
