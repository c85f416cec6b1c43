"""The value objects plugins contribute through the ``register_*`` hooks.

Every contribution is a frozen attrs object with an ``id`` (or ``name``) that must be unique across
the edition; a duplicate stops start-up with a message that names both plugins. ``plugin`` is filled
in by the registry with the contributing plugin's name; plugins leave it empty.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import attrs

# --------------------------------------------------------------------------- dictionaries (智能取词)


@attrs.frozen(kw_only=True)
class DictionaryEntry:
    """One entry (词典内容) of a dictionary.

    ``code`` is the stable key (the national-standard code where one exists) and is what records store.
    ``label`` is what people see. ``protected`` entries cannot be removed or renamed because code
    depends on them; ``semantic`` is the tag that code looks them up by (``URBAN``, ``CPC_FULL``...).
    ``aliases`` are other spellings accepted on import (中共党员 for 中国共产党党员). ``verify`` marks a
    code not yet checked against the standard text (domain.md §7.7).
    """

    code: str
    label: str
    sort: int = 0
    protected: bool = False
    semantic: str | None = None
    aliases: tuple[str, ...] = ()
    enabled: bool = True
    verify: bool = False


@attrs.frozen(kw_only=True)
class Dictionary:
    """A dictionary item (词典项目): declared in code, its entries editable by users within limits."""

    id: str
    title: str
    entries: tuple[DictionaryEntry, ...]
    standard: str = ""
    sensitive: bool = False
    plugin: str = ""


# --------------------------------------------------------------------------- generic callables

Factory = Callable[..., Any]
Settings = Mapping[str, Any]


# --------------------------------------------------------------------------- settings


SETTING_TYPES: Mapping[str, tuple[type, ...]] = {
    "str": (str,),
    "int": (int,),
    "float": (int, float),
    "bool": (bool,),
    "list": (list,),
    "table": (dict,),
}


@attrs.frozen(kw_only=True)
class Setting:
    """A setting a plugin accepts in the edition's ``[settings.<plugin>]`` table.

    ``type`` is one of ``str int float bool list table``; a value of another type stops start-up.
    """

    name: str
    type: str
    default: Any
    description: str = ""
    plugin: str = ""

    def __attrs_post_init__(self) -> None:
        if self.type not in SETTING_TYPES:
            raise ValueError(f"setting {self.name!r}: unknown type {self.type!r}; use one of {list(SETTING_TYPES)}")

    @property
    def id(self) -> str:
        return f"{self.plugin}.{self.name}"


# --------------------------------------------------------------------------- schema


@attrs.frozen(kw_only=True)
class RecordNumbering:
    """How the kernel numbers a new record: the code of its region plus ``width`` digits (场所编号 JDYZ001).

    ``parent`` is the attribute holding the region id (``compound_id``). Each prefix has its own
    sequence (``<entity>:<code>``); a number is never reused, and it stays when the record moves.
    """

    parent: str
    width: int = 3


@attrs.frozen(kw_only=True)
class Entity:
    """A register: one SQLAlchemy model plus what people see of it.

    From this declaration and the column metadata (:func:`gridcore.entities.field`) the kernel derives
    templates, import and export, queries, facets, masking, permissions, audit and the web forms.
    ``key`` is the attribute of the natural key (户籍编号 for households) used by import, export and
    data exchange; ``sheet`` is the Excel sheet name; ``region`` is the path to the region a record
    belongs to (``compound_id``, or ``household.compound_id`` through a relationship), which scopes
    queries, exports, statistics and reports to a subtree; ``columns`` are the fields a list shows by
    default (attribute names; the first labelled fields when empty); ``importer`` is a subclass of
    :class:`gridcore.services.imports.base.EntityImporter` for registers with rules beyond the generic
    ones (the default handles dictionaries, required fields and the key). ``numbering`` lets the kernel
    fill the key of a new record (:class:`RecordNumbering`); ``check(uow, record)`` holds the rules
    beyond required fields and dictionaries (raise :class:`gridcore.errors.ValidationError`): the generic
    services (:mod:`gridcore.services.records`) and the generic import run it on every new or changed
    record.
    """

    id: str
    title: str
    model: type
    key: str = ""
    sheet: str = ""
    region: str | None = None
    columns: tuple[str, ...] = ()
    importer: type | None = None
    numbering: RecordNumbering | None = None
    check: Callable[[Any, Any], None] | None = None
    plugin: str = ""


@attrs.frozen(kw_only=True)
class Migrations:
    """Where a plugin's alembic revisions live; the plugin's name is its branch label.

    ``models`` names modules that define tables which are not entities (so not imported through
    ``register_entities``); schema checks and autogenerate import them too. ``unmanaged`` names
    database objects the migrations make outside the models (a backend-specific index, say), which
    schema checks leave alone.
    """

    path: str
    models: tuple[str, ...] = ()
    unmanaged: tuple[str, ...] = ()
    plugin: str = ""

    @property
    def id(self) -> str:
        return self.plugin


# --------------------------------------------------------------------------- access and navigation


@attrs.frozen(kw_only=True)
class Permission:
    """A permission code such as ``household.edit``; nothing is allowed unless a group holds it."""

    id: str
    title: str
    category: str = ""
    description: str = ""
    plugin: str = ""


@attrs.frozen(kw_only=True)
class Menu:
    """A menu item. ``parent`` is another menu's id; ``permission`` hides it from who lacks it."""

    id: str
    title: str
    parent: str | None = None
    permission: str | None = None
    order: int = 100
    entity: str | None = None
    plugin: str = ""


