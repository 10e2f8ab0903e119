"""
Every ``tariffcalc`` subcommand driven by Hypothesis, in process: generated
arguments, options, values and input files (raw bytes, text in several
encodings, CSV, TOML, JSON, gzip). Each call must end with exit status 0, 1
or 2, and a failure must say what went wrong on standard error starting
with ``tariffcalc`` (a data file's several problems: one line each), never a
traceback and never an exception out of :func:`tariffcalc.cli.main`.

Bounded: a few dozen examples per command, a per-example deadline, a small
schedule written here (one instrument, one 10% measure) for most calls and
the packaged one only where a command needs it, so the whole module runs in
well under a minute on one core. Each crash this fuzz found is fixed in the
library and kept as an ``@example``.
"""

from __future__ import annotations

import contextlib
import gzip
import io
import itertools
import json
import os
import sys
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from tariffcalc.cli import COMMANDS, build_parser, main

#: One valid data file: one instrument, one additional 10% measure on everything.
SMALL = """\
[schedule]
name = "fuzz"

[instruments."EO 1"]
title = "An example order"
known_on = 2025-01-01

[[measures]]
id = "mfn"
title = "MFN"
kind = "base"
rate = "2%"
products = "all"
origins = "all"
validity = "2024-01-01/"
[measures.citation]
instrument = "EO 1"

[[measures]]
id = "x"
title = "X"
kind = "additional"
rate = "10%"
products = "all"
origins = "all"
validity = "2025-01-01/"
[measures.citation]
instrument = "EO 1"
"""

#: One valid scenario (the shape of the packaged ``jp-deal-from-may``).
SCENARIO = """\
name = "fuzz"
description = "A what-if."

[instrument]
id = "what-if fuzz"
title = "A hypothetical"
known_on = 2025-05-20

[[changes]]
change = "all-in"
origin = "JP"
rate = 15
start = 2025-05-01
authorities = ["reciprocal"]
id = "what-if.fuzz"
"""

ENTRIES = "entry,line,hts,origin,entry_date,value,liquidation_date,duty_paid\nA,1,9503.00.00.90,JP,2025-05-01,1000,,\n"
BOOK = "product,origin,date,value\n8708.30.50.90,JP,2025-05-20,1000\n"
HTS_ROWS = [
    {"htsno": "9503.00.00", "indent": "0", "description": "Toys", "general": "Free", "special": "", "other": "70%"}
]

# ----------------------------------------------------------------------------- values

_JUNK = st.one_of(
    st.text(max_size=20),
    st.from_regex(r"[0-9.,eE+\-%$/ a-zA-Z=@]{0,16}", fullmatch=True),
    st.sampled_from(
        ["", "-", "0", "-1", "abc", "1e400", "NaN", "Infinity", "=1+1", "@SUM(A1)", "a" * 300, "x\x00y", "\t=1", "é"]
    ),
)


def _mostly(good: list[str], bad: list[str]) -> st.SearchStrategy[str]:
    """A good value about four times in five, else a bad one or junk (so most calls get past the first check)."""
    kinds = {"good": st.sampled_from(good), "bad": st.sampled_from(bad), "junk": _JUNK}
    return st.sampled_from(["good"] * 8 + ["bad", "junk"]).flatmap(kinds.__getitem__)


_DAY = _mostly(["2025-05-01", "2025-09-10", "2026-04-20"], ["2024-02-29", "2025-02-30", "9999-12-31", "0001-01-01"])
_PRODUCT = _mostly(
    ["9503.00.00.90", "8703.23.01.90", "8708.30.50.90", "9403.60.80.93"], ["9999.99.99.99", "87", "0", "9503"]
)
_ORIGIN = _mostly(["JP", "CN", "GB"], ["jp", "XX", "all", "@eu", "EU"])
_AMOUNT = _mostly(["1000", "10000", "0.01"], ["0", "-5", "1e30", "0.001"])
_CLAIM = _mostly(["usmca", "uk-auto-trq", "auto-offset", "donation"], ["ddonation", "USMCA"])
_CONTENT = _mostly(["steel=500", "us=300"], ["steel", "=5", "steel=abc", "bogus=1", "steel=-1"])
_QUANTITY = _mostly(["10kg", "2 No.", "5liter"], ["10kgz", "kg", "-1kg", "1e400kg"])

# ----------------------------------------------------------------------------- files


def _csv(header: list[str], rows: list[list[str]]) -> str:
    out = io.StringIO()
    for line in [header, *rows]:
        out.write(",".join(line) + "\n")
    return out.getvalue()


