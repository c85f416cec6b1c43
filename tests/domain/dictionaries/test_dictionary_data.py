"""The shipped default dictionaries hold what domain.md §4 says, with the protected entries code needs."""

from __future__ import annotations

import pytest

from gridcore.contributions import Dictionary, DictionaryEntry
from gridcore.domain.dictionaries import (
    default_dictionary,
    entry_by_semantic,
    load_default_dictionaries,
    load_reference_dictionaries,
)

EXPECTED_IDS = {
    "sex": ("性别", 4),
    "ethnicity": ("民族", 58),
    "political_status": ("政治面貌", 14),
    "education": ("文化程度", 10),
    "marital_status": ("婚姻状况", 8),
    "relation_to_head": ("与户主关系", 84),
    "hukou_type": ("户口类型", 2),
    "religion": ("宗教信仰", 9),
    "military_service": ("兵役状况", 6),
    "health_status": ("健康状况", 4),
    "population_type": ("人口类型", 5),
    "housing_nature": ("住房性质", 10),
    "house_state": ("房屋状态", 5),
    "premises_type": ("营业场所类型", 18),
    "industry": ("国民经济行业分类", 20),
    "asset_type": ("财产类型", 10),
    "grid_type": ("网格类型", 2),
    "handling_level": ("处置层级", 4),
    "event_status": ("事件状态", 6),
    "event_category": ("事件类别", 10),
    "regulation_category": ("规章制度类别", 4),
    "party_org_type": ("党组织类型", 5),
    "disability_category": ("残疾类别", 7),
    "disability_level": ("残疾等级", 4),
    "special_group": ("特殊人群类型", 6),
    "hazard_status": ("隐患状态", 7),
    "fire_safety_post": ("消防岗位", 4),
    "grid_staff_role": ("网格人员角色", 16),
}

# GB/T 3304-1991 in code order, 01 to 56.
ETHNIC_GROUPS = [
    "汉族",
    "蒙古族",
    "回族",
    "藏族",
    "维吾尔族",
    "苗族",
    "彝族",
    "壮族",
    "布依族",
    "朝鲜族",
    "满族",
    "侗族",
    "瑶族",
    "白族",
    "土家族",
    "哈尼族",
    "哈萨克族",
    "傣族",
    "黎族",
    "傈僳族",
    "佤族",
    "畲族",
    "高山族",
    "拉祜族",
    "水族",
    "东乡族",
    "纳西族",
    "景颇族",
    "柯尔克孜族",
    "土族",
    "达斡尔族",
    "仫佬族",
    "羌族",
    "布朗族",
    "撒拉族",
    "毛南族",
    "仡佬族",
    "锡伯族",
    "阿昌族",
    "普米族",
    "塔吉克族",
    "怒族",
    "乌孜别克族",
    "俄罗斯族",
    "鄂温克族",
    "德昂族",
    "保安族",
    "裕固族",
    "京族",
    "塔塔尔族",
    "独龙族",
    "鄂伦春族",
    "赫哲族",
    "门巴族",
    "珞巴族",
    "基诺族",
]


def by_label(dictionary: Dictionary, label: str) -> DictionaryEntry:
    return next(entry for entry in dictionary.entries if entry.label == label)


def codes(dictionary: Dictionary) -> list[str]:
    return [entry.code for entry in dictionary.entries]


def test_every_default_dictionary_loads_with_its_title_and_entry_count():
    loaded = {d.id: (d.title, len(d.entries)) for d in load_default_dictionaries()}
    assert loaded == EXPECTED_IDS


def test_loading_is_cached_and_returns_frozen_values():
    assert load_default_dictionaries() is load_default_dictionaries()
    assert all(isinstance(d, Dictionary) for d in load_default_dictionaries())
    assert default_dictionary("sex") is next(d for d in load_default_dictionaries() if d.id == "sex")
    with pytest.raises(KeyError):
        default_dictionary("no_such_dictionary")


def test_ids_are_unique_across_default_and_reference_dictionaries():
    ids = [d.id for d in (*load_default_dictionaries(), *load_reference_dictionaries())]
    assert len(ids) == len(set(ids))


def test_dictionaries_ship_enabled_and_left_for_the_registry_to_attribute():
    for dictionary in (*load_default_dictionaries(), *load_reference_dictionaries()):
        assert dictionary.plugin == ""
        assert all(entry.enabled for entry in dictionary.entries), dictionary.id


def test_all_56_ethnic_groups_have_unique_gb3304_codes():
    ethnicity = default_dictionary("ethnicity")
    standard = [e for e in ethnicity.entries if e.code not in {"97", "98"}]
    assert [e.label for e in standard] == ETHNIC_GROUPS
    assert [e.code for e in standard] == [f"{n:02d}" for n in range(1, 57)]
    assert len(set(codes(ethnicity))) == len(ethnicity.entries) == 58
    assert ethnicity.standard == "GB/T 3304-1991"


def test_han_is_01_and_tagged_for_the_minority_derivation():
    ethnicity = default_dictionary("ethnicity")
    han = entry_by_semantic(ethnicity, "HAN")
    assert han is not None
    assert (han.code, han.label) == ("01", "汉族")
    assert by_label(ethnicity, "毛南族").code == "36"
    assert by_label(ethnicity, "德昂族").code == "46"
    assert by_label(ethnicity, "基诺族").code == "56"


