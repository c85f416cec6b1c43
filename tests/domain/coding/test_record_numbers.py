"""户籍编号 / 场所编号 / 常住编号 formats, widening, sorting and skipping taken numbers."""

from __future__ import annotations

import pytest

from gridcore.domain.coding import (
    household_number,
    next_free,
    numeric_suffix,
    premises_number,
    record_number,
    resident_number,
    sort_key,
)


def test_household_numbers_from_the_manual() -> None:
    assert [household_number("HQDY", seq) for seq in (1, 2, 3)] == ["HQDY001", "HQDY002", "HQDY003"]
    assert premises_number("HQDY", 1) == "HQDY001"


def test_household_number_widens_past_999() -> None:
    assert household_number("HQDY", 999) == "HQDY999"
    assert household_number("HQDY", 1000) == "HQDY1000"


def test_resident_numbers() -> None:
    assert resident_number("HQDY001", 1) == "HQDY00101"
    assert resident_number("HQDY001", 99) == "HQDY00199"
    assert resident_number("HQDY001", 100) == "HQDY001100"


@pytest.mark.parametrize(("prefix", "seq", "width"), [("", 1, 3), ("HQ", 0, 3), ("HQ", -1, 3), ("HQ", 1, 0)])
def test_bad_arguments(prefix: str, seq: int, width: int) -> None:
    with pytest.raises(ValueError, match=r"prefix|start at 1|width"):
        record_number(prefix, seq, width=width)


@pytest.mark.parametrize(
    ("number", "prefix", "suffix"),
    [
        ("HQDY012", "HQDY", 12),
        ("HQDY1000", "HQDY", 1000),
        ("hqdy007", "HQDY", 7),
        ("HQDY00101", "HQDY001", 1),
        ("HQDX001", "HQDY", None),
        ("HQDY", "HQDY", None),
        ("HQDYA01", "HQDY", None),
        ("HQDY001", "", None),
    ],
)
def test_numeric_suffix(number: str, prefix: str, suffix: int | None) -> None:
    assert numeric_suffix(number, prefix) == suffix


def test_sort_by_prefix_then_number_not_lexicographically() -> None:
    numbers = ["HQDY1000", "HQDY002", "HQDX005", "HQDY999", "HQDY001", "HQDY"]
    assert sorted(numbers) != sorted(numbers, key=sort_key)
    assert sorted(numbers, key=sort_key) == ["HQDX005", "HQDY", "HQDY001", "HQDY002", "HQDY999", "HQDY1000"]


def test_sort_key_breaks_ties_on_the_text() -> None:
    assert sorted(["HQDY001", "HQDY01"], key=sort_key) == ["HQDY001", "HQDY01"]


def test_next_free_skips_taken_numbers() -> None:
    taken = {"HQDY004", "HQDY005"}
    assert next_free("HQDY", 3, taken.__contains__) == "HQDY003"
    assert next_free("HQDY", 4, taken.__contains__) == "HQDY006"
    assert next_free("HQDY001", 1, {"HQDY00101"}.__contains__, width=2) == "HQDY00102"


def test_next_free_guards_against_prefix_ambiguity() -> None:
    # Compound HQD1 already issued HQD1001; compound HQD reaching 1001 must skip it.
    taken = {"HQD1001"}
    assert next_free("HQD", 1001, taken.__contains__) == "HQD1002"


def test_next_free_gives_up(monkeypatch: pytest.MonkeyPatch) -> None:
    from gridcore.domain.coding import record_numbers

    monkeypatch.setattr(record_numbers, "NEXT_FREE_LIMIT", 10)
    with pytest.raises(ValueError, match="all taken"):
        next_free("HQ", 1, lambda number: True)
