"""Time parsing and formatting shared by the readers: text in, integer milliseconds out.

Relative times (from the start of a recording) are parsed by :func:`parse_timecode`;
absolute wall-clock times (ISO 8601) by :func:`parse_datetime`. Fractions of a second are
read exactly (``decimal.Decimal``) and rounded half up to whole milliseconds, so
``"6.7605000000"`` is 6761 ms and ``"6.7604999999"`` is 6760 ms.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from decimal import ROUND_HALF_UP, Decimal

__all__ = [
    "ISO_DATETIME_PATTERN",
    "format_timecode",
    "is_datetime",
    "ms_between",
    "parse_datetime",
    "parse_seconds",
    "parse_timecode",
    "seconds_to_ms",
]

_SECONDS_RE = re.compile(r"(?P<sign>[-+]?)(?P<int>\d+)(?:[.,](?P<frac>\d+))?")
_CLOCK_RE = re.compile(r"(?P<sign>[-+]?)(?P<fields>\d+(?::\d+){1,2})(?:[.,](?P<frac>\d+))?")

ISO_DATETIME_PATTERN = (
    r"\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?"
    r"(?:[Zz]|[-+]\d{2}(?::?\d{2})?)?"
)
"""A regular expression (no anchors, no groups) for the date-times :func:`parse_datetime` reads."""

_ISO_RE = re.compile(
    r"(?P<y>\d{4})-(?P<mo>\d{2})-(?P<d>\d{2})[Tt ](?P<h>\d{2}):(?P<mi>\d{2})"
    r"(?::(?P<s>\d{2})(?:[.,](?P<frac>\d+))?)?"
    r"(?P<tz>[Zz]|(?P<tzsign>[-+])(?P<tzh>\d{2})(?::?(?P<tzm>\d{2}))?)?"
)

_MS = Decimal(1000)


def _to_ms(seconds: Decimal, extra_ms: Decimal, text: object) -> int:
    """``seconds`` plus ``extra_ms`` in whole milliseconds, rounded half up."""
    try:
        ms = seconds * _MS + extra_ms
        return int(ms.quantize(Decimal(1), rounding=ROUND_HALF_UP))
    except ArithmeticError:
        raise ValueError(f"{text} is too large to be a time") from None


def seconds_to_ms(seconds: Decimal | int) -> int:
    """Convert seconds to integer milliseconds, rounding half up (away from zero)."""
    if isinstance(seconds, bool):
        raise ValueError("a boolean is not a time")
    value = Decimal(seconds)
    if not value.is_finite():
        raise ValueError(f"{seconds} is not a finite number of seconds")
    return _to_ms(value, Decimal(0), seconds)


def _fraction_ms(digits: str | None) -> Decimal:
    return Decimal("0." + digits) * _MS if digits else Decimal(0)


def parse_seconds(text: str) -> int:
    """Parse plain seconds (``83``, ``83.5``, ``83,5``, ``-2.25``) into milliseconds."""
    s = text.strip()
    m = _SECONDS_RE.fullmatch(s)
    if m is None:
        raise ValueError(f"{text!r} is not a number of seconds")
    return seconds_to_ms(Decimal(f"{m['sign']}{m['int']}.{m['frac'] or '0'}"))


def parse_timecode(text: str) -> int:
    """Parse a time relative to the start of a recording into integer milliseconds.

    Accepted: ``hh:mm:ss[.mmm]`` (any number of hour digits), ``h:mm:ss``,
    ``mm:ss[.mmm]`` (minutes may exceed 59 when there is no hour field), plain seconds
    (``83``, ``83.5``), and a comma instead of the dot (``00:01:23,500``). The fraction
    may have any number of digits and is rounded half up to a millisecond. A leading
    ``-`` gives a negative result; callers decide whether that is allowed.

    Raises ValueError saying what is wrong with the text.
    """
    s = text.strip()
    if not s:
        raise ValueError("empty time")
    if ":" not in s:
        if _SECONDS_RE.fullmatch(s) is None:
            raise ValueError(
                f"{text!r} is not a time: expected hh:mm:ss[.mmm], mm:ss[.mmm] or seconds"
            )
        return parse_seconds(s)
    m = _CLOCK_RE.fullmatch(s)
    if m is None:
        if s.count(":") > 2:
            raise ValueError(f"{text!r} has too many ':' fields: expected hh:mm:ss[.mmm]")
        raise ValueError(f"{text!r} is not a time: expected hh:mm:ss[.mmm] or mm:ss[.mmm]")
    fields = m["fields"].split(":")
    names = ("hours", "minutes", "seconds")[-len(fields) :]
    for name, field in zip(names[1:], fields[1:], strict=True):
        if len(field) != 2:
            raise ValueError(f"{name} in {text!r} must have two digits")
        if int(field) > 59:
            raise ValueError(f"{name} in {text!r} must be below 60")
    total = 0
    for field in fields:
        total = total * 60 + int(field)
    ms = _to_ms(Decimal(total), _fraction_ms(m["frac"]), repr(text))
    return -ms if m["sign"] == "-" else ms


def format_timecode(ms: int) -> str:
    """Render milliseconds as ``hh:mm:ss.mmm`` (``-`` in front when negative)."""
    sign = "-" if ms < 0 else ""
    h, rem = divmod(abs(ms), 3_600_000)
    m, rem = divmod(rem, 60_000)
    s, milli = divmod(rem, 1000)
    return f"{sign}{h:02d}:{m:02d}:{s:02d}.{milli:03d}"


def is_datetime(text: str) -> bool:
    """True when ``text`` is shaped like an ISO 8601 date and time (it may still be invalid)."""
    return _ISO_RE.fullmatch(text.strip()) is not None


def parse_datetime(text: str) -> datetime:
    """Parse an ISO 8601 wall-clock time: ``2026-03-04T10:15:30[.fff][Z|+01:00]``.

    A space may replace the ``T``; seconds and the fraction are optional; offsets may be
    written ``+01:00``, ``+0100`` or ``+01``. The result is naive when the text has no
    ``Z`` or offset. Fractions beyond microseconds are rounded half up.
    Raises ValueError naming the problem.
    """
    s = text.strip()
    m = _ISO_RE.fullmatch(s)
    if m is None:
        raise ValueError(f"{text!r} is not an ISO 8601 date and time (2026-03-04T10:15:30)")
    tz: timezone | None = None
    if m["tz"]:
        if m["tzsign"] is None:
            tz = timezone.utc
        else:
            offset = timedelta(hours=int(m["tzh"]), minutes=int(m["tzm"] or 0))
            if offset >= timedelta(hours=24):
                raise ValueError(f"the UTC offset in {text!r} is out of range")
            tz = timezone(-offset if m["tzsign"] == "-" else offset)
    micro = Decimal("0." + m["frac"]) * 1_000_000 if m["frac"] else Decimal(0)
    micro_int = int(micro.quantize(Decimal(1), ROUND_HALF_UP))
    try:
        value = datetime(
            int(m["y"]),
            int(m["mo"]),
            int(m["d"]),
            int(m["h"]),
            int(m["mi"]),
            int(m["s"] or 0),
            tzinfo=tz,
        )
    except ValueError as exc:
        raise ValueError(f"{text!r} is not a valid date and time: {exc}") from exc
    return value + timedelta(microseconds=micro_int)


def _aware(value: datetime) -> bool:
    return value.tzinfo is not None and value.utcoffset() is not None


def ms_between(start: datetime, when: datetime) -> int:
    """Milliseconds from ``start`` to ``when`` (negative when ``when`` is earlier).

    When one side is naive and the other aware, the naive side is read as a wall-clock
    time in the aware side's time zone: both are taken to come from the same local clock.
    Sub-millisecond remainders are rounded half up.
    """
    if _aware(start) and not _aware(when):
        when = when.replace(tzinfo=start.tzinfo)
    elif _aware(when) and not _aware(start):
        start = start.replace(tzinfo=when.tzinfo)
    delta = when - start
    micro = (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds
    return (micro + 500) // 1000