_CELL = st.one_of(_JUNK, _DAY, _PRODUCT, _ORIGIN, _AMOUNT, st.just(""), st.just('"a,b"'))
_COLUMNS = [
    "entry",
    "line",
    "hts",
    "origin",
    "entry_date",
    "value",
    "liquidation_date",
    "duty_paid",
    "product",
    "date",
    "Entry Number",
]
_CSV = st.builds(
    _csv,
    st.one_of(
        st.just(ENTRIES.splitlines()[0].split(",")),
        st.just(BOOK.splitlines()[0].split(",")),
        st.lists(st.sampled_from(_COLUMNS), max_size=8),
    ),
    st.lists(st.lists(_CELL, max_size=9), max_size=4),
)

_KEY = st.one_of(st.sampled_from(["name", "id", "changes", "instrument", "measures", "rate", "change", "start"]), _JUNK)
_TOML_VALUE = st.one_of(
    st.integers(-(10**6), 10**6).map(str),
    _JUNK.map(json.dumps),
    st.sampled_from(["true", "false", "2025-05-01", "[]", "[1]", "{}", '["JP"]', "1e400", "inf"]),
)
_TOML = st.one_of(
    st.lists(st.tuples(_KEY.map(json.dumps), _TOML_VALUE).map(" = ".join), max_size=6).map("\n".join),
    # A valid file with one line deleted, duplicated or garbled.
    st.tuples(
        st.sampled_from([SMALL, SCENARIO]), st.integers(0, 40), st.sampled_from(["drop", "dup", "cut", "junk"])
    ).map(lambda t: _edit(*t)),
    st.sampled_from([SMALL, SCENARIO, "[[changes]]\n" * 3, "a = " + "[" * 40, "[instrument]\nid = 1\n"]),
)


def _edit(text: str, at: int, how: str) -> str:
    lines = text.splitlines()
    i = at % len(lines)
    if how == "drop":
        del lines[i]
    elif how == "dup":
        lines.insert(i, lines[i])
    elif how == "cut":
        lines[i] = lines[i][: len(lines[i]) // 2]
    else:
        lines[i] = lines[i].replace("=", "= 1 +", 1)
    return "\n".join(lines) + "\n"


_JSON_VALUE = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=10), st.floats(allow_nan=False)),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3),
    max_leaves=10,
)
_JSON = st.one_of(
    _JSON_VALUE.map(json.dumps),
    st.just(json.dumps(HTS_ROWS)),
    st.lists(st.fixed_dictionaries({k: st.one_of(st.just(v), _JUNK) for k, v in HTS_ROWS[0].items()}), max_size=3).map(
        json.dumps
    ),
)

#: A file's contents: what it is (its name's ending) and its bytes.
_FILE = st.one_of(
    st.tuples(st.just(".csv"), _CSV.map(str.encode)),
    st.tuples(st.just(".csv"), st.sampled_from([ENTRIES, BOOK]).map(str.encode)),
    st.tuples(st.just(".csv"), st.sampled_from([ENTRIES, BOOK]).map(str.encode)),
    st.tuples(st.just(".toml"), st.sampled_from([SMALL, SCENARIO]).map(str.encode)),
    st.tuples(st.just(".toml"), _TOML.map(str.encode)),
    st.tuples(st.just(".json"), _JSON.map(str.encode)),
    st.tuples(st.just(".json.gz"), _JSON.map(lambda t: gzip.compress(t.encode(), mtime=0))),
    st.tuples(st.just(".json.gz"), st.binary(max_size=64)),
    st.tuples(st.sampled_from([".csv", ".toml", ".json", ".txt"]), st.binary(max_size=200)),
    st.tuples(
        st.sampled_from([".csv", ".toml", ".txt"]),
        st.tuples(st.text(max_size=100), st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "latin-1"])).map(
            lambda t: t[0].encode(t[1], errors="replace")
        ),
    ),
)


