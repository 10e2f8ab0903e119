"""
What an entry costs: the duty of each of its lines, resolved as always, and
what is per entry beside them: the merchandise processing fee (MPF) with its
minimum and maximum on the entry, the harbor maintenance fee (HMF) by sea,
Section 321 de minimis on the entry's total value, and the one entry date.
Duties, fees and their total are kept apart; fees never enter a
:class:`~tariffcalc.resolution.Resolution`'s amount.

>>> from datetime import date
>>> from tariffcalc import Citation, Entry, Instrument, Measure, MeasureKind, OriginScope, Period, ProductScope, Schedule
>>> from tariffcalc.rates import AdValorem
>>> hts = Citation(Instrument("HTS", "Harmonized Tariff Schedule", known_on=date(2025, 1, 1)))
>>> mfn = Measure("mfn.8471", "MFN", MeasureKind.BASE, AdValorem(2), ProductScope.parse("8471"),
...               OriginScope.parse("all"), Period(date(2025, 1, 1)), hts)
>>> cost = cost_entry(Schedule("demo", [mfn]), [Entry.of("8471.30", "JP", date(2026, 3, 15), value=10000)], mode="air")
>>> [(f.fee.id, f.amount) for f in cost.fees], cost.duties, cost.fees_total, cost.total
([('us.mpf.formal.fy2026', Decimal('34.64'))], Decimal('200.00'), Decimal('34.64'), Decimal('234.64'))
>>> print(cost.not_charged[0])
us.hmf: not by sea (air): the fee is on vessel cargo unloaded at a US port
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs

from tariffcalc.citations import Citation
from tariffcalc.entries import Entry
from tariffcalc.errors import CUSTOMS_VALUE, FactKind, InvalidEntryError, MissingFact
from tariffcalc.reasons import Reason
from tariffcalc.resolution import Resolution, Rounding
from tariffcalc.us.fees import DeMinimis, DeMinimisSuspension, Fee, FeeKind, FeeTable, MpfExemption, us_fees
from tariffcalc.us.programmes import us_programmes

if TYPE_CHECKING:
    from tariffcalc.schedule import Schedule

__all__ = [
    "ENTRY_TYPE",
    "MODES",
    "MODE_OF_TRANSPORT",
    "DeMinimisRelease",
    "EntryCost",
    "FeeLine",
    "FeeNotCharged",
    "LineCost",
    "cost_entries",
    "cost_entry",
]

#: The modes of transport an entry may state (the one by which the goods reached the US).
MODES = ("sea", "air", "truck", "rail", "pipeline", "mail")

#: What the HMF waits for when the mode is not given.
MODE_OF_TRANSPORT = MissingFact(FactKind.OTHER, "mode of transport (sea, air, truck, rail, pipeline or mail)")
#: What the MPF waits for when an entry of $2,500 or less does not say how it is entered.
ENTRY_TYPE = MissingFact(FactKind.OTHER, "whether the entry is formal or informal (its value is $2,500 or less)")


@attrs.frozen
class DeMinimisRelease(Reason):
    """No duty on a line: the entry's total value is within Section 321 de minimis."""

    de_minimis: DeMinimis
    total: Decimal

    @property
    def citation(self) -> Citation | None:
        return self.de_minimis.citation

    def __str__(self) -> str:
        return (
            f"de minimis: the entry's total value {self.total} is at most {self.de_minimis.threshold} "
            f"({self.de_minimis.citation.heading}); no duty and no MPF"
        )


@attrs.frozen
class FeeNotCharged:
    """A fee the entry does not pay, why, and the citation of the reason."""

    fee: Fee
    reason: str
    citation: Citation | None = None

    def __str__(self) -> str:
        return f"{self.fee.id}: {self.reason}"


