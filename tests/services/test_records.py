"""Generic use cases over a plugin's register: numbering, references, rules, scope, permissions, CLI."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import ForeignKey, Integer, String, func, select
from sqlalchemy.orm import Mapped, relationship

from gridcore import Command, Entity, Migrations, RecordNumbering
from gridcore.cli.entity_commands import entity_group
from gridcore.db.metadata import Base
from gridcore.domain.residents import Resident
from gridcore.entities import field
from gridcore.errors import ConflictError, NotFoundError, PermissionDeniedError, ValidationError
from gridcore.query import Condition, QuerySpec
from gridcore.services import households, records, regions, residents
from gridcore.services.presentation import record_view
from gridcore.services.query import run_query
from gridcore.services.unit import read_unit, unit_of_work
from gridcore.testing import add_operator, make_plugin, run_service

ENTITY = "recshop_shop"


class RecshopShop(Base):
    """The register of the ``recshop`` test plugin: a shop numbered under its compound."""

    __tablename__ = "recshop_shop"

    id: Mapped[int] = field("序号", Integer, primary_key=True, generated=True)
    shop_no: Mapped[str | None] = field("店铺编号", String(20), unique=True, generated=True)
    name: Mapped[str] = field("店名", String(50), required=True, searchable=True)
    compound_id: Mapped[int | None] = field(
        "所属小区", Integer, ForeignKey("core_region.id", ondelete="RESTRICT"), ref="region"
    )
    house_state: Mapped[str | None] = field("房屋状态", String(10), dictionary="house_state")


class RecshopClerk(Base):
    """A shop clerk: a resident, scoped through the resident's household (two relationship hops)."""

    __tablename__ = "recshop_clerk"

    id: Mapped[int] = field("序号", Integer, primary_key=True, generated=True)
    resident_id: Mapped[int] = field(
        "居民", Integer, ForeignKey("core_resident.id", ondelete="CASCADE"), ref="resident", required=True
    )
    resident: Mapped[Resident] = relationship()


REVISION = """
import sqlalchemy as sa
from alembic import op

revision = "recshop_0001"
down_revision = None
branch_labels = ("recshop",)
depends_on = None


def upgrade():
    op.create_table(
        "recshop_shop",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("shop_no", sa.String(20), nullable=True),
        sa.Column("name", sa.String(50), nullable=False),
        sa.Column("compound_id", sa.Integer(), nullable=True),
        sa.Column("house_state", sa.String(10), nullable=True),
        sa.ForeignKeyConstraint(
            ["compound_id"],
            ["core_region.id"],
            name=op.f("fk_recshop_shop_compound_id_core_region"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_recshop_shop")),
        sa.UniqueConstraint("shop_no", name=op.f("uq_recshop_shop_shop_no")),
    )


    op.create_table(
        "recshop_clerk",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("resident_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["resident_id"],
            ["core_resident.id"],
            name=op.f("fk_recshop_clerk_resident_id_core_resident"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_recshop_clerk")),
    )


def downgrade():
    op.drop_table("recshop_clerk")
    op.drop_table("recshop_shop")
"""


def no_banned_words(uow: Any, shop: Any) -> None:
    if "违规" in (shop.name or ""):
        raise ValidationError("「店名」不能含有「违规」: 请改用登记的字号", field="店名", value=shop.name)


shop_commands = entity_group(ENTITY, name="shop", help="店铺")


@pytest.fixture
def shops(make_app, tmp_path: Path):
    """The core plus ``recshop``, with 红旗社区 (HQ) > 第一小区 (HQDY), 第二小区 (HQDE)."""
    folder = tmp_path / "recshop_migrations"
    folder.mkdir()
    (folder / "recshop_0001.py").write_text(REVISION, encoding="utf-8")
    plugin = make_plugin(
        "recshop",
        register_entities=lambda: [
            Entity(
                id=ENTITY,
                title="店铺",
                model=RecshopShop,
                key="shop_no",
                sheet="店铺表",
                region="compound_id",
                numbering=RecordNumbering(parent="compound_id"),
                check=no_banned_words,
            ),
            Entity(id="recshop_clerk", title="店员", model=RecshopClerk, region="resident.household.compound_id"),
        ],
        register_migrations=lambda: [Migrations(path=str(folder))],
        register_commands=lambda: [
            Command(name="shop", help="店铺", target=f"{__name__}:shop_commands", permission=f"{ENTITY}.view")
        ],
    )
    app = make_app(extra=[plugin])
    run_service(app, regions.add, level="街道", name="东城街道")
    run_service(app, regions.add, level="社区", name="红旗社区", parent_code="DC")
    run_service(app, regions.add, level="小区", name="第一小区", parent_code="HQ")
    run_service(app, regions.add, level="小区", name="第二小区", parent_code="HQ")
    return app


