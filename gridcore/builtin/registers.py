"""The core registers (jurisdiction, buildings, households, residents) as contributions.

Declarations only; :mod:`gridcore.builtin.core` hands them to the hooks. Models are imported inside the
functions so that loading the core plugin stays light.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from gridcore.contributions import CodeRule, Dictionary, Entity, Menu, Permission

if TYPE_CHECKING:
    from gridcore.app import GridApp

# The dictionaries the core's own fields use; the others in gridcore.domain.dictionaries belong to the
# plugins that need them (premises_type to premises, asset_type to assets ...).
CORE_DICTIONARIES: tuple[str, ...] = (
    "sex",
    "ethnicity",
    "political_status",
    "education",
    "marital_status",
    "relation_to_head",
    "hukou_type",
    "religion",
    "military_service",
    "health_status",
    "population_type",
    "housing_nature",
    "house_state",
    "special_group",
    "disability_category",
    "disability_level",
)


def entities() -> list[Entity]:
    from gridcore.domain.households import Building, Household
    from gridcore.domain.regions import Region
    from gridcore.domain.residents import Resident
    from gridcore.services.imports.core import HouseholdImporter, ResidentImporter

    return [
        Entity(
            id="region",
            title="辖区",
            model=Region,
            key="code",
            sheet="辖区表",
            region="id",
            columns=("code", "name", "level", "property_company", "phone"),
        ),
        Entity(
            id="building",
            title="楼栋",
            model=Building,
            key="building_no",
            sheet="楼栋表",
            region="compound_id",
            columns=("building_no", "unit_count", "floor_count", "leader"),
        ),
        Entity(
            id="household",
            title="住户",
            model=Household,
            key="household_no",
            sheet="户籍表",
            region="compound_id",
            importer=HouseholdImporter,
            columns=(
                "household_no",
                "community_name",
                "compound_name",
                "building_no",
                "door_no",
                "head_name",
                "house_state",
                "phone",
            ),
        ),
        Entity(
            id="resident",
            title="居民",
            model=Resident,
            key="resident_no",
            sheet="常住人口信息表",
            region="household.compound_id",
            importer=ResidentImporter,
            columns=(
                "resident_no",
                "name",
                "sex",
                "birth_date",
                "relation_to_head",
                "compound_name",
                "door_no",
                "id_number",
                "phone",
            ),
        ),
    ]


def dictionaries() -> list[Dictionary]:
    from gridcore.domain.dictionaries import default_dictionary

    return [default_dictionary(name) for name in CORE_DICTIONARIES]


def code_rules(app: GridApp) -> list[CodeRule]:
    """The manual's pinyin rule, its reading table extended by the edition's ``[code_rules] readings``."""
    from gridcore.domain.coding import DEFAULT_READINGS, PinyinCodeRule
    from gridcore.errors import ConfigError

    extra: Any = app.edition.code_rules.get("readings")
    table = DEFAULT_READINGS
    if extra is not None:
        where = f"{app.edition.where}: [code_rules] readings"
        if not isinstance(extra, Mapping):
            raise ConfigError(f'{where} 应为一个表, 例如 {{ "锦厦" = "JS" }} (a table of phrase = "LETTERS")')
        try:
            table = DEFAULT_READINGS.extended(extra)
        except ValueError as error:
            raise ConfigError(f"{where}: {error}") from None
    return [CodeRule(id="pinyin", title="拼音首字母 (手册规则)", rule=PinyinCodeRule(readings=table))]


def permissions() -> list[Permission]:
    """The core's permissions; ``<entity>.view`` for every entity is derived by the registry."""
    collect, words = "信息采集", "智能取词设置"
    return [
        Permission(id="region.edit", title="维护辖区 (街道、社区、小区)", category=collect),
        Permission(id="household.edit", title="维护住户", category=collect),
        Permission(id="resident.edit", title="维护居民", category=collect),
        Permission(id="dict.view", title="查看词典", category=words),
        Permission(id="dict.edit", title="维护词典内容", category=words),
        Permission(id="stats.view", title="统计分析", category="查询浏览"),
        Permission(id="system.backup", title="数据备份与恢复演练", category="系统功能设置"),
        Permission(id="system.restore", title="数据恢复 (整体替换当前数据)", category="系统功能设置"),
        Permission(id="system.reset", title="数据初始 (清除全部业务数据)", category="系统功能设置"),
        Permission(id="exchange.report", title="数据上报", category="系统功能设置"),
        Permission(id="exchange.receive", title="数据接收", category="系统功能设置"),
        Permission(id="system.brand", title="软件信息 (名称、单位、标志等, 经销商或管理员)", category="系统功能设置"),
        Permission(id="system.user_info", title="用户信息 (用户名称、背景图片)", category="系统功能设置"),
        Permission(id="keys.manage", title="单位密钥与下级单位公钥", category="系统功能设置"),
    ]


def menus() -> list[Menu]:
    return [
        Menu(
            id="collect.region",
            title="辖区信息采集",
            parent="collect",
            permission="region.edit",
            order=10,
            entity="region",
        ),
        Menu(
            id="collect.household",
            title="住户居民信息采集",
            parent="collect",
            permission="household.edit",
            order=20,
            entity="household",
        ),
        Menu(
            id="browse.resident",
            title="居民信息浏览",
            parent="browse",
            permission="resident.view",
            order=70,
            entity="resident",
        ),
        Menu(
            id="browse.household",
            title="住户信息浏览",
            parent="browse",
            permission="household.view",
            order=80,
            entity="household",
        ),
        Menu(id="browse.stats", title="综合查询及报表", parent="browse", permission="stats.view", order=30),
        Menu(id="words", title="智能取词设置", order=40),
        Menu(id="words.dict", title="词典设置", parent="words", permission="dict.edit", order=10),
    ]
