"""Windows from markers: reach back further than forward, widen, merge, cap, report."""

from __future__ import annotations

from highlights.config import WindowSettings
from highlights.models import Marker, Statement
from highlights.windows import suggested_windows, windows_from_markers


def st(
    index: int, start: int, end: int, labels: tuple[str, ...] = (), speaker: str = "A"
) -> Statement:
    return Statement(
        index=index,
        utterance_index=index,
        speaker=speaker,
        start_ms=start,
        end_ms=end,
        text=f"s{index}",
        labels=labels,
    )


SETTINGS = WindowSettings(before_ms=20_000, after_ms=5_000, cap_ms=90_000, merge_gap_ms=1000)


def test_windows_point_marker_reaches_back_more_than_forward() -> None:
    plan = windows_from_markers([Marker(60_000)], [], duration_ms=600_000, settings=SETTINGS)
    (w,) = plan.windows
    assert (w.start_ms, w.end_ms, w.anchor_ms, w.kind) == (40_000, 65_000, 60_000, "point")


def test_windows_widen_to_whole_statements() -> None:
    statements = [st(0, 35_000, 42_000), st(1, 42_500, 50_000), st(2, 63_000, 70_000)]
    plan = windows_from_markers(
        [Marker(60_000)], statements, duration_ms=600_000, settings=SETTINGS
    )
    (w,) = plan.windows
    assert (w.start_ms, w.end_ms) == (35_000, 70_000)


def test_windows_widen_to_turns_when_asked() -> None:
    statements = [
        st(0, 30_000, 38_000, speaker="B"),
        st(1, 38_500, 45_000, speaker="B"),
        st(2, 46_000, 66_000, speaker="A"),
    ]
    settings = WindowSettings(before_ms=20_000, after_ms=5_000, widen="turn")
    (w,) = windows_from_markers(
        [Marker(60_000)], statements, duration_ms=600_000, settings=settings
    ).windows
    assert w.start_ms == 30_000


def test_windows_double_press_merges() -> None:
    plan = windows_from_markers(
        [Marker(60_000, label="a"), Marker(63_000, label="b")],
        [],
        duration_ms=600_000,
        settings=SETTINGS,
    )
    (w,) = plan.windows
    assert (w.start_ms, w.end_ms) == (40_000, 68_000)
    assert w.marker_indexes == (0, 1)
    assert w.labels == ("a", "b")


def test_windows_separate_presses_split_at_statement_after_earlier_press() -> None:
    statements = [
        st(0, 40_000, 52_000),
        st(1, 52_500, 58_000),
        st(2, 58_500, 62_000),
        st(3, 62_500, 67_000),
        st(4, 67_500, 74_000),
    ]
    plan = windows_from_markers(
        [Marker(59_000), Marker(75_000)], statements, duration_ms=600_000, settings=SETTINGS
    )
    first, second = plan.windows
    assert first.end_ms == second.start_ms == 62_000
    assert first.start_ms == 40_000 and second.end_ms == 74_000


def test_windows_merge_never_passes_the_cap() -> None:
    markers = [Marker(t) for t in (60_000, 80_000, 100_000, 120_000, 140_000)]
    plan = windows_from_markers(markers, [], duration_ms=600_000, settings=SETTINGS)
    assert len(plan.windows) > 1
    assert all(w.end_ms - w.start_ms <= SETTINGS.cap_ms for w in plan.windows)
    assert sorted(i for w in plan.windows for i in w.marker_indexes) == [0, 1, 2, 3, 4]


def test_windows_long_statement_is_capped_around_marker() -> None:
    statements = [st(0, 0, 300_000)]
    (w,) = windows_from_markers(
        [Marker(150_000)], statements, duration_ms=600_000, settings=SETTINGS
    ).windows
    assert w.end_ms - w.start_ms <= SETTINGS.cap_ms
    assert w.start_ms < 150_000 < w.end_ms


def test_windows_region_marker_keeps_its_region() -> None:
    statements = [st(0, 9_000, 30_000)]
    (w,) = windows_from_markers(
        [Marker(10_000, 20_000)], statements, duration_ms=600_000, settings=SETTINGS
    ).windows
    assert (w.start_ms, w.end_ms, w.kind) == (10_000, 20_000, "region")


def test_windows_adjacent_regions_merge() -> None:
    markers = [Marker(6_760, 10_670), Marker(10_670, 18_220), Marker(40_000, 45_000)]
    plan = windows_from_markers(markers, [], duration_ms=600_000, settings=SETTINGS)
    assert [(w.start_ms, w.end_ms) for w in plan.windows] == [(6_760, 18_220), (40_000, 45_000)]


def test_windows_marker_past_end_is_reported_and_skipped() -> None:
    plan = windows_from_markers(
        [Marker(30_000, line=1), Marker(700_000, line=2)],
        [],
        duration_ms=600_000,
        settings=SETTINGS,
        source="m.txt",
    )
    assert len(plan.windows) == 1
    (warning,) = plan.warnings
    assert "m.txt:2" in warning and "0:11:40.000" in warning and "past the end" in warning


def test_windows_clamped_to_recording() -> None:
    (w,) = windows_from_markers([Marker(3_000)], [], duration_ms=5_000, settings=SETTINGS).windows
    assert (w.start_ms, w.end_ms) == (0, 5_000)


def test_windows_suggested_from_strongest_statements() -> None:
    statements = [
        st(0, 0, 5_000),
        st(1, 6_000, 9_000, ("PRIORITY", "RELEVANCE")),
        st(2, 20_000, 25_000, ("ACTION",)),
        st(3, 60_000, 65_000, ("DECISION",)),
    ]
    settings = WindowSettings(max_suggested=1)
    (w,) = suggested_windows(statements, duration_ms=100_000, settings=settings).windows
    assert w.kind == "suggested"
    assert (w.start_ms, w.end_ms, w.anchor_ms) == (0, 9_000, 6_000)


def test_windows_no_suggestions_without_core_labels() -> None:
    statements = [st(0, 0, 5_000, ("ACTION",)), st(1, 6_000, 9_000, ("METRIC",))]
    plan = suggested_windows(statements, duration_ms=100_000, settings=SETTINGS)
    assert plan.windows == ()
