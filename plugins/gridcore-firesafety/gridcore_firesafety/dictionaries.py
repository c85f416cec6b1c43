"""The dictionaries (智能取词) of the fire-safety grid, seeded by ``gridcore init`` and editable by users.

The inspection checklist (检查项目) is the 小商铺检查登记表's list of items; an edition replaces it
with ``[settings.firesafety] inspection_items = ["...", ...]`` and users edit it with ``gridcore dict``.
The 消防岗位 list is the kernel's default data (domain.md §4.15).
"""

from __future__ import annotations

from collections.abc import Sequence

from gridcore import Dictionary, DictionaryEntry
from gridcore.errors import ConfigError
from gridcore_firesafety import names

#: The items of the 小商铺检查登记表 (inferred from [P4 三(三)] and common 九小场所 checklists).
DEFAULT_CHECK_ITEMS: tuple[str, ...] = (
    "灭火器配置及有效期",
    "安全出口、疏散通道畅通",
    "应急照明、疏散指示标志",
    "电气线路敷设及用电安全",
    "无“三合一”住人现象",
    "电动车未在室内停放充电",
    "易燃可燃物品存放",
    "用火用气安全",
    "消防安全责任人及制度",
    "员工消防安全培训",
)


def _entries(labels: Sequence[str], *, start: int = 1) -> tuple[DictionaryEntry, ...]:
    return tuple(
        DictionaryEntry(code=f"{index:02d}", label=label, sort=index) for index, label in enumerate(labels, start=start)
    )


def check_items(configured: object) -> Dictionary:
    """The checklist: the edition's ``inspection_items`` when given, else the default items."""
    if configured in (None, []):
        labels: Sequence[str] = DEFAULT_CHECK_ITEMS
    elif isinstance(configured, list) and all(isinstance(item, str) and item.strip() for item in configured):
        labels = [item.strip() for item in configured]
        if len(set(labels)) != len(labels):
            raise ConfigError("[settings.firesafety] inspection_items 中有重复的检查项目, 请删去重复项")
    else:
        raise ConfigError(
            '[settings.firesafety] inspection_items 应为检查项目名称的列表, 例如 ["灭火器配置及有效期", "安全出口畅通"]'
        )
    return Dictionary(id=names.CHECK_ITEM_DICTIONARY, title="消防检查项目", entries=_entries(labels))


def declared(configured_items: object) -> tuple[Dictionary, ...]:
    """Every dictionary the plugin's fields use."""
    from gridcore.domain.dictionaries import default_dictionary

    return (
        default_dictionary(names.POST_DICTIONARY),
        check_items(configured_items),
        Dictionary(
            id=names.HAZARD_TYPE_DICTIONARY,
            title="火灾隐患类型",
            entries=(
                *_entries(
                    (
                        "消防器材缺失或过期",
                        "安全出口、疏散通道堵塞",
                        "“三合一”场所住人",
                        "电动车违规停放充电",
                        "电气线路私拉乱接",
                        "易燃可燃物违规存放",
                        "违规用火用气",
                    )
                ),
                DictionaryEntry(code="99", label="其他", sort=99),
            ),
        ),
        Dictionary(
            id=names.SPOT_FINDING_DICTIONARY,
            title="抽查发现",
            entries=(
                DictionaryEntry(code=names.NO_FINDING, label="未发现问题", sort=0, protected=True),
                DictionaryEntry(code="01", label="漏查", sort=1, protected=True),
                DictionaryEntry(code="02", label="不查", sort=2, protected=True),
                DictionaryEntry(code="03", label="瞒报", sort=3, protected=True),
            ),
        ),
        Dictionary(
            id=names.BUNDLE_ROLE_DICTIONARY,
            title="捆绑责任类别",
            entries=_entries(("分管领导", "部门主管", "社区全体员工", "企业经营者")),
        ),
        Dictionary(
            id=names.REWARD_KIND_DICTIONARY,
            title="消防奖惩类别",
            entries=(
                DictionaryEntry(code=names.COMMENDATION, label="通报表彰", sort=1, protected=True),
                DictionaryEntry(code=names.MERIT_AWARD, label="评先评奖", sort=2, protected=True),
                DictionaryEntry(
                    code=names.MERIT_REVOKED, label="取消评先并扣发奖金", sort=3, protected=True, aliases=("取消评先",)
                ),
                DictionaryEntry(
                    code=names.STOP_WORK_PENALTY, label="停工并追责", sort=4, protected=True, aliases=("停工",)
                ),
            ),
        ),
        Dictionary(
            id=names.LETTER_LEVEL_DICTIONARY,
            title="责任书层级",
            entries=_entries(("社区", "大网格", "单元格", "商铺企业")),
        ),
        Dictionary(
            id=names.EBIKE_DICTIONARY,
            title="电动车停放充电",
            entries=_entries(("无电动车", "集中充电点充电", "室外规范停放", "室内停放或充电")),
        ),
        Dictionary(
            id=names.PUBLICITY_FORM_DICTIONARY,
            title="消防宣传形式",
            entries=_entries(("悬挂消防安全标语", "致全体居民的一封信", "消防车广播")),
        ),
    )
