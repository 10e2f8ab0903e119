"""
The one guarded way a command reads a file or checks where it will write.

A path is checked before anything is opened: every name in it at most
255 bytes and the whole at most 4,095 (longer ones make the operating
system raise), and the file a regular one: a directory, a FIFO (which
would block the reader for ever), a device such as ``/dev/zero`` or a
symbolic-link loop is refused with one clear line. The bytes are read up to
a bound and decoded as UTF-8 (a byte-order mark is allowed); anything else
is refused with what was found.

A path of ``-`` is standard input, read the same way: at most the same
bound (one byte more is read to see it is exceeded), decoded the same way,
and named ``<stdin>`` in every message.

>>> path_problem("a" * 300)
'a name in the path has 300 bytes; at most 255 are allowed'
>>> output_problem(Path("/dev/null"), directory=True)
'exists and is not a directory'
"""

from __future__ import annotations

import errno
import os
import stat
import sys
from collections.abc import Callable
from pathlib import Path

from tariffcalc.errors import InvalidEntryError, TariffError

__all__ = [
    "MAX_NAME_BYTES",
    "MAX_PATH_BYTES",
    "STDIN",
    "STDIN_NAME",
    "check_output",
    "decode_text",
    "file_problem",
    "is_stdin",
    "output_problem",
    "path_problem",
    "read_guarded",
    "read_guarded_bytes",
    "read_stdin",
    "source_name",
]

#: The longest name of one file or directory (POSIX NAME_MAX on common file systems).
MAX_NAME_BYTES = 255
#: The longest path (POSIX PATH_MAX less the final NUL).
MAX_PATH_BYTES = 4095
#: The path that means standard input, as every command line tool spells it.
STDIN = "-"
#: How standard input is named in messages.
STDIN_NAME = "<stdin>"


def is_stdin(path: str | os.PathLike[str]) -> bool:
    """Whether *path* is ``-``, standard input (a file named ``-`` is given as ``./-``)."""
    return isinstance(path, str) and path == STDIN


def source_name(path: str | os.PathLike[str]) -> str:
    """
    How *path* is named in a message: ``<stdin>`` for ``-``, else the path.

    >>> source_name("-"), source_name("a.csv")
    ('<stdin>', 'a.csv')
    """
    return STDIN_NAME if is_stdin(path) else os.fspath(path)


def read_stdin(limit: int, what: str, error: Callable[[str], Exception] = InvalidEntryError) -> bytes:
    """
    At most *limit* bytes of standard input; more raises *error* in one line
    naming *what* and ``<stdin>`` (only *limit* + 1 bytes are ever read; an
    empty *what* leaves the naming to the caller).
    """
    where = f"{what} {STDIN_NAME}: " if what else ""
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:  # no standard input at all (pythonw, a closed descriptor)
        raise error(f"{where}there is no standard input to read")
    try:
        data: bytes = stream.read(limit + 1)
    except OSError as e:
        raise error(f"{where}cannot be read ({e.strerror})") from None
    if len(data) > limit:
        raise error(f"{where}more than {limit:,} bytes; at most {limit:,} are read")
    return data


def path_problem(path: str | os.PathLike[str]) -> str | None:
    """Why *path* cannot name a file on any common file system (too long, a NUL), or ``None``."""
    text = os.fspath(path)
    if "\0" in text:
        return "the path contains a NUL character"
    size = len(os.fsencode(text))
    if size > MAX_PATH_BYTES:
        return f"the path has {size:,} bytes; at most {MAX_PATH_BYTES:,} are allowed"
    for part in Path(text).parts:
        size = len(os.fsencode(part))
        if size > MAX_NAME_BYTES:
            return f"a name in the path has {size:,} bytes; at most {MAX_NAME_BYTES} are allowed"
    return None


def _stat(path: Path) -> os.stat_result | None:
    """The status of *path* (following links), ``None`` when nothing is there; OSError for a loop and the like."""
    try:
        return path.stat()
    except FileNotFoundError:
        return None
    except NotADirectoryError:
        return None


def file_problem(path: str | os.PathLike[str]) -> str | None:
    """
    Why *path* is not a regular file that can be read (checked without opening it), or ``None``.

    >>> file_problem("/dev/zero")
    'not a regular file (a character device)'
    """
    problem = path_problem(path)
    if problem is not None:
        return problem
    try:
        info = _stat(Path(path))
    except OSError as e:
        if e.errno == errno.ELOOP:
            return "a loop of symbolic links"
        return f"cannot be read ({e.strerror})"
    if info is None:
        return "no such file"
    if stat.S_ISDIR(info.st_mode):
        return "a directory, not a file"
    if not stat.S_ISREG(info.st_mode):
        return f"not a regular file ({_kind(info.st_mode)})"
    return None


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"