class Place:
    """The fuzz's scratch directory: the small schedule, the drawn files and fresh output paths."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.small = root / "small.toml"
        self.small.write_text(SMALL, encoding="utf-8")
        (root / "adir").mkdir()
        self._count = itertools.count()

    def file(self, name: str, suffix: str, data: bytes) -> str:
        path = self.root / f"{name}{suffix}"
        path.write_bytes(data)
        return str(path)

    def fresh(self, suffix: str = "") -> str:
        return str(self.root / f"out{next(self._count)}{suffix}")


@pytest.fixture(scope="module")
def place(tmp_path_factory: pytest.TempPathFactory) -> Place:
    return Place(tmp_path_factory.mktemp("fuzz"))


# ----------------------------------------------------------------------------- arguments

#: Markers in a drawn command line that stand for paths made in the scratch directory.
FILE, SMALL_SCHEDULE, DIRECTORY, MISSING, OUT, OUT_DIR, STDIN = (
    "<file>",
    "<small>",
    "<dir>",
    "<missing>",
    "<out>",
    "<out-dir>",
    "-",
)
#: The packaged schedule without base duties (built once per process, then in memory).
PACKAGED = "us-2025-measures"
_PATH = st.sampled_from([FILE] * 8 + [DIRECTORY, MISSING, STDIN, "/dev/null", "a" * 300 + ".toml"])
_SCHEDULE = st.one_of(st.sampled_from([SMALL_SCHEDULE, SMALL_SCHEDULE, PACKAGED]), _PATH, _JUNK)


def _options(table: dict[str, st.SearchStrategy[str] | None]) -> st.SearchStrategy[list[str]]:
    """Some of *table*'s options (``None``: a flag), each with a drawn value, in any order."""

    def words(pair: tuple[str, str | None]) -> list[str]:
        return [pair[0]] if pair[1] is None else [pair[0], pair[1]]

    choices = [st.tuples(st.just(name), value if value is not None else st.none()) for name, value in table.items()]
    return st.lists(st.one_of(choices), max_size=5).map(lambda pairs: [w for p in pairs for w in words(p)])


def _line(*parts: st.SearchStrategy[list[str]]) -> st.SearchStrategy[list[str]]:
    return st.tuples(*parts).map(lambda ps: [w for p in ps for w in p])


def _required(option: str, value: st.SearchStrategy[str]) -> st.SearchStrategy[list[str]]:
    """*option* with a value, or (about one time in ten) left out."""
    given = value.map(lambda v: [option, v])
    return st.sampled_from([True] * 9 + [False]).flatmap(lambda yes: given if yes else st.just([]))


def _word(value: st.SearchStrategy[str]) -> st.SearchStrategy[list[str]]:
    return value.map(lambda v: [v])


_ENTRY_OPTIONS: dict[str, st.SearchStrategy[str] | None] = {
    "--value": _AMOUNT,
    "--loaded": _DAY,
    "--known": _DAY,
    "--content": _CONTENT,
    "--quantity": _QUANTITY,
    "--claim": _CLAIM,
    "--schedule": _SCHEDULE,
    "--mode": st.one_of(st.sampled_from(["sea", "air", "truck", "rail"]), _JUNK),
    "--informal": None,
    "--formal": None,
    "--postal": None,
    "--express": None,
    "--json": None,
}
_ENTRY = _line(
    _word(_PRODUCT),
    _required("--origin", _ORIGIN),
    _required("--date", _DAY),
    st.just(["--schedule", SMALL_SCHEDULE]),
    _options(_ENTRY_OPTIONS),
)

#: Each subcommand's drawn command lines (without the command's name).
_BATCH_OPTIONS: dict[str, st.SearchStrategy[str] | None] = {
    "--format": st.one_of(st.sampled_from(["csv", "jsonl", "xlsx", "text"]), _JUNK),
    "--out": st.sampled_from([OUT, OUT, DIRECTORY, MISSING + "/x.csv", "a" * 300 + ".csv"]),
    "--schedule": _SCHEDULE,
    "--json": None,
}
#: A batch of entry lines: ``rate FILE`` / ``explain FILE`` (a CSV, a sheet or standard input).
_BATCH = _line(_word(_PATH), st.just(["--schedule", SMALL_SCHEDULE]), _options(_BATCH_OPTIONS))

