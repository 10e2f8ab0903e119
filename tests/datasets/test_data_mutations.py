"""
Small mutations of the packaged data files (``src/tariffcalc/us/data/us2025/*.toml``,
copied to a scratch directory): a key deleted, renamed or given another
type, a word misspelt, a period's ends swapped, a rate out of range, a block
duplicated, a file cut short. Each mutated directory is built the way the
packaged schedule is built (the MFN measures of the questions' lines, the
measures, rules, groups, programmes and legal status of the data files), and
must either

- be refused with a :class:`~tariffcalc.errors.TariffError` whose every
  problem names a file and a line (never a traceback, never another
  exception), or
- load whole (as many measures as the unmutated files) and answer every
  question below exactly as the unmutated files do: no silently different
  duty.

The sample is seeded (the same mutations on every run) and bounded (about
0.4 s a mutation). Mutations of words only the data-file vocabulary
(declared claims, contents, tags, authorities and laws; country-code case;
duplicated tables) can catch are expected failures, each naming the check.
"""

from __future__ import annotations

import random
import re
import shutil
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from tariffcalc.codes import ProductCode
from tariffcalc.datasets import data_path
from tariffcalc.errors import DataFileError, TariffError
from tariffcalc.io.datafiles import parse_dataset, read_dataset
from tariffcalc.schedule import Schedule

SOURCE = data_path()
FILES = sorted(p.name for p in SOURCE.glob("*.toml"))
SEED = 20251208
#: How many mutations of each kind are drawn (a bound on the module's time).
PER_KIND = 7

#: The fixed questions: (product, origin, day, contents, claims), at a customs value of 10,000.
#: They reach most measure files: autos and their deals, metals, the IEEPA country orders,
#: Section 301, wood, trucks, pharma, Russia, Section 122, a donation and the USMCA claim.
QUESTIONS: tuple[tuple[str, str, str, dict[str, int], tuple[str, ...]], ...] = (
    ("8703.23.01.90", "JP", "2025-05-01", {}, ()),
    ("8703.23.01.90", "GB", "2025-07-01", {}, ("uk-auto-trq",)),
    ("8703.23.01.90", "MX", "2025-05-01", {"us": 4000}, ("usmca",)),
    ("7208.10.15.00", "CN", "2025-06-10", {"steel": 10000}, ()),
    ("9503.00.00.90", "JP", "2025-05-01", {}, ()),
    ("9503.00.00.90", "CN", "2025-04-11", {}, ()),
    ("9503.00.00.90", "CN", "2025-05-01", {}, ("donation",)),
    ("0901.11.00.15", "BR", "2025-09-01", {}, ()),
    ("6109.10.00.12", "IN", "2025-09-01", {}, ()),
    ("7403.11.00.00", "CL", "2025-08-05", {"copper": 10000}, ()),
    ("4407.11.00.01", "CA", "2025-11-01", {}, ()),
    ("8701.21.00.10", "MX", "2025-12-01", {}, ()),
    ("3004.90.92.90", "IE", "2025-10-15", {}, ()),
    ("7606.12.30.90", "RU", "2025-06-01", {"aluminum": 10000}, ()),
    ("8541.41.00.00", "CN", "2025-06-01", {}, ()),
    ("9503.00.00.90", "JP", "2026-03-01", {}, ()),
    ("9403.60.80.93", "VN", "2025-08-10", {}, ()),
    ("8708.30.50.90", "KR", "2025-12-01", {}, ()),
    ("2804.61.00.00", "CN", "2026-01-15", {}, ()),
    ("8806.22.00.00", "CN", "2026-01-10", {}, ()),
    ("9503.00.00.90", "BR", "2026-07-15", {}, ()),
)

# ----------------------------------------------------------------------------- the mutations


@dataclass(frozen=True)
class Mutation:
    """One change to one data file: its text replaced by *text*."""

    kind: str
    file: str
    line: int  # 1-based line of the change (0: the whole file)
    what: str
    text: str
    key: str = ""

    @property
    def id(self) -> str:
        return f"{self.kind}-{self.file}:{self.line}"