def decode_text(data: bytes) -> str:
    """
    *data* as UTF-8 text (a leading byte-order mark dropped); ``ValueError``
    with where and what otherwise.

    >>> decode_text(b"\\xef\\xbb\\xbfok")
    'ok'
    >>> decode_text("ok".encode("utf-16"))
    Traceback (most recent call last):
    ...
    ValueError: it is UTF-16 text; save it as UTF-8
    """
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise ValueError("it is UTF-16 text; save it as UTF-8")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        raise ValueError(
            f"it is not UTF-8 text (byte 0x{data[e.start]:02x} on line {line}); save it as UTF-8"
        ) from None


def read_guarded(
    path: str | os.PathLike[str], limit: int, what: str, error: Callable[[str], TariffError] = InvalidEntryError
) -> str:
    """
    The UTF-8 text of the regular file *path* of at most *limit* bytes;
    anything else raises *error* (one line naming *what* and the path).

    >>> read_guarded("/dev/zero", 100, "the scenario")
    Traceback (most recent call last):
    ...
    tariffcalc.errors.InvalidEntryError: the scenario /dev/zero: not a regular file (a character device)

    A path of ``-`` reads standard input with the same bound (see :func:`read_stdin`).
    """
    name = source_name(path)
    data = read_guarded_bytes(path, limit, what, error)
    try:
        return decode_text(data)
    except ValueError as e:
        raise error(f"{what} {name}: {e}") from None


def read_guarded_bytes(
    path: str | os.PathLike[str], limit: int, what: str, error: Callable[[str], TariffError] = InvalidEntryError
) -> bytes:
    """
    The bytes of the regular file *path* (or of standard input for ``-``), at
    most *limit*; anything else raises *error* in one line naming *what*.

    >>> read_guarded_bytes("/dev/zero", 100, "the export")
    Traceback (most recent call last):
    ...
    tariffcalc.errors.InvalidEntryError: the export /dev/zero: not a regular file (a character device)
    """
    if is_stdin(path):
        return read_stdin(limit, what, error)
    name = os.fspath(path)
    problem = file_problem(name)
    if problem is not None:
        raise error(f"{what} {name}: {problem}")
    try:
        with open(name, "rb") as f:
            data = f.read(limit + 1)
    except OSError as e:
        raise error(f"{what} {name}: cannot be read ({e.strerror})") from None
    if len(data) > limit:
        raise error(f"{what} {name}: more than {limit:,} bytes; at most {limit:,} are read")
    return data


def output_problem(path: Path, *, directory: bool = False) -> str | None:
    """
    Why nothing can be written at *path* (a file, or with *directory* a
    directory to create or fill), checked before any work; ``None`` when it can.
    """
    problem = path_problem(path)
    if problem is not None:
        return problem
    try:
        info = _stat(path)
    except OSError as e:
        return f"cannot be used ({e.strerror})"
    if info is not None:
        if directory and not stat.S_ISDIR(info.st_mode):
            return "exists and is not a directory"
        if not directory and stat.S_ISDIR(info.st_mode):
            return "is a directory; give a file name"
        if not directory and not stat.S_ISREG(info.st_mode):
            return f"exists and is {_kind(info.st_mode)}, not a regular file"
        if not os.access(path, os.W_OK | (os.X_OK if directory else 0)):
            return "cannot be written (permission denied)"
        return None
    parent = path.absolute().parent
    while True:
        try:
            found = _stat(parent)
        except OSError as e:
            return f"cannot be used ({e.strerror})"
        if found is not None:
            break
        if not directory:
            return f"its directory {parent} does not exist"
        parent = parent.parent
    if not stat.S_ISDIR(found.st_mode):
        return f"{parent} is not a directory"
    if not os.access(parent, os.W_OK | os.X_OK):
        return f"{parent} cannot be written (permission denied)"
    return None


def check_output(option: str, path: str, *, directory: bool = False) -> Path:
    """*path* checked by :func:`output_problem`; :class:`InvalidEntryError` naming *option* otherwise."""
    problem = output_problem(Path(path), directory=directory)
    if problem is not None:
        raise InvalidEntryError(f"{option} {path}: {problem}")
    return Path(path)
