"""社区编码 and 小区编码: defaults, validation, alternatives for duplicates (domain.md §2.2, §2.6 D/F).

社区编码 = initials of the first two significant characters of 社区名称 (红旗社区 → ``HQ``);
小区编码 = 社区编码 + the same for 小区名称 (第一小区 → ``HQDY``). Codes are upper-case ``[A-Z0-9]``,
1 to 12 characters, and are compared case-insensitively. A typed code may contain I, U or V even
though no code generated from Chinese characters does (§2.6 K).
"""

from __future__ import annotations

import itertools
import string
from collections.abc import Collection, Iterable, Iterator

from gridcore.domain.coding.initials import initials
from gridcore.domain.coding.place_readings import DEFAULT_READINGS, ReadingTable
from gridcore.domain.coding.significant import normalize_name
from gridcore.errors import ValidationError

CODE_MAX_LENGTH = 12
"""The longest 社区编码 or 小区编码 accepted."""


def normalize_code(text: str, *, field: str = "编码") -> str:
    """``text`` as a stored code: NFKC, stripped, upper-cased, checked to be 1–12 of ``A-Z0-9``.

    Raises :class:`~gridcore.errors.ValidationError` naming ``field`` when the code is blank or has
    any other character.
    """
    code = normalize_name(text).strip()
    if not code:
        raise ValidationError(f"{field}不能为空, 请输入 1–{CODE_MAX_LENGTH} 位字母或数字", field=field, value=text)
    if not (code.isascii() and code.isalnum() and len(code) <= CODE_MAX_LENGTH):
        raise ValidationError(
            f"{field}「{text}」无效: 只能由 1–{CODE_MAX_LENGTH} 位字母 A–Z 或数字 0–9 组成, 请修改",
            field=field,
            value=text,
        )
    return code.upper()


def _name_initials(name: str, n: int, *, label: str, field: str, readings: ReadingTable) -> str:
    letters = initials(name, n, readings=readings)
    if not letters:
        raise ValidationError(
            f"{label}「{name}」中没有汉字、字母或数字, 无法自动生成{field}, 请手工输入{field}",
            field=label,
            value=name,
        )
    return letters


def _checked_length(code: str, field: str) -> str:
    if len(code) > CODE_MAX_LENGTH:
        raise ValidationError(
            f"自动生成的{field}「{code}」超过 {CODE_MAX_LENGTH} 位, 请手工输入较短的{field}",
            field=field,
            value=code,
        )
    return code


def community_code(name: str, *, readings: ReadingTable = DEFAULT_READINGS) -> str:
    """The default 社区编码 of 社区名称 ``name`` (红旗社区 → ``HQ``, 园 → ``Y``).

    Raises :class:`~gridcore.errors.ValidationError` asking for a manual code when ``name`` has no
    significant character.
    """
    return _name_initials(name, 2, label="社区名称", field="社区编码", readings=readings)


def compound_code(community_code: str, name: str, *, readings: ReadingTable = DEFAULT_READINGS) -> str:
    """The default 小区编码: the 社区编码 plus the initials of 小区名称 (``HQ``, 第一小区 → ``HQDY``)."""
    prefix = normalize_code(community_code, field="社区编码")
    letters = _name_initials(name, 2, label="小区名称", field="小区编码", readings=readings)
    return _checked_length(prefix + letters, "小区编码")


def _suffixes(avoid_prefix_ambiguity: bool) -> Iterator[str]:
    """Suffixes tried after the 3rd character: ``2, 3, ...``; letters when digits would be ambiguous."""
    if not avoid_prefix_ambiguity:
        yield from (str(number) for number in itertools.count(2))
        return
    for size in (1, 2):
        for letters in itertools.product(string.ascii_uppercase, repeat=size):
            yield "".join(letters)


def suggest_alternative(
    name: str,
    taken: Collection[str],
    *,
    prefix: str = "",
    readings: ReadingTable = DEFAULT_READINGS,
    avoid_prefix_ambiguity: bool = False,
    field: str = "编码",
) -> str:
    """A code for ``name`` that is not in ``taken`` (case-insensitive), offered when the default repeats.

    Tried in order (domain.md §2.6 F): the default code itself, then with the initial of the 3rd
    significant character appended (红桥 after 红旗 took ``HQ`` → ``HQQ``), then numeric suffixes
    ``HQ2``, ``HQ3`` .... ``prefix`` is the 社区编码 when suggesting a 小区编码. With
    ``avoid_prefix_ambiguity`` a code that :func:`is_prefix_ambiguous` with a taken one is skipped, and
    letter suffixes (``HQA`` ...) replace the numeric ones, which would always be ambiguous.

    The suggestion is never saved silently: show it, and let the user accept or type another.
    Raises :class:`~gridcore.errors.ValidationError` asking for a manual code when ``name`` has no
    significant character or no suggestion fits in 12 characters.
    """
    head = normalize_code(prefix, field="社区编码") if prefix else ""
    letters = _name_initials(name, 3, label="名称", field=field, readings=readings)
    taken_keys = {code.strip().upper() for code in taken}
    base = head + letters[:2]

    def usable(code: str) -> bool:
        return code not in taken_keys and not (avoid_prefix_ambiguity and is_prefix_ambiguous(code, taken_keys))

    first = [base, base + letters[2:]] if len(letters) > 2 else [base]
    numbered = (base + suffix for suffix in _suffixes(avoid_prefix_ambiguity))
    for code in itertools.chain(first, numbered):
        if len(code) > CODE_MAX_LENGTH:
            break
        if usable(code):
            return code
    raise ValidationError(
        f"无法为「{name}」自动找到不重复的{field}, 请手工输入一个不重复的{field}", field=field, value=name
    )


def prefix_conflicts(new_code: str, existing_codes: Iterable[str]) -> list[str]:
    """The existing codes that ``new_code`` is prefix-ambiguous with (see :func:`is_prefix_ambiguous`)."""
    new = new_code.strip().upper()
    conflicts: list[str] = []
    for existing in existing_codes:
        other = existing.strip().upper()
        shorter, longer = sorted((new, other), key=len)
        rest = longer[len(shorter) :]
        if shorter and rest and longer.startswith(shorter) and rest.isascii() and rest.isdigit():
            conflicts.append(existing)
    return conflicts


def is_prefix_ambiguous(new_code: str, existing_codes: Iterable[str]) -> bool:
    """Whether one of ``new_code`` and an existing code is a proper prefix of the other, the rest digits.

    Record numbers are code + digits, so such codes can produce the same number: ``HQD`` with its
    1001st household and ``HQD1`` with its first both give ``HQD1001`` (domain.md §2.6 D). Equal codes
    are a plain duplicate, not this case. Compared case-insensitively.
    """
    return bool(prefix_conflicts(new_code, existing_codes))