def _lines(name: str) -> list[str]:
    return (SOURCE / name).read_text(encoding="utf-8").splitlines(keepends=True)


def _pairs(name: str) -> Iterator[tuple[int, str, str, Any]]:
    """(index, key, value text, value) of every ``key = value`` line whose value fits on the line."""
    for i, line in enumerate(_lines(name)):
        m = re.match(r"^([A-Za-z_][A-Za-z0-9_-]*)\s*=\s*(.+?)\s*$", line)
        if not m:
            continue
        try:
            value = tomllib.loads(line)[m.group(1)]
        except tomllib.TOMLDecodeError:
            continue
        yield i, m.group(1), m.group(2), value


def _with(name: str, i: int, new: str | None) -> str:
    lines = _lines(name)
    if new is None:
        del lines[i]
    else:
        lines[i] = new if new.endswith("\n") else new + "\n"
    return "".join(lines)


def _typo(word: str, rng: random.Random) -> str:
    """*word* with one letter dropped, doubled or swapped with its neighbour."""
    at = rng.randrange(len(word) - 1)
    how = rng.choice(["drop", "double", "swap"])
    if how == "drop":
        return word[:at] + word[at + 1 :]
    if how == "double":
        return word[:at] + word[at] + word[at:]
    return word[:at] + word[at + 1] + word[at] + word[at + 2 :]


def _delete_key(rng: random.Random) -> Iterator[Mutation]:
    for name in FILES:
        for i, key, _, _ in _pairs(name):
            yield Mutation("delete-key", name, i + 1, f"delete {key}", _with(name, i, None), key)


def _rename_key(rng: random.Random) -> Iterator[Mutation]:
    for name in FILES:
        for i, key, text, _ in _pairs(name):
            if len(key) < 3:
                continue
            new = rng.choice([_typo(key, rng), key + "s", key.upper()])
            if new == key:
                continue
            yield Mutation("rename-key", name, i + 1, f"{key} -> {new}", _with(name, i, f"{new} = {text}"), key)


def _change_type(rng: random.Random) -> Iterator[Mutation]:
    for name in FILES:
        for i, key, text, value in _pairs(name):
            if isinstance(value, bool):
                new = f'"{str(value).lower()}"'
            elif isinstance(value, str):
                new = rng.choice(["25", "true", f"[{text}]", "{}"])
            elif isinstance(value, int | float):
                new = f'"{text}"'
            elif isinstance(value, date):
                new = rng.choice([f'"{text}"', "20250101"])
            elif isinstance(value, list):
                new = rng.choice([f'"{", ".join(map(str, value))}"', "1", "[[]]"])
            else:
                continue
            yield Mutation("change-type", name, i + 1, f"{key}: {text} -> {new}", _with(name, i, f"{key} = {new}"), key)


_WORD = re.compile(r"[A-Za-z]{3,}")


def _typo_word(rng: random.Random) -> Iterator[Mutation]:
    for name in FILES:
        for i, key, text, value in _pairs(name):
            if key in {"title", "note", "description", "summary", "source", "published"}:
                continue  # free text: a typo there changes no answer, and nothing can check it
            strings = value if isinstance(value, list) else [value]
            if not all(isinstance(s, str) for s in strings):
                continue
            words = list(_WORD.finditer(text))
            if not words:
                continue
            m = rng.choice(words)
            new_word = _typo(m.group(0), rng)
            new = text[: m.start()] + new_word + text[m.end() :]
            yield Mutation(
                "typo-word", name, i + 1, f"{key}: {m.group(0)} -> {new_word}", _with(name, i, f"{key} = {new}"), key
            )


def _swap_period(rng: random.Random) -> Iterator[Mutation]:
    for name in FILES:
        for i, key, _, value in _pairs(name):
            if isinstance(value, str) and re.fullmatch(r"\d{4}-\d\d-\d\d/\d{4}-\d\d-\d\d", value):
                start, end = value.split("/")
                if start != end:
                    yield Mutation(
                        "swap-period",
                        name,
                        i + 1,
                        f"{key}: {end}/{start}",
                        _with(name, i, f'{key} = "{end}/{start}"'),
                        key,
                    )


