"""Charts: a timeline stacked by authority or measure, and a scenario's deltas (Agg backend)."""

from __future__ import annotations

from datetime import date

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from tariffcalc import Schedule
from tariffcalc.datasets import load_schedule
from tariffcalc.periods import Period
from tariffcalc.plots import plot_deltas, timeline_layers


def us() -> Schedule:
    """The packaged us-2025-26 schedule, built on first use (once per process), not when the tests are collected."""
    return load_schedule("us-2025-26")


def test_a_timeline_stacked_by_authority() -> None:
    # facts §6: Chinese furniture on 20 May 2025: Free + Section 301 25% + IEEPA 20% fentanyl + 10% reciprocal.
    t = us().timeline("9403.60.80.93", "CN", Period(date(2025, 5, 20), date(2025, 5, 21)))
    assert {"Section 301": [25.0], "IEEPA": [30.0]} == timeline_layers(t)
    ax = t.plot()
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
    assert ax is t.plot(by="measure", ax=ax, title="furniture")
    assert "furniture" == ax.get_title()
    plt.close(fig)
    with pytest.raises(ValueError, match="by must be"):
        timeline_layers(t, by="heading")


def test_deltas_by_origin() -> None:
    frame = pd.DataFrame({"origin": ["JP", "JP", "CN"], "delta": [50.0, 25.0, 0.0]})
    ax = plot_deltas(frame, by="origin")
    assert [0.0, 75.0] == [bar.get_height() for bar in ax.patches]  # CN, JP: sorted by origin
    plt.close("all")
