"""Rule packs: loading and validating the JSONL pattern files under ``pipelines/rules``.

One rule per line::

    {"id": "priority.top-priority", "label": "PRIORITY", "pattern": [{"LOWER": "top"}, ...],
     "description": "says something is the top priority", "roles": ["manager"]}

``pattern`` is a spaCy token pattern (a list of token dicts) or a phrase (a string, matched on
lower-case text). ``roles`` (optional) limits the rule to statements by speakers with one of
those roles. ``negative`` (optional, default false) makes the rule cancel hits of its label that
overlap its match ("no problem" cancels the BLOCKER hit on "problem"); a negative rule never
adds a label itself. Blank lines and lines starting with ``#`` are skipped.

Besides spaCy's token attributes, a pattern token may test ``{"_": {"last_word": true}}``:
the last word of the statement (only punctuation may follow it), so that "we'll do that."
can be told from "we'll do that by Friday" (spaCy's matcher has ``IS_SENT_START`` but no
test for the end of a sentence).

Any upper-case label is accepted, so adding a tag type needs only a new pack.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable, Sequence
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


def _is_last_word(token: Any) -> bool:
    """True when only punctuation follows ``token`` in its sentence."""
    doc = token.doc
    for i in range(token.i + 1, len(doc)):
        following = doc[i]
        if following.is_sent_start:
            return True
        if not following.is_punct:
            return False
    return True


# Token extensions a pattern may test under "_", by name.
TOKEN_EXTENSIONS: dict[str, Callable[[Any], bool]] = {"last_word": _is_last_word}


def register_token_extensions() -> None:
    """Make the extensions of ``TOKEN_EXTENSIONS`` available to patterns (idempotent)."""
    from spacy.tokens import Token

    for name, getter in TOKEN_EXTENSIONS.items():
        if not Token.has_extension(name):
            Token.set_extension(name, getter=getter)


def label_sort_key(label: str) -> tuple[int, str]:
    """Sort key putting labels in the DESIGN table order, unknown labels after, by name."""
    try:
        return (LABELS.index(label), label)
    except ValueError:
        return (len(LABELS), label)


def default_rule_paths() -> list[Path]:
    """The bundled rule packs, one file per label."""
    return sorted(rules_dir().glob("*.jsonl"))


# The version of the tagging code: bumped when it produces something else for the same rules
# and settings (kept here, beside the rules, so fingerprints need no spaCy import).
ALGORITHM_VERSION = 2


def load_rules(paths: Sequence[Path]) -> tuple[Rule, ...]:
    """Read and validate rule packs; a rule in a later file replaces an earlier one by id.

    Raises ``RuleError`` naming the file and line of the first invalid rule. Every line is
    checked (JSON, keys, id, label, roles); the token patterns of packs other than the bundled
    ones are also checked against spaCy's pattern schema. The bundled packs' patterns are
    checked by the test suite instead, so loading them needs no spaCy: a batch can plan and
    fingerprint its meetings without it.
    """
    merged: dict[str, Rule] = {}
    for path in paths:
        path = Path(path)
        for rule in _load_pack(path, check_patterns=not _bundled(path)):
            merged[rule.id] = rule
    return tuple(merged.values())


def _bundled(path: Path) -> bool:
    try:
        return path.resolve().parent == rules_dir().resolve()
    except OSError:
        return False


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


def _load_pack(
    path: Path, errors: list[RuleError] | None = None, *, check_patterns: bool = True
) -> list[Rule]:
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
            rule = _parse_line(stripped, path, number, check_patterns)
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


def _parse_line(text: str, path: Path, line: int, check_pattern: bool = True) -> Rule:
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
    problem = pattern_problem(pattern) if check_pattern else _shape_problem(pattern)
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
    problem = _shape_problem(pattern)
    if problem or isinstance(pattern, str):
        return problem
    from spacy.errors import MatchPatternError

    matcher = _checker()
    try:
        matcher.add("check", [pattern])
    except MatchPatternError as exc:
        detail = " ".join(str(exc).split())
        return re.sub(r"^Invalid token patterns for matcher rule 'check' Pattern 0: - ", "", detail)
    except (ValueError, KeyError, TypeError, re.error) as exc:
        return " ".join(str(exc).split()) or type(exc).__name__
    finally:
        if "check" in matcher:
            matcher.remove("check")
    return None


def _shape_problem(pattern: Any) -> str | None:
    """What is wrong with a pattern's JSON shape, before spaCy looks at its tokens."""
    if isinstance(pattern, str):
        return None if pattern.strip() else "empty phrase"
    if not isinstance(pattern, list) or not pattern:
        return "a pattern is a non-empty list of token objects or a phrase string"
    if not all(isinstance(token, dict) for token in pattern):
        return "every token of a pattern must be a JSON object"
    for token in pattern:
        extensions = token.get("_", {})
        if not isinstance(extensions, dict):
            return "'_' must be an object of token extensions"
        unknown = sorted(set(extensions) - set(TOKEN_EXTENSIONS))
        if unknown:
            known = ", ".join(sorted(TOKEN_EXTENSIONS))
            return f"unknown token extension(s) {', '.join(unknown)} under '_'; known: {known}"
    return None


@functools.lru_cache(maxsize=1)
def _checker() -> Any:
    """One validating matcher, reused: building one per pattern cost more than the check."""
    from spacy.matcher import Matcher
    from spacy.vocab import Vocab

    return Matcher(Vocab(), validate=True)
