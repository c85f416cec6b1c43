"""The state of a list page and its query: the manual's three query methods over any entity.

- 分类过滤: facets on the left, one chosen entry per dictionary field (``facet`` = ``标签=条目``), or
  全部信息 (none);
- method 1: a contains box under every column (``col.<attribute>``);
- method 2: a combined condition (组合查询, ``expr``) in the kernel's language (``性别 = 女 AND ...``),
  kept until 条件重置 (R-N06);
- a keyword (模糊查询, ``q``) over the searchable fields;
- sorting by a column (``sort``, ``-`` for descending) and a page (``page``);
- 精确计数 (``count_all``): count every matching record this once (``run_query(count_limit=...)``).

Everything ends in one :class:`gridcore.query.QuerySpec`, so the list, the facet counts and the export
choose exactly the same records. Fields masked for the operator (no ``pii.view``) cannot be filtered
or faceted on: filtering would reveal the hidden values.
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from gridcore import Entity
from gridcore.entities import EntityField, list_fields, resolve_field
from gridcore.errors import ValidationError
from gridcore.query import And, Condition, Or, QuerySpec, Sort, parse_filter
from gridcore.security.groups import PII_VIEW
from gridcore.security.masking import should_mask
from gridcore.security.policy import SecurityPolicy
from gridcore.services.unit import Actor

EMPTY = "(空)"
_YEAR = re.compile(r"^\d{4}$")
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")


@attrs.frozen(kw_only=True)
class ListState:
    """What the operator asked of a list page, as submitted by its form."""

    facets: tuple[tuple[str, str], ...] = ()
    columns: Mapping[str, str] = attrs.field(factory=dict)
    expr: str = ""
    keyword: str = ""
    sort: str = ""
    page: int = 1
    exact: bool = False

    @property
    def facet_values(self) -> dict[str, str]:
        return dict(self.facets)


def _int(text: str | None, default: int) -> int:
    try:
        return max(int(text or ""), 1)
    except ValueError:
        return default


def read_state(form: Any) -> ListState:
    """The state from a submitted form (``MultiDict``): buttons ``sort_to``/``page_to``/``facet_to`` act once."""
    facets = dict(_pairs(form.getlist("facet")))
    if "facet_to" in form:
        chosen = form.get("facet_to", "")
        if not chosen:
            facets = {}
        else:
            label, _, value = chosen.partition("=")
            if facets.get(label) == value:
                facets.pop(label)
            else:
                facets[label] = value
    sort = form.get("sort_to") or form.get("sort", "")
    page = _int(form.get("page_to"), 1) if "page_to" in form else 1
    columns = {key[4:]: value.strip() for key, value in form.items() if key.startswith("col.") and value.strip()}
    expr = "" if "reset" in form else form.get("expr", "").strip()
    keyword = "" if "reset" in form else form.get("q", "").strip()
    if "reset" in form:
        columns, facets = {}, {}
    return ListState(
        facets=tuple(facets.items()),
        columns=columns,
        expr=expr,
        keyword=keyword,
        sort=sort.strip(),
        page=_int(form.get("page"), 1) if "count_all" in form else page,
        exact="count_all" in form,
    )


def facet_basis(state: ListState) -> str:
    """What the facet counts depend on: the query without its facets, sort and page (a short digest).

    Turning a page, sorting or clicking a facet leaves it unchanged, so the counts shown stay right and
    are not asked for again (over 1,000,000 residents they take seconds).
    """
    text = json.dumps([sorted(state.columns.items()), state.expr, state.keyword], ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _pairs(items: Iterable[str]) -> Iterable[tuple[str, str]]:
    for item in items:
        label, sep, value = item.partition("=")
        if sep and label:
            yield label, value


def masked_for(actor: Actor, policy: SecurityPolicy, field: EntityField) -> bool:
    """Whether ``actor`` sees ``field`` masked (and so may not filter on it)."""
    return should_mask(field.info, policy) and not actor.can(PII_VIEW)


def list_columns(entity: Entity) -> list[EntityField]:
    """The columns a list shows (:func:`gridcore.entities.list_fields`)."""
    return list_fields(entity)


def _column_condition(field: EntityField, text: str) -> Condition:
    """Method 1: contains for text and dictionary fields; a year, a month or a day for dates; = otherwise."""
    if field.python_type is str or field.info.dictionary or field.info.ref:
        return Condition(field=field.name, op="contains", value=text)
    if field.python_type is dt.date:
        if _YEAR.match(text):
            return Condition(field=field.name, op="between", value=f"{text}-01-01,{text}-12-31")
        month = _MONTH.match(text)
        if month:
            year, number = int(month.group(1)), int(month.group(2))
            if 1 <= number <= 12:
                last = calendar.monthrange(year, number)[1]
                return Condition(
                    field=field.name, op="between", value=f"{year}-{number:02d}-01,{year}-{number:02d}-{last}"
                )
    return Condition(field=field.name, op="=", value=text)


def _refuse_masked(entity: Entity, names: Iterable[str], actor: Actor, policy: SecurityPolicy) -> None:
    for name in names:
        field = resolve_field(entity.model, name, entity_title=entity.title)
        if masked_for(actor, policy, field):
            raise ValidationError(
                f"「{field.label}」对您是遮盖显示的敏感信息, 不能按它查询 (需要权限 pii.view)", field=field.label
            )


def _filter_fields(node: Any) -> Iterable[str]:
    if isinstance(node, Condition):
        yield node.field
    elif isinstance(node, And | Or):
        for part in node.parts:
            yield from _filter_fields(part)


def to_spec(
    entity: Entity, state: ListState, *, actor: Actor, policy: SecurityPolicy, page_size: int, facets: bool = True
) -> QuerySpec:
    """The kernel query of a list state (``facets=False`` leaves the 分类过滤 out, for the facet counts)."""
    where: list[Condition] = []
    if facets:
        for label, value in state.facets:
            where.append(
                Condition(field=label, op="empty") if value == EMPTY else Condition(field=label, op="=", value=value)
            )
    for name, text in state.columns.items():
        field = resolve_field(entity.model, name, entity_title=entity.title)
        where.append(_column_condition(field, text))
    parsed = parse_filter(state.expr) if state.expr else None
    names = [condition.field for condition in where]
    if parsed is not None:
        names.extend(_filter_fields(parsed))
    _refuse_masked(entity, names, actor, policy)
    sort: tuple[Sort, ...] = ()
    if state.sort:
        chosen = Sort.parse(state.sort)
        resolve_field(entity.model, chosen.field, entity_title=entity.title)
        sort = (chosen,)
    return QuerySpec(
        where=tuple(where),
        contains=state.keyword or None,
        filter=parsed,
        sort=sort,
        limit=page_size,
        offset=(state.page - 1) * page_size,
    )
