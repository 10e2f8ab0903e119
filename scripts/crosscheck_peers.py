"""
Cross-check the packaged us-2025 schedule against a peer model (The Budget
Lab at Yale's tariff-rate-tracker, copied with its notes to
tests/data/peers/). The peer is a comparison, never a source: where the two
differ, the cited facts decide, and this script only lists the differences
for a person to read.

    python scripts/crosscheck_peers.py [--only headline|lists|fl301|params] [--all] [--sample N] [--show N]

Three comparisons:

headline
    The Budget Lab headline rates of March-September 2025
    (budgetlab-headline-rates.csv). For each peer row (date, country,
    programme, rate) it resolves one representative product of the programme
    on that date and compares the rate of the lines the programme
    contributes. Peer conventions it accounts for
    (tests/data/peers/budgetlab-headline-rates.md): the reciprocal headline is
    the country's whole reciprocal rate; deal rates are all-in totals; the
    peer caps reciprocal rates at 10% during the 90-day pause. Section 301
    and copper are not compared (no single representative product).
lists
    The peer's 2025-26 scope lists (budgetlab-lists/, see
    tests/data/peers/budgetlab-lists.md). Each list is mapped (LISTS below)
    to the tag of the duty it is about, the Chapter 99 headings that duty is
    filed under, a representative day and origin, and whether the list names
    products that pay the duty ("charged") or products freed from it
    ("exempt"). Every code of the list is resolved on its day and counted:
    agree (charged: a line of the tag, under one of the headings, is applied;
    exempt: no line of the tag is applied), differ, not modelled (no measure
    of the tag is in force that day), not computable (a fact is missing), and
    "ours only": product prefixes of our own measures for that list that no
    peer code overlaps.
fl301
    The peer's list of products outside the forced-labour Section 301 duty
    (s301fl_exempt_products.csv, Annex A of the proposal of 5 June 2026)
    against the final HTS text, U.S. note 52(b)-(e) and the chapter 98
    exception of note 52(a) (HTS 2026 Rev 20): every code on one side only,
    with its cause. The list is also one of the `lists` comparisons.
params
    policy_params.yaml: the 15% floor of the countries it names (compared on
    an MFN-free product in August 2025, Switzerland and Liechtenstein inside
    the peer's framework window), the Section 122 rate and period, and the
    IEEPA invalidation date.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from tariffcalc import Resolution, Schedule
from tariffcalc.datasets import load_schedule
from tariffcalc.errors import TariffError

PEER_DIR = Path(__file__).parent.parent / "tests" / "data" / "peers"
PEERS = PEER_DIR / "budgetlab-headline-rates.csv"
LIST_DIR = PEER_DIR / "budgetlab-lists"

# programme -> (representative product with a Free MFN rate where possible, tags of its lines)
PROGRAMMES = {
    # Wooden furniture, MFN free. The peer's reciprocal headline includes Brazil's 40% (EO 14323) and India's
    # 25% (EO 14329), which are separate IEEPA measures here: their tags count as reciprocal for the comparison.
    "reciprocal": ("9403.60.80.93", {"reciprocal", "ieepa-br", "ieepa-in"}),
    "fentanyl": ("9403.60.80.93", {"ieepa-cn", "ieepa-ca", "ieepa-mx"}),
    "autos": ("8703.23.01.90", {"s232-auto"}),  # MFN 2.5%: deal rates are compared as all-in totals
    "auto_parts": ("8708.30.50.90", {"s232-auto"}),
    "steel": ("7208.10.15.00", {"s232-steel"}),  # chapter 72: charged on the whole value
    "aluminum": ("7601.10.60.30", {"s232-aluminum"}),
}
ALL_IN = {"autos", "auto_parts"}
# Facts the peer's headline takes for granted: unwrought metal is all metal; the peer's
# CA/MX parts headline is for USMCA-qualifying parts and its GB car rate is in quota.
CONTENT = {"steel": {"steel": Decimal(10000)}, "aluminum": {"aluminum": Decimal(10000)}}
CLAIMS = {("auto_parts", "CA"): ["usmca"], ("auto_parts", "MX"): ["usmca"], ("autos", "GB"): ["uk-auto-trq"]}


def programme_rate(r: Resolution, tags: set[str], all_in: bool) -> Decimal | None:
    """The percentage the programme's lines add (with the base duty when the peer quotes all-in totals)."""
    if r.amount is None:
        return None  # a fact is missing or a rate needs working out by hand: no number to compare
    value = r.entry.value or Decimal(1)
    total = sum(
        (line.amount or Decimal(0) for line in r.lines if line.measure.tags & tags),
        Decimal(0),
    )
    if all_in and any(line.measure.tags & {"s232-auto-deal", "s232-auto-uk"} for line in r.lines):
        total += r.lines[0].amount or Decimal(0)
    return (total * 100 / value).quantize(Decimal("0.01"))


