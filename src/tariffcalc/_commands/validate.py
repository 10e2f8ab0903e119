"""
``tariffcalc validate PATH``: read a data file or a directory of them, check
every field and the schedule they form, and report every problem at once
(file, line, field path); exit 0 when valid, 2 otherwise.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tariffcalc.errors import DataFileError, UnknownScheduleError

if TYPE_CHECKING:
    from tariffcalc.io.datafiles import DataSet

__all__ = ["register", "run"]


def register(subparsers: Any) -> None:
    """Add the ``validate`` subcommand."""
    parser = subparsers.add_parser(
        "validate",
        help="check a data file or directory and report every problem",
        description="Check a TOML data file (or every *.toml file of a directory) and the schedule it forms.",
    )
    parser.add_argument(
        "path", nargs="?", help="a data file or a directory of data files; - reads one data file from standard input"
    )
    parser.add_argument(
        "--packaged",
        action="store_true",
        help="check that the packaged schedules build and match the fingerprints pinned in the package",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Print a summary when valid; problems raise :class:`~tariffcalc.errors.DataFileError`."""
    from tariffcalc.io.datafiles import read_dataset

    if args.packaged:
        return _packaged()
    if args.path is None:
        raise UnknownScheduleError("give a data file or directory to check, or --packaged")
    if args.path == "-":  # one data file from standard input (a directory cannot come from there)
        data = read_dataset("-")
        _summary("<stdin>", data)
        return 0
    path = Path(args.path)
    if not path.exists():
        raise UnknownScheduleError(f"{path}: no such file or directory; give a data file or a directory of them")
    _summary(str(path), data=read_dataset(path))
    return 0


def _summary(path: str, data: DataSet) -> None:
    schedule = data.to_schedule()
    print(
        f"{path}: valid schedule {schedule.name!r}: {len(schedule.measures)} measures, "
        f"{len(schedule.suspensions)} suspensions, {len(schedule.rules)} rules, {len(schedule.groups)} groups, "
        f"{len(data.instruments)} instruments; fingerprint {schedule.fingerprint}"
    )


def _packaged() -> int:
    from tariffcalc.datasets import NAMES, check_packaged, pinned_fingerprints

    problems = check_packaged()
    if problems:
        raise DataFileError("the packaged data does not match its pinned fingerprints", problems)
    pinned = pinned_fingerprints()
    for name in NAMES:
        print(f"{name}: fingerprint {pinned[name]} matches the pin")
    return 0
