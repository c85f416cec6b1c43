"""R-X10: responsibility letters level by level, and rewards and penalties per person and unit."""

from __future__ import annotations

import pytest
from gridcore_firesafety.services import duties

from gridcore.errors import ConflictError, ValidationError
from gridcore.services.unit import read_unit, unit_of_work
from gridcore.testing import in_unit, run_service


def test_letters_are_signed_level_by_level(staffed):
    with pytest.raises(ValidationError, match="层层签订: 红旗社区 还没有签订 2026 年度社区层级的责任书"):
        run_service(staffed, duties.add_letter, year=2026, level="大网格", signer="一坊", counterpart="红旗社区")
    with unit_of_work(staffed) as uow:
        duties.add_letter(uow, year=2026, level="社区", signer="红旗社区", counterpart="镇安委会", day="2026-01-10")
        duties.add_letter(uow, year=2026, level="大网格", signer="一坊", counterpart="红旗社区", day="2026-01-12")
        duties.add_letter(uow, year=2026, level="单元格", signer="一坊旧村片", counterpart="一坊", day="2026-01-15")
    with pytest.raises(
        ValidationError, match="一坊 还没有签订 2026 年度单元格层级"
    ):  # 一坊 signed at 大网格, not 单元格
        run_service(staffed, duties.add_letter, year=2026, level="商铺企业", signer="惠民便利店", counterpart="一坊")
    run_service(staffed, duties.add_letter, year=2026, level="商铺企业", signer="惠民便利店", counterpart="一坊旧村片")
    with pytest.raises(ConflictError, match="一坊 已签订 2026 年度消防工作责任书"):
        run_service(staffed, duties.add_letter, year=2026, level="大网格", signer="一坊", counterpart="红旗社区")
    with pytest.raises(ValidationError, match="签订日期 2026-09-20 不在 2025 年度"):
        run_service(staffed, duties.add_letter, year=2025, level="社区", signer="红旗社区", counterpart="镇安委会")
    with read_unit(staffed) as uow:
        signed = [(letter.level, letter.signer, letter.counterpart) for letter in duties.letters(uow, year=2026)]
    assert signed == [
        ("01", "红旗社区", "镇安委会"),
        ("02", "一坊", "红旗社区"),
        ("03", "一坊旧村片", "一坊"),
        ("04", "惠民便利店", "一坊旧村片"),
    ]


def test_rewards_and_penalties_per_person_and_unit(staffed):
    with unit_of_work(staffed) as uow:
        duties.add_reward(
            uow, subject="一坊", subject_kind="单位", kind="通报表彰", reason="整改及时", day="2026-03-01"
        )
        duties.add_reward(
            uow, subject="钱巡查", subject_kind="个人", kind="评先评奖", reason="检查认真", day="2026-04-01"
        )
    revoked, warnings = in_unit(
        staffed,
        lambda uow: duties.add_reward(
            uow, subject="钱巡查", subject_kind="个人", kind="取消评先", reason="漏查", day="2026-06-01"
        ),
    )
    assert (revoked.kind, revoked.year) == ("03", 2026)
    assert warnings == ["钱巡查 本年已评先评奖, 取消评先后该评先随之作废"]
    with pytest.raises(ValidationError, match="钱巡查 已被取消 2026 年评先资格, 不能评先评奖"):
        run_service(staffed, duties.add_reward, subject="钱巡查", subject_kind="个人", kind="评先评奖", reason="x")
    with pytest.raises(ValidationError, match="停工并追责针对相关人员"):
        run_service(staffed, duties.add_reward, subject="一坊", subject_kind="单位", kind="停工", reason="较大火灾")
    with pytest.raises(ValidationError, match="对象类别「集体」应为 个人 或 单位"):
        run_service(staffed, duties.add_reward, subject="一坊", subject_kind="集体", kind="通报表彰", reason="x")
    with pytest.raises(ValidationError, match="「事由」不能为空"):
        run_service(staffed, duties.add_reward, subject="一坊", subject_kind="单位", kind="通报表彰", reason=" ")
    run_service(
        staffed, duties.add_reward, subject="孙巡查", subject_kind="个人", kind="停工", reason="导致较大火灾事故"
    )
    with read_unit(staffed) as uow:
        person = [(r.record_date.isoformat(), r.kind) for r in duties.rewards(uow, subject="钱巡查")]
        everyone = [(r.subject, r.subject_kind, r.kind) for r in duties.rewards(uow, year=2026)]
    assert person == [("2026-04-01", "02"), ("2026-06-01", "03")]
    assert everyone == [
        ("一坊", "单位", "01"),
        ("钱巡查", "个人", "02"),
        ("钱巡查", "个人", "03"),
        ("孙巡查", "个人", "04"),
    ]
