"""
Short reprs and styled HTML for the values an analyst looks at in a
notebook: :class:`~tariffcalc.Schedule`, :class:`~tariffcalc.Resolution`,
:class:`~tariffcalc.timeline.Timeline` and :class:`~tariffcalc.scenario.ScheduleDiff`.

A repr names the thing and its size, never its contents (a packaged
schedule holds tens of thousands of measures). The HTML shows what the
plain text shows: missing facts, zero amounts as zeros, line notes and
warnings.
"""

from __future__ import annotations

import html
from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tariffcalc.resolution import Resolution
    from tariffcalc.scenario import ScheduleDiff
    from tariffcalc.schedule import Schedule
    from tariffcalc.timeline import Timeline

__all__ = [
    "diff_html",
    "diff_repr",
    "resolution_html",
    "resolution_repr",
    "schedule_html",
    "schedule_repr",
    "timeline_html",
    "timeline_repr",
]

_STYLE = (
    "<style>"
    ".tariffcalc table{border-collapse:collapse;margin:.3em 0}"
    ".tariffcalc th,.tariffcalc td{border:1px solid #ccc;padding:2px 6px;text-align:left;vertical-align:top}"
    ".tariffcalc td.num{text-align:right;font-variant-numeric:tabular-nums}"
    ".tariffcalc .warning{background:#fff3cd;border-left:4px solid #e0a800;padding:2px 6px}"
    ".tariffcalc .missing{background:#f8d7da;border-left:4px solid #c82333;padding:2px 6px}"
    ".tariffcalc .note{color:#555;font-size:90%}"
    "</style>"
)

_MAX_DIFF_SHOWN = 3


def _e(value: object) -> str:
    return html.escape(str(value))


def _money(amount: Decimal | None) -> str:
    """An amount as text: a zero is ``0.00``, an unknown one an em dash (never a blank)."""
    return "—" if amount is None else format(amount, "f")


def _rate(rate: Decimal | None) -> str:
    return "not computable" if rate is None else f"{rate}%"


def _box(cls: str, title: str, items: tuple[str, ...] | list[str]) -> str:
    if not items:
        return ""
    return f'<div class="{cls}"><b>{_e(title)}</b><ul>' + "".join(f"<li>{_e(i)}</li>" for i in items) + "</ul></div>"


def _wrap(body: str) -> str:
    return f'{_STYLE}<div class="tariffcalc">{body}</div>'


def schedule_repr(s: Schedule) -> str:
    """
    ``<Schedule NAME: counts, horizon, fingerprint>``.

    >>> from tariffcalc import Schedule
    >>> schedule_repr(Schedule("empty"))
    "<Schedule 'empty': 0 measures, 0 rules, 0 suspensions, 0 groups, no horizon, fingerprint ...>"
    """
    horizon = f"horizon {s.horizon}" if s.horizon is not None else "no horizon"
    try:
        fingerprint = s.fingerprint[:12]
    except AttributeError:  # shown while it is being built (a refused schedule in a traceback)
        fingerprint = "(not built)"
    return (
        f"<Schedule {s.name!r}: {len(s.measures)} measures, {len(s.rules)} rules, "
        f"{len(s.suspensions)} suspensions, {len(s.groups)} groups, {horizon}, fingerprint {fingerprint}>"
    )


def schedule_html(s: Schedule) -> str:
    """A small table of what the schedule holds."""
    rows = [
        ("measures", len(s.measures)),
        ("stacking rules", len(s.rules)),
        ("suspensions", len(s.suspensions)),
        ("country groups", len(s.groups)),
        ("horizon", s.horizon if s.horizon is not None else "not stated"),
        ("fingerprint", s.fingerprint[:12]),
    ]
    table = "".join(f"<tr><th>{_e(k)}</th><td>{_e(v)}</td></tr>" for k, v in rows)
    return _wrap(f"<p><b>Schedule {_e(s.name)}</b></p><table>{table}</table>")


def resolution_repr(r: Resolution) -> str:
    """``<Resolution PRODUCT from CC on DAY: rate, amount (or what it waits for), counts>``."""
    e = r.entry
    amount = f"amount {r.amount}" if r.amount is not None else f"amount needs {', '.join(r.amount_missing)}"
    if len(amount) > 120:
        amount = amount[:117] + "..."
    known = f", as known on {r.known}" if r.known is not None else ""
    warn = f", {len(r.warnings)} warning(s)" if r.warnings else ""
    return (
        f"<Resolution {e.product} from {e.origin} on {e.on}: {_rate(r.rate)}, {amount}; "
        f"{len(r.lines)} lines, {len(r.not_applied)} not applied{warn}{known} [{r.schedule}]>"
    )


