"""户籍编号, 场所编号 and 常住编号: a code followed by an increasing number (domain.md §2.3, §2.4).

户籍编号 = 小区编码 + 3 digits (``HQDY001``); 场所编号 is built the same way in its own sequence;
常住编号 = 户籍编号 + 2 digits, no separator (``HQDY00101``, §7 decision 3). Past 999 (or 99) the
number simply gets wider (``HQDY1000``), so lists sort with :func:`sort_key`, not as plain strings.

Allocation (never reusing a number, skipping taken ones) belongs to the kernel's sequence service;
:func:`next_free` is the pure part of it.
"""

from __future__ import annotations

from collections.abc import Callable

HOUSEHOLD_WIDTH = 3
"""Digits after the 小区编码 in 户籍编号 and 场所编号."""

RESIDENT_WIDTH = 2
"""Digits after the 户籍编号 in 常住编号."""

NEXT_FREE_LIMIT = 1_000_000
"""How many taken numbers :func:`next_free` skips before it gives up."""


def record_number(prefix: str, seq: int, *, width: int = HOUSEHOLD_WIDTH) -> str:
    """``prefix`` followed by ``seq`` zero-padded to ``width`` digits, wider when ``seq`` needs it."""
    if not prefix:
        raise ValueError("a record number needs a non-empty prefix")
    if seq < 1:
        raise ValueError(f"sequence numbers start at 1, not {seq}")
    if width < 1:
        raise ValueError(f"width must be at least 1, not {width}")
    return f"{prefix}{seq:0{width}d}"


def household_number(compound_code: str, seq: int) -> str:
    """户籍编号 number ``seq`` of a compound: ``HQDY`` and 1 → ``HQDY001``; 1000 → ``HQDY1000``."""
    return record_number(compound_code, seq, width=HOUSEHOLD_WIDTH)


def premises_number(compound_code: str, seq: int) -> str:
    """场所编号 number ``seq`` of a compound; same format as 户籍编号, its own sequence (§2.6 E)."""
    return record_number(compound_code, seq, width=HOUSEHOLD_WIDTH)


def resident_number(household_no: str, k: int) -> str:
    """常住编号 of the ``k``-th resident of a household: ``HQDY001`` and 1 → ``HQDY00101``."""
    return record_number(household_no, k, width=RESIDENT_WIDTH)


def numeric_suffix(number: str, prefix: str) -> int | None:
    """The number after ``prefix`` in ``number`` (``HQDY012``, ``HQDY`` → 12), or ``None``.

    ``None`` when ``number`` does not start with ``prefix`` (compared case-insensitively) or what
    follows is not all digits.
    """
    if not prefix or number[: len(prefix)].upper() != prefix.upper():
        return None
    rest = number[len(prefix) :]
    return int(rest) if rest.isascii() and rest.isdigit() else None


def sort_key(number: str) -> tuple[str, int, str]:
    """Sort key ordering record numbers by (prefix, numeric suffix): ``HQDY999`` before ``HQDY1000``.

    The suffix is the trailing run of digits; a number without one sorts before the numbered ones of
    the same prefix. The full text breaks ties (``HQDY01`` and ``HQDY001``).
    """
    stem = number.rstrip("0123456789")
    digits = number[len(stem) :]
    return stem, int(digits) if digits else -1, number


def next_free(prefix: str, start: int, taken: Callable[[str], bool], width: int = HOUSEHOLD_WIDTH) -> str:
    """The first number ``prefix`` + ``seq`` with ``seq >= start`` for which ``taken`` is false.

    ``start`` is one more than the highest number ever issued under ``prefix``, so numbers freed by
    deletion are not reused; ``taken`` says whether a number already exists in the target table
    (entered by hand, received from elsewhere, or produced by a prefix-ambiguous code, §2.6 D).
    """
    for seq in range(start, start + NEXT_FREE_LIMIT):
        number = record_number(prefix, seq, width=width)
        if not taken(number):
            return number
    raise ValueError(f"{NEXT_FREE_LIMIT} numbers from {prefix}{start:0{width}d} on are all taken")
