"""The synthetic-person generator: deterministic, valid ID numbers, plausible shares, known labels."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

import pytest

from gridcore.demo.people import HOME_PREFECTURE, PeopleGenerator, is_real_name
from gridcore.domain.dictionaries import default_dictionary, match_entry
from gridcore.domain.idcard import likely_issue_year, parse_id, resolve_division

TODAY = dt.date(2025, 6, 1)
FAMILIES = 1500


@pytest.fixture(scope="module")
def families():
    generator = PeopleGenerator(11, today=TODAY)
    return [generator.family() for _ in range(FAMILIES)]


@pytest.fixture(scope="module")
def people(families):
    return [person for family in families for person in family.members]


def _share(people, predicate):
    return sum(1 for person in people if predicate(person)) / len(people)


def _age(person):
    return parse_id(person.id_number, today=TODAY).age(TODAY)


def _draw(seed):
    generator = PeopleGenerator(seed, today=TODAY)
    return [generator.family() for _ in range(30)]


def test_same_seed_same_people_and_another_seed_others():
    assert _draw(5) == _draw(5)
    assert _draw(5) != _draw(6)


def test_about_2_8_people_a_household(families, people):
    assert 2.5 <= len(people) / len(families) <= 3.1


def test_every_id_is_valid_unique_and_agrees_with_the_person(people):
    numbers = [person.id_number for person in people]
    assert len(set(numbers)) == len(numbers)
    for person in people:
        info = parse_id(person.id_number, today=TODAY)
        assert (info.birth_date, info.sex) == (person.birth_date, person.sex)


def test_division_codes_were_in_use_when_the_number_was_issued(people):
    for person in people:
        year = likely_issue_year(person.birth_date)
        division = resolve_division(person.id_number[:6], year)
        assert division is not None
        assert division.covers(year), (person.id_number[:6], year)


def test_most_from_the_home_prefecture_and_floating_people_from_elsewhere(people):
    assert 0.7 <= _share(people, lambda p: p.id_number.startswith(HOME_PREFECTURE)) <= 0.92
    floating = [p for p in people if p.population_type == "流动人口"]
    assert 0.1 <= len(floating) / len(people) <= 0.3
    assert all(not p.id_number.startswith(HOME_PREFECTURE) and p.hukou_address for p in floating)
    assert all(p.arrival_date is not None and p.birth_date <= p.arrival_date < TODAY for p in floating)


def test_sex_ratio_and_age_pyramid(people):
    men = _share(people, lambda p: p.sex == "男")
    assert 0.9 <= men / (1 - men) <= 1.15
    ages = [_age(p) for p in people]
    assert min(ages) >= 0
    assert max(ages) <= 100
    assert 0.12 <= sum(a < 15 for a in ages) / len(ages) <= 0.25  # 2020 census: 17.95 %
    assert 0.13 <= sum(a >= 60 for a in ages) / len(ages) <= 0.25  # 2020 census: 18.70 %
    assert 0.005 <= sum(a >= 80 for a in ages) / len(ages) <= 0.05  # 2020 census: 2.54 %


def test_ethnicity_mostly_han_with_a_minority_share(people):
    minorities = _share(people, lambda p: p.ethnicity != "汉族")
    assert 0.01 <= minorities <= 0.08
    assert len({p.ethnicity for p in people}) >= 8


def test_political_status(people):
    statuses = Counter(p.political_status for p in people)
    assert 0.05 <= statuses["党员"] / len(people) <= 0.09
    assert all(statuses[label] for label in ("预备党员", "积极分子", "团员"))
    assert all(_age(p) >= 20 for p in people if p.political_status == "党员")
    assert all(_age(p) >= 18 for p in people if p.political_status == "预备党员")
    assert all(p.political_status == "群众" for p in people if _age(p) < 14)


def test_marital_status_and_education_follow_age(people):
    for person in people:
        age = _age(person)
        if age < 20:
            assert person.marital_status == "未婚"
        if age < 6:
            assert person.education == "学龄前儿童"
        if person.marital_status == "丧偶":
            assert age >= 40


def test_households_have_one_head_first_and_couples_of_both_sexes(families):
    kinds = Counter(family.kind for family in families)
    assert all(kinds[kind] for kind in ("elderly_alone", "nuclear", "with_parents", "with_grandchildren"))
    for family in families:
        relations = [p.relation for p in family.members]
        assert relations[0] == "户主"
        assert relations.count("户主") == 1
        if "配偶" in relations:
            spouse = family.members[relations.index("配偶")]
            assert {family.head.sex, spouse.sex} == {"男", "女"}
            assert family.head.marital_status in {"已婚", "再婚"}
        if family.kind == "elderly_alone":
            assert len(family.members) == 1
            assert family.head.lives_alone
            assert _age(family.head) >= 60


def test_names_phones_and_labels(people):
    for person in people:
        assert person.name.strip()
        assert not is_real_name(person.name)
        assert person.phone is None or re.fullmatch(r"1[3-9]\d{9}", person.phone)
    fields = {
        "ethnicity": "ethnicity",
        "political_status": "political_status",
        "marital_status": "marital_status",
        "education": "education",
        "relation": "relation_to_head",
        "population_type": "population_type",
    }
    for attribute, dictionary_id in fields.items():
        dictionary = default_dictionary(dictionary_id)
        for label in {getattr(p, attribute) for p in people}:
            assert match_entry(dictionary, label) is not None, (dictionary_id, label)
    assert _share(people, lambda p: p.phone is not None) > 0.6