def test_ethnicity_extras_outside_the_standard_are_flagged_verify():
    ethnicity = default_dictionary("ethnicity")
    extras = {e.code: e for e in ethnicity.entries if e.verify}
    assert set(extras) == {"97", "98"}
    assert extras["98"].label == "外国血统中国籍人士"


@pytest.mark.parametrize(
    ("dictionary_id", "code", "label", "semantic"),
    [
        ("hukou_type", "1", "城市", "URBAN"),
        ("hukou_type", "2", "农村", "RURAL"),
        ("political_status", "01", "党员", "CPC_FULL"),
        ("political_status", "02", "预备党员", "CPC_PROBATIONARY"),
        ("political_status", "L01", "积极分子", "CPC_ACTIVIST"),
        ("relation_to_head", "02", "户主", "HEAD"),
    ],
)
def test_protected_entries_carry_their_semantics(dictionary_id, code, label, semantic):
    entry = entry_by_semantic(default_dictionary(dictionary_id), semantic)
    assert entry is not None
    assert (entry.code, entry.label, entry.protected) == (code, label, True)


def test_only_the_r_o03_entries_are_protected():
    protected = {(d.id, e.label) for d in load_default_dictionaries() for e in d.entries if e.protected}
    assert protected == {
        ("hukou_type", "城市"),
        ("hukou_type", "农村"),
        ("political_status", "党员"),
        ("political_status", "预备党员"),
        ("political_status", "积极分子"),
        ("relation_to_head", "户主"),
    }


@pytest.mark.parametrize(
    ("dictionary_id", "semantic", "code", "label"),
    [
        ("sex", "MALE", "1", "男"),
        ("sex", "FEMALE", "2", "女"),
        ("population_type", "PERMANENT", "1", "常住人口"),
        ("population_type", "FLOATING", "2", "流动人口"),
        ("population_type", "TEMPORARY", "3", "暂住人口"),
        ("population_type", "SEPARATED", "4", "人户分离"),
        ("population_type", "OVERSEAS", "5", "境外人员"),
        ("grid_staff_role", "GRID_LEADER", "01", "网格长"),
        ("handling_level", "GRID", "1", "网格"),
        ("handling_level", "DISTRICT_CENTER", "4", "区级服务中心"),
    ],
)
def test_entries_code_derives_values_from_are_tagged(dictionary_id, semantic, code, label):
    entry = entry_by_semantic(default_dictionary(dictionary_id), semantic)
    assert entry is not None
    assert (entry.code, entry.label) == (code, label)


def test_sex_follows_gb2261_1():
    sex = default_dictionary("sex")
    assert [(e.code, e.label) for e in sex.entries] == [
        ("0", "未知"),
        ("1", "男"),
        ("2", "女"),
        ("9", "未说明"),
    ]
    assert sex.standard == "GB/T 2261.1-2003"


def test_political_status_lists_gb4762_and_the_local_activist():
    status = default_dictionary("political_status")
    assert codes(status) == [f"{n:02d}" for n in range(1, 14)] + ["L01"]
    assert by_label(status, "群众").code == "13"
    assert "中共党员" in by_label(status, "党员").aliases


def test_education_uses_the_2006_top_level_codes_plus_local_entries():
    education = default_dictionary("education")
    assert [(e.code, e.label) for e in education.entries] == [
        ("10", "研究生"),
        ("20", "大学本科"),
        ("30", "大学专科"),
        ("40", "中专/中技"),
        ("60", "高中"),
        ("70", "初中"),
        ("80", "小学"),
        ("L90", "文盲或半文盲"),
        ("L99", "学龄前儿童"),
        ("90", "其他"),
    ]
    assert education.standard.startswith("GB/T 4658-2006")


def test_relation_to_head_puts_the_head_first_and_keeps_01_as_self():
    relation = default_dictionary("relation_to_head")
    first = min(relation.entries, key=lambda e: e.sort)
    assert (first.code, first.label, first.sort) == ("02", "户主", 1)
    assert by_label(relation, "本人").code == "01"
    assert len(set(codes(relation))) == 84


def test_sensitive_dictionaries_are_the_spi_ones():
    sensitive = {d.id for d in load_default_dictionaries() if d.sensitive}
    assert {"religion", "health_status", "special_group", "ethnicity", "political_status"} <= sensitive
    assert "sex" not in sensitive
    assert "hukou_type" not in sensitive


def test_religion_codes_that_public_tables_disagree_on_are_flagged_verify():
    religion = default_dictionary("religion")
    assert {e.label for e in religion.entries if e.verify} == {"东正教", "伊斯兰教"}
    assert by_label(religion, "无宗教信仰").code == "00"


def test_reference_lists_record_the_edition_of_each_code():
    references = {d.id: d for d in load_reference_dictionaries()}
    assert by_label(references["education_gb4658_1984"], "文盲或半文盲").code == "90"
    assert by_label(references["education_gb4658_2006"], "其他").code == "90"
    assert len(references["education_gb4658_2006"].entries) == 40
    assert {e.code for e in references["education_gb4658_2006"].entries if e.verify} == {"73", "83"}
    assert len(references["hukou_nature_ga324"].entries) == 9
    assert all(e.verify for e in references["health_status_detail"].entries)
