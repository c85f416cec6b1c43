"""Initials of a name: the pinyin first letters (首字母) of its first significant characters.

Each run of adjacent ideographs is read as a whole, phrase-aware: place-name table entries first
(longest match), then pypinyin with its phrase dictionary for the rest, so 重庆路 gives ``CQ`` and
朝阳 gives ``CY``. ASCII letters and digits stand for themselves (see
:mod:`gridcore.domain.coding.significant`). "首字母" is the first letter (``zh`` → ``Z``).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import attrs

from gridcore.domain.coding import _pinyin
from gridcore.domain.coding.place_readings import DEFAULT_READINGS, ReadingTable
from gridcore.domain.coding.significant import CharKind, SignificantChar, significant_chars


@attrs.frozen(kw_only=True)
class SpelledChar:
    """A significant character with its letter in this name and every letter any reading gives it."""

    char: str
    letter: str
    options: tuple[str, ...]


def _read_plain(run: str, start: int, end: int, chosen: list[str | None]) -> None:
    """Fill ``chosen[start:end]`` from pypinyin, phrase-aware; unreadable ideographs stay ``None``."""
    while start < end:
        stop = start
        while stop < end and _pinyin.has_reading(run[stop]):
            stop += 1
        chosen[start:stop] = _pinyin.phrase_letters(run[start:stop])
        start = stop + 1


def _read_run(run: str, readings: ReadingTable) -> list[tuple[str, ...]]:
    """Letter options per character of an ideograph run, the reading used in this name first."""
    chosen: list[str | None] = [None] * len(run)
    plain_from = position = 0
    while position < len(run):
        match = readings.longest_match(run, position)
        if match is None:
            position += 1
            continue
        _read_plain(run, plain_from, position, chosen)
        phrase, letters = match
        chosen[position : position + len(phrase)] = list(letters)
        position += len(phrase)
        plain_from = position
    _read_plain(run, plain_from, len(run), chosen)
    return [
        tuple(dict.fromkeys((letter, *_pinyin.letter_readings(char)))) if letter else ()
        for char, letter in zip(run, chosen, strict=True)
    ]


def _han_runs(chars: Sequence[SignificantChar]) -> list[list[SignificantChar]]:
    """Maximal groups of ideographs that are adjacent in the name."""
    runs: list[list[SignificantChar]] = []
    for char in chars:
        if char.kind is not CharKind.HAN:
            continue
        if runs and runs[-1][-1].offset == char.offset - 1:
            runs[-1].append(char)
        else:
            runs.append([char])
    return runs


def spell(name: str, *, readings: ReadingTable = DEFAULT_READINGS) -> tuple[SpelledChar, ...]:
    """Every significant character of ``name`` with its letter; unreadable ideographs are dropped."""
    chars = significant_chars(name)
    options: dict[int, tuple[str, ...]] = {}
    for run in _han_runs(chars):
        text = "".join(char.char for char in run)
        for char, letters in zip(run, _read_run(text, readings), strict=True):
            options[char.offset] = letters
    spelled: list[SpelledChar] = []
    for char in chars:
        letters = options[char.offset] if char.kind is CharKind.HAN else (char.char,)
        if letters:
            spelled.append(SpelledChar(char=char.char, letter=letters[0], options=letters))
    return tuple(spelled)


def _check_n(n: int) -> None:
    if n < 1:
        raise ValueError(f"n must be at least 1, not {n}")


def initials(name: str, n: int = 2, *, readings: ReadingTable = DEFAULT_READINGS) -> str:
    """The letters of the first ``n`` significant characters of ``name`` (红旗社区 → ``HQ``).

    Shorter when the name has fewer significant characters (园 → ``Y``), empty when it has none.
    """
    _check_n(n)
    return "".join(char.letter for char in spell(name, readings=readings)[:n])


def candidate_initials(name: str, n: int = 2, *, readings: ReadingTable = DEFAULT_READINGS) -> list[str]:
    """Every initials a reading of ``name`` gives (锦厦 → ``JX``, ``JS``), :func:`initials` first.

    The order is stable: characters vary right-most first, each through the letter used in this name
    and then pypinyin's other readings. Empty when the name has no significant character.
    """
    _check_n(n)
    spelled = spell(name, readings=readings)[:n]
    if not spelled:
        return []
    combos = itertools.product(*(char.options for char in spelled))
    return list(dict.fromkeys("".join(combo) for combo in combos))
