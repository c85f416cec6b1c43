"""The plugin module named by the ``gridcore.plugins`` entry point: ``PLUGIN`` and the hook implementations.

Declarations only: the register (:mod:`.models`), its rules (:mod:`.rules`), the employee link
(:mod:`.employees`), statistics (:mod:`.stats`) and commands (:mod:`.cli`) are imported when needed.
"""

from __future__ import annotations

from collections.abc import Generator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gridcore import (
    Command,
    Dictionary,
    Entity,
    Menu,
    Migrations,
    Permission,
    PluginInfo,
    RecordNumbering,
    Statistic,
    hookimpl,
)

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from gridcore import GridApp

PLUGIN = PluginInfo(
    name="premises",
    title="营业场所",
    version="0.1.0",
    core_api=">=1,<2",
    description="营业场所与企事业单位: 场所编号、统一社会信用代码、从业人员、统计",
)

ENTITY = "premises"
VIEW = f"{ENTITY}.view"  # derived by gridcore for the entity, like EDIT
EDIT = f"{ENTITY}.edit"
EMPLOYEES = "premises.employees"
EMPLOYEES_MENU = "collect.premises.employees"
SHEET = "营业场所信息表"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"


@hookimpl
def register_entities() -> Sequence[Entity]:
    from gridcore_premises.models import Premises
    from gridcore_premises.rules import check_premises

    return (
        Entity(
            id=ENTITY,
            title="营业场所",
            model=Premises,
            key="premises_no",
            sheet=SHEET,
            region="compound_id",
            numbering=RecordNumbering(parent="compound_id", width=3),
            check=check_premises,
            columns=("premises_no", "name", "compound_name", "premises_type", "person_in_charge", "phone", "address"),
        ),
    )


@hookimpl
def register_migrations() -> Sequence[Migrations]:
    return (Migrations(path=str(MIGRATIONS)),)


@hookimpl
def register_dictionaries() -> Sequence[Dictionary]:
    from gridcore.domain.dictionaries import default_dictionary

    return (default_dictionary("premises_type"), default_dictionary("industry"))


@hookimpl
def register_permissions() -> Sequence[Permission]:
    return (
        Permission(
            id=EMPLOYEES,
            title="维护从业人员 (关联、解除居民与场所)",
            category="信息采集",
            description="改变居民的场所编号; 不删除居民",
        ),
    )


@hookimpl
def register_menus() -> Sequence[Menu]:
    return (
        Menu(
            id="collect.premises", title="营业场所信息采集", parent="collect", permission=EDIT, entity=ENTITY, order=30
        ),
        Menu(
            id=EMPLOYEES_MENU,
            title="从业人员维护",
            parent="collect.premises",
            permission=EMPLOYEES,
            order=10,
        ),
        Menu(id="browse.premises", title="营业场所信息浏览", parent="browse", permission=VIEW, entity=ENTITY, order=90),
    )


@hookimpl(optionalhook=True)
def register_pages() -> Sequence[Any]:
    """从业人员维护 in gridcore-web (its hook; this plugin loads without gridcore-web)."""
    from gridcore_web.pages import Page

    from gridcore_premises.web import blueprint

    return (Page(id="premises.employees", title="从业人员维护", blueprint=blueprint, menu=EMPLOYEES_MENU),)


@hookimpl
def register_statistics() -> Sequence[Statistic]:
    from gridcore_premises import stats

    return (
        Statistic(id="premises.by_type", title="营业场所类型", compute=stats.by_type),
        Statistic(id="premises.by_region", title="各小区营业场所与从业人员", compute=stats.by_region),
        Statistic(id="premises.employee_bands", title="营业场所从业人数分布", compute=stats.employee_bands),
    )


@hookimpl
def register_commands() -> Sequence[Command]:
    return (
        Command(
            name="premises",
            help="营业场所: 新增、查看、修改、删除、列表; 从业人员关联 (link) 与解除 (unlink)",
            target="gridcore_premises.cli:premises",
            permission=VIEW,
        ),
    )


@hookimpl(wrapper=True)
def entity_write(app: GridApp, session: Session, entity: str, action: str, record: Any) -> Generator[None, Any, Any]:
    """A premises with employees, or a compound with premises, is not deleted; region renames reach the copies."""
    from gridcore_premises import employees, rules

    if entity == ENTITY and action == "delete":
        employees.refuse_delete_with_employees(session, record)
    if entity == "region" and action == "delete":
        rules.refuse_delete_with_premises(session, record)
    result = yield
    if entity == "region" and action == "update":
        rules.refresh_region_names(app, session, record)
    return result


@hookimpl
def populate_demo(app: GridApp, folder: Path, seed: int) -> None:
    from gridcore_premises.demo import populate

    populate(app, folder, seed)
