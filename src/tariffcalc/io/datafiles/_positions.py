"""
Where a field of a TOML text is written: the line of each table and key,
so that a problem is reported as ``file:line path``.

``tomllib`` gives values without positions; this index reads the table
headers (``[x]``, ``[[x]]``) and keys of the text itself, counting the
entries of arrays of tables so that ``measures[2].rate`` finds its line.

>>> positions = Positions('[schedule]\\nname = "x"\\n\\n[[measures]]\\nid = "a"\\n\\n[[measures]]\\nid = "b"\\nrate = "1%"\\n')
>>> positions.line(["measures", 1, "rate"]), positions.line(["measures", 0]), positions.line(["schedule", "name"])
(9, 4, 2)
>>> path_text(["instruments", "EO 1", "known_on"]), parse_path(".measures[1].rate")
("instruments['EO 1'].known_on", ['measures', 1, 'rate'])
"""

from __future__ import annotations

import re
from collections.abc import Sequence

__all__ = ["FieldPath", "Positions", "parse_path", "path_text"]

#: A field's path in a file: table and key names, and indexes in arrays of tables.
FieldPath = Sequence[str | int]

_HEADER = re.compile(r"^\s*(\[\[?)\s*(.+?)\s*\]\]?\s*(?:#.*)?$")
_KEY = re.compile(r'^\s*("(?:[^"\\]|\\.)*"|[A-Za-z0-9_-]+)\s*=')
_PATH_PART = re.compile(r"\.([A-Za-z0-9_-]+)|\[(\d+)\]|\['((?:[^'\\]|\\.)*)'\]")
_BARE = re.compile(r"[A-Za-z0-9_-]+")


def _split_key(text: str) -> list[str]:
    parts: list[str] = []
    for m in re.finditer(r'"((?:[^"\\]|\\.)*)"|\'([^\']*)\'|([A-Za-z0-9_-]+)', text):
        parts.append(m[1] if m[1] is not None else m[2] if m[2] is not None else m[3])
    return parts


class Positions:
    """Where each table and key of a TOML text starts (1-based lines)."""

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()
        self.sections: list[tuple[tuple[str | int, ...], int]] = [((), 0)]
        arrays: dict[tuple[str | int, ...], int] = {}
        for number, line in enumerate(self.lines):
            m = _HEADER.match(line)
            if not m or line.lstrip().startswith("#"):
                continue
            names = _split_key(m[2])
            concrete: list[str | int] = []
            for name in names[:-1]:
                concrete.append(name)
                if tuple(concrete) in arrays:
                    concrete.append(arrays[tuple(concrete)])
            concrete.append(names[-1] if names else "")
            if m[1] == "[[":
                key = tuple(concrete)
                arrays[key] = arrays.get(key, -1) + 1
                concrete.append(arrays[key])
            self.sections.append((tuple(concrete), number))

    def line(self, path: FieldPath) -> int | None:
        """The line of the field at *path* (or of its nearest table), ``None`` for a top-level field not found."""
        best: tuple[tuple[str | int, ...], int] | None = None
        for i, (section, _start) in enumerate(self.sections):
            if tuple(path[: len(section)]) == section and (best is None or len(section) >= len(best[0])):
                best = (section, i)
        if best is None:
            return None
        section, i = best
        start = self.sections[i][1]
        end = self.sections[i + 1][1] if i + 1 < len(self.sections) else len(self.lines)
        rest = path[len(section) :]
        if rest and isinstance(rest[0], str):
            for number in range(start, end):
                m = _KEY.match(self.lines[number])
                if m and m[1].strip('"') == rest[0]:
                    return number + 1
        return start + 1 if section else None

    def place(self, file: str, path: FieldPath) -> str:
        """``file:line path`` of a field (``file path`` when its line is unknown)."""
        line = self.line(path)
        where = f"{file}:{line}" if line else file
        if path:
            where += f" {path_text(path)}"
        return where


def parse_path(text: str) -> list[str | int]:
    """The path of a field as cattrs writes it (``.measures[0].rate``, ``['EO 1']``)."""
    parts: list[str | int] = []
    for m in _PATH_PART.finditer(text):
        if m[1] is not None:
            parts.append(m[1])
        elif m[2] is not None:
            parts.append(int(m[2]))
        else:
            parts.append(m[3])
    return parts


def path_text(path: FieldPath) -> str:
    """A path as written in messages: ``measures[0].citation``, ``instruments['EO 1']``."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        elif _BARE.fullmatch(part):
            text += f".{part}" if text else part
        else:
            text += f"[{part!r}]"
    return text
