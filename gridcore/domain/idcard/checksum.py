"""GB 11643-1999 digit arithmetic: the MOD 11-2 check character and the 15 <-> 18 digit forms.

Pure functions on strings that are already known to be digits; the checks that explain a bad
number to a person live in :mod:`gridcore.domain.idcard.rules`.
"""

from __future__ import annotations

#: Weights of digits 1-17 (``2**(17 - i) mod 11``), from the standard.
WEIGHTS: tuple[int, ...] = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
#: ``sum(digit * weight) % 11`` indexes this string to give the check character.
CHECK_CHARS = "10X98765432"


def check_char(body17: str) -> str:
    """Return the check character (``0``-``9`` or ``X``) for the first 17 digits of a number."""
    if len(body17) != 17 or not body17.isascii() or not body17.isdigit():
        raise ValueError(f"expected 17 ASCII digits, got {len(body17)} characters")
    total = sum(int(digit) * weight for digit, weight in zip(body17, WEIGHTS, strict=True))
    return CHECK_CHARS[total % 11]


def upgrade_15(number15: str) -> str:
    """Turn a legacy 15-digit number into its 18-digit form (century ``19``, check character added).

    The 1989 standard reserved sequence codes 996-999 for people over 100 (born in the 1800s); the 1999
    standard's upgrade rule ignores that and so does this function.
    """
    if len(number15) != 15 or not number15.isascii() or not number15.isdigit():
        raise ValueError("expected 15 ASCII digits")
    body = number15[:6] + "19" + number15[6:]
    return body + check_char(body)


def downgrade_18(number18: str) -> str:
    """Return the legacy 15-digit form of an 18-digit number (drop the century and the check)."""
    if len(number18) != 18:
        raise ValueError("expected 18 characters")
    return number18[:6] + number18[8:17]
