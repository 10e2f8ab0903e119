"""Charts: a timeline stacked by authority or measure, and a scenario's deltas (Agg backend)."""

from __future__ import annotations

from datetime import date

import matplotlib

matplotlib.use("Agg")

import itertools

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from tariffcalc import Schedule
from tariffcalc.datasets import load_schedule
from tariffcalc.periods import Period
from tariffcalc.plots import plot_deltas, plot_timeline, timeline_layers


def us() -> Schedule:
    """The packaged us-2025-26 schedule, built on first use (once per process), not when the tests are collected."""
    return load_schedule("us-2025-26")


def test_a_timeline_stacked_by_authority() -> None:
    # facts §6: Chinese furniture on 20 May 2025: Free + Section 301 25% + IEEPA 20% fentanyl + 10% reciprocal.
    t = us().timeline("9403.60.80.93", "CN", Period(date(2025, 5, 20), date(2025, 5, 21)))
    assert {"Section 301": [25.0], "IEEPA": [30.0]} == timeline_layers(t)
    ax = plot_timeline(t)
    assert ["Section 301", "IEEPA"] == [text.get_text() for text in ax.get_legend().get_texts()]
    assert 2 == len(ax.collections)  # one filled band per authority
    plt.close("all")


def test_a_timeline_stacked_by_measure() -> None:
    t = us().timeline("9403.60.80.93", "JP", Period(date(2025, 4, 1), date(2025, 6, 1)))
    layers = timeline_layers(t, by="measure")
    # facts §0: nothing, 10% from 5 April, Japan's 24% on 9 April only, 10% again.
    assert [0.0, 10.0, 0.0, 10.0] == layers["us.ieepa.reciprocal.baseline"]
    assert [0.0, 0.0, 24.0, 0.0] == layers["us.ieepa.reciprocal.jp.annex-i"]
    fig, ax = plt.subplots()
    assert ax is plot_timeline(t, by="measure", ax=ax, title="furniture")
    assert "furniture" == ax.get_title()
    plt.close(fig)
    with pytest.raises(ValueError, match="by must be"):
        timeline_layers(t, by="heading")


def test_deltas_by_origin() -> None:
    frame = pd.DataFrame({"origin": ["JP", "JP", "CN"], "delta": [50.0, 25.0, 0.0]})
    ax = plot_deltas(frame, by="origin")
    assert [0.0, 75.0] == [bar.get_height() for bar in ax.patches]  # CN, JP: sorted by origin
    plt.close("all")


# --- readable charts ---

ROTOR = "8708.30.50.30"  # MFN 2.5% (HTS 8708.30.50)
SPRING = Period(date(2025, 4, 1), date(2025, 10, 1))


def _fill_colour(ax: object, label: str) -> tuple[float, ...]:
    legend = ax.get_legend()  # type: ignore[attr-defined]
    handles = dict(zip([t.get_text() for t in legend.get_texts()], legend.legend_handles, strict=True))
    return tuple(handles[label].get_facecolor()[:3])


def test_an_authority_has_one_colour_in_every_chart() -> None:
    # Japan's rotor stacks MFN, Section 232 and IEEPA; Chinese furniture only Section 301 and IEEPA
    # (facts s.6): IEEPA is the same colour in both, and so in every panel of a grid.
    fig, (left, right) = plt.subplots(1, 2)
    plot_timeline(us().timeline(ROTOR, "JP", SPRING, value=10000), ax=left)
    plot_timeline(us().timeline("9403.60.80.93", "CN", SPRING, value=10000), ax=right)
    assert _fill_colour(left, "IEEPA") == _fill_colour(right, "IEEPA")
    assert _fill_colour(left, "IEEPA") != _fill_colour(left, "Section 232")
    plt.close(fig)


def test_stacked_by_measure_the_legend_shows_titles_below_the_data() -> None:
    t = us().timeline(ROTOR, "JP", SPRING, value=10000)
    fig, ax = plt.subplots(figsize=(9, 4))
    plot_timeline(t, by="measure", ax=ax)
    legend = ax.get_legend()
    assert legend is not None
    texts = [x.get_text() for x in legend.get_texts()]
    titles = {line.measure.title[:47] for s in t.segments for line in s.resolution.lines}
    assert texts
    assert all(any(text.rstrip("…") in title or title in text for title in titles) for text in texts)
    assert not any(text.startswith("us.") for text in texts)  # titles, not ids
    fig.canvas.draw()
    legend_box = legend.get_window_extent()
    assert legend_box.y1 <= ax.get_window_extent().y0  # below the axes: it covers no data
    plt.close(fig)


def test_a_one_day_rate_is_visible() -> None:
    # Japan's 24% applied on 9 April 2025 only (facts s.2.1): a day in six months, drawn as a bar of
    # at least MIN_WIDTH of the chart, on top of the 2.5% MFN.
    import matplotlib.dates as mdates

    from tariffcalc.plots import MIN_WIDTH

    ax = plot_timeline(us().timeline(ROTOR, "JP", SPRING, value=10000))
    day = mdates.date2num(date(2025, 4, 9))  # type: ignore[no-untyped-call]
    bars = [p for p in ax.patches if abs(p.get_x() - day) < 1e-9]
    span = (SPRING.end - SPRING.start).days  # type: ignore[operator]
    assert [(0.0, 2.5), (2.5, 24.0)] == [(p.get_y(), p.get_height()) for p in bars]  # the MFN, then the 24%
    assert all(p.get_width() == pytest.approx(span * MIN_WIDTH) for p in bars)
    assert span * MIN_WIDTH > 1  # wider than the day it stands for
    plt.close("all")


def test_a_two_by_two_grid_has_readable_dates_and_units() -> None:
    fig, axes = plt.subplots(2, 2, figsize=(12, 8), sharey=True)
    for ax, origin in zip(axes.flat, ["JP", "DE", "GB", "KR"], strict=True):
        plot_timeline(
            us().timeline(ROTOR, origin, Period(date(2025, 4, 1), date(2025, 12, 1)), value=10000), ax=ax, title=origin
        )
    fig.tight_layout()
    fig.canvas.draw()
    for ax in axes.flat:
        boxes = [t.get_window_extent() for t in ax.get_xticklabels() if t.get_text()]
        assert len(boxes) >= 3
        assert all(a.x1 < b.x0 for a, b in itertools.pairwise(boxes))  # no two labels overlap
        assert ("entry date", "duty, % of customs value") == (ax.get_xlabel(), ax.get_ylabel())
    plt.close(fig)


def test_the_deltas_axis_says_its_currency() -> None:
    frame = pd.DataFrame({"origin": ["JP", "CN"], "delta": [50.0, 0.0]})
    ax = plot_deltas(frame, by="origin")
    assert ("change in duty, USD", "origin") == (ax.get_ylabel(), ax.get_xlabel())
    plt.close("all")
