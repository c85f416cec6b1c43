"""The one place gridcore talks to pypinyin: first letters (首字母) of Chinese characters.

"首字母" is the first letter of the syllable (``zhōng`` → ``Z``), not the Mandarin initial consonant,
so this uses ``Style.FIRST_LETTER``. pypinyin's answers can change between versions; the fixture tests
in ``tests/domain/coding`` pin them.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from pypinyin import Style, pinyin
from pypinyin.constants import PINYIN_DICT


def _letter(syllable: str) -> str | None:
    """``"z"`` → ``"Z"``, ``"ê"`` → ``"E"``; ``None`` when the syllable does not start with a Latin letter."""
    if not syllable:
        return None
    base = unicodedata.normalize("NFKD", syllable[0])[0].upper()
    return base if "A" <= base <= "Z" else None


def has_reading(char: str) -> bool:
    """Whether pypinyin knows any reading of the single character ``char``."""
    return ord(char) in PINYIN_DICT


def phrase_letters(text: str) -> list[str]:
    """One upper-case first letter per character of ``text``, reading it as a phrase.

    Every character of ``text`` must have a reading (:func:`has_reading`). pypinyin segments the text
    with its phrase dictionary, so 重庆 reads chóng and 银行 reads háng.
    """
    if not text:
        return []
    readings = pinyin(text, style=Style.FIRST_LETTER, heteronym=False, errors="ignore")
    letters = [_letter(options[0]) if options else None for options in readings]
    if len(letters) == len(text) and all(letters):
        return [letter for letter in letters if letter]
    # Segmentation did not give one syllable per character: fall back to single characters.
    return [letter_readings(char)[0] for char in text]


@lru_cache(maxsize=4096)
def letter_readings(char: str) -> tuple[str, ...]:
    """Every distinct first letter of every reading of ``char``, in pypinyin's order (朝 → Z, C)."""
    options = pinyin(char, style=Style.FIRST_LETTER, heteronym=True, errors="ignore")
    letters = (_letter(option) for option in (options[0] if options else []))
    return tuple(dict.fromkeys(letter for letter in letters if letter))
