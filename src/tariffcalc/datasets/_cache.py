"""
A compiled cache of the packaged schedules, so that a fresh process (the
``tariffcalc`` command) need not read the MFN extract and the data files,
check the schedule and hash it again.

Where it lives: ``$TARIFFCALC_CACHE_DIR`` when set, otherwise the
platform's cache directory (``$XDG_CACHE_HOME/tariffcalc`` or
``~/.cache/tariffcalc``; ``~/Library/Caches/tariffcalc`` on macOS;
``%LOCALAPPDATA%\\tariffcalc\\Cache`` on Windows). ``TARIFFCALC_NO_CACHE=1``
turns it off: nothing is read or written.

What makes it safe: a cache file is used only when

- its key matches the sha256 of every file of the installed ``tariffcalc``
  package (its code and its data: the MFN extract and the TOML files), of
  the schedule's name, of the library version and of the Python version —
  any change to the data or the code makes it stale;
- its header carries a valid HMAC-SHA256 made with a secret kept beside it
  (created with mode 0600), and every section it unpickles has the sha256
  the header records — a truncated, corrupted or edited file is refused
  *before* anything in it is unpickled;
- the directory belongs to the current user and is writable by no one else,
  and the secret and the cache file belong to the current user and are
  readable and writable by no one else (POSIX); a secret or cache file of
  another user is ignored with a :class:`CacheWarning` (never replaced,
  never unpickled);
- the one-chapter view carries the whole schedule's vocabulary (claims,
  contents, units), so it accepts and refuses exactly what the whole
  schedule does.

Otherwise the schedule is built from its sources as without a cache, and
the cache is written again, atomically (a temporary file renamed over the
old one). A cache that cannot be written is skipped silently: it is only
ever a shortcut.

The file holds the schedule's parts in sections: one with the name,
horizon, rules, suspensions, groups, programmes, legal status, the fingerprint and every
measure that may reach more than one HS chapter (or is suspended), and
one section per chapter with the measures whose products lie in it (as
columns of shared values, rebuilt without validators: see
:mod:`tariffcalc._packing`). The
whole schedule reads every section; :func:`load_view` reads only what can
bear on one product.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import pickle
import secrets
import stat
import struct
import sys
import tempfile
import warnings
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tariffcalc import _caches
from tariffcalc._collector import paused
from tariffcalc._lines import ProductLines
from tariffcalc._packing import pack_measures, unpack_measures
from tariffcalc._version import __version__

if TYPE_CHECKING:
    from tariffcalc.codes import ProductCode
    from tariffcalc.measures import Measure
    from tariffcalc.schedule import Schedule

__all__ = [
    "DIR_VARIABLE",
    "OFF_VARIABLE",
    "CacheWarning",
    "building",
    "cache_dir",
    "load",
    "load_chapters",
    "load_view",
    "source_key",
    "store",
]

#: The environment variable naming the cache directory.
DIR_VARIABLE = "TARIFFCALC_CACHE_DIR"
#: The environment variable that turns the cache off (any value but ``""`` and ``"0"``).
OFF_VARIABLE = "TARIFFCALC_NO_CACHE"
#: The first bytes of a cache file; a new layout gets a new tag.
MAGIC = b"tariffcalc-schedule-cache/4\n"
_SECRET = "secret"
_COMMON = "common"
#: The section of the whole schedule's tariff lines (see :class:`tariffcalc._lines.ProductLines`).
_LINES = "lines"


def cache_dir() -> Path | None:
    """The cache directory, or ``None`` when the cache is turned off."""
    if os.environ.get(OFF_VARIABLE, "") not in ("", "0"):
        return None
    explicit = os.environ.get(DIR_VARIABLE)
    if explicit:
        return Path(explicit)
    if sys.platform == "win32":  # pragma: no cover
        return Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local") / "tariffcalc" / "Cache"
    if sys.platform == "darwin":  # pragma: no cover
        return Path.home() / "Library" / "Caches" / "tariffcalc"
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "tariffcalc"


_KEYS: dict[str, str] = {}


def source_key(name: str) -> str:
    """
    The sha256 of what the packaged schedule *name* is built from: every file
    of the installed package (code and data), the name, the library and
    Python versions. Computed once per process (reading ~2 MB).
    """
    if name not in _KEYS:
        root = Path(__file__).parents[1]  # the package: every file of it
        digest = hashlib.sha256(MAGIC)
        digest.update(f"{name}\0{__version__}\0{sys.version_info[:3]}\0".encode())
        for path in sorted(root.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts and path.suffix not in (".pyc", ".pyo"):
                data = path.read_bytes()
                digest.update(f"{path.relative_to(root).as_posix()}\0{len(data)}\0".encode())
                digest.update(data)
        _KEYS[name] = digest.hexdigest()
    return _KEYS[name]


def _usable(directory: Path) -> bool:
    """Create *directory* if needed; whether it is ours alone (anyone else could plant a file in it)."""
    try:
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        if os.name != "posix":  # pragma: no cover
            return True
        st = directory.stat()
        return st.st_uid == os.getuid() and not st.st_mode & 0o022
    except OSError:
        return False


def _secret(directory: Path, create: bool) -> bytes | None:
    """The HMAC key kept in *directory* (made on first write), or None."""
    path = directory / _SECRET
    try:
        key = _read_private(path, 33)
    except FileNotFoundError:
        key = b""
    except _ForeignError as e:
        _warn(str(e))
        return None  # never replaced either: someone else put it there
    except OSError:
        key = b""
    if len(key) == 32:
        return key
    if not create:
        return None
    key = secrets.token_bytes(32)
    try:
        _write_atomically(path, [key], mode=0o600)
    except OSError:
        return None
    return key


class CacheWarning(UserWarning):
    """A cache file that is not the user's own (another owner, or readable by others): the cache is ignored."""


