"""Rule packs: loading and validating the JSONL pattern files under ``pipelines/rules``.

One rule per line::

    {"id": "priority.top-priority", "label": "PRIORITY", "pattern": [{"LOWER": "top"}, ...],
     "description": "says something is the top priority", "roles": ["manager"]}

``pattern`` is a spaCy token pattern (a list of token dicts) or a phrase (a string, matched on
lower-case text). ``roles`` (optional) limits the rule to statements by speakers with one of
those roles. ``negative`` (optional, default false) makes the rule cancel hits of its label that
overlap its match ("no problem" cancels the BLOCKER hit on "problem"); a negative rule never
adds a label itself. Blank lines and lines starting with ``#`` are skipped.

Any upper-case label is accepted, so adding a tag type needs only a new pack.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from highlights.errors import RuleError
from highlights.resources import rules_dir

# The label order of the DESIGN table; labels outside it sort after these, alphabetically.
LABELS: tuple[str, ...] = (
    "PRIORITY",
    "RELEVANCE",
    "ACTION",
    "DECISION",
    "DEADLINE",
    "METRIC",
    "BLOCKER",
    "FEEDBACK",
    "GOAL",
)

_LABEL_RE = re.compile(r"^[A-Z][A-Z_]*$")
_ID_RE = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.:-]*$")
_KEYS = frozenset({"id", "label", "pattern", "description", "roles", "negative"})
_REQUIRED = ("id", "label", "pattern")


@dataclass(frozen=True, slots=True)
class Rule:
    """One pattern of a rule pack, with where it was defined."""

    id: str
    label: str
    pattern: list[dict[str, Any]] | str
    description: str
    roles: tuple[str, ...]
    source: str
    line: int
    negative: bool = False

    def to_json(self) -> dict[str, Any]:
        """The rule as a pack line would hold it (without where it came from)."""
        out: dict[str, Any] = {
            "id": self.id,
            "label": self.label,
            "pattern": self.pattern,
            "description": self.description,
        }
        if self.roles:
            out["roles"] = list(self.roles)
        if self.negative:
            out["negative"] = True
        return out


def label_sort_key(label: str) -> tuple[int, str]:
    """Sort key putting labels in the DESIGN table order, unknown labels after, by name."""
    try:
        return (LABELS.index(label), label)
    except ValueError:
        return (len(LABELS), label)


def default_rule_paths() -> list[Path]:
    """The bundled rule packs, one file per label."""
    return sorted(rules_dir().glob("*.jsonl"))


def load_rules(paths: Sequence[Path]) -> tuple[Rule, ...]:
    """Read and validate rule packs; a rule in a later file replaces an earlier one by id.

    Raises ``RuleError`` naming the file and line of the first invalid rule.
    """
    merged: dict[str, Rule] = {}
    for path in paths:
        for rule in _load_pack(Path(path)):
            merged[rule.id] = rule
    return tuple(merged.values())


@dataclass(frozen=True, slots=True)
class PackCheck:
    """What checking one rule pack found: its valid rules, its errors and its warnings.

    Warnings are ``(line, message)`` pairs about rules that load but may not do what their
    author wants (e.g. a rule without a description, which the digest shows).
    """

    path: str
    rules: tuple[Rule, ...]
    errors: tuple[RuleError, ...]
    warnings: tuple[tuple[int, str], ...]

    @property
    def ok(self) -> bool:
        return not self.errors


def check_pack(path: Path) -> PackCheck:
    """Validate every line of a rule pack, going on past bad lines to report them all."""
    errors: list[RuleError] = []
    rules = _load_pack(Path(path), errors)
    warnings = tuple(
        (r.line, f"rule {r.id} has no description (the digest shows it as the reason)")
        for r in rules
        if not r.description
    )
    return PackCheck(str(path), tuple(rules), tuple(errors), warnings)


def _load_pack(path: Path, errors: list[RuleError] | None = None) -> list[Rule]:
    """The rules of one pack; raises the first error, or collects them all into ``errors``."""

    def failed(error: RuleError) -> None:
        if errors is None:
            raise error
        errors.append(error)

    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        failed(RuleError(f"cannot read rule pack: {exc}", path=path))
        return []
    rules: list[Rule] = []
    seen: dict[str, int] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        stripped = raw.strip()
        if not stripped or stripped.startswith("#"):
            continue
        try:
            rule = _parse_line(stripped, path, number)
        except RuleError as exc:
            failed(exc)
            continue
        if rule.id in seen:
            failed(
                RuleError(
                    f"duplicate rule id {rule.id!r} (first defined on line {seen[rule.id]})",
                    path=path,
                    line=number,
                )
            )
            continue
        seen[rule.id] = number
        rules.append(rule)
    return rules


def _parse_line(text: str, path: Path, line: int) -> Rule:
    def fail(message: str) -> RuleError:
        return RuleError(message, path=path, line=line)

    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise fail(f"invalid JSON: {exc.msg} (column {exc.colno})") from exc
    if not isinstance(data, dict):
        raise fail("a rule must be a JSON object")
    unknown = sorted(set(data) - _KEYS)
    if unknown:
        raise fail(f"unknown key(s) {', '.join(map(repr, unknown))}; allowed: {sorted(_KEYS)}")
    for key in _REQUIRED:
        if key not in data:
            raise fail(f"missing {key!r}")

    rule_id = data["id"]
    if not isinstance(rule_id, str) or not _ID_RE.match(rule_id):
        raise fail(f"invalid id {rule_id!r}: use letters, digits and . _ - : (e.g. 'action.send')")
    label = data["label"]
    if not isinstance(label, str) or not _LABEL_RE.match(label):
        raise fail(f"rule {rule_id}: invalid label {label!r}: use upper case, e.g. 'PRIORITY'")
    description = data.get("description", "")
    if not isinstance(description, str):
        raise fail(f"rule {rule_id}: 'description' must be a string")
    roles = data.get("roles", [])
    if not isinstance(roles, list) or not all(isinstance(r, str) and r.strip() for r in roles):
        raise fail(f"rule {rule_id}: 'roles' must be a list of role names")
    negative = data.get("negative", False)
    if not isinstance(negative, bool):
        raise fail(f"rule {rule_id}: 'negative' must be true or false")
    pattern = data["pattern"]
    problem = pattern_problem(pattern)
    if problem:
        raise fail(f"rule {rule_id}: invalid pattern: {problem}")

    return Rule(
        id=rule_id,
        label=label,
        pattern=pattern,
        description=description.strip(),
        roles=tuple(r.strip().lower() for r in roles),
        source=str(path),
        line=line,
        negative=negative,
    )


def pattern_problem(pattern: Any) -> str | None:
    """Why a pattern is not a valid span_ruler pattern, or None when it is valid."""
    if isinstance(pattern, str):
        return None if pattern.strip() else "empty phrase"
    if not isinstance(pattern, list) or not pattern:
        return "a pattern is a non-empty list of token objects or a phrase string"
    if not all(isinstance(token, dict) for token in pattern):
        return "every token of a pattern must be a JSON object"
    from spacy.errors import MatchPatternError
    from spacy.matcher import Matcher

    matcher = Matcher(_vocab(), validate=True)
    try:
        matcher.add("check", [pattern])
    except MatchPatternError as exc:
        detail = " ".join(str(exc).split())
        return re.sub(r"^Invalid token patterns for matcher rule 'check' Pattern 0: - ", "", detail)
    except (ValueError, KeyError, TypeError, re.error) as exc:
        return " ".join(str(exc).split()) or type(exc).__name__
    return None


@functools.lru_cache(maxsize=1)
def _vocab() -> Any:
    import spacy

    return spacy.blank("en").vocab
