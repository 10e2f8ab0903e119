"""
Hostile files are refused before they are parsed: quickly, in little
memory, with one clear message (``tests/data/hostile/``).
"""

from __future__ import annotations

import gzip
import os
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest

from tariffcalc.cli import main
from tariffcalc.errors import DataFileError, TariffError
from tariffcalc.io._limits import MAX_DEPTH, MAX_LIST_BYTES
from tariffcalc.io.datafiles import parse_dataset, read_dataset
from tariffcalc.io.hts import HtsFileError, read_rows

HOSTILE = Path(__file__).parent / "data" / "hostile"
#: Every refusal must stay well under this much Python memory.
MEMORY = 200_000_000


def _peak(action: Callable[[], object]) -> tuple[BaseException | None, int]:
    tracemalloc.start()
    try:
        action()
    except Exception as e:
        error: BaseException | None = e
    else:
        error = None
    finally:
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    return error, peak


def _refused(action: Callable[[], object], kind: type[TariffError], words: str) -> str:
    error, peak = _peak(action)
    assert isinstance(error, kind), repr(error)
    assert words in str(error)
    assert peak < MEMORY
    return str(error)


@pytest.fixture
def dotted(tmp_path: Path) -> Path:
    path = tmp_path / "dotted.toml"
    path.write_bytes(gzip.decompress((HOSTILE / "dotted-key.toml.gz").read_bytes()))
    assert path.stat().st_size > 199_000
    return path


@pytest.fixture
def bomb(tmp_path: Path) -> Path:
    path = tmp_path / "bomb.json.gz"
    with gzip.open(path, "wb", compresslevel=9) as f:
        for _ in range(1000):
            f.write(b" " * 1_000_000)
    assert path.stat().st_size < 1_100_000
    return path


def test_a_long_dotted_key_is_refused_before_parsing(dotted: Path) -> None:
    message = _refused(lambda: read_dataset(dotted), DataFileError, "a key is nested more than")
    assert len(message.splitlines()) == 2  # the headline and one problem


def test_deep_nesting_is_refused_not_a_recursion_error() -> None:
    _refused(lambda: read_dataset(HOSTILE / "deep.toml"), DataFileError, "brackets are nested more than")
    text = "x = " + "{a = " * 1000 + "1" + "}" * 1000
    _refused(lambda: parse_dataset(text), DataFileError, "brackets are nested more than")


def test_nesting_at_the_limit_is_still_read_by_the_parser() -> None:
    # The limit refuses only what is deeper than MAX_DEPTH; a shallower file goes to the parser.
    text = "x = " + "[" * MAX_DEPTH + "]" * MAX_DEPTH
    with pytest.raises(DataFileError) as info:
        parse_dataset(text)
    assert "nested" not in str(info.value)
    assert "unknown field(s) x" in str(info.value)


def test_a_gzip_bomb_is_refused_while_decompressing(bomb: Path) -> None:
    _refused(lambda: read_rows(bomb), HtsFileError, "decompresses to more than")


def test_deep_json_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text("[" * 100_000 + "]" * 100_000)
    _refused(lambda: read_rows(path), HtsFileError, "brackets are nested more than")


def test_the_command_refuses_hostile_files_in_one_line_each(
    dotted: Path, bomb: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for argv in (["validate", str(dotted)], ["validate", str(HOSTILE / "deep.toml")], ["hts-report", str(bomb)]):
        assert main(argv) == 2
        err = capsys.readouterr().err
        assert err.startswith("tariffcalc: error: ")
        assert "Traceback" not in err


def test_a_product_list_outside_the_data_directory_is_refused_unread() -> None:
    message = _refused(lambda: read_dataset(HOSTILE / "escape.toml"), DataFileError, "'..' is not allowed")
    assert "root:" not in message  # nothing of the file it named is echoed


def _measure(products_file: str) -> str:
    return f"""
[instruments."EO 1"]
title = "An order"
known_on = 2025-01-01
[[measures]]
id = "m"
title = "M"
kind = "additional"
rate = "10%"
products_file = {products_file!r}
origins = "JP"
validity = "2025-01-01/"
[measures.citation]
instrument = "EO 1"
"""


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("/etc/passwd", "give a path relative to the data file"),
        ("lists/../../x.txt", "'..' is not allowed"),
        ("..\\\\x.txt", "give a path relative to the data file"),
        ("", "give a path relative to the data file"),
    ],
)
def test_product_list_names_must_be_relative_and_inside(tmp_path: Path, name: str, words: str) -> None:
    (tmp_path / "m.toml").write_text(_measure(name))
    _refused(lambda: read_dataset(tmp_path), DataFileError, words)


def test_a_link_out_of_the_data_directory_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("8703\n")
    data = tmp_path / "data"
    data.mkdir()
    (data / "codes.txt").symlink_to(outside)
    (data / "m.toml").write_text(_measure("codes.txt"))
    _refused(lambda: read_dataset(data), DataFileError, "leads outside the data directory")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_as_product_list_is_refused_without_opening_it(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "codes.txt")
    (tmp_path / "m.toml").write_text(_measure("codes.txt"))
    _refused(lambda: read_dataset(tmp_path), DataFileError, "is not a regular file")


def test_a_large_product_list_is_refused(tmp_path: Path) -> None:
    (tmp_path / "codes.txt").write_text("8703\n" * (MAX_LIST_BYTES // 5 + 1))
    (tmp_path / "m.toml").write_text(_measure("codes.txt"))
    _refused(lambda: read_dataset(tmp_path), DataFileError, "at most 1,000,000 are read")


def test_a_product_list_in_a_subdirectory_is_read(tmp_path: Path) -> None:
    (tmp_path / "lists").mkdir()
    (tmp_path / "lists" / "codes.txt").write_text("# codes\n8703\n")
    (tmp_path / "m.toml").write_text(_measure("lists/codes.txt"))
    assert str(read_dataset(tmp_path).measures[0].products) == "8703"
