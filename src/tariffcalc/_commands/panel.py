"""
``tariffcalc panel``: the rate of every tariff line from every origin on a
day (or over a period, in stretches where it changes), written to parquet,
with the mean rate (saying what it averages and the share of cells left
out) on standard output.

    tariffcalc panel --on 2025-09-05 --out panel.parquet
    tariffcalc panel --on 2025-09-05 --origin CA --origin MX --claim usmca --quantity "1000 kg" --out na.parquet
    tariffcalc panel --period 2025-04-01/2025-07-01 --origin JP --origin CN --out spring.parquet

Needs the extra ``panel`` (numpy, pyarrow: both checked before any work); shows a
progress bar with ``tqdm`` when it is installed and standard error is a
terminal (never in a log file; ``--quiet`` turns it off).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from tariffcalc.codes import ProductCode
from tariffcalc.datasets import DEFAULT
from tariffcalc.errors import InvalidEntryError
from tariffcalc.periods import Period, parse_day

if TYPE_CHECKING:
    from tariffcalc.schedule import Schedule

__all__ = ["register", "run"]


def register(subparsers: Any) -> None:
    """Add the ``panel`` subcommand."""
    parser = subparsers.add_parser(
        "panel",
        help="the rate of every tariff line from every origin, written to parquet",
        description="The rate of every tariff line from every origin on a day or over a period, written to parquet.",
    )
    when = parser.add_mutually_exclusive_group(required=True)
    when.add_argument("--on", help="the day, YYYY-MM-DD")
    when.add_argument("--period", help="START/END (END excluded), e.g. 2025-04-01/2025-07-01")
    parser.add_argument("--out", required=True, help="the parquet file to write")
    parser.add_argument(
        "--origin",
        action="append",
        help="only these origins (repeatable), or a set: 'partners' (the default: every inhabited country "
        "outside the US customs territory) or 'all' (every ISO 3166 country)",
    )
    parser.add_argument(
        "--product",
        action="append",
        help="only these codes (repeatable; default: every tariff line that exists on the day or in the period)",
    )
    parser.add_argument("--value", default="10000", help="the customs value rates are computed at (default 10000)")
    parser.add_argument(
        "--claim", action="append", default=[], help="a programme every entry claims, e.g. usmca (repeatable)"
    )
    parser.add_argument(
        "--quantity",
        action="append",
        default=[],
        help="the quantity every entry gives, e.g. '1000 kg' (repeatable): specific duties then have a rate",
    )
    parser.add_argument(
        "--content-share",
        action="append",
        default=[],
        help="a content's percentage of the value for every entry, e.g. steel=50 (repeatable)",
    )
    parser.add_argument(
        "--by-origin", action="store_true", help="print the mean of every origin too (default: the overall line)"
    )
    parser.add_argument(
        "--schedule", default=DEFAULT, help=f"packaged schedule name ({DEFAULT}) or a data file/directory"
    )
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    parser.set_defaults(run=run)


def _progress(quiet: bool) -> tuple[Callable[[int, int], None] | None, Callable[[], None]]:
    if quiet or not sys.stderr.isatty():  # never drawn into a log file or a pipe
        return None, lambda: None
    try:
        from tqdm import tqdm
    except ImportError:
        last = [-1]

        def plain(done: int, total: int) -> None:
            percent = 100 * done // max(total, 1)
            if percent != last[0]:
                last[0] = percent
                print(f"\rresolving: {percent}% ({done}/{total})", end="", file=sys.stderr, flush=True)

        return plain, lambda: print(file=sys.stderr)
    bar = tqdm(unit="entry", desc="resolving", file=sys.stderr)

    def update(done: int, total: int) -> None:
        bar.total = total
        bar.n = done
        bar.refresh()

    return update, bar.close


def _exists(schedule: Schedule, code: ProductCode, days: Sequence[date]) -> None:
    """Raise the schedule's :class:`InvalidCodeError` unless *code* is a product line on one of *days*."""
    from tariffcalc.errors import InvalidCodeError

    error: InvalidCodeError | None = None
    for day in days:
        try:
            schedule.check_product(code, day)
            return
        except InvalidCodeError as e:
            error = error or e
    assert error is not None
    raise error


def run(args: argparse.Namespace) -> int:
    """Build the panel, write it, print the mean by origin."""
    try:
        import pyarrow  # type: ignore[import-untyped]  # noqa: F401  # checked before the work a missing writer would lose

        from tariffcalc.panel import contents_at_shares, panel
    except ImportError as e:  # numpy or pyarrow missing
        raise InvalidEntryError(
            f"tariffcalc panel needs numpy and pyarrow: pip install 'tariffcalc[panel]' ({e})"
        ) from None
    from tariffcalc.datasets import load_schedule
    from tariffcalc.entries import parse_amount, parse_quantities
    from tariffcalc.io._guard import check_output

    # ``--on ""`` is a day left blank, refused as such (not read as no day at all).
    on = parse_day(args.on) if args.on is not None else None
    period = Period.parse(args.period) if args.period is not None else None
    # Every input and the output path are checked before any work.
    check_output("--out", args.out)
    if parse_amount("--value", args.value) <= 0:
        raise InvalidEntryError(
            f"--value: rates are shares of the customs value, which must be above 0, got {args.value}"
        )
    quantities = parse_quantities(args.quantity, "--quantity")
    shares = {}
    for item in args.content_share:
        name, sep, share = item.partition("=")
        if not sep or not name.strip():
            raise InvalidEntryError(f"--content-share {item!r}: write NAME=PERCENT, e.g. steel=50")
        shares[name.strip()] = share.strip()
    contents_at_shares(parse_amount("--value", args.value), shares)  # refused here, before the schedule loads
    origins: list[str] | str | None = args.origin
    if args.origin and len(args.origin) == 1 and args.origin[0] in ("partners", "all"):
        origins = args.origin[0]
    schedule = load_schedule(args.schedule)
    # A code typed by hand must name a tariff line (on the day, or on some day of the period): the
    # library's panel answers any code as not computable, but a row for a line that does not exist
    # is a typo passed over in silence.
    days = [on] if on is not None else [period.start] if period is not None else []
    if period is not None and period.end is not None:
        days += sorted({m.validity.start for m in schedule.measures if period.contains(m.validity.start)})
    for code in args.product or ():
        _exists(schedule, ProductCode.parse(code), days)
    progress, close = _progress(args.quiet)
    try:
        result = panel(
            schedule,
            on,
            period=period,
            products=args.product,
            origins=origins,
            value=args.value,
            claims=args.claim,
            quantities=quantities or None,
            content_shares=shares or None,
            progress=progress,
        )
    finally:
        close()
    try:
        rows = result.to_parquet(args.out)
    except ImportError as e:
        raise InvalidEntryError(f"writing parquet needs pyarrow: pip install 'tariffcalc[panel]' ({e})") from None
    print(f"{rows} rows ({len(result.products)} products x {len(result.origins)} origins) written to {args.out}")
    print(f"{result.resolutions} resolutions for {len(result.products) * len(result.origins)} cells per day")
    if on is not None:
        print(f"all origins: {result.summary()}")
        if args.by_origin:
            print("by origin, unweighted over the products whose rate is known:")
            for origin, summary in result.by_origin().items():
                mean = "n/a" if summary.mean is None else f"{summary.mean}%"
                left = 100 * summary.not_computable / max(summary.products, 1)
                print(
                    f"  {origin}  mean {mean}  left out: {summary.not_computable} of {summary.products} ({left:.1f}%)"
                )
    return 0
