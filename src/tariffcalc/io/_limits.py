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
    "MAX_CSV_BYTES",
    "MAX_DEPTH",
    "MAX_HTS_BYTES",
    "MAX_JSON_CONTAINERS",
    "MAX_JSON_STRINGS",
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
#: The longest CSV read from standard input, which is held in memory (a CSV file is streamed).
MAX_CSV_BYTES = 100_000_000
#: The deepest nesting of tables, arrays and dotted keys accepted (the data format needs fewer than 8).
MAX_DEPTH = 32

_CHUNK = 1 << 16


class LimitError(Exception):
    """A file that breaks one of the bounds; the message says which."""


#: The most arrays and objects a JSON text may hold (a USITC export holds about 135,000).
MAX_JSON_CONTAINERS = 1_000_000
#: The most strings a JSON text may hold (a USITC export holds about 800,000).
MAX_JSON_STRINGS = 2_000_000

# Every TOML pattern below runs in linear time: its repeats are possessive (``*+``, ``++``), so a failed
# match is never retried from inside, and an unterminated string or comment matches to the end of
# its line or of the text instead of failing (a failure would be retried from every later quote).
_TOML_SKIP = re.compile(
    r'"""(?:[^"\\]++|\\.|"(?!""))*+(?:"""|\Z)'
    r"|'''(?:[^']++|'(?!''))*+(?:'''|\Z)"
    r'|"(?:[^"\\\n]++|\\.)*+"?'
    r"|'[^'\n]*+'?"
    r"|#[^\n]*+",
    re.DOTALL,
)
#: Everything but quotes and brackets, deleted from a JSON text before its strings are skipped.
_NOT_QUOTE_OR_BRACKET = bytes(sorted(set(range(256)) - set(b'[]{}"')))
#: Brackets become ``[`` and ``]``, everything else is deleted.
_ONLY_BRACKETS = (bytes.maketrans(b"{}", b"[]"), bytes(sorted(set(range(256)) - set(b"[]{}"))))
#: What ends a dotted key: a dotted key is a run of dots with none of these between them.
_KEY_END = re.compile(r"[=,\n{}\[\]]")


def _depth(text: bytes) -> str | None:
    """
    Whether the brackets of *text* (strings removed) nest deeper than
    :data:`MAX_DEPTH`: each of at most 32 passes of :meth:`bytes.replace`
    removes the innermost pairs, one level, in linear time.
    """
    rest = text.translate(*_ONLY_BRACKETS)
    for _ in range(MAX_DEPTH):
        if not rest:
            return None
        rest = rest.replace(b"[]", b"")
    if b"[]" in rest:
        return f"brackets are nested more than {MAX_DEPTH} levels deep; at most {MAX_DEPTH} are allowed"
    return None  # unbalanced brackets: the parser says where


def toml_problem(text: str) -> str | None:
    """Why a TOML text is refused before parsing (too large, nested too deep), or ``None``; linear time."""
    if len(text) > MAX_TOML_BYTES:
        return f"the file has {len(text):,} characters; a data file may have at most {MAX_TOML_BYTES:,}"
    bare = _TOML_SKIP.sub("", text)
    if any(piece.count(".") >= MAX_DEPTH for piece in _KEY_END.split(bare)):
        return f"a key is nested more than {MAX_DEPTH} levels deep; at most {MAX_DEPTH} are allowed"
    return _depth(bare.encode("utf-8", errors="replace"))


def json_problem(data: bytes | str) -> str | None:
    """
    Why a JSON text is refused before parsing (more than
    :data:`MAX_JSON_CONTAINERS` arrays and objects or
    :data:`MAX_JSON_STRINGS` strings, nested too deep), or ``None``; linear
    time, with no regular expression: escaped backslashes and quotes are
    removed, then everything but quotes and brackets, then what lies
    between each pair of quotes.

    >>> json_problem(b'["[[[[", "]]", "{{"]') is None
    True
    """
    raw = data.encode("utf-8", errors="replace") if isinstance(data, str) else data
    # Upper bounds (brackets in strings count too), closing brackets alike: the depth check reads them all.
    containers = max(raw.count(b"{") + raw.count(b"["), raw.count(b"}") + raw.count(b"]"))
    if containers > MAX_JSON_CONTAINERS:
        return f"the text has {containers:,} arrays and objects (or brackets); at most {MAX_JSON_CONTAINERS:,} are read"
    quotes = raw.count(b'"')
    if quotes > 2 * MAX_JSON_STRINGS:
        return f"the text has {quotes // 2:,} strings (or more); at most {MAX_JSON_STRINGS:,} are read"
    if b"\\" in raw:
        raw = raw.replace(b"\\\\", b"").replace(b'\\"', b"")
    reduced = raw.translate(None, _NOT_QUOTE_OR_BRACKET)
    outside = bytearray()
    inside = False  # whether the piece starts inside a string
    for start in range(0, len(reduced), _CHUNK):  # in pieces: a split makes one object per string
        parts = reduced[start : start + _CHUNK].split(b'"')
        outside += b"".join(parts[1 if inside else 0 :: 2])
        inside ^= len(parts) % 2 == 0
    return _depth(bytes(outside))


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