def add(app, **given: Any) -> str:
    with unit_of_work(app) as uow:
        return records.key_of(uow, ENTITY, records.add(uow, ENTITY, given))


def count(app) -> int:
    with app.db.read_session() as session:
        return int(session.execute(select(func.count()).select_from(RecshopShop)).scalar_one())


def test_numbers_follow_the_compound_code_on_their_own_sequence(shops):
    assert add(shops, 店名="便民超市", 所属小区="HQDY") == "HQDY001"
    assert add(shops, 店名="理发店", 所属小区="hqdy") == "HQDY002"  # the code as typed, any case
    assert add(shops, 店名="早餐店", 所属小区="HQDE") == "HQDE001"


def test_a_record_without_its_region_waits_for_its_number(shops):
    key = add(shops, 店名="流动摊位")
    assert key.startswith("#")
    with unit_of_work(shops) as uow:
        shop = records.edit(uow, ENTITY, key, {"所属小区": "HQDE"})
        assert shop.shop_no == "HQDE001"


def test_a_deleted_number_is_never_handed_out_again(shops):
    add(shops, 店名="甲", 所属小区="HQDY")
    second = add(shops, 店名="乙", 所属小区="HQDY")
    assert run_service(shops, records.delete, ENTITY, second) == "HQDY002"
    assert add(shops, 店名="丙", 所属小区="HQDY") == "HQDY003"


def test_a_reference_is_given_and_shown_as_the_key_of_what_it_names(shops):
    key = add(shops, 店名="便民超市", 所属小区="HQDY", 房屋状态="出租")
    with read_unit(shops) as uow:
        view = record_view(uow, ENTITY, records.get(uow, ENTITY, key))
    assert (view["key"], view["所属小区"], view["房屋状态"], view["店名"]) == ("HQDY001", "HQDY", "出租", "便民超市")


def test_an_unknown_reference_names_the_field_and_the_value_and_writes_nothing(shops):
    with pytest.raises(ValidationError, match="「所属小区」辖区 XXXX 不存在") as caught:
        add(shops, 店名="便民超市", 所属小区="XXXX")
    assert (caught.value.field, caught.value.value) == ("所属小区", "XXXX")
    assert count(shops) == 0


def test_query_conditions_take_the_reference_key(shops):
    add(shops, 店名="甲", 所属小区="HQDY")
    add(shops, 店名="乙", 所属小区="HQDE")
    with read_unit(shops) as uow:
        result = run_query(uow, ENTITY, QuerySpec(where=(Condition(field="所属小区", op="=", value="HQDE"),)))
        assert [shop.name for shop in result.records] == ["乙"]


def test_the_entity_rule_and_required_fields_refuse_before_anything_is_written(shops):
    with pytest.raises(ValidationError, match="不能含有「违规」"):
        add(shops, 店名="违规加工点", 所属小区="HQDY")
    with pytest.raises(ValidationError, match="「店名」不能为空"):
        add(shops, 所属小区="HQDY")
    assert count(shops) == 0
    key = add(shops, 店名="便民超市", 所属小区="HQDY")
    with pytest.raises(ValidationError, match="不能含有「违规」"), unit_of_work(shops) as uow:
        records.edit(uow, ENTITY, key, {"店名": "违规超市"})
    with read_unit(shops) as uow:
        assert records.get(uow, ENTITY, key).name == "便民超市"


def test_generated_numbers_cannot_be_typed(shops):
    with pytest.raises(ValidationError, match="「店铺编号」由系统生成"):
        add(shops, 店名="便民超市", 店铺编号="HQDY999")


def test_unknown_keys_and_entities_are_not_found(shops):
    with pytest.raises(NotFoundError, match="店铺 HQDY404 不存在"), read_unit(shops) as uow:
        records.get(uow, ENTITY, "HQDY404")
    with pytest.raises(NotFoundError, match="没有实体 'nothing'"), read_unit(shops) as uow:
        records.get(uow, "nothing", "1")


def test_permissions_are_required_and_scope_hides_other_communities(shops):
    add(shops, 店名="甲", 所属小区="HQDY")
    viewer = add_operator(shops, "chaxun", group="查询员")
    with pytest.raises(PermissionDeniedError, match="recshop_shop.edit"), unit_of_work(shops, viewer) as uow:
        records.add(uow, ENTITY, {"店名": "乙", "所属小区": "HQDY"})
    clerk = add_operator(shops, "caiji", group="信息采集员", scope="HQDE")
    with pytest.raises(NotFoundError, match="店铺 HQDY001 不存在"), read_unit(shops, clerk) as uow:
        records.get(uow, ENTITY, "HQDY001")


