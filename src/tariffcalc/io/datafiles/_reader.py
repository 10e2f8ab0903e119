"""
Reading data files: one text (:func:`parse_dataset`), one file or a whole
directory (:func:`read_dataset`), or straight to a checked schedule
(:func:`read_schedule`). Every problem of every file is collected before
giving up, each with its file, line and field path.

>>> parse_dataset('[schedule]\\nname = "x"\\n[[measures]]\\nid = "m"\\n')
Traceback (most recent call last):
...
tariffcalc.errors.DataFileError: <string>: cannot load the data file (6 problem(s)):
  - <string>:3 measures[0].title: this required field is missing
  ...
"""

from __future__ import annotations

import os
import re
import tomllib
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import cattrs

from tariffcalc._decimals import own_context
from tariffcalc.citations import Instrument
from tariffcalc.countries import CountryGroup
from tariffcalc.errors import DataFileError, InvalidPeriodError, Problem, ScheduleError, TariffError
from tariffcalc.io._limits import MAX_TOML_BYTES, LimitError, read_bounded, toml_problem
from tariffcalc.io.datafiles._build import Builder, built
from tariffcalc.io.datafiles._dataset import DataSet, locate, mentions
from tariffcalc.io.datafiles._positions import FieldPath, Positions, parse_path
from tariffcalc.io.datafiles._words import KINDS, DeclaredWords, declared_places
from tariffcalc.io.datafiles.schema import (
    CONVERTER,
    FileDoc,
    GroupDoc,
    InstrumentDoc,
    MeasureDoc,
    RuleDoc,
    ScheduleDoc,
    SuspensionDoc,
    VocabularyDoc,
    describe_problem,
)
from tariffcalc.legal import Authority, LegalStatus, StatusEvent
from tariffcalc.measures import Measure, Suspension
from tariffcalc.periods import Period
from tariffcalc.rules import StackingRule

if TYPE_CHECKING:
    from tariffcalc.schedule import Schedule

__all__ = ["SUFFIX", "Reader", "parse_dataset", "read_dataset", "read_schedule"]

#: The suffix of data files in a directory.
SUFFIX = ".toml"

_T = TypeVar("_T")


