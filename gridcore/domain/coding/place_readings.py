"""The place-name reading table (地名读音表): phrases whose first letters pypinyin gets wrong.

pypinyin reads 朝阳 as zhāoyáng (``ZY``) and 长治 as zhǎngzhì (``ZZ``); as place names they are
Cháoyáng and Chángzhì. A table entry maps a phrase to one first letter per character and wins over
pypinyin wherever the phrase occurs in a name, the longest entry first (domain.md §7 decision 11).
An edition adds or overrides entries with :meth:`ReadingTable.extended`.

锦厦 (the community of the seed's fire-safety regulation) is read Jǐnxià, the 厦门 reading: in southern
place names 厦 is usually xià, while pypinyin's default shà is the 大厦 (building) reading. An edition
where the local reading is shà overrides it with ``{"锦厦": "JS"}``; both codes are always offered as
candidates.

Table entries match anywhere in a name, so 今朝阳光 reads its 朝 as cháo; codes stay editable and the
other readings are offered as candidates.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from types import MappingProxyType
from typing import NoReturn, final

from gridcore.domain.coding.significant import is_han, normalize_name

# A pinyin syllable never starts with i, u or ü (written y, w, yu), so no first letter is I, U or V.
_NEVER_FIRST = frozenset("IUV")


def _check_entry(phrase: str, letters: str) -> tuple[str, str]:
    """The normalised ``(phrase, LETTERS)`` of one table entry, or ``ValueError`` saying what is wrong."""
    key = normalize_name(phrase).strip() if isinstance(phrase, str) else ""
    if not key or not all(is_han(char) for char in key):
        raise ValueError(
            f"地名读音表条目「{phrase}」无效: 词语只能由汉字组成 "
            f"(reading-table key {phrase!r} must be one or more Chinese characters)"
        )
    value = letters.strip().upper() if isinstance(letters, str) else ""
    if not (value.isascii() and value.isalpha()):
        raise ValueError(
            f"地名读音表条目「{key}」的读音「{letters}」无效: 只能是拼音首字母 A–Z "
            f"(reading for {key!r} must be pinyin first letters, e.g. 'CQ' for 重庆)"
        )
    if len(value) != len(key):
        raise ValueError(
            f"地名读音表条目「{key}」有 {len(key)} 个字, 读音「{value}」却有 {len(value)} 个字母, "
            f"请每个字给一个首字母 (reading for {key!r} needs exactly one letter per character)"
        )
    wrong = sorted(_NEVER_FIRST.intersection(value))
    if wrong:
        raise ValueError(
            f"地名读音表条目「{key}」的读音「{value}」含有 {''.join(wrong)}: 拼音音节不以 i、u、ü 开头 "
            f"(no pinyin syllable starts with I, U or V: they are written Y, W and YU)"
        )
    return key, value


@final
class ReadingTable(Mapping[str, str]):
    """An immutable, validated mapping from a phrase (汉字) to its first letters (``重庆`` → ``CQ``).

    Keys are NFKC-normalised and must be Chinese characters; values are upper-cased and must give one
    letter A–Z (never I, U or V) per character. A bad entry raises :class:`ValueError`.
    """

    __slots__ = ("_entries", "_longest")

    _entries: Mapping[str, str]
    _longest: int

    def __init__(self, entries: Mapping[str, str] | None = None) -> None:
        checked: dict[str, str] = {}
        for phrase, letters in (entries or {}).items():
            key, value = _check_entry(phrase, letters)
            if checked.get(key, value) != value:
                raise ValueError(
                    f"地名读音表条目「{key}」出现两次且读音不同 ({checked[key]} / {value}) "
                    f"(reading table lists {key!r} twice with different readings)"
                )
            checked[key] = value
        object.__setattr__(self, "_entries", MappingProxyType(checked))
        object.__setattr__(self, "_longest", max(map(len, checked), default=0))

    def __setattr__(self, name: str, value: object) -> NoReturn:
        raise AttributeError(f"ReadingTable is immutable; use extended() to add entries (tried {name!r})")

    def __getitem__(self, phrase: str) -> str:
        return self._entries[phrase]

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    def __hash__(self) -> int:
        return hash(frozenset(self._entries.items()))

    def __repr__(self) -> str:
        return f"ReadingTable({dict(self._entries)!r})"

    def extended(self, entries: Mapping[str, str]) -> ReadingTable:
        """A new table with ``entries`` added; an entry for a phrase already present replaces it."""
        added = ReadingTable(entries)
        return ReadingTable({**self._entries, **added._entries})

    def longest_match(self, text: str, start: int) -> tuple[str, str] | None:
        """The longest entry ``(phrase, letters)`` that occurs in ``text`` at ``start``, if any."""
        for length in range(min(self._longest, len(text) - start), 0, -1):
            phrase = text[start : start + length]
            letters = self._entries.get(phrase)
            if letters is not None:
                return phrase, letters
        return None


DEFAULT_READINGS = ReadingTable(
    {
        # Named in the design brief; pinned here so a pypinyin upgrade cannot change them.
        "重庆": "CQ",
        "长安": "CA",
        "厦门": "XM",
        "朝阳": "CY",
        "长沙": "CS",
        "六安": "LA",
        "蚌埠": "BB",
        "番禺": "PY",
        "乐清": "YQ",
        "丽水": "LS",
        "大厦": "DS",
        "锦厦": "JX",
        # Place names pypinyin 0.55 reads wrongly.
        "长治": "CZ",
        "长宁": "CN",
        "长垣": "CY",
        "长葛": "CG",
        "长岭": "CL",
        "长白": "CB",
        "单县": "SX",
        "漯河": "LH",
        "洪洞": "HT",
        "繁峙": "FS",
    }
)
"""The readings gridcore ships; an edition extends them with :meth:`ReadingTable.extended`."""
