"""Inspections (小商铺检查登记表, R-X04): a check of an archived shop by its cell's staff.

The checklist is the dictionary ``firesafety_check_item`` (an edition or users change it). Each item
given is 合格, 不合格 or 不适用; the conclusion is 不合格 when any item is. The inspector must hold the
cell's 消防安全监管员 or 消防巡查员 post on the day of the check [P4 三(三)].
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from sqlalchemy import select

from gridcore.domain.values import clean_text
from gridcore.errors import ValidationError
from gridcore.services import dictionaries
from gridcore.services.unit import UnitOfWork, operation
from gridcore_firesafety.domain.calendar import parse_month
from gridcore_firesafety.models import FireCell, Inspection, InspectionItem, ShopArchive
from gridcore_firesafety.names import CHECK_ITEM_DICTIONARY, INSPECTION, PATROL, PATROLLER, SUPERVISOR, VIEW
from gridcore_firesafety.services import archives, cells, common, visibility
from gridcore_firesafety.services.numbers import next_number

RESULTS = ("合格", "不合格", "不适用")
PASSED, FAILED = "合格", "不合格"


def get(uow: UnitOfWork, key: str) -> Inspection:
    wanted = key.strip().upper()
    record = uow.session.execute(select(Inspection).where(Inspection.inspection_no == wanted)).scalar_one_or_none()
    found: Inspection = visibility.require(
        uow, INSPECTION, record, f"检查编号 {wanted} 不存在 (gridcore fire inspect list)"
    )
    return found


def _items(uow: UnitOfWork, results: Mapping[str, str]) -> list[InspectionItem]:
    if not results:
        raise ValidationError(
            "检查登记至少要有一个检查项目的结果, 例如 --item 灭火器配置及有效期=合格", field="检查项目"
        )
    items: dict[str, InspectionItem] = {}
    for name, raw in results.items():
        code = dictionaries.to_code(uow, CHECK_ITEM_DICTIONARY, clean_text(name), field="检查项目")
        result = clean_text(raw)
        if result not in RESULTS:
            raise ValidationError(
                f"检查项目「{name}」的结果「{raw}」应为 {'、'.join(RESULTS)} 之一", field="结果", value=raw
            )
        if code in items:
            raise ValidationError(f"检查项目「{name}」填了两次", field="检查项目", value=name)
        items[code] = InspectionItem(item=code, result=result)
    return [items[code] for code in sorted(items)]


def _inspector_post(uow: UnitOfWork, cell: FireCell, inspector: str, day: dt.date) -> str:
    for post in cells.active_posts(uow, cell, on=day):
        if post.person == inspector and post.post in (SUPERVISOR, PATROLLER):
            return post.post
    raise ValidationError(
        f"{inspector} 在 {day} 不是{cell.name}的消防安全监管员或消防巡查员, 不能登记该单元格的检查",
        field="检查人",
        value=inspector,
    )


@operation(PATROL)
def record(
    uow: UnitOfWork,
    archive_key: str,
    *,
    inspector: str,
    results: Mapping[str, str],
    day: object = None,
    findings: str | None = None,
    requirement: str | None = None,
    signature: str | None = None,
) -> Inspection:
    """Register one inspection of a shop with its checklist results."""
    archive = archives.get(uow, archive_key)
    inspector = common.required_text(inspector, "检查人", limit=30)
    when = common.given_date(uow, day, "检查日期")
    cell = uow.session.get(FireCell, archive.cell_id)
    assert cell is not None
    post = _inspector_post(uow, cell, inspector, when)
    items = _items(uow, results)
    failed = any(item.result == FAILED for item in items)
    findings_text = common.optional_text(findings)
    if failed and not findings_text:
        raise ValidationError("有不合格项目时, 请写明发现的隐患 (--findings)", field="发现隐患")
    inspection = Inspection(
        inspection_no=next_number(
            uow, kind="inspection", prefix=f"JC{when.year}", column=Inspection.inspection_no, width=5
        ),
        premises_no=archive.premises_no,
        shop_name=archive.shop_name,
        inspect_date=when,
        inspector=inspector,
        inspector_post=post,
        conclusion=FAILED if failed else PASSED,
        findings=findings_text,
        requirement=common.optional_text(requirement),
        signature=common.optional_text(signature),
        archive_id=archive.id,
        community_id=archive.community_id,
        items=items,
    )
    uow.write(INSPECTION, "create", inspection, key=inspection.inspection_no)
    return inspection


@operation(VIEW)
def listing(uow: UnitOfWork, *, archive_key: str | None = None, month: str | None = None) -> list[Inspection]:
    query = (
        select(Inspection)
        .where(visibility.where(uow, INSPECTION))
        .order_by(Inspection.inspect_date.desc(), Inspection.inspection_no.desc())
    )
    if archive_key:
        query = query.where(Inspection.archive_id == archives.get(uow, archive_key).id)
    if month:
        year, number = parse_month(month)
        first = dt.date(year, number, 1)
        after = (first + dt.timedelta(days=32)).replace(day=1)
        query = query.where(Inspection.inspect_date >= first, Inspection.inspect_date < after)
    return list(uow.session.execute(query).scalars())


def archive_of(uow: UnitOfWork, inspection: Inspection) -> ShopArchive:
    archive = uow.session.get(ShopArchive, inspection.archive_id)
    assert archive is not None
    return archive