class Reader:
    """Collects every problem of every file before giving up."""

    def __init__(self, root: Path | None = None) -> None:
        #: The directory ``products_file`` names must stay inside.
        self.root = root.resolve() if root is not None else None
        self.problems: list[Problem] = []
        self.instruments: dict[str, Instrument] = {}
        self.instrument_where: dict[str, str] = {}
        self.schedule: ScheduleDoc | None = None
        self.horizon: Period | None = None
        self.docs: list[tuple[str, Positions, Path | None, FileDoc]] = []
        self.authorities: list[Authority] = []
        self.events: list[StatusEvent] = []
        #: Instruments whose definition failed: citations of them are not reported again.
        self.broken_instruments: set[str] = set()
        #: Ids of measures, suspensions, rules and groups that failed: schedule checks naming them are cascades.
        self.failed_ids: set[str] = set()
        #: Tags of measures that failed: a rule naming one that no other measure carries is a cascade.
        self.failed_tags: set[str] = set()
        self.places: dict[str, str] = {}
        #: The declared words (kind -> word -> where), once some file has a ``[vocabulary]`` table.
        self.declared: dict[str, dict[str, str]] | None = None
        #: Where each id of each table (``measures``, ``rules`` ...) is first defined.
        self.defined: dict[tuple[str, str], str] = {}
        self._words: DeclaredWords | None = None
        #: Whether an authority failed: events whose law no authority has are then cascades, not reported.
        self.broken_authority = False

    def problem(self, what: str, file: str, positions: Positions, path: FieldPath) -> None:
        self.problems.append(Problem(what, positions.place(file, path)))

    @property
    def words(self) -> DeclaredWords:
        """
        The words the data set declares (none when no file has a ``[vocabulary]``
        table: the declaration is required, so every claim, content, tag and law
        a file uses is then refused).
        """
        if self.declared is None:
            return DeclaredWords()
        if self._words is None:
            self._words = declared_places(self.declared)
        return self._words

    def declare(self, vocabulary: VocabularyDoc, file: str, positions: Positions) -> None:
        """Note the words of one ``[vocabulary]`` table (the tables of all files add up)."""
        declared = self.declared = self.declared if self.declared is not None else {}
        self._words = None
        for kind in KINDS:
            here: dict[str, int] = {}
            for j, word in enumerate(getattr(vocabulary, kind)):
                path: list[str | int] = ["vocabulary", kind, j]
                if not word or word != word.strip() or len(word.split()) != 1:
                    self.problem(
                        f"a declared {KINDS[kind]} is one word without spaces, got {word!r}", file, positions, path
                    )
                    continue
                if word in here:
                    self.problem(
                        f"{KINDS[kind]} {word!r} is declared twice in this list (first as {kind}[{here[word]}])",
                        file,
                        positions,
                        path,
                    )
                    continue
                here[word] = j
                declared.setdefault(kind, {}).setdefault(word, positions.place(file, path))

    def parse(self, text: str, file: str, base: Path | None) -> None:
        refused = toml_problem(text)
        if refused is not None:
            self.problems.append(Problem(f"refused before parsing: {refused}", file))
            return
        positions = Positions(text)
        try:
            raw = tomllib.loads(text)
        except (tomllib.TOMLDecodeError, RecursionError) as e:
            at = re.search(r"at line (\d+)", str(e))
            # A file cut short fails "at end of document": that is its last line.
            line = at[1] if at else str(text.count("\n") + (0 if text.endswith("\n") else 1)) if text else "1"
            self.problems.append(Problem(f"not valid TOML: {e}", f"{file}:{line}"))
            return
        try:
            doc = CONVERTER.structure(raw, FileDoc)
        except Exception as e:  # cattrs raises an ExceptionGroup with every bad field
            messages = cattrs.transform_error(e, path="", format_exception=describe_problem)
            for message in messages:
                what, _, where = message.rpartition(" @ ")
                self.problem(what, file, positions, parse_path(where))
            # Keep what is well formed, so its own problems are found too.
            doc = self.salvage(raw)
        if doc.schedule is not None:
            if self.schedule is not None:
                self.problem("a second [schedule] table; name the schedule once", file, positions, ["schedule"])
            self.schedule = doc.schedule
            if doc.schedule.horizon is not None:
                try:
                    self.horizon = Period.parse(doc.schedule.horizon)
                    if self.horizon.end is None:
                        raise InvalidPeriodError(
                            f"a horizon needs a last day, got {doc.schedule.horizon!r}; write START/END, e.g. '2025-01-01/2026-06-28'"
                        )
                except TariffError as e:
                    self.problem(str(e), file, positions, ["schedule", "horizon"])
        if doc.vocabulary is not None:
            self.declare(doc.vocabulary, file, positions)
        for key, inst in doc.instruments.items():
            path: list[str | int] = ["instruments", key]
            try:
                instrument = Instrument(
                    key,
                    inst.title,
                    known_on=inst.known_on,
                    applies_from=inst.applies_from,
                    published=inst.published,
                    url=inst.url,
                )
            except TariffError as e:
                self.problem(str(e), file, positions, path)
                self.broken_instruments.add(key)
                continue
            if key in self.instruments:
                self.problem(
                    f"instrument {key!r} is already defined at {self.instrument_where[key]}", file, positions, path
                )
                continue
            self.instruments[key] = instrument
            self.instrument_where[key] = f"{file}:{positions.line(path)}"
        self.docs.append((file, positions, base, doc))

    def salvage(self, raw: dict[str, Any]) -> FileDoc:
        """The well-formed parts of a file whose structure has problems (already reported)."""
        doc = FileDoc()

        def one(value: Any, cls: type[_T]) -> _T | None:
            try:
                return CONVERTER.structure(value, cls)
            except Exception:
                return None

        if isinstance(raw.get("schedule"), dict):
            doc.schedule = one(raw["schedule"], ScheduleDoc)
        if isinstance(raw.get("vocabulary"), dict):
            doc.vocabulary = one(raw["vocabulary"], VocabularyDoc)
        instruments = raw.get("instruments")
        if isinstance(instruments, dict):
            for key, value in instruments.items():
                inst = one(value, InstrumentDoc)
                if inst is None:
                    self.broken_instruments.add(key)
                else:
                    doc.instruments[key] = inst
        for key, cls in (
            ("groups", GroupDoc),
            ("measures", MeasureDoc),
            ("suspensions", SuspensionDoc),
            ("rules", RuleDoc),
        ):
            items = raw.get(key)
            if not isinstance(items, list):
                continue
            kept: list[Any] = getattr(doc, key)
            for item in items:
                value = one(item, cls)
                if value is None and isinstance(item, dict) and isinstance(item.get("id"), str):
                    self.failed_ids.add(item["id"])
                # A failed item stays as None, so the places of the next ones stay right.
                kept.append(value)
        return doc

    def build(self) -> tuple[list[Measure], list[Suspension], list[StackingRule], list[CountryGroup]]:
        measures: list[Measure] = []
        suspensions: list[Suspension] = []
        rules: list[StackingRule] = []
        groups: list[CountryGroup] = []
        for file, positions, base, doc in self.docs:
            b = Builder(self, file, positions, base)
            groups += built(doc.groups, b.group, "groups", b)
            measures += built(doc.measures, b.measure, "measures", b)
            suspensions += built(doc.suspensions, b.suspension, "suspensions", b)
            rules += built(doc.rules, b.rule, "rules", b)
            self.authorities += built(doc.authorities, b.authority, "authorities", b)
            self.events += built(doc.status, b.status, "status", b)
        return measures, suspensions, rules, groups

    def legal(self) -> LegalStatus | None:
        """The legal status read (``None`` when no file has any)."""
        if not self.authorities and not self.events:
            return None
        # Twice-defined authorities and events are reported where they are written (see build.built).
        laws = {a.law for a in self.authorities}
        for e in self.events:
            if e.law not in laws and not self.broken_authority:
                self.problems.append(
                    locate(
                        f"status {e.id!r}: no authority has law {e.law!r}; known: {sorted(laws) or 'none'}",
                        self.places,
                    )
                )
        return LegalStatus(tuple(self.authorities), tuple(self.events))

    def _failed_tag(self, problem: str) -> bool:
        """Whether *problem* quotes a tag that only failed measures carried (its suggestion aside)."""
        quoted = re.findall(r"'([^']+)'", re.sub(r"did you mean '[^']*'\?", "", problem))
        return bool(self.failed_tags.intersection(quoted))

    def finish(self, default_name: str, headline: str) -> DataSet:
        """The data set read, or a :class:`DataFileError` with every problem."""
        measures, suspensions, rules, groups = self.build()
        legal = self.legal()
        if self.problems:
            # Field problems must not hide the schedule's own: check what was built, less the cascades.
            from tariffcalc.schedule import Schedule

            try:
                Schedule(default_name, measures, rules=rules, suspensions=suspensions, groups=groups)
            except ScheduleError as e:
                for problem in e.problems:
                    named = {w.lstrip("@-") for w in mentions(problem)}  # @EU names the group EU
                    if not self.failed_ids.intersection(named) and not self._failed_tag(problem):
                        self.problems.append(locate(problem, self.places))
            raise DataFileError(headline, self.problems)
        name = self.schedule.name if self.schedule is not None else default_name
        description = self.schedule.description if self.schedule is not None else ""
        return DataSet(
            name,
            tuple(measures),
            tuple(suspensions),
            tuple(rules),
            tuple(groups),
            tuple(self.instruments.values()),
            description,
            self.horizon,
            legal,
            dict(self.places),
            self.words,
        )


