"""
Short reprs and styled HTML for the values an analyst looks at in a
notebook: :class:`~tariffcalc.Schedule`, :class:`~tariffcalc.Resolution`,
:class:`~tariffcalc.timeline.Timeline`, :class:`~tariffcalc.scenario.ScheduleDiff`,
:class:`~tariffcalc.Measure`, the lines and reasons of a resolution,
:class:`~tariffcalc.panel.Panel` and :class:`~tariffcalc.us.refunds.RefundReport`.

A repr names the thing and its size, never its contents (a packaged
schedule holds tens of thousands of measures). The HTML shows what the
plain text shows: missing facts, zero amounts as zeros, line notes and
warnings.
"""

from __future__ import annotations

import html
from datetime import timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tariffcalc.measures import Measure
    from tariffcalc.panel import Panel
    from tariffcalc.resolution import DutyLine, NotApplied, Resolution
    from tariffcalc.scenario import ScheduleDiff
    from tariffcalc.schedule import Schedule
    from tariffcalc.timeline import Timeline
    from tariffcalc.us.refunds import RefundLine, RefundReport

# The helpers of Measure, Panel, RefundReport and the lines and reasons of a resolution are
# reached through those values' own repr, _repr_html_ and to_frame: not listed here.
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

#: The longest text repr, in characters.
MAX_REPR = 300
#: The most rows an HTML table shows.
MAX_ROWS = 50


def clip(text: str, limit: int = MAX_REPR) -> str:
    """
    *text* cut to *limit* characters, ending ``…>`` when cut (a repr keeps its closing bracket).

    >>> clip("<Thing " + "x" * 400 + ">", 20)
    '<Thing xxxxxxxxxxx…>'
    """
    if len(text) <= limit:
        return text
    closing = ">" if text.endswith(">") else ""
    return text[: limit - 1 - len(closing)] + "…" + closing


def _few(items: list[str], n: int = 3) -> str:
    shown = ", ".join(items[:n])
    return shown + (f", … {len(items) - n} more" if len(items) > n else "")


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
    return f'<div class="tariffcalc">{_STYLE}{body}</div>'


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
            _e(line.basis.words()),
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


def measure_repr(m: Measure) -> str:
    """
    ``<Measure ID (kind): rate on basis, products, origins, validity [citation]>``, product lists counted.

    >>> from tariffcalc.datasets import load_schedule
    >>> measure_repr(load_schedule("us-2025-26").measure("us.s232.autos"))  # doctest: +ELLIPSIS
    '<Measure us.s232.autos (additional): 25% on value, products 8703..., origins all, 2025-04-03/... [...]>'
    """
    p = m.products
    if p.everything:
        products = "all products"
    else:
        products = "products " + _few([str(c) for c in p.include])
        if len(p.include) > 3:
            products += f" ({len(p.include)} codes)"
    if p.exclude:
        products += f", less {len(p.exclude)} carve-out(s)"
    origins = str(m.origins)
    origins = origins if len(origins) <= 40 else origins[:39] + "…"
    extra = f", {len(m.conditions)} condition(s)" if m.conditions else ""
    citation = str(m.citation)
    citation = citation if len(citation) <= 80 else citation[:79] + "…"
    return clip(
        f"<Measure {m.id} ({m.kind}): {m.rate} on {m.basis}, {products}, origins {origins}, "
        f"{m.validity}{extra} [{citation}]>"
    )


def measure_html(m: Measure) -> str:
    """One row a field; product lists counted and shown in part."""
    p = m.products
    codes = [str(c) for c in p.include]
    shown = (
        "all"
        if p.everything
        else " ".join(codes[:MAX_ROWS]) + (f" … ({len(codes)} codes)" if len(codes) > MAX_ROWS else "")
    )
    rows = [
        ("id", m.id),
        ("title", m.title),
        ("kind", m.kind),
        ("rate", m.rate),
        ("basis", m.basis),
        ("products", shown),
        ("carve-outs", f"{len(p.exclude)}" if p.exclude else "none"),
        ("origins", m.origins),
        ("validity", m.validity),
        ("conditions", "; ".join(map(str, m.conditions)) or "none"),
        ("tags", ", ".join(sorted(m.tags)) or "none"),
        ("citation", m.citation),
    ]
    table = "".join(f"<tr><th>{_e(k)}</th><td>{_e(v)}</td></tr>" for k, v in rows)
    return _wrap(f"<table>{table}</table>")


def line_repr(line: DutyLine) -> str:
    """``<DutyLine ID heading: rate on basis = amount>``."""
    amount = f" = {line.amount}" if line.amount is not None else " (amount not known)"
    heading = f" {line.heading}" if line.heading else ""
    return clip(f"<DutyLine {line.measure.id}{heading}: {line.rate} on {line.basis}{amount}>")


def not_applied_row_repr(n: NotApplied) -> str:
    """``<NotApplied ID: reason>``."""
    return clip(f"<NotApplied {n.measure.id}: {n.reason}>")


def lines_repr(lines: tuple[DutyLine, ...]) -> str:
    """``<DutyLines n: heading rate, …>``."""
    if not lines:
        return "<DutyLines: none>"
    shown = _few([f"{line.heading or line.measure.id} {line.rate}" for line in lines])
    return clip(f"<DutyLines {len(lines)}: {shown}>")


