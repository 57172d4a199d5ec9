"""Shared time parsing: relative timecodes, ISO 8601 wall-clock times, formatting."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from decimal import Decimal

import pytest

from highlights.timecodes import (
    format_timecode,
    is_datetime,
    ms_between,
    parse_datetime,
    parse_seconds,
    parse_timecode,
    seconds_to_ms,
)

PLUS_ONE = timezone(timedelta(hours=1))


@pytest.mark.parametrize(
    ("text", "ms"),
    [
        ("00:01:23", 83_000),
        ("00:01:23.5", 83_500),
        ("00:01:23.500", 83_500),
        ("1:02:03", 3_723_000),
        ("100:00:00", 360_000_000),
        ("01:23", 83_000),
        ("125:30", 7_530_000),
        ("83", 83_000),
        ("83.5", 83_500),
        ("0", 0),
        ("00:01:23,500", 83_500),
        ("83,5", 83_500),
        (" 00:00:01.000 ", 1_000),
        ("00:00:00.0005", 1),
        ("00:00:00.0004999", 0),
        ("6.7605000000", 6_761),
        ("6.7604999999", 6_760),
        ("1.2345", 1_235),
        ("00:00:59.9995", 60_000),
        ("-00:00:05", -5_000),
        ("-2.25", -2_250),
    ],
)
def test_timecodes_parse(text: str, ms: int) -> None:
    assert parse_timecode(text) == ms


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "empty time"),
        ("   ", "empty time"),
        ("abc", "is not a time"),
        ("12:3a", "is not a time"),
        ("1::2", "is not a time"),
        ("00:01:23.", "is not a time"),
        ("1e3", "is not a time"),
        ("nan", "is not a time"),
        ("inf", "is not a time"),
        ("1:75:00", "minutes in '1:75:00' must be below 60"),
        ("00:61", "seconds in '00:61' must be below 60"),
        ("1:5", "seconds in '1:5' must have two digits"),
        ("1:2:3:4", "too many ':' fields"),
        ("1" * 40, "is too large to be a time"),
        ("1" * 40 + ":00:00", "is too large to be a time"),
    ],
)
def test_timecodes_parse_rejects_with_reason(text: str, reason: str) -> None:
    with pytest.raises(ValueError) as info:
        parse_timecode(text)
    assert reason in str(info.value)


@pytest.mark.parametrize(
    ("ms", "text"),
    [
        (0, "00:00:00.000"),
        (83_500, "00:01:23.500"),
        (3_723_004, "01:02:03.004"),
        (360_000_000, "100:00:00.000"),
        (-5_000, "-00:00:05.000"),
    ],
)
def test_timecodes_format(ms: int, text: str) -> None:
    assert format_timecode(ms) == text


@pytest.mark.parametrize("ms", [0, 1, 999, 1_000, 59_999, 60_000, 3_599_999, 3_600_001, 86_399_999])
def test_timecodes_format_parse_round_trip(ms: int) -> None:
    assert parse_timecode(format_timecode(ms)) == ms
    assert parse_timecode(format_timecode(-ms)) == -ms


def test_timecodes_seconds_decimal_rounding() -> None:
    # A float would give 1234.4999... and round down; the text is read exactly.
    assert parse_seconds("1.2345") == 1_235
    assert seconds_to_ms(Decimal("1.2345")) == 1_235
    assert seconds_to_ms(12) == 12_000
    assert seconds_to_ms(Decimal("-0.0005")) == -1


@pytest.mark.parametrize(
    "value", [True, Decimal("NaN"), Decimal("Infinity"), 10**400, Decimal("1e999999999")]
)
def test_timecodes_seconds_rejects_non_numbers(value: Decimal | bool) -> None:
    with pytest.raises(ValueError):
        seconds_to_ms(value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-03-04T10:15:30", datetime(2026, 3, 4, 10, 15, 30)),
        ("2026-03-04 10:15:30", datetime(2026, 3, 4, 10, 15, 30)),
        ("2026-03-04T10:15", datetime(2026, 3, 4, 10, 15)),
        ("2026-03-04T10:15:30Z", datetime(2026, 3, 4, 10, 15, 30, tzinfo=timezone.utc)),
        ("2026-03-04T10:15:30+01:00", datetime(2026, 3, 4, 10, 15, 30, tzinfo=PLUS_ONE)),
        ("2026-03-04T10:15:30+0100", datetime(2026, 3, 4, 10, 15, 30, tzinfo=PLUS_ONE)),
        ("2026-03-04T10:15:30+01", datetime(2026, 3, 4, 10, 15, 30, tzinfo=PLUS_ONE)),
        (
            "2026-03-04T10:15:30-05:30",
            datetime(2026, 3, 4, 10, 15, 30, tzinfo=timezone(-timedelta(hours=5, minutes=30))),
        ),
        ("2026-03-04T10:15:30.25", datetime(2026, 3, 4, 10, 15, 30, 250_000)),
        ("2026-03-04T10:15:30,5", datetime(2026, 3, 4, 10, 15, 30, 500_000)),
        ("2026-03-04T10:15:30.12345675", datetime(2026, 3, 4, 10, 15, 30, 123_457)),
        ("2026-03-04T23:59:59.9999999", datetime(2026, 3, 5, 0, 0, 0)),
    ],
)
def test_timecodes_parse_datetime(text: str, expected: datetime) -> None:
    parsed = parse_datetime(text)
    assert parsed == expected
    assert (parsed.tzinfo is None) == (expected.tzinfo is None)
    assert is_datetime(text)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("2026-13-04T10:15:30", "not a valid date and time"),
        ("2026-02-30T10:15:30", "not a valid date and time"),
        ("2026-03-04T25:00:00", "not a valid date and time"),
        ("2026-03-04T10:15:30+24:00", "UTC offset"),
        ("2026-03-04", "not an ISO 8601 date and time"),
        ("10:15:30", "not an ISO 8601 date and time"),
    ],
)
def test_timecodes_parse_datetime_rejects(text: str, reason: str) -> None:
    with pytest.raises(ValueError) as info:
        parse_datetime(text)
    assert reason in str(info.value)


@pytest.mark.parametrize(
    ("start", "when", "ms"),
    [
        (datetime(2026, 3, 4, 10), datetime(2026, 3, 4, 10, 0, 1, 500), 1_001),
        (datetime(2026, 3, 4, 10), datetime(2026, 3, 4, 9, 59), -60_000),
        (
            datetime(2026, 3, 4, 10, tzinfo=PLUS_ONE),
            datetime(2026, 3, 4, 9, 5, tzinfo=timezone.utc),
            300_000,
        ),
        # naive side read in the aware side's zone
        (datetime(2026, 3, 4, 10, tzinfo=PLUS_ONE), datetime(2026, 3, 4, 10, 5), 300_000),
        (datetime(2026, 3, 4, 10), datetime(2026, 3, 4, 10, 5, tzinfo=PLUS_ONE), 300_000),
    ],
)
def test_timecodes_ms_between(start: datetime, when: datetime, ms: int) -> None:
    assert ms_between(start, when) == ms