def headline(schedule: Schedule, show_all: bool) -> Counter[str]:
    """Compare the headline rates of March-September 2025, one representative product per programme."""
    counts: Counter[str] = Counter()
    with PEERS.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            name = row["tariff_name"]
            if row["iso2"] == "OTHERS" or name not in PROGRAMMES:
                counts["not compared"] += 1
                continue
            product, tags = PROGRAMMES[name]
            on = date.fromisoformat(row["policy_effective_date"])
            claims = CLAIMS.get((name, row["iso2"]), [])
            r = schedule.resolve(product, row["iso2"], on, value=10000, contents=CONTENT.get(name), claims=claims)
            ours = programme_rate(r, tags, name in ALL_IN)
            peer = (Decimal(row["rate"]) * 100).quantize(Decimal("0.01"))
            same = ours == peer
            counts["same" if same else "not computable here" if ours is None else "different"] += 1
            if show_all or not same:
                shown = "n/c" if ours is None else f"{ours}%"
                print(
                    f"{'  ' if same else '≠ '}{on} {row['iso2']} {name:10} peer {peer:>6}%  tariffcalc {shown:>7}  ({product})"
                )
    print(", ".join(f"{k}: {v}" for k, v in sorted(counts.items())))
    return counts


# --- the peer's 2025-26 lists ---------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    """One peer code to resolve: the day, origin and facts of a representative entry."""

    code: str
    on: date
    origin: str
    headings: frozenset[str] = frozenset()
    claims: tuple[str, ...] = ()
    content: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class PeerList:
    """How one peer list maps onto our schedule."""

    name: str
    #: the tag of the duty the list is about
    tag: str
    #: "charged": the list's products pay the duty; "exempt": they are freed from it
    kind: str
    #: the peer rows as Row objects
    rows: Callable[[Path], list[Row]]
    #: headings of our own measures that model this list (for "ours only"); empty: every measure of the tag
    ours: frozenset[str] = frozenset()


def _open(path: Path) -> io.TextIOBase:
    """A peer file, gzipped or not."""
    if path.suffix == ".gz":
        return io.TextIOWrapper(gzip.open(path), encoding="utf-8")
    return path.open(encoding="utf-8")


def _csv(path: Path) -> Iterator[dict[str, str]]:
    with _open(path) as f:
        yield from csv.DictReader(line for line in f if not line.startswith("#"))


def dotted(code: str) -> str:
    """The peer's '02011005' or '0201100500' as a dotted HTS prefix ('0201.10.05', '0201.10.05.00')."""
    digits = re.sub(r"\D", "", code)
    parts = [digits[:4], digits[4:6], digits[6:8], digits[8:10]]
    return ".".join(p for p in parts if p)


def _later(day: str, default: date, days: int = 14) -> date:
    """A representative day: two weeks after the row's start, or *default* when the row has none."""
    return date.fromisoformat(day) + timedelta(days=days) if day else default


def _codes(path: Path, column: str | None = None) -> list[str]:
    if column is None:
        with _open(path) as f:
            return [line.strip() for line in f if line.strip() and not line.startswith("#")]
    return [r[column] for r in _csv(path)]


def _simple(
    file: str,
    column: str | None,
    on: date,
    origin: str,
    headings: Iterable[str] = (),
    claims: tuple[str, ...] = (),
    content: dict[str, str] | None = None,
) -> Callable[[Path], list[Row]]:
    def rows(directory: Path) -> list[Row]:
        return [
            Row(dotted(c), on, origin, frozenset(headings), claims, dict(content or {}))
            for c in _codes(directory / file, column)
        ]

    return rows


# Annex of the April 2026 metals proclamation -> the 9903.82 heading(s) a code of it is filed under
# (later facts s.10.5). Annex II is outside the regime (later facts s.7 item 9): no metals duty.
ANNEX_HEADINGS = {
    "1a": {"9903.82.02", "9903.82.04"},
    "1b": {"9903.82.09", "9903.82.05"},
    "1c": set(),
    "3": {"9903.82.10", "9903.82.11"},
}