@own_context
def parse_dataset(
    text: str, *, file: str = "<string>", base: str | Path | None = None, name: str | None = None
) -> DataSet:
    """
    The data set of one data file given as text; *file* names it in
    problems, *base* is the directory that ``products_file`` names are
    relative to, and *name* is the schedule's name when the text has no
    ``[schedule]`` table (default: *file*'s stem).

    >>> parse_dataset('[schedule]\\nname = "tiny"\\n').name
    'tiny'
    """
    if not isinstance(text, str):
        raise TypeError(f"a data file's text must be str, got {type(text).__name__}")
    reader = Reader(Path(base) if base is not None else None)
    reader.parse(text, file, Path(base) if base is not None else None)
    return reader.finish(name or Path(file).stem, f"{file}: cannot load the data file")


#: The most entries (files and directories) a data directory is searched through: the packaged one has tens.
MAX_DIRECTORY_ENTRIES = 10_000
#: The deepest subdirectory searched for data files.
MAX_DIRECTORY_DEPTH = 8


def _data_files(directory: Path) -> list[Path]:
    """
    The ``*.toml`` files under *directory*, searched without following links,
    at most :data:`MAX_DIRECTORY_DEPTH` levels down and through at most
    :data:`MAX_DIRECTORY_ENTRIES` entries (``validate /`` is refused, not a
    walk of the whole file system).
    """
    found: list[Path] = []
    seen = 0
    for root, dirs, names in os.walk(directory):
        depth = len(Path(root).relative_to(directory).parts)
        seen += len(dirs) + len(names)
        if seen > MAX_DIRECTORY_ENTRIES:
            raise DataFileError(
                f"{directory}: not a data directory",
                [
                    Problem(
                        f"it holds more than {MAX_DIRECTORY_ENTRIES:,} files and directories; "
                        "give the directory of the data files, or one file",
                        str(directory),
                    )
                ],
            )
        if depth >= MAX_DIRECTORY_DEPTH:
            dirs.clear()
        dirs.sort()
        found += [Path(root) / n for n in names if n.endswith(SUFFIX) and (Path(root) / n).is_file()]
    return sorted(found)


