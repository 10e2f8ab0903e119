"""
The ``tariffcalc`` command.

Each subcommand lives in its own module under ``tariffcalc._commands`` and
registers itself through a ``register(subparsers)`` function; this module
only wires them together and keeps the conventions of a terminal tool:

- every :class:`TariffError`, and any :class:`OSError` the file system
  raises, is one line on standard error (a data-file error with several
  problems: one line each) and exit status 2, never a traceback; with ``--json`` it is a JSON object ``{"error": {...}}``
  on standard output instead, still with exit status 2;
- a reader that goes away (``tariffcalc measures | head -2``) ends the
  command quietly with status 141 (128 + SIGPIPE, as a shell reports it);
- Ctrl-C ends it with one line and status 130 (128 + SIGINT);
- ``tariffcalc --version`` prints the version.

>>> main(["rate", "--json"])
{"error": {"type": "usage", "message": "the following arguments are required: product, --origin, --date"}}
2
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import sys
from collections.abc import Sequence

from tariffcalc._version import __version__
from tariffcalc.errors import TariffError

__all__ = ["main"]

#: Modules under tariffcalc._commands, each with ``register(subparsers)``.
COMMANDS: tuple[str, ...] = (
    "explain",
    "measures",
    "validate",
    "hts_report",
    "refund",
    "diff",
    "panel",
    "coverage",
    "offset",
    "audit",
)


#: Exit statuses of a command ended by a signal, as a shell reports them (128 + the signal's number).
EXIT_BROKEN_PIPE = 141
EXIT_INTERRUPTED = 130


class _Parser(argparse.ArgumentParser):
    #: Whether the command line asked for JSON (set by :func:`main` before parsing, since a usage
    #: error can come before ``--json`` is parsed).
    wants_json = False

    def error(self, message: str) -> None:  # type: ignore[override]
        # argparse's own usage errors: one line, exit 2, like every other bad input.
        if _Parser.wants_json:
            _print_json_error("usage", message)
            self.exit(2)
        self.exit(2, f"{self.prog}: error: {message}\n")


def _print_json_error(kind: str, message: str) -> None:
    print(json.dumps({"error": {"type": kind, "message": message}}, ensure_ascii=False))


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every available subcommand."""
    parser = _Parser(prog="tariffcalc", description="Which duties apply, how much, and why.")
    parser.add_argument("--version", action="version", version=f"tariffcalc {__version__}")
    subparsers = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    for name in COMMANDS:
        try:
            module = importlib.import_module(f"tariffcalc._commands.{name}")
        except ModuleNotFoundError as e:  # a command still being written
            if e.name != f"tariffcalc._commands.{name}":
                raise
            continue
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    words = sys.argv[1:] if argv is None else list(argv)
    _Parser.wants_json = "--json" in words
    try:
        return _run(words)
    except BrokenPipeError:
        # The reader went away: say nothing more, and stop Python's own flush at exit from
        # failing on the closed pipe (the recipe of the signal module's documentation).
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
        return EXIT_BROKEN_PIPE
    except KeyboardInterrupt:
        print("tariffcalc: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED


def _run(words: list[str]) -> int:
    try:
        args = build_parser().parse_args(words)
    except SystemExit as e:  # a usage error, --help or --version: argparse has said what it had to
        return e.code if isinstance(e.code, int) else 2
    try:
        status: int = args.run(args)
    except TariffError as e:
        problems = getattr(e, "problems", None)
        if isinstance(problems, tuple) and len(problems) == 1:  # one problem: one line
            text = f"{getattr(e, 'headline', '')}: {problems[0]}"
        else:
            text = str(e) or type(e).__name__
        if getattr(args, "json", False):
            _print_json_error(type(e).__name__, text)
            return 2
        first_line, *rest = text.splitlines()
        print(f"tariffcalc: error: {first_line}", file=sys.stderr)
        for line in rest:
            print(line, file=sys.stderr)
        return 2
    except BrokenPipeError:
        raise  # the reader went away: main ends quietly
    except OSError as e:  # the file system refused (a path the guards could not foresee): one line, no traceback
        where = f"{e.filename}: " if e.filename else ""
        if getattr(args, "json", False):
            _print_json_error(type(e).__name__, f"{where}{e.strerror or e}")
            return 2
        print(f"tariffcalc: error: {where}{e.strerror or e}", file=sys.stderr)
        return 2
    sys.stdout.flush()  # a closed pipe shows here, inside main, rather than at interpreter exit
    return status


if __name__ == "__main__":
    sys.exit(main())
