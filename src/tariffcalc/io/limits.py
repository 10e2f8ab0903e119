"""
Bounds on what the readers accept, checked *before* a text is parsed, so a
hostile or broken file is refused with one clear message instead of
exhausting memory or the stack.

>>> toml_problem("a = 1\\n[b.c]\\nd = [1, [2]]\\n") is None
True
>>> toml_problem("k" + ".k" * 100 + " = 1")
'a key is nested more than 32 levels deep; at most 32 are allowed'
>>> toml_problem("a = " + "[" * 50 + "]" * 50)
'brackets are nested more than 32 levels deep; at most 32 are allowed'
>>> json_problem(b"[" * 40 + b"]" * 40)
'brackets are nested more than 32 levels deep; at most 32 are allowed'
"""

from __future__ import annotations

import re
import stat
import zlib
from pathlib import Path

__all__ = [
    "MAX_DEPTH",
    "MAX_HTS_BYTES",
    "MAX_LIST_BYTES",
    "MAX_TOML_BYTES",
    "LimitError",
    "gunzip_bounded",
    "json_problem",
    "read_bounded",
    "toml_problem",
]

#: The largest data file (TOML) read, in bytes: the packaged files are tens of kB.
MAX_TOML_BYTES = 2_000_000
#: The largest product list (``products_file``) read, in bytes.
MAX_LIST_BYTES = 1_000_000
#: The largest HTS JSON export read, in bytes after decompression (a USITC export is about 14 MB).
MAX_HTS_BYTES = 64_000_000
#: The deepest nesting of tables, arrays and dotted keys accepted (the data format needs fewer than 8).
MAX_DEPTH = 32

_CHUNK = 1 << 16


class LimitError(Exception):
    """A file that breaks one of the bounds; the message says which."""


_TOML_SKIP = re.compile(r'"""(?:[^\\]|\\.)*?"""|\'\'\'.*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\'|#[^\n]*', re.DOTALL)
_JSON_SKIP = re.compile(r'"(?:[^"\\]|\\.)*"')
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_PAIR = re.compile(r"[\[{][\]}]")
_DOTTED = re.compile(r"(?:\.[^.=,\n{}\[\]]*){" + str(MAX_DEPTH) + "}")


def _brackets(text: str) -> str | None:
    """Whether brackets nest deeper than :data:`MAX_DEPTH` (strings already removed)."""
    rest = _NOT_BRACKET.sub("", text)
    for _ in range(MAX_DEPTH):
        if not rest:
            return None
        rest = _PAIR.sub("", rest)
    if _PAIR.search(rest):
        return f"brackets are nested more than {MAX_DEPTH} levels deep; at most {MAX_DEPTH} are allowed"
    return None  # unbalanced brackets: the parser says where


def toml_problem(text: str) -> str | None:
    """Why a TOML text is refused before parsing (too large, nested too deep), or ``None``."""
    if len(text) > MAX_TOML_BYTES:
        return f"the file has {len(text):,} characters; a data file may have at most {MAX_TOML_BYTES:,}"
    bare = _TOML_SKIP.sub("", text)
    if _DOTTED.search(bare):
        return f"a key is nested more than {MAX_DEPTH} levels deep; at most {MAX_DEPTH} are allowed"
    return _brackets(bare)


def json_problem(data: bytes | str) -> str | None:
    """Why a JSON text is refused before parsing (nested too deep), or ``None``."""
    text = data.decode("utf-8", errors="replace") if isinstance(data, bytes) else data
    return _brackets(_JSON_SKIP.sub("", text))


def read_bounded(path: Path, limit: int, what: str) -> bytes:
    """
    The bytes of a regular file of at most *limit* bytes; anything else (a
    directory, a FIFO, a device, a larger file) raises :class:`LimitError`
    without reading it.
    """
    info = path.stat()
    if not stat.S_ISREG(info.st_mode):
        raise LimitError(f"{what} is not a regular file")
    if info.st_size > limit:
        raise LimitError(f"{what} has {info.st_size:,} bytes; at most {limit:,} are read")
    with path.open("rb") as f:
        data = f.read(limit + 1)
    if len(data) > limit:
        raise LimitError(f"{what} has more than {limit:,} bytes; at most {limit:,} are read")
    return data


def gunzip_bounded(raw: bytes, limit: int, what: str) -> bytes:
    """Decompress gzip data in bounded chunks, refusing output larger than *limit* bytes."""
    decompressor = zlib.decompressobj(16 + zlib.MAX_WBITS)
    out = bytearray()
    view = memoryview(raw)
    for start in range(0, len(raw), _CHUNK):
        chunk: bytes = bytes(view[start : start + _CHUNK])
        while chunk:
            out += decompressor.decompress(chunk, _CHUNK)
            if len(out) > limit:
                raise LimitError(f"{what} decompresses to more than {limit:,} bytes; at most {limit:,} are read")
            chunk = decompressor.unconsumed_tail
        if decompressor.eof:
            break
    if not decompressor.eof:
        raise LimitError(f"{what} is a truncated gzip file")
    return bytes(out)