def resolution_html(r: Resolution) -> str:
    """The lines (zero amounts shown as zeros), notes, missing facts and warnings."""
    e = r.entry
    head = f"<b>{_e(e.product)}</b> from <b>{_e(e.origin)}</b> ({_e(e.origin.name)}), entered {e.on}"
    if e.value is not None:
        head += f", customs value {_e(e.value)}"
    if e.claims:
        head += f", claims {_e(', '.join(sorted(e.claims)))}"
    total = f"Total: <b>{_e(_rate(r.rate))}</b>"
    total += (
        f" = <b>{_e(r.amount)}</b>" if r.amount is not None else f" (amount needs: {_e(', '.join(r.amount_missing))})"
    )
    rows = "".join(
        "<tr><td><code>{}</code></td><td>{}</td><td>{}</td><td>{}</td><td class='num'>{}</td><td>{}<div class='note'>{}</div></td><td>{}</td></tr>".format(
            _e(line.measure.id),
            _e(line.heading or ""),
            _e(line.rate),
            _e(line.basis),
            _e(_money(line.amount)),
            _e(line.citation),
            _e(line.note),
            _e(line.status.summary if line.status is not None else ""),
        )
        for line in r.lines
    )
    table = (
        "<table><tr><th>measure</th><th>heading</th><th>rate</th><th>basis</th><th>amount</th><th>citation / note</th><th>legal status</th></tr>"
        f"{rows}</table>"
    )
    skipped = "".join(f"<li><code>{_e(n.measure.id)}</code>: {_e(n.reason)}</li>" for n in r.not_applied)
    details = f"<details><summary>{len(r.not_applied)} not applied</summary><ul>{skipped}</ul></details>"
    known = f"<p>Law as known on {r.known}</p>" if r.known is not None else ""
    warnings = "".join(f'<p class="warning"><b>Warning:</b> {_e(w)}</p>' for w in r.warnings)
    return _wrap(
        warnings
        + f"<p>{head} — schedule {_e(r.schedule)}</p>{known}"
        + _box("missing", "Missing facts", r.missing)
        + f"<p>{total}</p>{table}{details}"
    )


def timeline_repr(t: Timeline) -> str:
    """``<Timeline PRODUCT from CC, FIRST/LAST: n segments, rates a% -> b% ...>``."""
    first, last = t.segments[0], t.segments[-1]
    e = first.resolution.entry
    rates = [_rate(s.resolution.rate) for s in t.segments]
    shown = " → ".join(rates[:4]) + (" → …" if len(rates) > 4 else "")
    return (
        f"<Timeline {e.product} from {e.origin}, {first.period.start}/{last.period.end}: "
        f"{len(t.segments)} segments, {shown}>"
    )


def timeline_html(t: Timeline) -> str:
    """One row a segment: days, rate, amount, headings applied, missing facts, warnings."""
    e = t.segments[0].resolution.entry
    rows = "".join(
        "<tr><td>{}</td><td class='num'>{}</td><td class='num'>{}</td><td>{}</td><td>{}</td></tr>".format(
            _e(s.period),
            _e(_rate(s.resolution.rate)),
            _e(_money(s.resolution.amount)),
            _e(", ".join(line.heading or line.measure.id for line in s.resolution.lines)),
            _e("; ".join([*s.resolution.missing, *s.resolution.warnings])),
        )
        for s in t.segments
    )
    return _wrap(
        f"<p><b>{_e(e.product)}</b> from <b>{_e(e.origin)}</b>: {len(t.segments)} segments</p>"
        "<table><tr><th>days</th><th>rate</th><th>amount</th><th>headings</th><th>missing / warnings</th></tr>"
        f"{rows}</table>"
    )


def diff_repr(d: ScheduleDiff) -> str:
    """``<ScheduleDiff: n changes (a added, r removed, c changed): the first few>``."""
    if not d.changes:
        return "<ScheduleDiff: no changes>"
    counts = {k: sum(1 for c in d.changes if c.kind == k) for k in ("added", "removed", "changed")}
    tally = ", ".join(f"{n} {k}" for k, n in counts.items() if n)
    shown = "; ".join(f"{c.kind} {c.part} {c.id}" for c in d.changes[:_MAX_DIFF_SHOWN])
    more = f"; … {len(d.changes) - _MAX_DIFF_SHOWN} more" if len(d.changes) > _MAX_DIFF_SHOWN else ""
    return f"<ScheduleDiff: {len(d.changes)} changes ({tally}): {shown}{more}>"


def diff_html(d: ScheduleDiff) -> str:
    """One row a difference."""
    if not d.changes:
        return _wrap("<p>No changes.</p>")
    rows = "".join(
        f"<tr><td>{_e(c.kind)}</td><td>{_e(c.part)}</td><td><code>{_e(c.id)}</code></td><td>{_e('; '.join(c.details))}</td></tr>"
        for c in d.changes
    )
    return _wrap(f"<table><tr><th>change</th><th>part</th><th>id</th><th>details</th></tr>{rows}</table>")
