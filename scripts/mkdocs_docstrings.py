"""
A griffe extension for the docs site (``mkdocs.yml`` loads it): tariffcalc's
docstrings are written for ``help()`` and doctest, in reStructuredText
habits, and this turns them into the Markdown mkdocstrings renders.

* a doctest block (lines from ``>>>`` to the next blank line) becomes a
  fenced ``pycon`` block, instead of a nested quotation;
* a role such as ``:class:`~tariffcalc.rates.Rate``` becomes inline code
  (``Rate``; the ``~`` keeps the last name only, as in Sphinx);
* a doctest's ``<BLANKLINE>`` is shown as the blank line it stands for;
* a paragraph ending in ``::`` ends in ``:`` (the indented block after it
  is already a code block in Markdown).

Only the text shown on the site changes; the source, ``help()`` and the
doctests are untouched.
"""

from __future__ import annotations

import re
from typing import Any

import griffe

_ROLE = re.compile(r":(?:class|meth|func|attr|mod|data|exc|obj):`(~?)([^`]+)`")


def _role(match: re.Match[str]) -> str:
    short, target = match.groups()
    return f"`{target.rsplit('.', 1)[-1] if short else target}`"


def markdown(text: str) -> str:
    """
    The Markdown form of a docstring.

    >>> print(markdown("Use :meth:`~tariffcalc.Schedule.resolve`::\\n\\n>>> 1 + 1\\n2\\n\\nDone."))
    Use `resolve`:
    <BLANKLINE>
    ```pycon
    >>> 1 + 1
    2
    ```
    <BLANKLINE>
    Done.
    """
    out: list[str] = []
    in_block = False
    for line in text.splitlines():
        stripped = line.lstrip()
        if not in_block and stripped.startswith(">>>"):
            in_block = True
            out.append(line[: len(line) - len(stripped)] + "```pycon")
        elif in_block and not stripped:
            in_block = False
            out.append("```")
        if in_block and stripped == "<BLANKLINE>":
            line = ""  # the blank line a doctest writes as <BLANKLINE>
        if not in_block:
            line = _ROLE.sub(_role, line)
            if line.endswith("::") and not line.endswith(":::"):
                line = line[:-1]
        out.append(line)
    if in_block:
        out.append("```")
    return "\n".join(out)


class DocstringsAsMarkdown(griffe.Extension):
    """
    Rewrite every docstring of the loaded package as Markdown, once each.

    griffe fires ``on_object`` for every object but the top-level package,
    which has ``on_package`` instead: without it, the first block of the API
    page (``::: tariffcalc``) kept its raw roles and its doctest became a
    nested quotation.
    """

    def __init__(self) -> None:
        super().__init__()
        self._done: set[int] = set()

    def _rewrite(self, obj: griffe.Object) -> None:
        if obj.docstring is not None and id(obj.docstring) not in self._done:
            self._done.add(id(obj.docstring))
            obj.docstring.value = markdown(obj.docstring.value)

    def on_object(self, *, obj: griffe.Object, **kwargs: Any) -> None:
        self._rewrite(obj)

    def on_package(self, *, pkg: griffe.Module, **kwargs: Any) -> None:
        self._rewrite(pkg)