def _annex_rows(directory: Path) -> list[Row]:
    rows = []
    for r in _csv(directory / "s232_annex_products.csv.gz"):
        if r["annex"] == "2":
            continue  # removed from scope: compared by _annex_ii_rows
        on = _later(r["effective_date"], date(2026, 4, 20))
        rows.append(Row(dotted(r["hts_prefix"]), on, "VN", frozenset(ANNEX_HEADINGS.get(r["annex"], set()))))
    return rows


def _annex_ii_rows(directory: Path) -> list[Row]:
    return [
        Row(dotted(r["hts_prefix"]), _later(r["effective_date"], date(2026, 4, 20)), "VN")
        for r in _csv(directory / "s232_annex_products.csv.gz")
        if r["annex"] == "2"
    ]


def _brazil_rows(directory: Path) -> list[Row]:
    return [
        Row(dotted(r["hts10"]), _later(r["effective_date_start"], date(2025, 9, 15), 30), "BR")
        for r in _csv(directory / "country_eo_exempt_products.csv.gz")
        if r["ch99_code"] == "9903.01.77"
    ]


FLOOR_ORIGIN = {"eu": "DE", "korea": "KR", "swiss": "CH", "japan": "JP"}
FLOOR_CLAIMS = {"civil_aircraft": ("civil-aircraft",)}


def _floor_rows(directory: Path) -> list[Row]:
    return [
        Row(
            dotted(r["hts8"]),
            _later(r["effective_date_start"], date(2025, 10, 15)),
            FLOOR_ORIGIN[r["country_group"]],
            frozenset({r["ch99_code"]}),
            FLOOR_CLAIMS.get(r["category"], ()),
        )
        for r in _csv(directory / "floor_exempt_products.csv.gz")
        if r["country_group"] in FLOOR_ORIGIN
    ]


def _fentanyl_rows(directory: Path) -> list[Row]:
    origin = {"9903.01.13": "CA", "9903.01.15": "CA", "9903.01.05": "MX"}
    return [
        Row(dotted(r["hts8"]), date(2025, 9, 15), origin[r["ch99_code"]], frozenset({r["ch99_code"]}))
        for r in _csv(directory / "fentanyl_carveout_products.csv")
    ]


# The forced-labour exceptions by product for every economy: note 52(b) 9903.05.86, (c) .87, (d) .88, (e) .89.
FL_HEADINGS = ("9903.05.86", "9903.05.87", "9903.05.88", "9903.05.89")
FL_CLAIMS = ("civil-aircraft", "pharmaceutical-use", "particular-article")
FL_CHAPTER_98 = "us.s301.forced-labour.exempt.chapter-98"  # note 52(a): no exception heading of its own