def test_the_generic_commands_add_show_edit_list_and_delete(shops, cli):
    def ok(*args: str) -> Any:
        result = cli(shops, "shop", *args, "--format", "json")
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)

    added = ok("add", "--field", "店名=便民超市", "--field", "所属小区=HQDY")
    assert (added["key"], added["所属小区"]) == ("HQDY001", "HQDY")
    assert ok("edit", "HQDY001", "--field", "房屋状态=空置")["房屋状态"] == "空置"
    assert ok("show", "hqdy001")["店名"] == "便民超市"
    listed = ok("list", "--where", "所属小区=HQDY")
    assert (listed["total"], [r["key"] for r in listed["records"]]) == (1, ["HQDY001"])
    assert ok("delete", "HQDY001", "--yes") == {"deleted": "HQDY001"}
    refused = cli(shops, "shop", "add", "--field", "店名=违规点")
    assert refused.exit_code != 0
    assert refused.stderr.strip().splitlines() == ["错误: 「店名」不能含有「违规」: 请改用登记的字号"]


def workbook(path: Path, rows: list[tuple[Any, ...]]) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "店铺表"
    sheet.append(["店铺编号", "店名", "所属小区", "房屋状态"])
    for row in rows:
        sheet.append(list(row))
    book.save(path)
    return path


def test_the_generic_import_numbers_resolves_references_and_runs_the_rule(shops, cli, tmp_path):
    good = workbook(tmp_path / "good.xlsx", [(None, "甲", "HQDY", "自住"), (None, "乙", "HQDE", None)])
    result = cli(shops, "import", ENTITY, str(good), "--format", "json")
    assert result.exit_code == 0, result.output
    with read_unit(shops) as uow:
        listed = run_query(uow, ENTITY, QuerySpec(sort=()))
        shown = sorted((records.key_of(uow, ENTITY, s), s.name) for s in listed.records)
    assert shown == [("HQDE001", "乙"), ("HQDY001", "甲")]

    bad = workbook(tmp_path / "bad.xlsx", [(None, "丙", "HQDY", None), (None, "违规点", "HQDY", None)])
    refused = cli(shops, "import", ENTITY, str(bad))
    assert refused.exit_code != 0
    assert "不能含有「违规」" in refused.output
    unknown = workbook(tmp_path / "unknown.xlsx", [(None, "丁", "NOPE", None)])
    refused = cli(shops, "import", ENTITY, str(unknown))
    assert refused.exit_code != 0
    assert "「所属小区」辖区 NOPE 不存在" in refused.output
    assert count(shops) == 2  # all or nothing: neither file added a row


def test_deleting_a_record_still_referenced_is_a_clear_conflict(shops):
    add(shops, 店名="甲", 所属小区="HQDY")
    with pytest.raises(ConflictError, match="^辖区 HQDY 仍被其他记录引用, 不能删除"), unit_of_work(shops) as uow:
        records.delete(uow, "region", "HQDY")
    with read_unit(shops) as uow:
        assert records.get(uow, "region", "HQDY").name == "第一小区"


def test_a_region_path_may_follow_several_relationships(shops):
    for compound, name in (("HQDY", "甲"), ("HQDE", "乙")):
        household = run_service(shops, households.add, head_name=name, compound_code=compound)
        with unit_of_work(shops) as uow:
            person = residents.add(uow, name=name, household_key=household.household_no, relation="户主")
            records.add(uow, "recshop_clerk", {"居民": person.resident_no})
    with read_unit(shops) as uow:
        result = run_query(uow, "recshop_clerk", QuerySpec(region="HQDE"))
        assert [clerk.resident.name for clerk in result.records] == ["乙"]
    clerk = add_operator(shops, "caiji", group="信息采集员", scope="HQDY")
    with read_unit(shops, clerk) as uow:
        result = run_query(uow, "recshop_clerk", QuerySpec())
        assert [c.resident.name for c in result.records] == ["甲"]


def test_a_key_that_is_not_unique_asks_for_the_id(shops):
    for compound in ("HQDY", "HQDE"):
        run_service(shops, households.add, head_name="甲", compound_code=compound, given={"楼号": "1"})
    with pytest.raises(ValidationError, match=r"^楼栋 1 不唯一 \(有多条记录\): 请用 #id 指明, 例如 #\d+$"):
        run_service(shops, records.get, "building", "1")
