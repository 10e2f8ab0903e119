"""
The TOML data-file format: measures, suspensions, stacking rules, country
groups and the instruments they cite, one file per instrument or measure
family, read with the standard library and checked on reading with *every*
problem reported at once.

Read a file or directory with :func:`read_dataset` (a :class:`DataSet`) or
:func:`read_schedule` (the checked :class:`~tariffcalc.schedule.Schedule`),
a text with :func:`parse_dataset`; write with :func:`format_dataset` (the
text) or :func:`write_dataset` (a file). :mod:`.schema` documents the
tables and holds the converter that reads and writes them; the private
modules behind these functions are ``_positions`` (lines of fields, for
messages), ``_dataset``, ``_build`` (tables to core objects), ``_words`` (the closed
words: declared, fixed, country codes), ``_reader`` and ``_writer``.

A file holds any of these tables (all optional)::

    [schedule]                       # at most once per file or directory
    name = "us-2025"
    horizon = "2025-01-01/2026-06-28"  # the days the sources confirm (optional)

    [vocabulary]                     # any file; the tables of all files add up (see .words)
    claims = ["usmca", "donation"]   # once declared, every claim, content, tag and
    contents = ["us", "steel"]       # law a file uses must be one of these
    tags = ["reciprocal"]
    laws = ["IEEPA"]

    [instruments."EO 14257"]         # cited by id from any file of the directory
    title = "Regulating Imports With a Reciprocal Tariff ..."
    known_on = 2025-04-02            # signed or published
    applies_from = 2025-04-05        # first day it governs (earlier: retroactive)
    published = "90 FR 15041"
    url = "https://www.govinfo.gov/..."

    [[groups]]
    id = "EU"
    name = "European Union"
    members = [{ country = "AT", period = "1995-01-01/" }]

    [[measures]]
    id = "us.ieepa.reciprocal.baseline"
    title = "Reciprocal tariff, baseline"
    kind = "additional"              # or "base"
    rate = "10%"                     # the canonical rate text (tariffcalc.Rate.parse)
    products = "all -8471"           # and/or products_file = "lists/x.txt"
    origins = "all -CA -MX -@column2"  # 'all', '@GROUP' and upper-case ISO codes only
    validity = "2025-04-05/2026-02-24"
    basis = "value-less:us>=20%"     # value | content:steel | value-less:us>=20%
    tags = ["reciprocal"]
    [measures.citation]
    instrument = "EO 14257"
    heading = "9903.01.25"
    source = "https://..."
    confidence = "C2"                # C2 | C1 | U
    note = "why this source was chosen"
    [[measures.conditions]]
    type = "in-transit"              # in-transit | not-if-claimed | only-if-claimed | content-share
    loaded_before = 2025-04-05
    entered_before = 2025-05-27

    [[suspensions]]
    id = "..."
    measures = ["..."]
    period = "2025-04-10/2025-07-09"
    replacement = "10%"              # optional
    [suspensions.citation]
    instrument = "EO 14266"

    [[rules]]
    id = "..."
    when = "s232-auto"
    drops = "reciprocal"
    displaces = "entry"              # or "slice"
    validity = "2025-04-05/"
    [rules.citation]
    instrument = "EO 14257"

    [[authorities]]                  # legal status: see tariffcalc.legal
    id = "ieepa-reciprocal"
    title = "IEEPA reciprocal tariffs"
    law = "IEEPA"                    # the status events of this law apply
    tags = ["reciprocal"]            # to the measures with one of these tags

    [[status]]
    id = "ieepa.scotus"
    law = "IEEPA"
    on = 2026-02-20
    kind = "held-unlawful"           # enjoined | stayed | held-unlawful | collection-ended |
                                     # refund-ordered | refund-suspended | refund-process | appeal-pending
    title = "Supreme Court, Learning Resources v. Trump"
    final = true                     # optional, default false
    plaintiffs_only = false          # optional
    [status.citation]
    instrument = "Learning Resources v. Trump"

A product list file (``products_file``) has one code prefix per line,
``-PREFIX`` for a carve-out, and ``#`` comments.

>>> text = '''
... [instruments."EO 1"]
... title = "An order"
... known_on = 2025-01-01
... [[measures]]
... id = "x"
... title = "X"
... kind = "additional"
... rate = "10%"
... products = "8703"
... origins = "JP"
... validity = "2025-01-01/"
... [measures.citation]
... instrument = "EO 1"
... heading = "9903.01.25"
... '''
>>> data = parse_dataset(text)
>>> [m.rate for m in data.measures]
[AdValorem(percent=Decimal('10'))]
>>> parse_dataset(format_dataset(data)) == data
True
>>> parse_dataset(text.replace('"10%"', '"ten"').replace('"JP"', '"XX"'))
Traceback (most recent call last):
...
tariffcalc.errors.DataFileError: <string>: cannot load the data file (2 problem(s)):
  - <string>:9 measures[0].rate: cannot read 'ten' in rate 'ten'; ...
  - <string>:11 measures[0].origins: 'XX' is not an ISO 3166-1 alpha-2 country code; ...
"""

from tariffcalc.io.datafiles._dataset import DataSet
from tariffcalc.io.datafiles._reader import SUFFIX, parse_dataset, read_dataset, read_schedule
from tariffcalc.io.datafiles._writer import format_dataset, write_dataset

__all__ = ["SUFFIX", "DataSet", "format_dataset", "parse_dataset", "read_dataset", "read_schedule", "write_dataset"]
