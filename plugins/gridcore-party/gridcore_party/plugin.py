"""The plugin module named by the ``gridcore.plugins`` entry point: ``PLUGIN`` and the hook implementations.

Imported by every ``gridcore`` command, so it imports only ``gridcore`` and the standard library;
models, services and commands are imported inside the hooks that need them.
"""

from __future__ import annotations

from collections.abc import Generator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gridcore import (
    Command,
    Dictionary,
    DictionaryEntry,
    Entity,
    Menu,
    Migrations,
    Permission,
    PluginInfo,
    Setting,
    Statistic,
    hookimpl,
)

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from gridcore import GridApp

PLUGIN = PluginInfo(
    name="party",
    title="党建管理",
    version="0.1.0",
    requires=("orgs",),
    core_api=">=1,<2",
    description="党组织树 (党委、党总支、党支部、党小组)、党员名册、组织活动与活动照片、党建统计与党组织机构图",
)

ORG = "party_org"
MEMBER = "party_member"
ACTIVITY = "party_activity"
PHOTO = "party_photo"
ORG_TYPES = "party_org_type"
PHOTO_SOURCES = "party_photo_source"
STATS = "party.stats"
STATS_MENU = "party.stats"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
DEFAULT_AGE_BANDS = [0, 31, 41, 51, 61, 71]


@hookimpl
def register_settings() -> Sequence[Setting]:
    return (
        Setting(name="age_bands", type="list", default=DEFAULT_AGE_BANDS, description="党员年龄段统计的各段起始年龄"),
        Setting(name="photo_dir", type="str", default="", description="活动照片复制到的目录 (留空则只记录路径)"),
    )


@hookimpl
def register_entities() -> Sequence[Entity]:
    from gridcore_party.activities import check_activity, check_photo
    from gridcore_party.members import check_member
    from gridcore_party.models import ActivityPhoto, PartyActivity, PartyMember, PartyOrg
    from gridcore_party.organizations import check_org

    return (
        Entity(id=ORG, title="党组织", model=PartyOrg, key="name", sheet="党组织", check=check_org,
               columns=("name", "org_type", "parent_id", "secretary", "founded_date")),
        Entity(id=MEMBER, title="党员", model=PartyMember, sheet="党员信息表", check=check_member,
               region="resident.household.compound_id",
               columns=("resident_id", "name", "sex", "category", "party_org_id", "join_date", "party_post")),
        Entity(id=ACTIVITY, title="组织活动", model=PartyActivity, key="activity_no", sheet="组织活动",
               check=check_activity,
               columns=("activity_no", "theme", "activity_date", "location", "party_org_id", "participant_count")),
        Entity(id=PHOTO, title="活动照片", model=ActivityPhoto, key="file_name", sheet="活动照片", check=check_photo,
               columns=("file_name", "activity_id", "path", "source")),
    )  # fmt: skip


@hookimpl
def register_migrations() -> Sequence[Migrations]:
    return (Migrations(path=str(MIGRATIONS), models=("gridcore_party.models",)),)


@hookimpl
def register_dictionaries() -> Sequence[Dictionary]:
    from gridcore.domain.dictionaries import default_dictionary

    sources = Dictionary(
        id=PHOTO_SOURCES,
        title="活动照片来源",
        standard="local",
        entries=(
            DictionaryEntry(code="1", label="文件", sort=1, aliases=("file",)),
            DictionaryEntry(code="2", label="截图", sort=2, aliases=("屏幕截图", "screenshot")),
            DictionaryEntry(code="3", label="拍照", sort=3, aliases=("视频拍照", "camera")),
        ),
    )
    return (default_dictionary(ORG_TYPES), sources)


@hookimpl
def register_permissions() -> Sequence[Permission]:
    return (Permission(id=STATS, title="查看党建统计", category="党建管理"),)


@hookimpl
def register_menus() -> Sequence[Menu]:
    return (
        Menu(id="party", title="党建管理", order=35),
        Menu(id="party.org", title="组织机构管理", parent="party", permission=f"{ORG}.view", order=10, entity=ORG),
        Menu(id="party.member", title="党员管理", parent="party", permission=f"{MEMBER}.view", order=20,
             entity=MEMBER),
        Menu(id="party.activity", title="组织活动管理", parent="party", permission=f"{ACTIVITY}.view", order=30,
             entity=ACTIVITY),
        Menu(id=STATS_MENU, title="党建统计", parent="party", permission=STATS, order=40),
    )  # fmt: skip


@hookimpl(optionalhook=True)
def register_pages() -> Sequence[Any]:
    """党建统计 in gridcore-web (its hook; this plugin loads without gridcore-web)."""
    from gridcore_web.pages import Page

    from gridcore_party.web import blueprint

    return (Page(id="party.stats", title="党建统计", blueprint=blueprint, menu=STATS_MENU),)


@hookimpl
def register_statistics() -> Sequence[Statistic]:
    from gridcore_party import stats

    return (
        Statistic(id="party.members_by_org", title="各党组织党员人数", compute=stats.members_by_org,
                  permission=STATS),
        Statistic(id="party.members_by_category", title="党员类别统计", compute=stats.members_by_category,
                  charts=("bar", "pie"), permission=STATS),
        Statistic(id="party.members_by_age", title="党员年龄结构", compute=stats.members_by_age, permission=STATS),
        Statistic(id="party.activities_per_month", title="组织活动月度统计", compute=stats.activities_per_month,
                  permission=STATS),
    )  # fmt: skip


@hookimpl
def register_commands() -> Sequence[Command]:
    return (
        Command(
            name="party",
            help="党建管理: org / member / activity / photo / chart",
            target="gridcore_party.cli:party",
            permission=f"{ORG}.view",
        ),
    )


@hookimpl(wrapper=True)
def entity_write(app: GridApp, session: Session, entity: str, action: str, record: Any) -> Generator[None, Any, Any]:
    """Guard the links into the party register on every write path, and keep members' copies current.

    A resident who is a member cannot be deleted nor lose an eligible 政治面貌; a renamed resident's
    copy follows. A party organization with sub-organizations, members or activities, and an activity
    with photos, are not deleted.
    """
    if entity == "resident":
        from gridcore_party.members import guard_resident, refresh_from_resident

        member = guard_resident(app, session, action, record)
        result = yield
        if member is not None:
            refresh_from_resident(app, session, member, record)
        return result
    if action == "delete" and entity in (ORG, ACTIVITY):
        from gridcore_party.organizations import refuse_deleting_used

        refuse_deleting_used(session, entity, record)
    return (yield)


@hookimpl
def populate_demo(app: GridApp, folder: Path, seed: int) -> None:
    from gridcore_party.demo import populate

    populate(app, folder, seed)