def _rate_out_of_range(rng: random.Random) -> Iterator[Mutation]:
    for name in FILES:
        for i, key, _, value in _pairs(name):
            if key == "rate" and isinstance(value, str) and re.fullmatch(r"\d+(\.\d+)?%", value):
                new = rng.choice(["-" + value, "1e30%", "100000%", "-0.5%"])
                yield Mutation(
                    "rate-out-of-range", name, i + 1, f"rate {value} -> {new}", _with(name, i, f'rate = "{new}"'), key
                )


def _duplicate_block(rng: random.Random) -> Iterator[Mutation]:
    for name in FILES:
        lines = _lines(name)
        heads = [i for i, line in enumerate(lines) if re.match(r"^\[\[?[A-Za-z]", line)]
        for n, start in enumerate(heads):
            end = heads[n + 1] if n + 1 < len(heads) else len(lines)
            # The block with the sub-tables that follow it (``[measures.citation]`` and such).
            while (
                end < len(lines)
                and n + 1 < len(heads)
                and "." in lines[end].split("]")[0]
                and not lines[end].startswith("[[")
            ):
                nxt = [h for h in heads if h > end]
                end = nxt[0] if nxt else len(lines)
            block = lines[start:end]
            text = "".join([*lines[:end], "\n", *block, *lines[end:]])
            what = lines[start].strip()
            yield Mutation("duplicate-block", name, start + 1, f"copy {what}", text, what.strip("[]").split(".")[0])


def _truncate(rng: random.Random) -> Iterator[Mutation]:
    for name in FILES:
        lines = _lines(name)
        for i, line in enumerate(lines):
            body = line.rstrip("\n")
            if len(body) < 4 or body.lstrip().startswith("#"):
                continue
            cut = rng.randrange(1, len(body) - 1)
            yield Mutation("truncate", name, i + 1, f"cut at {body[:cut]!r}", "".join(lines[:i]) + body[:cut])


KINDS = (
    _delete_key,
    _rename_key,
    _change_type,
    _typo_word,
    _swap_period,
    _rate_out_of_range,
    _duplicate_block,
    _truncate,
)


def sample() -> list[Mutation]:
    """:data:`PER_KIND` mutations of each kind, drawn with :data:`SEED`."""
    chosen: list[Mutation] = []
    for kind in KINDS:
        rng = random.Random(f"{SEED}-{kind.__name__}")
        every = list(kind(rng))
        chosen += rng.sample(every, min(PER_KIND, len(every)))
    return chosen


# ----------------------------------------------------------------------------- building and asking


def _mfn_for_questions() -> list[Any]:
    from tariffcalc.us.mfn import mfn_measures

    codes = [ProductCode.parse(q[0]) for q in QUESTIONS]
    return [m for m in mfn_measures() if any(m.products.covers(c) for c in codes)]


def build(folder: Path, mfn: list[Any]) -> Schedule:
    """The schedule of *folder*, built as the packaged ``us-2025-26`` is (MFN cut to the questions' lines)."""
    from tariffcalc.us.groups import COLUMN2
    from tariffcalc.us.programmes import us_programmes

    return read_dataset(folder).to_schedule(
        name="us-2025-26", base=mfn, base_groups=[COLUMN2], programmes=list(us_programmes().values())
    )


def answers(schedule: Schedule) -> list[tuple[object, ...]]:
    """Each question's total rate and amount, each line's amount and the facts it misses (or its error)."""
    out: list[tuple[object, ...]] = []
    for product, origin, day, contents, claims in QUESTIONS:
        try:
            r = schedule.resolve(
                product,
                origin,
                date.fromisoformat(day),
                value=Decimal(10000),
                contents=contents,
                claims=claims,
                strict=False,
            )
        except TariffError as e:
            out.append(("refused", type(e).__name__, str(e)))
            continue
        out.append(
            (
                r.rate,
                r.amount,
                sorted(str(line.amount) for line in r.lines),
                sorted(str(f) for f in r.missing_facts),
            )
        )
    return out


@pytest.fixture(scope="module")
def mfn() -> list[Any]:
    return _mfn_for_questions()


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("mutations") / "us2025"
    shutil.copytree(SOURCE, target)
    return target


