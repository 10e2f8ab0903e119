"""
The Chapter 99 ledger: every 9903 heading of every HTS revision the data has
read, and why the packaged schedule does not model the ones no measure cites.

A heading is *modelled* when a measure, condition, suspension or rule of the
packaged schedule cites it (``Citation.heading``); every other heading of a
revision is listed in the ledger file (``us/data/chapter99/ledger.toml``)
with a :class:`Reason` from a closed vocabulary, or it is *unaccounted*. The
index ``us/data/chapter99/headings.csv`` (written by
``scripts/make_ledger_index.py``) says which revisions print each heading.

>>> ledger = load_ledger()
>>> ledger.last_revision.id
'2026 Rev 20'
>>> ledger.entry("9903.52.01").reason
<Reason.QUOTA: 'quota'>
>>> compact(["9903.01.43", "9903.01.44", "9903.01.45", "9903.88.69"], ledger.order)
'9903.01.43–9903.01.45 (3), 9903.88.69'
"""

from __future__ import annotations

import enum
import functools
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from tariffcalc.errors import DataFileError

if TYPE_CHECKING:
    from tariffcalc.io.datafiles import DataSet

__all__ = [
    "GAPS_END",
    "GAPS_START",
    "GAP_REASONS",
    "INDEX",
    "LEDGER",
    "Accounting",
    "FootnoteException",
    "Ledger",
    "LedgerEntry",
    "LedgerRevision",
    "Reason",
    "cited_headings",
    "compact",
    "expand",
    "gaps_section",
    "last_revision",
    "load_ledger",
    "markdown",
    "read_ledger",
    "with_gaps",
]

_DIR = Path(str(files("tariffcalc").joinpath("us/data/chapter99")))
#: The packaged ledger file.
LEDGER = _DIR / "ledger.toml"
#: The packaged index of the headings of every revision read.
INDEX = _DIR / "headings.csv"


class Reason(enum.Enum):
    """Why the packaged schedule does not model a Chapter 99 heading (a closed vocabulary)."""

    QUOTA = "quota"
    EXCLUSION = "exclusion"
    EXPIRED = "expired"
    ONE_DAY = "one-day"
    AFTER_HORIZON = "after-horizon"
    IN_SCOPE = "in-scope"
    OUTSIDE_SOURCES = "outside-sources"
    NOT_MODELLED_YET = "not-modelled-yet"

    @property
    def text(self) -> str:
        """What the reason means, in a sentence fragment."""
        return _REASON_TEXT[self]

    def __str__(self) -> str:
        return self.value


_REASON_TEXT: dict[Reason, str] = {
    Reason.QUOTA: "its rate depends on a quota's fill or quota period, which is never computed",
    Reason.EXCLUSION: "an exclusion or relief granted on request (to an importer, a contract or a product), with its own dates",
    Reason.EXPIRED: "its measure ended before 1 January 2025, the first day of the data",
    Reason.ONE_DAY: "in force for one day only, not modelled",
    Reason.AFTER_HORIZON: "it takes effect after the last day the sources confirm",
    Reason.IN_SCOPE: "modelled inside the scope of the measures of other headings (an exception or a carve-out they apply)",
    Reason.OUTSIDE_SOURCES: "the fact sheets do not say whether or how it is collected in 2025-26",
    Reason.NOT_MODELLED_YET: "should be modelled, but is not yet",
}

#: A reason whose headings are gaps of the data (listed in GAPS.md).
GAP_REASONS: frozenset[Reason] = frozenset({Reason.NOT_MODELLED_YET, Reason.ONE_DAY})


@attrs.frozen
class LedgerRevision:
    """
    One HTS revision the ledger reads: its id, the day it took effect, the
    file in ``tests/data/hts/`` it is read from, and whether that file has
    every heading of the revision (a USITC JSON export) or only those the
    revision established or modified (a heading table).
    """

    id: str
    effective: date
    source: str
    complete: bool


