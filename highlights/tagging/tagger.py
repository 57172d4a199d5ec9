"""The ``tag`` stage: a transcript in, tagged statements out.

Each utterance is cleaned and cut into chunks (at pauses, when word timings exist), the
chunks go through the spaCy pipeline in one ``nlp.pipe`` call, and every sentence becomes a
``Statement`` with the labels and rule hits of the rules that matched inside it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from importlib.metadata import version

from spacy.tokens import Span

from highlights.models import RuleHit, Statement, Transcript
from highlights.tagging.nlp import SPANS_KEY, build_nlp
from highlights.tagging.rules import (
    ALGORITHM_VERSION,
    Rule,
    default_rule_paths,
    label_sort_key,
    load_rules,
)
from highlights.tagging.sentences import Chunk, utterance_chunks
from highlights.tagging.smart import smart_parts


class Tagger:
    """Tags statements with the labels of a set of rules; build once, tag many transcripts."""

    def __init__(self, rules: Sequence[Rule], *, pause_split_ms: int = 1200) -> None:
        if pause_split_ms <= 0:
            raise ValueError("pause_split_ms must be positive")
        self.rules: tuple[Rule, ...] = tuple(rules)
        self.pause_split_ms = pause_split_ms
        self._by_id: dict[str, Rule] = {r.id: r for r in self.rules}
        self._roles: dict[str, frozenset[str]] = {
            r.id: frozenset(role.strip().lower() for role in r.roles) for r in self.rules
        }
        self._nlp = build_nlp(self.rules)
        self.version: str = _version(self.rules, pause_split_ms)

    @classmethod
    def default(cls) -> Tagger:
        """A tagger with the bundled rule packs and default settings."""
        return cls(load_rules(default_rule_paths()))

    def tag(
        self, transcript: Transcript, roles: Mapping[str, str] | None = None
    ) -> tuple[Statement, ...]:
        """The statements of ``transcript``, in order, with labels, hits and SMART parts.

        ``roles`` maps speaker names to roles. A rule limited to roles is skipped for a
        speaker whose role is known and not one of them; it applies when the role is one of
        them or unknown (speaker not in ``roles``, no speaker, or no ``roles`` at all), so a
        meeting without role information is tagged with every rule.
        """
        role_of = None if roles is None else {k: v.strip().lower() for k, v in roles.items()}
        chunks: list[Chunk] = []
        for index, utterance in enumerate(transcript.utterances):
            chunks.extend(utterance_chunks(index, utterance, self.pause_split_ms))
        statements: list[Statement] = []
        docs = self._nlp.pipe((c.text for c in chunks), batch_size=256)
        for chunk, doc in zip(chunks, docs, strict=True):
            spans = sorted(doc.spans[SPANS_KEY], key=lambda s: (s.start, s.end))
            role = None if role_of is None else role_of.get(chunk.speaker or "") or None
            for sent in doc.sents:
                statement = self._statement(len(statements), chunk, sent, spans, role)
                if statement is not None:
                    statements.append(statement)
        return tuple(statements)

    def _statement(
        self, index: int, chunk: Chunk, sent: Span, spans: list[Span], role: str | None
    ) -> Statement | None:
        text = sent.text
        if not any(ch.isalnum() for ch in text):
            return None
        inside = [s for s in spans if s.start >= sent.start and s.end <= sent.end]
        hits = self._hits(sent, inside, role)
        labels = tuple(sorted({h.label for h in hits}, key=label_sort_key))
        start_ms, end_ms = chunk.times(sent.start_char, sent.end_char)
        return Statement(
            index=index,
            utterance_index=chunk.utterance_index,
            speaker=chunk.speaker,
            start_ms=start_ms,
            end_ms=end_ms,
            text=text,
            labels=labels,
            hits=hits,
            smart=smart_parts(sent, labels, hits),
        )

    def _hits(self, sent: Span, spans: list[Span], role: str | None) -> tuple[RuleHit, ...]:
        positive: list[tuple[Span, Rule]] = []
        negative: list[tuple[Span, Rule]] = []
        for span in spans:
            rule = self._by_id.get(span.id_)
            if rule is None:
                continue
            allowed = self._roles[rule.id]
            if allowed and role is not None and role not in allowed:
                continue
            (negative if rule.negative else positive).append((span, rule))

        kept: dict[str, list[Span]] = {}
        # Longest match first, so one rule yields one hit per stretch of words.
        for span, rule in sorted(positive, key=lambda p: (p[0].start - p[0].end, p[0].start)):
            cancelled = any(
                neg.label == rule.label and n.start < span.end and span.start < n.end
                for n, neg in negative
            )
            taken = kept.setdefault(rule.id, [])
            if cancelled or any(k.start < span.end and span.start < k.end for k in taken):
                continue
            taken.append(span)

        base = sent.start_char
        hits = [
            RuleHit(
                rule_id=rule_id,
                label=self._by_id[rule_id].label,
                text=span.text,
                start_char=span.start_char - base,
                end_char=span.end_char - base,
                description=self._by_id[rule_id].description,
            )
            for rule_id, taken in kept.items()
            for span in taken
        ]
        hits.sort(key=lambda h: (h.start_char, h.end_char, label_sort_key(h.label), h.rule_id))
        return tuple(hits)


def _version(rules: Sequence[Rule], pause_split_ms: int) -> str:
    payload = {
        "algorithm": ALGORITHM_VERSION,
        "spacy": ".".join(version("spacy").split(".")[:2]),
        "pause_split_ms": pause_split_ms,
        "rules": sorted((r.to_json() for r in rules), key=lambda r: str(r["id"])),
    }
    encoded = json.dumps(payload, sort_keys=True, ensure_ascii=False).encode("utf-8")
    return hashlib.sha256(encoded).hexdigest()[:16]
