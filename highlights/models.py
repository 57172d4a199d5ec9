"""Typed records passed between pipeline stages.

All records are frozen, slotted dataclasses. Times are integer milliseconds from the start
of the recording. Every record serialises with ``to_dict`` and comes back with ``from_dict``,
so an intermediate result can be written as JSON, inspected and fed to a later stage.
"""

from __future__ import annotations

import dataclasses
import functools
import types
import typing
from dataclasses import dataclass, field
from typing import Any, ClassVar, TypeVar

T = TypeVar("T", bound="Record")


class Record:
    """Mixin: JSON-friendly ``to_dict`` / ``from_dict`` for the dataclasses below."""

    __slots__ = ()
    __dataclass_fields__: ClassVar[dict[str, Any]]

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for f in dataclasses.fields(self):  # type: ignore[arg-type,unused-ignore]
            out[f.name] = _dump(getattr(self, f.name))
        return out

    @classmethod
    def from_dict(cls: type[T], data: dict[str, Any]) -> T:
        kwargs: dict[str, Any] = {}
        for name, hint in _field_hints(cls):  # type: ignore[arg-type]
            if name in data:
                kwargs[name] = _load(hint, data[name])
        return cls(**kwargs)


@functools.cache
def _field_hints(cls: type[Any]) -> tuple[tuple[str, Any], ...]:
    hints = typing.get_type_hints(cls)
    return tuple((f.name, hints[f.name]) for f in dataclasses.fields(cls))


def _dump(value: Any) -> Any:
    if isinstance(value, Record):
        return value.to_dict()
    if isinstance(value, (tuple, list)):
        return [_dump(v) for v in value]
    return value


def _load(tp: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(tp) if a is not type(None)]
        return _load(options[0], value) if len(options) == 1 else value
    if origin is tuple:
        args = typing.get_args(tp)
        inner = args[0] if args else Any
        return tuple(_load(inner, v) for v in value)
    if isinstance(tp, type) and issubclass(tp, Record):
        return tp.from_dict(value)
    return value


# --------------------------------------------------------------------------- ingest


@dataclass(frozen=True, slots=True)
class Word(Record):
    """One recognised word with its time, when a transcript has word timings."""

    text: str
    start_ms: int
    end_ms: int
    confidence: float | None = None


@dataclass(frozen=True, slots=True)
class Utterance(Record):
    """A stretch of speech by one speaker (a cue, segment or utterance of the source)."""

    speaker: str | None
    start_ms: int
    end_ms: int
    text: str
    words: tuple[Word, ...] = ()


@dataclass(frozen=True, slots=True)
class Transcript(Record):
    """A timed transcript, utterances sorted by start time."""

    source: str
    format: str
    utterances: tuple[Utterance, ...]
    machine_transcribed: bool = False

    @property
    def end_ms(self) -> int:
        return max((u.end_ms for u in self.utterances), default=0)

    @property
    def speakers(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for u in self.utterances:
            if u.speaker:
                seen.setdefault(u.speaker, None)
        return tuple(seen)


@dataclass(frozen=True, slots=True)
class Marker(Record):
    """A moment someone pressed "highlight" (a point), or a marked region.

    ``end_ms`` is None for a point marker. ``line`` is the line of the marker file it came from.
    """

    start_ms: int
    end_ms: int | None = None
    label: str = ""
    line: int | None = None

    @property
    def is_region(self) -> bool:
        return self.end_ms is not None


@dataclass(frozen=True, slots=True)
class Markers(Record):
    source: str
    format: str
    markers: tuple[Marker, ...]


@dataclass(frozen=True, slots=True)
class AudioInfo(Record):
    """What probing a recording tells, without decoding it."""

    path: str
    duration_ms: int
    sample_rate: int
    channels: int
    codec: str = ""


@dataclass(frozen=True, slots=True)
class Participant(Record):
    name: str
    role: str = ""


@dataclass(frozen=True, slots=True)
class MeetingSource(Record):
    """Where one meeting's inputs are, and what is known about it before reading them."""

    meeting_id: str
    title: str = ""
    date: str = ""
    audio: str | None = None
    transcript: str | None = None
    markers: str | None = None
    recording_start: str | None = None
    participants: tuple[Participant, ...] = ()


# --------------------------------------------------------------------------- tagging


@dataclass(frozen=True, slots=True)
class RuleHit(Record):
    """One rule match inside a statement: which rule, which label, which words."""

    rule_id: str
    label: str
    text: str
    start_char: int
    end_char: int
    description: str = ""


@dataclass(frozen=True, slots=True)
class SmartParts(Record):
    """Which SMART parts a goal-like statement carries (None: the statement is not goal-like)."""

    specific: bool = False
    measurable: bool = False
    relevant: bool = False
    time_bound: bool = False

    def letters(self) -> str:
        return "".join(
            letter
            for letter, on in (
                ("S", self.specific),
                ("M", self.measurable),
                ("R", self.relevant),
                ("T", self.time_bound),
            )
            if on
        )


@dataclass(frozen=True, slots=True)
class Statement(Record):
    """A sentence of the transcript, with the labels the rules gave it."""

    index: int
    utterance_index: int
    speaker: str | None
    start_ms: int
    end_ms: int
    text: str
    labels: tuple[str, ...] = ()
    hits: tuple[RuleHit, ...] = ()
    smart: SmartParts | None = None

    @property
    def rules(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(h.rule_id for h in self.hits))


# --------------------------------------------------------------------------- cutting


@dataclass(frozen=True, slots=True)
class Window(Record):
    """A stretch of the meeting to cut out, before snapping into pauses.

    ``anchor_ms`` is the marker time (a point marker) or the region start; ``kind`` is
    "point", "region" or "suggested". ``marker_indexes`` are the markers merged into it.
    """

    start_ms: int
    end_ms: int
    anchor_ms: int
    kind: str
    marker_indexes: tuple[int, ...] = ()
    labels: tuple[str, ...] = ()
    capped: bool = False


@dataclass(frozen=True, slots=True)
class Clip(Record):
    """A window whose edges were moved into pauses of the audio."""

    window: Window
    start_ms: int
    end_ms: int
    start_in_pause: bool = False
    end_in_pause: bool = False


# --------------------------------------------------------------------------- assembly


@dataclass(frozen=True, slots=True)
class Highlight(Record):
    """One highlight of a meeting, as shown in the digest."""

    id: str
    meeting_id: str
    number: int
    start_ms: int
    end_ms: int
    kind: str
    labels: tuple[str, ...]
    marker_labels: tuple[str, ...]
    statements: tuple[Statement, ...]
    key_statement: int | None
    clip_file: str | None = None
    suggested: bool = False

    @property
    def key(self) -> Statement | None:
        for s in self.statements:
            if s.index == self.key_statement:
                return s
        return None


@dataclass(frozen=True, slots=True)
class MeetingResult(Record):
    """Everything the pipeline produced for one meeting."""

    meeting_id: str
    title: str
    date: str
    duration_ms: int
    audio_file: str | None
    transcript_source: str | None
    machine_transcribed: bool
    participants: tuple[Participant, ...]
    highlights: tuple[Highlight, ...]
    statements: tuple[Statement, ...]
    warnings: tuple[str, ...] = field(default=())
