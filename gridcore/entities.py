"""Column metadata: what people see of a field, declared once next to the column.

``field()`` is ``mapped_column()`` plus the Chinese label, dictionary binding, sensitivity class, import
aliases and whether the value is generated. From it the kernel derives templates, import and export,
query filters and facets, masking, audit and forms, for every entity alike::

    class Regulation(Base):
        __tablename__ = "orgs_regulation"
        id: Mapped[int] = mapped_column(primary_key=True)
        title: Mapped[str] = field("标题", String(200), required=True, searchable=True)
        category: Mapped[str | None] = field("类别", String(10), dictionary="regulation_category")
"""

from __future__ import annotations

import enum
import functools
import unicodedata
from typing import Any

import attrs
from sqlalchemy import inspect
from sqlalchemy.orm import MappedColumn, Mapper, mapped_column

from gridcore.errors import ValidationError

INFO_KEY = "gridcore"


class Sensitivity(enum.StrEnum):
    """Personal-information class of a field (domain.md §0.4): none, PI, or sensitive PI (SPI)."""

    NONE = "—"
    PI = "PI"
    SPI = "SPI"


@attrs.frozen(kw_only=True)
class FieldInfo:
    """What the kernel knows of a field beyond its SQL type.

    ``generated`` values (record numbers) are left blank on import; ``derived`` values are copied or
    computed by the system (社区名称 copied on 关联); ``mask`` names the masking rule for sensitive
    output (``id_number``, ``phone``, ``name``, ``full``). ``ref`` makes the column a reference to a
    record of another entity (``region``, ``resident`` ...): people give and see that record's key
    (小区编码, 常住编号), the column stores its id. ``advanced`` values are usually set another way (a map
    position by 地图标注): faces show them apart, to be changed only when necessary (the manual's red fields).
    """

    label: str
    dictionary: str | None = None
    sensitivity: Sensitivity = Sensitivity.NONE
    aliases: tuple[str, ...] = ()
    generated: bool = False
    derived: bool = False
    required: bool = False
    searchable: bool = False
    mask: str | None = None
    ref: str | None = None
    advanced: bool = False


def field(
    label: str,
    *args: Any,
    dictionary: str | None = None,
    sensitivity: Sensitivity = Sensitivity.NONE,
    aliases: tuple[str, ...] = (),
    generated: bool = False,
    derived: bool = False,
    required: bool = False,
    searchable: bool = False,
    mask: str | None = None,
    ref: str | None = None,
    advanced: bool = False,
    **kwargs: Any,
) -> MappedColumn[Any]:
    """A mapped column carrying its :class:`FieldInfo`; ``required`` also makes it NOT NULL."""
    info = FieldInfo(
        label=label,
        dictionary=dictionary,
        sensitivity=sensitivity,
        aliases=tuple(aliases),
        generated=generated,
        derived=derived,
        required=required,
        searchable=searchable,
        mask=mask,
        ref=ref,
        advanced=advanced,
    )
    kwargs.setdefault("nullable", not required and not kwargs.get("primary_key", False))
    extra = kwargs.pop("info", {})
    return mapped_column(*args, info={**extra, INFO_KEY: info}, **kwargs)


@attrs.frozen(kw_only=True)
class EntityField:
    """One labelled field of a model: the attribute name, its column key and its metadata.

    ``python_type`` is the type of what people give and see (``str`` for a reference, whose column
    stores an id), or ``None`` when the column type has none.
    """

    name: str
    info: FieldInfo
    python_type: type | None

    @property
    def label(self) -> str:
        return self.info.label


def entity_fields(model: type) -> list[EntityField]:
    """The labelled fields of a model, in declaration order (unlabelled columns are internal)."""
    return list(_entity_fields(model))


#: How many fields a list shows of an entity that names no ``columns``.
LIST_COLUMNS = 8


def list_fields(entity: Any) -> list[EntityField]:
    """The fields a list of the entity shows (every face): ``Entity.columns``, else its first labelled fields."""
    fields = entity_fields(entity.model)
    if entity.columns:
        by_name = {field.name: field for field in fields}
        return [by_name[name] for name in entity.columns if name in by_name]
    return fields[:LIST_COLUMNS]


@functools.cache
def _entity_fields(model: type) -> tuple[EntityField, ...]:
    mapper: Mapper[Any] = inspect(model)
    fields: list[EntityField] = []
    for attr in mapper.column_attrs:
        column = attr.columns[0]
        info = getattr(column, "info", {}).get(INFO_KEY)  # a column_property's expression may have none
        if isinstance(info, FieldInfo):
            try:
                # what people give and see: a reference is typed as the key of what it names (text)
                python_type: type | None = str if info.ref else column.type.python_type
            except NotImplementedError:
                python_type = None
            fields.append(EntityField(name=attr.key, info=info, python_type=python_type))
    return tuple(fields)


def _norm(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip().casefold()


@functools.cache
def _names(model: type) -> dict[str, EntityField]:
    """Every accepted spelling of every field (name, label, aliases), normalised, to the field."""
    names: dict[str, EntityField] = {}
    for candidate in entity_fields(model):
        for name in (candidate.name, candidate.info.label, *candidate.info.aliases):
            names.setdefault(_norm(name), candidate)
    return names


def resolve_field(model: type, name_or_label: str, *, entity_title: str = "") -> EntityField:
    """Find a field by attribute name, Chinese label or alias; an unknown name lists the labels."""
    found = _names(model).get(_norm(name_or_label))
    if found is not None:
        return found
    fields = entity_fields(model)
    labels = "、".join(f.label for f in fields)
    where = f"{entity_title}中" if entity_title else ""
    raise ValidationError(
        f"{where}没有字段「{name_or_label}」;可用字段: {labels}", field=name_or_label, value=name_or_label
    )
