"""The premises' rules beyond required fields and dictionaries, run on every add, edit and import row.

- the region is a compound (the bottom level of the edition's hierarchy), and 社区名称 and 小区 are
  copied from it, then kept in step when a region is renamed or moved;
- 统一社会信用代码 is checked (GB 32100-2015, :mod:`.credit_code`) and stored normalised;
- 经营面积 is not negative.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select, update

from gridcore.domain.regions import Region
from gridcore.errors import ConflictError, ValidationError
from gridcore.services import regions, scope
from gridcore_premises import credit_code
from gridcore_premises.models import Premises

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from gridcore import GridApp
    from gridcore.services.unit import UnitOfWork

COMPOUND_LABEL = "小区编码"
CREDIT_LABEL = "统一社会信用代码"


def check_premises(uow: UnitOfWork, record: Any) -> None:
    """Check one premises (a model instance, or an import row with the same attributes)."""
    _settle_compound(uow, record)
    if record.credit_code:
        try:
            record.credit_code = credit_code.validate(record.credit_code)
        except credit_code.CreditCodeError as error:
            raise ValidationError(
                f"「{CREDIT_LABEL}」{record.credit_code} 无效: {error}", field=CREDIT_LABEL, value=record.credit_code
            ) from None
    if record.area is not None and Decimal(record.area) < 0:
        raise ValidationError(f"「经营面积」不能为负数: {record.area}", field="经营面积", value=record.area)


def _settle_compound(uow: UnitOfWork, record: Any) -> None:
    compound = uow.session.get(Region, record.compound_id) if record.compound_id is not None else None
    if compound is None:
        raise ValidationError(f"「{COMPOUND_LABEL}」不能为空: 请填写场所所在小区的编码", field=COMPOUND_LABEL)
    bottom = regions.household_level(uow)
    if compound.level != bottom:
        names = regions.levels(uow)
        raise ValidationError(
            f"{compound.name} ({compound.code}) 是{names[compound.level]}, 营业场所只能登记在{names[bottom]}",
            field=COMPOUND_LABEL,
            value=compound.code,
        )
    record.community_name = compound.parent.name if compound.parent is not None else None
    record.compound_name = compound.name


def refuse_delete_with_premises(session: Session, region: Region) -> None:
    """A compound that still has premises is not deleted (R-B04)."""
    count = session.execute(
        select(func.count()).select_from(Premises).where(Premises.compound_id == region.id)
    ).scalar_one()
    if count:
        raise ConflictError(f"{region.name} 下还有 {count} 个营业场所, 不能删除; 请先删除或移到其他小区")


def refresh_region_names(app: GridApp, session: Session, region: Region) -> None:
    """After a region is renamed or moved, the 社区名称 and 小区 copied into its premises follow."""
    bottom = len(app.edition.levels) - 1
    ids = scope.subtree(session, region.id)
    compounds = session.execute(select(Region).where(Region.id.in_(ids), Region.level == bottom)).scalars()
    for compound in compounds:
        community = compound.parent.name if compound.parent is not None else None
        session.execute(
            update(Premises)
            .where(Premises.compound_id == compound.id)
            .values(community_name=community, compound_name=compound.name)
        )
