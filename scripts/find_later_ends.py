"""
List the measures, stacking rules and suspensions of the packaged data
whose end was set by a later act (decision 7,
``docs/decisions/0007-knowledge-dates-of-ends.md``) and that carry no
amendment saying so.

One is a *candidate* when it has an end and, on that end, a measure starts
or an instrument applies whose act became known after its own instrument:
that act (the successor's instrument, or the instrument) is taken to have
set the end, which was then unknown before it.
The test ``tests/datasets/test_us_later_ends.py`` fails on a candidate that
carries no amendment unless it is allow-listed there with the reason the
end was known from the start.

    python scripts/find_later_ends.py          # the candidates with no amendment
    python scripts/find_later_ends.py --all    # every candidate, with its amendments
"""

from __future__ import annotations

import argparse
from collections import defaultdict
from collections.abc import Iterable
from datetime import date

import attrs

from tariffcalc.citations import Citation
from tariffcalc.datasets import us2025_data
from tariffcalc.io.datafiles._dataset import DataSet


@attrs.frozen
class Candidate:
    """A measure, rule or suspension whose end (``end``) a later act may have set: the acts that apply from that day."""

    kind: str  # "measure", "rule" or "suspension"
    id: str
    end: date
    #: Its own instrument and the day it became known.
    instrument: str
    known_on: date
    #: The acts known later that start something on ``end``, by id, with the day each became known.
    acts: tuple[tuple[str, date], ...]
    amended: bool

    def __str__(self) -> str:
        acts = ", ".join(f"{a} (known {k})" for a, k in self.acts)
        mark = "amended" if self.amended else "NO AMENDMENT"
        return f"{self.kind} {self.id}: ends {self.end}; {self.instrument} known {self.known_on}; set by {acts}? {mark}"


def candidates(data: DataSet) -> list[Candidate]:
    """
    The measures, rules and suspensions of *data* with an end on which an
    act known after their own instrument starts something.
    """
    starts: dict[date, set[tuple[str, date]]] = defaultdict(set)
    for m in data.measures:
        starts[m.validity.start].add((m.citation.instrument.id, m.citation.instrument.known_on))
    for i in data.instruments:
        if i.applies_from is not None:
            starts[i.applies_from].add((i.id, i.known_on))
    ended: list[tuple[str, str, date | None, Citation, bool]] = [
        *(("measure", m.id, m.validity.end, m.citation, bool(m.amendments)) for m in data.measures),
        *(("rule", r.id, r.validity.end, r.citation, bool(r.amendments)) for r in data.rules),
        *(("suspension", s.id, s.period.end, s.citation, bool(s.amendments)) for s in data.suspensions),
    ]
    found = []
    for kind, id_, end, citation, amended in ended:
        if end is None:
            continue
        own = citation.instrument
        later = sorted((a for a in starts[end] if a[1] > own.known_on), key=lambda a: (a[1], a[0]))
        if later:
            found.append(Candidate(kind, id_, end, own.id, own.known_on, tuple(later), amended))
    return found


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--all", action="store_true", help="list every candidate, amended or not")
    args = parser.parse_args(None if argv is None else list(argv))
    found = candidates(us2025_data())
    shown = [c for c in found if args.all or not c.amended]
    for c in shown:
        print(c)
    print(f"{len(found)} candidates, {sum(c.amended for c in found)} amended, {len(shown)} shown")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
