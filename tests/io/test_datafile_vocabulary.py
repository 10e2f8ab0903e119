"""
The vocabulary of data files: every word with a closed set (claims,
contents, tags and laws declared in a ``[vocabulary]`` table; units, kinds,
displacements, condition types, status kinds and confidence marks fixed by
the library; country codes upper case, ``all`` and ``@GROUP`` keywords) is
checked on reading, and a word that is not known is refused with its file,
line, field and the nearest valid word. A table defined twice is refused
naming both places.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tariffcalc.errors import DataFileError, Problem
from tariffcalc.io.datafiles import format_dataset, parse_dataset, read_dataset
from tariffcalc.io.datafiles._words import DeclaredWords

HEAD = """[schedule]
name = "tiny"

[vocabulary]
claims = ["donation", "usmca"]
contents = ["steel", "us"]
tags = ["reciprocal", "s232-steel"]
laws = ["IEEPA"]

[instruments."EO 1"]
title = "An order"
known_on = 2025-04-02
"""
# HEAD has 12 lines and ends with a blank one: the measure below starts on line 14.

MEASURE = """
[[measures]]
id = "m"
title = "A duty"
kind = "additional"
rate = "10%"
products = "8703"
origins = "all"
validity = "2025-01-01/"
tags = ["reciprocal"]
[measures.citation]
instrument = "EO 1"
"""
# Lines of MEASURE after HEAD: [[measures]] 14, kind 17, rate 18, origins 20, tags 22, citation 23.

CONDITION = """[[measures.conditions]]
type = "not-if-claimed"
claim = "donation"
"""
# After HEAD + MEASURE: [[measures.conditions]] 25, type 26, claim 27.


def _problems(error: DataFileError) -> list[Problem]:
    found = [p for p in error.problems if isinstance(p, Problem)]
    assert len(found) == len(error.problems)  # every one carries its place apart
    return found


def problems(text: str) -> tuple[str, ...]:
    with pytest.raises(DataFileError) as caught:
        parse_dataset(text, file="t.toml")
    return tuple(str(p) for p in caught.value.problems)


def test_the_text_reads_as_given() -> None:
    data = parse_dataset(HEAD + MEASURE + CONDITION, file="t.toml")
    assert [m.id for m in data.measures] == ["m"]
    assert data.vocabulary == DeclaredWords(
        frozenset({"donation", "usmca"}),
        frozenset({"steel", "us"}),
        frozenset({"reciprocal", "s232-steel"}),
        frozenset({"IEEPA"}),
    )


# --- declared words ----------------------------------------------------------------------


def test_an_undeclared_claim_in_a_condition_is_refused_with_the_nearest() -> None:
    assert problems(HEAD + MEASURE + CONDITION.replace('"donation"', '"ddonation"')) == (
        "t.toml:27 measures[0].conditions[0].claim: undeclared claim 'ddonation' (did you mean 'donation'?); "
        'add to a [vocabulary] table: claims = ["ddonation"], or use a declared one: donation, usmca',
    )


def test_an_undeclared_other_claim_of_a_use_condition_is_refused() -> None:
    use = '[[measures.conditions]]\ntype = "use-claimed"\nclaim = "donation"\notherwise = "usmcaa"\n'
    assert problems(HEAD + MEASURE + use) == (
        "t.toml:28 measures[0].conditions[0].otherwise: undeclared claim 'usmcaa' (did you mean 'usmca'?); "
        'add to a [vocabulary] table: claims = ["usmcaa"], or use a declared one: donation, usmca',
    )


def test_an_undeclared_claim_of_a_preference_is_refused() -> None:
    preference = '[[measures.preferences]]\nclaim = "usmac"\nrate = "Free"\n'
    assert problems(HEAD + MEASURE + preference) == (
        "t.toml:26 measures[0].preferences[0].claim: undeclared claim 'usmac' (did you mean 'usmca'?); "
        'add to a [vocabulary] table: claims = ["usmac"], or use a declared one: donation, usmca',
    )


def test_an_undeclared_content_of_a_basis_is_refused() -> None:
    text = HEAD + MEASURE.replace('tags = ["reciprocal"]', 'tags = ["reciprocal"]\nbasis = "content:stel"')
    assert problems(text) == (
        "t.toml:23 measures[0].basis: undeclared content 'stel' (did you mean 'steel'?); "
        'add to a [vocabulary] table: contents = ["stel"], or use a declared one: steel, us',
    )


def test_an_undeclared_content_of_a_content_condition_is_refused() -> None:
    share = '[[measures.conditions]]\ntype = "content-share"\ncontent = "uss"\nminimum = "20"\n'
    assert problems(HEAD + MEASURE + share) == (
        "t.toml:27 measures[0].conditions[0].content: undeclared content 'uss' (did you mean 'us'?); "
        'add to a [vocabulary] table: contents = ["uss"], or use a declared one: steel, us',
    )


def test_an_undeclared_content_of_an_on_content_rate_is_refused() -> None:
    assert problems(HEAD + MEASURE.replace('rate = "10%"', 'rate = "25% on steal"')) == (
        "t.toml:18 measures[0].rate: undeclared content 'steal' (did you mean 'steel'?); "
        'add to a [vocabulary] table: contents = ["steal"], or use a declared one: steel, us',
    )


def test_an_undeclared_measure_tag_is_refused() -> None:
    assert problems(HEAD + MEASURE.replace('["reciprocal"]', '["reciprocal", "s232-stel"]')) == (
        "t.toml:22 measures[0].tags[1]: undeclared tag 's232-stel' (did you mean 's232-steel'?); "
        'add to a [vocabulary] table: tags = ["s232-stel"], or use a declared one: reciprocal, s232-steel',
    )


RULE = """
[[rules]]
id = "r"
when = "s232-steel"
drops = "reciprocal"
displaces = "entry"
validity = "2025-01-01/"
[rules.citation]
instrument = "EO 1"
"""
# After HEAD + MEASURE: [[rules]] 26, when 28, drops 29, displaces 30.


def test_an_undeclared_rule_tag_is_refused() -> None:
    assert problems(HEAD + MEASURE + RULE.replace('drops = "reciprocal"', 'drops = "reciprocl"')) == (
        "t.toml:29 rules[0].drops: undeclared tag 'reciprocl' (did you mean 'reciprocal'?); "
        'add to a [vocabulary] table: tags = ["reciprocl"], or use a declared one: reciprocal, s232-steel',
    )


AUTHORITY = """
[[authorities]]
id = "a"
title = "IEEPA duties"
law = "IEEPA"
tags = ["reciprocal"]

