"""The review chart's geometry: levels to heights, dates to positions, marks for plans."""

from __future__ import annotations

from highlights.goals.chart import BOTTOM, HEIGHT, LEFT, RIGHT, TOP, WIDTH, review_chart, signed
from highlights.goals.model import Review

PLOT_W = WIDTH - LEFT - RIGHT
PLOT_H = HEIGHT - TOP - BOTTOM


def test_chart_levels_map_top_to_bottom_in_equal_steps() -> None:
    chart = review_chart([Review("g", "2026-01-01", lv) for lv in (0,)])
    ys = {lv.level: lv.y for lv in chart.levels}
    assert ys == {2: TOP, 1: TOP + PLOT_H / 4, 0: TOP + PLOT_H / 2, -1: TOP + 3 * PLOT_H / 4,
                  -2: TOP + PLOT_H}
    assert [lv.label for lv in chart.levels] == ["+2", "+1", "0", "−1", "−2"]


def test_chart_dates_are_placed_in_proportion_over_the_whole_span() -> None:
    reviews = [Review("g", "2026-03-31", 0), Review("g", "2026-03-01", -2),
               Review("g", "2026-03-11", 1)]  # any order in, date order out
    chart = review_chart(reviews, planned=["2026-03-01", "2026-04-30"], deadline="2026-05-30")
    span = 90  # 2026-03-01 .. 2026-05-30
    assert [(p.date, p.level) for p in chart.points] == [
        ("2026-03-01", -2), ("2026-03-11", 1), ("2026-03-31", 0)]
    assert [p.x for p in chart.points] == [
        LEFT, round(LEFT + 10 / span * PLOT_W, 2), round(LEFT + 30 / span * PLOT_W, 2)]
    assert [p.y for p in chart.points] == [TOP + PLOT_H, TOP + PLOT_H / 4, TOP + PLOT_H / 2]
    assert [(m.date, m.kind, m.x) for m in chart.marks] == [
        ("2026-03-01", "planned", LEFT),
        ("2026-04-30", "planned", round(LEFT + 60 / span * PLOT_W, 2)),
        ("2026-05-30", "deadline", LEFT + PLOT_W),
    ]
    assert chart.polyline.split() == [f"{p.x:g},{p.y:g}" for p in chart.points]
    assert chart.marks[1].tick == "Apr 30"


def test_chart_single_date_sits_in_the_middle_and_deadline_on_a_planned_date() -> None:
    chart = review_chart([Review("g", "2026-04-30", 2)], planned=["2026-04-30"],
                         deadline="2026-04-30")
    assert chart.points[0].x == LEFT + PLOT_W / 2 and chart.points[0].y == TOP
    assert [(m.kind, m.label) for m in chart.marks] == [
        ("deadline", "planned review and deadline 2026-04-30")]


def test_chart_ticks_carry_the_year_when_dates_span_years() -> None:
    chart = review_chart([], planned=["2025-12-01", "2026-02-01"])
    assert [m.tick for m in chart.marks] == ["Dec 1 2025", "Feb 1 2026"]
    assert chart.points == ()


def test_chart_signed_levels_use_a_real_minus() -> None:
    assert [signed(x) for x in (-2, -1, 0, 1, 2)] == ["−2", "−1", "0", "+1", "+2"]
