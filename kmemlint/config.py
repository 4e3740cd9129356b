"""Configuration: ``[tool.kmemlint]`` in pyproject.toml, or the same keys in ``.kmemlint.toml``.

The closest file walking up from the current directory wins (a pyproject.toml without the section
is skipped); files are not merged, and command-line options override them. Paths in the file are
relative to the file. Every value is checked as the command line checks it (type, range; rule
options against the options the rule declares): an error is one line naming the file and the key.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

from kmemlint.knowledge import check_value, tomllib
from kmemlint.registry import ALL, unknown_rule


class ConfigError(Exception):
    """Malformed configuration: one line naming the file and key, exit 2."""


@dataclass(frozen=True)
class Setting:
    """What a value may be: a type annotation (see knowledge.check_value) and, for integers,
    bounds. The same table gives the command-line options their click types (kmemlint.cli)."""

    annotation: str
    lo: int | None = None
    hi: int | None = None

    def check(self, value: Any) -> Any:
        """The value, converted; TypeError saying what was expected."""
        return check_value(value, self.annotation, self.lo, self.hi)


#: key -> what its value may be
KEYS: dict[str, Setting] = {
    "select": Setting("tuple[str, ...]"),
    "ignore": Setting("tuple[str, ...]"),
    "exclude": Setting("tuple[str, ...]"),
    "knowledge": Setting("tuple[str, ...]"),
    "format": Setting("str"),
    "max-file-size": Setting("int", 1),
    "jobs": Setting("int", 0),
    "cache-dir": Setting("str"),
    "kernel-model": Setting("str"),
    #: one of error, warning, note: checked with --fail-level (kmemlint.cli._fail_floor)
    "fail-level": Setting("str"),
}


@dataclass(frozen=True)
class Config:
    path: Path | None = None
    values: dict[str, Any] = field(default_factory=dict)
    #: per-rule options: [tool.kmemlint.rule.<rule-id>] key = value
    rule_options: dict[str, dict[str, Any]] = field(default_factory=dict)

    def get(self, key: str, default: Any = None) -> Any:
        return self.values.get(key, default)

    def paths(self, key: str) -> tuple[Path, ...]:
        base = self.path.parent if self.path is not None else Path.cwd()
        return tuple(base / p for p in self.values.get(key, ()))


def find(start: Path) -> Path | None:
    for d in (start, *start.parents):
        dot = d / ".kmemlint.toml"
        if dot.is_file():
            return dot
        py = d / "pyproject.toml"
        if py.is_file() and _section(py) is not None:
            return py
    return None


def _read(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as e:
        raise ConfigError(f"{path}: cannot read: {getattr(e, 'strerror', None) or e}") from None
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"{path}: invalid TOML: {e}") from None


def _section(path: Path) -> dict[str, Any] | None:
    data = _read(path)
    if path.name == "pyproject.toml":
        return data.get("tool", {}).get("kmemlint")
    return data


def load(path: Path | None, known_rules: tuple[str, ...] | Mapping[str, Mapping[str, tuple]] = ()) -> Config:
    """The configuration in ``path``. ``known_rules``: the rule ids, or a mapping of each to the
    options it declares (name -> Setting arguments), against which rule tables are checked."""
    if path is None:
        return Config()
    data = _section(path)
    if data is None:
        raise ConfigError(f"{path}: no [tool.kmemlint] section")
    values: dict[str, Any] = {}
    rule_options: dict[str, dict[str, Any]] = {}
    where = "tool.kmemlint." if path.name == "pyproject.toml" else ""
    for key, value in data.items():
        if key == "rule":
            if not isinstance(value, dict):
                raise ConfigError(f"{path}: {where}rule: expected a table of rule ids")
            for rid, opts in value.items():
                if known_rules and rid not in known_rules:
                    raise ConfigError(f"{path}: {where}rule.{rid}: {unknown_rule(rid)}")
                if not isinstance(opts, dict):
                    raise ConfigError(f"{path}: {where}rule.{rid}: expected a table of options")
                declared = known_rules.get(rid) if isinstance(known_rules, Mapping) else None
                if declared is not None:
                    opts = _rule_options(path, f"{where}rule.{rid}", opts, declared)
                rule_options[rid] = dict(opts)
            continue
        setting = KEYS.get(key)
        if setting is None:
            raise ConfigError(f"{path}: {where}{key}: unknown key (known: {', '.join(sorted(KEYS))}, rule)")
        try:
            values[key] = setting.check(value)
        except TypeError as e:
            raise ConfigError(f"{path}: {where}{key}: {e}") from None
    for key in ("select", "ignore"):
        for rid in values.get(key, ()):
            if known_rules and rid not in known_rules and rid != ALL:
                raise ConfigError(f"{path}: {where}{key}: {unknown_rule(rid)}")
    return Config(path, values, rule_options)


def _rule_options(path: Path, where: str, opts: dict[str, Any], declared: Mapping[str, tuple]) -> dict[str, Any]:
    out = {}
    for name, value in opts.items():
        spec = declared.get(name)
        if spec is None:
            known = f"known: {', '.join(sorted(declared))}" if declared else "the rule has no options"
            raise ConfigError(f"{path}: {where}.{name}: unknown option ({known})")
        try:
            out[name] = Setting(*spec).check(value)
        except TypeError as e:
            raise ConfigError(f"{path}: {where}.{name}: {e}") from None
    return out
