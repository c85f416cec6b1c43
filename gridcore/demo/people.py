"""Synthetic people for the demo and tests: seeded, deterministic, and built from no real person.

Names join a surname, drawn by the approximate shares of the most common surnames, to common
given-name characters combined at random. ID numbers are valid: each carries a county code that was
in use when the number would have been issued. Most codes come from the home prefecture; the others,
from elsewhere, belong to 流动人口. Ages come from the household make-up (户主, 配偶, children,
sometimes parents or grandchildren, 独居老人). 民族, 政治面貌, 婚姻状况 and 文化程度 follow rough
national shares by age. Values are dictionary labels, which is what the services accept.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import random
import re
from collections.abc import Callable

import attrs

from gridcore.domain.idcard import division_codes_in_use, likely_issue_year, make_id, resolve_division
from gridcore.domain.idcard.synthetic import MAX_SEQ

#: Share (%) of the commonest surnames, rounded from public household-registration statistics (2020).
_SURNAMES = """王7.1 李7.0 张6.6 刘5.4 陈4.5 杨3.1 黄2.3 赵2.2 吴2.0 周1.9 徐1.7 孙1.5 马1.5 朱1.3 胡1.3
郭1.2 何1.2 林1.1 高1.1 罗1.0 郑.97 梁.95 谢.83 宋.78 唐.78 许.74 韩.73 冯.71 邓.70 曹.68 彭.66 曾.65
肖.63 田.62 董.61 袁.59 潘.59 于.58 蒋.57 蔡.56 余.55 杜.54 叶.53 程.52 魏.51 苏.50 吕.49 丁.48 任.47
卢.46 姚.45 沈.44 钟.43 姜.42 崔.41 谭.40 陆.39 范.38 汪.37 廖.36 石.35 金.34 韦.33 贾.32 夏.31 付.30
方.30 邹.29 熊.28 白.28 孟.27 秦.26 邱.26 侯.25 江.25 尹.24 薛.24 闫.23 段.23 雷.22 龙.21 黎.21 史.20
陶.20 贺.19 毛.19 郝.18 顾.18 龚.17 邵.17 万.16 覃.16 武.16 钱.15 戴.15 严.15 莫.14 孔.14 向.13 常.13
欧阳.05 司马.02 上官.01"""
#: Common given-name characters by sex and generation (born before 1970, 1970-1994, 1995 and later).
_GIVEN = {
    ("男", 0): "国建明华军平伟强志文德春林海永福金成荣庆忠生宝东兴学安富贵祥山",
    ("男", 1): "伟军勇杰涛斌磊鹏超波辉刚健峰飞俊浩亮明华强龙宇凯鑫晨阳帅毅",
    ("男", 2): "浩宇轩子梓俊博睿泽晨一诺皓辰逸然铭昊天佑宸锦航嘉煜奕骏哲",
    ("女", 0): "秀英兰芳玉珍桂凤霞红丽华梅琴淑素云翠萍娟秋月莲美",
    ("女", 1): "丽娟静敏燕艳婷雪琳颖倩霞慧晶芳洁玲莉佳丹萍蕾璐",
    ("女", 2): "欣怡梓涵雨萱诗佳可思若琪悦一彤紫萌婉语晴依馨瑶汐",
}
_SINGLE_GIVEN = (0.25, 0.3, 0.08)
#: Names given in the Uyghur and Kazakh way: given name · father's given name.
_DOT_NAMED = {"维吾尔族", "哈萨克族"}
_DOT_GIVEN = {
    "男": "买买提 艾力 吐尔逊 阿不都 努尔 艾合买提 热合曼 肉孜",
    "女": "古丽 阿依古丽 热依拉 帕提古丽 米娜 努尔古丽",
}
#: 2020 census population of the larger minorities (millions); 汉族 is the rest.
_MINORITIES = """壮族19.6 维吾尔族11.8 回族11.4 苗族11.1 满族10.4 彝族9.8 土家族9.6 藏族7.1 蒙古族6.3
布依族3.6 侗族3.5 瑶族3.3 白族2.1 哈尼族1.7 朝鲜族1.7 黎族1.6 哈萨克族1.6 傣族1.3"""
#: Where 流动人口 come from (province code prefix): the home province first, then its neighbours.
_SOURCES = "34:45 41:10 32:8 36:6 42:6 37:5 51:5 33:4 43:4 52:2 45:2 53:1 65:1"
#: Household make-up and its share (%); about 2.8 people a household on average.
_KINDS = """young_single:7 middle_single:3 elderly_alone:9 young_couple:8 empty_nest:16 nuclear:37
with_parents:7 with_grandchildren:8 single_parent:5"""
#: Highest schooling of adults by birth cohort (%), urban shares rounded from census tables.
_EDUCATION_LEVELS = ("研究生", "大学本科", "大学专科", "中专/中技", "高中", "初中", "小学", "文盲或半文盲")
_EDUCATION = (
    (1990, (5, 33, 25, 8, 14, 14, 1, 0)),
    (1975, (3, 20, 18, 10, 20, 25, 4, 0)),
    (1960, (1, 8, 10, 10, 26, 35, 9, 1)),
    (1950, (0.5, 4, 5, 7, 22, 35, 22, 4.5)),
    (0, (0.3, 3, 3, 4, 12, 22, 36, 20)),
)
_COLLEGE = {"研究生", "大学本科", "大学专科"}
_PARTIES = ("民盟盟员", "民进会员", "九三学社社员", "民建会员", "农工党党员")
_PHONE_PREFIXES = "13:30 15:22 18:22 17:10 19:10 16:3 14:3"
#: First 16 hex digits of the SHA-256 of the full names of the real people named in the project's
#: seed document: the generator never gives one of those names (kept as digests, not repeated here).
_REAL_NAME_DIGESTS = frozenset(
    re.findall(
        "[0-9a-f]{16}",
        """677350ded6ff58f2 1b2186cba323f0f8 ac9183607f2d4a48 28e3f4ce6eb37120 98dd5717bb1bf54e 05f910b0432b52e9
        bfff9461bf0249c4 ca3200814a265be0 4f98025e4683454d b54ae417cd4d8671 af123fddf770e99c 8d3962fc984bbd4f
        e1d46986c54f9ca4 96ad8c98cc14f7c9 73839c9c3305e360 6e9983f647b5cf3b 780ecac10b1864cf 581fb3c35cff5212
        b6eebca1cbdfd7b3 f582aa26b17edc0d 6c1eda236cbbb974 91dcb80db3ced22a b432b2ace68b663a""",
    )
)
#: 安庆市 (Anhui): the prefecture of the demo street.
HOME_PREFECTURE = "3408"


def _weights(text: str) -> tuple[tuple[str, ...], tuple[float, ...]]:
    """``"王7.1 李7.0"`` or ``"34:45 41:10"`` as labels and weights."""
    pairs = [re.fullmatch(r"(.+?):?([\d.]+)", token) for token in text.split()]
    found = [pair.groups() for pair in pairs if pair is not None]
    return tuple(label for label, _ in found), tuple(float(weight) for _, weight in found)


def is_real_name(name: str) -> bool:
    """True for a name of a real person printed in the seed document (never generated)."""
    return hashlib.sha256(name.encode("utf-8")).hexdigest()[:16] in _REAL_NAME_DIGESTS


def _codes_in_use(year: int, prefix: str) -> tuple[str, ...]:
    """County-level codes in use in ``year`` under a province (2 digits) or prefecture (4) prefix."""
    return _codes_by_prefix(year).get(prefix, ())


@functools.cache
def _codes_by_prefix(year: int) -> dict[str, tuple[str, ...]]:
    groups: dict[str, list[str]] = {"": []}
    for code in division_codes_in_use(year):
        for prefix in ("", code[:2], code[:4]):
            groups.setdefault(prefix, []).append(code)
    return {prefix: tuple(codes) for prefix, codes in groups.items()}


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


@attrs.frozen(kw_only=True)
class Person:
    """One synthetic resident; the coded fields hold dictionary labels."""

    name: str
    sex: str
    birth_date: dt.date
    id_number: str
    relation: str
    ethnicity: str
    political_status: str
    marital_status: str
    education: str
    phone: str | None
    population_type: str
    hukou_address: str | None
    arrival_date: dt.date | None
    lives_alone: bool = False


@attrs.frozen(kw_only=True)
class Family:
    """The people of one household, 户主 first."""

    kind: str
    members: tuple[Person, ...]
    hukou_type: str
    migrant: bool

    @property
    def head(self) -> Person:
        return self.members[0]


@attrs.frozen(kw_only=True)
class _Origin:
    county: str
    migrant: bool
    address: str | None
    arrival: dt.date | None


@attrs.define(kw_only=True)
class _Member:
    """A person being built: ``age`` in full years, ``partner`` marks someone living with a spouse."""

    relation: str
    sex: str
    age: int
    surname: str
    ethnicity: str
    partner: bool = False
    origin: _Origin | None = None


class PeopleGenerator:
    """Families of synthetic people; the same ``seed`` and ``today`` give the same families."""

    def __init__(
        self,
        seed: int,
        *,
        today: dt.date | None = None,
        home_prefecture: str = HOME_PREFECTURE,
        migrant_share: float = 0.18,
    ) -> None:
        self.rng = random.Random(seed)
        self.today = today or dt.date.today()
        self.home = home_prefecture
        self.migrant_share = migrant_share
        self._issued: set[str] = set()
        self._surnames = _weights(_SURNAMES)
        self._minorities = _weights(_MINORITIES)
        self._sources = _weights(_SOURCES)
        self._kinds = _weights(_KINDS)
        self._phones = _weights(_PHONE_PREFIXES)
        self._builders: dict[str, Callable[[_Origin], list[_Member]]] = {
            kind: getattr(self, f"_{kind}") for kind in self._kinds[0]
        }

    # ------------------------------------------------------------------ families

    def family(self) -> Family:
        """One household: its kind is drawn by share, then its members by age."""
        kind = self._pick(self._kinds)
        origin = self._origin()
        members = self._builders[kind](origin)
        people = tuple(self._person(member, origin, alone=kind == "elderly_alone") for member in members)
        rural = self.rng.random() < (0.7 if origin.migrant else 0.12)
        return Family(kind=kind, members=people, hukou_type="农村" if rural else "城市", migrant=origin.migrant)

    def _young_single(self, origin: _Origin) -> list[_Member]:
        return [self._adult("户主", self.rng.randint(20, 39), male=0.55, origin=origin)]

    def _middle_single(self, origin: _Origin) -> list[_Member]:
        return [self._adult("户主", self.rng.randint(40, 59), male=0.5, origin=origin)]

    def _elderly_alone(self, origin: _Origin) -> list[_Member]:
        return [self._adult("户主", min(60 + int(self.rng.expovariate(1 / 12)), 99), male=0.35, origin=origin)]

    def _young_couple(self, origin: _Origin) -> list[_Member]:
        return self._couple(self.rng.randint(23, 35), origin)

    def _empty_nest(self, origin: _Origin) -> list[_Member]:
        return self._couple(min(55 + int(self.rng.expovariate(1 / 10)), 92), origin)

    def _nuclear(self, origin: _Origin) -> list[_Member]:
        couple = self._couple(self.rng.randint(27, 55), origin)
        return couple + self._children(couple, self._count((48, 45, 7)), "子", "女")

    def _with_parents(self, origin: _Origin) -> list[_Member]:
        family = self._nuclear(origin)
        head, spouse = family[0], family[1]
        side = head if self.rng.random() < 0.7 else spouse
        own = side is head
        father, mother = ("父亲", "母亲") if own else (("岳父", "岳母") if head.sex == "男" else ("公公", "婆婆"))
        age = min(side.age + self.rng.randint(24, 34), 96)
        elders = [
            _Member(relation=father, sex="男", age=age, surname=side.surname, ethnicity=side.ethnicity),
            _Member(
                relation=mother,
                sex="女",
                age=age - self.rng.randint(0, 4),
                surname=self._surname(),
                ethnicity=side.ethnicity,
            ),
        ]
        if self.rng.random() < 0.4:
            del elders[self.rng.randrange(2)]
        else:
            for elder in elders:
                elder.partner = True
        return family + elders

    def _with_grandchildren(self, origin: _Origin) -> list[_Member]:
        elders = self._couple(self.rng.randint(56, 80), origin)
        if self.rng.random() < 0.15:
            elders = elders[:1]
            elders[0].partner = False
        mother_age = next((m.age for m in elders if m.sex == "女"), elders[0].age - 2)
        son = self.rng.random() < 0.65
        child = _Member(
            relation="子" if son else "女",
            sex="男" if son else "女",
            age=max(mother_age - self.rng.randint(23, 33), 22),
            surname=next((m.surname for m in elders if m.sex == "男"), None) or self._surname(),
            ethnicity=elders[0].ethnicity,
            partner=True,
        )
        in_law_age = max(child.age + self.rng.randint(-3, 3), 20 if son else 22)
        in_law = self._adult("儿媳" if son else "女婿", in_law_age, male=0.0 if son else 1.0)
        in_law.partner = True
        young = [child, in_law]
        kids = self._children(young, self._count((50, 50)), "孙子" if son else "外孙子", "孙女" if son else "外孙女")
        return elders + young + kids

    def _single_parent(self, origin: _Origin) -> list[_Member]:
        parent = self._adult("户主", self.rng.randint(28, 52), male=0.3, origin=origin)
        return [parent, *self._children([parent], self._count((70, 30)), "子", "女")]

    # ------------------------------------------------------------------ members

    def _adult(self, relation: str, age: int, *, male: float, origin: _Origin | None = None) -> _Member:
        sex = "男" if self.rng.random() < male else "女"
        return _Member(
            relation=relation,
            sex=sex,
            age=age,
            surname=self._surname(),
            ethnicity=self._ethnicity(origin),
            origin=origin,
        )

    def _couple(self, head_age: int, origin: _Origin) -> list[_Member]:
        head = self._adult("户主", head_age, male=0.72, origin=origin)
        gap = max(-3, min(10, round(self.rng.gauss(2, 2.5))))
        spouse_age = head_age - gap if head.sex == "男" else head_age + gap
        spouse = self._adult(
            "配偶", max(spouse_age, 20 if head.sex == "男" else 22), male=0.0 if head.sex == "男" else 1.0
        )
        head.partner = spouse.partner = True
        return [head, spouse]

    def _children(self, parents: list[_Member], count: int, son: str, daughter: str) -> list[_Member]:
        mother = next((p for p in parents if p.sex == "女"), parents[0])
        father = next((p for p in parents if p.sex == "男"), None)
        minority = next((p.ethnicity for p in parents if p.ethnicity != "汉族"), None)
        low, high = max(21, mother.age - 24), max(21, min(38, mother.age))
        born_at = self.rng.randint(low, high) if low <= high else high
        children: list[_Member] = []
        for _ in range(count):
            if born_at > mother.age:
                break
            sex = "男" if self.rng.random() < 0.53 else "女"
            fathers = father is not None and self.rng.random() < 0.92
            surname = father.surname if fathers and father is not None else mother.surname
            ethnicity = minority if minority and self.rng.random() < 0.7 else "汉族"
            relation = son if sex == "男" else daughter
            children.append(
                _Member(relation=relation, sex=sex, age=mother.age - born_at, surname=surname, ethnicity=ethnicity)
            )
            born_at += self.rng.randint(2, 8)
        return children

    def _person(self, member: _Member, household: _Origin, *, alone: bool) -> Person:
        origin = member.origin or household
        if member.origin is None and member.partner and self.rng.random() < 0.35:
            origin = attrs.evolve(household, county=self._county(household.county[:4]))
        birth = self._birth(member.age)
        education = self._education(member.age, birth.year)
        return Person(
            name=self._name(member, birth.year),
            sex=member.sex,
            birth_date=birth,
            id_number=self._id_number(origin, birth, member.sex),
            relation=member.relation,
            ethnicity=member.ethnicity,
            political_status=self._politics(member.age, education),
            marital_status=self._marital(member),
            education=education,
            phone=self._phone(member.age),
            population_type="流动人口" if household.migrant else "常住人口",
            hukou_address=household.address,
            arrival_date=max(household.arrival, birth) if household.arrival else None,
            lives_alone=alone,
        )

    # ------------------------------------------------------------------ attributes

    def _name(self, member: _Member, born: int) -> str:
        while True:
            if member.ethnicity in _DOT_NAMED:
                given, father = (
                    self.rng.choice(_DOT_GIVEN[member.sex].split()),
                    self.rng.choice(_DOT_GIVEN["男"].split()),
                )
                name = f"{given}·{father}"
            else:
                name = member.surname + self._given(member.sex, 0 if born < 1970 else 1 if born < 1995 else 2)
            if not is_real_name(name):
                return name

    def _given(self, sex: str, era: int) -> str:
        pool = _GIVEN[(sex, era)]
        if self.rng.random() < _SINGLE_GIVEN[era]:
            return self.rng.choice(pool)
        first = self.rng.choice(pool)
        if sex == "女" and self.rng.random() < 0.03:
            return first + first
        return first + self.rng.choice(pool.replace(first, ""))

    def _birth(self, age: int) -> dt.date:
        """A birth date on which someone is ``age`` today (in full years)."""
        latest = _years_before(self.today, age)
        earliest = _years_before(self.today, age + 1) + dt.timedelta(days=1)
        return earliest + dt.timedelta(days=self.rng.randrange((latest - earliest).days + 1))

    def _id_number(self, origin: _Origin, birth: dt.date, sex: str) -> str:
        """A new number coded with the origin county, or a neighbour in use when it was issued."""
        year = likely_issue_year(birth)
        province = [
            c for c in _codes_in_use(year, origin.county[:2]) if not (origin.migrant and c.startswith(self.home))
        ]
        codes = _codes_in_use(year, origin.county[:4]) or province or _codes_in_use(year, "")
        code = origin.county if origin.county in codes else self.rng.choice(codes)
        while True:
            number = make_id(code, birth, self.rng.randint(0, MAX_SEQ), sex)
            if number not in self._issued:
                self._issued.add(number)
                return number

    def _origin(self) -> _Origin:
        if self.rng.random() >= self.migrant_share:
            return _Origin(county=self._county(self.home), migrant=False, address=None, arrival=None)
        province = self._pick(self._sources)
        county = self._county(province, avoid=self.home)
        division = resolve_division(county, self.today.year)
        arrival = self.today - dt.timedelta(days=self.rng.randint(30, 12 * 365))
        return _Origin(county=county, migrant=True, address=division.full_name if division else None, arrival=arrival)

    def _county(self, prefix: str, *, avoid: str | None = None) -> str:
        year = min(self.today.year, 2024)
        codes = [c for c in _codes_in_use(year, prefix) if not (avoid and c.startswith(avoid))]
        return self.rng.choice(codes)

    def _surname(self) -> str:
        return self._pick(self._surnames)

    def _ethnicity(self, origin: _Origin | None) -> str:
        share = 0.06 if origin is not None and origin.migrant else 0.02
        return self._pick(self._minorities) if self.rng.random() < share else "汉族"

    def _education(self, age: int, born: int) -> str:
        if age < 6:
            return "学龄前儿童"
        if age < 18:
            return "小学" if age < 12 else "初中" if age < 15 else self._choice(("高中", "中专/中技"), (3, 1))
        if age < 23:
            return self._choice(("大学本科", "大学专科", "高中", "中专/中技", "初中"), (30, 20, 35, 10, 5))
        shares = next(shares for since, shares in _EDUCATION if born >= since)
        return self._choice(_EDUCATION_LEVELS, shares)

    def _politics(self, age: int, education: str) -> str:
        college = education in _COLLEGE
        if age < 14:
            return "群众"
        shares: dict[str, float]
        if age < 18:
            shares = {"团员": 0.4}
        elif age < 20:
            shares = {"预备党员": 0.005, "积极分子": 0.02, "团员": 0.5}
        elif age < 28:
            shares = {"党员": 0.06 if college else 0.025, "预备党员": 0.012, "积极分子": 0.015, "团员": 0.45}
        else:
            member = 0.16 if college else 0.075 if education in ("高中", "中专/中技") else 0.04
            shares = {
                "党员": member * (1.2 if age >= 60 else 1.0),
                "预备党员": 0.003 if age < 45 else 0.0,
                "积极分子": 0.006 if age < 50 else 0.0,
                "民主党派": 0.005 if college and age > 35 else 0.0,
            }
        labels = (*shares, "群众")
        label = self._choice(labels, (*shares.values(), 1.0 - sum(shares.values())))
        return self.rng.choice(_PARTIES) if label == "民主党派" else label

    def _marital(self, member: _Member) -> str:
        if member.partner:
            return "再婚" if member.age > 35 and self.rng.random() < 0.04 else "已婚"
        if member.age < 22 or member.relation in ("子", "女", "孙子", "孙女", "外孙子", "外孙女"):
            return "未婚"
        if member.age >= 60:
            return self._choice(("丧偶", "离婚", "未婚", "已婚"), (75, 12, 5, 8))
        if member.age >= 40:
            return self._choice(("离婚", "未婚", "丧偶"), (55, 25, 20))
        return self._choice(("未婚", "离婚"), (88, 12))

    def _phone(self, age: int) -> str | None:
        share = 0.0 if age < 14 else 0.35 if age < 18 else 0.97 if age < 70 else 0.8 if age < 80 else 0.5
        if self.rng.random() >= share:
            return None
        return self._pick(self._phones) + "".join(self.rng.choice("0123456789") for _ in range(9))

    # ------------------------------------------------------------------ helpers

    def _count(self, shares: tuple[float, ...]) -> int:
        return self.rng.choices(range(1, len(shares) + 1), weights=shares)[0]

    def _pick(self, table: tuple[tuple[str, ...], tuple[float, ...]]) -> str:
        return self._choice(*table)

    def _choice(self, labels: tuple[str, ...], weights: tuple[float, ...]) -> str:
        return self.rng.choices(labels, weights=weights)[0]
