"""Dictionaries (智能取词): seeding declared entries, matching values, and user edits of entries.

Declared dictionaries (``register_dictionaries``) are seeded into ``core_dictionary_entry`` by
``gridcore init``; seeding adds what is missing and never overwrites what users changed. Records store
an entry's ``code``; people see its ``label``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import func, select

from gridcore.contributions import Dictionary, DictionaryEntry
from gridcore.domain.dictionaries import allowed_values_message, match_entry, normalize
from gridcore.domain.dictionaries.models import ALIAS_SEPARATOR, DictionaryEntryRow
from gridcore.errors import ConflictError, NotFoundError, ValidationError
from gridcore.services.unit import UnitOfWork, operation

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from gridcore.app import GridApp


def seed_dictionaries(app: GridApp, session: Session) -> str | None:
    """Insert every declared entry whose code is not stored yet; return a summary line or ``None``."""
    stored = {(row.dictionary_id, row.code) for row in session.execute(select(DictionaryEntryRow)).scalars()}
    labels = {(row.dictionary_id, row.label) for row in session.execute(select(DictionaryEntryRow)).scalars()}
    added = 0
    for dictionary in app.registry.dictionaries.values():
        for entry in dictionary.entries:
            if (dictionary.id, entry.code) in stored or (dictionary.id, entry.label) in labels:
                continue
            session.add(
                DictionaryEntryRow(
                    dictionary_id=dictionary.id,
                    code=entry.code,
                    label=entry.label,
                    sort=entry.sort,
                    protected=entry.protected,
                    semantic=entry.semantic,
                    aliases=ALIAS_SEPARATOR.join(entry.aliases),
                    enabled=entry.enabled,
                    verify=entry.verify,
                )
            )
            added += 1
    return f"词典条目 {added} 条" if added else None


def _declared(uow: UnitOfWork, dictionary_id: str) -> Dictionary:
    try:
        return uow.app.registry.dictionaries[dictionary_id]
    except KeyError:
        known = "、".join(f"{d.id}({d.title})" for d in uow.app.registry.dictionaries.values())
        raise NotFoundError(f"没有词典 {dictionary_id!r};可用: {known}") from None


def current(uow: UnitOfWork, dictionary_id: str) -> Dictionary:
    """The dictionary as stored now (users' edits included), cached for the unit of work."""
    key = f"dictionary:{dictionary_id}"
    cached = uow.cache.get(key)
    if isinstance(cached, Dictionary):
        return cached
    declared = _declared(uow, dictionary_id)
    rows = uow.session.execute(
        select(DictionaryEntryRow)
        .where(DictionaryEntryRow.dictionary_id == dictionary_id)
        .order_by(DictionaryEntryRow.sort, DictionaryEntryRow.code)
    ).scalars()
    entries = tuple(
        DictionaryEntry(
            code=row.code,
            label=row.label,
            sort=row.sort,
            protected=row.protected,
            semantic=row.semantic,
            aliases=tuple(a for a in row.aliases.split(ALIAS_SEPARATOR) if a),
            enabled=row.enabled,
            verify=row.verify,
        )
        for row in rows
    )
    value = Dictionary(
        id=declared.id,
        title=declared.title,
        entries=entries,
        standard=declared.standard,
        sensitive=declared.sensitive,
        plugin=declared.plugin,
    )
    uow.cache[key] = value
    return value


def _forget(uow: UnitOfWork, dictionary_id: str) -> None:
    uow.cache.pop(f"dictionary:{dictionary_id}", None)
    uow.cache.pop(f"lookup:{dictionary_id}", None)


def _lookup(uow: UnitOfWork, dictionary_id: str) -> dict[str, str]:
    """Normalised label, code and alias of every enabled entry to its code (labels win), per unit of work."""
    key = f"lookup:{dictionary_id}"
    cached = uow.cache.get(key)
    if isinstance(cached, dict):
        return cached
    table: dict[str, str] = {}
    entries = [e for e in current(uow, dictionary_id).entries if e.enabled]
    for pairs in (
        [(e.label, e.code) for e in entries],
        [(e.code, e.code) for e in entries],
        [(alias, e.code) for e in entries for alias in e.aliases],
    ):
        for spelling, code in pairs:
            table.setdefault(normalize(spelling), code)
    uow.cache[key] = table
    return table


def to_code(uow: UnitOfWork, dictionary_id: str, text: str, *, field: str) -> str:
    """The code of the entry matching ``text`` (label, code or alias); otherwise list the allowed labels."""
    found = _lookup(uow, dictionary_id).get(normalize(text))
    if found is not None:
        return found
    dictionary = current(uow, dictionary_id)
    entry = match_entry(dictionary, text)  # the rarer spellings (an ordinal prefix such as 1户主)
    if entry is None:
        raise ValidationError(
            f"「{field}」的值「{text}」不在词典中;{allowed_values_message(dictionary)}", field=field, value=text
        )
    return entry.code


def label_of(uow: UnitOfWork, dictionary_id: str, code: str | None) -> str:
    """The label people see for a stored code (the code itself if the entry was removed)."""
    if code is None:
        return ""
    for entry in current(uow, dictionary_id).entries:
        if entry.code == code:
            return entry.label
    return code


def code_of(uow: UnitOfWork, dictionary_id: str, semantic: str) -> str:
    """The code of the entry tagged ``semantic`` (``HEAD``, ``MALE``, ``URBAN`` ...)."""
    for entry in current(uow, dictionary_id).entries:
        if entry.semantic == semantic:
            return entry.code
    raise NotFoundError(f"词典 {dictionary_id} 缺少语义为 {semantic} 的条目: 请运行 gridcore init")


def _row(uow: UnitOfWork, dictionary_id: str, label_or_code: str) -> DictionaryEntryRow:
    entry = match_entry(current(uow, dictionary_id), label_or_code)
    code = entry.code if entry else label_or_code
    row = uow.session.execute(
        select(DictionaryEntryRow).where(
            DictionaryEntryRow.dictionary_id == dictionary_id, DictionaryEntryRow.code == code
        )
    ).scalar_one_or_none()
    if row is None:
        raise NotFoundError(f"词典 {dictionary_id} 中没有条目「{label_or_code}」")
    return row


@operation("dict.view")
def list_entries(uow: UnitOfWork, dictionary_id: str) -> Dictionary:
    return current(uow, dictionary_id)


@operation("dict.edit")
def add_entry(uow: UnitOfWork, dictionary_id: str, label: str, code: str | None = None) -> DictionaryEntry:
    """Add an entry; its code defaults to the next free number after the highest numeric code."""
    dictionary = current(uow, dictionary_id)
    label = label.strip()
    if not label:
        raise ValidationError("词典条目名称不能为空", field="名称", value=label)
    if match_entry(dictionary, label) is not None and any(e.label == label for e in dictionary.entries):
        raise ConflictError(f"词典 {dictionary.title} 已有条目「{label}」")
    if code is None:
        numeric = [int(e.code) for e in dictionary.entries if e.code.isdigit()]
        width = max((len(e.code) for e in dictionary.entries if e.code.isdigit()), default=2)
        code = str(max(numeric, default=0) + 1).zfill(width)
    if any(e.code == code for e in dictionary.entries):
        raise ConflictError(f"词典 {dictionary.title} 已有代码 {code}")
    sort = uow.session.execute(
        select(func.max(DictionaryEntryRow.sort)).where(DictionaryEntryRow.dictionary_id == dictionary_id)
    ).scalar()
    row = DictionaryEntryRow(dictionary_id=dictionary_id, code=code, label=label, sort=(sort or 0) + 1)
    uow.write("dictionary_entry", "create", row, key=f"{dictionary_id}:{code}")
    _forget(uow, dictionary_id)
    return DictionaryEntry(code=code, label=label, sort=row.sort)


@operation("dict.edit")
def rename_entry(uow: UnitOfWork, dictionary_id: str, label_or_code: str, new_label: str) -> None:
    row = _row(uow, dictionary_id, label_or_code)
    if row.protected:
        raise ConflictError(f"「{row.label}」是受保护的词典条目,不能改名 (统计与规则依赖它)")
    new_label = new_label.strip()
    if not new_label:
        raise ValidationError("词典条目名称不能为空", field="名称", value=new_label)
    dictionary = current(uow, dictionary_id)
    if any(e.label == new_label and e.code != row.code for e in dictionary.entries):
        raise ConflictError(f"词典 {dictionary.title} 已有条目「{new_label}」")
    row.label = new_label
    uow.write("dictionary_entry", "update", row, key=f"{dictionary_id}:{row.code}")
    _forget(uow, dictionary_id)


@operation("dict.edit")
def remove_entry(uow: UnitOfWork, dictionary_id: str, label_or_code: str) -> None:
    row = _row(uow, dictionary_id, label_or_code)
    if row.protected:
        raise ConflictError(f"「{row.label}」是受保护的词典条目,不能删除 (统计与规则依赖它)")
    uow.write("dictionary_entry", "delete", row, key=f"{dictionary_id}:{row.code}")
    _forget(uow, dictionary_id)
