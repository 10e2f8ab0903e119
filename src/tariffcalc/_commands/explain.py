"""
``tariffcalc explain`` and ``tariffcalc rate``: the duty on one entry, with
every line cited and every measure that did not apply and why (``explain``),
or the total only (``rate``).

    tariffcalc explain 8703.23.01.90 --origin JP --date 2025-05-20 --value 40000
    tariffcalc rate 8708.99.81 --origin JP --date 2025-09-20 --json
    tariffcalc explain 8471.30.01.00 --origin JP --date 2026-03-15 --value 10000 --mode sea
    tariffcalc rate lines.csv --out costs.csv     # every line of a file (tariffcalc._commands.batch)
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from typing import Any

from tariffcalc._commands.batch import is_table, run_batch
from tariffcalc.codes import ProductCode
from tariffcalc.countries import Country
from tariffcalc.datasets import DEFAULT
from tariffcalc.entries import parse_amount, parse_contents, parse_conversions, parse_quantities
from tariffcalc.errors import TariffError
from tariffcalc.periods import parse_day
from tariffcalc.resolution import Resolution
from tariffcalc.schedule import Schedule
from tariffcalc.us.entrycost import MODES, EntryCost, cost_entry

__all__ = ["register", "resolve_args", "run_explain", "run_rate"]


def _add_entry_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "product",
        nargs="?",
        help="HTS code, e.g. 8703.23.01.90 or 8703230190; or a file of lines (.csv, .xlsx, - for standard input)",
    )
    parser.add_argument(
        "--origin", help="country of origin, ISO 3166-1 alpha-2 (JP, CN, DE, GB); for a file: where a row has none"
    )
    parser.add_argument("--date", help="entry date, YYYY-MM-DD; for a file: where a row has none")
    parser.add_argument("--value", help="customs value in USD, e.g. 40000 (without it: rates only)")
    parser.add_argument("--loaded", help="day the goods were loaded on the vessel that brought them, YYYY-MM-DD")
    parser.add_argument(
        "--known",
        help="answer with the law as known on this day, YYYY-MM-DD (the entry date: as filed; default: as finally known)",
    )
    parser.add_argument(
        "--content",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="declared content value, e.g. steel=5000, aluminum=800, us=3000 (repeatable)",
    )
    parser.add_argument(
        "--quantity",
        action="append",
        default=[],
        metavar="AMOUNTUNIT",
        help="quantity for specific duties, e.g. 10kg, '2 No.', 5liter (repeatable)",
    )
    parser.add_argument(
        "--claim",
        action="append",
        default=[],
        help="a programme or exemption claimed: usmca, uk-auto-trq, auto-offset, not-auto-part, donation (repeatable)",
    )
    parser.add_argument(
        "--conversion",
        action="append",
        default=[],
        metavar="CUR=RATE@YYYY-MM-DD",
        help="a conversion rate to USD for specific duties in another currency, e.g. EUR=1.08@2025-08-01 "
        "(repeatable: a dated table, the latest on or before the entry date is used)",
    )
    parser.add_argument(
        "--schedule", default=DEFAULT, help=f"packaged schedule name ({DEFAULT}) or a data file/directory"
    )
    fees = parser.add_argument_group("fees (the MPF and HMF of the entry, shown beside the duties)")
    fees.add_argument(
        "--mode", choices=MODES, help="how the goods reached the US: the HMF is charged on vessel cargo only (sea)"
    )
    entry_type = fees.add_mutually_exclusive_group()
    entry_type.add_argument(
        "--informal", action="store_true", help="an informal entry (value $2,500 or less): the flat MPF"
    )
    entry_type.add_argument(
        "--formal", action="store_true", help="a formal entry of $2,500 or less (over $2,500 it is always formal)"
    )
    channel = fees.add_mutually_exclusive_group()
    channel.add_argument("--postal", action="store_true", help="a shipment by post")
    channel.add_argument(
        "--express", action="store_true", help="a low-value shipment through an express-consignment hub"
    )
    parser.add_argument("--json", action="store_true", help="print JSON instead of text (JSON lines for a file)")
    batch = parser.add_argument_group("a file of lines (one output row per input row)")
    batch.add_argument(
        "--format",
        choices=("csv", "jsonl", "xlsx", "text"),
        help="output of a file: csv (rate's default), jsonl, xlsx (with --out) or text (explain's default)",
    )
    batch.add_argument("--out", help="write the output of a file here instead of standard output")


def _fee_facts_given(args: argparse.Namespace) -> bool:
    return bool(args.mode or args.informal or args.formal or args.postal or args.express)


def entry_cost(schedule: Schedule, resolution: Resolution, args: argparse.Namespace) -> EntryCost | None:
    """The entry's fees beside its duty (``None`` without a customs value: nothing to charge them on)."""
    if resolution.entry.value is None:
        return None
    formal = True if args.formal else False if args.informal else None
    return cost_entry(schedule, [resolution], mode=args.mode, formal=formal, postal=args.postal, express=args.express)


