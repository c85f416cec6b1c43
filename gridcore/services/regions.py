"""Jurisdiction (辖区信息采集): add, rename, move, recode and delete regions; the tree with counts.

Codes: given, or made by the edition's code rule (the first level's and the second's from the name,
deeper levels from the parent's code plus the name). A duplicate code is refused with a suggestion,
never altered silently; renaming or moving a region never changes a code or a record number.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs
from sqlalchemy import func, select, update

from gridcore.domain.coding import CodeRule, normalize_code, suggest_alternative
from gridcore.domain.households import Building, Household
from gridcore.domain.regions import Region
from gridcore.domain.residents import Resident
from gridcore.entities import resolve_field
from gridcore.errors import ConflictError, NotFoundError, ValidationError
from gridcore.services import fields, scope
from gridcore.services.unit import UnitOfWork, operation

ENTITY = "region"


def levels(uow: UnitOfWork) -> tuple[str, ...]:
    return uow.app.edition.levels


def level_index(uow: UnitOfWork, level: str | int) -> int:
    names = levels(uow)
    if isinstance(level, int) or level.isdigit():
        index = int(level)
        if 0 <= index < len(names):
            return index
    elif level in names:
        return names.index(level)
    raise ValidationError(f"层级「{level}」无效;可用: {'、'.join(names)}", field="层级", value=level)


def household_level(uow: UnitOfWork) -> int:
    """The level households belong to: the last one (小区 by default)."""
    return len(levels(uow)) - 1


def code_rule(uow: UnitOfWork) -> CodeRule:
    chosen = str(uow.app.edition.code_rules.get("rule", "pinyin"))
    rules = uow.app.registry.code_rules
    if chosen not in rules:
        raise ValidationError(f"版本配置的编码规则 {chosen!r} 不存在;可用: {', '.join(rules)}", value=chosen)
    rule: CodeRule = rules[chosen].rule
    return rule


def get(uow: UnitOfWork, code: str) -> Region:
    wanted = normalize_code(code)
    region = uow.session.execute(select(Region).where(Region.code == wanted)).scalar_one_or_none()
    missing = f"没有编码为 {wanted} 的辖区 (check gridcore region list)"
    if region is None:
        raise NotFoundError(missing)
    scope.require_visible(uow, ENTITY, region, missing)
    return region


def _taken_codes(uow: UnitOfWork) -> set[str]:
    return set(uow.session.execute(select(Region.code)).scalars())


def _default_code(uow: UnitOfWork, level: int, name: str, parent: Region | None) -> str:
    rule = code_rule(uow)
    if level <= 1 or parent is None:
        return rule.community_code(name)
    return rule.compound_code(parent.code, name)


def _check_code_free(uow: UnitOfWork, code: str, name: str, parent: Region | None, level: int) -> None:
    taken = _taken_codes(uow)
    if code.upper() in {c.upper() for c in taken}:
        prefix = parent.code if parent is not None and level >= 2 else ""
        try:
            suggestion = suggest_alternative(name, taken, prefix=prefix)
            hint = f";建议改用 {suggestion} (--code {suggestion})"
        except ValidationError:
            hint = ";请用 --code 指定其他编码"
        raise ConflictError(f"编码 {code} 已被其他辖区使用{hint}")


def _check_sibling_name(uow: UnitOfWork, name: str, parent: Region | None, level: int, own: int | None) -> None:
    query = select(Region.id).where(Region.name == name, Region.level == level)
    query = query.where(Region.parent_id == parent.id) if parent else query.where(Region.parent_id.is_(None))
    clash = [rid for rid in uow.session.execute(query).scalars() if rid != own]
    if clash:
        where = f"{parent.name}下" if parent else ""
        raise ConflictError(f"{where}已有名为「{name}」的{levels(uow)[level]}")


@operation("region.edit")
def add(
    uow: UnitOfWork,
    *,
    level: str | int,
    name: str,
    parent_code: str | None = None,
    code: str | None = None,
    extra: Mapping[str, Any] | None = None,
) -> Region:
    """Create a region under its parent; the code is generated when not given."""
    index = level_index(uow, level)
    name = name.strip()
    if not name:
        raise ValidationError("名称不能为空", field="名称", value=name)
    parent: Region | None = None
    if index > 0:
        if not parent_code:
            raise ValidationError(
                f"{levels(uow)[index]}需要上级{levels(uow)[index - 1]}: 请用 --parent 指定上级编码", field="上级"
            )
        parent = get(uow, parent_code)
        if parent.level != index - 1:
            raise ValidationError(
                f"{parent.name} 是{levels(uow)[parent.level]},不能作为{levels(uow)[index]}的上级", field="上级"
            )
    elif parent_code:
        raise ValidationError(f"{levels(uow)[0]}是最高层级,没有上级", field="上级", value=parent_code)
    _check_sibling_name(uow, name, parent, index, None)
    final_code = normalize_code(code) if code else _default_code(uow, index, name, parent)
    _check_code_free(uow, final_code, name, parent, index)
    region = Region(level=index, name=name, code=final_code, parent=parent)
    if extra:
        fields.assign(uow, uow.app.registry.entities[ENTITY], region, extra)
    uow.write(ENTITY, "create", region, key=final_code)
    return region


@operation("region.edit")
def rename(uow: UnitOfWork, code: str, new_name: str) -> Region:
    """Rename; the code and every record number stay as they are. Copies of the name follow."""
    region = get(uow, code)
    new_name = new_name.strip()
    if not new_name:
        raise ValidationError("名称不能为空", field="名称", value=new_name)
    _check_sibling_name(uow, new_name, region.parent, region.level, region.id)
    region.name = new_name
    _refresh_copies(uow, region)
    uow.write(ENTITY, "update", region, key=region.code)
    return region


@operation("region.edit")
def edit(uow: UnitOfWork, code: str, given: Mapping[str, Any]) -> Region:
    region = get(uow, code)
    given = dict(given)
    for key in list(given):
        if resolve_field(Region, key).name in {"code", "name", "level"}:
            raise ValidationError(f"请用 region recode / rename 修改「{key}」", field=key)
    fields.assign(uow, uow.app.registry.entities[ENTITY], region, given)
    uow.write(ENTITY, "update", region, key=region.code)
    return region


@operation("region.edit")
def recode(uow: UnitOfWork, code: str, new_code: str) -> Region:
    """Change a code by hand; record numbers already given keep their old prefix (domain.md §2.6 I)."""
    region = get(uow, code)
    final = normalize_code(new_code)
    if final != region.code:
        _check_code_free(uow, final, region.name, region.parent, region.level)
        region.code = final
        uow.write(ENTITY, "update", region, key=final)
    return region


@operation("region.edit")
def move(uow: UnitOfWork, code: str, new_parent_code: str) -> Region:
    region = get(uow, code)
    if region.level == 0:
        raise ValidationError(f"{levels(uow)[0]}是最高层级,不能移动", field="上级", value=new_parent_code)
    parent = get(uow, new_parent_code)
    if parent.level != region.level - 1:
        raise ValidationError(
            f"{region.name} 是{levels(uow)[region.level]},只能移到{levels(uow)[region.level - 1]}之下",
            field="上级",
            value=new_parent_code,
        )
    _check_sibling_name(uow, region.name, parent, region.level, region.id)
    region.parent = parent
    uow.session.flush()
    _refresh_copies(uow, region)
    uow.write(ENTITY, "update", region, key=region.code)
    return region


def _compounds_under(uow: UnitOfWork, region: Region) -> list[Region]:
    bottom = household_level(uow)
    found, frontier = [], [region]
    while frontier:
        node = frontier.pop()
        if node.level == bottom:
            found.append(node)
        frontier.extend(node.children)
    return found


def _refresh_copies(uow: UnitOfWork, region: Region) -> None:
    """After a rename or move, the names copied into households and residents follow (§1.1.6)."""
    for compound in _compounds_under(uow, region):
        community = compound.parent.name if compound.parent is not None else None
        uow.session.execute(
            update(Household)
            .where(Household.compound_id == compound.id)
            .values(community_name=community, compound_name=compound.name)
        )
        households = select(Household.id).where(Household.compound_id == compound.id).scalar_subquery()
        uow.session.execute(
            update(Resident)
            .where(Resident.household_id.in_(households))
            .values(community_name=community, compound_name=compound.name)
        )


@operation("region.edit")
def delete(uow: UnitOfWork, code: str) -> None:
    """Delete a region that has no children and no records (R-B04)."""
    region = get(uow, code)
    if region.children:
        names = "、".join(child.name for child in region.children[:5])
        raise ConflictError(f"{region.name} 下还有下级辖区 ({names}),不能删除")
    households = uow.session.execute(
        select(func.count()).select_from(Household).where(Household.compound_id == region.id)
    ).scalar_one()
    if households:
        raise ConflictError(f"{region.name} 下还有 {households} 户住户,不能删除;请先删除或解除关联")
    buildings = uow.session.execute(select(Building).where(Building.compound_id == region.id)).scalars().all()
    for building in buildings:
        uow.session.delete(building)
    uow.write(ENTITY, "delete", region, key=region.code)  # refused when still referenced (营业场所 ...)


@attrs.frozen(kw_only=True)
class TreeNode:
    code: str
    name: str
    level: str
    households: int
    residents: int
    children: tuple[TreeNode, ...]

    def as_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "level": self.level,
            "households": self.households,
            "residents": self.residents,
            "children": [child.as_dict() for child in self.children],
        }


@operation("region.view")
def tree(uow: UnitOfWork, root_code: str | None = None) -> list[TreeNode]:
    """The jurisdiction tree with household and resident counts per node (subtree totals)."""
    regions = uow.session.execute(select(Region).order_by(Region.level, Region.code)).scalars().all()
    households: dict[int | None, int] = dict(
        uow.session.execute(
            select(Household.compound_id, func.count())
            .where(Household.compound_id.is_not(None))
            .group_by(Household.compound_id)
        )
        .tuples()
        .all()
    )
    residents: dict[int | None, int] = dict(
        uow.session.execute(
            select(Household.compound_id, func.count(Resident.id))
            .join(Resident, Resident.household_id == Household.id)
            .where(Household.compound_id.is_not(None))
            .group_by(Household.compound_id)
        )
        .tuples()
        .all()
    )
    names = levels(uow)
    children: dict[int | None, list[Region]] = {}
    for region in regions:
        children.setdefault(region.parent_id, []).append(region)

    def build(region: Region) -> TreeNode:
        kids = tuple(build(child) for child in children.get(region.id, []))
        return TreeNode(
            code=region.code,
            name=region.name,
            level=names[region.level] if region.level < len(names) else str(region.level),
            households=households.get(region.id, 0) + sum(k.households for k in kids),
            residents=residents.get(region.id, 0) + sum(k.residents for k in kids),
            children=kids,
        )

    if root_code:
        roots = [get(uow, root_code)]
    elif uow.scope is not None:
        roots = [region for region in regions if region.id == uow.scope]
    else:
        roots = children.get(None, [])
    return [build(root) for root in roots]