@attrs.frozen
class LedgerEntry:
    """
    Headings (``9903.17.01`` or an inclusive range ``9903.17.01-9903.17.10``
    over the headings of the revisions read) not modelled, and why. ``missing``
    says what is missing for a heading that is :attr:`Reason.NOT_MODELLED_YET`;
    ``by`` names the headings whose measures model an :attr:`Reason.IN_SCOPE`
    heading.
    """

    headings: tuple[str, ...]
    reason: Reason
    note: str
    missing: str = ""
    by: tuple[str, ...] = ()


@attrs.frozen
class FootnoteException:
    """HTS lines whose footnote points to a modelled heading the schedule does not apply to them, and why."""

    heading: str
    lines: tuple[str, ...]
    reason: Reason
    note: str


@attrs.frozen
class Accounting:
    """
    The headings of one revision (or export): how many, those modelled, those
    listed in the ledger by reason, and those neither (unaccounted).
    """

    revision: str
    complete: bool
    headings: tuple[str, ...]
    modelled: tuple[str, ...]
    listed: Mapping[Reason, tuple[str, ...]]
    unaccounted: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        """The counts as plain JSON values (the unaccounted headings listed)."""
        return {
            "revision": self.revision,
            "complete": self.complete,
            "headings": len(self.headings),
            "modelled": len(self.modelled),
            "not_modelled": {str(r): len(hs) for r, hs in self.listed.items() if hs},
            "unaccounted": list(self.unaccounted),
        }


def _in(heading: str, spec: str) -> bool:
    low, sep, high = spec.partition("-")
    return low <= heading <= high if sep else heading == spec


def expand(specs: Iterable[str], known: Iterable[str]) -> set[str]:
    """
    The *known* headings that *specs* (headings or inclusive ranges) name.

    >>> sorted(expand(["9903.01.02-9903.01.03"], ["9903.01.01", "9903.01.02", "9903.01.03"]))
    ['9903.01.02', '9903.01.03']
    """
    known = tuple(known)
    found: set[str] = set()
    for spec in specs:
        if "-" in spec:
            found.update(h for h in known if _in(h, spec))
        else:
            found.add(spec)
    return found


@attrs.frozen
class Ledger:
    """The ledger of one packaged schedule: the revisions read, the index of their headings, the entries."""

    schedule: str
    revisions: tuple[LedgerRevision, ...]
    index: Mapping[str, frozenset[str]] = attrs.field(repr=False)
    entries: tuple[LedgerEntry, ...]
    footnotes: tuple[FootnoteException, ...] = ()

    @property
    def last_revision(self) -> LedgerRevision:
        """The latest revision the data has read."""
        return max(self.revisions, key=lambda r: r.effective)

    @functools.cached_property
    def order(self) -> tuple[str, ...]:
        """Every heading of every revision read, sorted."""
        return tuple(sorted(self.index))

    @functools.cached_property
    def listed(self) -> Mapping[str, LedgerEntry]:
        """Each heading of the revisions read that an entry lists, with its entry."""
        found: dict[str, LedgerEntry] = {}
        for entry in self.entries:
            for heading in expand(entry.headings, self.order):
                found.setdefault(heading, entry)
        return found

    def entry(self, heading: str) -> LedgerEntry | None:
        """The entry that lists *heading*, if any."""
        return self.listed.get(heading)

    def headings_of(self, revision: str) -> tuple[str, ...]:
        """The headings of one revision read (those it established or modified, for a heading table)."""
        return tuple(h for h in self.order if revision in self.index[h])

    def account(self, revision: str, headings: Iterable[str], cited: frozenset[str], *, complete: bool) -> Accounting:
        """How the packaged schedule and this ledger account for *headings* (a heading is known or new)."""
        heads = tuple(sorted(set(headings)))
        modelled = tuple(h for h in heads if h in cited)
        by_reason: dict[Reason, list[str]] = {r: [] for r in Reason}
        unaccounted = []
        for h in heads:
            if h in cited:
                continue
            entry = self.listed.get(h)
            if entry is None:
                unaccounted.append(h)
            else:
                by_reason[entry.reason].append(h)
        return Accounting(
            revision, complete, heads, modelled, {r: tuple(v) for r, v in by_reason.items()}, tuple(unaccounted)
        )

    def accounts(self, cited: frozenset[str]) -> tuple[Accounting, ...]:
        """The accounting of every revision read, in order."""
        return tuple(self.account(r.id, self.headings_of(r.id), cited, complete=r.complete) for r in self.revisions)

    def problems(self, cited: frozenset[str]) -> list[str]:
        """
        Where the ledger contradicts the schedule or the index: a listed
        heading that a measure cites, one that no revision read has, an entry
        without its note or (not modelled yet) without what is missing.
        """
        found = []
        for entry in self.entries:
            where = ", ".join(entry.headings)
            if not entry.note:
                found.append(f"{where}: an entry needs a note")
            if entry.reason is Reason.NOT_MODELLED_YET and not entry.missing:
                found.append(f"{where}: 'not-modelled-yet' needs 'missing' (what the data lacks)")
            if entry.reason is Reason.IN_SCOPE and not entry.by:
                found.append(f"{where}: 'in-scope' needs 'by' (the headings whose measures model it)")
            for spec in entry.headings:
                for end in spec.split("-"):
                    if end not in self.index:
                        found.append(f"{spec}: {end} is a heading of no revision read")
                both = expand([spec], self.order) & cited
                if both:
                    found.append(
                        f"{spec}: listed as {entry.reason} but cited by a measure: {compact(both, self.order)}"
                    )
        for footnote in self.footnotes:
            if footnote.heading not in cited:
                found.append(f"footnote exception {footnote.heading}: no measure cites it; list the heading instead")
        return found