ARGUMENTS: dict[str, st.SearchStrategy[list[str]]] = {
    "rate": _ENTRY | _BATCH,
    "explain": _line(_ENTRY, _options({"--brief": None})) | _BATCH,
    "audit": _line(
        _word(_PATH),
        st.just(["--schedule", SMALL_SCHEDULE]),
        _options({"--tolerance": st.one_of(_AMOUNT, _JUNK), "--schedule": _SCHEDULE, "--json": None}),
    ),
    "measures": _line(
        st.just(["--schedule", SMALL_SCHEDULE]),
        _options({"--search": _JUNK, "--schedule": _SCHEDULE, "--base": None, "--json": None}),
    ),
    # (``validate --packaged`` reads no input and builds both packaged schedules: tested in test_trust_cli.)
    "validate": _line(_word(_PATH)) | st.just([]),
    "hts-report": _line(_word(_PATH), _options({"--json": None})),
    "coverage": _options({"--hts": _PATH, "--json": None}),
    "refund": _line(
        _word(_PATH),
        st.just(["--schedule", SMALL_SCHEDULE]),
        _options(
            {
                "--cape-out": st.sampled_from([OUT_DIR, OUT_DIR, OUT_DIR, DIRECTORY, FILE, MISSING + "/x", "a" * 300]),
                "--known": _DAY,
                "--as-of": _DAY,
                "--schedule": _SCHEDULE,
                "--json": None,
                "--out": st.sampled_from([OUT, OUT, OUT, DIRECTORY, MISSING + "/x.csv", "a" * 300 + ".csv"]),
            }
        ),
    ),
    "diff": _line(
        _word(_PRODUCT),
        _required("--scenario", st.one_of(_PATH, st.sampled_from(["jp-deal-from-may", "jp-deal-from-may", "nope"]))),
        _required("--origin", _ORIGIN),
        st.one_of(
            st.sampled_from(
                [["--from", "2025-04-01", "--to", "2025-06-01"], ["--from", "2025-08-01", "--to", "2025-08-03"]]
            ),
            st.tuples(_required("--from", _DAY), _required("--to", _DAY)).map(lambda p: p[0] + p[1]),
        ),
        st.sampled_from([["--schedule", SMALL_SCHEDULE], ["--schedule", PACKAGED], ["--schedule", PACKAGED]]),
        _options({"--value": _AMOUNT, "--known": _DAY, "--claim": _CLAIM, "--schedule": _SCHEDULE, "--json": None}),
    ),
    "panel": _line(
        st.one_of(_required("--on", _DAY), _required("--period", st.sampled_from(["2025-04-01/2025-04-03", "x/y"]))),
        _required("--out", st.sampled_from([OUT + ".parquet", DIRECTORY, MISSING + "/x.parquet", "a" * 300])),
        st.just(["--product", "9503.00.00.90", "--origin", "JP", "--schedule", SMALL_SCHEDULE, "--quiet"]),
        _options({"--origin": _ORIGIN, "--product": _PRODUCT, "--value": _AMOUNT, "--schedule": _SCHEDULE}),
    ),
    "offset": _line(
        _word(_PATH),
        st.one_of(_required("--allowance", _AMOUNT), _required("--msrp", _AMOUNT)),
        st.sampled_from([["--schedule", SMALL_SCHEDULE], ["--schedule", PACKAGED], ["--schedule", PACKAGED]]),
        _options(
            {
                "--assembled": _DAY,
                "--vehicles": st.sampled_from(["cars", "mhdv", "bikes"]),
                "--known": _DAY,
                "--schedule": _SCHEDULE,
                "--json": None,
            }
        ),
    ),
}


def test_every_subcommand_is_fuzzed() -> None:
    parser = build_parser()
    action = next(a for a in parser._actions if a.dest == "command")
    assert set(action.choices) == set(ARGUMENTS), "a new subcommand needs its arguments here"  # type: ignore[arg-type]
    assert len(COMMANDS) >= 9


def _concrete(place: Place, argv: list[str], files: list[tuple[str, bytes]]) -> list[str]:
    named = iter(place.file(f"in{i}", suffix, data) for i, (suffix, data) in enumerate(files))
    out: list[str] = []
    for word in argv:
        if word == FILE:
            word = next(named, str(place.small))
        elif word == SMALL_SCHEDULE:
            word = str(place.small)
        elif word == DIRECTORY:
            word = str(place.root / "adir")
        elif word.startswith(MISSING):
            word = str(place.root / "missing") + word[len(MISSING) :]
        elif word.startswith(OUT_DIR):
            word = place.fresh()
        elif word.startswith(OUT):
            word = place.fresh(word[len(OUT) :] or ".csv")
        out.append(word)
    return out


@contextlib.contextmanager
def _stdin(data: bytes) -> Iterator[None]:
    saved = sys.stdin
    sys.stdin = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8")
    try:
        yield
    finally:
        sys.stdin = saved


def _run(argv: list[str], stdin: bytes) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with _stdin(stdin), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(argv)
    return status, out.getvalue(), err.getvalue()