class _ForeignError(OSError):
    """A cache file owned by someone else or open to others."""


def _warn(message: str) -> None:
    warnings.warn(f"tariffcalc cache ignored: {message}", CacheWarning, stacklevel=4)


def _private(fd: int, path: Path) -> None:
    """Raise :class:`_ForeignError` unless the open file *fd* is the user's own, readable and writable by no one else."""
    if os.name != "posix":  # pragma: no cover
        return
    st = os.fstat(fd)
    if st.st_uid != os.getuid():
        raise _ForeignError(f"{path} belongs to another user (uid {st.st_uid})")
    if st.st_mode & 0o077:
        raise _ForeignError(f"{path} may be read or written by others (mode {stat.filemode(st.st_mode)})")
    if not stat.S_ISREG(st.st_mode):
        raise _ForeignError(f"{path} is not a regular file")


def _read_private(path: Path, limit: int) -> bytes:
    """At most *limit* bytes of *path*, checked by :func:`_private` (a link is not followed)."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "rb") as f:
        _private(fd, path)
        return f.read(limit)


def _write_atomically(path: Path, chunks: Iterable[bytes], mode: int = 0o600) -> None:
    fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    try:
        os.chmod(tmp, mode)
        with os.fdopen(fd, "wb") as out:
            for chunk in chunks:
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@contextlib.contextmanager
def building(name: str) -> Iterator[None]:
    """
    Held while the packaged schedule *name* is built to be cached: processes
    that find no cache at once (the workers of a test run, commands started
    together) build it one at a time, and those that waited find it cached
    (an exclusive lock on a file beside the cache; nothing where the cache is
    off or unusable, or without POSIX locks).
    """
    directory = cache_dir()
    try:
        import fcntl
    except ImportError:  # pragma: no cover  # Windows: each process builds its own
        yield
        return
    if directory is None or not _usable(directory):
        yield
        return
    try:
        fd = os.open(directory / f"{name}.lock", os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o600)
    except OSError:
        yield
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # and with it the lock


def _file(directory: Path, name: str) -> Path:
    return directory / f"{name}.schedule"


def _chapters(measure: Measure) -> set[str]:
    return {p.digits[:2] for p in measure.products.include}


def store(name: str, schedule: Schedule) -> Path | None:
    """Write *schedule* as the cache of the packaged schedule *name*; the file, or None when not written."""
    directory = cache_dir()
    if directory is None or not _usable(directory):
        return None
    key = _secret(directory, create=True)
    if key is None:
        return None
    suspended = {mid for s in schedule.suspensions for mid in s.measures}
    common: list[Measure] = []
    by_chapter: dict[str, list[Measure]] = {}
    for m in sorted(schedule.measures, key=lambda m: m.id):
        chapters = _chapters(m)
        if m.products.everything or m.id in suspended or len(chapters) != 1:
            common.append(m)
        else:
            by_chapter.setdefault(chapters.pop(), []).append(m)
    meta = (
        schedule.name,
        schedule.horizon,
        tuple(sorted(schedule.rules, key=lambda r: r.id)),
        tuple(sorted(schedule.suspensions, key=lambda s: s.id)),
        tuple(sorted(schedule.groups, key=lambda g: g.id)),
        pack_measures(common),
        tuple(sorted(schedule.programmes, key=lambda p: p.id)),
        schedule.legal,
        schedule.vocabulary,  # of the whole schedule: a one-chapter view knows every claim, content and unit
    )
    blobs = {_COMMON: pickle.dumps(meta, protocol=pickle.HIGHEST_PROTOCOL)}
    lines = ProductLines.of(schedule.measures)
    # Its tariff lines, read with the whole schedule instead of being gathered from 60,000 measures again.
    blobs[_LINES] = pickle.dumps(lines.spans, protocol=pickle.HIGHEST_PROTOCOL)
    for chapter, measures in sorted(by_chapter.items()):
        blobs[chapter] = pickle.dumps(pack_measures(measures), protocol=pickle.HIGHEST_PROTOCOL)
    # The days on which the schedule has any tariff line: a view of a chapter without measures refuses
    # its codes on exactly those days, as the whole schedule does, without reading it.
    in_force = [[start.isoformat(), None if end is None else end.isoformat()] for start, end in lines.in_force()]
    sections: dict[str, list[Any]] = {}
    offset = 0
    for section, blob in blobs.items():
        sections[section] = [offset, len(blob), hashlib.sha256(blob).hexdigest()]
        offset += len(blob)
    header = json.dumps(
        {"key": source_key(name), "fingerprint": schedule.fingerprint, "sections": sections, "lines": in_force},
        sort_keys=True,
    ).encode()
    mac = hmac.new(key, header, hashlib.sha256).digest()
    path = _file(directory, name)
    try:
        _write_atomically(path, [MAGIC, struct.pack(">Q", len(header)), header, mac, *blobs.values()])
    except OSError:
        return None
    return path


class _Reader:
    """A verified cache file: its header checked, its sections read and checked on demand."""

    def __init__(self, name: str) -> None:
        directory = cache_dir()
        if directory is None or not _usable(directory):
            raise LookupError("no usable cache directory")
        key = _secret(directory, create=False)
        if key is None:
            raise LookupError("no cache secret")
        path = _file(directory, name)
        try:
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
        except OSError as e:
            raise LookupError(f"no cache file ({e.strerror})") from None
        with os.fdopen(fd, "rb") as f:
            try:
                _private(fd, path)
            except _ForeignError as e:
                _warn(str(e))
                raise LookupError(str(e)) from None
            if f.read(len(MAGIC)) != MAGIC:
                raise LookupError("not a cache file of this layout")
            (size,) = struct.unpack(">Q", f.read(8))
            if size > 1 << 24:
                raise LookupError("implausible header")
            header = f.read(size)
            mac = f.read(32)
            if not hmac.compare_digest(mac, hmac.new(key, header, hashlib.sha256).digest()):
                raise LookupError("the header's HMAC does not match: corrupted or tampered")
            self.header: dict[str, Any] = json.loads(header)
            if self.header["key"] != source_key(name):
                raise LookupError("stale: built from other sources or code")
            self.start = f.tell()
        self.path = path

    def section(self, section: str) -> Any:
        offset, length, digest = self.header["sections"][section]
        with self.path.open("rb") as f:
            f.seek(self.start + offset)
            blob = f.read(length)
        if len(blob) != length or hashlib.sha256(blob).hexdigest() != digest:
            raise LookupError(f"section {section} is corrupted")
        return pickle.loads(blob)  # verified above: written by this library, unchanged

    def chapters(self) -> list[str]:
        return [s for s in self.header["sections"] if s not in (_COMMON, _LINES)]


def _read(name: str, chapters: Iterable[str] | None) -> Schedule | None:
    from tariffcalc.schedule import restore

    try:
        reader = _Reader(name)
        title, horizon, rules, suspensions, groups, common, programmes, legal, vocabulary = reader.section(_COMMON)
        wanted = reader.chapters() if chapters is None else list(chapters)
        # A chapter without measures (9999.99.99.99): the common measures are all that can bear on its
        # codes, and the days the schedule has lines say when they are refused, as by the whole schedule.
        elsewhere = [c for c in wanted if c not in reader.header["sections"]]
        wanted = [c for c in wanted if c not in elsewhere]
        with paused():  # tens of thousands of new objects, none of them garbage: nothing to look for
            measures = unpack_measures(common)
            for chapter in wanted:
                measures.extend(unpack_measures(reader.section(chapter)))
            schedule = restore(
                title, measures, rules, suspensions, groups, horizon, reader.header["fingerprint"], programmes, legal
            )
        # The words of the whole schedule, not of the measures read: a claim the view's chapter never
        # names (uk-auto-trq on a toy) is accepted exactly as the whole schedule accepts it.
        _caches.remember(schedule, _caches.VOCABULARY, vocabulary)
        # Kept apart too, so that the view pickled (to a worker) keeps these words and not its chapter's.
        _caches.remember(schedule, _caches.STORED_VOCABULARY, vocabulary)
        if chapters is None:  # the whole schedule: its lines as they were gathered when it was built
            _caches.remember(schedule, _caches.LINES, ProductLines(reader.section(_LINES)))
        elif elsewhere:
            days = [
                (date.fromisoformat(a), None if b is None else date.fromisoformat(b)) for a, b in reader.header["lines"]
            ]
            lines = ProductLines.of(schedule.measures).spans + ProductLines.elsewhere(days).spans
            _caches.remember(schedule, _caches.LINES, ProductLines(lines))
        return schedule
    except (
        OSError,
        LookupError,
        ValueError,
        TypeError,
        AttributeError,
        pickle.UnpicklingError,
        EOFError,
        struct.error,
    ):
        return None


def load(name: str) -> Schedule | None:
    """The packaged schedule *name* from a valid cache, or None (turned off, missing, stale or corrupt)."""
    return _read(name, None)


def load_view(name: str, product: ProductCode) -> Schedule | None:
    """
    From a valid cache, the part of the packaged schedule *name* that can
    bear on *product*: every rule, suspension and group, every measure for
    all products or for several chapters, and the measures of the product's
    chapter. It resolves every code of that chapter exactly as the whole
    schedule does (the resolver only ever looks at measures whose products
    reach the code), lists the chapter's tariff lines, and carries the whole
    schedule's name and fingerprint. None when there is no valid cache, or
    for a chapter without measures, the common measures alone, refusing
    its codes on the days the whole schedule has lines.
    """
    return _read(name, [product.digits[:2]])


def load_chapters(name: str, products: Iterable[ProductCode]) -> Schedule | None:
    """As :func:`load_view`, for every chapter of *products* at once (the codes of a short file of entries)."""
    return _read(name, sorted({p.digits[:2] for p in products}))
