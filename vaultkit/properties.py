"""Frontmatter → aliases, tags and JSON-ready properties, the way Obsidian reads them.

Keys are matched case-insensitively (`Aliases`, `alias`, `ALIASES`), values may
be a list, a scalar or a comma-separated string, and YAML that does not parse
costs the note its properties, not its place in the graph.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Any

import frontmatter
import yaml

from .model import Diagnostic, Severity

# What PyYAML's constructors raise on a value they cannot build: `2024-02-31`, `!!int x`,
# `!!bool x` (KeyError), `!!timestamp x` (AttributeError), `!!float` with no text (IndexError).
_VALUE_ERRORS = (ValueError, TypeError, OverflowError, RecursionError, AttributeError, KeyError, IndexError)
MAX_VALUES = 10_000  # values a frontmatter may expand to; YAML anchors can multiply a few bytes
_ALIAS_KEYS = frozenset({"aliases", "alias"})
_TAG_KEYS = frozenset({"tags", "tag"})
_YAML = frontmatter.YAMLHandler()


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """PyYAML's safe loader, but a `!!set` keeps its members in the order written.

    A Python set would order them by hash, which changes from run to run.
    """


def _ordered_set(loader: yaml.SafeLoader, node: yaml.MappingNode) -> list:
    return list(loader.construct_mapping(node))


_Loader.add_constructor("tag:yaml.org,2002:set", _ordered_set)


@dataclass(frozen=True, slots=True)
class Frontmatter:
    aliases: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    properties: dict[str, Any] | None = None
    diagnostics: tuple[Diagnostic, ...] = ()


def read_frontmatter(text: str, path: str, first_line: int) -> Frontmatter:
    """Read the YAML between the `---` lines; `first_line` is the 1-based line of its first key."""
    try:
        data = _YAML.load(text, Loader=_Loader)
    except yaml.YAMLError as error:
        return Frontmatter(diagnostics=(_yaml_diagnostic(error, path, first_line),))
    except _VALUE_ERRORS as error:
        line = first_line + _failing_line(text)
        reason = error if isinstance(error, (ValueError, TypeError, OverflowError, RecursionError)) else "a value its YAML tag cannot hold"
        message = f"invalid value in frontmatter ({reason}); aliases, tags and properties ignored"
        return Frontmatter(diagnostics=(Diagnostic(path, line, "invalid-yaml", message, Severity.ERROR),))
    if data is None:
        return Frontmatter(properties={})
    if not isinstance(data, dict):
        message = f"frontmatter is a {type(data).__name__}, not a mapping of keys to values; ignored"
        return Frontmatter(diagnostics=(Diagnostic(path, first_line, "frontmatter-not-mapping", message),))
    aliases: list[str] = []
    tags: list[str] = []
    properties: dict[str, Any] = {}
    budget = _Budget(MAX_VALUES)
    diagnostics: list[Diagnostic] = []
    try:
        for key, value in data.items():
            name = str(key).strip().lower()
            if name in _ALIAS_KEYS:
                aliases.extend(_entries(value, separators=","))
            elif name in _TAG_KEYS:
                tags.extend(entry.lstrip("#") for entry in _entries(value, separators=", \t"))
            else:
                properties[str(key)] = jsonable(value, budget)
    except _TooLarge as error:
        message = f"frontmatter {error}; its properties are ignored"
        return Frontmatter(diagnostics=(Diagnostic(path, first_line, "frontmatter-too-large", message, Severity.ERROR),))
    valid_tags = []
    for tag in tags:
        if tag and _is_tag_name(tag):
            valid_tags.append(tag)
        elif tag:
            message = f"frontmatter tag {tag!r} is not a tag (a tag needs a character that is not a digit)"
            diagnostics.append(Diagnostic(path, first_line, "invalid-tag", message, Severity.WARNING))
    return Frontmatter(
        aliases=_unique(aliases, key=lambda a: a),
        tags=_unique(valid_tags, key=str.lower),
        properties=properties,
        diagnostics=tuple(diagnostics),
    )


def _is_tag_name(tag: str) -> bool:
    return not all(c.isdigit() or c == "/" for c in tag)


def _failing_line(text: str) -> int:
    """Offset of the line whose value failed to construct (an impossible date, say)."""
    try:
        loader = yaml.SafeLoader(text)
        try:
            root = loader.get_single_node()
            if isinstance(root, yaml.MappingNode):
                for _, value in root.value:
                    try:
                        loader.construct_object(value, deep=True)
                    except _VALUE_ERRORS:
                        return value.start_mark.line
        finally:
            loader.dispose()
    except (yaml.YAMLError, RecursionError):
        pass
    return 0


def _entries(value: Any, separators: str) -> list[str]:
    """List items as they are; a scalar string split on the separators."""
    if value is None:
        return []
    if isinstance(value, (list, tuple, set)):
        return [str(item).strip() for item in value if _scalar(item) and str(item).strip()]
    if isinstance(value, str):
        parts = [value]
        for separator in separators:
            parts = [piece for part in parts for piece in part.split(separator)]
        return [part.strip() for part in parts if part.strip()]
    if _scalar(value):
        return [str(value)]
    return []


def _scalar(value: Any) -> bool:
    return value is not None and not isinstance(value, (dict, list, tuple, set))


def _unique(items: list[str], key) -> tuple[str, ...]:  # noqa: ANN001
    seen: set[str] = set()
    kept = []
    for item in items:
        if key(item) not in seen:
            seen.add(key(item))
            kept.append(item)
    return tuple(kept)


class _TooLarge(Exception):
    pass


class _Budget:
    """Counts the values converted, so that YAML anchors cannot blow one up into millions."""

    def __init__(self, limit: int) -> None:
        self.left = limit
        self.limit = limit

    def spend(self) -> None:
        self.left -= 1
        if self.left < 0:
            raise _TooLarge(f"expands to more than {self.limit:,} values (YAML anchors?)")


MAX_DEPTH = 100


def jsonable(value: Any, budget: _Budget | None = None, _depth: int = 0, _path: frozenset[int] = frozenset()) -> Any:
    """Property values as JSON can hold them: dates become ISO strings.

    A value that contains itself (a YAML anchor used inside its own definition),
    nests deeper than `MAX_DEPTH`, or expands past the budget is refused.
    """
    if budget is not None:
        budget.spend()
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    if isinstance(value, bool) or value is None or isinstance(value, (int, str)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else str(value)
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    if not isinstance(value, (dict, list, tuple, set)):
        return str(value)
    if id(value) in _path:
        raise _TooLarge("contains itself (a recursive YAML anchor)")
    if _depth >= MAX_DEPTH:
        raise _TooLarge(f"nests deeper than {MAX_DEPTH} levels")
    inner = _path | {id(value)}
    if isinstance(value, dict):
        return {str(k): jsonable(v, budget, _depth + 1, inner) for k, v in value.items()}
    return [jsonable(v, budget, _depth + 1, inner) for v in value]


def _yaml_diagnostic(error: yaml.YAMLError, path: str, first_line: int) -> Diagnostic:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    line = first_line + mark.line if mark is not None else first_line
    problem = getattr(error, "problem", None) or str(error).splitlines()[0]
    context = getattr(error, "context", None)
    reason = f"{context}, {problem}" if context else problem
    message = f"invalid YAML in frontmatter ({reason}); aliases, tags and properties ignored"
    return Diagnostic(path, line, "invalid-yaml", message, Severity.ERROR)
