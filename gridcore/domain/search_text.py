"""The text a record is found by: its searchable values plus their pinyin, for 模糊查询.

Precomputed once per write, so that ``zs`` finds 张三 (initials) and ``zhangsan`` finds it too (full
pinyin) without converting anything at query time.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Iterable

from pypinyin import lazy_pinyin


def _has_cjk(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" for ch in text)


def search_text(values: Iterable[object]) -> str:
    """Values, then for each Chinese value its full pinyin and its initials; lower-case, space-separated."""
    parts: list[str] = []
    for value in values:
        if value is None:
            continue
        text = unicodedata.normalize("NFKC", str(value)).strip()
        if not text:
            continue
        parts.append(text)
        if _has_cjk(text):
            syllables = [s for s in (_syllable(ch) for ch in text) if s]
            parts.append("".join(syllables))
            parts.append("".join(s[0] for s in syllables))
    return " ".join(parts).casefold()


@functools.lru_cache(maxsize=65536)
def _syllable(char: str) -> str:
    """The usual reading of one character, cached: names share characters, so this is mostly a lookup."""
    found = lazy_pinyin(char, errors="ignore")
    return found[0] if found else ""


def normalise_keyword(keyword: str) -> str:
    return unicodedata.normalize("NFKC", keyword).strip().casefold()
