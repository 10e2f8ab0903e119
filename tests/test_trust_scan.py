"""
The pre-scan of :mod:`tariffcalc.io._limits` runs in linear time: crafted
files that made the old backtracking patterns quadratic are refused (or
read) in under a second and in under 200 MB (``tests/data/hostile/``).
"""

from __future__ import annotations

import gzip
import json
import resource
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest

from tariffcalc.cli import main
from tariffcalc.errors import DataFileError
from tariffcalc.io._limits import MAX_JSON_CONTAINERS, json_problem, toml_problem
from tariffcalc.io.datafiles import parse_dataset, read_dataset
from tariffcalc.io.hts import HtsFileError, read_rows

HOSTILE = Path(__file__).parent / "data" / "hostile"
SECONDS = 1.0
MEMORY = 200_000_000


def _bounded(action: Callable[[], object]) -> BaseException | None:
    """
    Run *action*; fail unless it took under a second of this process's CPU (not the wall clock, which a
    loaded machine stretches: a quadratic scan of these inputs takes minutes) and under 200 MB; the
    exception it raised.
    """
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    tracemalloc.start()
    start = time.process_time()
    try:
        action()
    except Exception as e:
        error: BaseException | None = e
    else:
        error = None
    finally:
        took = time.process_time() - start
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    grown = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) * 1024  # kB on Linux
    assert took < SECONDS, f"took {took:.2f} s"
    assert peak < MEMORY, f"peak {peak:,} bytes"
    assert grown < MEMORY, f"the process grew by {grown:,} bytes"
    return error


def test_a_1kb_gzip_of_escaped_quotes_is_read_quickly() -> None:
    assert (HOSTILE / "quotes.json.gz").stat().st_size < 1100
    error = _bounded(lambda: read_rows(HOSTILE / "quotes.json.gz"))
    assert isinstance(error, HtsFileError)
    assert "not a readable USITC JSON export" in str(error)  # the string never ends: the parser says so


def test_a_60kb_gzip_of_empty_objects_is_refused_by_count() -> None:
    assert (HOSTILE / "objects.json.gz").stat().st_size < 61_000
    error = _bounded(lambda: read_rows(HOSTILE / "objects.json.gz"))
    assert isinstance(error, HtsFileError)
    assert f"at most {MAX_JSON_CONTAINERS:,} are read" in str(error)


def test_a_40kb_toml_line_of_open_quotes_is_read_quickly() -> None:
    text = (HOSTILE / "quotes-line.toml").read_text(encoding="utf-8")
    assert len(text) > 40_000
    error = _bounded(lambda: read_dataset(HOSTILE / "quotes-line.toml"))
    assert isinstance(error, DataFileError)
    assert "not valid TOML" in str(error)


@pytest.mark.parametrize(
    "text",
    [
        "'''" * 14_000,
        '"""' * 14_000,
        '"\\' * 20_000,
        "'" * 40_000,
        "#" + "'" * 40_000,
        "a" + ".b" * 20_000,
        "x = [" + "'a', " * 8_000 + "]",
    ],
)
def test_the_toml_scan_is_linear(text: str) -> None:
    _bounded(lambda: toml_problem(text))
    _bounded(lambda: toml_problem(text * 10))


@pytest.mark.parametrize(
    "data",
    [b'"' * 1_000_000, b'["' + b'\\"' * 1_000_000, b'"\\' * 500_000, b"]" * 999_000, b'"ab",' * 400_000],
)
def test_the_json_scan_is_linear(data: bytes) -> None:
    _bounded(lambda: json_problem(data))


def test_strings_do_not_hide_or_fake_nesting() -> None:
    # Brackets inside strings (with escaped quotes and backslashes) count for nothing.
    assert json_problem(json.dumps(["[" * 100, '\\"[[[', "\\"]).encode()) is None
    deep = b"[" * 40 + json.dumps(["]]]]" * 20, "\\"]).encode() + b"]" * 40
    assert json_problem(deep) is not None
    assert toml_problem('a = \'[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\'\nb = "]]]]\\"]]"') is None


def test_a_huge_integer_in_hts_json_is_one_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    path.write_text('[{"htsno": "0101", "indent": ' + "9" * 5000 + "}]")
    error = _bounded(lambda: read_rows(path))
    assert isinstance(error, HtsFileError)
    assert "not a readable USITC JSON export" in str(error)


def test_a_huge_integer_makes_hts_report_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "big.json.gz"
    path.write_bytes(gzip.compress(b'[{"indent": ' + b"1" * 5000 + b"}]"))
    assert main(["hts-report", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("tariffcalc: error: ")
    assert len(err.splitlines()) == 1


def test_a_products_file_link_loop_is_one_problem(tmp_path: Path) -> None:
    (tmp_path / "a.txt").symlink_to(tmp_path / "b.txt")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    (tmp_path / "m.toml").write_text(
        '[instruments."EO 1"]\ntitle = "An order"\nknown_on = 2025-01-01\n[[measures]]\nid = "m"\n'
        'title = "M"\nkind = "additional"\nrate = "10%"\nproducts_file = "a.txt"\norigins = "JP"\n'
        'validity = "2025-01-01/"\n[measures.citation]\ninstrument = "EO 1"\n'
    )
    error = _bounded(lambda: read_dataset(tmp_path))
    assert isinstance(error, DataFileError)
    assert "a loop of symbolic links" in str(error)


def test_toml_at_the_limit_still_parses() -> None:
    with pytest.raises(DataFileError) as info:
        parse_dataset("x = " + "[" * 32 + "]" * 32)
    assert "nested" not in str(info.value)
