"""Examples and errors of tariffcalc.rules: stacking rules."""

from __future__ import annotations

from datetime import date

import pytest

from tariffcalc import Citation, Displacement, Instrument, Period, StackingRule
from tariffcalc.errors import InvalidMeasureError

CITE = Citation(Instrument("EO 14257", "Reciprocal tariff", known_on=date(2025, 4, 2)), heading="9903.01.33")


def rule(**changes: object) -> StackingRule:
    fields: dict[str, object] = {
        "id": "s232-before-reciprocal",
        "when": "s232",
        "drops": "reciprocal",
        "displaces": Displacement.ENTRY,
        "validity": Period(date(2025, 4, 5)),
        "citation": CITE,
    }
    fields.update(changes)
    return StackingRule(**fields)  # type: ignore[arg-type]


class TestStackingRule:
    def test_text_of_an_entry_rule(self) -> None:
        assert "where a measure tagged s232 applies, measures tagged reciprocal do not (whole entry)" == str(rule())

    def test_text_of_a_slice_rule(self) -> None:
        assert "where a measure tagged s232 applies, measures tagged reciprocal do not (on the slice it covers)" == str(
            rule(displaces=Displacement.SLICE)
        )

    def test_displacement_text(self) -> None:
        assert ("entry", "slice") == (str(Displacement.ENTRY), str(Displacement.SLICE))

    def test_a_tag_cannot_displace_itself(self) -> None:
        with pytest.raises(InvalidMeasureError, match=r"rule r: a tag cannot displace itself \(s232\)"):
            rule(id="r", drops="s232")

    @pytest.mark.parametrize("tag", ["", "s 232", " s232", 232])
    def test_tags_are_one_word(self, tag: object) -> None:
        with pytest.raises(InvalidMeasureError, match=r"when must be one tag word such as 's232', got"):
            rule(when=tag)

    def test_displacement_is_the_enum(self) -> None:
        with pytest.raises(TypeError, match="displaces"):
            rule(displaces="entry")