[[status]]
id = "s"
law = "IEEPA"
on = 2025-05-28
kind = "held-unlawful"
title = "A ruling"
[status.citation]
instrument = "EO 1"
"""
# After HEAD + MEASURE: [[authorities]] 26, law 29, tags 30; [[status]] 32, law 34, kind 36.


def test_an_undeclared_authority_tag_is_refused() -> None:
    assert problems(HEAD + MEASURE + AUTHORITY.replace('tags = ["reciprocal"]', 'tags = ["recipocal"]')) == (
        "t.toml:30 authorities[0].tags[0]: undeclared tag 'recipocal' (did you mean 'reciprocal'?); "
        'add to a [vocabulary] table: tags = ["recipocal"], or use a declared one: reciprocal, s232-steel',
    )


def test_an_undeclared_law_of_an_authority_or_status_is_refused() -> None:
    assert problems(HEAD + MEASURE + AUTHORITY.replace('law = "IEEPA"', 'law = "IEEP"')) == (
        "t.toml:29 authorities[0].law: undeclared law 'IEEP' (did you mean 'IEEPA'?); "
        'add to a [vocabulary] table: laws = ["IEEP"], or use a declared one: IEEPA',
        "t.toml:34 status[0].law: undeclared law 'IEEP' (did you mean 'IEEPA'?); "
        'add to a [vocabulary] table: laws = ["IEEP"], or use a declared one: IEEPA',
    )


def test_a_word_declared_twice_in_one_list_is_refused() -> None:
    assert problems(HEAD.replace('["donation", "usmca"]', '["donation", "usmca", "donation"]') + MEASURE) == (
        "t.toml:5 vocabulary.claims[2]: claim 'donation' is declared twice in this list (first as claims[0])",
    )


def test_a_declared_word_is_one_word() -> None:
    assert problems(HEAD.replace('["donation", "usmca"]', '["donation", "us mca"]') + MEASURE) == (
        "t.toml:5 vocabulary.claims[1]: a declared claim is one word without spaces, got 'us mca'",
    )


def test_without_any_declared_word_of_a_kind_the_message_says_so() -> None:
    text = HEAD.replace('laws = ["IEEPA"]\n', "") + MEASURE + AUTHORITY
    assert problems(text)[0] == (
        "t.toml:28 authorities[0].law: undeclared law 'IEEPA'; no law is declared: "
        'add to a [vocabulary] table: laws = ["IEEPA"]'
    )


def test_the_vocabulary_tables_of_a_directory_add_up(tmp_path: Path) -> None:
    (tmp_path / "a.toml").write_text(HEAD + MEASURE + CONDITION.replace("donation", "gsp"), encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        read_dataset(tmp_path)
    assert [p.where for p in _problems(caught.value)] == [f"{tmp_path / 'a.toml'}:27 measures[0].conditions[0].claim"]
    (tmp_path / "b.toml").write_text('[vocabulary]\nclaims = ["gsp"]\n', encoding="utf-8")
    assert [c.claim for c in read_dataset(tmp_path).measures[0].conditions] == ["gsp"]  # type: ignore[attr-defined]


def test_a_data_set_that_declares_no_vocabulary_is_refused_with_the_line_to_add() -> None:
    # Declaring is required: without any [vocabulary] table no claim is declared, and the message says what to add.
    head = HEAD[: HEAD.index("[vocabulary]")] + HEAD[HEAD.index("[instruments") :]
    assert problems(head + MEASURE + CONDITION.replace("donation", "anything")) == (
        "t.toml:21 measures[0].conditions[0].claim: undeclared claim 'anything'; no claim is declared: "
        'add to a [vocabulary] table: claims = ["anything"]',
        "t.toml:16 measures[0].tags[0]: undeclared tag 'reciprocal'; no tag is declared: "
        'add to a [vocabulary] table: tags = ["reciprocal"]',
    )


def test_a_written_data_set_declares_the_words_it_uses_and_reads_back() -> None:
    data = parse_dataset(HEAD + MEASURE + CONDITION + RULE + AUTHORITY, file="t.toml")
    text = format_dataset(data)
    assert "[vocabulary]" in text
    assert 'claims = ["donation", "usmca"]' in text
    again = parse_dataset(text)
    assert again == data
    assert again.vocabulary == data.vocabulary


# --- fixed words ---------------------------------------------------------------------------


def test_an_unknown_unit_is_refused_with_the_nearest() -> None:
    assert problems(HEAD + MEASURE.replace('rate = "10%"', 'rate = "2.5 USD/kgz"'))[0].startswith(
        "t.toml:18 measures[0].rate: unknown unit of quantity 'kgz' (did you mean 'kg'?); known units: "
    )


def test_an_unknown_measure_kind_is_refused_with_the_nearest() -> None:
    assert problems(HEAD + MEASURE.replace('kind = "additional"', 'kind = "additonal"')) == (
        "t.toml:17 measures[0].kind: 'additonal' is not valid here (did you mean 'additional'?); use base or additional",
    )


def test_an_unknown_displacement_is_refused_with_the_nearest() -> None:
    assert problems(HEAD + MEASURE + RULE.replace('displaces = "entry"', 'displaces = "slices"')) == (
        "t.toml:30 rules[0].displaces: 'slices' is not valid here (did you mean 'slice'?); use entry or slice",
    )


def test_an_unknown_condition_type_is_refused_with_the_nearest() -> None:
    assert problems(HEAD + MEASURE + CONDITION.replace('"not-if-claimed"', '"not-if-claim"')) == (
        "t.toml:26 measures[0].conditions[0].type: unknown condition type 'not-if-claim' (did you mean "
        "'not-if-claimed'?); use in-transit, not-if-claimed, only-if-claimed, content-share or use-claimed",
    )


def test_an_unknown_status_kind_is_refused_with_the_nearest() -> None:
    (problem,) = problems(HEAD + MEASURE + AUTHORITY.replace('"held-unlawful"', '"held-unlawfull"'))
    assert problem.startswith(
        "t.toml:36 status[0].kind: 'held-unlawfull' is not valid here (did you mean 'held-unlawful'?); use enjoined, "
    )


def test_an_unknown_confidence_mark_is_refused_with_the_nearest() -> None:
    text = HEAD + MEASURE + 'confidence = "c2"\n'
    assert problems(text) == (
        "t.toml:25 measures[0].citation.confidence: 'c2' is not a confidence mark (did you mean 'C2'?); use C2, C1 or U",
    )


# --- country codes and keywords ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("origins", "message"),
    [
        (
            "al",
            "'al' is neither the keyword 'all' nor a country code (codes are upper case); did you mean 'all' or 'AL' (Albania)?",
        ),
        ("ALL", "'ALL': the keyword for every country is written 'all', in lower case"),
        ("All -CA", "'All': the keyword for every country is written 'all', in lower case"),
        ("jp", "'jp' is not a country code (codes are upper case); did you mean 'JP' (Japan)?"),
        ("all -ca", "'-ca' is not a country code (codes are upper case); did you mean '-CA' (Canada)?"),
        ("UK", "'UK' is not an ISO 3166-1 code; did you mean 'GB' (United Kingdom)?"),
        ("eu", "'eu' is not a country code; did you mean '@EU' (the group)?"),
        ("all -EU", "'-EU' is not a country code; did you mean '-@EU' (the group)?"),
        ("-all", "'-all' would exclude every country; write 'all' and exclude countries with '-CODE'"),
        ("alll", "'alll' is neither the keyword 'all' nor a country code; did you mean 'all'?"),
    ],
)
def test_origins_are_keywords_or_upper_case_codes(origins: str, message: str) -> None:
    group = '\n[[groups]]\nid = "EU"\nname = "European Union"\nmembers = [{ country = "FR", period = "1958-01-01/" }]\n'
    assert problems(HEAD + MEASURE.replace('origins = "all"', f'origins = "{origins}"') + group) == (
        f"t.toml:20 measures[0].origins: {message}",
    )


@pytest.mark.parametrize(
    ("country", "message"),
    [
        ("fr", "'fr' is not a country code (codes are upper case); did you mean 'FR' (France)?"),
        ("UK", "'UK' is not an ISO 3166-1 code; did you mean 'GB' (United Kingdom)?"),
        ("all", "a member is one upper-case ISO 3166-1 alpha-2 code such as 'JP', got 'all'"),
        ("FRA", "a member is one upper-case ISO 3166-1 alpha-2 code such as 'JP', got 'FRA'; did you mean 'FR'?"),
        ("@EU", "a member is one upper-case ISO 3166-1 alpha-2 code such as 'JP', got '@EU'"),
    ],
)
def test_a_group_member_is_an_upper_case_code(country: str, message: str) -> None:
    group = (
        f'\n[[groups]]\nid = "G"\nname = "A group"\nmembers = [{{ country = "{country}", period = "1958-01-01/" }}]\n'
    )
    (problem,) = problems(HEAD + group)
    assert problem.startswith(f"t.toml:17 groups[0].members[0]: {message}")


# --- tables defined twice ------------------------------------------------------------------


def test_an_exact_copy_of_a_measure_is_refused_naming_both_places() -> None:
    assert problems(HEAD + MEASURE + MEASURE) == (
        "t.toml:26 measures[1]: measure 'm' is defined twice: first at t.toml:14 measures[0]",
    )


def test_an_exact_copy_of_a_rule_is_refused_naming_both_places() -> None:
    assert problems(
        HEAD + MEASURE + MEASURE.replace('id = "m"', 'id = "n"').replace("reciprocal", "s232-steel") + RULE + RULE
    ) == ("t.toml:47 rules[1]: rule 'r' is defined twice: first at t.toml:38 rules[0]",)


def test_a_group_defined_in_two_files_is_refused_naming_both_places(tmp_path: Path) -> None:
    group = '[[groups]]\nid = "G"\nname = "A group"\nmembers = [{ country = "FR", period = "1958-01-01/" }]\n'
    (tmp_path / "a.toml").write_text(group, encoding="utf-8")
    (tmp_path / "b.toml").write_text("# the same group again\n" + group, encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        read_dataset(tmp_path)
    assert [str(p) for p in caught.value.problems] == [
        f"{tmp_path / 'b.toml'}:2 groups[0]: group 'G' is defined twice: first at {tmp_path / 'a.toml'}:1 groups[0]"
    ]


def test_a_data_file_that_is_not_utf8_is_refused_at_the_line_of_the_bad_byte(tmp_path: Path) -> None:
    (tmp_path / "a.toml").write_bytes(b'[schedule]\nname = "x"\ndescription = "caf\xe9"\n')
    with pytest.raises(DataFileError) as caught:
        read_dataset(tmp_path)
    assert [str(p) for p in caught.value.problems] == [
        f"{tmp_path / 'a.toml'}:3: it is not UTF-8 text (byte 0xe9 on line 3); save it as UTF-8"
    ]


# --- the packaged data ---------------------------------------------------------------------

PACKAGED = Path(__file__).resolve().parents[2] / "src" / "tariffcalc" / "us" / "data" / "us2025"


def test_the_packaged_data_declares_every_word_it_uses() -> None:
    from tariffcalc.datasets import us2025_data
    from tariffcalc.io.datafiles._words import used_words

    data = us2025_data()
    assert data.vocabulary is not None
    used = used_words(data.measures, data.suspensions, data.rules, data.legal)
    # Every use is declared (else reading refuses it), and nothing is declared that no file uses.
    assert data.vocabulary == used


@pytest.mark.parametrize(
    ("file", "written", "typo", "nearest"),
    [
        ("s122.toml", 'claim = "donation"', 'claim = "ddonation"', "donation"),
        ("ieepa-fentanyl.toml", 'tags = ["ieepa-ca"', 'tags = ["ieepa-caa"', "ieepa-ca"),
        ("legal-status.toml", 'law = "s122"', 'law = "S122"', "s122"),
        ("s232-metals.toml", 'content:steel"', 'content:stel"', "steel"),
    ],
)
def test_a_typo_in_a_packaged_file_is_refused(tmp_path: Path, file: str, written: str, typo: str, nearest: str) -> None:
    copy = tmp_path / "us2025"
    shutil.copytree(PACKAGED, copy)
    text = (copy / file).read_text(encoding="utf-8")
    assert written in text
    line = text[: text.index(written)].count("\n") + 1
    (copy / file).write_text(text.replace(written, typo, 1), encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        read_dataset(copy)
    (problem,) = _problems(caught.value)
    assert problem.where.startswith(f"{copy / file}:{line} ")
    assert f"(did you mean {nearest!r}?)" in problem.what


def _sample(words: frozenset[str], n: int) -> list[str]:
    ordered = sorted(words)
    return ordered[:: max(1, len(ordered) // n)][:n]


def _mutations() -> list[tuple[str, str]]:
    from tariffcalc.datasets import us2025_data

    declared = us2025_data().vocabulary
    assert declared is not None
    counts = {"claims": 4, "contents": 2, "tags": 5, "laws": 2}
    return [(kind, word) for kind, n in counts.items() for word in _sample(declared.known(kind), n)]


#: Where each kind of word is written, around the word (``W``).
_USES = {
    "claims": [r'(claim|otherwise) = "W"'],
    "contents": [r"content:W\b", r'content = "W"', r"value-less:W\b", r'^rate = ".* on W\b'],
    "tags": [r'^tags = \[.*"W"', r'(when|drops) = "W"'],
    "laws": [r'law = "W"'],
}


@pytest.mark.parametrize(("kind", "word"), _mutations())
def test_every_sampled_word_of_the_packaged_data_misspelt_at_a_use_is_refused(
    tmp_path: Path, kind: str, word: str
) -> None:
    # A mutation of a name: the word with its last letter doubled, at its first use outside vocabulary.toml.
    import re

    copy = tmp_path / "us2025"
    shutil.copytree(PACKAGED, copy)
    patterns = [re.compile(p.replace("W", re.escape(word))) for p in _USES[kind]]
    for path in sorted(copy.glob("*.toml")):
        if path.name == "vocabulary.toml":
            continue
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        at = next((i for i, line in enumerate(lines) if any(p.search(line) for p in patterns)), None)
        if at is not None:
            break
    else:
        pytest.fail(f"no use of the {kind} word {word!r}")
    typo = word + word[-1]
    line = lines[at]
    start = max(line.find(f'"{word}"') + 1, line.find(f":{word}") + 1, line.find(f" on {word}") + 4)
    lines[at] = line[:start] + typo + line[start + len(word) :]
    assert typo in lines[at]
    path.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        read_dataset(copy)
    (problem,) = _problems(caught.value)
    assert problem.where.startswith(f"{path}:{at + 1} ")
    assert problem.what.startswith(f"undeclared {kind[:-1]} {typo!r} (did you mean {word!r}?)")


@pytest.mark.parametrize(
    ("file", "written", "typo", "key", "message"),
    [
        ("ieepa-reciprocal.toml", 'origins = "all', 'origins = "al', "origins = ", "'al' is neither the keyword 'all'"),
        # A member of an inline array is placed at its array's key (members = [), the line the reader knows.
        ("schedule.toml", '{ country = "BE"', '{ country = "be"', "members = [", "'be' is not a country code"),
    ],
)
def test_a_lower_case_code_or_keyword_in_a_packaged_file_is_refused(
    tmp_path: Path, file: str, written: str, typo: str, key: str, message: str
) -> None:
    copy = tmp_path / "us2025"
    shutil.copytree(PACKAGED, copy)
    text = (copy / file).read_text(encoding="utf-8")
    line = text[: text.rindex(key, 0, text.index(written) + len(key))].count("\n") + 1
    (copy / file).write_text(text.replace(written, typo, 1), encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        read_dataset(copy)
    (problem,) = _problems(caught.value)
    assert problem.where.startswith(f"{copy / file}:{line} ")
    assert problem.what.startswith(message)