# --------------------------------------------------------------------------- behaviour


@attrs.frozen(kw_only=True)
class Statistic:
    """A statistic. ``compute`` is called as ``compute(uow, scope)``.

    ``uow`` is the :class:`gridcore.services.unit.UnitOfWork` (its ``session`` reads the data) and
    ``scope`` a :class:`gridcore.stats.scope.Scope` that limits any registered entity to the chosen
    region subtree (``scope.where(entity_id)``). It returns a :class:`StatTable`; ``charts`` names the
    chart kinds that suit it (``bar``, ``pie``).
    """

    id: str
    title: str
    compute: Factory
    charts: tuple[str, ...] = ("bar",)
    permission: str | None = None
    plugin: str = ""


@attrs.frozen(kw_only=True)
class StatTable:
    """The result of a statistic: column headers and rows of plain values."""

    columns: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]


@attrs.frozen(kw_only=True)
class DataFormat:
    """A file format for import or export (``xlsx``, ``xls``, ``csv`` ...)."""

    id: str
    title: str
    suffixes: tuple[str, ...]
    reader: Factory | None = None
    writer: Factory | None = None
    plugin: str = ""


@attrs.frozen(kw_only=True)
class Command:
    """A CLI command or group, imported only when run: ``target`` is ``"package.module:attribute"``.

    ``help`` is the one-line summary shown by ``gridcore --help`` without importing the target, which
    keeps start-up fast however many plugins are installed.
    """

    name: str
    help: str
    target: str
    permission: str | None = None
    plugin: str = ""

    @property
    def id(self) -> str:
        return self.name


@attrs.frozen(kw_only=True)
class EventType:
    """A kind of event plugins may be notified of through ``on_event``."""

    id: str
    title: str
    plugin: str = ""


@attrs.frozen(kw_only=True)
class Transition:
    """One allowed step of a workflow: ``action`` moves a record from ``source`` to ``target``."""

    source: str
    target: str
    action: str


@attrs.frozen(kw_only=True)
class Workflow:
    """A state machine (hazards, cases, events). Any step not listed is refused."""

    id: str
    title: str
    initial: str
    transitions: tuple[Transition, ...]
    final: tuple[str, ...] = ()
    plugin: str = ""

    @property
    def states(self) -> tuple[str, ...]:
        seen: dict[str, None] = {self.initial: None}
        for step in self.transitions:
            seen.setdefault(step.source, None)
            seen.setdefault(step.target, None)
        return tuple(seen)

    def allowed(self, source: str) -> tuple[Transition, ...]:
        return tuple(step for step in self.transitions if step.source == source)

    def step(self, source: str, target: str) -> Transition:
        """The transition from ``source`` to ``target``; a step not listed raises ``ValueError``."""
        for step in self.transitions:
            if step.source == source and step.target == target:
                return step
        allowed = "、".join(step.target for step in self.allowed(source)) or "无"
        raise ValueError(f"{self.title}: 不能从「{source}」转到「{target}」;允许的下一步: {allowed}")


@attrs.frozen(kw_only=True)
class CodeRule:
    """A coding rule an edition can replace (community codes, compound codes, grid codes ...)."""

    id: str
    title: str
    rule: Any
    plugin: str = ""


@attrs.frozen(kw_only=True)
class Event:
    """Something that happened, sent to ``on_event`` after the transaction committed."""

    type: str
    entity: str = ""
    key: str = ""
    action: str = ""
    payload: Mapping[str, Any] = attrs.field(factory=dict)


@attrs.frozen(kw_only=True)
class Branding:
    """Software information (软件信息) and user information (用户信息) shown by every face."""

    name: str = "gridcore 社区网格化管理系统"
    version_label: str = ""
    company: str = "gridcore 开源项目"
    contact: str = ""
    copyright: str = ""
    logo: str = ""
    about: str = ""
    user_name: str = ""
    background: str = ""

    def banner(self, version: str) -> str:
        """The line shown when the CLI starts or an operator logs in: product, version, 用户名称."""
        line = f"{self.name} {self.version_label or version}"
        return f"{line} · {self.user_name}" if self.user_name else line
