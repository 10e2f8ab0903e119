"""
Charts (the ``plot`` extra): a timeline as a step chart of the rate,
stacked by authority or by measure, and a scenario's deltas as bars.

matplotlib is imported when a chart is drawn, never when :mod:`tariffcalc`
is imported. Each function draws on the axes given (or new ones) and
returns them.
"""

from __future__ import annotations

import importlib
import zlib
from datetime import timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from tariffcalc.authority import AUTHORITIES, authority
from tariffcalc.frames import line_rates

if TYPE_CHECKING:
    from tariffcalc.timeline import Timeline

__all__ = ["MIN_WIDTH", "authority_colour", "plot_deltas", "plot_timeline", "timeline_layers"]


def _axes(ax: Any) -> Any:
    if ax is not None:
        return ax
    try:
        import matplotlib.pyplot as plt
    except ImportError:  # pragma: no cover  # depends on the environment
        raise ImportError("tariffcalc's charts need matplotlib: pip install 'tariffcalc[plot]'") from None
    _figure, new = plt.subplots(figsize=(9, 4))
    return new


#: Colours in the order of :data:`~tariffcalc.authority.AUTHORITIES` (matplotlib's ``tab10``).
_PALETTE = (
    "tab:blue",
    "tab:purple",
    "tab:orange",
    "tab:red",
    "tab:green",
    "tab:cyan",
    "tab:gray",
    "tab:brown",
    "tab:pink",
    "tab:olive",
)

#: Hatches telling apart the measures of one authority when stacked by measure.
_HATCHES = ("", "//", "..", "xx", "\\\\", "++", "oo")

#: A segment narrower than this share of the chart is drawn at this width, so a one-day rate shows.
MIN_WIDTH = 0.008


def authority_colour(name: str) -> str:
    """
    The colour of authority *name*, the same in every chart: by its place
    among the authorities, else one chosen from its name.

    >>> authority_colour("Section 232") == authority_colour("Section 232") != authority_colour("IEEPA")
    True
    """
    if name in AUTHORITIES:
        return _PALETTE[AUTHORITIES.index(name) % len(_PALETTE)]
    return _PALETTE[zlib.crc32(name.encode()) % len(_PALETTE)]


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


def _styles(timeline: Timeline, layers: list[str], by: str) -> dict[str, tuple[str, str, str]]:
    """Each layer's label, colour and hatch: a measure shows its title in its authority's colour."""
    if by == "authority":
        return {name: (name, authority_colour(name), "") for name in layers}
    measures = {line.measure.id: line.measure for s in timeline.segments for line in s.resolution.lines}
    seen: dict[str, int] = {}
    out = {}
    for key in layers:
        m = measures[key]
        name = authority(m)
        n = seen[name] = seen.get(name, -1) + 1
        title = m.title if len(m.title) <= 48 else m.title[:47] + "…"
        out[key] = (title, authority_colour(name), _HATCHES[n % len(_HATCHES)])
    return out


def _date_axis(ax: Any) -> None:
    mdates: Any = importlib.import_module("matplotlib.dates")  # partly untyped

    locator = mdates.AutoDateLocator(minticks=3, maxticks=6)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    ax.set_xlabel("entry date")


def plot_timeline(timeline: Timeline, *, by: str = "authority", ax: Any = None, title: str | None = None) -> Any:
    """
    The rate over time as a step chart, stacked by ``authority`` (one colour
    each, the same in every chart) or ``measure`` (titles in the legend,
    in their authority's colour). A segment too short to see at the chart's
    scale (one day in a year) is drawn as a bar of a visible width; a dotted
    line marks a segment whose rate needs a fact. The legend sits below the
    axes, off the data.
    """
    mdates: Any = importlib.import_module("matplotlib.dates")  # partly untyped

    ax = _axes(ax)
    layers = timeline_layers(timeline, by)
    styles = _styles(timeline, list(layers), by)
    starts = [s.period.start for s in timeline.segments]
    end = timeline.segments[-1].period.end
    assert end is not None  # a timeline's period has an end
    xs = [*starts, end - timedelta(days=0)]
    span = (end - starts[0]).days
    narrow = [
        i
        for i, s in enumerate(timeline.segments)
        if s.period.end is not None and (s.period.end - s.period.start).days < span * MIN_WIDTH
    ]
    lower = [0.0] * len(starts)
    for name, values in layers.items():
        label, colour, hatch = styles[name]
        upper = [a + b for a, b in zip(lower, values, strict=True)]
        ax.fill_between(
            xs,
            [*lower, lower[-1]],
            [*upper, upper[-1]],
            step="post",
            label=label,
            facecolor=colour,
            hatch=hatch or None,
            edgecolor="white" if hatch else colour,
            linewidth=0,
            alpha=0.85,
        )
        for i in narrow:
            if values[i]:
                ax.bar(
                    mdates.date2num(starts[i]),
                    values[i],
                    bottom=lower[i],
                    width=span * MIN_WIDTH,
                    align="edge",
                    color=colour,
                    hatch=hatch or None,
                    edgecolor="white" if hatch else colour,
                    linewidth=0,
                )
        lower = upper
    unknown = [s.period.start for s in timeline.segments if s.resolution.rate is None]
    for day in unknown:
        ax.axvline(day, color="grey", linestyle=":", linewidth=1)
    entry = timeline.segments[0].resolution.entry
    ax.set_title(title or f"{entry.product} from {entry.origin}")
    ax.set_ylabel("duty, % of customs value")
    ax.set_ylim(bottom=0)
    _date_axis(ax)
    if layers:
        ax.legend(
            loc="upper center",
            bbox_to_anchor=(0.5, -0.2),
            ncol=min(len(layers), 3 if by == "authority" else 1),
            fontsize="small",
            frameon=False,
            title=by,
            title_fontsize="small",
        )
    return ax


def plot_deltas(
    frame: Any,
    *,
    by: str | None = None,
    column: str = "delta",
    ax: Any = None,
    title: str | None = None,
    currency: str = "USD",
) -> Any:
    """
    Bars of a scenario's deltas: the *column* of a :func:`tariffcalc.scenarios.compare`
    frame, summed by the column *by* (e.g. ``"origin"``) when given; the y
    axis says the amount's *currency*.
    """
    ax = _axes(ax)
    data = frame.groupby(by, observed=True)[column].sum() if by else frame[column]
    labels = [str(x) for x in data.index]
    values = [float(v) if v == v else 0.0 for v in data.tolist()]  # NA as nothing drawn
    colors = ["tab:red" if v > 0 else "tab:green" for v in values]
    ax.bar(labels, values, color=colors)
    ax.axhline(0, color="black", linewidth=0.8)
    what = "change in duty" if column == "delta" else column
    ax.set_ylabel(f"{what}, {currency}")
    if by:
        ax.set_xlabel(by)
    ax.set_title(title or f"{what} by {by}" if by else title or what)
    return ax