@attrs.frozen
class FeeLine:
    """A fee the entry pays: on ``basis_value`` (``None`` for a flat fee), with a note on its bounds."""

    fee: Fee
    basis_value: Decimal | None
    amount: Decimal
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready account of the fee line."""
        return {
            "fee": self.fee.id,
            "kind": str(self.fee.kind),
            "title": self.fee.title,
            "rate": str(self.fee),
            "basis_value": None if self.basis_value is None else str(self.basis_value),
            "amount": str(self.amount),
            "note": self.note,
            "citation": str(self.fee.citation),
        }


@attrs.frozen
class LineCost:
    """
    One line of an entry: its resolution, the duty payable (the resolution's
    amount, or nothing under de minimis, with the ``relief``), and the MPF
    exemption of its goods, if any.
    """

    resolution: Resolution
    duty: Decimal | None
    relief: DeMinimisRelease | None = None
    withdrawn: DeMinimisSuspension | None = None
    mpf_exemption: MpfExemption | None = None


def _sum(amounts: Iterable[Decimal | None]) -> Decimal | None:
    total = Decimal(0)
    for amount in amounts:
        if amount is None:
            return None
        total += amount
    return total


@attrs.frozen
class EntryCost:
    """
    What one entry costs: its ``lines`` (duty by duty, as resolved), the
    ``fees`` charged once per entry, those ``not_charged`` and why, the facts
    the fees wait for, and the three totals: ``duties``, ``fees_total`` and
    ``total`` (``None`` while a fact is missing).
    """

    on: date
    lines: tuple[LineCost, ...]
    value: Decimal | None
    formal: bool | None
    mode: str | None
    fees: tuple[FeeLine, ...]
    not_charged: tuple[FeeNotCharged, ...]
    missing_facts: tuple[MissingFact, ...]
    warnings: tuple[str, ...] = ()
    id: str | None = None
    postal: bool = False
    express: bool = False

    @property
    def missing(self) -> tuple[str, ...]:
        """The texts of the facts the fees wait for."""
        return tuple(map(str, self.missing_facts))

    @property
    def duties(self) -> Decimal | None:
        """The duties payable on every line (``None`` when a line's amount is unknown)."""
        return _sum(line.duty for line in self.lines)

    @property
    def fees_total(self) -> Decimal | None:
        """The fees of the entry (``None`` while a fee waits for a fact)."""
        if self.missing_facts:
            return None
        return sum((f.amount for f in self.fees), Decimal("0.00"))

    @property
    def total(self) -> Decimal | None:
        """Duties and fees (``None`` when either is unknown)."""
        duties, fees = self.duties, self.fees_total
        return None if duties is None or fees is None else duties + fees

    def fee(self, kind: FeeKind) -> FeeLine | None:
        """The fee line of *kind*, if the entry pays it."""
        return next((f for f in self.fees if f.fee.kind is kind), None)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready account: every number as a decimal string."""

        def text(d: Decimal | None) -> str | None:
            return None if d is None else str(d)

        return {
            "id": self.id,
            "date": self.on.isoformat(),
            "value": text(self.value),
            "formal": self.formal,
            "mode": self.mode,
            "postal": self.postal,
            "express": self.express,
            "lines": [
                {
                    "product": str(line.resolution.entry.product),
                    "origin": str(line.resolution.entry.origin),
                    "duty": text(line.duty),
                    "relief": None if line.relief is None else str(line.relief),
                    "mpf_exemption": None if line.mpf_exemption is None else line.mpf_exemption.id,
                }
                for line in self.lines
            ],
            "fees": [f.to_dict() for f in self.fees],
            "not_charged": [
                {"fee": n.fee.id, "reason": n.reason, "citation": None if n.citation is None else str(n.citation)}
                for n in self.not_charged
            ],
            "missing": list(self.missing),
            "warnings": list(self.warnings),
            "duties": text(self.duties),
            "fees_total": text(self.fees_total),
            "total": text(self.total),
        }

    def explain_fees(self) -> str:
        """The per-entry part of an account: fees charged and not, and the totals of duties, fees and both."""
        kind = {True: "formal", False: "informal", None: "formal or informal not known"}[self.formal]
        if all(line.relief is not None for line in self.lines):
            kind = "a Section 321 de minimis release"
        head = f"Entry{' ' + self.id if self.id else ''}: entered {self.on}, {len(self.lines)} line(s), {kind}"
        if self.value is not None:
            head += f", total value {self.value}"
        if self.mode is not None:
            head += f", by {self.mode}"
        out = [head]
        for i, line in enumerate(self.lines, 1):
            if line.mpf_exemption is not None and line.relief is None:
                x = line.mpf_exemption
                out.append(f"  line {i}: exempt from the MPF ({x.id}) [{x.citation}]")
            if line.relief is not None:
                out.append(
                    f"  line {i}: duty {line.resolution.amount} not payable: {line.relief} [{line.relief.citation}]"
                )
            elif line.withdrawn is not None:
                w = line.withdrawn
                out.append(f"  line {i}: de minimis suspended from {w.period.start} ({w.id}) [{w.citation}]")
        out += ["", "Fees:"] if self.fees else ["", "Fees: (none)"]
        for f in self.fees:
            on = f" on {f.basis_value}" if f.basis_value is not None else ""
            out.append(f"  {f.fee.id}: {f.fee}{on} = {f.amount}")
            out.append(f"      {f.fee.title} [{f.fee.citation}]")
            if f.note:
                out.append(f"      {f.note}")
        if self.not_charged:
            out += ["", "Fees not charged:"]
            for n in self.not_charged:
                out.append(f"  {n}" + (f" [{n.citation}]" if n.citation else ""))
        if self.missing:
            out += ["", "Missing facts (fees):"] + [f"  - {m}" for m in self.missing]
        if self.warnings:
            out += ["", "Warnings (fees):"] + [f"  ! {w}" for w in self.warnings]

        def text(d: Decimal | None) -> str:
            return "not computable" if d is None else str(d)

        out += ["", f"Duties: {text(self.duties)}   Fees: {text(self.fees_total)}   Total: {text(self.total)}"]
        return "\n".join(out)


# --- the computation ----------------------------------------------------------------


def _exemption(entry: Entry, table: FeeTable) -> tuple[MpfExemption | None, str]:
    """The MPF exemption of the goods of *entry*, and a note when a claim is not honoured."""
    programmes = us_programmes()
    note = ""
    for exemption in table.mpf_exemptions:
        if entry.origin in exemption.origins:
            return exemption, ""
        if exemption.products is not None and exemption.products.covers(entry.product):
            return exemption, ""
        for claim in sorted(exemption.claims & entry.claims):
            programme = next((p for p in programmes.values() if claim in p.claims), None)
            if programme is None or programme.eligible(entry.origin, entry.on):
                return exemption, ""
            note = f"the {claim} claim does not exempt from the MPF: {programme.why_not(entry.origin, entry.on)}"
    return None, note


def _entry_date(entries: Sequence[Entry]) -> date:
    days = sorted({e.on for e in entries})
    if len(days) > 1:
        where = ", ".join(f"line {i}: {e.on}" for i, e in enumerate(entries, 1))
        raise InvalidEntryError(
            f"the lines of one entry have one entry date; got {', '.join(map(str, days))} ({where}); "
            "file lines entered on different days as separate entries"
        )
    return days[0]


def _formal(value: Decimal | None, formal: bool | None, table: FeeTable) -> bool | None:
    limit = table.informal_limit
    if value is not None and limit is not None and value > limit:
        if formal is False:
            raise InvalidEntryError(
                f"an entry valued at {value} cannot be informal: over {limit} it is formal "
                f"({table.informal_citation.heading if table.informal_citation else '19 CFR 143.21'})"
            )
        return True
    return formal


def cost_entry(
    schedule: Schedule,
    lines: Iterable[Entry | Resolution],
    *,
    mode: str | None = None,
    formal: bool | None = None,
    postal: bool = False,
    express: bool = False,
    entry_id: str | None = None,
    known: date | str | None = None,
    rounding: Rounding = Rounding(),  # noqa: B008  # immutable value
    table: FeeTable | None = None,
) -> EntryCost:
    """
    The cost of one entry of *lines* (each an :class:`Entry`, resolved on
    *schedule*, or a :class:`Resolution` already made): the duties line by
    line, and once for the entry the MPF with its minimum and maximum, the
    HMF when *mode* is ``sea``, and de minimis on the total value.

    *mode*: how the goods reached the US (ocean cargo landed in Canada or
    Mexico and trucked in is ``truck``: no US port use, fees facts s.2.2).
    *formal*: how the entry is filed; an entry valued over $2,500 is formal
    whatever is said (19 CFR 143.21), one of $2,500 or less is informal or
    formal as stated (unstated: a missing fact of the MPF). *postal* and
    *express*: a shipment by post or through an express-consignment hub.
    Lines with different entry dates are refused (:class:`InvalidEntryError`).
    """
    table = us_fees() if table is None else table
    if mode is not None and mode not in MODES:
        raise InvalidEntryError(f"mode of transport {mode!r} is not one of {', '.join(MODES)}")
    if postal and express:
        raise InvalidEntryError("a shipment is either postal or through an express-consignment hub, not both")
    resolutions = [
        item if isinstance(item, Resolution) else schedule.resolve_entry(item, rounding, known) for item in lines
    ]
    if not resolutions:
        raise InvalidEntryError("an entry has at least one line")
    entries = [r.entry for r in resolutions]
    foreign = sorted({e.currency for e in entries} - {"USD"})
    if foreign:
        # The fees, their bounds and the de minimis threshold are in US dollars (fees facts s.0).
        raise InvalidEntryError(
            f"the fees are charged on a value in US dollars; this entry's value is in {', '.join(foreign)}: "
            "state the value in USD (the duties' conversions give the rate)"
        )
    on = _entry_date(entries)
    value = _sum(e.value for e in entries)
    formal = _formal(value, formal, table)
    missing: list[MissingFact] = []
    warnings: list[str] = []
    not_charged: list[FeeNotCharged] = []
    fees: list[FeeLine] = []

    # De minimis on the entry's total value, withdrawn by origin (fees facts s.3).
    dm = table.de_minimis
    low = dm is not None and dm.validity.contains(on) and value is not None and value <= dm.threshold
    costs: list[LineCost] = []
    for r in resolutions:
        exemption, note = _exemption(r.entry, table)
        if note:
            warnings.append(note)
        suspension = table.de_minimis_suspension(r.entry.origin, on, r.entry.claims) if low else None
        if low and suspension is None:
            assert dm is not None
            assert value is not None
            costs.append(LineCost(r, rounding.apply(Decimal(0)), DeMinimisRelease(dm, value), None, exemption))
        else:
            costs.append(LineCost(r, r.amount, None, suspension, exemption))
    released = all(c.relief is not None for c in costs)
    if postal and any(c.withdrawn is not None for c in costs):
        warnings.append(
            "the postal duties in lieu of other duties (EO 14256 s.2, EO 14324 s.3) are not modelled: "
            "the duties shown are those of a non-postal entry (fees facts s.3.2-s.3.5)"
        )
    dutiable = [c for c in costs if c.relief is None]

    # The MPF: once per entry, on the value of the lines it is not exempt for (fees facts s.1).
    kind = FeeKind.MPF if formal else FeeKind.MPF_INFORMAL
    mpf = table.fee(kind, on)
    charged = [c for c in dutiable if c.mpf_exemption is None]
    if released:
        if mpf is not None and dm is not None:
            not_charged.append(FeeNotCharged(mpf, "a Section 321 de minimis release pays no MPF", dm.citation))
    elif formal is None:
        missing.append(CUSTOMS_VALUE if value is None else ENTRY_TYPE)
    elif mpf is None:
        missing.append(MissingFact(FactKind.OTHER, f"the {kind} fee in force on {on} (the fee data has none)"))
    elif not charged:
        exemption = dutiable[0].mpf_exemption
        assert exemption is not None
        not_charged.append(FeeNotCharged(mpf, f"the goods are exempt ({exemption.id})", exemption.citation))
    elif not formal and express:
        not_charged.append(
            FeeNotCharged(
                mpf,
                "an informal entry at an express-consignment hub: the carrier pays a per-waybill fee in lieu "
                "(19 U.S.C. 58c(b)(9)(A); fees facts s.1.3)",
            )
        )
    elif not formal and postal:
        warnings.append(
            "whether a postal informal entry pays the informal MPF or the dutiable mail fee is not confirmed "
            "(fees facts s.3.5, s.4 [U]); none is charged"
        )
    elif mpf.flat is not None:
        fees.append(FeeLine(mpf, None, mpf.charge(Decimal(0)), "once per informal entry"))
    else:
        base = _sum(c.resolution.entry.value for c in charged)
        if base is None:  # a formal entry stated, without the values of its lines
            missing.append(CUSTOMS_VALUE)
        else:
            fees.append(FeeLine(mpf, base, mpf.charge(base), _bounds_note(mpf, base, len(charged) < len(costs))))

    # The HMF: 0.125% of vessel cargo unloaded at a US port, no bounds (fees facts s.2).
    hmf = table.fee(FeeKind.HMF, on)
    if hmf is not None:
        if released and dm is not None:
            not_charged.append(
                FeeNotCharged(
                    hmf,
                    "a Section 321 release is duty- and tax-free; whether the HMF is charged on it is not "
                    "confirmed (fees facts s.3.1 [U])",
                    dm.citation,
                )
            )
        elif mode is None:
            missing.append(MODE_OF_TRANSPORT)
        elif mode != "sea":
            not_charged.append(
                FeeNotCharged(hmf, f"not by sea ({mode}): the fee is on vessel cargo unloaded at a US port")
            )
        else:
            base = _sum(c.resolution.entry.value for c in dutiable)
            if base is None:
                missing.append(CUSTOMS_VALUE)
            else:
                fees.append(FeeLine(hmf, base, hmf.charge(base), "no minimum and no maximum"))
    return EntryCost(
        on=on,
        lines=tuple(costs),
        value=value,
        formal=formal,
        mode=mode,
        fees=tuple(fees),
        not_charged=tuple(not_charged),
        missing_facts=tuple(dict.fromkeys(missing)),
        warnings=tuple(dict.fromkeys(warnings)),
        id=entry_id,
        postal=postal,
        express=express,
    )


def cost_entries(
    schedule: Schedule,
    lines: Iterable[tuple[str, Entry | Resolution]],
    **facts: Any,
) -> dict[str, EntryCost]:
    """
    A book of lines, each with its entry id, grouped by entry (in the order the
    ids first appear) and costed with :func:`cost_entry`: one MPF per entry,
    de minimis on each entry's total value. *facts* (``mode``, ``formal``,
    ``postal``, ``express``, ``known``, ...) apply to every entry. An entry
    whose lines have different entry dates is refused, naming the entry.

    >>> from tariffcalc import Schedule
    >>> book = [("E1", Entry.of("8471.30", "JP", date(2026, 3, 15), value=4000)),
    ...         ("E2", Entry.of("8471.30", "JP", date(2026, 3, 15), value=20000)),
    ...         ("E1", Entry.of("8471.30", "JP", date(2026, 3, 15), value=8000))]
    >>> costs = cost_entries(Schedule("empty", []), book, mode="air")
    >>> {k: c.fees[0].amount for k, c in costs.items()}
    {'E1': Decimal('41.57'), 'E2': Decimal('69.28')}
    """
    groups: dict[str, list[Entry | Resolution]] = {}
    for entry_id, line in lines:
        groups.setdefault(str(entry_id), []).append(line)
    costs: dict[str, EntryCost] = {}
    for entry_id, group in groups.items():
        try:
            costs[entry_id] = cost_entry(schedule, group, entry_id=entry_id, **facts)
        except InvalidEntryError as e:
            raise InvalidEntryError(f"entry {entry_id}: {e}") from None
    return costs


def _bounds_note(fee: Fee, base: Decimal, partly_exempt: bool) -> str:
    assert fee.percent is not None
    raw = (base * fee.percent / 100).quantize(Decimal("0.01"))
    note = f"{format(fee.percent, 'f')}% of {base} = {raw}"
    if fee.minimum is not None and raw < fee.minimum:
        note += f", raised to the minimum {fee.minimum} per entry"
    elif fee.maximum is not None and raw > fee.maximum:
        note += f", capped at the maximum {fee.maximum} per entry"
    else:
        note += ", within the minimum and maximum per entry"
    if partly_exempt:
        note += (
            "; charged on the lines not exempt, the minimum and maximum on their sum "
            "(whether CBP prorates them is not confirmed, fees facts s.1.1 [U])"
        )
    return note