def check_call(place: Place, command: str, argv: list[str], files: list[tuple[str, bytes]], stdin: bytes) -> None:
    words = [command, *_concrete(place, argv, files)]
    status, out, err = _run(words, stdin)
    assert status in (0, 1, 2), (words, status, err)
    event(f"exit {status}")  # --hypothesis-show-statistics: how often each command gets past its checks
    assert "Traceback" not in err, (words, err)
    assert "Traceback" not in out, (words, out)
    if status == 2:
        if "--json" in words and not err:  # the error is a JSON object on standard output
            assert "error" in json.loads(out.splitlines()[-1]), (words, out)
        else:
            first = err.splitlines()[0] if err else ""
            assert first.startswith("tariffcalc"), (words, err)
            assert "error" in first, (words, err)
    if status == 1:  # some rows failed: each is named on standard error (or in the JSON)
        assert err.strip() or "--json" in words, (words, out)


_FILES = st.lists(_FILE, min_size=1, max_size=2)
_STDIN = st.one_of(_FILE.map(lambda f: f[1]), st.just(b""))
#: Examples per subcommand: 40 in the check (about 2 s a command); set TARIFFCALC_FUZZ_EXAMPLES for a longer hunt.
EXAMPLES = int(os.environ.get("TARIFFCALC_FUZZ_EXAMPLES", "40"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=timedelta(seconds=10),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture],
    derandomize=True,
)


#: Crashes the fuzz found, fixed in the library and kept as regressions, by command:
#: (argv, files, stdin), with the markers of ``_concrete`` for paths.
_NO_FILE: list[tuple[str, bytes]] = [(".txt", b"")]
_PANEL = ["--out", OUT + ".parquet", "--product", "9503.00.00.90", "--origin", "JP", "--schedule", SMALL_SCHEDULE]
FOUND: dict[str, list[tuple[list[str], list[tuple[str, bytes]], bytes]]] = {
    # An empty --on (or --period) was read as no day at all: an AssertionError, not "a day is YYYY-MM-DD".
    "panel": [
        (["--on", "", *_PANEL], _NO_FILE, b""),
        (["--period", "", *_PANEL], _NO_FILE, b""),
        # The last day a date can hold: its one-day period's end overflowed (OverflowError).
        (["--on", "9999-12-31", *_PANEL], _NO_FILE, b""),
    ],
}


def _fuzz(command: str) -> Any:
    """The fuzz test of *command*, with the regressions of :data:`FOUND` as explicit examples."""

    def test(place: Place, argv: list[str], files: list[tuple[str, bytes]], stdin: bytes) -> None:
        check_call(place, command, argv, files, stdin)

    test = given(argv=ARGUMENTS[command], files=_FILES, stdin=_STDIN)(test)
    for argv, files, stdin in FOUND.get(command, []):
        test = example(argv=argv, files=files, stdin=stdin)(test)
    test = FUZZ(test)
    test.__name__ = f"test_{command.replace('-', '_')}_never_crashes"
    return test


test_rate_never_crashes = _fuzz("rate")
test_explain_never_crashes = _fuzz("explain")
test_measures_never_crashes = _fuzz("measures")
test_validate_never_crashes = _fuzz("validate")
test_hts_report_never_crashes = _fuzz("hts-report")
test_coverage_never_crashes = _fuzz("coverage")
test_refund_never_crashes = _fuzz("refund")
test_diff_never_crashes = _fuzz("diff")
test_panel_never_crashes = _fuzz("panel")
test_offset_never_crashes = _fuzz("offset")
test_audit_never_crashes = _fuzz("audit")


@pytest.mark.parametrize(
    ("argv", "option"),
    [
        (["rate", "9503.00.00.90", "--origin", "JP", "--date", "2025-05-01", "--known", ""], "--known"),
        (["explain", "9503.00.00.90", "--origin", "JP", "--date", "2025-05-01", "--loaded", ""], "--loaded"),
        (["refund", "<file>", "--as-of", ""], "--as-of"),
        (["refund", "<file>", "--known", ""], "--known"),
        (["panel", "--on", "", *_PANEL], "--on"),
    ],
)
def test_an_empty_day_is_refused_not_ignored(place: Place, argv: list[str], option: str) -> None:
    # These used to be read as "no day given" (an answer as finally known, a route as of today) or, for
    # panel, to trip an assert: a blank day is a mistake to report, like any other bad day.
    words = [argv[0], *_concrete(place, argv[1:], [(".csv", ENTRIES.encode())])]
    if "--schedule" not in words:
        words += ["--schedule", str(place.small)]
    status, out, err = _run(words, b"")
    assert (status, out) == (2, ""), err
    assert err.startswith("tariffcalc: error: "), err
    assert "calendar day" in err or "YYYY-MM-DD" in err, err
