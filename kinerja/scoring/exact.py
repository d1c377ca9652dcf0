"""Exact decimal arithmetic for the scoring engine.

Every figure the office publishes must be reproducible by hand, so sums and products run in a
decimal context that refuses to round (it traps ``Inexact``), and a quotient is kept as an exact
numerator/denominator pair (:class:`Q`) until the one rounding at output. Rounding a ratio early
(the "0.85 x 100" mistake) or chaining 28-digit divisions can move a result across a rounding
boundary or a predicate threshold; exact pairs cannot.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import (
    ROUND_HALF_UP,
    Context,
    Decimal,
    DivisionByZero,
    Inexact,
    InvalidOperation,
    Overflow,
    Rounded,
)
from functools import total_ordering

EXACT = Context(
    prec=400,
    rounding=ROUND_HALF_UP,
    Emax=999_999,
    Emin=-999_999,
    traps=[InvalidOperation, DivisionByZero, Overflow, Inexact, Rounded],
)
"""Context for sums and products: wide enough for any accepted input, and loud if it ever rounds."""

LIMIT = Decimal("1e18")
"""Inputs must be smaller than this in absolute value (larger figures are input errors)."""

MAX_PLACES = 10
"""Inputs may have at most this many decimal places."""

OUTPUT_PLACES = 2

ZERO = Decimal(0)
ONE = Decimal(1)
HUNDRED = Decimal(100)

_NUMBER_TEXT = re.compile(r"-?(0|[1-9][0-9]*)(\.[0-9]+)?")


def acceptable(x: object) -> bool:
    """A number the engine can take: a finite Decimal or int within the input limits.

    The engine checks instead of trusting callers, because a NaN or 1E+999 from a spreadsheet must
    become a reason, not an exception.
    """
    if isinstance(x, bool):
        return False
    if isinstance(x, int):
        return abs(x) < LIMIT
    if not isinstance(x, Decimal) or not x.is_finite():
        return False
    if abs(x) >= LIMIT:
        return False
    if x.is_zero():
        return True
    _, digits, exponent = x.as_tuple()
    trailing = len(digits) - len("".join(map(str, digits)).rstrip("0"))
    return exponent + trailing >= -MAX_PLACES


def parse_number(raw: object) -> Decimal:
    """Read a number from JSON input (a number, or a string with a decimal point).

    A comma is refused rather than guessed: "85,5" read as 85 is a known e-SAKIP mistake.
    Raises ``ValueError`` with an Indonesian message.
    """
    if isinstance(raw, bool) or raw is None:
        raise ValueError("harus berupa angka")
    if isinstance(raw, int):
        value = Decimal(raw)
    elif isinstance(raw, Decimal):
        value = raw
    elif isinstance(raw, float):
        value = Decimal(repr(raw))
    elif isinstance(raw, str):
        text = raw.strip()
        if "," in text:
            raise ValueError("gunakan titik sebagai pemisah desimal, bukan koma")
        if not _NUMBER_TEXT.fullmatch(text):
            raise ValueError(f"bukan angka: {raw!r}")
        value = Decimal(text)
    else:
        raise ValueError("harus berupa angka")
    if not value.is_finite():
        raise ValueError("angka harus terhingga")
    if abs(value) >= LIMIT:
        raise ValueError("angka terlalu besar (batas 10^18)")
    if not acceptable(value):
        raise ValueError(f"paling banyak {MAX_PLACES} angka di belakang titik desimal")
    return value


def dec(x: Decimal | int) -> Decimal:
    return x if isinstance(x, Decimal) else Decimal(x)


def add(*xs: Decimal | int) -> Decimal:
    total = ZERO
    for x in xs:
        total = EXACT.add(total, dec(x))
    return total


def mul(a: Decimal | int, b: Decimal | int) -> Decimal:
    return EXACT.multiply(dec(a), dec(b))


def sub(a: Decimal | int, b: Decimal | int) -> Decimal:
    return EXACT.subtract(dec(a), dec(b))


def round_ratio(num: Decimal, den: Decimal, places: int = OUTPUT_PLACES) -> Decimal:
    """num / den rounded half away from zero (ROUND_HALF_UP) to ``places``, exactly.

    Works on the integer ratio of the two decimals, so a true x.xx5 always rounds up and a value
    just below never does, whatever the number of digits.
    """
    if den.is_zero():
        raise ZeroDivisionError("pembagi nol")
    n_num, n_den = num.as_integer_ratio()
    d_num, d_den = den.as_integer_ratio()
    p = n_num * d_den
    q = n_den * d_num
    if q < 0:
        p, q = -p, -q
    negative = p < 0
    scaled = (2 * abs(p) * 10**places + q) // (2 * q)
    sign = "-" if negative and scaled else ""
    return Decimal(f"{sign}{scaled}E-{places}")


def fmt(x: Decimal | None) -> str | None:
    """The output form of a number: plain notation, no exponent (``"85.00"``)."""
    return None if x is None else format(x, "f")


@total_ordering
@dataclass(frozen=True, eq=False)
class Q:
    """An exact quotient ``num / den`` of decimals, with ``den > 0``.

    Keeps realisasi and capaian exact through a formula such as (2T - R) / T x 100 so that the
    result is rounded once, at output, and comparisons with thresholds and ranges are exact.
    """

    num: Decimal
    den: Decimal = ONE

    @staticmethod
    def of(x: Q | Decimal | int) -> Q:
        return x if isinstance(x, Q) else Q(dec(x), ONE)

    @staticmethod
    def ratio(num: Decimal | int, den: Decimal | int) -> Q:
        den = dec(den)
        if den.is_zero():
            raise ZeroDivisionError("penyebut nol")
        if den < 0:
            return Q(EXACT.minus(dec(num)), EXACT.minus(den))
        return Q(dec(num), den)

    def __add__(self, other: Q | Decimal | int) -> Q:
        o = Q.of(other)
        return Q(add(mul(self.num, o.den), mul(o.num, self.den)), mul(self.den, o.den))

    def __sub__(self, other: Q | Decimal | int) -> Q:
        o = Q.of(other)
        return Q(sub(mul(self.num, o.den), mul(o.num, self.den)), mul(self.den, o.den))

    def __mul__(self, other: Q | Decimal | int) -> Q:
        o = Q.of(other)
        return Q(mul(self.num, o.num), mul(self.den, o.den))

    def __rmul__(self, other: Decimal | int) -> Q:
        return self * other

    def __truediv__(self, other: Q | Decimal | int) -> Q:
        o = Q.of(other)
        return Q.ratio(mul(self.num, o.den), mul(self.den, o.num))

    def _cmp(self, other: Q | Decimal | int) -> int:
        o = Q.of(other)
        left = mul(self.num, o.den)
        right = mul(o.num, self.den)
        return (left > right) - (left < right)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Q | Decimal | int) or isinstance(other, bool):
            return NotImplemented
        return self._cmp(other) == 0

    def __lt__(self, other: Q | Decimal | int) -> bool:
        return self._cmp(other) < 0

    __hash__ = None  # type: ignore[assignment]

    def is_zero(self) -> bool:
        return self.num.is_zero()

    def is_negative(self) -> bool:
        return self.num < 0

    def rounded(self, places: int = OUTPUT_PLACES) -> Decimal:
        return round_ratio(self.num, self.den, places)

    def __str__(self) -> str:
        if self.den == ONE:
            return fmt(self.num.normalize(EXACT)) or ""
        return f"{fmt(self.num.normalize(EXACT))}/{fmt(self.den.normalize(EXACT))}"