#: The markers around the part of GAPS.md that the ledger writes.
GAPS_START = "<!-- written from us/data/chapter99/ledger.toml by scripts/make_dataset_docs.py: do not edit -->"
GAPS_END = "<!-- end of the ledger's gaps -->"


def gaps_section(ledger: Ledger) -> str:
    """
    The part of ``GAPS.md`` the ledger writes: every heading that is a gap
    (not modelled yet, or in force one day only) with what is missing.
    """
    lines = [GAPS_START, "### Chapter 99 headings not modelled (from the ledger)", ""]
    for entry in ledger.entries:
        if entry.reason in GAP_REASONS:
            what = entry.missing or entry.note
            lines.append(f"- {', '.join(entry.headings)} ({entry.reason}): {what}.".replace("..", "."))
    lines.append(GAPS_END)
    return "\n".join(lines) + "\n"


def with_gaps(text: str, ledger: Ledger) -> str:
    """*text* (``GAPS.md``) with its ledger part replaced by, or ended with, :func:`gaps_section`."""
    start, end = text.find(GAPS_START), text.find(GAPS_END)
    if start < 0 or end < 0:
        return text.rstrip("\n") + "\n\n" + gaps_section(ledger)
    return text[:start] + gaps_section(ledger) + text[end + len(GAPS_END) :].lstrip("\n")


def markdown(ledger: Ledger, accounts: Sequence[Accounting]) -> str:
    """The ledger's counts per revision as a Markdown section (``docs/reference/us-data.md``)."""
    reasons = [r for r in Reason if any(a.listed[r] for a in accounts)]
    head = ["Revision", "Headings", "Modelled", "Not modelled", *(f"`{r}`" for r in reasons), "Unaccounted"]
    last = ledger.last_revision
    lines = [
        "## Chapter 99 headings",
        "",
        "Every 9903 heading of every HTS revision the data has read is cited by a measure of the schedule",
        "(modelled) or listed in the Chapter 99 ledger (`src/tariffcalc/us/data/chapter99/ledger.toml`) with",
        "a reason; `tariffcalc coverage` prints the same counts. The three USITC exports count every heading;",
        "the 2026 Revisions 11-20 count the headings each established or modified. The last revision read is",
        f"{last.id} (in force from {last.effective}).",
        "",
        "| " + " | ".join(head) + " |",
        "|" + "|".join(["---"] + ["---:"] * (len(head) - 1)) + "|",
    ]
    for a in accounts:
        listed = sum(len(v) for v in a.listed.values())
        cells = [a.revision, len(a.headings), len(a.modelled), listed, *(len(a.listed[r]) for r in reasons)]
        lines.append("| " + " | ".join(str(c) for c in [*cells, len(a.unaccounted)]) + " |")
    lines += ["", "Reasons:", ""]
    lines += [f"- `{r}`: {r.text}." for r in Reason]
    return "\n".join(lines) + "\n"