# Each peer list the data models, with the heading/tag it should produce. Representative entries: Vietnam
# (no deal) for the Section 232 lists, a day two weeks after the list starts; the content facts the duty needs.
LISTS = [
    PeerList(
        "s232_copper_products",
        "s232-copper",
        "charged",
        _simple("s232_copper_products.csv", "hts10", date(2025, 9, 15), "VN", {"9903.78.01"}, (), {"copper": "5000"}),
        frozenset({"9903.78.01"}),
    ),
    PeerList(
        "s232_mhd_parts",
        "s232-truck",
        "charged",
        _simple("s232_mhd_parts.txt", None, date(2025, 11, 15), "VN", {"9903.74.08"}),
        frozenset({"9903.74.08"}),
    ),
    PeerList(
        "s232_semi_products",
        "s232-semi",
        "charged",
        # The peer's list is of the 8471/8473 lines that may hold advanced chips; the duty needs the chips'
        # parameters (U.S. note 39(b)), which an entry states with the claim advanced-chip.
        _simple("s232_semi_products.csv", "hts10", date(2026, 2, 1), "VN", {"9903.79.01"}, ("advanced-chip",)),
        frozenset({"9903.79.01"}),
    ),
    PeerList("s232_annex_products", "s232-metals", "charged", _annex_rows),
    PeerList("s232_annex_products (annex II)", "s232-metals", "exempt", _annex_ii_rows),
    PeerList(
        "s122_exempt_products",
        "s122",
        "exempt",
        _simple(
            "s122_exempt_products.csv",
            "hts8",
            date(2026, 3, 10),
            "JP",
            {"9903.03.03", "9903.03.04", "9903.03.05"},
            ("civil-aircraft", "s122-listed-article"),
        ),
        frozenset({"9903.03.03", "9903.03.04", "9903.03.05"}),
    ),
    PeerList("country_eo_exempt_products (Brazil)", "ieepa-br", "exempt", _brazil_rows),
    PeerList(
        "floor_exempt_products",
        "reciprocal",
        "exempt",
        _floor_rows,
        frozenset({"9903.02.74", "9903.02.75", "9903.02.76", "9903.02.77", "9903.02.81", "9903.02.84"}),
    ),
    PeerList(
        "fentanyl_carveout_products",
        "ieepa-ca",
        "charged",
        _fentanyl_rows,
        frozenset({"9903.01.05", "9903.01.13", "9903.01.15"}),
    ),
    PeerList(
        "s301fl_exempt_products",
        "s301-forced-labour",
        "exempt",
        # Vietnam (+12.5%) after the start on 24 July 2026; the claims the note 52(c)-(e) exceptions need.
        _simple("s301fl_exempt_products.csv", "hts8", date(2026, 8, 10), "VN", FL_HEADINGS, FL_CLAIMS),
        frozenset(FL_HEADINGS),
    ),
    PeerList(
        "s301_brazil_exempt_products",
        "s301-brazil",
        "exempt",
        # Brazil (+25% from 22 July 2026), on 10 August 2026, with the claims the note 50(a)(iii)-(v)
        # exceptions need (particular articles, civil aircraft, pharmaceutical use).
        _simple(
            "s301_brazil_exempt_products.csv",
            "hts8",
            date(2026, 8, 10),
            "BR",
            {"9903.05.03", "9903.05.04", "9903.05.05", "9903.05.06"},
            ("particular-article", "civil-aircraft", "pharmaceutical-use"),
        ),
        frozenset({"9903.05.03", "9903.05.04", "9903.05.05", "9903.05.06"}),
    ),
    PeerList(
        "s232_pharma_products",
        "s232-pharma",
        "charged",
        # India (no partner total) on 10 August 2026: the 100% total of 9903.04.60 on a patented article.
        _simple("s232_pharma_products.csv", "hts10", date(2026, 8, 10), "IN", {"9903.04.60"}),
        frozenset({"9903.04.60"}),
    ),
    PeerList(
        "s232_auto_parts",
        "s232-auto",
        "charged",
        _simple("s232_auto_parts.txt", None, date(2025, 9, 15), "VN", {"9903.94.05"}),
        frozenset({"9903.94.05"}),
    ),
]

OUTCOMES = ("agree", "differ", "not modelled", "not computable")


def _in_force(schedule: Schedule, tag: str, on: date) -> bool:
    return any(tag in m.tags and m.validity.contains(on) for m in schedule.measures)


def outcome(schedule: Schedule, spec: PeerList, row: Row) -> str:
    """What our schedule makes of one peer row: one of OUTCOMES."""
    tags = {spec.tag} | ({"ieepa-mx"} if spec.tag == "ieepa-ca" else set())
    if not any(_in_force(schedule, tag, row.on) for tag in tags):
        return "not modelled"
    try:
        # The peer lists prefixes (8-digit subheadings, headings) as well as lines: resolve each as given.
        r = schedule.resolve(
            row.code, row.origin, row.on, value=10000, contents=dict(row.content), claims=row.claims, strict=False
        )
    except (TariffError, ValueError):  # a code the schedule cannot read: a difference to look at
        return "not computable"
    applied = [line for line in r.lines if line.measure.tags & tags]
    if spec.kind == "exempt":
        return "agree" if not any(line.amount for line in applied) else "differ"
    if row.headings:
        applied = [line for line in applied if line.heading in row.headings]
    if applied:
        return "agree"
    return "not computable" if r.amount is None else "differ"


def ours_only(schedule: Schedule, spec: PeerList, codes: set[str]) -> list[str]:
    """Prefixes of our measures for this list that no peer code overlaps (either one a prefix of the other)."""
    ours: set[str] = set()
    for m in schedule.measures:
        heading = m.citation.heading or ""
        if spec.ours and heading not in spec.ours:
            continue
        if not spec.ours and spec.tag not in m.tags:
            continue
        ours.update(str(p) for p in m.products.include)
    peer = {c.replace(".", "") for c in codes}
    return sorted(
        o for o in ours if not any(p.startswith(o.replace(".", "")) or o.replace(".", "").startswith(p) for p in peer)
    )