@own_context
def read_dataset(path: str | Path) -> DataSet:
    """
    The data set of a data file, or of every ``*.toml`` file of a directory
    (in name order, all sharing one set of instruments), reporting all
    problems at once.

    >>> read_dataset("no/such/dir")
    Traceback (most recent call last):
    ...
    tariffcalc.errors.DataFileError: no/such/dir: cannot load (1 problem(s)):
      - no/such/dir: no such file or directory
    """
    from tariffcalc.io._guard import STDIN_NAME, decode_text, file_problem, is_stdin, path_problem, read_stdin

    if is_stdin(path):  # ``-``: one data file read from standard input, with the same bound
        reader = Reader(Path.cwd())
        try:
            text = decode_text(read_stdin(MAX_TOML_BYTES, ""))
        except (TariffError, ValueError) as e:
            raise DataFileError(f"{STDIN_NAME}: cannot load", [Problem(str(e))]) from None
        reader.parse(text, STDIN_NAME, Path.cwd())
        return reader.finish("stdin", f"{STDIN_NAME}: cannot load the data file")
    too_long = path_problem(path)
    if too_long is not None:
        raise DataFileError(f"{str(path)[:80]}: cannot load", [Problem(too_long, str(path)[:80])])
    path = Path(path)
    if path.is_dir():
        files = _data_files(path)
        if not files:
            raise DataFileError(f"{path}: no data files", [Problem(f"no *{SUFFIX} file in this directory", str(path))])
        default_name = path.name
    elif path.is_file():
        files = [path]
        default_name = path.stem
    else:  # a FIFO or a device is said as such (and never opened)
        what = file_problem(path)
        what = "no such file or directory" if what in (None, "no such file") else what
        raise DataFileError(f"{path}: cannot load", [Problem(what, str(path))])
    reader = Reader(path if path.is_dir() else path.parent)
    for file in files:
        try:
            text = decode_text(read_bounded(file, MAX_TOML_BYTES, "the data file"))
        except LimitError as e:
            reader.problems.append(Problem(f"refused before parsing: {e}", str(file)))
            continue
        except ValueError as e:  # not UTF-8: the line of the first bad byte (UTF-16: the first line)
            at = re.search(r"on line (\d+)", str(e))
            reader.problems.append(Problem(str(e), f"{file}:{at[1] if at else 1}"))
            continue
        except OSError as e:
            reader.problems.append(Problem(f"cannot read: {e}", str(file)))
            continue
        reader.parse(text, str(file), file.parent)
    return reader.finish(default_name, f"{path}: cannot load the data files")


@own_context
def read_schedule(path: str | Path) -> Schedule:
    """The checked schedule of a data file or directory (see :func:`read_dataset`)."""
    return read_dataset(path).to_schedule()
