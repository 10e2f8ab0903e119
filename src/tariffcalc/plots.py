"""
Charts (the ``plot`` extra): a timeline as a step chart of the rate,
stacked by authority or by measure, and a scenario's deltas as bars.

matplotlib is imported when a chart is drawn, never when :mod:`tariffcalc`
is imported. Each function draws on the axes given (or new ones) and
returns them.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from tariffcalc.authority import AUTHORITIES, authority
from tariffcalc.frames import line_rates

if TYPE_CHECKING:
    from tariffcalc.timeline import Timeline

__all__ = ["plot_deltas", "plot_timeline", "timeline_layers"]


def _axes(ax: Any) -> Any:
    if ax is not None:
        return ax
    try:
        import matplotlib.pyplot as plt
    except ImportError:  # pragma: no cover  # depends on the environment
        raise ImportError("tariffcalc's charts need matplotlib: pip install 'tariffcalc[plot]'") from None
    _figure, new = plt.subplots(figsize=(9, 4))
    return new


def timeline_layers(timeline: Timeline, by: str = "authority") -> dict[str, list[float]]:
    """
    The rate of each layer (an authority or a measure id) on each segment, in
    percent: what the stacked chart draws. A share that needs a missing fact
    counts as nothing (the chart marks such segments).
    """
    if by not in ("authority", "measure"):
        raise ValueError(f"by must be 'authority' or 'measure', got {by!r}")
    per_segment: list[dict[str, Decimal]] = []
    for segment in timeline.segments:
        r = segment.resolution
        shares: dict[str, Decimal] = {}
        for line, share in zip(r.lines, line_rates(r), strict=True):
            key = authority(line.measure) if by == "authority" else line.measure.id
            shares[key] = shares.get(key, Decimal(0)) + (share or Decimal(0))
        per_segment.append(shares)
    keys = {k for shares in per_segment for k, v in shares.items() if v}
    order = [a for a in AUTHORITIES if a in keys] if by == "authority" else sorted(keys)
    return {k: [float(shares.get(k, 0)) for shares in per_segment] for k in order}


def plot_timeline(timeline: Timeline, *, by: str = "authority", ax: Any = None, title: str | None = None) -> Any:
    """The rate over time as a step chart, stacked by ``authority`` or ``measure``."""
    ax = _axes(ax)
    layers = timeline_layers(timeline, by)
    starts = [s.period.start for s in timeline.segments]
    end = timeline.segments[-1].period.end
    assert end is not None  # a timeline's period has an end
    xs = [*starts, end - timedelta(days=0)]
    lower = [0.0] * len(starts)
    for name, values in layers.items():
        upper = [a + b for a, b in zip(lower, values, strict=True)]
        ax.fill_between(xs, [*lower, lower[-1]], [*upper, upper[-1]], step="post", label=name, alpha=0.8)
        lower = upper
    unknown = [s.period.start for s in timeline.segments if s.resolution.rate is None]
    for day in unknown:
        ax.axvline(day, color="grey", linestyle=":", linewidth=1)
    entry = timeline.segments[0].resolution.entry
    ax.set_title(title or f"{entry.product} from {entry.origin}")
    ax.set_ylabel("duty, % of value")
    if layers:
        ax.legend(loc="upper left", fontsize="small")
    return ax


def plot_deltas(
    frame: Any, *, by: str | None = None, column: str = "delta", ax: Any = None, title: str | None = None
) -> Any:
    """
    Bars of a scenario's deltas: the *column* of a :func:`tariffcalc.scenarios.compare`
    frame, summed by the column *by* (e.g. ``"origin"``) when given.
    """
    ax = _axes(ax)
    data = frame.groupby(by, observed=True)[column].sum() if by else frame[column]
    labels = [str(x) for x in data.index]
    values = [float(v) if v == v else 0.0 for v in data.tolist()]  # NA as nothing drawn
    colors = ["tab:red" if v > 0 else "tab:green" for v in values]
    ax.bar(labels, values, color=colors)
    ax.axhline(0, color="black", linewidth=0.8)
    ax.set_ylabel(column)
    ax.set_title(title or f"{column} by {by}" if by else title or column)
    return ax