def register(subparsers: Any) -> None:
    """Add the ``explain`` and ``rate`` subcommands."""
    explain = subparsers.add_parser(
        "explain",
        help="the duty on one entry, every line cited, and why other measures did not apply",
        description="The duty on one entry: each applied line with its citation, each measure that did not apply and why.",
    )
    _add_entry_arguments(explain)
    explain.add_argument(
        "--brief",
        action="store_true",
        help="one line per applied duty, and only the measures that did not apply for a reason other than dates",
    )
    explain.set_defaults(run=run_explain, parser=explain)
    rate = subparsers.add_parser(
        "rate",
        help="the total duty rate (and amount) on one entry",
        description="The total ad valorem equivalent (and the amount when --value is given).",
    )
    _add_entry_arguments(rate)
    rate.set_defaults(run=run_rate, parser=rate)


def _day(option: str, text: str) -> date:
    try:
        return parse_day(text)
    except TariffError as e:
        raise type(e)(f"{option}: {e}") from None


def resolve_args(args: argparse.Namespace) -> tuple[Schedule, Resolution]:
    """Check the command-line facts (raising :class:`TariffError` on bad input) and resolve the entry."""
    from tariffcalc.datasets import load_for_product

    product = ProductCode.parse(args.product)
    origin = Country.parse(args.origin)
    on = _day("--date", args.date)
    loaded = _day("--loaded", args.loaded) if args.loaded is not None else None
    known = _day("--known", args.known) if args.known is not None else None
    # The facts as typed are read by the entry's own parser, with the option names in its messages.
    value = parse_amount("--value", args.value) if args.value is not None else None
    contents = parse_contents(args.content, "--content")
    quantities = parse_quantities(args.quantity, "--quantity")
    schedule = load_for_product(args.schedule, product)  # only what can bear on the product
    resolution = schedule.resolve(
        product,
        origin,
        on,
        value=value,
        quantities=quantities,
        contents=contents,
        loaded=loaded,
        claims=args.claim,
        conversions=parse_conversions(getattr(args, "conversion", [])),
        known=known,
    )
    return schedule, resolution


def _document(schedule: Schedule, resolution: Resolution, args: argparse.Namespace | None = None) -> dict[str, Any]:
    document = resolution.to_dict()
    cost = entry_cost(schedule, resolution, args) if args is not None else None
    if cost is not None:
        document["entry_cost"] = cost.to_dict()
    horizon = str(schedule.horizon) if schedule.horizon is not None else None
    document["schedule"] = {"name": schedule.name, "fingerprint": schedule.fingerprint, "horizon": horizon}
    return document


def _usage_problem(args: argparse.Namespace) -> str | None:
    """What is wrong with the command line of one entry (facts missing, options of a file given), or ``None``."""
    missing = [
        name
        for name, given in (("product", args.product), ("--origin", args.origin), ("--date", args.date))
        if given is None
    ]
    if missing:
        return f"the following arguments are required: {', '.join(missing)}"
    if args.format is not None or args.out is not None:
        return "--format and --out are for a file of lines (tariffcalc rate lines.csv --out costs.csv)"
    return None


def _usage_error(args: argparse.Namespace, message: str) -> int:
    """Report a usage error as argparse does (one line, or JSON with --json); the exit status."""
    try:
        args.parser.error(message)
    except SystemExit as e:
        return e.code if isinstance(e.code, int) else 2
    return 2


def run_explain(args: argparse.Namespace) -> int:
    """Print the explanation (or its JSON); bad input raises :class:`TariffError`."""
    if args.product is not None and is_table(args.product):
        return run_batch(args, explain=True)
    problem = _usage_problem(args)
    if problem is not None:
        return _usage_error(args, problem)
    schedule, resolution = resolve_args(args)
    if args.json:
        print(json.dumps(_document(schedule, resolution, args), indent=2, ensure_ascii=False))
    else:
        print(resolution.explain(brief=args.brief))
        cost = entry_cost(schedule, resolution, args)
        if cost is not None:
            print()
            print(cost.explain_fees())
        if not args.brief:
            print(f"Schedule fingerprint: {schedule.fingerprint}")
    return 0


def run_rate(args: argparse.Namespace) -> int:
    """Print the total rate (and amount); with a missing fact, what is missing."""
    if args.product is not None and is_table(args.product):
        return run_batch(args, explain=False)
    problem = _usage_problem(args)
    if problem is not None:
        return _usage_error(args, problem)
    schedule, resolution = resolve_args(args)
    if args.json:
        document = _document(schedule, resolution, args)
        keys = ("rate", "amount", "missing", "warnings", "known", "schedule", "entry_cost")
        print(json.dumps({k: document[k] for k in keys if k in document}, indent=2))
        return 0
    for warning in resolution.warnings:  # on stderr, so that scripts reading the rate are not disturbed
        print(f"warning: {warning}", file=sys.stderr)
    if resolution.rate is None and resolution.missing:
        print("not computable: needs " + "; ".join(resolution.missing))
        return 0
    if resolution.rate is None:
        # A zero customs value: the duty is an amount, but no percentage of nothing.
        print(f"{resolution.amount} (no rate: the customs value is zero)")
        return 0
    text = f"{resolution.rate}%"
    if resolution.amount is not None:
        text += f" = {resolution.amount}"
    print(text)
    cost = entry_cost(schedule, resolution, args) if _fee_facts_given(args) else None
    if cost is not None:
        fees = "not computable: needs " + "; ".join(cost.missing) if cost.fees_total is None else str(cost.fees_total)
        print(f"duties {cost.duties}, fees {fees}, total {cost.total if cost.total is not None else 'not computable'}")
    return 0