def compact(headings: Iterable[str], order: Sequence[str]) -> str:
    """
    *headings* as runs of neighbours in *order* (every heading known, sorted):
    what a test or the ``coverage`` command prints.
    """
    wanted = set(headings)
    position = {h: i for i, h in enumerate(sorted(set(order) | wanted))}
    runs: list[list[str]] = []
    for h in sorted(wanted):
        if runs and position[h] == position[runs[-1][-1]] + 1:
            runs[-1].append(h)
        else:
            runs.append([h])
    return ", ".join(r[0] if len(r) == 1 else f"{r[0]}–{r[-1]} ({len(r)})" for r in runs)


def cited_headings(data: DataSet, known: Iterable[str] = ()) -> frozenset[str]:
    """
    The 9903 headings the measures (and their conditions), suspensions and
    rules of *data* cite, a cited range (``9903.01.02-9903.01.03``) standing
    for the *known* headings inside it.
    """
    from tariffcalc.io.datafiles._dataset import citations

    specs = set()
    for c in citations(data.measures, data.suspensions, data.rules):
        for heading in (c.heading, c.heading_when_met):
            if heading and heading.startswith("9903"):
                specs.add(heading)
    return frozenset(expand(specs, known) | {s for s in specs if "-" not in s})


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise DataFileError(f"{where}: expected a heading or a list of headings", [])
    return tuple(value)


def _reason(value: Any, where: str) -> Reason:
    try:
        return Reason(value)
    except ValueError:
        valid = ", ".join(r.value for r in Reason)
        raise DataFileError(f"{where}: reason {value!r} is not one of: {valid}", []) from None


def _read_index(path: Path) -> dict[str, frozenset[str]]:
    index: dict[str, frozenset[str]] = {}
    if not path.exists():  # scripts/make_ledger_index.py writes it
        return index
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#") or line == "heading,revisions":
            continue
        heading, _, revisions = line.partition(",")
        index[heading] = frozenset(revisions.split(";"))
    return index


def read_ledger(path: Path, index: Path) -> Ledger:
    """The ledger in *path* with the heading index in *index*; a malformed file raises :class:`DataFileError`."""
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    head = raw.get("ledger", {})
    try:
        revisions = tuple(
            LedgerRevision(r["id"], r["effective"], r["source"], bool(r["complete"])) for r in raw["revisions"]
        )
        entries = tuple(
            LedgerEntry(
                _strings(e["headings"], f"{path.name}: headings[{i}]"),
                _reason(e["reason"], f"{path.name}: headings[{i}]"),
                e.get("note", ""),
                e.get("missing", ""),
                _strings(e.get("by", []), f"{path.name}: headings[{i}].by"),
            )
            for i, e in enumerate(raw.get("headings", []))
        )
        footnotes = tuple(
            FootnoteException(
                f["heading"],
                _strings(f["lines"], f"{path.name}: footnotes[{i}]"),
                _reason(f["reason"], f"{path.name}: footnotes[{i}]"),
                f.get("note", ""),
            )
            for i, f in enumerate(raw.get("footnotes", []))
        )
    except KeyError as e:
        raise DataFileError(f"{path.name}: a table lacks the key {e.args[0]!r}", []) from None
    return Ledger(head.get("schedule", ""), revisions, _read_index(index), entries, footnotes)


@functools.cache
def load_ledger() -> Ledger:
    """The packaged ledger of the ``us-2025-26`` schedule (read once per process)."""
    return read_ledger(LEDGER, INDEX)


#: The packaged schedules (and their earlier names) the packaged ledger is of.
_LEDGER_SCHEDULES = frozenset({"us-2025-26", "us-2025-26-measures", "us-2025", "us-2025-measures"})


def last_revision(schedule: str) -> LedgerRevision | None:
    """
    The latest HTS revision the data of the packaged schedule *schedule* has
    read; ``None`` for a schedule without a ledger.

    >>> last_revision("us-2025-26").id, last_revision("mine") is None
    ('2026 Rev 20', True)
    """
    return load_ledger().last_revision if schedule in _LEDGER_SCHEDULES else None