@pytest.fixture(scope="module")
def baseline(folder: Path, mfn: list[Any]) -> tuple[int, list[tuple[object, ...]]]:
    schedule = build(folder, mfn)
    return len(schedule.measures), answers(schedule)


def test_the_baseline_answers_the_worked_questions(baseline: tuple[int, list[tuple[object, ...]]]) -> None:
    # Two answers checked by hand, so that the baseline is the packaged schedule's and not an empty one.
    _, found = baseline
    # 8703.23.01.90 from JP on 1 May 2025: MFN 2.5% + Section 232 autos 25% (Proc. 10908,
    # 9903.94.01) = 27.5%, 2,750.00 on 10,000 (docs/sources/us-2025-facts.md s.3).
    assert found[0][:2] == (Decimal("27.5"), Decimal("2750.00"))
    # 9503.00.00.90 from JP on 1 May 2025: MFN free + the 10% reciprocal baseline (EO 14257,
    # 9903.01.25) = 10%, 1,000.00 (facts s.1).
    assert found[4][:2] == (Decimal("10"), Decimal("1000.00"))


_WHERE = re.compile(r"^(\S+\.toml|<\w+>):(\d+)\b")


SAMPLE = sample()


def test_the_sample_is_bounded_and_covers_every_kind() -> None:
    kinds = {m.kind for m in SAMPLE}
    assert len(kinds) == len(KINDS)
    assert len(SAMPLE) <= PER_KIND * len(KINDS)


@pytest.mark.parametrize("mutation", [pytest.param(m, id=m.id) for m in SAMPLE])
def test_a_mutation_is_refused_with_its_place_or_changes_no_answer(
    folder: Path, mfn: list[Any], baseline: tuple[int, list[tuple[object, ...]]], mutation: Mutation
) -> None:
    path = folder / mutation.file
    path.write_text(mutation.text, encoding="utf-8")
    try:
        try:
            schedule = build(folder, mfn)
        except TariffError as e:
            problems = getattr(e, "problems", None) or (str(e),)
            unplaced = [p for p in problems if not _WHERE.match(p)]
            assert not unplaced, f"{mutation.what}: a refusal without file and line: {unplaced}"
            return
        count, expected = baseline
        assert len(schedule.measures) == count, f"{mutation.what}: loaded {len(schedule.measures)} of {count} measures"
        got = answers(schedule)
        changed = [(q[:3], e, g) for q, e, g in zip(QUESTIONS, expected, got, strict=True) if e != g]
        assert not changed, f"{mutation.what} in {mutation.file}:{mutation.line} loads and changes answers: {changed}"
    finally:
        shutil.copyfile(SOURCE / mutation.file, path)


# ----------------------------------------------------------------------------- the fixes this test found


def test_a_file_cut_inside_a_value_is_refused_on_its_last_line() -> None:
    # tomllib says "at end of document" without a line: the reader names the last line.
    for text, line in (('a = "x', 1), ("[t]\nb = 1\nc = [1,\n", 3), ("x = 1\ny = 'unclosed", 2)):
        with pytest.raises(DataFileError) as caught:
            parse_dataset(text)
        assert caught.value.problems[0].startswith(f"<string>:{line}: not valid TOML"), caught.value.problems


def test_a_copied_measure_on_the_packaged_route_names_its_file_and_line(folder: Path, mfn: list[Any]) -> None:
    # The packaged build (MFN extract + data files + programmes) used to raise a ScheduleError
    # without places; it now says where the measure is written, as read_schedule does.
    copied = next(m for m in _duplicate_block(random.Random(0)) if m.file == "s122.toml" and m.key == "measures")
    path = folder / copied.file
    path.write_text(copied.text, encoding="utf-8")
    try:
        with pytest.raises(DataFileError) as caught:
            build(folder, mfn)
    finally:
        shutil.copyfile(SOURCE / copied.file, path)
    assert all(_WHERE.match(p) for p in caught.value.problems), caught.value.problems
    assert any("s122.toml:" in p and "is defined twice: first at" in p for p in caught.value.problems), (
        caught.value.problems
    )
