"""The replaceable coding rule and the public API of the package."""

from __future__ import annotations

from gridcore.domain import coding
from gridcore.domain.coding import DEFAULT_READINGS, CodeRule, PinyinCodeRule


class DivisionCodeRule:
    """What an edition might contribute: codes from a GB/T 2260-style division table."""

    def __init__(self, divisions: dict[str, str]) -> None:
        self.divisions = divisions

    def community_code(self, name: str) -> str:
        return self.divisions[name]

    def compound_code(self, community_code: str, name: str) -> str:
        return community_code + self.divisions[name]

    def candidates(self, name: str) -> list[str]:
        return [self.divisions[name]]


def test_default_rule() -> None:
    rule = PinyinCodeRule()
    assert isinstance(rule, CodeRule)
    assert rule.community_code("红旗社区") == "HQ"
    assert rule.compound_code("HQ", "第一小区") == "HQDY"
    assert rule.candidates("锦厦社区") == ["JX", "JS"]


def test_default_rule_with_edition_readings() -> None:
    rule = PinyinCodeRule(readings=DEFAULT_READINGS.extended({"锦厦": "JS"}))
    assert rule.community_code("锦厦社区") == "JS"
    assert rule.candidates("锦厦社区") == ["JS", "JX"]


def test_an_edition_rule_satisfies_the_protocol() -> None:
    rule: CodeRule = DivisionCodeRule({"红旗社区": "110105001001", "第一小区": "01"})
    assert isinstance(rule, CodeRule)
    assert rule.compound_code(rule.community_code("红旗社区"), "第一小区") == "11010500100101"


def test_public_api_is_exported() -> None:
    for name in coding.__all__:
        assert getattr(coding, name) is not None
    assert not any(name.startswith("_") for name in coding.__all__)