def lists(
    schedule: Schedule, directory: Path = LIST_DIR, sample: int | None = None, show: int = 0
) -> dict[str, Counter[str]]:
    """The table of agreements and differences per peer list."""
    table: dict[str, Counter[str]] = {}
    print(f"{'peer list':40} {'codes':>6} " + " ".join(f"{o:>14}" for o in OUTCOMES) + f" {'ours only':>10}")
    for spec in LISTS:
        rows = spec.rows(directory)[:sample] if sample else spec.rows(directory)
        counts: Counter[str] = Counter()
        shown: list[str] = []
        for row in rows:
            result = outcome(schedule, spec, row)
            counts[result] += 1
            if result != "agree" and len(shown) < show:
                shown.append(f"    {result}: {row.code} from {row.origin} on {row.on}")
        extra = ours_only(schedule, spec, {row.code for row in spec.rows(directory)})
        counts["ours only"] = len(extra)
        table[spec.name] = counts
        print(
            f"{spec.name:40} {len(rows):>6} "
            + " ".join(f"{counts[o]:>14}" for o in OUTCOMES)
            + f" {counts['ours only']:>10}"
        )
        for line in shown:
            print(line)
        if show and extra:
            print(f"    ours only: {', '.join(extra[:show])}")
    return table


# --- the forced-labour list, code by code --------------------------------------------------


def _fl_prefixes(schedule: Schedule) -> dict[str, set[str]]:
    """Our note 52 product prefixes (no dots) by the heading that excepts them (chapter 98: by the measure id)."""
    found: dict[str, set[str]] = {}
    for m in schedule.measures:
        key = m.id if m.id == FL_CHAPTER_98 else m.citation.heading or ""
        if "s301-fl-exempt" in m.tags and key in (*FL_HEADINGS, FL_CHAPTER_98):
            found.setdefault(key, set()).update(str(p).replace(".", "") for p in m.products.include)
    return found


def _overlaps(code: str, prefixes: Iterable[str]) -> bool:
    return any(code.startswith(p) or p.startswith(code) for p in prefixes)


FL_SUBDIVISION = {"9903.05.86": "52(b)", "9903.05.87": "52(c)", "9903.05.88": "52(d)", "9903.05.89": "52(e)"}


def fl_cause(code: str, ours: dict[str, set[str]], peer: set[str]) -> tuple[str, str]:
    """The side a differing code is on ("peer only" / "ours only") and why."""
    if code in peer:
        if _overlaps(code, ours.get(FL_CHAPTER_98, ())):
            return "peer only", (
                "a chapter 98 provision: note 52(a) exempts chapter 98 entries as a whole (other than "
                "9802.00.40/.50/.60/.80), so the data agrees on the duty without listing it"
            )
        return "peer only", (
            "not printed in note 52(b)-(e) of the final text (HTS 2026 Rev 20): the peer's list is its reading of "
            "Annex A of the proposal (91 FR 34272, 5 June 2026), the final note wins"
        )
    where = sorted(FL_SUBDIVISION[h] for h, prefixes in ours.items() if h in FL_SUBDIVISION and code in prefixes)
    return "ours only", (
        f"printed in note {', '.join(where)} of the final text (HTS Rev 13, 24 July 2026, as in Rev 20), not in the "
        "peer's list of the proposed Annex A (5 June 2026), which predates it"
    )


def fl301(schedule: Schedule, directory: Path = LIST_DIR, show: int = 0) -> dict[tuple[str, str], list[str]]:
    """Every code on one side only of the peer's forced-labour list and note 52(b)-(e), grouped by cause."""
    peer = {c.replace(".", "") for c in _codes(directory / "s301fl_exempt_products.csv", "hts8")}
    ours = _fl_prefixes(schedule)
    listed = set().union(*(ours.get(h, set()) for h in FL_HEADINGS))
    differences: dict[tuple[str, str], list[str]] = {}
    for code in sorted(peer):
        if not _overlaps(code, listed):
            differences.setdefault(fl_cause(code, ours, peer), []).append(dotted(code))
    for code in sorted(listed):
        if not _overlaps(code, peer):
            differences.setdefault(fl_cause(code, ours, peer), []).append(dotted(code))
    print(f"forced-labour exceptions: peer {len(peer)} codes, note 52(b)-(e) {len(listed)} prefixes")
    for (side, cause), codes in sorted(differences.items()):
        print(f"  {side} ({len(codes)}): {cause}")
        if show:
            print(f"    {', '.join(codes[:show])}")
    return differences


# --- policy_params.yaml ---------------------------------------------------------------------


