"""
The catalogue of a data set: every measure, suspension, rule and instrument
with its dates and citation, as a Markdown page for the documentation.

``docs/reference/us-data.md`` is this page for the packaged data, written by
``scripts/make_dataset_docs.py``; a test checks that the page matches the
data, so the documentation cannot drift from what the package ships.

>>> from tariffcalc.io.datafiles import parse_dataset
>>> page = catalogue(parse_dataset('[schedule]\\nname = "tiny"\\nhorizon = "2025-01-01/2026-01-01"\\n'))
>>> print(page.splitlines()[0])
# The packaged data: tiny
>>> "2025-01-01 to 2025-12-31" in page
True
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import timedelta

from tariffcalc.io.datafiles import DataSet
from tariffcalc.measures import Measure
from tariffcalc.periods import Period

__all__ = ["catalogue"]

_MAX_PREFIXES = 4


def _cell(text: object) -> str:
    """Text safe inside a Markdown table cell."""
    return str(text).replace("|", "\\|").replace("\n", " ")


def _last_day(period: Period) -> str:
    return "open" if period.end is None else str(period.end - timedelta(days=1))


def _products(measure: Measure) -> str:
    scope = measure.products
    if scope.everything:
        text = "all"
    else:
        codes = sorted(str(code) for code in scope.include)
        text = ", ".join(codes[:_MAX_PREFIXES])
        if len(codes) > _MAX_PREFIXES:
            text += f", … ({len(codes)} codes)"
    if scope.exclude:
        text += f" less {len(scope.exclude)} codes"
    return text


def _family(measure: Measure) -> str:
    """The family a measure is listed under: the first two parts of its id after the jurisdiction."""
    parts = measure.id.split(".")
    return ".".join(parts[:3]) if len(parts) > 2 else measure.id


def _table(header: Iterable[str], rows: Iterable[Iterable[object]]) -> list[str]:
    head = list(header)
    out = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    out += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return out


def catalogue(data: DataSet, *, gaps: str = "") -> str:
    """
    The Markdown page listing everything in *data*, then *gaps*: the
    hand-written account of what the data does not cover and why.
    """
    out = [f"# The packaged data: {data.name}", ""]
    out += [
        "This page is generated from the data files by `scripts/make_dataset_docs.py`;",
        "a test fails when it no longer matches them. Do not edit it by hand.",
        "",
    ]
    if data.description:
        out += [data.description + ".", ""]
    if data.horizon is not None:
        out += [
            f"**Horizon**: the sources confirm the law from {data.horizon.start} to "
            f"{data.horizon.start if data.horizon.end is None else _last_day(data.horizon)}. "
            "An answer for a day outside that period is still computed, but carries a warning.",
            "",
        ]
    out += [
        f"{len(data.measures)} measures, {len(data.suspensions)} suspensions, {len(data.rules)} stacking rules "
        f"and {len(data.instruments)} instruments. Confidence: C2 two sources or a primary text, C1 one source, "
        "U uncertain (see `docs/sources/`). The base (column 1 and 2) duties of every HTS line come on top, from "
        "the HTS revisions (see the HTS import).",
        "",
        "## Measures",
        "",
    ]
    families: dict[str, list[Measure]] = defaultdict(list)
    for m in data.measures:
        families[_family(m)].append(m)
    for family in sorted(families):
        out += [f"### {family}", ""]
        rows = [
            (
                f"`{m.id}`",
                m.citation.heading or "",
                m.rate,
                m.origins,
                _products(m),
                m.validity.start,
                _last_day(m.validity),
                m.citation.instrument.id,
                m.citation.confidence or "",
            )
            for m in sorted(families[family], key=lambda m: (m.validity.start, m.id))
        ]
        out += _table(
            ("measure", "heading", "rate", "origins", "products", "from", "last day", "instrument", "conf."), rows
        )
        out.append("")
    out += ["## Suspensions", ""]
    out += _table(
        ("suspension", "measures", "from", "last day", "replacement", "instrument"),
        (
            (
                f"`{s.id}`",
                ", ".join(sorted(s.measures)),
                s.period.start,
                _last_day(s.period),
                s.replacement or "none",
                s.citation.instrument.id,
            )
            for s in sorted(data.suspensions, key=lambda s: (s.period.start, s.id))
        ),
    )
    out += ["", "## Stacking rules", ""]
    out += _table(
        ("rule", "where applied", "does not apply", "on", "from", "last day", "instrument"),
        (
            (
                f"`{r.id}`",
                r.when,
                r.drops,
                r.displaces,
                r.validity.start,
                _last_day(r.validity),
                r.citation.instrument.id,
            )
            for r in sorted(data.rules, key=lambda r: (r.validity.start, r.id))
        ),
    )
    if data.legal is not None:
        out += ["", "## Legal status", ""]
        out += _table(
            ("authority", "law", "measure tags"),
            ((a.id, a.law, ", ".join(sorted(a.tags))) for a in data.legal.authorities),
        )
        out += [""]
        out += _table(
            ("law", "on", "event", "title", "named plaintiffs only", "final", "instrument"),
            (
                (
                    e.law,
                    e.on,
                    e.kind.value,
                    e.title,
                    "yes" if e.plaintiffs_only else "",
                    "yes" if e.final else "",
                    e.citation.instrument.id,
                )
                for e in data.legal.events
            ),
        )
    out += ["", "## Instruments", ""]
    out += _table(
        ("instrument", "title", "known on", "applies from", "published"),
        (
            (i.id, i.title, i.known_on, i.applies_from or i.known_on, i.published or "")
            for i in sorted(data.instruments, key=lambda i: (i.known_on, i.id))
        ),
    )
    if gaps:
        out += ["", gaps.strip()]
    return "\n".join(out) + "\n"