def lines_html(lines: tuple[DutyLine, ...]) -> str:
    """One row a line (at most :data:`MAX_ROWS`)."""
    rows = "".join(
        "<tr><td><code>{}</code></td><td>{}</td><td>{}</td><td>{}</td><td class='num'>{}</td></tr>".format(
            _e(line.measure.id), _e(line.heading or ""), _e(line.rate), _e(line.basis.words()), _e(_money(line.amount))
        )
        for line in lines[:MAX_ROWS]
    )
    return _wrap(
        "<table><tr><th>measure</th><th>heading</th><th>rate</th><th>basis</th><th>amount</th></tr>"
        f"{rows}</table>{_more(len(lines))}"
    )


def not_applied_repr(items: tuple[NotApplied, ...]) -> str:
    """``<NotAppliedMeasures n (k by their dates): the reasons counted>``."""
    if not items:
        return "<NotAppliedMeasures: none>"
    counts: dict[str, int] = {}
    for n in items:
        counts[type(n.reason).__name__] = counts.get(type(n.reason).__name__, 0) + 1
    tally = _few([f"{k} {v}" for k, v in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))], 4)
    return clip(f"<NotAppliedMeasures {len(items)}: {tally}; first {items[0].measure.id}>")


def not_applied_html(items: tuple[NotApplied, ...]) -> str:
    """One row a measure and its reason (at most :data:`MAX_ROWS`)."""
    rows = "".join(
        f"<tr><td><code>{_e(n.measure.id)}</code></td><td>{_e(n.measure.citation.heading or '')}</td><td>{_e(n.reason)}</td></tr>"
        for n in items[:MAX_ROWS]
    )
    return _wrap(f"<table><tr><th>measure</th><th>heading</th><th>reason</th></tr>{rows}</table>{_more(len(items))}")


def _more(n: int) -> str:
    return f"<p class='note'>… {n - MAX_ROWS} more rows (see to_frame())</p>" if n > MAX_ROWS else ""


def panel_repr(p: Panel) -> str:
    """``<Panel 'schedule': p products x o origins, days, cells, resolutions>``."""
    first, last = p.days[0].period, p.days[-1].period
    one_day = first.start is not None and first.end == first.start + timedelta(days=1)
    days = (
        f"on {first.start}" if len(p.days) == 1 and one_day else f"{first.start}/{last.end}, {len(p.days)} stretch(es)"
    )
    origins = _few([o.code for o in p.origins], 4)
    return clip(
        f"<Panel {p.schedule!r}: {len(p.products)} products x {len(p.origins)} origins ({origins}), {days}; "
        f"{len(p.cells)} distinct cells from {p.resolutions} resolutions>"
    )


def panel_html(p: Panel) -> str:
    """What the panel covers and, on its first stretch of days, each origin's mean rate (at most :data:`MAX_ROWS`)."""
    first = p.days[0]
    summary = p.by_origin(on=first.period.start)
    rows = "".join(
        f"<tr><td>{_e(code)}</td><td class='num'>{_e(_rate(s.mean))}</td><td class='num'>{s.products}</td>"
        f"<td class='num'>{s.not_computable}</td></tr>"
        for code, s in list(summary.items())[:MAX_ROWS]
    )
    head = (
        f"<p><b>Panel</b> of schedule {_e(p.schedule)}: {len(p.products)} products × {len(p.origins)} origins, "
        f"{len(p.days)} stretch(es) of days from {_e(first.period.start)}; mean rates on {_e(first.period)}</p>"
    )
    return _wrap(
        head + "<table><tr><th>origin</th><th>mean rate (unweighted, computable cells)</th><th>products</th>"
        f"<th>not computable</th></tr>{rows}</table>{_more(len(summary))}"
    )


def refund_line_repr(line: RefundLine) -> str:
    """``<RefundLine row n, entry E line L: as filed a, final f, refundable r>``."""
    return clip(
        f"<RefundLine row {line.row}, entry {line.entry} line {line.line}: as filed {line.as_filed}, "
        f"final {line.final}, refundable {line.refundable}, {len(line.by_instrument)} deposit(s)>"
    )


def refund_report_repr(r: RefundReport) -> str:
    """``<RefundReport 'schedule': n lines of e entries, refundable total; errors, warnings>``."""
    extra = f", {len(r.errors)} bad row(s)" if r.errors else ""
    extra += f", {len(r.warnings)} warning(s)" if r.warnings else ""
    return clip(
        f"<RefundReport {r.schedule!r}: {len(r.lines)} lines of {len(r.by_entry())} entries, "
        f"refundable {r.total_refundable}{extra}>"
    )


def refund_report_html(r: RefundReport) -> str:
    """One row a line (at most :data:`MAX_ROWS`), the total, bad rows and warnings."""
    rows = "".join(
        f"<tr><td class='num'>{line.row}</td><td>{_e(line.entry)}</td><td>{_e(line.line)}</td>"
        f"<td class='num'>{_e(_money(line.as_filed))}</td><td class='num'>{_e(_money(line.final))}</td>"
        f"<td class='num'>{_e(_money(line.refundable))}</td><td>{_e('; '.join(line.flags))}</td></tr>"
        for line in r.lines[:MAX_ROWS]
    )
    warnings = "".join(f'<p class="warning"><b>Warning:</b> {_e(w)}</p>' for w in r.warnings)
    errors = _box("missing", "Rows not computed", [f"row {e.row}: {e.reason}" for e in r.errors])
    return _wrap(
        warnings
        + f"<p><b>Refund report</b>, schedule {_e(r.schedule)}: refundable <b>{_e(_money(r.total_refundable))}</b></p>"
        + "<table><tr><th>row</th><th>entry</th><th>line</th><th>as filed</th><th>final</th><th>refundable</th>"
        + f"<th>flags</th></tr>{rows}</table>{_more(len(r.lines))}"
        + errors
    )
