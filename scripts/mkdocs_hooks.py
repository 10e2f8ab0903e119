"""
MkDocs hooks for the docs site (``mkdocs.yml`` loads them).

The pages' examples are doctests (``pytest --doctest-glob=*.md``), and a
doctest writes a blank line of output as ``<BLANKLINE>``. A reader should
see the blank line the command prints, so the site shows it as one; the
pages, and what the tests run, are untouched.
"""

from __future__ import annotations

import re
from typing import Any

_BLANKLINE = re.compile(r"^([ \t]*)<BLANKLINE>[ \t]*$", flags=re.MULTILINE)


def blank_lines(markdown: str) -> str:
    """
    *markdown* with each doctest ``<BLANKLINE>`` line shown as the blank line it stands for.

    >>> blank_lines("Applied:\\n<BLANKLINE>\\n    <BLANKLINE>\\nTotal")
    'Applied:\\n\\n\\nTotal'
    """
    return _BLANKLINE.sub("", markdown)


def on_page_markdown(markdown: str, **kwargs: Any) -> str:
    """The MkDocs event: rewrite each page's Markdown before it is rendered."""
    return blank_lines(markdown)
