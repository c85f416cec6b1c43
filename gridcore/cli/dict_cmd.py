"""``gridcore dict``: dictionaries (智能取词设置): list them, list, add, rename and remove entries.

DICT is a dictionary's id (``ethnicity``) or title (民族); ENTRY an entry's label, code or alias. The
rules (protected entries, duplicate labels and codes) live in :mod:`gridcore.services.dictionaries`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from gridcore.cli.context import CliContext, pass_context
from gridcore.cli.output import emit, format_option
from gridcore.cli.permissions import requires
from gridcore.cli.service_runner import confirm_delete, emit_done, read_in_unit, run_in_unit, yes_option

if TYPE_CHECKING:
    from gridcore.contributions import Dictionary, DictionaryEntry
    from gridcore.services.unit import UnitOfWork

LIST_COLUMNS = ("dictionary", "title", "entries")
ENTRY_COLUMNS = ("code", "label", "protected", "enabled")


@click.group("dict")
def dictionary() -> None:
    """词典 (智能取词): 列出词典及其条目, 新增、改名、删除条目。"""


def dictionary_id(uow: UnitOfWork, text: str) -> str:
    """The id of the dictionary named by ``text`` (its id or its title); unknown text is passed on as is,
    so the service names it and lists the dictionaries."""
    declared = uow.app.registry.dictionaries
    if text in declared:
        return text
    for item in declared.values():
        if item.title == text.strip():
            return item.id
    return text


def entry_row(item: DictionaryEntry) -> dict[str, Any]:
    return {"code": item.code, "label": item.label, "protected": item.protected, "enabled": item.enabled}


def _entry_code(uow: UnitOfWork, dictionary_id_: str, text: str) -> str:
    """The code of the entry ``text`` names (label, code or alias), for showing it after the change."""
    from gridcore.domain.dictionaries import match_entry
    from gridcore.services import dictionaries

    found = match_entry(dictionaries.current(uow, dictionary_id_), text)
    return found.code if found is not None else text


def _by_code(entries: tuple[DictionaryEntry, ...], code: str) -> DictionaryEntry | None:
    return next((item for item in entries if item.code == code), None)


def _shown(rows: list[dict[str, Any]] | dict[str, Any], fmt: str, columns: tuple[str, ...]) -> None:
    if fmt == "table":
        marks = {True: "是", False: "否"}
        items = rows if isinstance(rows, list) else [rows]
        emit(
            [{k: marks.get(v, v) if isinstance(v, bool) else v for k, v in row.items()} for row in items],
            fmt=fmt,
            columns=columns,
        )
    else:
        emit(rows, fmt=fmt, columns=columns)


@requires("dict.view")
@dictionary.command("list")
@click.argument("name", metavar="[DICT]", required=False)
@format_option
@pass_context
def list_dictionaries(context: CliContext, name: str | None, fmt: str) -> None:
    """不给 DICT: 列出词典及其条目数; 给出 DICT: 列出其条目 (代码、名称、是否受保护、是否启用)。"""
    from gridcore.services import dictionaries

    if name is None:

        def summary(uow: UnitOfWork) -> list[dict[str, Any]]:
            rows = []
            for declared in uow.app.registry.dictionaries.values():
                stored: Dictionary = dictionaries.list_entries(uow, declared.id)
                rows.append({"dictionary": stored.id, "title": stored.title, "entries": len(stored.entries)})
            return rows

        _shown(read_in_unit(context, summary), fmt, LIST_COLUMNS)
        return

    def entries(uow: UnitOfWork) -> list[dict[str, Any]]:
        stored = dictionaries.list_entries(uow, dictionary_id(uow, name))
        return [entry_row(item) for item in stored.entries]

    _shown(read_in_unit(context, entries), fmt, ENTRY_COLUMNS)


@requires("dict.edit")
@dictionary.command()
@click.argument("name", metavar="DICT")
@click.argument("label")
@click.option("--code", metavar="C", help="条目代码; 不给时取最大数字代码的下一个")
@format_option
@pass_context
def add(context: CliContext, name: str, label: str, code: str | None, fmt: str) -> None:
    """在词典 DICT 中新增条目 LABEL。"""
    from gridcore.services import dictionaries

    def body(uow: UnitOfWork) -> dict[str, Any]:
        added = dictionaries.add_entry(uow, dictionary_id(uow, name), label, code)
        return entry_row(added)

    run_in_unit(context, body, show=lambda row: _shown(row, fmt, ENTRY_COLUMNS))


@requires("dict.edit")
@dictionary.command()
@click.argument("name", metavar="DICT")
@click.argument("entry")
@click.argument("new_label")
@format_option
@pass_context
def rename(context: CliContext, name: str, entry: str, new_label: str, fmt: str) -> None:
    """把词典 DICT 的条目 ENTRY (名称或代码) 改名为 NEW_LABEL; 代码不变, 已有记录随之显示新名称。"""
    from gridcore.services import dictionaries

    def body(uow: UnitOfWork) -> dict[str, Any]:
        wanted = dictionary_id(uow, name)
        code = _entry_code(uow, wanted, entry)
        dictionaries.rename_entry(uow, wanted, entry, new_label)
        renamed = _by_code(dictionaries.current(uow, wanted).entries, code)
        return entry_row(renamed) if renamed is not None else {"code": code, "label": new_label.strip()}

    run_in_unit(context, body, show=lambda row: _shown(row, fmt, ENTRY_COLUMNS))


@requires("dict.edit")
@dictionary.command()
@click.argument("name", metavar="DICT")
@click.argument("entry")
@yes_option
@format_option
@pass_context
def remove(context: CliContext, name: str, entry: str, yes: bool, fmt: str) -> None:
    """删除词典 DICT 的条目 ENTRY (受保护的条目不能删除; 先询问, --yes 不询问)。"""
    from gridcore.services import dictionaries

    def find(uow: UnitOfWork) -> tuple[str, str, str | None]:
        wanted = dictionary_id(uow, name)
        stored = dictionaries.list_entries(uow, wanted)
        found = _by_code(stored.entries, _entry_code(uow, wanted, entry))
        return wanted, stored.title, found.label if found is not None else None

    wanted, title, label = read_in_unit(context, find)
    if label is not None:  # an unknown entry: nothing to confirm, the service says it is not there
        confirm_delete(f"词典 {title} 的条目「{label}」", yes=yes)

    def body(uow: UnitOfWork) -> str:
        code = _entry_code(uow, wanted, entry)
        dictionaries.remove_entry(uow, wanted, entry)
        return code

    run_in_unit(
        context,
        body,
        show=lambda code: emit_done(
            f"已删除词典 {title} 的条目「{label}」", {"dictionary": wanted, "removed": code, "label": label}, fmt=fmt
        ),
    )
