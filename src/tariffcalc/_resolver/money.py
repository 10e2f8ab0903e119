"""The facts of an entry that amounts are computed from."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from tariffcalc.entries import Entry
from tariffcalc.errors import CUSTOMS_VALUE, MissingFact, MissingFactError
from tariffcalc.measures import Basis, ContentValue, ValueLess, WholeValue
from tariffcalc.rates import HUNDRED

if TYPE_CHECKING:
    from tariffcalc.measures import Measure

__all__ = ["Money"]


class Money:
    """
    The facts amounts are computed from; a nominal value of 100 when none is
    given (a rate is then a share of 100, and no amount is reported).
    """

    __slots__ = ("contents", "exchange", "nominal", "quantities", "value")

    def __init__(self, entry: Entry) -> None:
        self.nominal = entry.value is None
        self.value = HUNDRED if entry.value is None else entry.value
        self.quantities = entry.quantity_map
        self.contents = entry.content_map
        self.exchange = entry.exchange

    def basis_value(self, measure: Measure) -> Decimal:
        """The value *measure* is charged on before any slicing; raises MissingFactError."""
        basis: Basis = measure.basis
        if isinstance(basis, WholeValue):
            return self.value
        if isinstance(basis, ContentValue):
            content = self.contents.get(basis.content)
            if content is None or self.nominal:
                facts = [MissingFact.content(basis.content)] if content is None else []
                facts += [CUSTOMS_VALUE] if self.nominal else []
                raise MissingFactError(f"{measure.id} needs the " + " and the ".join(map(str, facts)), facts)
            return content
        assert isinstance(basis, ValueLess)
        less = self.contents.get(basis.content)
        if less is None:
            # No such content declared: nothing to take off, so the whole value is
            # charged and the line stays proportional, with or without a value.
            return self.value
        if self.nominal:
            # A declared content is an amount: its share of an unknown value is unknown.
            raise MissingFactError(
                f"{measure.id} needs the customs value to weigh the {basis.content} content",
                (CUSTOMS_VALUE,),
            )
        if basis.min_share is not None and less * HUNDRED < basis.min_share * self.value:
            return self.value
        return self.value - less