def read_params(path: Path) -> dict[str, dict[str, str]]:
    """The scalar keys of each top-level block of a YAML file (enough for the blocks compared here)."""
    blocks: dict[str, dict[str, str]] = {}
    current: dict[str, str] | None = None
    with _open(path) as f:
        for raw in f:
            line = raw.split(" #", 1)[0].rstrip()
            if not line or line.lstrip().startswith("#"):
                continue
            if not line.startswith(" "):
                key, _, value = line.partition(":")
                value = value.strip().strip("'\"")
                current = blocks.setdefault(key, {})
                if value:
                    current[""] = value
            elif current is not None and line.startswith("  ") and not line.startswith("   "):
                key, _, value = line.strip().partition(":")
                current[key.strip("'\"")] = value.strip().strip("'\"")
    return blocks


FURNITURE = "9403.60.80.93"  # MFN Free: a reciprocal or s122 line is the whole rate


def _rate(schedule: Schedule, origin: str, on: date, tags: set[str]) -> Decimal | None:
    r = schedule.resolve(FURNITURE, origin, on, value=10000)
    if r.amount is None:
        return None
    total = sum((line.amount or Decimal(0) for line in r.lines if line.measure.tags & tags), Decimal(0))
    return (total / 100).quantize(Decimal("0.01"))


def params(schedule: Schedule, directory: Path = LIST_DIR) -> Counter[str]:
    """policy_params.yaml's floor, Section 122 and IEEPA-end parameters against our schedule."""
    p = read_params(directory / "policy_params.yaml.gz")
    floor = Decimal(p["floor_rates"]["floor_rate"]) * 100
    swiss = p["swiss_framework"]
    s122 = p["section_122"]
    countries = [r for r in _csv(directory / "census_iso2.csv") if r["floor_rates_country"] == "1"]
    checks: list[tuple[str, str, date, Decimal, set[str]]] = []
    for c in countries:
        on = date(2025, 8, 20)
        if c["census_code"] in {"4419", "4411"}:  # Switzerland, Liechtenstein: only inside the framework window
            on = _later(swiss["effective_date"], on)
        checks.append((f"floor {c['census_name']}", c["iso2"], on, floor, {"reciprocal"}))
    start, last = date.fromisoformat(s122["effective_date"]), date.fromisoformat(s122["expiry_date"])
    rate = Decimal(s122["rate"]) * 100
    for iso in ("JP", "CN", "DE", "VN", "BR", "IN", "GB", "CA", "MX"):
        checks.append((f"s122 first day {iso}", iso, start, rate, {"s122"}))
        checks.append((f"s122 last day {iso}", iso, last, rate, {"s122"}))
        checks.append((f"s122 after expiry {iso}", iso, last + timedelta(days=1), Decimal(0), {"s122"}))
    ieepa = date.fromisoformat(p["ieepa_invalidation_date"][""])
    ieepa_tags = {"reciprocal", "ieepa-cn", "ieepa-ca", "ieepa-mx", "ieepa-br", "ieepa-in", "ieepa-transship"}
    for iso in ("JP", "CN", "CA", "MX", "BR", "IN"):
        checks.append((f"IEEPA invalidated {iso}", iso, ieepa, Decimal(0), ieepa_tags))
    counts: Counter[str] = Counter()
    for what, iso, on, peer, tags in checks:
        ours = _rate(schedule, iso, on, tags)
        result = "not computable" if ours is None else "agree" if ours == peer.quantize(Decimal("0.01")) else "differ"
        counts[result] += 1
        if result != "agree":
            shown = "n/c" if ours is None else f"{ours}%"
            print(f"≠ {what:36} {iso} {on}  peer {peer:>6.2f}%  tariffcalc {shown:>7}  ({FURNITURE})")
    print("policy_params: " + ", ".join(f"{k}: {v}" for k, v in sorted(counts.items())))
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", choices=["headline", "lists", "fl301", "params"])
    parser.add_argument("--all", action="store_true", help="headline: print agreeing rows too")
    parser.add_argument("--sample", type=int, help="lists: only the first N codes of each list")
    parser.add_argument("--show", type=int, default=0, help="lists: print up to N differing codes per list")
    args = parser.parse_args(argv)
    schedule: Schedule = load_schedule("us-2025")
    if args.only in (None, "headline"):
        headline(schedule, args.all)
    if args.only in (None, "lists"):
        lists(schedule, sample=args.sample, show=args.show)
    if args.only in (None, "fl301"):
        fl301(schedule, show=args.show)
    if args.only in (None, "params"):
        params(schedule)
    return 0


if __name__ == "__main__":
    sys.exit(main())
